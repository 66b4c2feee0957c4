//! Pages anyone can open: the landing page, joining a workshop, signing in (with its code step
//! when the account has a second factor), first-run setup.

use super::account;
use crate::error::{Answer, Failure, PageError};
use crate::extract::{ValidForm, ValidPath, ValidQuery};
use crate::{AppState, ClientKey, cookies};
use axum::extract::State;
use axum::http::HeaderMap;
use axum::response::{IntoResponse, Redirect, Response};
use converge_engine::EngineError;
use converge_engine::accounts::{SecondFactorOutcome, SignInStep};
use converge_views::layout::PageContext;
use converge_views::pages::public::{
    JoinFields, JoinMode, render_code_step, render_personal_link, render_setup, render_sign_in,
};
use maud::Markup;
use serde::Deserialize;

pub async fn landing(context: PageContext) -> Markup {
    converge_views::pages::public::landing(&context)
}

#[derive(Deserialize)]
pub struct JoinQuery {
    #[serde(default)]
    code: String,
}

#[derive(Deserialize)]
pub struct JoinForm {
    #[serde(default)]
    join_code: String,
    #[serde(default)]
    name: String,
    #[serde(default)]
    service: String,
    /// Set once the person said they are not the one who already joined under this name.
    #[serde(default)]
    another_person: Option<String>,
}

pub async fn join_page(
    State(app): State<AppState>,
    context: PageContext,
    client: ClientKey,
    ValidQuery(query): ValidQuery<JoinQuery>,
) -> Markup {
    let closed = !query.code.trim().is_empty() && closed_workshop(&app, &client, &query.code).await;
    let form = JoinForm { join_code: query.code, name: String::new(), service: String::new(), another_person: None };
    render_join(&context, &form, None, if closed { JoinMode::Closed } else { JoinMode::Fresh })
}

/// True when `code` opens a workshop that is closed, so the page says so before anyone types a
/// name. The lookup spends the client's join budget like a join would; once it is spent, the
/// page is the plain form, and the join itself says what is wrong.
async fn closed_workshop(app: &AppState, client: &ClientKey, code: &str) -> bool {
    match crate::workshop_of_join_code(app, client, code).await {
        Ok(workshop) => app.engine.state(workshop).await.is_ok_and(|state| state.workshop.closed_at.is_some()),
        Err(_) => false,
    }
}

/// The join page with what the form held.
fn render_join(context: &PageContext, form: &JoinForm, error: Option<&str>, mode: JoinMode) -> Markup {
    let fields = JoinFields { join_code: &form.join_code, name: &form.name, service: &form.service };
    converge_views::pages::public::render_join(context, &fields, error, mode)
}

/// Sets the participant's cookie and goes where the room is: the activity every screen is sent
/// to (or the one open activity, `Workshop::room_activity`), so a latecomer joins straight into
/// what the room is doing; the workshop's home otherwise, one link away from that activity.
async fn enter(app: &AppState, joined: &converge_engine::Joined) -> Response {
    let id = joined.workshop;
    let room_activity = match app.engine.state(id).await {
        Ok(state) if state.workshop.closed_at.is_none() => state.workshop.room_activity().map(|activity| activity.id),
        _ => None,
    };
    let target = match room_activity {
        Some(activity) => format!("/w/{id}/a/{activity}"),
        None => format!("/w/{id}"),
    };
    let mut response = Redirect::to(&target).into_response();
    let name = cookies::participant(joined.workshop.as_uuid());
    app.cookie_policy.add(&mut response, &name, &joined.token, cookies::PARTICIPANT_MAX_AGE);
    response
}

