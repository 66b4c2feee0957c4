//! The projection screen's address without sign-in, in the API: `issueScreenLink` and
//! `revokeScreenLink`, the facilitator's alone. `getWorkshop` shows the address to the
//! facilitator as `screen_url`. Which token is valid is the engine's rule.

use crate::access::ApiMember;
use crate::error::{ApiError, ErrorBody};
use crate::{AppState, screen_url};
use axum::Json;
use axum::extract::State;
use axum::http::HeaderMap;
use serde::Serialize;
use utoipa::ToSchema;

#[derive(Serialize, ToSchema)]
pub struct ScreenLink {
    /// The projection screen's address, whole: it opens the screen without sign-in, for
    /// whoever has it. Null when the screen has none.
    screen_url: Option<String>,
}

/// Give the projection screen a new address that needs no sign-in: the screen as the room sees
/// it, live, on another computer, a TV or from afar. The previous address stops working, and the
/// screens following it stop. Also after the workshop is closed (its screen thanks the room).
#[utoipa::path(post, path = "/api/v1/workshops/{id}/screen-link", operation_id = "issueScreenLink", tag = "facilitation",
    params(("id" = Uuid, Path)),
    responses((status = 200, body = ScreenLink), (status = 401, body = ErrorBody), (status = 403, body = ErrorBody),
              (status = 404, body = ErrorBody)),
    security(("bearer" = [])))]
pub async fn issue_screen_link(
    State(app): State<AppState>,
    headers: HeaderMap,
    ApiMember { state, actor, .. }: ApiMember,
) -> Result<Json<ScreenLink>, ApiError> {
    let id = state.workshop.id;
    let token = app.engine.issue_screen_link(id, actor, true).await?;
    Ok(Json(ScreenLink { screen_url: token.map(|token| screen_url(&app, &headers, id, &token)) }))
}

/// Revoke the projection screen's address: it stops working, and the screens following it stop.
/// Revoking when there is none changes nothing.
#[utoipa::path(post, path = "/api/v1/workshops/{id}/screen-link/revoke", operation_id = "revokeScreenLink", tag = "facilitation",
    params(("id" = Uuid, Path)),
    responses((status = 200, description = "The screen has no address any more", body = ScreenLink),
              (status = 401, body = ErrorBody), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody)),
    security(("bearer" = [])))]
pub async fn revoke_screen_link(
    State(app): State<AppState>,
    ApiMember { state, actor, .. }: ApiMember,
) -> Result<Json<ScreenLink>, ApiError> {
    app.engine.revoke_screen_link(state.workshop.id, actor).await?;
    Ok(Json(ScreenLink { screen_url: None }))
}
