//! The follow-up after the workshop, for the commissioner (the facilitator's account in this
//! version): every action of the plan with its status, its history and its public commitment
//! (who answers for it, when the next update is due, flagged when overdue); a form per action
//! to post an update and set the commitment; the public page published or withdrawn; and bulk
//! status updates from a CSV file, checked in a dry run before they are applied all together.

use super::activities::action_plan::jurisdiction_name;
use super::follow_up_badges::{overdue_flag, status_badge, status_label};
use super::layout::{Frame, PageContext, csrf_field, form_error, page};
use crate::AppState;
use crate::access::{OwnedWorkshop, owned_by};
use crate::auth::Facilitator;
use crate::error::{Answer, Failure, PageError};
use crate::extract::{FormFields, ValidPath, ValidQuery, trimmed};
use crate::i18n::Lang;
use axum::extract::multipart::Multipart;
use axum::extract::{FromRequest, Request, State};
use axum::http::{HeaderMap, HeaderValue, header};
use axum::response::{IntoResponse, Redirect, Response};
use converge_core::followup_import::{self, DryRun, Problem};
use converge_core::outcomes::outcome_limits::{NOTE_MAX, OWNER_MAX};
use converge_core::{
    Action, ActionId, ActionStatus, Actor, CalendarDate, Command, StatusUpdate, Timestamp, Workshop, WorkshopId,
};
use converge_engine::EngineError;
use converge_i18n::FluentValue;
use maud::{Markup, html};
use serde::Deserialize;

/// The largest CSV import: a thousand rows with long notes fit comfortably.
pub const IMPORT_BODY_LIMIT: usize = 4 * 1024 * 1024;

fn follow_up_path(id: WorkshopId) -> String {
    format!("/facilitator/workshops/{id}/follow-up")
}

// --- Pieces shared with the public page -----------------------------------------------------

/// Who answers for an action and when its next update is due.
pub(super) fn commitment_line(lang: Lang, action: &Action) -> Markup {
    let follow_up = &action.follow_up;
    html! {
        p.commitment {
            @if follow_up.answerable.is_empty() {
                span.muted { (lang.t("followup-no-answerable")) }
            } @else {
                (lang.t_args("followup-answerable-is", &[("name", follow_up.answerable.as_str().into())]))
            }
            " · "
            @match (follow_up.next_update_due, follow_up.status.is_final()) {
                (_, true) => span.muted { (lang.t("followup-no-update-expected")) },
                (Some(due), false) => span { (lang.t_args("followup-next-update-due", &[("date", lang.date(due).into())])) },
                (None, false) => span.muted { (lang.t("followup-no-due-date")) },
            }
        }
    }
}

/// Every status update of an action, newest first: the day the progress happened, and the day
/// it was recorded when that was later.
pub(super) fn history(lang: Lang, action: &Action) -> Markup {
    html! {
        @if action.follow_up.history.is_empty() {
            p.muted { (lang.t("followup-history-empty")) }
        } @else {
            ol.history reversed {
                @for entry in action.follow_up.history.iter().rev() {
                    li {
                        time datetime=(entry.effective_on) { (lang.date(entry.effective_on)) }
                        @if entry.recorded_on() != entry.effective_on {
                            " " span.muted.recorded-on {
                                (lang.t_args("followup-recorded-on", &[("date", lang.date(entry.recorded_on()).into())]))
                            }
                        }
                        " " (status_badge(lang, entry.status))
                        @if !entry.note.is_empty() { p.note-text { (entry.note) } }
                    }
                }
            }
        }
    }
}

