# Les jeux d’images propres à un atelier (langage photo) : envoi, retrait, choix dans les réglages.

decks-own-heading = Les cartes de cet atelier
decks-in-use = Cette activité utilise ces cartes.
decks-not-in-use = Pour que les participants choisissent parmi ces cartes, choisissez ce jeu dans les réglages de l’activité.
decks-card-picked = Choisie : elle reste
decks-remove-button = Retirer
decks-title-label = Titre de la carte (il décrit aussi l’image)
decks-file-label = Image (PNG, JPEG ou WebP)
decks-limits-hint = { $megabytes } Mo au plus, { $pixels } pixels de côté au plus. L’image est réduite et ses métadonnées (position GPS, appareil) sont retirées.
decks-upload-button = Ajouter la carte
decks-full = Ce jeu compte déjà { $max } cartes, le maximum.
decks-settings-label = Jeu d’images
decks-settings-hint = Ajoutez vos propres cartes sur la page de l’activité, puis choisissez ici le jeu de l’atelier.
decks-builtin-option = Jeu fourni avec Converge ({ $count } cartes)
decks-own-name = Jeu de l’atelier
decks-deck-option = { $name } ({ $count ->
    [one] { $count } carte
   *[other] { $count } cartes
})

error-image_type_unsupported = Ce fichier n’est pas une image que nous acceptons : envoyez une image PNG, JPEG ou WebP.
error-image_too_large = Cette image est trop grande : { $pixels } pixels de côté au plus, et environ 16 mégapixels. Réduisez-la puis réessayez.
error-image_file_too_large = Ce fichier est trop volumineux : { $megabytes } Mo au plus.
error-image_undecodable = Cette image n’a pas pu être lue ; le fichier est peut-être abîmé ou incomplet.
error-invalid_deck_name = Le nom d’un jeu ne peut contenir que des lettres minuscules sans accent, des chiffres, « - » et « _ » ; « builtin » est réservé.
error-invalid_card_id = L’identifiant de cette carte n’est pas valide.
error-unknown_card = Cette carte ne fait pas partie du jeu de l’activité.
error-duplicate_card = Une carte porte déjà cet identifiant dans cet atelier.
error-deck_full = Un jeu compte { $max } cartes au plus.
error-card_picked = Quelqu’un a choisi cette carte : elle reste dans le jeu.
