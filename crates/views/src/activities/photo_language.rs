//! Photo language: each participant picks an image card from the deck and writes why it shows
//! citizen participation in 2029. The result is a gallery grouped by card: a card picked by
//! several people shows once, with every text written about it and how many picked it.
//!
//! Cards are inlined SVG from the built-in deck (`crate::deck`), or `<img>` of the workshop's
//! own uploaded deck when the activity uses it; the picker is a set of radio buttons whose labels
//! are the images, so it works with a keyboard, a screen reader and no JavaScript.
//!
//! The facilitator's board also manages the workshop's own deck: an upload form (multipart, its
//! CSRF token as the first field, see `security::csrf`) and the cards with their remove buttons. Those forms post to `pages::decks`.

use super::{View, generic};
use crate::deck::{self, Shown};
use crate::layout::csrf_field;
use converge_core::{BUILTIN_DECK, Contribution, DECK_CARDS_MAX, limits};
use converge_engine::cards::{MAX_DIMENSION, MAX_FILE_BYTES};
use converge_i18n::FluentValue;
use maud::{Markup, html};

pub fn participant(view: &View<'_>) -> Markup {
    html! {
        @if view.can_contribute() { (generic::note_form(view, &[card_picker(view)])) }
        div #gallery-live data-live {
            h2 { (view.lang.t("board-gallery-heading")) }
            (gallery(view))
        }
    }
}

/// The gallery with the authors the facilitator may see: it is also the results view. Below it,
/// the workshop's own deck.
pub fn facilitator(view: &View<'_>) -> Markup {
    html! {
        h2 { (view.lang.t("board-gallery-heading")) }
        (gallery(view))
        @if view.is_facilitator() { (own_deck(view)) }
    }
}

/// The deck this activity's uploads go to: the uploaded deck it names, or the workshop's own.
fn upload_deck<'a>(view: &View<'a>) -> &'a str {
    match view.activity.settings.deck() {
        Some(name) if name != BUILTIN_DECK && converge_core::valid_key(name) => name,
        _ => deck::OWN_DECK,
    }
}

/// The workshop's own cards, each with a way to take it out, and the form to add one.
fn own_deck(view: &View<'_>) -> Markup {
    let lang = view.lang;
    let deck_name = upload_deck(view);
    let cards = view.workshop.decks.get(deck_name).map(Vec::as_slice).unwrap_or_default();
    let in_use = view.workshop.uploaded_deck(view.activity).is_some();
    let base = format!("/facilitator/workshops/{}/decks/{deck_name}/cards", view.workshop.id);
    let picked = |card_id: &str| view.workshop.contributions.iter().any(|note| note.card.as_deref() == Some(card_id));
    html! {
        section.card.own-deck #own-deck {
            h3 { (lang.t("decks-own-heading")) }
            p.hint {
                @if in_use { (lang.t("decks-in-use")) } @else { (lang.t("decks-not-in-use")) }
            }
            @if !cards.is_empty() {
                ul.own-deck-cards {
                    @for card in cards {
                        li.own-deck-card data-card=(card.id) {
                            img.card-image src=(deck::image_path(view.workshop.id, &card.id)) alt=(card.title)
                                width=(card.width) height=(card.height) loading="lazy";
                            span.card-title { (card.title) }
                            @if picked(&card.id) {
                                span.badge { (lang.t("decks-card-picked")) }
                            } @else {
                                form.inline method="post" action={ (base) "/" (card.id) "/remove" } {
                                    (csrf_field(view.csrf))
                                    input type="hidden" name="activity_id" value=(view.activity.id);
                                    button.danger.quiet type="submit" { (lang.t("decks-remove-button")) }
                                }
                            }
                        }
                    }
                }
            }
            @if cards.len() < DECK_CARDS_MAX {
                form.stack.upload-card method="post" enctype="multipart/form-data"
                    action=(base) {
                    // The form token first: the check reads it from the start of the upload.
                    (csrf_field(view.csrf))
                    input type="hidden" name="activity_id" value=(view.activity.id);
                    label for="card-title" { (lang.t("decks-title-label")) }
                    input #card-title name="title" required maxlength=(limits::CARD_TITLE_MAX);
                    label for="card-image" { (lang.t("decks-file-label")) }
                    input #card-image type="file" name="image" required accept="image/png,image/jpeg,image/webp";
                    p.hint {
                        (lang.t_args("decks-limits-hint", &[
                            ("megabytes", FluentValue::from(MAX_FILE_BYTES / (1024 * 1024))),
                            ("pixels", FluentValue::from(MAX_DIMENSION)),
                        ]))
                    }
                    button type="submit" { (lang.t("decks-upload-button")) }
                }
            } @else {
                p.muted { (lang.t_args("decks-full", &[("max", FluentValue::from(DECK_CARDS_MAX))])) }
            }
        }
    }
}

