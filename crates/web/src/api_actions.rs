//! Action cards through the API: `draftAction` and `editAction`. An edit names the revision it
//! was made from; when someone saved the card since, the answer is a 409 that carries the card as
//! it now is, so a client can merge and send again rather than overwrite.

use crate::AppState;
use crate::access::ApiMember;
use crate::auth::Credentials;
use crate::error::{Answer, ApiError, ErrorBody, ErrorDetail, Failure};
use crate::extract::{ApiJson, ValidPath};
use crate::i18n::Lang;
use axum::Json;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use converge_core::{
    Action, ActionCard, ActionId, ActivityId, Actor, Command, ContributionId, DomainError, WorkshopId,
};
use converge_engine::EngineError;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use uuid::Uuid;

/// An action card's content. Texts are trimmed; empty ones may be left out.
#[derive(Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct CardBody {
    /// 1 to 120 characters.
    title: String,
    /// A key among the activity's jurisdictions: by default `administration`, `government` or `shared`.
    jurisdiction: String,
    #[serde(default)]
    description: String,
    #[serde(default)]
    rationale: String,
    /// The service or person who carries the action.
    #[serde(default)]
    owner: String,
    /// A target date or period.
    #[serde(default)]
    horizon: String,
    #[serde(default)]
    first_steps: String,
    #[serde(default)]
    resources: String,
    #[serde(default)]
    indicators: String,
}

impl From<CardBody> for ActionCard {
    fn from(body: CardBody) -> ActionCard {
        ActionCard {
            title: body.title,
            description: body.description,
            rationale: body.rationale,
            owner: body.owner,
            jurisdiction: body.jurisdiction,
            horizon: body.horizon,
            first_steps: body.first_steps,
            resources: body.resources,
            indicators: body.indicators,
        }
    }
}

impl From<&ActionCard> for CardBody {
    fn from(card: &ActionCard) -> CardBody {
        CardBody {
            title: card.title.clone(),
            jurisdiction: card.jurisdiction.clone(),
            description: card.description.clone(),
            rationale: card.rationale.clone(),
            owner: card.owner.clone(),
            horizon: card.horizon.clone(),
            first_steps: card.first_steps.clone(),
            resources: card.resources.clone(),
            indicators: card.indicators.clone(),
        }
    }
}

/// An action card as it stands. Who drafted or edited it is not shown.
#[derive(Serialize, ToSchema)]
pub struct ActionView {
    id: Uuid,
    activity_id: Uuid,
    /// 1 when drafted, one more at each edit; an edit names the revision it was made from.
    revision: u32,
    card: CardBody,
    /// The contributions it comes from.
    sources: Vec<Uuid>,
    /// Taken out of the plan by the facilitator.
    withdrawn: bool,
}

impl From<&Action> for ActionView {
    fn from(action: &Action) -> ActionView {
        ActionView {
            id: action.id.as_uuid(),
            activity_id: action.activity_id.as_uuid(),
            revision: action.revision,
            card: CardBody::from(&action.card),
            sources: action.sources.iter().map(|source| source.as_uuid()).collect(),
            withdrawn: action.withdrawn,
        }
    }
}

#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct DraftActionRequest {
    /// Chosen by the client so that a retry drafts the card once; a new one when absent.
    id: Option<Uuid>,
    /// An action_plan activity.
    activity_id: Uuid,
    card: CardBody,
    /// The contributions it comes from: at least one, except for the facilitator.
    #[serde(default)]
    sources: Vec<Uuid>,
}

#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct EditActionRequest {
    /// The revision the edit was made from.
    base_revision: u32,
    /// The whole card as it should be.
    card: CardBody,
    #[serde(default)]
    sources: Vec<Uuid>,
}

/// A refused edit: someone saved the card after `base_revision`.
#[derive(Serialize, ToSchema)]
pub struct EditConflictBody {
    error: ErrorDetail,
    /// The card as it now is.
    current: ActionView,
}

fn ids(sources: Vec<Uuid>) -> Vec<ContributionId> {
    sources.into_iter().map(ContributionId::from_uuid).collect()
}

async fn card_now(app: &AppState, workshop: WorkshopId, action: ActionId) -> Result<ActionView, ApiError> {
    let state = app.engine.state(workshop).await?;
    let action = state.workshop.action(action).ok_or_else(|| ApiError::from(Failure::NotFound))?;
    Ok(ActionView::from(action))
}