/// The plan's actions grouped by jurisdiction, in the order the action plans name them.
pub(super) fn by_jurisdiction(lang: Lang, workshop: &Workshop) -> Vec<(String, Vec<&Action>)> {
    let mut ranked: Vec<(usize, usize, String, &Action)> = workshop
        .plan()
        .map(|action| {
            let position = workshop.activities.iter().position(|activity| activity.id == action.activity_id);
            let activity = position.map(|position| &workshop.activities[position]);
            let keys = activity.map(|activity| activity.config.jurisdiction_keys()).unwrap_or_default();
            let rank = keys.iter().position(|key| *key == action.card.jurisdiction).unwrap_or(keys.len());
            let name = activity.map_or_else(
                || action.card.jurisdiction.clone(),
                |activity| jurisdiction_name(lang, &activity.config, &action.card.jurisdiction),
            );
            (position.unwrap_or(usize::MAX), rank, name, action)
        })
        .collect();
    ranked.sort_by_key(|(position, rank, _, _)| (*position, *rank));
    let mut groups: Vec<(String, Vec<&Action>)> = Vec::new();
    for (_, _, name, action) in ranked {
        match groups.iter_mut().find(|(known, _)| *known == name) {
            Some((_, actions)) => actions.push(action),
            None => groups.push((name, vec![action])),
        }
    }
    groups
}

pub(super) use crate::public_base;

// --- The console ----------------------------------------------------------------------------

#[derive(Debug, Default, Deserialize)]
pub struct FollowUpQuery {
    /// How many rows the last import applied, to say so.
    #[serde(default)]
    imported: Option<usize>,
}

/// A form of the page that was refused, shown again with what was typed.
#[derive(Default)]
struct Refused {
    action: Option<ActionId>,
    message: String,
    status: String,
    note: String,
    due: String,
    /// The date of the progress, as typed.
    effective: String,
    answerable: String,
}

pub async fn follow_up_page(
    State(app): State<AppState>,
    context: PageContext,
    OwnedWorkshop { state, .. }: OwnedWorkshop,
    headers: HeaderMap,
    ValidQuery(query): ValidQuery<FollowUpQuery>,
) -> Result<Markup, PageError> {
    Ok(render(&app, &context, &headers, &state.workshop, query.imported, None))
}

fn render(
    app: &AppState,
    context: &PageContext,
    headers: &HeaderMap,
    workshop: &Workshop,
    imported: Option<usize>,
    refused: Option<&Refused>,
) -> Markup {
    let lang = context.lang;
    let now = converge_engine::now();
    let title = lang.t("followup-title");
    let id = workshop.id;
    let path = follow_up_path(id);
    let base = public_base(app, headers);
    let n_overdue = workshop.plan().filter(|action| action.follow_up.is_overdue(CalendarDate::of(now))).count();
    page(
        context,
        Frame { title: &title, live: None, body_class: "console" },
        html! {
            p { a href={ "/facilitator/workshops/" (id) } { "← " (workshop.title) } }
            h1 { (title) }
            @if workshop.closed_at.is_none() {
                p.notice { (lang.t("followup-not-closed")) " " a href={ "/facilitator/workshops/" (id) "/close" } { (lang.t("close-link")) } }
            }
            @if let Some(imported) = imported {
                p.notice role="status" { (lang.t_args("followup-imported", &[("count", FluentValue::from(imported))])) }
            }
            @if let Some(refused) = refused.filter(|refused| refused.action.is_none()) {
                (form_error(Some(&refused.message)))
            }
            section.card #public-page {
                h2 { (lang.t("followup-public-heading")) }
                @if let Some(token) = &workshop.follow_up_token {
                    @let url = format!("{base}/follow/{token}");
                    p { (lang.t("followup-published-at")) " " a.join-url data-public-follow-up href=(url) { (url) } }
                    p.hint { (lang.t("followup-published-hint")) }
                    form.inline method="post" action={ (path) "/publish" } {
                        (csrf_field(&context.csrf))
                        input type="hidden" name="publish" value="false";
                        button.danger type="submit" { (lang.t("followup-unpublish-button")) }
                    }
                } @else {
                    p { (lang.t("followup-not-published")) }
                    p.hint { (lang.t("followup-publish-hint")) }
                    form.inline method="post" action={ (path) "/publish" } {
                        (csrf_field(&context.csrf))
                        input type="hidden" name="publish" value="true";
                        button type="submit" { (lang.t("followup-publish-button")) }
                    }
                }
            }
            h2 { (lang.t_args("followup-plan-heading", &[("count", FluentValue::from(workshop.plan().count()))])) }
            @if n_overdue > 0 {
                p.error { (lang.t_args("followup-overdue-count", &[("count", FluentValue::from(n_overdue))])) }
            }
            @if workshop.plan().next().is_none() {
                p.muted { (lang.t("followup-no-actions")) }
            }
            @for (jurisdiction, actions) in by_jurisdiction(lang, workshop) {
                section.jurisdiction {
                    h3 { (jurisdiction) }
                    @for action in actions {
                        (action_card(context, workshop, action, now, refused.filter(|refused| refused.action == Some(action.id))))
                    }
                }
            }
            section.card #import {
                h2 { (lang.t("followup-import-heading")) }
                p.hint { (lang.t("followup-import-hint")) }
                p.hint { code { (followup_import::COLUMNS.join(",")) } }
                p.hint { (lang.t("followup-import-statuses")) " " code { (ActionStatus::ALL.map(ActionStatus::as_str).join(", ")) } }
                p { a href={ (path) "/actions.csv" } download { (lang.t("followup-import-template")) } }
                (import_form(context, id, ""))
            }
        },
    )
}

