//! SWOT: notes posted into four quadrants (strengths, weaknesses, opportunities, threats), shown
//! as a 2×2 board. The facilitator merges duplicates within a quadrant and moves a note to
//! another quadrant when it was posted in the wrong one; the board is also the results view.

use super::{View, generic};
use crate::Lang;
use crate::layout::csrf_field;
use converge_core::{Contribution, ContributionKind};
use maud::{Markup, html};

pub fn participant(view: &View<'_>) -> Markup {
    html! {
        // The quadrant is the note form's `kind` choice.
        @if view.can_contribute() { (generic::note_form(view, &[])) }
        div #swot-live data-live {
            h2 { (view.lang.t("board-swot-heading")) }
            (board(view, false))
        }
    }
}

pub fn facilitator(view: &View<'_>) -> Markup {
    // The page's title is its h1 and the quadrants are h3: the board heading comes between.
    html! {
        h2 { (view.lang.t("board-swot-heading")) }
        (board(view, true))
    }
}

pub fn projection(view: &View<'_>) -> Markup {
    board(view, false)
}

/// The heading of a quadrant.
fn quadrant_heading(lang: Lang, kind: ContributionKind) -> String {
    lang.t(match kind {
        ContributionKind::Strength => "board-swot-strengths",
        ContributionKind::Weakness => "board-swot-weaknesses",
        ContributionKind::Opportunity => "board-swot-opportunities",
        _ => "board-swot-threats",
    })
}

/// One quadrant alone on the projection, its notes over the whole board's width.
pub fn quadrant_projection(view: &View<'_>, quadrant: converge_core::Quadrant) -> Option<Markup> {
    let kind = generic::SWOT_KINDS.into_iter().find(|kind| kind.as_str() == quadrant.as_str())?;
    let notes = notes(view);
    Some(html! {
        div.swot-board.swot-zoomed data-zoomed { (quadrant_section(view, kind, &notes, false)) }
    })
}

fn notes<'a>(view: &View<'a>) -> Vec<&'a Contribution> {
    view.listed_in(view.activity.id).filter(|note| note.merged_into.is_none()).collect()
}

/// The four quadrants, in reading order: strengths and weaknesses (inside), then opportunities
/// and threats (outside).
fn board(view: &View<'_>, with_controls: bool) -> Markup {
    let notes = notes(view);
    // As dense as the fullest quadrant.
    let fullest = generic::SWOT_KINDS.iter().map(|kind| notes.iter().filter(|note| note.kind == *kind).count()).max();
    html! {
        div.swot-board data-density=[super::density(view, fullest.unwrap_or_default())] {
            @for kind in generic::SWOT_KINDS {
                (quadrant_section(view, kind, &notes, with_controls))
            }
        }
    }
}

fn quadrant_section(view: &View<'_>, kind: ContributionKind, notes: &[&Contribution], with_controls: bool) -> Markup {
    let heading_id = format!("quadrant-{}-{}", kind.as_str(), view.activity.id);
    let in_quadrant: Vec<&&Contribution> = notes.iter().filter(|note| note.kind == kind).collect();
    html! {
        section class={ "swot-quadrant quadrant-" (kind.as_str()) } aria-labelledby=(heading_id) {
            h3 #(heading_id) {
                (quadrant_heading(view.lang, kind))
                " "
                span.badge.quadrant-count { (in_quadrant.iter().filter(|note| note.is_visible()).count()) }
            }
            @if in_quadrant.is_empty() {
                p.muted { (view.lang.t("board-quadrant-empty")) }
            } @else {
                // Duplicates are merged within a quadrant: the same point made twice.
                @let mergeable: Vec<&Contribution> =
                    in_quadrant.iter().map(|note| **note).filter(|note| note.is_visible()).collect();
                ul.notes {
                    @for note in in_quadrant.iter().rev() {
                        @let controls = if with_controls {
                            html! { (move_form(view, note)) (super::challenges::merge_form(view, note, &mergeable)) }
                        } else {
                            html! {}
                        };
                        (generic::note(view, note, controls))
                    }
                }
            }
        }
    }
}

/// "Move to …": the facilitator's control to put a note into another quadrant.
fn move_form(view: &View<'_>, note: &Contribution) -> Markup {
    let lang = view.lang;
    let select_id = format!("move-{}", note.id);
    html! {
        form.note-control method="post"
            action={ "/facilitator/workshops/" (view.workshop.id) "/contributions/" (note.id) "/move" } {
            (csrf_field(view.csrf))
            label.note-control-label for=(select_id) { (lang.t("board-move-label")) }
            select #(select_id) name="kind" {
                @for kind in generic::SWOT_KINDS.iter().filter(|kind| **kind != note.kind) {
                    option value=(kind.as_str()) { (quadrant_heading(lang, *kind)) }
                }
            }
            button.secondary type="submit" { (lang.t("board-move-button")) }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use converge_core::Language;

    #[test]
    fn every_quadrant_has_a_heading_in_both_languages() {
        for language in Language::ALL {
            for kind in generic::SWOT_KINDS {
                let heading = quadrant_heading(Lang(language), kind);
                assert!(!heading.starts_with("board-"), "no {} heading in {}", kind.as_str(), language.as_str());
            }
        }
    }
}
