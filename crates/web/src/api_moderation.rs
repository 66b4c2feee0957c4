//! Moderation through the API: hide a note (with a reason its author reads), show it again,
//! correct it, remove it, and split a merged note back out. Each sends the command the
//! console's control sends. A participant's token may correct or remove their own note while
//! its activity is open, as their phone can.

use crate::AppState;
use crate::access::ApiMember;
use crate::auth::Credentials;
use crate::error::{ApiError, ErrorBody, Failure};
use crate::extract::{ApiJson, ValidPath};
use axum::Json;
use axum::extract::State;
use converge_core::{Command, ContributionId, DomainError, WorkshopId};
use converge_engine::EngineError;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use uuid::Uuid;

#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct HideRequest {
    /// Why the note is hidden, in a sentence its author reads (1 to 200 characters).
    reason: String,
}

#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct EditContributionRequest {
    /// The note's corrected text (1 to 1,000 characters). The record keeps the original.
    text: String,
}

#[derive(Serialize, ToSchema)]
pub struct Moderated {
    contribution_id: Uuid,
    /// The sequence number of the event that recorded the change; null when nothing changed
    /// (the note already stood so).
    seq: Option<u64>,
}

/// Runs `command` on `contribution` of workshop `id`: an unknown note is a missing resource.
async fn moderate(
    app: &AppState,
    credentials: &Credentials,
    (id, contribution): (Uuid, Uuid),
    command: impl FnOnce(ContributionId) -> Command,
) -> Result<Json<Moderated>, ApiError> {
    let workshop = WorkshopId::from_uuid(id);
    let ApiMember { actor, .. } = ApiMember::of(app, credentials, workshop).await?;
    let events = app.engine.execute(workshop, actor, command(ContributionId::from_uuid(contribution))).await.map_err(
        |error| {
            ApiError::from(match error {
                EngineError::Domain(DomainError::UnknownContribution(_)) => Failure::NotFound,
                other => other.into(),
            })
        },
    )?;
    Ok(Json(Moderated { contribution_id: contribution, seq: events.last().map(|event| event.seq) }))
}

/// Hide a note from the room: it leaves the projection, other phones, results and the report;
/// its author reads the reason on their pages. Hiding again changes the reason.
#[utoipa::path(post, path = "/api/v1/workshops/{id}/contributions/{contribution_id}/hide",
    operation_id = "hideContribution", tag = "moderation",
    params(("id" = Uuid, Path), ("contribution_id" = Uuid, Path)),
    request_body = HideRequest,
    responses((status = 200, body = Moderated), (status = 400, body = ErrorBody), (status = 401, body = ErrorBody),
              (status = 403, body = ErrorBody), (status = 404, description = "No such workshop or contribution", body = ErrorBody),
              (status = 422, description = "No reason, a removed note, or a closed workshop", body = ErrorBody)),
    security(("bearer" = [])))]
pub async fn hide_contribution(
    State(app): State<AppState>,
    credentials: Credentials,
    ValidPath((id, contribution)): ValidPath<(Uuid, Uuid)>,
    ApiJson(body): ApiJson<HideRequest>,
) -> Result<Json<Moderated>, ApiError> {
    moderate(&app, &credentials, (id, contribution), |contribution_id| Command::HideContribution {
        contribution_id,
        reason: body.reason,
    })
    .await
}

/// Show a hidden note to the room again.
#[utoipa::path(post, path = "/api/v1/workshops/{id}/contributions/{contribution_id}/show",
    operation_id = "showContribution", tag = "moderation",
    params(("id" = Uuid, Path), ("contribution_id" = Uuid, Path)),
    responses((status = 200, body = Moderated), (status = 401, body = ErrorBody), (status = 403, body = ErrorBody),
              (status = 404, description = "No such workshop or contribution", body = ErrorBody),
              (status = 422, description = "A removed note, or a closed workshop", body = ErrorBody)),
    security(("bearer" = [])))]
pub async fn show_contribution(
    State(app): State<AppState>,
    credentials: Credentials,
    ValidPath((id, contribution)): ValidPath<(Uuid, Uuid)>,
) -> Result<Json<Moderated>, ApiError> {
    moderate(&app, &credentials, (id, contribution), |contribution_id| Command::ShowContribution { contribution_id })
        .await
}

/// Correct a note's text: the facilitator at any time, its author while its activity is open.
/// Pages show the new text, marked as edited; the record keeps both.
#[utoipa::path(post, path = "/api/v1/workshops/{id}/contributions/{contribution_id}/edit",
    operation_id = "editContribution", tag = "moderation",
    params(("id" = Uuid, Path), ("contribution_id" = Uuid, Path)),
    request_body = EditContributionRequest,
    responses((status = 200, body = Moderated), (status = 400, body = ErrorBody), (status = 401, body = ErrorBody),
              (status = 403, description = "Neither the facilitator nor the note's author", body = ErrorBody),
              (status = 404, description = "No such workshop or contribution", body = ErrorBody),
              (status = 422, description = "An invalid text, a removed note, a closed activity (for its author) or workshop", body = ErrorBody)),
    security(("bearer" = [])))]
pub async fn edit_contribution(
    State(app): State<AppState>,
    credentials: Credentials,
    ValidPath((id, contribution)): ValidPath<(Uuid, Uuid)>,
    ApiJson(body): ApiJson<EditContributionRequest>,
) -> Result<Json<Moderated>, ApiError> {
    moderate(&app, &credentials, (id, contribution), |contribution_id| Command::EditContribution {
        contribution_id,
        text: body.text,
    })
    .await
}

/// Remove a note (spam, or its author deleting it while its activity is open): it is gone from
/// every page; the record keeps it.
#[utoipa::path(post, path = "/api/v1/workshops/{id}/contributions/{contribution_id}/remove",
    operation_id = "removeContribution", tag = "moderation",
    params(("id" = Uuid, Path), ("contribution_id" = Uuid, Path)),
    responses((status = 200, body = Moderated), (status = 401, body = ErrorBody),
              (status = 403, description = "Neither the facilitator nor the note's author", body = ErrorBody),
              (status = 404, description = "No such workshop or contribution", body = ErrorBody),
              (status = 422, description = "A closed activity (for its author) or workshop", body = ErrorBody)),
    security(("bearer" = [])))]
pub async fn remove_contribution(
    State(app): State<AppState>,
    credentials: Credentials,
    ValidPath((id, contribution)): ValidPath<(Uuid, Uuid)>,
) -> Result<Json<Moderated>, ApiError> {
    moderate(&app, &credentials, (id, contribution), |contribution_id| Command::RemoveContribution { contribution_id })
        .await
}

/// Split a merged note back out of the note it was merged into: it regains its own place.
#[utoipa::path(post, path = "/api/v1/workshops/{id}/contributions/{contribution_id}/unmerge",
    operation_id = "unmergeContribution", tag = "moderation",
    params(("id" = Uuid, Path), ("contribution_id" = Uuid, Path)),
    responses((status = 200, body = Moderated), (status = 401, body = ErrorBody), (status = 403, body = ErrorBody),
              (status = 404, description = "No such workshop or contribution", body = ErrorBody),
              (status = 422, description = "The note is not merged, or the workshop is closed", body = ErrorBody)),
    security(("bearer" = [])))]
pub async fn unmerge_contribution(
    State(app): State<AppState>,
    credentials: Credentials,
    ValidPath((id, contribution)): ValidPath<(Uuid, Uuid)>,
) -> Result<Json<Moderated>, ApiError> {
    moderate(&app, &credentials, (id, contribution), |contribution_id| Command::UnmergeContribution { contribution_id })
        .await
}
