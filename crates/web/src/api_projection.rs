//! The projection screen through the API: `spotlightContribution` and `zoomProjection`, for a
//! facilitator's remote or a script that drives the room.

use crate::AppState;
use crate::access::ApiMember;
use crate::auth::Credentials;
use crate::error::{ApiError, ErrorBody, Failure};
use crate::extract::{ApiJson, ValidPath};
use axum::Json;
use axum::extract::State;
use converge_core::{ActivityId, BoardPart, Command, ContributionId, DomainError, Quadrant, WorkshopId, Zoom};
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

/// A quadrant as the API names it: a SWOT's, or the impact/feasibility matrix's.
#[derive(Debug, Clone, Copy, Deserialize, Serialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum QuadrantName {
    Strength,
    Weakness,
    Opportunity,
    Threat,
    QuickWin,
    BigBet,
    FillIn,
    MoneyPit,
}

impl From<QuadrantName> for Quadrant {
    fn from(name: QuadrantName) -> Self {
        match name {
            QuadrantName::Strength => Quadrant::Strength,
            QuadrantName::Weakness => Quadrant::Weakness,
            QuadrantName::Opportunity => Quadrant::Opportunity,
            QuadrantName::Threat => Quadrant::Threat,
            QuadrantName::QuickWin => Quadrant::QuickWin,
            QuadrantName::BigBet => Quadrant::BigBet,
            QuadrantName::FillIn => Quadrant::FillIn,
            QuadrantName::MoneyPit => Quadrant::MoneyPit,
        }
    }
}

#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ZoomRequest {
    /// The activity whose board to zoom on; `null` or absent gives the whole board back.
    #[serde(default)]
    activity_id: Option<Uuid>,
    /// A category of a sorting board, by its id in the activity's configuration.
    #[serde(default, deserialize_with = "whole_number")]
    category: Option<u32>,
    /// A quadrant of a SWOT, or of an assessment's impact/feasibility matrix.
    #[serde(default)]
    quadrant: Option<QuadrantName>,
    /// A table of the room (or of a brainwriting), numbered from 0.
    #[serde(default, deserialize_with = "whole_number")]
    table: Option<u32>,
}

/// A number JSON may write `3` or `3.0`: both are the integer the schema asks for.
fn whole_number<'de, D: serde::Deserializer<'de>>(deserializer: D) -> Result<Option<u32>, D::Error> {
    let number: Option<f64> = Deserialize::deserialize(deserializer)?;
    match number {
        None => Ok(None),
        Some(n) if n.fract() == 0.0 && (0.0..=f64::from(u32::MAX)).contains(&n) => Ok(Some(n as u32)),
        Some(n) => Err(serde::de::Error::custom(format!("{n} is not a whole number from 0 to {}", u32::MAX))),
    }
}

#[derive(Serialize, ToSchema)]
pub struct ZoomSet {
    /// The activity zoomed on, or `null` for the whole board.
    activity_id: Option<Uuid>,
    #[serde(skip_serializing_if = "Option::is_none")]
    category: Option<u32>,
    #[serde(skip_serializing_if = "Option::is_none")]
    quadrant: Option<QuadrantName>,
    #[serde(skip_serializing_if = "Option::is_none")]
    table: Option<u32>,
    /// The sequence number of the event that recorded it; absent when nothing changed.
    seq: Option<u64>,
}

/// Show one part of a board alone on the projection (a category, a SWOT or matrix quadrant, a
/// table), or (`activity_id` null) the whole board again. The zoom goes when the focus moves.
#[utoipa::path(post, path = "/api/v1/workshops/{id}/zoom", operation_id = "zoomProjection",
    tag = "facilitation",
    params(("id" = Uuid, Path)),
    request_body = ZoomRequest,
    responses((status = 200, body = ZoomSet), (status = 400, body = ErrorBody), (status = 401, body = ErrorBody),
              (status = 403, body = ErrorBody), (status = 404, description = "No such workshop or activity", body = ErrorBody),
              (status = 422, description = "The board has no such part, its activity was never opened, or the workshop is closed", body = ErrorBody)),
    security(("bearer" = [])))]
pub async fn zoom_projection(
    State(app): State<AppState>,
    credentials: Credentials,
    ValidPath(id): ValidPath<Uuid>,
    ApiJson(body): ApiJson<serde_json::Value>,
) -> Result<Json<ZoomSet>, ApiError> {
    // An object only: serde would also read the fields from an array.
    if !body.is_object() {
        return Err(Failure::BadRequest("the body is a JSON object".into()).into());
    }
    let body: ZoomRequest = serde_json::from_value(body).map_err(|error| Failure::BadRequest(error.to_string()))?;
    let workshop = WorkshopId::from_uuid(id);
    // Who asks is settled before what is asked: an anonymous caller gets 401, never a 400.
    let ApiMember { actor, .. } = ApiMember::of(&app, &credentials, workshop).await?;
    // An activity and a part zoom; anything less gives the whole board back. Of several parts
    // named, the first of category, quadrant and table counts.
    let part = match (body.category, body.quadrant, body.table) {
        (Some(category), ..) => Some(BoardPart::Category { category }),
        (None, Some(quadrant), _) => Some(BoardPart::Quadrant { quadrant: quadrant.into() }),
        (None, None, Some(table)) => Some(BoardPart::Table { table }),
        (None, None, None) => None,
    };
    let zoom = match (body.activity_id, part) {
        (Some(activity), Some(part)) => Some(Zoom { activity_id: ActivityId::from_uuid(activity), part }),
        _ => None,
    };
    let events = app.engine.execute(workshop, actor, Command::ZoomProjection { zoom }).await.map_err(|error| {
        let failure = match error {
            EngineError::Domain(DomainError::UnknownActivity(_)) => Failure::NotFound,
            other => other.into(),
        };
        ApiError::from(failure)
    })?;
    let ZoomRequest { activity_id, category, quadrant, table } = body;
    Ok(Json(ZoomSet { activity_id, category, quadrant, table, seq: events.last().map(|event| event.seq) }))
}
