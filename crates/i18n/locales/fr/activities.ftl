# Converge — les activités (français).

note-merged-count = { $count } notes fusionnées
note-anonymous = anonyme

## Erreurs des activités
error-invalid_config = Ce réglage n’est pas valable : vérifiez les valeurs saisies.
error-activity_has_contributions = La salle a déjà écrit ou voté dans cette activité : elle reste à l’ordre du jour.
error-position_out_of_range = Cette place n’existe pas dans l’ordre du jour.
error-timer_not_running = Le minuteur ne tourne pas.
error-timer_already_running = Le minuteur tourne déjà.
error-duplicate_seat = Une personne figure deux fois dans les tables.
error-unknown_table = Cette table n’existe pas.
error-invalid_merge = Ces notes ne peuvent pas être fusionnées ainsi.
error-unknown_category = Cette catégorie n’existe pas dans cette activité.
error-not_a_source = Cette note ne fait pas partie de celles que cette activité trie.
error-card_required = Choisissez une image.
error-source_challenge_required = Choisissez le défi que vous reformulez.
error-brainwriting_not_started = Le brainwriting n’a pas encore commencé.
error-brainwriting_already_started = Le brainwriting a déjà commencé.
error-no_sheet_this_round = Vous n’avez pas de feuille pendant ce tour.
error-sheet_passed_on = Les feuilles ont tourné pendant que vous écriviez : votre idée n’a pas été déposée. Elle est conservée ci-dessous — envoyez-la sur votre nouvelle feuille si elle s’y prête.
error-round_ideas_spent = Vous avez écrit les { $max } idées permises pour ce tour ; attendez le tour suivant.
error-wrong_activity_kind = Cette action ne s’applique pas à ce type d’activité.

## Accueil du participant
participant-your-table = Vous êtes à la table { $table }.
participant-go-to = Aller à « { $title } »
participant-leave-hint = Vous devez vous absenter ? Dites-le : l’atelier continue sans vous et vous retrouverez votre place.
participant-leave-button = Je m’absente
participant-away-notice = Vous êtes noté·e absent·e.
participant-return-button = Je suis de retour

activity-source-prompts = Les questions de départ

## Réglages refusés, un par un
error-invalid_config-sources = Une activité ne travaille que sur des activités placées avant elle : déplacez d’abord l’activité source, ou retirez-la des sources.
error-invalid_config-minutes = La durée doit être comprise entre 1 et 600 minutes.
error-invalid_config-day = Le jour doit être compris entre 1 et 14.
error-invalid_config-categories = Il faut entre 1 et 12 catégories, chacune avec un nom de 60 caractères au plus, sans doublon.
error-invalid_config-criteria = Chaque critère s’écrit « clé | nom | poids » : une clé en minuscules sans espace, un nom, un poids de 1 à 10 ; 10 critères au plus.
error-invalid_config-brainwriting = Brainwriting : de 1 à 10 idées par tour, des tours de 1 à 60 minutes, des tables de 2 à 12 personnes.
error-invalid_config-deck = Ce jeu de cartes n’existe pas.
error-invalid_config-vote = Réglages du vote : de 1 à 100 gommettes, au plus autant par idée, de 2 à 10 mentions.
error-invalid_config-table_size = Une table compte de 2 à 12 personnes.
error-invalid_config-not_for_kind = Ce réglage appartient à un autre type d’activité.

error-invalid_config-vote_locked = Des bulletins ont déjà été déposés : les règles du vote ne changent plus. Ajoutez un nouveau vote pour voter autrement.
error-invalid_config-anonymity_locked = La salle a vu cette activité comme anonyme : l’anonymat ne peut plus être retiré, cela signerait ce qui a été écrit sous cette promesse.
error-invalid_config-anonymity_fixed_in_brainwriting = Le brainwriting a commencé : son anonymat ne peut plus changer. Ajoutez un autre brainwriting pour le mener autrement.
votes-refused-pair_answered = Vous avez déjà comparé ces deux idées.
error-invalid_config-thresholds = Les seuils de la matrice vont de 1 à 5.
votes-explain-score_median = { $count ->
    [one] { $winner } l’emporte : c’est l’idée qui a la meilleure note médiane ({ $score }) ; la moyenne départage les ex aequo.
   *[other] Ex aequo : { $winner } ont la même note médiane ({ $score }), la meilleure, et la même moyenne.
}
error-time_is_up = Le temps est écoulé : cette activité ne reçoit plus de contributions.
error-nothing_to_undo = Ce déplacement ne peut plus être annulé.
error-shortlist_locked = La sélection ne se fait qu’à la main, pour une activité qui prend « la sélection de l’animateur », et avant sa première ouverture.
error-invalid_config-take = Ce qu’elle prend de ses sources : il faut au moins une source qui s’y prête (un vote ou une évaluation pour un classement, un vote à gommettes pour les gommettes, un classement en catégories pour un brainwriting par catégorie), et un nombre entre 1 et 200.
error-invalid_config-take_locked = Ce qu’elle prend de ses sources a été inscrit à son ouverture : la règle ne change plus.
