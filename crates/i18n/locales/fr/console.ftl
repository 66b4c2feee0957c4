# Converge — la console d’animation (français).

## Ordre du jour
console-day = Jour { $day }
console-minutes = { $minutes } min
console-contributions-count = { $count ->
    [0] aucune contribution
    [one] { $count } contribution
   *[other] { $count } contributions
}
console-focused = tous les écrans ici
console-focus-button = Envoyer tous les écrans ici
console-focus-on = Tous les écrans sont sur « { $title } ».
console-focus-release = Libérer les écrans
console-timer-start = Lancer le minuteur
console-timer-pause = Pause
console-timer-extend = +1 min
console-move-up = ↑ Monter
console-move-down = ↓ Descendre
console-remove = Retirer
console-add-activity-heading = Ajouter une activité
console-activity-kind-label = Type d’activité
console-activity-title-label = Titre
console-activity-prompt-label = Consigne
console-add-activity-button = Ajouter à l’ordre du jour

## Types d’activités
activity-kind-photo_language = Photolangage
activity-kind-swot = SWOT
activity-kind-challenges = Défis
activity-kind-reformulate = Reformulation
activity-kind-categorize = Tri en catégories
activity-kind-brainwriting = Brainwriting
activity-kind-assess = Évaluation multicritère
activity-kind-vote = Vote
activity-kind-action_plan = Plan d’action
activity-kind-risk_map = Carte des risques
activity-kind-opinion_map = Carte des opinions

## La salle
console-table = Table { $table }
console-table-label = Table
console-no-table = Sans table
console-seat-button = Placer
console-mark-absent = Absent·e
console-mark-present = De retour
console-tables-heading = Tables
console-tables-hint = Répartit les participants présents en tables qui mélangent les services autant que possible. Chacun peut ensuite être déplacé à la main.
console-table-size-label = Personnes par table
console-form-tables-button = Former les tables

## Réglages d’une activité
activity-settings-heading = Réglages de l’activité
settings-minutes-label = Durée prévue (minutes)
settings-anonymous-label = Contributions anonymes
activity-anonymous-notice = Anonyme : personne ne voit qui a écrit quoi, pas même l’animation ; chacun voit ce qu’il a écrit.
settings-sources-label = Travaille sur les contributions de
settings-categories-label = Catégories (une par ligne)
settings-criteria-label = Critères (une ligne par critère : clé | nom | poids)
settings-ideas-per-round-label = Idées par personne et par tour
settings-round-minutes-label = Durée d’un tour (minutes)
settings-save-button = Enregistrer

## Minuteur
timer-label = Temps restant
timer-over = Temps écoulé
timer-over-locked = Temps écoulé : l’envoi est fermé
timer-paused = (en pause)

## Évaluation et vote
settings-vote-method-label = Méthode de vote
settings-dots-budget-label = Gommettes par personne (vote par gommettes)
settings-dots-cap-label = Gommettes au plus par idée
settings-grades-label = Nombre de mentions (jugement majoritaire)
vote-method-dots = Vote par gommettes
vote-method-approval = Vote par approbation
vote-method-score = Vote par notes
vote-method-majority_judgment = Jugement majoritaire
vote-method-plurality = Scrutin majoritaire à un tour
vote-method-borda = Méthode de Borda
vote-method-instant_runoff = Vote alternatif (éliminations successives)
vote-method-copeland = Méthode de Copeland
vote-method-schulze = Méthode de Schulze
vote-method-minimax = Minimax
vote-method-bradley_terry = Comparaisons par paires (Bradley–Terry)
settings-rank-by-median-label = Classer par la note médiane plutôt que par la moyenne (un votant extrême ne peut pas tirer le résultat)
settings-thresholds-hint = La matrice impact / faisabilité sépare les idées « hautes » des « basses » à ces seuils (par défaut, le milieu de l’échelle, 3).
settings-impact-threshold-label = Seuil d’impact (1 à 5)
settings-feasibility-threshold-label = Seuil de faisabilité (1 à 5)

console-merge-participant-hint = Un doublon (la même personne, entrée deux fois) : ses contributions signées et sa place rejoignent la personne choisie. Impossible s’il a voté, noté ou écrit anonymement : la fusion révélerait ses choix.
console-merge-participant-label = C’est en fait
console-merge-participant-button = Fusionner
console-remove-participant = Retirer…
console-remove-participant-hint = La personne quitte l’atelier : son lien ne fonctionne plus et elle ne peut plus agir. Ce qu’elle a écrit reste ; le retrait est consigné. Pour qu’elle ne revienne pas, verrouillez les entrées ou changez le code.
console-remove-participant-button = Retirer de l’atelier
console-joining-locked = Les entrées sont verrouillées : personne de nouveau ne peut rejoindre.
console-joining-lock = Verrouiller les entrées
console-joining-unlock = Rouvrir les entrées
console-new-code = Nouveau code…
console-new-code-hint = Le code et le QR code actuels cessent aussitôt de fonctionner ; les personnes déjà entrées restent.
console-new-code-button = Remplacer le code
projection-controls-label = Écran de projection :
projection-spotlight-on = En plein écran : « { $text } »
projection-spotlight-off = Revenir au tableau
projection-spotlight-button = Projeter
projection-join-panel = Code pour rejoindre :
projection-join-panel-auto = automatique
projection-join-panel-large = en grand
projection-join-panel-hidden = masqué
projection-names-hide = Masquer les noms
projection-names-show = Afficher les noms
projection-zoom-label = Zoom :
projection-zoom-whole = tout le tableau
projection-zoom-button = Zoomer
board-export-svg = Image (SVG)
board-export-png = Image (PNG)

