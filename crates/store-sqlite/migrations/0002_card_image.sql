-- Images of the cards a facilitator uploads to a workshop's own photo-language deck.
--
-- They live beside the log, not in it, for the same reason as personal data: an event is hashed,
-- folded, exported and verified by everyone, and megabytes of pixels in it would make all of
-- that slow. The log's `deck_card_added` event records the image's SHA-256, so an export still
-- names exactly which image was shown, and `sha256` here lets anyone check the stored bytes
-- against it.
--
-- Only re-encoded images get here (PNG written by Converge itself, without metadata), so the
-- bytes are safe to serve as they are. One row per card; a card id is unique in its workshop.
-- No foreign key to `workshop`, as for `event` and `participant_profile`: the log stands alone.
--
-- This script runs inside the migration transaction together with `pragma user_version = 2`.
create table card_image (
    workshop_id  text    not null,
    card_id      text    not null,
    sha256       text    not null, -- hex SHA-256 of `bytes`, as in the log's event
    content_type text    not null, -- e.g. image/png, sent as the Content-Type when served
    bytes        blob    not null,
    primary key (workshop_id, card_id)
);
