//! The facilitator's pages around the console: the dashboard of workshops (archived ones apart),
//! deleting, archiving and restoring one, and the projection screen. The console itself is in
//! `console`. The markup is in `converge_views::pages::facilitator`.
//!
//! Deleting a workshop whose follow-up page is public archives it (`Engine::delete_workshop`):
//! the page stays up. Deleting it for good is a second step, from the archived workshops, on a
//! page that names what disappears with it.

use crate::access::OwnedWorkshop;
use crate::auth::Facilitator;
use crate::error::{Failure, PageError};
use crate::extract::{ValidForm, ValidPath};
use crate::i18n::Lang;
use crate::{AppState, join_url, public_base};
use axum::extract::State;
use axum::http::HeaderMap;
use axum::response::{IntoResponse, Redirect, Response};
use converge_core::{Language, WorkshopId};
use converge_engine::{EngineError, NewWorkshop, Removal};
use converge_views::layout::PageContext;
use converge_views::pages::facilitator::{self as views, WorkshopLink};
use maud::Markup;
use serde::Deserialize;
use std::collections::HashMap;

pub async fn dashboard(
    State(app): State<AppState>,
    context: PageContext,
    facilitator: Facilitator,
) -> Result<Markup, PageError> {
    render_dashboard(&app, &context, &facilitator, "", None).await
}

async fn render_dashboard(
    app: &AppState,
    context: &PageContext,
    facilitator: &Facilitator,
    title_value: &str,
    error: Option<&str>,
) -> Result<Markup, PageError> {
    let workshops = app.engine.workshops_of(facilitator.id()).await?;
    let archived = app.engine.archived_workshops_of(facilitator.id()).await?;
    let workshops: Vec<WorkshopLink> = workshops.iter().map(link).collect();
    let archived: Vec<WorkshopLink> = archived.iter().map(link).collect();
    let name = facilitator.0.display_name.as_str();
    Ok(views::dashboard(context, name, &workshops, &archived, &app.templates, title_value, error))
}

fn link(entry: &converge_store::WorkshopEntry) -> WorkshopLink<'_> {
    WorkshopLink { id: WorkshopId::from_uuid(entry.id), title: &entry.title, join_code: &entry.join_code }
}

#[derive(Deserialize)]
pub struct CreateForm {
    #[serde(default)]
    title: String,
    #[serde(default)]
    language: String,
    #[serde(default)]
    template: String,
}

pub async fn create(
    State(app): State<AppState>,
    context: PageContext,
    facilitator: Facilitator,
    ValidForm(form): ValidForm<CreateForm>,
) -> Result<Response, PageError> {
    let lang = context.lang;
    let language = Language::parse(&form.language).unwrap_or(lang.0);
    let agenda = crate::agenda_for(&app.templates, Some(&form.template), language)?;
    let request = NewWorkshop { title: form.title.clone(), language, agenda };
    match app.engine.create_workshop(facilitator.id(), request).await {
        Ok(entry) => Ok(Redirect::to(&format!("/facilitator/workshops/{}", entry.id)).into_response()),
        Err(EngineError::Domain(error)) => {
            let failure = Failure::from(error);
            let page =
                render_dashboard(&app, &context, &facilitator, &form.title, Some(&failure.message(lang))).await?;
            Ok((failure.status(), page).into_response())
        }
        Err(error) => Err(PageError::from(error)),
    }
}

/// `GET .../delete`: what deleting does to this workshop, to confirm. A workshop whose
/// follow-up page is public is archived instead (the page stays up); once archived, this is the
/// second step, which names the page that will go down and the actions it follows.
pub async fn confirm_delete(
    State(app): State<AppState>,
    context: PageContext,
    OwnedWorkshop { state, .. }: OwnedWorkshop,
    headers: HeaderMap,
    ValidPath(_id): ValidPath<WorkshopId>,
) -> Result<Markup, PageError> {
    let base = public_base(&app, &headers);
    Ok(views::delete_confirmation(&context, &state.workshop, &base))
}

