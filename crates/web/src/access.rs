//! Who may act on the workshop a request names: extractors that load workshop `{id}` and check
//! the caller belongs to it, so a handler starts with the workshop and the caller it needs and
//! repeats no check of its own.
//!
//! - [`OwnedWorkshop`]: the signed-in facilitator who runs the workshop (the console's pages).
//! - [`Member`]: whoever belongs to the workshop — participant, observer, expert or its own
//!   facilitator — for the participants' pages; someone not signed in is sent to join.
//! - [`ApiMember`]: the same for the JSON API, from a bearer token or a cookie.
//!
//! Someone outside a workshop learns nothing about it, not even that it exists: they get 404,
//! as for a workshop that was deleted.

use crate::AppState;
use crate::auth::{Credentials, Facilitator};
use crate::error::{ApiError, Failure, PageError};
use axum::extract::{FromRequestParts, RawPathParams};
use axum::http::request::Parts;
use axum::response::{IntoResponse, Redirect, Response};
use converge_core::{Actor, Role, WorkshopId};
use converge_engine::LiveState;
use std::sync::Arc;

/// The workshop `{id}` of the request's path; one that does not parse names nothing we have.
async fn workshop_in_path(parts: &mut Parts, app: &AppState) -> Result<WorkshopId, Failure> {
    let params = RawPathParams::from_request_parts(parts, app).await.map_err(|_| Failure::NotFound)?;
    let id = params.iter().find(|(name, _)| *name == "id").map(|(_, value)| value).ok_or(Failure::NotFound)?;
    id.parse().map_err(|_| Failure::NotFound)
}

/// The workshop `{id}`, if it exists and is not deleted.
async fn live_workshop(app: &AppState, id: WorkshopId) -> Result<Arc<LiveState>, Failure> {
    let state = app.engine.state(id).await?;
    if state.workshop.deleted {
        return Err(Failure::NotFound);
    }
    Ok(state)
}

/// The signed-in facilitator who runs workshop `{id}`, and the workshop. Not signed in: to the
/// sign-in page; another facilitator's workshop: 404.
pub struct OwnedWorkshop {
    pub facilitator: Facilitator,
    pub state: Arc<LiveState>,
}

impl FromRequestParts<AppState> for OwnedWorkshop {
    type Rejection = PageError;

    async fn from_request_parts(parts: &mut Parts, app: &AppState) -> Result<Self, Self::Rejection> {
        let facilitator = Facilitator::from_request_parts(parts, app).await?;
        let id = workshop_in_path(parts, app).await?;
        let state = owned_by(app, &facilitator, id).await?;
        Ok(OwnedWorkshop { facilitator, state })
    }
}

/// Whoever this browser is in workshop `{id}`: a participant (of any role) or the workshop's own
/// facilitator, with the workshop as it was when the request came.
pub struct Member {
    pub state: Arc<LiveState>,
    pub actor: Actor,
    pub role: Role,
}

impl FromRequestParts<AppState> for Member {
    /// A page, or the way to join.
    type Rejection = Response;

    async fn from_request_parts(parts: &mut Parts, app: &AppState) -> Result<Self, Self::Rejection> {
        let id = workshop_in_path(parts, app).await.map_err(|failure| PageError(failure).into_response())?;
        let state = live_workshop(app, id).await.map_err(|failure| PageError(failure).into_response())?;
        let credentials = Credentials::from_headers(app, &parts.headers)
            .await
            .map_err(|failure| PageError(failure).into_response())?;
        match credentials.actor_in(app, &state) {
            Ok((actor, role)) => Ok(Member { state, actor, role }),
            Err(Failure::Unauthenticated) => Err(Redirect::to("/join").into_response()),
            Err(Failure::Forbidden) => Err(PageError(Failure::NotFound).into_response()),
            Err(failure) => Err(PageError(failure).into_response()),
        }
    }
}

/// A member of workshop `{id}` calling the API: the workshop, how the caller acts in it, and
/// their role.
pub struct ApiMember {
    pub state: Arc<LiveState>,
    pub actor: Actor,
    pub role: Role,
}

impl ApiMember {
    /// The member of workshop `id` the credentials speak for.
    pub async fn of(app: &AppState, credentials: &Credentials, id: WorkshopId) -> Result<ApiMember, ApiError> {
        let state = live_workshop(app, id).await?;
        match credentials.actor_in(app, &state) {
            Ok((actor, role)) => Ok(ApiMember { state, actor, role }),
            Err(Failure::Forbidden) => Err(ApiError(Failure::NotFound)),
            Err(failure) => Err(ApiError(failure)),
        }
    }
}

impl FromRequestParts<AppState> for ApiMember {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, app: &AppState) -> Result<Self, Self::Rejection> {
        let credentials = Credentials::from_request_parts(parts, app).await?;
        let id = workshop_in_path(parts, app).await?;
        ApiMember::of(app, &credentials, id).await
    }
}

/// Workshop `id`, if `facilitator` runs it: for a handler that looks at it again after a change.
pub async fn owned_by(app: &AppState, facilitator: &Facilitator, id: WorkshopId) -> Result<Arc<LiveState>, PageError> {
    let state = live_workshop(app, id).await?;
    if state.workshop.facilitator_for(facilitator.id()).is_none() {
        return Err(PageError(Failure::NotFound));
    }
    Ok(state)
}