fn import_form(context: &PageContext, id: WorkshopId, text: &str) -> Markup {
    let lang = context.lang;
    html! {
        // Multipart, so a file arrives as its bytes and its encoding can be checked; the form
        // token is its first field (`security::csrf`).
        form #import-form.stack method="post" enctype="multipart/form-data"
            action={ (follow_up_path(id)) "/import" } {
            // The form token first: the check reads it from the start of the upload.
            (csrf_field(&context.csrf))
            label for="import-file" { (lang.t("followup-import-file-label")) }
            input #import-file type="file" name="file" accept=".csv,text/csv";
            label for="import-text" { (lang.t("followup-import-text-label")) }
            textarea #import-text name="text" rows="6" { (text) }
            button type="submit" { (lang.t("followup-import-check-button")) }
        }
    }
}

fn action_card(
    context: &PageContext,
    workshop: &Workshop,
    action: &Action,
    now: Timestamp,
    refused: Option<&Refused>,
) -> Markup {
    let lang = context.lang;
    let path = follow_up_path(workshop.id);
    let follow_up = &action.follow_up;
    let chosen = refused.and_then(|refused| ActionStatus::parse(&refused.status)).unwrap_or(follow_up.status);
    let due_value = follow_up.next_update_due.map(|due| due.to_string()).unwrap_or_default();
    let today = CalendarDate::of(now);
    // An update sets the next date: proposed ahead of today, never the one that has passed.
    let proposed_due = follow_up.proposed_next_update(today).to_string();
    html! {
        article.card.followup-action #{ "action-" (action.id) } data-action=(action.id) {
            div.activity-head {
                strong { (action.card.title) }
                span { (status_badge(lang, follow_up.status)) " " (overdue_flag(lang, action, now)) }
            }
            p.muted.action-id { (lang.t("followup-action-id")) " " code { (action.id) } }
            (commitment_line(lang, action))
            (history(lang, action))
            @if let Some(refused) = refused {
                (form_error(Some(&refused.message)))
            }
            details.followup-forms open[refused.is_some()] {
                summary { (lang.t("followup-update-summary")) }
                form.stack method="post" action={ (path) "/status" } {
                    (csrf_field(&context.csrf))
                    input type="hidden" name="action_id" value=(action.id);
                    label for={ "status-" (action.id) } { (lang.t("followup-status-label")) }
                    select id={ "status-" (action.id) } name="status" {
                        @for status in ActionStatus::ALL {
                            option value=(status.as_str()) selected[status == chosen] { (status_label(lang, status)) }
                        }
                    }
                    label for={ "note-" (action.id) } { (lang.t("followup-note-label")) }
                    textarea id={ "note-" (action.id) } name="note" rows="3" maxlength=(NOTE_MAX) {
                        (refused.map(|refused| refused.note.as_str()).unwrap_or_default())
                    }
                    p.hint { (lang.t("followup-note-hint")) }
                    label for={ "effective-" (action.id) } { (lang.t("followup-effective-label")) }
                    input id={ "effective-" (action.id) } type="date" name="effective_on" max=(today)
                        aria-describedby={ "effective-hint-" (action.id) }
                        value=(refused.map_or(today.to_string(), |refused| refused.effective.clone()));
                    p.hint id={ "effective-hint-" (action.id) } { (lang.t("followup-effective-hint")) }
                    label for={ "due-" (action.id) } { (lang.t("followup-next-due-label")) }
                    input id={ "due-" (action.id) } type="date" name="next_update_due" min=(today)
                        aria-describedby={ "due-hint-" (action.id) }
                        value=(refused.map_or(proposed_due.as_str(), |refused| refused.due.as_str()));
                    p.hint id={ "due-hint-" (action.id) } { (lang.t("followup-next-due-hint")) }
                    button type="submit" { (lang.t("followup-update-button")) }
                }
                form.stack method="post" action={ (path) "/commitment" } {
                    (csrf_field(&context.csrf))
                    input type="hidden" name="action_id" value=(action.id);
                    label for={ "answerable-" (action.id) } { (lang.t("followup-answerable-label")) }
                    input id={ "answerable-" (action.id) } name="answerable" maxlength=(OWNER_MAX)
                        value=(refused.map_or(follow_up.answerable.as_str(), |refused| refused.answerable.as_str()));
                    label for={ "commitment-due-" (action.id) } { (lang.t("followup-next-due-label")) }
                    input id={ "commitment-due-" (action.id) } type="date" name="next_update_due" value=(due_value);
                    button.secondary type="submit" { (lang.t("followup-commitment-button")) }
                }
            }
        }
    }
}