pub async fn join(
    State(app): State<AppState>,
    context: PageContext,
    client: ClientKey,
    ValidForm(form): ValidForm<JoinForm>,
) -> Result<Response, PageError> {
    let lang = context.lang;
    let another_person = form.another_person.is_some();
    match crate::join_within_limits(&app, &client, &form.join_code, &form.name, &form.service, another_person).await {
        Ok(crate::JoinOutcome::Joined(joined)) => Ok(enter(&app, &joined).await),
        Ok(crate::JoinOutcome::NameTaken) => Ok(render_join(&context, &form, None, JoinMode::SameName).into_response()),
        // A closed workshop: the page says so and offers what is left, resuming.
        Err(failure @ Failure::Engine(EngineError::Domain(converge_core::DomainError::WorkshopClosed))) => {
            Ok((failure.status(), render_join(&context, &form, None, JoinMode::Closed)).into_response())
        }
        Err(failure @ Failure::Engine(EngineError::Domain(_) | EngineError::UnknownJoinCode)) => {
            let status = failure.status();
            Ok((status, render_join(&context, &form, Some(&failure.message(lang)), JoinMode::Fresh)).into_response())
        }
        Err(failure) => Err(PageError::from(failure)),
    }
}

#[derive(Deserialize)]
pub struct ResumeForm {
    #[serde(default)]
    join_code: String,
    #[serde(default)]
    resume_code: String,
}

/// `POST /resume`: a participant's place back, on this device, from the workshop's join code
/// and their personal code.
pub async fn resume(
    State(app): State<AppState>,
    context: PageContext,
    client: ClientKey,
    ValidForm(form): ValidForm<ResumeForm>,
) -> Result<Response, PageError> {
    let lang = context.lang;
    let joined = match crate::workshop_of_join_code(&app, &client, &form.join_code).await {
        Ok(workshop) => crate::resume_within_limits(&app, &client, workshop, &form.resume_code).await,
        Err(failure) => Err(failure),
    };
    match joined {
        Ok(joined) => Ok(enter(&app, &joined).await),
        Err(failure @ Failure::Engine(EngineError::UnknownJoinCode | EngineError::UnknownResumeCode)) => {
            let status = failure.status();
            let again = JoinForm {
                join_code: form.join_code.clone(),
                name: String::new(),
                service: String::new(),
                another_person: None,
            };
            Ok((status, render_join(&context, &again, Some(&failure.message(lang)), JoinMode::SameName))
                .into_response())
        }
        Err(failure) => Err(PageError::from(failure)),
    }
}

#[derive(Deserialize)]
pub struct PersonalLinkQuery {
    #[serde(default)]
    code: String,
}

/// `GET /w/{id}/resume?code=…`: the personal link a participant keeps. It shows a button
/// rather than acting on a GET, so a link opened by a preview or a crawler changes nothing.
pub async fn personal_link(
    State(app): State<AppState>,
    context: PageContext,
    ValidPath(id): ValidPath<converge_core::WorkshopId>,
    ValidQuery(query): ValidQuery<PersonalLinkQuery>,
) -> Result<Markup, PageError> {
    let state = app.engine.state(id).await?;
    if state.workshop.deleted {
        return Err(PageError::from(Failure::NotFound));
    }
    Ok(render_personal_link(&context, &state.workshop, &query.code, None))
}

/// `POST /w/{id}/resume`: the personal link's button.
pub async fn resume_in_workshop(
    State(app): State<AppState>,
    context: PageContext,
    client: ClientKey,
    ValidPath(id): ValidPath<converge_core::WorkshopId>,
    ValidForm(form): ValidForm<ResumeForm>,
) -> Result<Response, PageError> {
    let lang = context.lang;
    let state = app.engine.state(id).await?;
    if state.workshop.deleted {
        return Err(PageError::from(Failure::NotFound));
    }
    match crate::resume_within_limits(&app, &client, id, &form.resume_code).await {
        Ok(joined) => Ok(enter(&app, &joined).await),
        Err(failure @ Failure::Engine(EngineError::UnknownResumeCode)) => {
            let page = render_personal_link(&context, &state.workshop, &form.resume_code, Some(&failure.message(lang)));
            Ok((failure.status(), page).into_response())
        }
        Err(failure) => Err(PageError::from(failure)),
    }
}

#[derive(Deserialize)]
pub struct SignInForm {
    #[serde(default)]
    email: String,
    #[serde(default)]
    password: String,
}

pub async fn sign_in_page(
    State(app): State<AppState>,
    context: PageContext,
    headers: HeaderMap,
) -> Result<Response, PageError> {
    if let Some(token) = cookies::get(&headers, cookies::SESSION)
        && app.engine.session_account(&token).await?.is_some()
    {
        return Ok(Redirect::to("/facilitator").into_response());
    }
    Ok(render_sign_in(&context, "", None).into_response())
}

