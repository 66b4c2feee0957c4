# Converge — les tableaux des activités divergentes : photolangage, SWOT, défis, reformulation (français).

## Photolangage
board-gallery-heading = Galerie
board-gallery-empty = Aucune image choisie pour l’instant.
board-card-picker-legend = Choisissez une image
board-card-pick-count = { $count ->
    [one] choisie une fois
   *[other] choisie { $count } fois
}
board-card-missing = Image indisponible

## SWOT
board-swot-heading = Tableau SWOT
board-swot-strengths = Forces
board-swot-weaknesses = Faiblesses
board-swot-opportunities = Opportunités
board-swot-threats = Menaces
board-quadrant-empty = Aucune note ici pour l’instant.
board-move-label = Déplacer vers
board-move-button = Déplacer

## Défis
board-challenges-heading = Défis
board-merge-label = Doublon de
board-merge-button = Fusionner
board-reformulated-as = Reformulé en :

## Reformulation
board-reformulations-heading = Reformulations
board-challenge-picker-legend = Quel défi reformulez-vous ?
board-no-challenges = Aucun défi à reformuler pour l’instant.
board-reformulate-hint = Écrivez une question qui appelle des actions, par exemple « Comment pourrions-nous… ? »
board-source-challenge = Défi d’origine
