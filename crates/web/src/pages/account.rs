//! The facilitator's own account: the browsers signed in (each can be signed out), the password,
//! and the optional second factor (TOTP). The markup is in `converge_views::pages::account`.

use crate::auth::Facilitator;
use crate::error::{Answer, Failure, PageError};
use crate::extract::{ValidForm, ValidQuery};
use crate::{AppState, cookies};
use axum::extract::State;
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::{IntoResponse, Redirect, Response};
use converge_engine::EngineError;
use converge_engine::accounts::SecondFactorOutcome;
use converge_views::layout::PageContext;
use converge_views::pages::account::{self as views, ACCOUNT_PATH, Shown};
use maud::Markup;
use serde::Deserialize;

/// What the page confirms after a change, from `?done=`.
#[derive(Deserialize)]
pub struct AccountQuery {
    #[serde(default)]
    done: String,
}

pub async fn account_page(
    State(app): State<AppState>,
    context: PageContext,
    facilitator: Facilitator,
    headers: HeaderMap,
    ValidQuery(query): ValidQuery<AccountQuery>,
) -> Result<Markup, PageError> {
    let notice = match query.done.as_str() {
        "session" => Some("account-session-ended"),
        "others" => Some("account-sessions-others-ended"),
        "password" => Some("account-password-changed"),
        "totp-off" => Some("account-totp-disabled"),
        _ => None,
    };
    let shown = Shown { notice, ..Shown::default() };
    render_account(&app, &context, &facilitator, &session_token(&headers), shown).await
}

async fn render_account(
    app: &AppState,
    context: &PageContext,
    facilitator: &Facilitator,
    current_token: &str,
    shown: Shown<'_>,
) -> Result<Markup, PageError> {
    let sessions = app.engine.sessions_of(facilitator.id(), current_token).await?;
    let second_factor = app.engine.second_factor(facilitator.id()).await?;
    // A new key is drawn only for an account that has no second factor yet.
    let enrolment = second_factor.is_none().then(|| app.engine.new_totp_enrolment(&facilitator.0));
    let (name, email) = (facilitator.0.display_name.as_str(), facilitator.0.email.as_str());
    Ok(views::account_page(context, name, email, &sessions, second_factor, enrolment.as_ref(), &shown))
}

/// The session token of this request (the `Facilitator` extractor has checked it).
fn session_token(headers: &HeaderMap) -> String {
    cookies::get(headers, cookies::SESSION).unwrap_or_default()
}

pub fn user_agent(headers: &HeaderMap) -> &str {
    headers.get(header::USER_AGENT).and_then(|value| value.to_str().ok()).unwrap_or_default()
}

#[derive(Deserialize)]
pub struct EndSessionForm {
    #[serde(default)]
    session: String,
}

pub async fn end_session(
    State(app): State<AppState>,
    facilitator: Facilitator,
    headers: HeaderMap,
    ValidForm(form): ValidForm<EndSessionForm>,
) -> Result<Response, PageError> {
    let current = app.engine.sessions_of(facilitator.id(), &session_token(&headers)).await?;
    let is_current = current.iter().any(|session| session.current && session.handle == form.session);
    if !app.engine.end_session(facilitator.id(), &form.session).await? {
        // Already ended (another tab, an expiry) or never this account's: nothing to do.
        return Err(PageError::from(Failure::NotFound));
    }
    if is_current {
        let mut response = Redirect::to("/").into_response();
        app.cookie_policy.remove(&mut response, cookies::SESSION);
        return Ok(response);
    }
    Ok(Redirect::to(&format!("{ACCOUNT_PATH}?done=session")).into_response())
}

pub async fn end_other_sessions(
    State(app): State<AppState>,
    facilitator: Facilitator,
    headers: HeaderMap,
) -> Result<Response, PageError> {
    app.engine.end_other_sessions(facilitator.id(), &session_token(&headers)).await?;
    Ok(Redirect::to(&format!("{ACCOUNT_PATH}?done=others")).into_response())
}

#[derive(Deserialize)]
pub struct PasswordForm {
    #[serde(default)]
    current_password: String,
    #[serde(default)]
    new_password: String,
}

