//! The fates page: what became of every contribution, for the facilitator, each one with its
//! fate, grouped by activity, merged notes under the note they were merged into, and the form
//! that decides the fate of the checked ones in bulk; the console's bar to the outcomes; and the
//! confirmation before closing a workshop.

use crate::Lang;
use crate::layout::{Frame, PageContext, csrf_field, form_error, page};
use converge_core::outcomes::outcome_limits::NOTE_MAX;
use converge_core::{CalendarDate, Contribution, ContributionId, Fate, Outcome, Workshop, WorkshopId};
use converge_i18n::FluentValue;
use maud::{Markup, html};
use std::collections::{BTreeMap, BTreeSet};

pub fn fates_path(id: WorkshopId) -> String {
    format!("/facilitator/workshops/{id}/fates")
}

/// A contribution's fate in plain words, the way the facilitator and the author read it:
/// "merged into «…»", "became the action «…»", "retained", "not retained: …", "no decision yet".
pub fn fate_words(lang: Lang, workshop: &Workshop, fate: &Fate) -> Markup {
    html! {
        @if let Some(target) = fate.merged_into.and_then(|target| workshop.contribution(target)) {
            span.fate.fate-merged { (lang.t_args("fates-merged-into", &[("text", excerpt(&target.text).into())])) }
            " · "
        }
        (outcome_words(lang, workshop, &fate.outcome))
    }
}

pub fn outcome_words(lang: Lang, workshop: &Workshop, outcome: &Outcome) -> Markup {
    html! {
        @match outcome {
            Outcome::BecameAction(actions) => {
                @for (index, action) in actions.iter().filter_map(|id| workshop.action(*id)).enumerate() {
                    @if index > 0 { " · " }
                    span.fate.fate-action { (lang.t_args("fates-became-action", &[("title", action.card.title.as_str().into())])) }
                }
            }
            Outcome::Retained => span.fate.fate-retained { (lang.t("fates-retained")) },
            Outcome::NotRetained { reason } => {
                span.fate.fate-not-retained { (lang.t_args("fates-not-retained-because", &[("reason", reason.as_str().into())])) }
            }
            Outcome::Pending => span.fate.fate-pending { (lang.t("fates-pending")) },
        }
    }
}

/// The start of a long text, to name a note inside a sentence.
pub fn excerpt(text: &str) -> String {
    const LENGTH: usize = 80;
    let mut short: String = text.chars().take(LENGTH).collect();
    if text.chars().count() > LENGTH {
        short.push('…');
    }
    short.replace('\n', " ")
}

/// What the bulk form held, to show it again after a refusal.
#[derive(Debug, Default)]
pub struct Filled {
    pub error: Option<String>,
    pub checked: BTreeSet<ContributionId>,
    pub decision: String,
    pub reason: String,
}