/// A date field as a form sends it: empty for none.
fn date_field(raw: &str) -> Result<Option<CalendarDate>, ()> {
    match raw.trim() {
        "" => Ok(None),
        raw => CalendarDate::parse(raw).map(Some).ok_or(()),
    }
}

/// Runs a form's command; a refusal shows the page again with the form as it was typed.
async fn run_or_show(
    app: &AppState,
    context: &PageContext,
    facilitator: &Facilitator,
    headers: &HeaderMap,
    id: WorkshopId,
    command: Result<Command, FormProblem>,
    mut refused: Refused,
) -> Result<Response, PageError> {
    let lang = context.lang;
    let status = match command {
        Ok(command) => match app.engine.execute(id, Actor::Account(facilitator.id()), command).await {
            Ok(_) => {
                let anchor = refused.action.map(|action| format!("#action-{action}")).unwrap_or_default();
                return Ok(Redirect::to(&format!("{}{anchor}", follow_up_path(id))).into_response());
            }
            Err(EngineError::Domain(error)) if !error.is_forbidden() => {
                let failure = Failure::from(error);
                refused.message = failure.message(lang);
                failure.status()
            }
            Err(error) => return Err(PageError::from(error)),
        },
        Err(FormProblem::Status) => return Err(PageError::from(Failure::BadRequest("status".into()))),
        Err(FormProblem::Date) => {
            refused.message = lang.t("followup-invalid-date");
            Answer::Refused.status()
        }
    };
    let state = owned_by(app, facilitator, id).await?;
    if refused.action.is_some_and(|action| state.workshop.plan().all(|known| known.id != action)) {
        refused.action = None;
    }
    let page = render(app, context, headers, &state.workshop, None, Some(&refused));
    Ok((status, page).into_response())
}

/// What a follow-up form can get wrong before the domain sees it.
enum FormProblem {
    /// Not one of the statuses the select offers: not sent by our page.
    Status,
    /// Not a date written `YYYY-MM-DD`, which a date field always sends.
    Date,
}

fn action_of(action_id: &Option<String>) -> Result<ActionId, PageError> {
    trimmed(action_id).and_then(|raw| raw.parse().ok()).ok_or(PageError::from(Failure::BadRequest("action_id".into())))
}

/// A field's trimmed text, empty when absent.
fn text(value: &Option<String>) -> String {
    trimmed(value).unwrap_or_default().to_owned()
}

#[derive(Deserialize)]
pub struct StatusForm {
    action_id: Option<String>,
    status: Option<String>,
    note: Option<String>,
    next_update_due: Option<String>,
    effective_on: Option<String>,
}

