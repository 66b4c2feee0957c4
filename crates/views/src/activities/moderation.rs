//! Moderation on a note's card: the facilitator's folded "Moderate" controls (hide with a
//! reason, correct, remove), the author's own "Change my note" (correct, delete) while the
//! activity is open, the unmerge control beside each merged note, and the notes hidden from
//! the room (for the facilitator, to show them again; for their author, with the reason).

use super::View;
use crate::layout::csrf_field;
use crate::pages::console::excerpt;
use converge_core::{ActivityStatus, Contribution, limits};
use maud::{Markup, html};

fn control_action(view: &View<'_>, contribution: &Contribution, action: &str) -> String {
    format!("/facilitator/workshops/{}/contributions/{}/{action}", view.workshop.id, contribution.id)
}

fn own_action(view: &View<'_>, contribution: &Contribution, action: &str) -> String {
    format!("/w/{}/notes/{}/{action}", view.workshop.id, contribution.id)
}

/// The controls at a note's foot: the facilitator's moderation, or the author's own changes.
pub fn note_controls(view: &View<'_>, contribution: &Contribution) -> Markup {
    if view.is_facilitator() {
        facilitator_controls(view, contribution)
    } else if view.wrote(contribution) && view.activity.status == ActivityStatus::Open && view.role.is_some() {
        own_controls(view, contribution)
    } else {
        html! {}
    }
}

/// "Moderate", folded: hide with a reason, correct, remove.
fn facilitator_controls(view: &View<'_>, contribution: &Contribution) -> Markup {
    let lang = view.lang;
    let id = contribution.id;
    html! {
        details.moderate {
            summary {
                (lang.t("moderate-summary"))
                span.visually-hidden { " : " (excerpt(&contribution.text)) }
            }
            form.note-control.moderate-hide method="post" action=(control_action(view, contribution, "hide")) {
                (csrf_field(view.csrf))
                label.note-control-label for={ "hide-" (id) } { (lang.t("moderate-hide-reason-label")) }
                input #{ "hide-" (id) } type="text" name="reason" required maxlength=(limits::HIDE_REASON_MAX);
                button.secondary type="submit" { (lang.t("moderate-hide-button")) }
            }
            form.note-control.moderate-edit method="post" action=(control_action(view, contribution, "edit")) {
                (csrf_field(view.csrf))
                label.note-control-label for={ "edit-" (id) } { (lang.t("moderate-edit-label")) }
                textarea #{ "edit-" (id) } name="text" required maxlength=(limits::NOTE_MAX) rows="3" { (contribution.text) }
                button.secondary type="submit" { (lang.t("moderate-edit-button")) }
            }
            form.note-control.moderate-remove method="post" action=(control_action(view, contribution, "remove")) {
                (csrf_field(view.csrf))
                // A removal has no undo: the box asks for a deliberate second gesture.
                label.check {
                    input type="checkbox" name="confirm" value="on" required;
                    " " (lang.t("moderate-remove-confirm"))
                }
                button.danger type="submit" { (lang.t("moderate-remove-button")) }
            }
        }
    }
}

/// "Change my note", folded: correct it or delete it, while the activity is open.
fn own_controls(view: &View<'_>, contribution: &Contribution) -> Markup {
    let lang = view.lang;
    let id = contribution.id;
    html! {
        details.moderate.own-note {
            summary {
                (lang.t("own-note-summary"))
                span.visually-hidden { " : " (excerpt(&contribution.text)) }
            }
            form.note-control.own-edit method="post" action=(own_action(view, contribution, "edit")) {
                (csrf_field(view.csrf))
                label.note-control-label for={ "own-edit-" (id) } { (lang.t("own-note-edit-label")) }
                textarea #{ "own-edit-" (id) } name="text" required maxlength=(limits::NOTE_MAX) rows="3" { (contribution.text) }
                button.secondary type="submit" { (lang.t("own-note-edit-button")) }
            }
            form.note-control.own-delete method="post" action=(own_action(view, contribution, "remove")) {
                (csrf_field(view.csrf))
                button.danger type="submit" { (lang.t("own-note-delete-button")) }
            }
        }
    }
}

/// The facilitator's control to split `duplicate` back out of the note it was merged into.
pub fn unmerge_form(view: &View<'_>, duplicate: &Contribution) -> Markup {
    html! {
        @if view.is_facilitator() {
            form.note-control.unmerge-form method="post" action=(control_action(view, duplicate, "unmerge")) {
                (csrf_field(view.csrf))
                button.quiet type="submit" {
                    (view.lang.t("moderate-unmerge-button"))
                    span.visually-hidden { " : " (excerpt(&duplicate.text)) }
                }
            }
        }
    }
}

/// "edited", after a note's text once it was corrected.
pub fn edited_mark(view: &View<'_>, contribution: &Contribution) -> Markup {
    html! {
        @if contribution.edited {
            span.note-edited { (view.lang.t("note-edited")) }
        }
    }
}

/// The notes of this activity hidden from the room that this viewer may read: every one for
/// the facilitator (with the reason and a control to show it again), the viewer's own for a
/// participant (with the reason they were hidden for). Nothing on the projection.
pub fn hidden_notes(view: &View<'_>) -> Markup {
    let lang = view.lang;
    let hidden: Vec<&Contribution> = view
        .workshop
        .hidden_in(view.activity.id)
        .filter(|note| view.is_facilitator() || (view.role.is_some() && view.wrote(note)))
        .collect();
    html! {
        div #hidden-notes-live.hidden-notes data-live {
            @if !hidden.is_empty() {
                section.card.hidden-notes-list {
                    h2 { (lang.t(if view.is_facilitator() { "hidden-notes-heading" } else { "hidden-mine-heading" })) }
                    ul.notes {
                        @for note in hidden {
                            li.note.note-hidden data-contribution=(note.id) {
                                p.note-text { (note.text) }
                                p.hidden-reason {
                                    strong { (lang.t("hidden-reason-label")) } " "
                                    (note.hidden.as_deref().unwrap_or_default())
                                }
                                @if view.is_facilitator() {
                                    form.note-control method="post" action=(control_action(view, note, "show")) {
                                        (csrf_field(view.csrf))
                                        button.secondary type="submit" {
                                            (lang.t("moderate-show-button"))
                                            span.visually-hidden { " : " (excerpt(&note.text)) }
                                        }
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
    }
}
