# Converge — votes et évaluation multicritère (français).

## Erreurs du domaine propres aux votes
error-invalid_ballot = Ce bulletin n’est pas valable pour ce vote.
error-not_an_item = Cette idée ne fait pas partie de celles à évaluer.
error-activity_still_open = L’activité est encore ouverte : fermez-la avant d’enregistrer ses résultats.

## Bulletins refusés, par raison
votes-refused-unknown_item = Une des idées de votre bulletin ne fait pas partie de ce vote.
votes-refused-over_cap = Vous avez mis trop de gommettes sur une même idée.
votes-refused-over_budget = Vous avez dépensé plus de gommettes que vous n’en avez : retirez-en quelques-unes.
votes-refused-out_of_range = Une note est en dehors de l’échelle proposée.
votes-refused-incomplete = Donnez une mention à chaque idée avant d’envoyer votre bulletin.
votes-refused-duplicate_rank = Une idée apparaît deux fois dans votre classement.
votes-refused-empty = Votre bulletin est vide : classez ou notez au moins une idée.
votes-refused-same_item = Choisissez entre deux idées différentes.
votes-refused-not_a_number = Saisissez des nombres entiers.
votes-refused-unknown_criterion = Ce critère ne fait pas partie de cette évaluation.

## Bulletins
votes-no-items = Il n’y a pas encore d’idées à départager : elles viennent des activités choisies par l’animateur.
votes-no-sources-facilitator = Cette activité ne reprend encore aucune idée : cochez dans les réglages ci-dessous les activités dont elle reprend les notes.
votes-not-open = Le vote se fait pendant que l’activité est ouverte.
votes-how-dots = Répartissez vos { $budget } gommettes entre les idées, au plus { $cap } par idée.
votes-how-approval = Cochez toutes les idées que vous soutenez.
votes-how-score = Notez chaque idée de { $min } à { $max } ; vous pouvez en laisser sans note.
votes-how-majority_judgment = Donnez une mention à chaque idée, de « À rejeter » à « Très bien ».
votes-how-ranked = Classez les idées : 1 pour votre préférée ; deux idées au même rang sont ex aequo ; laissez vide ce que vous ne voulez pas classer.
votes-how-bradley_terry = Deux idées à la fois : choisissez celle que vous préférez. Répondez à autant de paires que vous voulez.
votes-ballot-recorded = Votre bulletin est enregistré. Vous pouvez le modifier jusqu’à la fermeture du vote.
votes-submit = Envoyer mon bulletin
votes-submit-again = Remplacer mon bulletin
# $remaining choisit la forme du pluriel ; $shown est le nombre écrit (un emplacement dans
# les modèles que le script de la page remplit à mesure que les gommettes sont placées).
votes-dots-remaining = { $remaining ->
    [one] Il vous reste { $shown } gommette sur { $budget }.
   *[other] Il vous reste { $shown } gommettes sur { $budget }.
}
votes-dots-over = { $over ->
    [one] Vous avez placé { $shown } gommette de plus que vos { $budget } : retirez-la avant d’envoyer.
   *[other] Vous avez placé { $shown } gommettes de plus que vos { $budget } : retirez-en { $shown } avant d’envoyer.
}
# Les boutons − et + de chaque idée (le vote par gommettes au toucher) ; ce que le lecteur
# d’écran annonce après chaque toucher ($count choisit le pluriel, $shown est le nombre écrit).
votes-dots-add = Ajouter une gommette à « { $item } »
votes-dots-remove = Retirer une gommette de « { $item } »
votes-dots-on-item = { $count ->
    [one] { $shown } gommette sur « { $item } ».
   *[other] { $shown } gommettes sur « { $item } ».
}
votes-no-score = sans note
votes-rank-hint = Choisissez un rang pour chaque idée à classer.
votes-unranked = non classée
votes-pairs-answered = { $count ->
    [0] Aucune paire comparée pour l’instant.
    [one] Vous avez comparé { $count } paire.
   *[other] Vous avez comparé { $count } paires.
}
votes-pair-question = Laquelle préférez-vous ?
votes-turnout = { $count ->
    [0] Aucun bulletin pour l’instant ({ $room } participants).
    [one] { $count } participant sur { $room } a voté.
   *[other] { $count } participants sur { $room } ont voté.
}

