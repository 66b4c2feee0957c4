# Converge — les activités (français).

note-merged-count = { $count } notes fusionnées
note-anonymous = anonyme

## Erreurs des activités
error-invalid_config = Ce réglage n’est pas valable : vérifiez les valeurs saisies.
error-activity_has_contributions = Cette activité a déjà reçu des contributions : elle reste à l’ordre du jour.
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
error-round_ideas_spent = Vous avez écrit les { $max } idées permises pour ce tour ; attendez le tour suivant.
error-wrong_activity_kind = Cette action ne s’applique pas à ce type d’activité.

## Accueil du participant
participant-your-table = Vous êtes à la table { $table }.
participant-go-to = Aller à « { $title } »
participant-leave-hint = Vous devez vous absenter ? Dites-le : le brainwriting continue sans vous et vous retrouverez votre place.
participant-leave-button = Je m’absente
participant-away-notice = Vous êtes noté·e absent·e.
participant-return-button = Je suis de retour

activity-source-prompts = Les questions de départ