pub async fn sign_in(
    State(app): State<AppState>,
    context: PageContext,
    client: ClientKey,
    headers: HeaderMap,
    ValidForm(form): ValidForm<SignInForm>,
) -> Result<Response, PageError> {
    let lang = context.lang;
    let email_key = form.email.trim().to_lowercase();
    // Guesses from many addresses add up per account; the owner's own browser is let through.
    let known_device = is_known_device(&app, &headers, &email_key);
    let limited = app
        .limits
        .sign_in_per_client
        .check(&client.0)
        .and_then(|()| app.limits.sign_in_per_account_and_client.check(&format!("{email_key}\n{}", client.0)))
        .and_then(|()| if known_device { Ok(()) } else { app.limits.sign_in_failures_per_account.check(&email_key) });
    if let Err(wait) = limited {
        let message = Failure::TooManyRequests(wait).message(lang);
        let mut response =
            (Answer::TooManyTries.status(), render_sign_in(&context, &form.email, Some(&message))).into_response();
        crate::error::add_retry_after(&mut response, wait);
        return Ok(response);
    }
    match app.engine.begin_sign_in(&form.email, &form.password, account::user_agent(&headers)).await {
        Ok(SignInStep::SignedIn(account, token)) => {
            app.limits.sign_in_failures_per_account.succeeded(&email_key);
            signed_in(&app, &headers, &token, &account.email).await
        }
        // Not a session yet: the pending token only lets this form ask for the code.
        Ok(SignInStep::CodeNeeded { pending }) => {
            app.limits.sign_in_failures_per_account.succeeded(&email_key);
            Ok(render_code_step(&context, &pending, None).into_response())
        }
        Err(EngineError::InvalidCredentials) => {
            if !known_device {
                app.limits.sign_in_failures_per_account.failed(&email_key);
            }
            let message = Failure::from(EngineError::InvalidCredentials).message(lang);
            Ok((Answer::WrongCredentials.status(), render_sign_in(&context, &form.email, Some(&message)))
                .into_response())
        }
        Err(error) => Err(PageError::from(error)),
    }
}

/// Sends a browser that just signed in to its dashboard with a new session cookie. A session
/// the browser held before ends: a token planted before sign-in is never the one used after.
/// The browser also gets (or renews) its device cookie for the account.
async fn signed_in(app: &AppState, headers: &HeaderMap, token: &str, email: &str) -> Result<Response, PageError> {
    if let Some(previous) = cookies::get(headers, cookies::SESSION) {
        app.engine.sign_out(&previous).await?;
    }
    let mut response = Redirect::to("/facilitator").into_response();
    let max_age = converge_engine::accounts::SESSION_LIFETIME_MS / 1000;
    app.cookie_policy.add(&mut response, cookies::SESSION, token, max_age);
    let device = device_token(app, &email.trim().to_lowercase(), converge_engine::now().0);
    app.cookie_policy.add(&mut response, cookies::DEVICE, &device, cookies::DEVICE_MAX_AGE);
    renew_form_token(app, &mut response);
    Ok(response)
}

/// A new seed for the browser's form tokens, at each sign-in and sign-out: a token someone
/// saw or planted before is worth nothing after.
fn renew_form_token(app: &AppState, response: &mut Response) {
    let seed = converge_engine::random::token();
    app.cookie_policy.add(response, cookies::CSRF, &seed, crate::security::CSRF_COOKIE_MAX_AGE);
}

/// The device cookie of a browser that signed in to the account of `email_key` at `issued_at`
/// (milliseconds): the time and a signature of both, so it names no account in the clear.
fn device_token(app: &AppState, email_key: &str, issued_at: i64) -> String {
    format!("{issued_at}.{}", app.engine.sign(&format!("device\n{email_key}\n{issued_at}")))
}

/// True when this browser holds a device cookie, still valid, for the account of `email_key`.
fn is_known_device(app: &AppState, headers: &HeaderMap, email_key: &str) -> bool {
    let Some(cookie) = cookies::get(headers, cookies::DEVICE) else { return false };
    let Some(issued_at) = cookie.split_once('.').and_then(|(issued, _)| issued.parse::<i64>().ok()) else {
        return false;
    };
    let fresh = converge_engine::now().0 - issued_at < cookies::DEVICE_MAX_AGE * 1000;
    fresh && crate::security::constant_time_eq(&cookie, &device_token(app, email_key, issued_at))
}

