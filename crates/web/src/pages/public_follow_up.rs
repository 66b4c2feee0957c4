//! The public follow-up page of a workshop, at an unguessable address the facilitator publishes
//! (`/follow/{token}`), and its Atom feed of status changes. No sign-in: anyone with the link
//! reads each action of the plan with its status history, who answers for it, when the next
//! update is due (flagged when overdue), the contributions it came from (their texts, never who
//! wrote them) and the risks it mitigates. An unknown or withdrawn address is a 404.
//!
//! The page is found by its token through the store's index of published pages
//! (`Engine::published_follow_up`): one lookup, whatever the number of workshops. The markup and
//! the feed's XML are in `converge_views::pages::public_follow_up`.

use super::follow_up::public_base;
use crate::AppState;
use crate::error::{Failure, PageError};
use crate::extract::ValidPath;
use crate::i18n::Lang;
use axum::extract::State;
use axum::http::{HeaderMap, HeaderValue, header};
use axum::response::{IntoResponse, Response};
use converge_engine::LiveState;
use converge_views::layout::PageContext;
use converge_views::pages::public_follow_up::{self as views, atom};
use std::sync::Arc;

/// The workshop published at `token`; a 404 for an address that opens nothing.
async fn find_or_404(app: &AppState, token: &str) -> Result<Arc<LiveState>, PageError> {
    match app.engine.published_follow_up(token).await {
        Ok(Some(state)) => Ok(state),
        Ok(None) => Err(PageError::from(Failure::NotFound)),
        Err(error) => Err(PageError::from(error)),
    }
}

/// `GET /follow/{follow_token}`.
pub async fn follow_up_page(
    State(app): State<AppState>,
    context: PageContext,
    ValidPath(token): ValidPath<String>,
) -> Result<Response, PageError> {
    let state = find_or_404(&app, &token).await?;
    let feed = format!("/follow/{token}/feed.atom");
    Ok(views::page(&context, &state.workshop, &feed, converge_engine::now()).into_response())
}

/// `GET /follow/{follow_token}/feed.atom`: one entry per status change, newest first.
pub async fn feed(
    State(app): State<AppState>,
    lang: Lang,
    headers: HeaderMap,
    ValidPath(token): ValidPath<String>,
) -> Result<Response, PageError> {
    let state = find_or_404(&app, &token).await?;
    let base = public_base(&app, &headers);
    let xml = atom(lang, &state.workshop, &format!("{base}/follow/{token}"));
    let mut response = xml.into_response();
    response
        .headers_mut()
        .insert(header::CONTENT_TYPE, HeaderValue::from_static("application/atom+xml; charset=utf-8"));
    Ok(response)
}