## L’étape suivante : changer d’activité en un clic
console-next-step = Étape suivante : { $title }
console-next-step-intro = En un clic :
console-next-step-closes = clôture « { $title } »
console-next-step-opens = ouvre « { $title } »
console-next-step-screens = y envoie tous les écrans
console-next-step-timer = lance son minuteur ({ $minutes } min)
console-next-step-start-sheets = Étape suivante : distribuer les feuilles
console-next-step-pass-sheets = Étape suivante : passer les feuilles (tour { $round } sur { $rounds })
console-next-step-sheets-handed = chaque table reçoit ses feuilles, le premier tour commence
console-next-step-sheets-passed = chaque feuille passe à la personne suivante de sa table
console-next-step-after-sheets = Après le dernier tour, l’étape suivante sera « { $title } ».
console-next-step-shortlist = Étape suivante : choisir les idées de « { $title } »
console-next-step-shortlist-hint = « { $title } » travaille sur une sélection faite à la main, encore vide : cochez les idées à reprendre et enregistrez, puis l’étape suivante l’ouvrira.
error-no_next_activity = L’ordre du jour n’a plus d’activité après celle-ci.
error-not_the_next_activity = L’ordre du jour a avancé entre-temps : l’étape suivante ne mène plus à cette activité. Revenez à la console pour voir où en est la salle.
error-nothing_shortlisted = La prochaine activité travaille sur une sélection, et aucune idée n’est encore retenue : cochez ses idées d’abord, sur sa page.

console-screen-link-heading = Lien de l’écran
console-screen-link-hint = Pour ouvrir l’écran de projection sans vous connecter : sur un autre ordinateur, la télévision de la salle, ou pour qui suit à distance. Qui a ce lien voit ce que montre l’écran, rien de plus.
console-screen-link-none = Pas de lien pour l’instant : l’écran ne s’ouvre qu’ici, connecté.
console-screen-link-create = Créer un lien de l’écran
console-screen-link-label = Adresse de l’écran
console-screen-link-open = Ouvrir l’écran par ce lien
console-screen-link-renew = Nouveau lien…
console-screen-link-renew-hint = L’adresse actuelle cesse aussitôt de fonctionner, et les écrans qui l’affichent s’arrêtent.
console-screen-link-renew-button = Remplacer le lien
console-screen-link-revoke = Retirer le lien

## The cockpit: the timer's controls, progress, undo, the room's setup.
console-timer-shorten = −1 min
console-timer-resume = Reprendre
console-timer-minutes-label = Durée du minuteur, en minutes
console-timer-lock-label = bloquer l’envoi à zéro
console-lock-at-zero-badge = Envoi bloqué à zéro
settings-lock-at-zero-label = Bloquer l’envoi de contributions quand le minuteur arrive à zéro
console-current-heading = En cours
console-setup-heading = Salle, écran et rapport
console-progress-contributed = { $done } sur { $present } { $done ->
    [one] a contribué
   *[other] ont contribué
}
console-progress-finished-round = { $done } sur { $present } { $done ->
    [one] a fini ce tour
   *[other] ont fini ce tour
}
console-progress-voted = { $done } sur { $present } { $done ->
    [one] a voté
   *[other] ont voté
}
console-progress-assessed = { $done } sur { $present } { $done ->
    [one] a évalué
   *[other] ont évalué
}
console-progress-rated = { $done } sur { $present } { $done ->
    [one] a évalué les risques
   *[other] ont évalué les risques
}
console-undo-label = Annuler :
console-undo-activity_removed = Annuler la suppression de « { $what } »
console-undo-activity_moved = Annuler le déplacement de « { $what } »
console-undo-contribution_moved = Annuler le déplacement de la note « { $what } »
console-undo-contribution_categorized = Annuler le classement de la note « { $what } »
console-undo-contributions_merged = Annuler la fusion dans la note « { $what } »
## Ce qu'une activité prend de ses sources
settings-take-label = Ce qu’elle prend de ses sources
settings-take-all = tout
settings-take-shortlist = la sélection de l’animateur
settings-take-top = les mieux classées
settings-take-dots = celles qui ont assez de gommettes
settings-take-categories = une feuille par catégorie
settings-take-number-label = Combien (les N mieux classées, ou le minimum de gommettes)
settings-take-hint = Ce qu’elle prend est fixé et inscrit au journal quand elle s’ouvre : un classement qui change ensuite ne le modifie plus.
selection-preview = { $count ->
    [one] { $count } idée retenue sur { $total }
   *[other] { $count } idées retenues sur { $total }
}
selection-recorded = { $count ->
    [one] { $count } idée reprise sur { $total }, inscrite à l’ouverture
   *[other] { $count } idées reprises sur { $total }, inscrites à l’ouverture
}
selection-rule-top = les { $n } mieux classées
selection-rule-dots = au moins { $k } gommettes
selection-score = note { $score }
selection-dots = { $count ->
    [one] { $count } gommette
   *[other] { $count } gommettes
}
shortlist-heading = Sélection à la main
shortlist-hint = Cochez les idées sur lesquelles la salle travaillera. La sélection peut être revue jusqu’à l’ouverture de l’activité.
shortlist-empty = Les sources n’ont encore rien produit.
shortlist-save-button = Enregistrer la sélection
shortlist-saved = Sélection enregistrée :
shortlist-confirm-empty = Aucune idée n’est cochée : « { $title } » n’aurait plus rien sur quoi travailler. Vider la sélection quand même ?
shortlist-confirm-empty-button = Vider la sélection