/// The fates page; `decided` is how many contributions the last decision covered, to say so.
pub fn render(
    context: &PageContext,
    workshop: &Workshop,
    pending_only: bool,
    decided: Option<usize>,
    filled: &Filled,
) -> Markup {
    let lang = context.lang;
    let fed = workshop.actions_fed();
    let fates: BTreeMap<ContributionId, Fate> = workshop
        .contributions
        .iter()
        .map(|contribution| (contribution.id, workshop.fate_with(contribution.id, &fed)))
        .collect();
    let count = |matches: fn(&Outcome) -> bool| {
        workshop
            .contributions
            .iter()
            .filter(|contribution| {
                contribution.merged_into.is_none()
                    && contribution.is_visible()
                    && matches(&fates[&contribution.id].outcome)
            })
            .count()
    };
    let counts = [
        ("actions", count(|outcome| matches!(outcome, Outcome::BecameAction(_)))),
        ("retained", count(|outcome| matches!(outcome, Outcome::Retained))),
        ("not_retained", count(|outcome| matches!(outcome, Outcome::NotRetained { .. }))),
        ("pending", count(|outcome| matches!(outcome, Outcome::Pending))),
    ];
    let shown = |contribution: &Contribution| {
        contribution.merged_into.is_none()
            && contribution.is_visible()
            && (!pending_only || matches!(fates[&contribution.id].outcome, Outcome::Pending))
    };
    let title = lang.t("fates-title");
    let path = fates_path(workshop.id);
    let decision = if filled.decision.is_empty() { "retained" } else { filled.decision.as_str() };
    page(
        context,
        Frame { title: &title, live: None, body_class: "console" },
        html! {
            p { a href={ "/facilitator/workshops/" (workshop.id) } { "← " (workshop.title) } }
            h1 { (title) }
            p.hint { (lang.t("fates-intro")) }
            p.fate-counts {
                @for (key, n) in counts {
                    span.badge { (lang.t_args(&format!("fates-count-{key}"), &[("count", FluentValue::from(n))])) }
                    " "
                }
            }
            p.actions {
                @if pending_only {
                    a.button.secondary href=(path) { (lang.t("fates-show-all")) }
                } @else {
                    a.button.secondary href={ (path) "?pending=1" } { (lang.t("fates-show-pending")) }
                }
            }
            @if let Some(decided) = decided {
                p.notice role="status" { (lang.t_args("fates-decided", &[("count", FluentValue::from(decided))])) }
            }
            (form_error(filled.error.as_deref()))
            form #fates-form.stack method="post" action=(path) {
                (csrf_field(&context.csrf))
                @if pending_only { input type="hidden" name="pending" value="1"; }
                @for activity in &workshop.activities {
                    @let contributions: Vec<&Contribution> = workshop.contributions_in(activity.id).filter(|c| shown(c)).collect();
                    @if !contributions.is_empty() {
                        section.card.fates-activity {
                            h2 { (activity.title) " " span.badge { (lang.t(&format!("activity-kind-{}", activity.kind().as_str()))) } }
                            ul.fates {
                                @for contribution in contributions {
                                    li.fate-row #{ "fate-" (contribution.id) } data-contribution=(contribution.id) {
                                        label.check {
                                            input type="checkbox" name="contribution" value=(contribution.id)
                                                checked[filled.checked.contains(&contribution.id)];
                                            " "
                                            span.badge { (lang.t(&format!("kind-{}", contribution.kind.as_str()))) }
                                            " "
                                            span.note-text { (contribution.text) }
                                        }
                                        p.fate-line { (fate_words(lang, workshop, &fates[&contribution.id])) }
                                        @let merged: Vec<&Contribution> = workshop.merged_into(contribution.id).collect();
                                        @if !merged.is_empty() {
                                            ul.merged-notes {
                                                @for note in merged {
                                                    li data-contribution=(note.id) {
                                                        span.badge { (lang.t("fates-merged-badge")) }
                                                        " " (note.text)
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
                @if workshop.contributions.iter().all(|contribution| !shown(contribution)) {
                    p.muted { (lang.t(if pending_only { "fates-none-pending" } else { "fates-none" })) }
                }
                fieldset.card.fates-decision {
                    legend { (lang.t("fates-decision-legend")) }
                    @for (value, key) in [("retained", "fates-decision-retained"), ("not_retained", "fates-decision-not-retained"), ("undecided", "fates-decision-undecided")] {
                        label.check {
                            input type="radio" name="decision" value=(value) checked[decision == value];
                            " " (lang.t(key))
                        }
                    }
                    label for="fate-reason" { (lang.t("fates-reason-label")) }
                    textarea #fate-reason name="reason" rows="2" maxlength=(NOTE_MAX) { (filled.reason) }
                    p.hint { (lang.t("fates-reason-hint")) }
                    button type="submit" { (lang.t("fates-apply-button")) }
                }
            }
        },
    )
}

/// A bar under the console's head: the way to the fates and the follow-up, and to close the
/// workshop, or the notice that it is closed.
pub fn console_outcomes(lang: Lang, workshop: &Workshop) -> Markup {
    let base = format!("/facilitator/workshops/{}", workshop.id);
    html! {
        @if let Some(closed_at) = workshop.closed_at {
            p.notice.workshop-closed role="status" {
                (lang.t_args("close-closed-notice", &[("date", lang.date(CalendarDate::of(closed_at)).into())]))
                " "
                a href={ (base) "/follow-up" } { (lang.t("close-go-to-follow-up")) }
            }
        }
        p.actions.outcome-links {
            a.button.secondary href={ (base) "/fates" } { (lang.t("fates-link")) }
            a.button.secondary href={ (base) "/follow-up" } { (lang.t("followup-link")) }
            @if workshop.closed_at.is_none() {
                a.button.danger href={ (base) "/close" } { (lang.t("close-link")) }
            }
        }
    }
}

/// What closing does, and the button that does it.
pub fn close_confirmation(context: &PageContext, workshop: &Workshop) -> Markup {
    let id = workshop.id;
    let lang = context.lang;
    let title = lang.t("close-title");
    let n_open = workshop.open_activities().count();
    let fed = workshop.actions_fed();
    let n_pending = workshop
        .contributions
        .iter()
        .filter(|contribution| contribution.merged_into.is_none() && contribution.is_visible())
        .filter(|contribution| workshop.fate_with(contribution.id, &fed).outcome == Outcome::Pending)
        .count();
    page(
        context,
        Frame { title: &title, live: None, body_class: "console" },
        html! {
            p { a href={ "/facilitator/workshops/" (id) } { "← " (workshop.title) } }
            h1 { (title) }
            @if workshop.closed_at.is_some() {
                p.notice { (lang.t("close-already")) }
                p { a.button href={ "/facilitator/workshops/" (id) "/follow-up" } { (lang.t("close-go-to-follow-up")) } }
            } @else {
                p { (lang.t_args("close-question", &[("title", workshop.title.as_str().into())])) }
                ul {
                    li { (lang.t_args("close-consequence-activities", &[("count", FluentValue::from(n_open))])) }
                    li { (lang.t("close-consequence-record")) }
                    li { (lang.t("close-consequence-follow-up")) }
                }
                @if n_pending > 0 {
                    p.notice {
                        (lang.t_args("close-pending-fates", &[("count", FluentValue::from(n_pending))]))
                        " "
                        a href={ (fates_path(id)) "?pending=1" } { (lang.t("fates-link")) }
                    }
                }
                form #close-workshop.actions method="post" action={ "/facilitator/workshops/" (id) "/close" } {
                    (csrf_field(&context.csrf))
                    button.danger type="submit" { (lang.t("close-confirm-button")) }
                    a.button.secondary href={ "/facilitator/workshops/" (id) } { (lang.t("close-cancel")) }
                }
            }
        },
    )
}
