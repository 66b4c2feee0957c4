# A workshop's own image decks (photo language): uploading, removing, choosing in the settings.

decks-own-heading = This workshop's cards
decks-in-use = This activity uses these cards.
decks-not-in-use = For participants to pick among these cards, choose this deck in the activity's settings.
decks-card-picked = Picked: it stays
decks-remove-button = Remove
decks-title-label = Card title (it also describes the image)
decks-file-label = Image (PNG, JPEG or WebP)
decks-limits-hint = At most { $megabytes } MB and { $pixels } pixels on each side. The image is scaled down and its metadata (GPS position, camera) removed.
decks-upload-button = Add the card
decks-full = This deck already has { $max } cards, the maximum.
decks-settings-label = Image deck
decks-settings-hint = Add your own cards on the activity's page, then choose the workshop's deck here.
decks-builtin-option = Deck shipped with Converge ({ $count } cards)
decks-own-name = The workshop's deck
decks-deck-option = { $name } ({ $count ->
    [one] { $count } card
   *[other] { $count } cards
})

error-image_type_unsupported = This file is not an image we accept: send a PNG, JPEG or WebP image.
error-image_too_large = This image is too large: at most { $pixels } pixels on each side, and about 16 megapixels. Make it smaller and try again.
error-image_file_too_large = This file is too large: at most { $megabytes } MB.
error-image_undecodable = This image could not be read; the file may be damaged or incomplete.
error-invalid_deck_name = A deck name may only hold lower-case letters without accents, digits, "-" and "_"; "builtin" is reserved.
error-invalid_card_id = This card's identifier is not valid.
error-unknown_card = This card is not in the activity's deck.
error-duplicate_card = A card of this workshop already has this identifier.
error-deck_full = A deck holds at most { $max } cards.
error-card_picked = Someone picked this card: it stays in the deck.
