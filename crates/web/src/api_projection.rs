//! The projection screen through the API: `spotlightContribution`, for a facilitator's remote
//! or a script that drives the room.

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
pub struct SpotlightRequest {
    /// The contribution to show full screen; `null` gives the board back.
    contribution_id: Option<Uuid>,
}

#[derive(Serialize, ToSchema)]
pub struct SpotlightSet {
    /// The contribution now full screen, or `null`.
    contribution_id: Option<Uuid>,
    /// The sequence number of the event that recorded it; absent when nothing changed.
    seq: Option<u64>,
}

/// Show one contribution full screen on the projection, or (`null`) the board again. The
/// spotlight goes when the focus moves to another activity.
#[utoipa::path(post, path = "/api/v1/workshops/{id}/spotlight", operation_id = "spotlightContribution",
    tag = "facilitation",
    params(("id" = Uuid, Path)),
    request_body = SpotlightRequest,
    responses((status = 200, body = SpotlightSet), (status = 400, body = ErrorBody), (status = 401, body = ErrorBody),
              (status = 403, body = ErrorBody), (status = 404, description = "No such workshop or contribution", body = ErrorBody),
              (status = 422, description = "The contribution's activity was never opened, or the workshop is closed", body = ErrorBody)),
    security(("bearer" = [])))]
pub async fn spotlight_contribution(
    State(app): State<AppState>,
    credentials: Credentials,
    ValidPath(id): ValidPath<Uuid>,
    ApiJson(body): ApiJson<SpotlightRequest>,
) -> Result<Json<SpotlightSet>, ApiError> {
    let workshop = WorkshopId::from_uuid(id);
    let ApiMember { actor, .. } = ApiMember::of(&app, &credentials, workshop).await?;
    let command = Command::Spotlight { contribution_id: body.contribution_id.map(ContributionId::from_uuid) };
    let events = app.engine.execute(workshop, actor, command).await.map_err(|error| {
        // An unknown contribution is a missing resource here, not a missing right.
        let failure = match error {
            EngineError::Domain(DomainError::UnknownContribution(_)) => Failure::NotFound,
            other => other.into(),
        };
        ApiError::from(failure)
    })?;
    Ok(Json(SpotlightSet { contribution_id: body.contribution_id, seq: events.last().map(|event| event.seq) }))
}