pub async fn change_password(
    State(app): State<AppState>,
    context: PageContext,
    facilitator: Facilitator,
    client: crate::ClientKey,
    headers: HeaderMap,
    ValidForm(form): ValidForm<PasswordForm>,
) -> Result<Response, PageError> {
    let lang = context.lang;
    // Each attempt costs a password hash, and a stolen session must not guess the password.
    if let Err(wait) = password_attempt_allowed(&app, &facilitator, &client) {
        return refused(&app, &context, &facilitator, &headers, "password", Failure::TooManyRequests(wait)).await;
    }
    let changed = app
        .engine
        .change_password(facilitator.id(), &form.current_password, &form.new_password, user_agent(&headers))
        .await;
    match changed {
        Ok(token) => {
            let mut response = Redirect::to(&format!("{ACCOUNT_PATH}?done=password")).into_response();
            let max_age = converge_engine::accounts::SESSION_LIFETIME_MS / 1000;
            app.cookie_policy.add(&mut response, cookies::SESSION, &token, max_age);
            Ok(response)
        }
        Err(EngineError::InvalidCredentials) => {
            let message = lang.t("account-password-wrong");
            refused_with(&app, &context, &facilitator, &headers, "password", Answer::WrongCredentials.status(), message)
                .await
        }
        Err(error @ EngineError::PasswordLength { .. }) => {
            refused(&app, &context, &facilitator, &headers, "password", Failure::from(error)).await
        }
        Err(error) => Err(PageError::from(error)),
    }
}

#[derive(Deserialize)]
pub struct EnableTotpForm {
    #[serde(default)]
    secret: String,
    #[serde(default)]
    proof: String,
    #[serde(default)]
    code: String,
}

pub async fn enable_totp(
    State(app): State<AppState>,
    context: PageContext,
    facilitator: Facilitator,
    headers: HeaderMap,
    ValidForm(form): ValidForm<EnableTotpForm>,
) -> Result<Response, PageError> {
    let lang = context.lang;
    if app.engine.second_factor(facilitator.id()).await?.is_some() {
        return Ok(Redirect::to(ACCOUNT_PATH).into_response());
    }
    match app.engine.enable_totp(facilitator.id(), &form.secret, &form.proof, &form.code).await? {
        Some(codes) => {
            let shown = Shown { recovery_codes: Some(&codes), ..Shown::default() };
            Ok(render_account(&app, &context, &facilitator, &session_token(&headers), shown).await?.into_response())
        }
        None => {
            let message = lang.t("account-totp-wrong-code");
            refused_with(&app, &context, &facilitator, &headers, "totp", Answer::Refused.status(), message).await
        }
    }
}

#[derive(Deserialize)]
pub struct DisableTotpForm {
    #[serde(default)]
    password: String,
    #[serde(default)]
    code: String,
}

pub async fn disable_totp(
    State(app): State<AppState>,
    context: PageContext,
    facilitator: Facilitator,
    client: crate::ClientKey,
    headers: HeaderMap,
    ValidForm(form): ValidForm<DisableTotpForm>,
) -> Result<Response, PageError> {
    let lang = context.lang;
    if let Err(wait) = password_attempt_allowed(&app, &facilitator, &client) {
        return refused(&app, &context, &facilitator, &headers, "totp", Failure::TooManyRequests(wait)).await;
    }
    let (status, key) = match app.engine.disable_totp(facilitator.id(), &form.password, &form.code).await {
        Ok(SecondFactorOutcome::Done) => {
            return Ok(Redirect::to(&format!("{ACCOUNT_PATH}?done=totp-off")).into_response());
        }
        Ok(SecondFactorOutcome::CodeAlreadyUsed) => (Answer::WrongCredentials.status(), "account-totp-reused"),
        Ok(_) => (Answer::WrongCredentials.status(), "account-totp-wrong-code"),
        Err(EngineError::InvalidCredentials) => (Answer::WrongCredentials.status(), "account-password-wrong"),
        Err(error) => return Err(PageError::from(error)),
    };
    refused_with(&app, &context, &facilitator, &headers, "totp", status, lang.t(key)).await
}

/// Password checks on the account page are limited like sign-ins: per client, and per account
/// (only a signed-in session gets here, so a stolen one cannot guess the password faster).
fn password_attempt_allowed(
    app: &AppState,
    facilitator: &Facilitator,
    client: &crate::ClientKey,
) -> Result<(), std::time::Duration> {
    app.limits
        .sign_in_per_client
        .check(&client.0)
        .and_then(|()| app.limits.sign_in_per_account_and_client.check(&format!("account-page\n{}", facilitator.0.id)))
}

async fn refused(
    app: &AppState,
    context: &PageContext,
    facilitator: &Facilitator,
    headers: &HeaderMap,
    section: &'static str,
    failure: Failure,
) -> Result<Response, PageError> {
    let message = failure.message(context.lang);
    let mut response =
        refused_with(app, context, facilitator, headers, section, failure.status(), message).await?.into_response();
    if let Some(wait) = failure.retry_after() {
        crate::error::add_retry_after(&mut response, wait);
    }
    Ok(response)
}

async fn refused_with(
    app: &AppState,
    context: &PageContext,
    facilitator: &Facilitator,
    headers: &HeaderMap,
    section: &'static str,
    status: StatusCode,
    message: String,
) -> Result<Response, PageError> {
    let shown = Shown { error: Some((section, message)), ..Shown::default() };
    let page = render_account(app, context, facilitator, &session_token(headers), shown).await?;
    Ok((status, page).into_response())
}
