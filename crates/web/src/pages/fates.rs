//! What became of every contribution, for the facilitator: each one with its fate, grouped by
//! activity, merged notes under the note they were merged into, and a form that decides the
//! fate of the checked ones in bulk. Closing the workshop lives here too, with its
//! confirmation: it ends the room and starts the follow-up.

use super::layout::{Frame, PageContext, csrf_field, form_error, page};
use crate::AppState;
use crate::access::{OwnedWorkshop, owned_by};
use crate::error::{Failure, PageError};
use crate::extract::{FormFields, ValidPath, ValidQuery, trimmed};
use crate::i18n::Lang;
use axum::extract::State;
use axum::response::{IntoResponse, Redirect, Response};
use converge_core::outcomes::outcome_limits::NOTE_MAX;
use converge_core::{
    Actor, CalendarDate, Command, Contribution, ContributionId, Fate, FateDecision, Outcome, Workshop, WorkshopId,
};
use converge_i18n::FluentValue;
use maud::{Markup, html};
use serde::Deserialize;
use std::collections::{BTreeMap, BTreeSet};

pub(super) fn fates_path(id: WorkshopId) -> String {
    format!("/facilitator/workshops/{id}/fates")
}

/// A contribution's fate in plain words, the way the facilitator and the author read it:
/// "merged into «…»", "became the action «…»", "retained", "not retained: …", "no decision yet".
pub(super) fn fate_words(lang: Lang, workshop: &Workshop, fate: &Fate) -> Markup {
    html! {
        @if let Some(target) = fate.merged_into.and_then(|target| workshop.contribution(target)) {
            span.fate.fate-merged { (lang.t_args("fates-merged-into", &[("text", excerpt(&target.text).into())])) }
            " · "
        }
        (outcome_words(lang, workshop, &fate.outcome))
    }
}

pub(super) fn outcome_words(lang: Lang, workshop: &Workshop, outcome: &Outcome) -> Markup {
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
pub(super) fn excerpt(text: &str) -> String {
    const LENGTH: usize = 80;
    let mut short: String = text.chars().take(LENGTH).collect();
    if text.chars().count() > LENGTH {
        short.push('…');
    }
    short.replace('\n', " ")
}

/// The fates page's filter: every contribution, or only those still awaiting a decision.
#[derive(Debug, Default, Deserialize)]
pub struct FatesQuery {
    #[serde(default)]
    pending: Option<String>,
    /// How many contributions the last decision covered, to say so.
    #[serde(default)]
    decided: Option<usize>,
}

pub async fn fates_page(
    context: PageContext,
    OwnedWorkshop { state, .. }: OwnedWorkshop,
    ValidQuery(query): ValidQuery<FatesQuery>,
) -> Result<Markup, PageError> {
    let pending_only = query.pending.as_deref().is_some_and(|value| !value.is_empty() && value != "0");
    let filled = Filled { error: None, checked: BTreeSet::new(), decision: String::new(), reason: String::new() };
    Ok(render(&context, &state.workshop, pending_only, query.decided, &filled))
}

/// What the bulk form held, to show it again after a refusal.
struct Filled {
    error: Option<String>,
    checked: BTreeSet<ContributionId>,
    decision: String,
    reason: String,
}

fn render(
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
            .filter(|contribution| contribution.merged_into.is_none() && matches(&fates[&contribution.id].outcome))
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
                            h2 { (activity.title) " " span.badge { (lang.t(&format!("activity-kind-{}", activity.kind.as_str()))) } }
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

/// The fates form: the checked contributions, the decision, its reason, and whether the page
/// showed only the contributions still undecided.
#[derive(Deserialize)]
pub struct FatesForm {
    /// One field per box checked.
    #[serde(default)]
    contribution: Vec<String>,
    decision: Option<String>,
    reason: Option<String>,
    pending: Option<String>,
}

/// `POST /facilitator/workshops/{id}/fates`: the checked contributions (`contribution`, repeated),
/// the `decision` (`retained`, `not_retained`, `undecided`) and, for "not retained", the `reason`.
pub async fn decide_fates(
    State(app): State<AppState>,
    context: PageContext,
    OwnedWorkshop { facilitator, .. }: OwnedWorkshop,
    ValidPath(id): ValidPath<WorkshopId>,
    FormFields(form): FormFields<FatesForm>,
) -> Result<Response, PageError> {
    let lang = context.lang;
    let checked: BTreeSet<ContributionId> =
        form.contribution.iter().filter_map(|value| value.trim().parse().ok()).collect();
    let reason = trimmed(&form.reason).unwrap_or_default().to_owned();
    let decision_name = trimmed(&form.decision).unwrap_or_default().to_owned();
    let decision = match decision_name.as_str() {
        "retained" => FateDecision::Retained,
        "not_retained" => FateDecision::NotRetained { reason: reason.clone() },
        "undecided" => FateDecision::Undecided,
        _ => return Err(PageError::from(Failure::BadRequest("decision".into()))),
    };
    let pending_only = trimmed(&form.pending).is_some_and(|value| value == "1");
    let back = |decided: usize| {
        let filter = if pending_only { "pending=1&" } else { "" };
        format!("{}?{filter}decided={decided}", fates_path(id))
    };
    let command = Command::DecideFates { contributions: checked.iter().copied().collect(), decision };
    match app.engine.execute(id, Actor::Account(facilitator.id()), command).await {
        Ok(_) => Ok(Redirect::to(&back(checked.len())).into_response()),
        Err(converge_engine::EngineError::Domain(error)) if !error.is_forbidden() => {
            // Shown again with the boxes still checked and the reason kept, so nothing is lost.
            let failure = Failure::from(error);
            let state = owned_by(&app, &facilitator, id).await?;
            let filled = Filled { error: Some(failure.message(lang)), checked, decision: decision_name, reason };
            let page = render(&context, &state.workshop, pending_only, None, &filled);
            Ok((failure.status(), page).into_response())
        }
        Err(error) => Err(PageError::from(error)),
    }
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

/// `GET /facilitator/workshops/{id}/close`: what closing does, and the button that does it.
pub async fn confirm_close(
    context: PageContext,
    OwnedWorkshop { state, .. }: OwnedWorkshop,
    ValidPath(id): ValidPath<WorkshopId>,
) -> Result<Markup, PageError> {
    let lang = context.lang;
    let workshop = &state.workshop;
    let title = lang.t("close-title");
    let n_open = workshop.open_activities().count();
    let fed = workshop.actions_fed();
    let n_pending = workshop
        .contributions
        .iter()
        .filter(|contribution| contribution.merged_into.is_none())
        .filter(|contribution| workshop.fate_with(contribution.id, &fed).outcome == Outcome::Pending)
        .count();
    Ok(page(
        &context,
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
    ))
}

/// `POST /facilitator/workshops/{id}/close`: closes the workshop, back to the console.
pub async fn close_workshop(
    State(app): State<AppState>,
    OwnedWorkshop { facilitator, .. }: OwnedWorkshop,
    ValidPath(id): ValidPath<WorkshopId>,
) -> Result<Redirect, PageError> {
    app.engine.execute(id, Actor::Account(facilitator.id()), Command::CloseWorkshop).await?;
    Ok(Redirect::to(&format!("/facilitator/workshops/{id}")))
}
