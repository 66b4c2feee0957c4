//! What became of every contribution, for the facilitator: the fates page and its bulk form, and
//! closing the workshop with its confirmation (it ends the room and starts the follow-up). The
//! markup is in `converge_views::pages::fates`.

use crate::AppState;
use crate::access::{OwnedWorkshop, owned_by};
use crate::error::{Failure, PageError};
use crate::extract::{FormFields, ValidPath, ValidQuery, trimmed};
use axum::extract::State;
use axum::response::{IntoResponse, Redirect, Response};
use converge_core::{Actor, Command, ContributionId, FateDecision, WorkshopId};
use converge_views::layout::PageContext;
use converge_views::pages::fates::{Filled, fates_path, render};
use maud::Markup;
use serde::Deserialize;
use std::collections::BTreeSet;

pub use converge_views::pages::fates::console_outcomes;

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

/// `GET /facilitator/workshops/{id}/close`: what closing does, and the button that does it.
pub async fn confirm_close(
    context: PageContext,
    OwnedWorkshop { state, .. }: OwnedWorkshop,
    ValidPath(_id): ValidPath<WorkshopId>,
) -> Result<Markup, PageError> {
    Ok(converge_views::pages::fates::close_confirmation(&context, &state.workshop))
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