#[derive(Deserialize)]
pub struct CodeForm {
    #[serde(default)]
    pending: String,
    #[serde(default)]
    code: String,
}

pub async fn sign_in_code(
    State(app): State<AppState>,
    context: PageContext,
    client: ClientKey,
    headers: HeaderMap,
    ValidForm(form): ValidForm<CodeForm>,
) -> Result<Response, PageError> {
    let lang = context.lang;
    let expired = || {
        let message = lang.t("signin-code-expired");
        Ok((Answer::WrongCredentials.status(), render_sign_in(&context, "", Some(&message))).into_response())
    };
    let Some(account) = app.engine.pending_sign_in_account(&form.pending).await? else {
        return expired();
    };
    // Guessing a six-digit code is the one thing left once the password is known: wrong codes
    // are limited per account, whatever the client (checked before, spent on failure, so right
    // codes never lock anyone out), and every attempt per client.
    let account_key = format!("second-factor\n{}", account.id);
    let limited = app
        .limits
        .sign_in_per_client
        .check(&client.0)
        .and_then(|()| app.limits.sign_in_per_account_and_client.peek(&account_key));
    if let Err(wait) = limited {
        let message = Failure::TooManyRequests(wait).message(lang);
        let mut response =
            (Answer::TooManyTries.status(), render_code_step(&context, &form.pending, Some(&message))).into_response();
        crate::error::add_retry_after(&mut response, wait);
        return Ok(response);
    }
    let key = match app.engine.finish_sign_in(&form.pending, &form.code, account::user_agent(&headers)).await {
        Ok(SecondFactorOutcome::SignedIn(account, token)) => {
            return signed_in(&app, &headers, &token, &account.email).await;
        }
        Ok(SecondFactorOutcome::CodeAlreadyUsed) => "account-totp-reused",
        Ok(SecondFactorOutcome::Expired) => return expired(),
        Ok(_) => "signin-code-wrong",
        Err(error) => return Err(PageError::from(error)),
    };
    let _ = app.limits.sign_in_per_account_and_client.check(&account_key);
    Ok((Answer::WrongCredentials.status(), render_code_step(&context, &form.pending, Some(&lang.t(key))))
        .into_response())
}

pub async fn sign_out(State(app): State<AppState>, headers: HeaderMap) -> Result<Response, PageError> {
    if let Some(token) = cookies::get(&headers, cookies::SESSION) {
        app.engine.sign_out(&token).await?;
    }
    let mut response = Redirect::to("/").into_response();
    app.cookie_policy.remove(&mut response, cookies::SESSION);
    renew_form_token(&app, &mut response);
    Ok(response)
}

#[derive(Deserialize)]
pub struct SetupForm {
    #[serde(default)]
    email: String,
    #[serde(default)]
    name: String,
    #[serde(default)]
    password: String,
}

pub async fn setup_page(
    State(app): State<AppState>,
    context: PageContext,
    ValidPath(token): ValidPath<String>,
) -> Result<Markup, PageError> {
    if !app.engine.setup_token_valid(&token).await? {
        return Err(PageError::from(EngineError::SetupTokenInvalid));
    }
    Ok(render_setup(&context, &token, "", "", None))
}

pub async fn setup(
    State(app): State<AppState>,
    context: PageContext,
    ValidPath(token): ValidPath<String>,
    ValidForm(form): ValidForm<SetupForm>,
) -> Result<Response, PageError> {
    let lang = context.lang;
    match app.engine.complete_setup(&token, &form.email, &form.name, &form.password).await {
        Ok(_) => Ok(Redirect::to("/signin").into_response()),
        Err(error @ (EngineError::SetupTokenInvalid | EngineError::Store(_) | EngineError::ShuttingDown)) => {
            Err(PageError::from(error))
        }
        Err(error) => {
            let failure = Failure::from(error);
            let page = render_setup(&context, &token, &form.email, &form.name, Some(&failure.message(lang)));
            Ok((failure.status(), page).into_response())
        }
    }
}