/// `POST .../follow-up/status`: `action_id`, `status`, `note`, `next_update_due`.
pub async fn update_status(
    State(app): State<AppState>,
    context: PageContext,
    OwnedWorkshop { facilitator, .. }: OwnedWorkshop,
    headers: HeaderMap,
    ValidPath(id): ValidPath<WorkshopId>,
    FormFields(form): FormFields<StatusForm>,
) -> Result<Response, PageError> {
    let action_id = action_of(&form.action_id)?;
    let refused = Refused {
        action: Some(action_id),
        status: text(&form.status),
        note: text(&form.note),
        due: text(&form.next_update_due),
        effective: text(&form.effective_on),
        answerable: String::new(),
        message: String::new(),
    };
    let command = match (ActionStatus::parse(&refused.status), date_field(&refused.due), date_field(&refused.effective))
    {
        (None, _, _) => Err(FormProblem::Status),
        (_, Err(()), _) | (_, _, Err(())) => Err(FormProblem::Date),
        (Some(status), Ok(next_update_due), Ok(effective_on)) => Ok(Command::UpdateActionStatuses {
            updates: vec![StatusUpdate {
                action_id,
                status,
                note: refused.note.clone(),
                next_update_due,
                effective_on,
            }],
            today: converge_engine::today(),
        }),
    };
    run_or_show(&app, &context, &facilitator, &headers, id, command, refused).await
}

#[derive(Deserialize)]
pub struct CommitmentForm {
    action_id: Option<String>,
    answerable: Option<String>,
    next_update_due: Option<String>,
}

/// `POST .../follow-up/commitment`: `action_id`, `answerable`, `next_update_due`.
pub async fn set_commitment(
    State(app): State<AppState>,
    context: PageContext,
    OwnedWorkshop { facilitator, state }: OwnedWorkshop,
    headers: HeaderMap,
    ValidPath(id): ValidPath<WorkshopId>,
    FormFields(form): FormFields<CommitmentForm>,
) -> Result<Response, PageError> {
    let action_id = action_of(&form.action_id)?;
    let current = state.workshop.action(action_id).map(|action| action.follow_up.status.as_str()).unwrap_or_default();
    let refused = Refused {
        action: Some(action_id),
        status: current.to_owned(),
        note: String::new(),
        due: text(&form.next_update_due),
        effective: String::new(),
        answerable: text(&form.answerable),
        message: String::new(),
    };
    let command = date_field(&refused.due).map_err(|()| FormProblem::Date).map(|next_update_due| {
        Command::SetCommitment { action_id, answerable: refused.answerable.clone(), next_update_due }
    });
    run_or_show(&app, &context, &facilitator, &headers, id, command, refused).await
}

#[derive(Deserialize)]
pub struct PublishForm {
    publish: Option<String>,
}

/// `POST .../follow-up/publish`: `publish=true` publishes the public page at a new unguessable
/// address (or keeps the current one); `publish=false` withdraws it.
pub async fn publish(
    State(app): State<AppState>,
    OwnedWorkshop { facilitator, .. }: OwnedWorkshop,
    ValidPath(id): ValidPath<WorkshopId>,
    FormFields(form): FormFields<PublishForm>,
) -> Result<Redirect, PageError> {
    let publishing = trimmed(&form.publish) != Some("false");
    app.engine.publish_follow_up(id, facilitator.id(), publishing).await?;
    Ok(Redirect::to(&format!("{}#public-page", follow_up_path(id))))
}

/// `GET .../follow-up/actions.csv`: the plan in the import's format, to fill in and send back.
pub async fn import_template(OwnedWorkshop { state, .. }: OwnedWorkshop) -> Result<Response, PageError> {
    let mut response = followup_import::template(&state.workshop, converge_engine::today()).into_response();
    let response_headers = response.headers_mut();
    response_headers.insert(header::CONTENT_TYPE, HeaderValue::from_static("text/csv; charset=utf-8"));
    response_headers
        .insert(header::CONTENT_DISPOSITION, HeaderValue::from_static("attachment; filename=\"follow-up.csv\""));
    Ok(response)
}

