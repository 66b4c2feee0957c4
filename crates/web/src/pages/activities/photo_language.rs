//! Photo language: each participant picks an image card from the deck and writes why it shows
//! citizen participation in 2029. The result is a gallery grouped by card: a card picked by
//! several people shows once, with every text written about it and how many picked it.
//!
//! Cards are inlined SVG from the built-in deck (`crate::deck`); the picker is a set of radio
//! buttons whose labels are the images, so it works with a keyboard, a screen reader and no
//! JavaScript.

use super::{View, generic};
use crate::deck::{self, Card};
use converge_core::Contribution;
use maud::{Markup, PreEscaped, html};

pub fn participant(view: &View<'_>) -> Markup {
    html! {
        @if view.can_contribute() { (generic::note_form(view, &[card_picker(view)])) }
        div #gallery-live data-live {
            h2 { (view.lang.t("board-gallery-heading")) }
            (gallery(view))
        }
    }
}

/// The gallery with the authors the facilitator may see: it is also the results view.
pub fn facilitator(view: &View<'_>) -> Markup {
    gallery(view)
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
                @for card in deck::for_activity(view.activity) {
                    label.card-choice {
                        input.card-radio type="radio" name="card" value=(card.id) required
                            checked[view.draft.card == card.id];
                        (card_image(view, card))
                        span.card-title { (card.title(lang)) }
                    }
                }
            }
        }
    }
}

/// A card's image, described for screen readers by the deck's text in the page language.
fn card_image(view: &View<'_>, card: &Card) -> Markup {
    html! {
        span.card-image role="img" aria-label=(card.alt(view.lang)) { (PreEscaped(card.svg)) }
    }
}

/// The contributions grouped by card, the cards picked most first (then in the order they
/// were first picked, so the gallery does not reshuffle at every note).
fn gallery(view: &View<'_>) -> Markup {
    let groups = groups(view.workshop.contributions_in(view.activity.id).filter(|note| note.merged_into.is_none()));
    html! {
        @if groups.is_empty() {
            p.muted { (view.lang.t("board-gallery-empty")) }
        } @else {
            div.gallery {
                @for (card_id, notes) in &groups {
                    (card_group(view, card_id, notes))
                }
            }
        }
    }
}

fn card_group(view: &View<'_>, card_id: &str, notes: &[&Contribution]) -> Markup {
    let lang = view.lang;
    let card = deck::card(card_id);
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
                    span.badge.pick-count { (lang.t_args("board-card-pick-count", &[("count", notes.len().into())])) }
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
