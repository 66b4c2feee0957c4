//! Moderation on a note's card: the facilitator's folded "Moderate" controls (hide with a
//! reason, correct, remove), the author's own "Change my note" (correct, delete) while the
//! activity is open, the unmerge control beside each merged note, and the notes hidden from
//! the room (for the facilitator, to show them again; for their author, with the reason, on
//! the note's card in their list where the board lists them in place, `View::listed_in`).
//! Every board of contributions carries them: the note boards, the categorize board (its
//! sources' notes, the controls coming back to the board), brainwriting sheets, risks.

use super::View;
use crate::layout::csrf_field;
use crate::pages::console::excerpt;
use converge_core::{ActivityKind, ActivityStatus, Contribution, limits};
use maud::{Markup, html};

fn control_action(view: &View<'_>, contribution: &Contribution, action: &str) -> String {
    format!("/facilitator/workshops/{}/contributions/{}/{action}", view.workshop.id, contribution.id)
}

/// On a board that works on other activities' notes (a categorize board), the control says
/// where to come back to: this board, not the note's own activity.
fn back_field(view: &View<'_>, contribution: &Contribution) -> Markup {
    html! {
        @if contribution.activity_id != view.activity.id {
            input type="hidden" name="back_activity" value=(view.activity.id);
        }
    }
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
                (back_field(view, contribution))
                label.note-control-label for={ "hide-" (id) } { (lang.t("moderate-hide-reason-label")) }
                input #{ "hide-" (id) } type="text" name="reason" required maxlength=(limits::HIDE_REASON_MAX);
                button.secondary type="submit" { (lang.t("moderate-hide-button")) }
            }
            form.note-control.moderate-edit method="post" action=(control_action(view, contribution, "edit")) {
                (csrf_field(view.csrf))
                (back_field(view, contribution))
                label.note-control-label for={ "edit-" (id) } { (lang.t("moderate-edit-label")) }
                textarea #{ "edit-" (id) } name="text" required maxlength=(limits::NOTE_MAX) rows="3" { (contribution.text) }
                button.secondary type="submit" { (lang.t("moderate-edit-button")) }
            }
            form.note-control.moderate-remove method="post" action=(control_action(view, contribution, "remove")) {
                (csrf_field(view.csrf))
                (back_field(view, contribution))
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
                (back_field(view, duplicate))
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

/// On a hidden note's card in its author's list: that the room does not see it, and why.
pub fn hidden_mark(view: &View<'_>, contribution: &Contribution) -> Markup {
    html! {
        @if let Some(reason) = &contribution.hidden {
            p.hidden-reason {
                (view.lang.t_args("note-hidden-for-you", &[("reason", reason.as_str().into())]))
            }
        }
    }
}

/// Kinds whose participant lists show the viewer's hidden notes in place (`View::listed_in`,
/// `hidden_mark`); the others list them apart, under the board: a risk map and brainwriting
/// sheets number their items as the room sees them.
fn lists_own_hidden_in_place(kind: ActivityKind) -> bool {
    !matches!(
        kind,
        ActivityKind::RiskMap
            | ActivityKind::Brainwriting
            | ActivityKind::Categorize
            | ActivityKind::Vote
            | ActivityKind::Assess
            | ActivityKind::ActionPlan
    )
}

/// The notes hidden from the room that this viewer may read apart from the board: for the
/// facilitator, every one of this activity and, on a board that works on its sources' notes (a
/// categorize board), of those sources, with the reason and a control to show it again; for a
/// participant, their own where the board does not show them in place, with the reason they
/// were hidden for. Nothing on the projection.
pub fn hidden_notes(view: &View<'_>) -> Markup {
    let lang = view.lang;
    let mut hidden: Vec<&Contribution> = if view.is_facilitator() {
        let mut activities = vec![view.activity.id];
        if view.activity.kind() == ActivityKind::Categorize {
            activities.extend(view.activity.settings.sources.iter().copied());
        }
        activities.iter().flat_map(|activity| view.workshop.hidden_in(*activity)).collect()
    } else if view.role.is_some() && !lists_own_hidden_in_place(view.activity.kind()) {
        view.workshop.hidden_in(view.activity.id).filter(|note| view.wrote(note)).collect()
    } else {
        Vec::new()
    };
    hidden.sort_by_key(|note| note.seq);
    hidden.dedup_by_key(|note| note.id);
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
                                        (back_field(view, note))
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
