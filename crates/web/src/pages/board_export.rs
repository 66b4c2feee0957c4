//! A board as a picture for the facilitator's slides: `GET …/activities/{activity_id}/board.svg`,
//! laid out by `converge_views::activities::board_svg`. The PNG is drawn from it in the browser
//! (`app.js`), which has the fonts the SVG names.

use crate::AppState;
use crate::access::OwnedWorkshop;
use crate::error::{Failure, PageError};
use crate::extract::ValidPath;
use crate::i18n::Lang;
use axum::extract::State;
use axum::http::{HeaderValue, header};
use axum::response::{IntoResponse, Response};
use converge_core::{ActivityId, WorkshopId};
use converge_views::activities::{self, Draft};
use std::collections::HashMap;

/// `GET /facilitator/workshops/{id}/activities/{activity_id}/board.svg`: the board as the room
/// sees it on the projection (no author in an anonymous activity, none when names are kept off
/// the screen), in the workshop's language.
pub async fn board_svg(
    State(app): State<AppState>,
    OwnedWorkshop { state, .. }: OwnedWorkshop,
    ValidPath((id, activity_id)): ValidPath<(WorkshopId, ActivityId)>,
) -> Result<Response, PageError> {
    let workshop = &state.workshop;
    let activity = workshop.activity(activity_id).ok_or(PageError::from(Failure::NotFound))?;
    let profiles = app.engine.profiles(id).await?;
    let names: HashMap<_, _> = profiles.iter().map(|(id, profile)| (*id, profile.name.as_str())).collect();
    let draft = Draft::default();
    let view = activities::View {
        lang: Lang(workshop.language),
        csrf: "",
        workshop,
        activity,
        names: &names,
        keyring: &state.keyring,
        viewer: None,
        role: None,
        now: converge_engine::now(),
        draft: &draft,
    };
    let mut response = activities::board_svg(&view).into_response();
    let headers = response.headers_mut();
    headers.insert(header::CONTENT_TYPE, HeaderValue::from_static("image/svg+xml; charset=utf-8"));
    headers.insert(header::X_CONTENT_TYPE_OPTIONS, HeaderValue::from_static("nosniff"));
    // Named after the workshop and the activity: a slug, so nothing to quote or escape.
    let name = activities::file_name(workshop, activity, "svg");
    if let Ok(disposition) = HeaderValue::from_str(&format!("inline; filename=\"{name}\"")) {
        headers.insert(header::CONTENT_DISPOSITION, disposition);
    }
    Ok(response)
}
