//! The facilitator's pages around the console: the dashboard of workshops (archived ones apart),
//! deleting, archiving and restoring one, and the projection screen. The console itself is in
//! `console`.
//!
//! Deleting a workshop whose follow-up page is public archives it (`Engine::delete_workshop`):
//! the page stays up. Deleting it for good is a second step, from the archived workshops, on a
//! page that names what disappears with it.

use super::activities::{self, Draft};
use super::layout::{EventKinds, Frame, Live, PageContext, csrf_field, form_error, page};
use crate::access::OwnedWorkshop;
use crate::auth::Facilitator;
use crate::error::{Failure, PageError};
use crate::extract::{ValidForm, ValidPath};
use crate::i18n::Lang;
use crate::{AppState, join_url, public_base};
use axum::extract::State;
use axum::http::HeaderMap;
use axum::response::{IntoResponse, Redirect, Response};
use converge_core::{Activity, CalendarDate, Language, Role, Workshop, WorkshopId, limits};
use converge_engine::{EngineError, NewWorkshop, Removal};
use converge_i18n::FluentValue;
use maud::{Markup, PreEscaped, html};
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
    let lang = context.lang;
    let workshops = app.engine.workshops_of(facilitator.id()).await?;
    let archived = app.engine.archived_workshops_of(facilitator.id()).await?;
    let title = lang.t("dashboard-title");
    Ok(page(
        context,
        Frame { title: &title, live: None, body_class: "" },
        html! {
            h1 { (title) }
            p.muted {
                (lang.t_args("dashboard-signed-in-as", &[("name", facilitator.0.display_name.as_str().into())]))
                " · " a #account-link href="/facilitator/account" { (lang.t("account-link")) }
            }
            section.card {
                h2 { (lang.t("dashboard-create-heading")) }
                (form_error(error))
                form #create-workshop.stack method="post" action="/facilitator/workshops" {
                    (csrf_field(&context.csrf))
                    label for="title" { (lang.t("dashboard-workshop-title-label")) }
                    input #title name="title" value=(title_value) required maxlength=(limits::TITLE_MAX);
                    label for="language" { (lang.t("dashboard-workshop-language-label")) }
                    select #language name="language" {
                        @for language in Language::ALL {
                            option value=(language.as_str()) selected[language == lang.0] {
                                (Lang(language).t("language-name"))
                            }
                        }
                    }
                    label for="template" { (lang.t("dashboard-template-label")) }
                    select #template name="template" {
                        option value="default" selected { (lang.t("template-default-name")) }
                        @for template in converge_engine::templates::shipped() {
                            option value=(template.id()) { (template.title(lang.0)) }
                        }
                    }
                    button type="submit" { (lang.t("dashboard-create-button")) }
                }
            }
            section {
                h2 { (lang.t("dashboard-list-heading")) }
                @if workshops.is_empty() {
                    p.muted { (lang.t("dashboard-empty")) }
                }
                ul.workshops {
                    @for workshop in &workshops {
                        li.card {
                            a data-workshop-link href={ "/facilitator/workshops/" (workshop.id) } { (workshop.title) }
                            span.code { (workshop.join_code) }
                            a.button.danger href={ "/facilitator/workshops/" (workshop.id) "/delete" } {
                                (lang.t("dashboard-delete-button"))
                            }
                        }
                    }
                }
            }
            @if !archived.is_empty() {
                section #archived {
                    h2 { (lang.t("dashboard-archived-heading")) }
                    p.hint { (lang.t("dashboard-archived-hint")) }
                    ul.workshops {
                        @for workshop in &archived {
                            li.card data-archived=(workshop.id) {
                                a href={ "/facilitator/workshops/" (workshop.id) } { (workshop.title) }
                                form.inline method="post" action={ "/facilitator/workshops/" (workshop.id) "/restore" } {
                                    (csrf_field(&context.csrf))
                                    button.secondary type="submit" { (lang.t("dashboard-restore-button")) }
                                }
                                a.button.danger href={ "/facilitator/workshops/" (workshop.id) "/delete" } {
                                    (lang.t("dashboard-delete-for-good-button"))
                                }
                            }
                        }
                    }
                }
            }
        },
    ))
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
    let agenda = crate::agenda_for(Some(&form.template), language)?;
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
    ValidPath(id): ValidPath<WorkshopId>,
) -> Result<Markup, PageError> {
    let lang = context.lang;
    let workshop = &state.workshop;
    let workshop_title = || workshop.title.as_str().into();
    let path = format!("/facilitator/workshops/{id}");
    let (title, body) = match &workshop.follow_up_token {
        Some(token) if workshop.archived => {
            let url = format!("{}/follow/{token}", public_base(&app, &headers));
            let title = lang.t("delete-for-good-title");
            let body = html! {
                p { (lang.t_args("delete-for-good-question", &[("title", workshop_title())])) }
                p { (lang.t_args("delete-for-good-page", &[("url", url.as_str().into())])) }
                p { (lang.t_args("delete-for-good-actions", &[("count", FluentValue::from(workshop.plan().count()))])) }
                form #delete-for-good.actions method="post" action={ (path) "/delete-for-good" } {
                    (csrf_field(&context.csrf))
                    button.danger type="submit" { (lang.t("delete-for-good-confirm-button")) }
                    a.button.secondary href="/facilitator#archived" { (lang.t("delete-cancel")) }
                }
            };
            (title, body)
        }
        Some(_) => {
            let title = lang.t("archive-title");
            let body = html! {
                p { (lang.t_args("archive-question", &[("title", workshop_title())])) }
                p.muted { (lang.t("archive-consequence")) }
                form #archive-workshop.actions method="post" action={ (path) "/delete" } {
                    (csrf_field(&context.csrf))
                    button.danger type="submit" { (lang.t("archive-confirm-button")) }
                    a.button.secondary href="/facilitator" { (lang.t("delete-cancel")) }
                }
            };
            (title, body)
        }
        None => {
            let title = lang.t("delete-title");
            let n_contributions = FluentValue::from(workshop.contributions.len());
            let body = html! {
                p { (lang.t_args("delete-question", &[("title", workshop_title())])) }
                p.muted { (lang.t_args("delete-consequence", &[("count", n_contributions)])) }
                form #delete-workshop.actions method="post" action={ (path) "/delete" } {
                    (csrf_field(&context.csrf))
                    button.danger type="submit" { (lang.t("delete-confirm-button")) }
                    a.button.secondary href="/facilitator" { (lang.t("delete-cancel")) }
                }
            };
            (title, body)
        }
    };
    Ok(page(&context, Frame { title: &title, live: None, body_class: "" }, html! { h1 { (title) } (body) }))
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
    ValidPath(id): ValidPath<WorkshopId>,
    axum::extract::RawQuery(query): axum::extract::RawQuery,
) -> Result<Markup, PageError> {
    // The room reads the projection: it speaks the workshop's language whatever the
    // facilitator's browser prefers; `?lang=` still chooses, for a room that needs the other.
    let asked = query.as_deref().unwrap_or_default().split('&').any(|pair| pair.starts_with("lang="));
    let context = if asked { context } else { PageContext { lang: Lang(state.workshop.language), ..context } };
    let lang = context.lang;
    let entry = app.engine.workshop_entry(id).await?;
    let profiles = app.engine.profiles(id).await?;
    let names: HashMap<_, _> = profiles.iter().map(|(id, profile)| (*id, profile.name.as_str())).collect();
    let workshop = &state.workshop;
    let join_link = join_url(&app, &headers, &entry.join_code);
    let qr = qr_svg(&join_link);
    let now = converge_engine::now();
    let draft = Draft::default();
    // The screen follows the facilitator: the focused activity, or else whatever is open.
    let shown: Vec<&Activity> = match workshop.focus.and_then(|focus| workshop.activity(focus)) {
        Some(focused) => vec![focused],
        None => workshop.open_activities().collect(),
    };
    Ok(page(
        &context,
        Frame {
            title: &workshop.title,
            live: Some(live(id, state.seq, &context.path, Live::SCREEN)),
            body_class: "screen",
        },
        html! {
            div.screen-grid {
                // Live: a new code or a lock shows at once, so nobody scans a code that stopped.
                aside #join-live.join-panel data-live {
                    @if let Some(closed_at) = workshop.closed_at {
                        // Nobody joins a closed workshop: no code to scan, a word of thanks.
                        p.closing-thanks { (lang.t("screen-closed-thanks")) }
                        p.muted { (lang.t_args("screen-closed-on", &[("date", lang.date(CalendarDate::of(closed_at)).into())])) }
                    } @else if workshop.joining_locked {
                        p.joining-locked { (lang.t("screen-joining-locked")) }
                    } @else {
                        p { (lang.t("screen-join-prompt")) }
                        div.qr { (PreEscaped(qr)) }
                        p.join-url { (join_link) }
                        p { (lang.t("console-join-code")) }
                        p.code.huge data-join-code { (entry.join_code) }
                    }
                }
                div #screen-live.screen-main data-live {
                    h1 { (workshop.title) }
                    @if workshop.closed_at.is_some() {
                        (closing_summary(lang, workshop))
                    } @else if shown.is_empty() {
                        p.lead { (lang.t("screen-waiting")) }
                    }
                    @for activity in shown {
                        section {
                            h2 { (activity.title) }
                            @if !activity.prompt.is_empty() { p.prompt { (activity.prompt) } }
                            (super::timer::timer(lang, activity, now))
                            (activities::projection(&activities::View {
                                lang,
                                csrf: "",
                                workshop,
                                activity,
                                names: &names,
                                keyring: &state.keyring,
                                viewer: None,
                                role: None,
                                now,
                                draft: &draft,
                            }))
                        }
                    }
                }
            }
        },
    ))
}

/// What the room did, for the projection once the workshop is closed: a few figures, large.
fn closing_summary(lang: Lang, workshop: &Workshop) -> Markup {
    let people = workshop.participants.values().filter(|participant| participant.role != Role::Facilitator).count();
    let figures = [
        ("screen-closed-people", people),
        ("screen-closed-contributions", workshop.contributions.len()),
        ("screen-closed-actions", workshop.plan().count()),
    ];
    html! {
        section.closing {
            p.lead { (lang.t("screen-closed-lead")) }
            ul.closing-figures {
                @for (key, n) in figures {
                    li { strong { (n) } " " (lang.t_args(key, &[("count", FluentValue::from(n))])) }
                }
            }
        }
    }
}

pub(super) fn live(id: WorkshopId, seq: u64, page: &str, kinds: EventKinds) -> Live {
    Live {
        stream: format!("/api/v1/workshops/{id}/events"),
        seq,
        page: page.to_owned(),
        kinds,
        activity: None,
        follow_focus: None,
    }
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
