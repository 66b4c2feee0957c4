//! The follow-up after the workshop, for the commissioner (the facilitator's account in this
//! version): every action of the plan with its status, its history and its public commitment
//! (who answers for it, when the next update is due, flagged when overdue); a form per action
//! to post an update and set the commitment; the public page published or withdrawn; and bulk
//! status updates from a CSV file, checked in a dry run before they are applied all together.
//! The markup is in `converge_views::pages::follow_up`.

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
use converge_core::{ActionId, ActionStatus, Actor, CalendarDate, Command, StatusUpdate, Workshop, WorkshopId};
use converge_engine::EngineError;
use converge_i18n::FluentValue;
use converge_views::layout::PageContext;
use converge_views::pages::follow_up::{self as views, Refused, follow_up_path};
use maud::Markup;
use serde::Deserialize;

/// The largest CSV import: a thousand rows with long notes fit comfortably.
pub const IMPORT_BODY_LIMIT: usize = 4 * 1024 * 1024;

pub(super) use crate::public_base;

#[derive(Debug, Default, Deserialize)]
pub struct FollowUpQuery {
    /// How many rows the last import applied, to say so.
    #[serde(default)]
    imported: Option<usize>,
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

/// The page with what the request supplies: the public address and the time.
fn render(
    app: &AppState,
    context: &PageContext,
    headers: &HeaderMap,
    workshop: &Workshop,
    imported: Option<usize>,
    refused: Option<&Refused>,
) -> Markup {
    let base = public_base(app, headers);
    views::render(context, workshop, &base, converge_engine::now(), imported, refused)
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
    let words: Vec<String> =
        run.rejections.iter().map(|rejection| problem_words(context.lang, &rejection.problem)).collect();
    views::dry_run_page(context, workshop, run, &words, text, error, converge_engine::today())
}