## Mentions du jugement majoritaire (de la plus basse à la plus haute)
votes-grade6-0 = À rejeter
votes-grade6-1 = Insuffisant
votes-grade6-2 = Passable
votes-grade6-3 = Assez bien
votes-grade6-4 = Bien
votes-grade6-5 = Très bien
votes-grade-numbered = Mention { $grade }/{ $max }
votes-grade-count = { $grade } : { $count }
votes-median-line = Le trait vertical marque la médiane : la mention majoritaire est celle qu’il traverse.

## Résultats
votes-results-heading = Résultats
votes-frozen-badge = Enregistré à la clôture
votes-provisional-badge = Décompte provisoire
votes-ballots-count = { $count ->
    [0] aucun bulletin
    [one] { $count } bulletin
   *[other] { $count } bulletins
}
votes-results-impossible = Le décompte est impossible : les idées ont changé depuis le vote.
votes-tie = ex aequo
votes-quoted = « { $text } »
votes-score-dots = { $count ->
    [one] { $count } gommette
   *[other] { $count } gommettes
}
votes-score-approval = { $count ->
    [one] { $count } approbation
   *[other] { $count } approbations
}
votes-score-plurality = { $count ->
    [one] { $count } premier choix
   *[other] { $count } premiers choix
}
votes-score-borda = { $count } points de Borda
votes-score-copeland = score de Copeland { $count }
votes-score-minimax = pire défaite : { $count } voix d’écart
votes-score-mean = moyenne { $mean }
votes-score-grade = mention majoritaire : { $grade }
votes-score-runoff = { $count } voix au tour { $round }
votes-score-strength = force { $strength }
votes-rest-dots = { $count ->
    [one] et 1 autre idée n’a reçu aucune gommette
   *[other] et { $count } autres idées n’ont reçu aucune gommette
}
votes-rest-approval = { $count ->
    [one] et 1 autre idée n’a reçu aucune approbation
   *[other] et { $count } autres idées n’ont reçu aucune approbation
}
votes-rest-plurality = { $count ->
    [one] et 1 autre idée n’a été le premier choix de personne
   *[other] et { $count } autres idées n’ont été le premier choix de personne
}
results-rest-elsewhere = { $count ->
    [one] et 1 autre idée, au classement complet sur les téléphones et dans le rapport
   *[other] et { $count } autres idées, au classement complet sur les téléphones et dans le rapport
}
votes-gap = { $gap } d’avance sur le rang suivant
votes-gap-probability = l’emporterait sur le rang suivant dans { $percent } % des duels