pub fn projection(view: &View<'_>) -> Markup {
    gallery(view)
}

/// The deck as a grid of radio buttons, the image being the label.
fn card_picker(view: &View<'_>) -> Markup {
    let lang = view.lang;
    html! {
        fieldset.card-picker {
            legend { (lang.t("board-card-picker-legend")) }
            div.card-grid {
                @for card in deck::for_activity(view.workshop, view.activity) {
                    label.card-choice {
                        input.card-radio type="radio" name="card" value=(card.id()) required
                            checked[view.draft.card == card.id()];
                        (card_image(view, card))
                        span.card-title { (card.title(lang)) }
                    }
                }
            }
        }
    }
}

/// A card's image, described for screen readers: by the deck's text in the page language for
/// ours, by its title for an uploaded one (the facilitator wrote it for the room).
fn card_image(view: &View<'_>, card: Shown<'_>) -> Markup {
    match card {
        Shown::Builtin(card) => html! {
            img.card-image src=(deck::builtin_image_path(card)) alt=(card.alt(view.lang)) width="400" height="300"
                loading="lazy";
        },
        Shown::Uploaded { workshop, card } => html! {
            img.card-image src=(deck::image_path(workshop, &card.id)) alt=(card.title)
                width=(card.width) height=(card.height) loading="lazy";
        },
    }
}

/// The contributions grouped by card, the cards picked most first (then in the order they
/// were first picked, so the gallery does not reshuffle at every note).
/// Up to this many cards, the projection shows them all side by side.
const FEW_CARDS: usize = 4;

fn gallery(view: &View<'_>) -> Markup {
    let groups = groups(view.listed_in(view.activity.id).filter(|note| note.merged_into.is_none()));
    html! {
        @if groups.is_empty() {
            p.muted { (view.lang.t("board-gallery-empty")) }
        } @else {
            // A few cards stand side by side, each paging its own notes, so the room sees every
            // card at once; more cards page as whole cards.
            @if groups.len() <= FEW_CARDS && view.role.is_none() {
                div.gallery.gallery-few {
                    @for (card_id, notes) in &groups {
                        (card_group(view, card_id, notes))
                    }
                }
            } @else {
                div.gallery data-fit-items data-density=[super::density(view, groups.len())] {
                    @for (card_id, notes) in &groups {
                        (card_group(view, card_id, notes))
                    }
                }
            }
        }
    }
}

fn card_group(view: &View<'_>, card_id: &str, notes: &[&Contribution]) -> Markup {
    let lang = view.lang;
    let card = deck::find(view.workshop, card_id);
    html! {
        section.gallery-card data-card=(card_id) {
            figure.gallery-figure {
                @match card {
                    Some(card) => (card_image(view, card)),
                    // A card the deck no longer has (or never had, from the API): say so.
                    None => span.card-image.card-missing { (lang.t("board-card-missing")) },
                }
                figcaption {
                    span.card-title { (card.map_or(card_id, |card| card.title(lang))) }
                    " "
                    span.badge.pick-count { (lang.t_args("board-card-pick-count", &[("count", notes.iter().filter(|note| note.is_visible()).count().into())])) }
                }
            }
            ul.notes.gallery-notes {
                @for note in notes { (generic::note(view, note, html! {})) }
            }
        }
    }
}

/// Groups notes by the card they picked, keeping each group in posting order.
fn groups<'a>(notes: impl Iterator<Item = &'a Contribution>) -> Vec<(&'a str, Vec<&'a Contribution>)> {
    let mut groups: Vec<(&str, Vec<&Contribution>)> = Vec::new();
    for note in notes {
        let card = note.card.as_deref().unwrap_or_default();
        match groups.iter_mut().find(|(id, _)| *id == card) {
            Some((_, group)) => group.push(note),
            None => groups.push((card, vec![note])),
        }
    }
    // Stable: equal counts keep the order of their first pick.
    groups.sort_by_key(|(_, group)| std::cmp::Reverse(group.len()));
    groups
}