/// The CSV of an import form: the file when one was chosen, else the pasted text.
async fn read_import(app: &AppState, request: Request) -> Result<Vec<u8>, PageError> {
    let bad = |detail: String| PageError::from(Failure::BadRequest(detail));
    let mut multipart =
        Multipart::from_request(request, app).await.map_err(|_| PageError::from(Failure::UnsupportedMediaType))?;
    let (mut file, mut text) = (Vec::new(), Vec::new());
    loop {
        let field = match multipart.next_field().await {
            Ok(Some(field)) => field,
            Ok(None) => break,
            Err(error) if crate::error::is_payload_too_large(error.status()) => {
                return Err(PageError::from(Failure::PayloadTooLarge));
            }
            Err(error) => return Err(bad(error.body_text())),
        };
        let name = field.name().unwrap_or_default().to_owned();
        let bytes = field.bytes().await.map_err(|error| bad(error.body_text()))?;
        match name.as_str() {
            "file" => file = bytes.to_vec(),
            "text" => text = bytes.to_vec(),
            _ => {}
        }
    }
    Ok(if file.is_empty() { text } else { file })
}

/// An import as it was sent, checked against the workshop as it now is (nothing applied yet), and
/// its text to show again and send back (empty when it is not UTF-8).
async fn check_import(
    app: &AppState,
    facilitator: &Facilitator,
    id: WorkshopId,
    request: Request,
) -> Result<(std::sync::Arc<converge_engine::LiveState>, DryRun, String), PageError> {
    let state = owned_by(app, facilitator, id).await?;
    let bytes = read_import(app, request).await?;
    let run = followup_import::dry_run_bytes(&state.workshop, &bytes, converge_engine::today());
    let text = followup_import::decode(&bytes).unwrap_or_default().to_owned();
    Ok((state, run, text))
}

/// `POST .../follow-up/import` (multipart): the dry run. Lists every change the file would
/// make and every row it refuses; applies nothing.
pub async fn import_dry_run(
    State(app): State<AppState>,
    context: PageContext,
    facilitator: Facilitator,
    ValidPath(id): ValidPath<WorkshopId>,
    request: Request,
) -> Result<Response, PageError> {
    let (state, run, text) = check_import(&app, &facilitator, id, request).await?;
    Ok(dry_run_page(&context, &state.workshop, &run, &text, None).into_response())
}

/// `POST .../follow-up/import/apply` (multipart): the same text again, checked again against the
/// workshop as it now is, and applied as one command when no row is refused.
pub async fn import_apply(
    State(app): State<AppState>,
    context: PageContext,
    facilitator: Facilitator,
    ValidPath(id): ValidPath<WorkshopId>,
    request: Request,
) -> Result<Response, PageError> {
    let lang = context.lang;
    let (state, run, text) = check_import(&app, &facilitator, id, request).await?;
    if !run.can_apply() {
        let page = dry_run_page(&context, &state.workshop, &run, &text, None);
        return Ok((Answer::Refused.status(), page).into_response());
    }
    let n_updates = run.changes.len();
    let command = Command::UpdateActionStatuses { updates: run.updates(), today: converge_engine::today() };
    match app.engine.execute(id, Actor::Account(facilitator.id()), command).await {
        Ok(_) => Ok(Redirect::to(&format!("{}?imported={n_updates}", follow_up_path(id))).into_response()),
        Err(EngineError::Domain(error)) if !error.is_forbidden() => {
            let failure = Failure::from(error);
            let state = owned_by(&app, &facilitator, id).await?;
            let page = dry_run_page(&context, &state.workshop, &run, &text, Some(&failure.message(lang)));
            Ok((failure.status(), page).into_response())
        }
        Err(error) => Err(PageError::from(error)),
    }
}

/// Why a row is refused, in words.
fn problem_words(lang: Lang, problem: &Problem) -> String {
    match problem {
        Problem::NotUtf8 => lang.t("followup-import-not-utf8"),
        Problem::Empty => lang.t("followup-import-empty"),
        Problem::BadHeader { found } => lang.t_args(
            "followup-import-bad-header",
            &[("found", found.as_str().into()), ("expected", followup_import::COLUMNS.join(",").into())],
        ),
        Problem::TooManyRows { max } => lang.t_args("followup-import-too-many", &[("max", FluentValue::from(*max))]),
        Problem::Malformed { fields, expected } => lang.t_args(
            "followup-import-malformed",
            &[("fields", FluentValue::from(*fields)), ("expected", FluentValue::from(*expected))],
        ),
        Problem::UnknownAction { raw } => lang.t_args("followup-import-unknown-action", &[("id", raw.as_str().into())]),
        Problem::InvalidStatus { raw } => lang.t_args(
            "followup-import-invalid-status",
            &[
                ("status", raw.as_str().into()),
                ("known", ActionStatus::ALL.map(ActionStatus::as_str).join(", ").into()),
            ],
        ),
        Problem::InvalidDate { raw } => lang.t_args("followup-import-invalid-date", &[("date", raw.as_str().into())]),
        Problem::Refused(error) => Failure::from(error.clone()).message(lang),
    }
}