/// Draft an action card in an action plan.
#[utoipa::path(post, path = "/api/v1/workshops/{id}/actions", operation_id = "draftAction", tag = "participants",
    params(("id" = Uuid, Path)),
    request_body = DraftActionRequest,
    responses((status = 201, description = "Recorded durably", body = ActionView),
              (status = 200, description = "Already drafted by the caller: a retry with the same `id`", body = ActionView),
              (status = 400, body = ErrorBody), (status = 401, body = ErrorBody), (status = 403, body = ErrorBody),
              (status = 404, body = ErrorBody),
              (status = 409, description = "The `id` is taken by another card", body = ErrorBody),
              (status = 422, description = "Refused: e.g. no source, an unknown jurisdiction, the activity closed", body = ErrorBody),
              (status = 429, body = ErrorBody)),
    security(("bearer" = [])))]
pub async fn draft_action(
    State(app): State<AppState>,
    credentials: Credentials,
    ValidPath(id): ValidPath<Uuid>,
    ApiJson(body): ApiJson<DraftActionRequest>,
) -> Result<(StatusCode, Json<ActionView>), ApiError> {
    let ApiMember { state, actor, .. } = ApiMember::of(&app, &credentials, WorkshopId::from_uuid(id)).await?;
    if let Actor::Participant(participant) = actor {
        app.limits
            .post_per_participant
            .check(&participant.to_string())
            .map_err(|wait| ApiError::from(Failure::TooManyRequests(wait)))?;
    }
    let workshop = WorkshopId::from_uuid(id);
    let action_id = ActionId::from_uuid(body.id.unwrap_or_else(Uuid::now_v7));
    let command = Command::DraftAction {
        action_id,
        activity_id: ActivityId::from_uuid(body.activity_id),
        card: body.card.into(),
        sources: ids(body.sources),
    };
    match app.engine.execute(workshop, actor, command).await {
        Ok(_) => Ok((Answer::Created.status(), Json(card_now(&app, workshop, action_id).await?))),
        Err(EngineError::Domain(DomainError::DuplicateAction(existing))) => {
            let caller = match actor {
                Actor::Participant(participant) => Some(participant),
                Actor::Account(account) => state.workshop.facilitator_for(account).map(|participant| participant.id),
                Actor::Newcomer => None,
            };
            match state.workshop.action(existing) {
                Some(action)
                    if caller.is_some_and(|caller| {
                        state.keyring.is(caller, converge_core::Scope::Draft(action.activity_id), &action.author)
                    }) =>
                {
                    Ok((Answer::Ok.status(), Json(ActionView::from(action))))
                }
                _ => Err(ApiError::from(DomainError::DuplicateAction(existing))),
            }
        }
        Err(error) => Err(ApiError::from(error)),
    }
}

/// Replace an action card's content, from the revision the edit was made from.
#[utoipa::path(post, path = "/api/v1/workshops/{id}/actions/{action_id}", operation_id = "editAction", tag = "participants",
    params(("id" = Uuid, Path), ("action_id" = Uuid, Path)),
    request_body = EditActionRequest,
    responses((status = 200, description = "Saved (or unchanged); the card as it now is", body = ActionView),
              (status = 400, body = ErrorBody), (status = 401, body = ErrorBody), (status = 403, body = ErrorBody),
              (status = 404, body = ErrorBody),
              (status = 409, description = "Someone saved the card after `base_revision`: `current` is the card now; merge and send again from its revision", body = EditConflictBody),
              (status = 422, description = "Refused: e.g. the card withdrawn, a text too long, the activity closed", body = ErrorBody)),
    security(("bearer" = [])))]
pub async fn edit_action(
    State(app): State<AppState>,
    lang: Lang,
    credentials: Credentials,
    ValidPath((id, action_id)): ValidPath<(Uuid, Uuid)>,
    ApiJson(body): ApiJson<serde_json::Value>,
) -> Result<Response, ApiError> {
    let body: EditActionRequest = crate::api::decode(body)?;
    let ApiMember { actor, .. } = ApiMember::of(&app, &credentials, WorkshopId::from_uuid(id)).await?;
    let workshop = WorkshopId::from_uuid(id);
    let action_id = ActionId::from_uuid(action_id);
    let command = Command::EditAction {
        action_id,
        base_revision: body.base_revision,
        card: body.card.into(),
        sources: ids(body.sources),
    };
    match app.engine.execute(workshop, actor, command).await {
        Ok(_) => Ok(Json(card_now(&app, workshop, action_id).await?).into_response()),
        Err(EngineError::Domain(error @ DomainError::EditConflict { .. })) => {
            let failure = Failure::from(error);
            let detail = ErrorDetail { code: failure.code().to_owned(), message: failure.message(lang) };
            let current = card_now(&app, workshop, action_id).await?;
            Ok((Answer::Conflict.status(), Json(EditConflictBody { error: detail, current })).into_response())
        }
        Err(error) => Err(ApiError::from(error)),
    }
}
