//! The projection screen opened by its address without sign-in (`/screen/{id}/{screen_token}`),
//! and the console's controls that create, renew and revoke that address, one route each.
//!
//! The linked page is the facilitator's projection, the same markup and live updates, in the
//! workshop's language (`?lang=` still chooses); it follows the event stream with its token
//! (`sse.rs`), reading as the room does. Which token is valid is the engine's rule
//! (`Engine::workshop_for_screen_token`); anything else is the plain 404 page, which says
//! nothing of whether the workshop exists. No session is made and nothing is asked of the
//! browser: a venue TV opens it as it is.

use crate::access::OwnedWorkshop;
use crate::error::{Failure, PageError};
use crate::extract::ValidPath;
use crate::{AppState, screen_url};
use axum::extract::State;
use axum::http::{HeaderMap, HeaderName, HeaderValue};
use axum::response::{IntoResponse, Redirect, Response};
use converge_core::{Actor, WorkshopId};
use converge_views::layout::PageContext;

/// `GET /screen/{id}/{screen_token}`.
pub async fn linked_screen(
    State(app): State<AppState>,
    context: PageContext,
    headers: HeaderMap,
    ValidPath((id, token)): ValidPath<(WorkshopId, String)>,
    axum::extract::RawQuery(query): axum::extract::RawQuery,
) -> Result<Response, PageError> {
    let state = app.engine.workshop_for_screen_token(id, &token).await?.ok_or(Failure::NotFound)?;
    let page =
        super::facilitator::render_screen(&app, context, &state, &headers, query.as_deref(), Some(&token)).await?;
    // An address that opens a room's screen is nobody's to index.
    Ok(([(HeaderName::from_static("x-robots-tag"), HeaderValue::from_static("noindex"))], page).into_response())
}

/// The screen link's place on the console, where each control comes back to.
fn back_to_console(id: WorkshopId) -> Redirect {
    Redirect::to(&format!("/facilitator/workshops/{id}#screen-link"))
}

/// `POST …/screen-link/create`: the screen gets an address, or keeps the one it has (a second
/// click hands out the same).
pub async fn create(
    State(app): State<AppState>,
    OwnedWorkshop { facilitator, state }: OwnedWorkshop,
) -> Result<Redirect, PageError> {
    let id = state.workshop.id;
    app.engine.issue_screen_link(id, Actor::Account(facilitator.id()), false).await?;
    Ok(back_to_console(id))
}

/// `POST …/screen-link/renew`: a new address; the previous one stops, and so do the screens
/// following it.
pub async fn renew(
    State(app): State<AppState>,
    OwnedWorkshop { facilitator, state }: OwnedWorkshop,
) -> Result<Redirect, PageError> {
    let id = state.workshop.id;
    app.engine.issue_screen_link(id, Actor::Account(facilitator.id()), true).await?;
    Ok(back_to_console(id))
}

/// `POST …/screen-link/revoke`: the address stops working; none replaces it.
pub async fn revoke(
    State(app): State<AppState>,
    OwnedWorkshop { facilitator, state }: OwnedWorkshop,
) -> Result<Redirect, PageError> {
    let id = state.workshop.id;
    app.engine.revoke_screen_link(id, Actor::Account(facilitator.id())).await?;
    Ok(back_to_console(id))
}

/// The screen's address as the console shows it, if it has one.
pub(super) fn console_screen_url(
    app: &AppState,
    headers: &HeaderMap,
    workshop: &converge_core::Workshop,
) -> Option<String> {
    app.engine.screen_token(workshop).map(|token| screen_url(app, headers, workshop.id, &token))
}