/// `POST .../delete`: deletes the workshop, or archives it when its follow-up page is public.
/// Sent twice, it never goes further than archiving.
pub async fn delete(
    State(app): State<AppState>,
    OwnedWorkshop { facilitator, .. }: OwnedWorkshop,
    ValidPath(id): ValidPath<WorkshopId>,
) -> Result<Redirect, PageError> {
    match app.engine.delete_workshop(id, facilitator.id()).await? {
        Removal::Archived => Ok(Redirect::to("/facilitator#archived")),
        Removal::Deleted => Ok(Redirect::to("/facilitator")),
    }
}

/// `POST .../delete-for-good`: the second step for an archived workshop whose follow-up page is
/// public; the page goes down with it.
pub async fn delete_for_good(
    State(app): State<AppState>,
    OwnedWorkshop { facilitator, .. }: OwnedWorkshop,
    ValidPath(id): ValidPath<WorkshopId>,
) -> Result<Redirect, PageError> {
    app.engine.delete_workshop_for_good(id, facilitator.id()).await?;
    Ok(Redirect::to("/facilitator"))
}

/// `POST .../restore`: an archived workshop back in the list.
pub async fn restore(
    State(app): State<AppState>,
    OwnedWorkshop { facilitator, .. }: OwnedWorkshop,
    ValidPath(id): ValidPath<WorkshopId>,
) -> Result<Redirect, PageError> {
    app.engine.restore_workshop(id, facilitator.id()).await?;
    Ok(Redirect::to("/facilitator"))
}

pub async fn screen(
    State(app): State<AppState>,
    context: PageContext,
    OwnedWorkshop { state, .. }: OwnedWorkshop,
    headers: HeaderMap,
    axum::extract::RawQuery(query): axum::extract::RawQuery,
) -> Result<Markup, PageError> {
    render_screen(&app, context, &state, &headers, query.as_deref(), None).await
}

/// The projection of `state`'s workshop, for its facilitator or, with `screen_token`, for
/// whoever opened it by the screen's address without sign-in: the same page either way.
pub(super) async fn render_screen(
    app: &AppState,
    context: PageContext,
    state: &converge_engine::LiveState,
    headers: &HeaderMap,
    query: Option<&str>,
    screen_token: Option<&str>,
) -> Result<Markup, PageError> {
    let id = state.workshop.id;
    // The room reads the projection: it speaks the workshop's language whatever the
    // facilitator's browser prefers; `?lang=` still chooses, for a room that needs the other.
    let asked = query.unwrap_or_default().split('&').any(|pair| pair.starts_with("lang="));
    let context = if asked { context } else { PageContext { lang: Lang(state.workshop.language), ..context } };
    let entry = app.engine.workshop_entry(id).await?;
    let profiles = app.engine.profiles(id).await?;
    let names: HashMap<_, _> = profiles.iter().map(|(id, profile)| (*id, profile.name.as_str())).collect();
    let join_link = join_url(app, headers, &entry.join_code);
    let qr = qr_svg(&join_link);
    let screen = views::Screen {
        workshop: &state.workshop,
        keyring: &state.keyring,
        seq: state.seq,
        names: &names,
        join_code: &entry.join_code,
        join_link: &join_link,
        qr: &qr,
        now: converge_engine::now(),
        screen_token,
    };
    Ok(views::screen(&context, &screen))
}

pub(super) fn is_loopback(url: &str) -> bool {
    let host = url.split("://").nth(1).unwrap_or_default();
    host.starts_with("127.") || host.starts_with("localhost") || host.starts_with("[::1]")
}

/// The join link as a QR code, in SVG. The encoder turns the text into modules only, so the
/// markup is the encoder's whatever the text (which may come from the request's Host).
fn qr_svg(text: &str) -> String {
    match qrcode::QrCode::new(text.as_bytes()) {
        Ok(code) => code.render::<qrcode::render::svg::Color<'_>>().min_dimensions(240, 240).quiet_zone(true).build(),
        Err(_) => String::new(),
    }
}
