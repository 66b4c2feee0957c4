//! The plain view: a note form and the notes, newest first. Kinds without a view of their own
//! use it, and the others build on its pieces.

use super::{View, moderation};
use crate::layout::csrf_field;
use converge_core::{Contribution, ContributionKind, limits};
use maud::{Markup, html};

pub fn participant(view: &View<'_>) -> Markup {
    html! {
        @if view.can_contribute() { (note_form(view, &[])) }
        div #notes-live data-live {
            h2 { (view.lang.t("notes-heading")) }
            (notes(view, view.listed_in(view.activity.id).collect()))
        }
    }
}

pub fn facilitator(view: &View<'_>) -> Markup {
    participant(view)
}

pub fn projection(view: &View<'_>) -> Markup {
    notes(view, view.workshop.contributions_in(view.activity.id).collect())
}

/// The form to post a note; `extra` goes inside it, before the text (a card picker, a
/// challenge to reformulate…).
pub fn note_form(view: &View<'_>, extra: &[Markup]) -> Markup {
    note_form_around(view, extra, &[])
}

/// The form to post a note, with `before` inside it before the text and `after` between the
/// text and the button (the ideas a brainwriting idea may build on, read after writing).
/// Right after a note was sent it says so, and offers the kind the last one had.
pub fn note_form_around(view: &View<'_>, before: &[Markup], after: &[Markup]) -> Markup {
    let lang = view.lang;
    let kinds = view.activity.kind().accepted_contributions();
    let draft = view.draft;
    html! {
        form #note-form.stack.card method="post" action=(view.post_action()) {
            (csrf_field(view.csrf))
            // Chosen now, so that sending this form twice records the note once.
            input type="hidden" name="contribution_id" value=(draft.contribution_id.unwrap_or_else(uuid::Uuid::now_v7));
            (sent_notice(view))
            @for part in before { (part) }
            @if kinds.len() > 1 {
                label for="kind" { (lang.t("note-kind-label")) }
                select #kind name="kind" required {
                    @for kind in kinds {
                        option value=(kind.as_str()) selected[draft.kind == kind.as_str()] {
                            (lang.t(&format!("kind-{}", kind.as_str())))
                        }
                    }
                }
            }
            label for="text" { (lang.t("note-text-label")) }
            // Right after a note was sent, the address's anchor is this box (`#text`): the
            // browser focuses it, ready for the next note, with or without the script.
            textarea #text name="text" required maxlength=(limits::NOTE_MAX) rows="4" { (draft.text) }
            @for part in after { (part) }
            button type="submit" { (lang.t("note-post-button")) }
        }
    }
}

/// "Note sent", on the page the participant lands on after sending one. It is outside every
/// live region, so the live script never swaps it away; `assets/app.js` has it read out.
pub fn sent_notice(view: &View<'_>) -> Markup {
    html! {
        @if view.draft.sent {
            p.note-sent role="status" data-note-sent { (view.lang.t("note-sent")) }
        }
    }
}

/// Notes as cards, newest first.
pub fn notes(view: &View<'_>, contributions: Vec<&Contribution>) -> Markup {
    html! {
        @if contributions.is_empty() {
            p.muted { (view.lang.t("notes-empty")) }
        } @else {
            ul.notes {
                @for contribution in contributions.iter().rev() {
                    (note(view, contribution, html! {}))
                }
            }
        }
    }
}

/// One note as a card; `controls` go at its foot (the facilitator's buttons).
pub fn note(view: &View<'_>, contribution: &Contribution, controls: Markup) -> Markup {
    let show_kind = view
        .workshop
        .activity(contribution.activity_id)
        .is_some_and(|activity| activity.kind().accepted_contributions().len() > 1);
    html! {
        li class={ "note kind-" (contribution.kind.as_str()) @if contribution.hidden.is_some() { " note-hidden" } } data-contribution=(contribution.id) {
            @if show_kind {
                span.badge.note-kind { (view.lang.t(&format!("kind-{}", contribution.kind.as_str()))) }
            }
            p.note-text { (contribution.text) " " (moderation::edited_mark(view, contribution)) }
            // Only its author's lists hold a hidden note (`View::listed_in`): they read why here.
            (moderation::hidden_mark(view, contribution))
            @let merged: Vec<&Contribution> = view.workshop.merged_into(contribution.id).collect();
            @if !merged.is_empty() {
                // Open on the screen and the facilitator's board: a closed one would not print.
                // It lists every note merged into this one, as many as it counts.
                details.merged open[view.role.is_none() || view.is_facilitator()] {
                    summary { (view.lang.t_args("note-merged-here", &[("count", merged.len().into())])) }
                    ul.merged-list {
                        @for duplicate in merged {
                            li data-merged=(duplicate.id) {
                                (duplicate.text) " " (moderation::edited_mark(view, duplicate))
                                @if let Some(author) = view.author_of(duplicate) { span.note-author { " — " (author) } }
                                (moderation::unmerge_form(view, duplicate))
                            }
                        }
                    }
                }
            }
            @match view.author_of(contribution) {
                Some(author) => p.note-author { (author) },
                None => p.note-author.anonymous { (view.lang.t("note-anonymous")) },
            }
            @if view.is_facilitator() && view.activity.status != converge_core::ActivityStatus::Draft {
                (spotlight_form(view, contribution))
            }
            (controls)
            @if view.activity.status != converge_core::ActivityStatus::Draft {
                (moderation::note_controls(view, contribution))
            }
        }
    }
}

/// The facilitator's control to show one note full screen on the projection.
fn spotlight_form(view: &View<'_>, contribution: &Contribution) -> Markup {
    let spotlit = view.workshop.projection.spotlight == Some(contribution.id);
    html! {
        form.note-control.spotlight-form method="post" action={ "/facilitator/workshops/" (view.workshop.id) "/projection/spotlight" } {
            (csrf_field(view.csrf))
            input type="hidden" name="back_activity" value=(view.activity.id);
            @if !spotlit { input type="hidden" name="contribution_id" value=(contribution.id); }
            button.quiet type="submit" aria-pressed=(if spotlit { "true" } else { "false" }) {
                (view.lang.t("projection-spotlight-button"))
                span.visually-hidden { " : " (crate::pages::console::excerpt(&contribution.text)) }
            }
        }
    }
}

/// The SWOT quadrants, in their usual order.
pub const SWOT_KINDS: [ContributionKind; 4] =
    [ContributionKind::Strength, ContributionKind::Weakness, ContributionKind::Opportunity, ContributionKind::Threat];