## Comment le gagnant a été désigné (une phrase par méthode)
votes-explain-none = Aucun bulletin pour l’instant : pas encore de gagnant.
votes-explain-dots = { $count ->
    [one] { $winner } l’emporte : c’est l’idée qui a reçu le plus de gommettes ({ $score }).
   *[other] Ex aequo : { $winner } ont reçu le même nombre de gommettes ({ $score }), le plus élevé.
}
votes-explain-approval = { $count ->
    [one] { $winner } l’emporte : c’est l’idée approuvée par le plus de participants ({ $score }).
   *[other] Ex aequo : { $winner } sont approuvées par autant de participants ({ $score }), le plus grand nombre.
}
votes-explain-score = { $count ->
    [one] { $winner } l’emporte : c’est l’idée qui a la meilleure note moyenne ({ $score }).
   *[other] Ex aequo : { $winner } ont la même note moyenne ({ $score }), la meilleure.
}
votes-explain-majority_judgment = { $count ->
    [one] { $winner } l’emporte au jugement majoritaire : au moins la moitié des votants lui donnent « { $grade } » ou mieux, la meilleure mention majoritaire ; les mentions majoritaires égales sont départagées en retirant une à une les mentions médianes (règle de Balinski et Laraki).
   *[other] Ex aequo au jugement majoritaire : { $winner } ont la même mention majoritaire, « { $grade } », et des répartitions de mentions identiques, que rien ne départage.
}
votes-explain-plurality = { $count ->
    [one] { $winner } l’emporte : c’est l’idée classée première par le plus de votants ({ $score }).
   *[other] Ex aequo : { $winner } sont classées premières par autant de votants ({ $score }).
}
votes-explain-borda = { $count ->
    [one] { $winner } l’emporte : sur chaque bulletin, une idée gagne un point par idée classée derrière elle et en perd un par idée classée devant, et elle obtient le meilleur total ({ $score }).
   *[other] Ex aequo : { $winner } totalisent autant de points de Borda ({ $score }), le plus grand nombre.
}
votes-explain-instant_runoff = { $count ->
    [one] { $winner } l’emporte (tours de dépouillement : { $score }) : à chaque tour, l’idée qui a le moins de premiers choix est éliminée et ses bulletins passent au choix suivant.
   *[other] Ex aequo : { $winner } restent à égalité au dernier des { $score } tours d’éliminations successives.
}
votes-explain-copeland = { $count ->
    [one] { $winner } l’emporte : en comparant les idées deux à deux, c’est elle qui gagne le plus de duels moins les duels perdus (score { $score }).
   *[other] Ex aequo : { $winner } ont le même bilan de duels gagnés moins perdus (score { $score }).
}
votes-explain-schulze = { $count ->
    [one] { $winner } l’emporte par la méthode de Schulze : face à chaque autre idée, la plus forte chaîne de duels gagnés passe par elle.
   *[other] Ex aequo par la méthode de Schulze : { $winner } ne se départagent pas par les chaînes de duels gagnés.
}
votes-explain-minimax = { $count ->
    [one] { $winner } l’emporte : sa pire défaite en duel est la moins lourde ({ $score } voix d’écart).
   *[other] Ex aequo : { $winner } ont une pire défaite en duel aussi légère ({ $score } voix d’écart).
}
votes-explain-bradley_terry = { $count ->
    [one] { $winner } l’emporte : d’après les comparaisons par paires de { $ballots } participants, c’est l’idée qui a la plus grande force estimée (modèle de Bradley–Terry).
   *[other] Ex aequo : { $winner } ont la même force estimée d’après les comparaisons par paires (modèle de Bradley–Terry).
}
votes-explain-assessment = { $count ->
    [one] { $winner } arrive en tête : c’est l’idée qui a la meilleure note pondérée ({ $score } sur 5), moyenne de ses notes sur chaque critère selon leur poids.
   *[other] Ex aequo : { $winner } ont la même note pondérée ({ $score } sur 5), la meilleure.
}

## Évaluation multicritère
assess-no-items = Il n’y a pas encore d’idées à évaluer : elles viennent des activités choisies par l’animateur.
assess-not-open = L’évaluation se fait pendant que l’activité est ouverte.
assess-progress = { $done }/{ $total } idées évaluées
assess-all-done = Vous avez évalué toutes les idées. Vous pouvez encore modifier vos notes jusqu’à la fermeture.
assess-nav-label = Idées à évaluer
assess-assessed-mark = (évaluée)
assess-item-position = Idée { $position } sur { $total }
assess-scale-hint = 1 = très faible, 5 = très fort. Un critère laissé vide ne compte pas.
assess-save = Enregistrer et passer à la suivante
assess-save-again = Mettre à jour mes notes
assess-criteria-intro = Chaque idée est notée de 1 à 5 sur ces critères :
assess-weight = (poids { $weight })
assess-assessors = { $count ->
    [0] Personne n’a encore évalué.
    [one] { $count } participant a évalué.
   *[other] { $count } participants ont évalué.
}
assess-weighted = Note pondérée
assess-median = médiane { $median }
assess-table-hint = Pour chaque critère : la moyenne, puis la médiane.
assess-matrix-heading = Matrice impact / faisabilité
assess-axis-impact = Impact
assess-axis-feasibility = Faisabilité
assess-quadrant-quick_win = Gains rapides
assess-quadrant-big_bet = Paris audacieux
assess-quadrant-fill_in = Compléments
assess-quadrant-money_pit = Gouffres financiers
assess-quadrant-not_assessed = Non évaluée
votes-rank-drag-hint = Ou faites glisser les idées par leur poignée dans votre ordre, la meilleure en premier : chaque idée reçoit alors un rang, sans ex æquo.
votes-rank-handle = Glisser pour réordonner
votes-rank-moved = « { $item } » est maintenant numéro { $position } sur { $total }.
votes-results-at-close = Le décompte apparaît à la clôture de l’activité : suivi bulletin par bulletin, il dirait qui a voté quoi. En attendant, la participation ci-dessus indique combien ont répondu.