fn dry_run_page(context: &PageContext, workshop: &Workshop, run: &DryRun, text: &str, error: Option<&str>) -> Markup {
    let lang = context.lang;
    let today = converge_engine::today();
    let title = lang.t("followup-import-title");
    let path = follow_up_path(workshop.id);
    page(
        context,
        Frame { title: &title, live: None, body_class: "console" },
        html! {
            p { a href=(path) { "← " (lang.t("followup-title")) } }
            h1 { (title) }
            p.notice role="status" { (lang.t("followup-import-nothing-applied")) }
            (form_error(error))
            section.card #import-changes {
                h2 { (lang.t_args("followup-import-changes", &[("count", FluentValue::from(run.changes.len()))])) }
                @if !run.changes.is_empty() {
                    table.import-table {
                        thead { tr {
                            th { (lang.t("followup-import-line")) }
                            th { (lang.t("followup-import-action")) }
                            th { (lang.t("followup-import-change")) }
                            th { (lang.t("followup-note-label")) }
                        } }
                        tbody {
                            @for change in &run.changes {
                                tr data-line=(change.line) {
                                    td { (change.line) }
                                    td { (change.title) }
                                    td {
                                        (status_label(lang, change.from)) " → " strong { (status_label(lang, change.update.status)) }
                                        @if let Some(due) = change.update.next_update_due {
                                            br; span.muted { (lang.t_args("followup-next-update-due", &[("date", lang.date(due).into())])) }
                                        }
                                        @if let Some(effective) = change.update.effective_on.filter(|day| *day != today) {
                                            br; span.muted { (lang.t_args("followup-effective-on", &[("date", lang.date(effective).into())])) }
                                        }
                                    }
                                    td { (change.update.note) }
                                }
                            }
                        }
                    }
                }
            }
            section.card #import-rejections {
                h2 { (lang.t_args("followup-import-rejections", &[("count", FluentValue::from(run.rejections.len()))])) }
                @if !run.rejections.is_empty() {
                    ul.rejections {
                        @for rejection in &run.rejections {
                            li.error data-line=[rejection.line] {
                                @if let Some(line) = rejection.line {
                                    strong { (lang.t_args("followup-import-at-line", &[("line", FluentValue::from(line))])) }
                                    " "
                                }
                                (problem_words(lang, &rejection.problem))
                            }
                        }
                    }
                }
            }
            @if run.can_apply() {
                form #import-apply.stack method="post" enctype="multipart/form-data"
                    action={ (path) "/import/apply" } {
                    // The form token first: the check reads it from the start of the upload.
                    (csrf_field(&context.csrf))
                    // The very text checked here goes back and is checked again before anything
                    // is applied; what this page says is never trusted on its own. The line
                    // break after the tag is eaten by the HTML parser, not by the text.
                    textarea name="text" hidden readonly { "\n" (text) }
                    p { (lang.t_args("followup-import-apply-hint", &[("count", FluentValue::from(run.changes.len()))])) }
                    button type="submit" { (lang.t("followup-import-apply-button")) }
                }
            } @else {
                p.error { (lang.t("followup-import-cannot-apply")) }
            }
            section.card {
                h2 { (lang.t("followup-import-again")) }
                (import_form(context, workshop.id, text))
            }
        },
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use converge_core::{
        AccountId, ActionCard, ActivityConfig, ActivityId, ActivityKind, ActivitySpec, Event, Keyring, Language,
        ParticipantId, Prompt, TimedEvent, Title, decide, decide_create,
    };
    use uuid::Uuid;

    fn date(raw: &str) -> CalendarDate {
        CalendarDate::parse(raw).unwrap()
    }

    /// Noon UTC of a day after 2026-12-01.
    fn noon_of(day: &str) -> Timestamp {
        const DECEMBER_1ST_2026_NOON: i64 = 1_796_126_400_000;
        Timestamp(DECEMBER_1ST_2026_NOON + date("2026-12-01").days_until(date(day)) * 86_400_000)
    }

    /// One action, created on 2026-12-01, and one update posted on `posted` about `happened`.
    fn updated_action(happened: &str, posted: &str) -> Action {
        let account = AccountId::from_uuid(Uuid::from_u128(1));
        let plan = ActivityId::from_uuid(Uuid::from_u128(2));
        let spec = ActivitySpec {
            activity_id: plan,
            kind: ActivityKind::ActionPlan,
            title: Title::parse("Plan").unwrap(),
            prompt: Prompt::parse("").unwrap(),
            config: ActivityConfig::default(),
        };
        let facilitator = ParticipantId::from_uuid(Uuid::from_u128(3));
        let mut events = decide_create("Atelier", Language::Fr, account, facilitator, "c".into(), vec![spec]).unwrap();
        let action_id = ActionId::from_uuid(Uuid::from_u128(4));
        let card =
            ActionCard { title: "Une grille".into(), jurisdiction: "administration".into(), ..Default::default() };
        let timed = |events: &[Event], day: &str| -> Vec<TimedEvent> {
            events.iter().map(|event| TimedEvent { seq: 1, at: noon_of(day), event: event.clone() }).collect()
        };
        let mut workshop =
            Workshop::from_events(WorkshopId::from_uuid(Uuid::nil()), &timed(&events, "2026-12-01")).unwrap();
        // The facilitator drafts under a pseudonym, which needs their key.
        let mut keyring = Keyring::new();
        keyring.insert(facilitator, vec![3; 16]);
        let mut run = |workshop: &mut Workshop, command: Command, day: &str| {
            events = decide(workshop, Actor::Account(account), command, &keyring).unwrap();
            for event in timed(&events, day) {
                workshop.apply(&event);
            }
        };
        run(&mut workshop, Command::DraftAction { action_id, activity_id: plan, card, sources: vec![] }, "2026-12-01");
        let update = StatusUpdate {
            action_id,
            status: ActionStatus::InProgress,
            note: "Tests lancés".into(),
            next_update_due: Some(date("2027-01-15")),
            effective_on: Some(date(happened)),
        };
        run(&mut workshop, Command::UpdateActionStatuses { updates: vec![update], today: date(posted) }, posted);
        workshop.action(action_id).unwrap().clone()
    }

    #[test]
    fn the_history_shows_the_day_of_the_progress_and_the_day_it_was_recorded_when_later() {
        let later = history(Lang(Language::Fr), &updated_action("2026-12-07", "2026-12-10")).into_string();
        assert!(later.contains("<time datetime=\"2026-12-07\">7 décembre 2026</time>"), "{later}");
        assert!(later.contains("(enregistrée le 10 décembre 2026)"), "{later}");
        let english = history(Lang(Language::En), &updated_action("2026-12-07", "2026-12-10")).into_string();
        assert!(english.contains(">7 December 2026</time>") && english.contains("(recorded on 10 December 2026)"));

        let same_day = history(Lang(Language::Fr), &updated_action("2026-12-10", "2026-12-10")).into_string();
        assert!(same_day.contains(">10 décembre 2026</time>"));
        assert!(!same_day.contains("enregistrée"), "{same_day}");
    }

    #[test]
    fn the_commitment_line_and_the_overdue_flag_write_dates_out() {
        let action = updated_action("2026-12-07", "2026-12-10");
        let line = commitment_line(Lang(Language::Fr), &action).into_string();
        assert!(line.contains("prochaine mise à jour attendue le 15 janvier 2027"), "{line}");
        let flag = overdue_flag(Lang(Language::En), &action, noon_of("2027-01-16")).into_string();
        assert!(flag.contains("The update was due on 15 January 2027."), "{flag}");
        assert!(overdue_flag(Lang(Language::En), &action, noon_of("2027-01-15")).into_string().is_empty());
    }
}
