//! Challenges: the room lists the challenges it sees. The facilitator merges duplicates (a
//! merged note shows once, with a count and every merged text and author), and each challenge
//! shows the questions it was reformulated as in later activities, so the link between a
//! challenge and its reformulations reads both ways. The list is also the results view.

use super::{View, generic, reformulate};
use crate::layout::csrf_field;
use converge_core::Contribution;
use maud::{Markup, html};

pub fn participant(view: &View<'_>) -> Markup {
    html! {
        @if view.can_contribute() { (generic::note_form(view, &[])) }
        div #challenges-live data-live {
            h2 { (view.lang.t("board-challenges-heading")) }
            (challenge_list(view, false))
        }
    }
}

pub fn facilitator(view: &View<'_>) -> Markup {
    challenge_list(view, true)
}

pub fn projection(view: &View<'_>) -> Markup {
    challenge_list(view, false)
}

/// The challenges, newest first; merged duplicates show inside the note they were merged into.
fn challenge_list(view: &View<'_>, with_controls: bool) -> Markup {
    let notes: Vec<&Contribution> =
        view.listed_in(view.activity.id).filter(|note| note.merged_into.is_none()).collect();
    let reformulations = reformulate::reformulations_by_challenge(view.workshop);
    html! {
        @if notes.is_empty() {
            p.muted { (view.lang.t("notes-empty")) }
        } @else {
            ul.notes.challenge-list data-density=[super::density(view, notes.len())] {
                @for note in notes.iter().rev() {
                    @let questions = reformulations.get(&note.id).map(Vec::as_slice).unwrap_or_default();
                    (generic::note(view, note, html! {
                        (reformulated_as(view, questions))
                        @if with_controls { (merge_form(view, note, &notes)) }
                    }))
                }
            }
        }
    }
}

/// The questions a challenge became in reformulation activities.
fn reformulated_as(view: &View<'_>, questions: &[&Contribution]) -> Markup {
    html! {
        @if !questions.is_empty() {
            div.reformulated-as {
                p.link-label { (view.lang.t("board-reformulated-as")) }
                ul {
                    @for question in questions { li.reformulation-text { (question.text) } }
                }
            }
        }
    }
}

/// "Duplicate of …": merges this note into another. Offered only where the core allows it: a note
/// that already holds duplicates is merged the other way round (the others into it).
pub(super) fn merge_form(view: &View<'_>, note: &Contribution, notes: &[&Contribution]) -> Markup {
    let lang = view.lang;
    let holds_duplicates = view.workshop.merged_into(note.id).next().is_some();
    let others: Vec<&&Contribution> = notes.iter().filter(|other| other.id != note.id).collect();
    let select_id = format!("merge-{}", note.id);
    html! {
        @if !holds_duplicates && !others.is_empty() {
            form.note-control method="post"
                action={ "/facilitator/workshops/" (view.workshop.id) "/contributions/" (note.id) "/merge" } {
                (csrf_field(view.csrf))
                label.note-control-label for=(select_id) { (lang.t("board-merge-label")) }
                // No note is chosen until the facilitator picks one: a merge is deliberate.
                select #(select_id) name="into" required {
                    option value="" selected { (lang.t("board-merge-choose")) }
                    @for other in others {
                        option value=(other.id) { (excerpt(&other.text)) }
                    }
                }
                button.secondary type="submit" { (lang.t("board-merge-button")) }
            }
        }
    }
}

/// The start of a note, short enough for a select on a phone.
fn excerpt(text: &str) -> String {
    const LENGTH: usize = 60;
    match text.char_indices().nth(LENGTH) {
        Some((cut, _)) => format!("{}…", text[..cut].trim_end()),
        None => text.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::excerpt;

    #[test]
    fn excerpts_cut_on_characters_not_bytes() {
        assert_eq!(excerpt("court"), "court");
        let long = "é".repeat(70);
        assert_eq!(excerpt(&long), format!("{}…", "é".repeat(60)));
    }
}
