//! The facilitator's own account: the browsers signed in (each can be signed out), the password,
//! and the optional second factor (TOTP).

use super::layout::{Frame, PageContext, csrf_field, form_error, page};
use crate::auth::Facilitator;
use crate::error::{Answer, Failure, PageError};
use crate::extract::{ValidForm, ValidQuery};
use crate::i18n::Lang;
use crate::{AppState, cookies};
use axum::extract::State;
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::{IntoResponse, Redirect, Response};
use converge_engine::EngineError;
use converge_engine::accounts::{SecondFactorOutcome, SessionView, TotpEnrolment};
use converge_i18n::FluentValue;
use maud::{Markup, PreEscaped, html};
use serde::Deserialize;

const ACCOUNT_PATH: &str = "/facilitator/account";

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

/// What a rendering of the page shows besides the account's state.
#[derive(Default)]
struct Shown<'a> {
    notice: Option<&'static str>,
    /// An error, and the section (`password`, `totp`) whose form it belongs to.
    error: Option<(&'static str, String)>,
    /// The recovery codes just given, shown once.
    recovery_codes: Option<&'a [String]>,
}

async fn render_account(
    app: &AppState,
    context: &PageContext,
    facilitator: &Facilitator,
    current_token: &str,
    shown: Shown<'_>,
) -> Result<Markup, PageError> {
    let lang = context.lang;
    let sessions = app.engine.sessions_of(facilitator.id(), current_token).await?;
    let second_factor = app.engine.second_factor(facilitator.id()).await?;
    let title = lang.t("account-title");
    let error_in = |section: &str| shown.error.as_ref().filter(|(s, _)| *s == section).map(|(_, m)| m.as_str());
    Ok(page(
        context,
        Frame { title: &title, live: None, body_class: "" },
        html! {
            p { a href="/facilitator" { (lang.t("account-back")) } }
            h1 { (title) }
            p.muted { (facilitator.0.display_name) " · " (facilitator.0.email) }
            @if let Some(notice) = shown.notice {
                p.notice role="status" { (lang.t(notice)) }
            }
            @if let Some(codes) = shown.recovery_codes {
                section #recovery-codes.card {
                    h2 { (lang.t("account-recovery-heading")) }
                    p.notice role="status" { (lang.t("account-totp-enabled")) }
                    ul.recovery-codes {
                        @for code in codes { li { code { (code) } } }
                    }
                }
            }
            (sessions_section(context, &sessions))
            (password_section(context, error_in("password")))
            (second_factor_section(app, context, facilitator, second_factor, error_in("totp")))
        },
    ))
}

fn sessions_section(context: &PageContext, sessions: &[SessionView]) -> Markup {
    let lang = context.lang;
    let n_others = sessions.iter().filter(|session| !session.current).count();
    html! {
        section #sessions.card {
            h2 { (lang.t("account-sessions-heading")) }
            p { (lang.t("account-sessions-lead")) }
            table.sessions {
                thead {
                    tr {
                        th scope="col" { (lang.t("account-session-browser")) }
                        th scope="col" { (lang.t("account-session-began")) }
                        th scope="col" { (lang.t("account-session-last-used")) }
                        th scope="col" { span.visually-hidden { (lang.t("account-session-end")) } }
                    }
                }
                tbody {
                    @for session in sessions {
                        tr data-session=(session.handle) data-current[session.current] {
                            td title=(session.user_agent) {
                                (browser_summary(lang, &session.user_agent))
                                @if session.current {
                                    " " strong.this-session { (lang.t("account-session-this")) }
                                }
                            }
                            td { (utc_minute(session.created_at)) }
                            td { (utc_minute(session.last_used_at)) }
                            td {
                                @if !session.current {
                                    form.inline method="post" action={ (ACCOUNT_PATH) "/sessions/end" } {
                                        (csrf_field(&context.csrf))
                                        input type="hidden" name="session" value=(session.handle);
                                        button.secondary type="submit" { (lang.t("account-session-end")) }
                                    }
                                }
                            }
                        }
                    }
                }
            }
            @if n_others > 0 {
                form #end-others method="post" action={ (ACCOUNT_PATH) "/sessions/end-others" } {
                    (csrf_field(&context.csrf))
                    button.danger type="submit" { (lang.t("account-sessions-end-others")) }
                }
            }
        }
    }
}

fn password_section(context: &PageContext, error: Option<&str>) -> Markup {
    let lang = context.lang;
    html! {
        section #password.card {
            h2 { (lang.t("account-password-heading")) }
            (form_error(error))
            form #password-form.stack method="post" action={ (ACCOUNT_PATH) "/password" } {
                (csrf_field(&context.csrf))
                label for="current_password" { (lang.t("account-password-current")) }
                input #current_password type="password" name="current_password" required autocomplete="current-password";
                label for="new_password" { (lang.t("account-password-new")) }
                input #new_password type="password" name="new_password" required minlength="8" maxlength="128"
                    autocomplete="new-password";
                p.hint { (lang.t("account-password-hint")) }
                button type="submit" { (lang.t("account-password-button")) }
            }
        }
    }
}

fn second_factor_section(
    app: &AppState,
    context: &PageContext,
    facilitator: &Facilitator,
    recovery_codes_left: Option<u64>,
    error: Option<&str>,
) -> Markup {
    let lang = context.lang;
    html! {
        section #totp.card {
            h2 { (lang.t("account-totp-heading")) }
            (form_error(error))
            @if let Some(left) = recovery_codes_left {
                p #totp-status data-totp="on" {
                    (lang.t_args("account-totp-on", &[("count", FluentValue::from(left))]))
                }
                p { (lang.t("account-totp-disable-lead")) }
                form #totp-disable.stack method="post" action={ (ACCOUNT_PATH) "/totp/disable" } {
                    (csrf_field(&context.csrf))
                    label for="disable_password" { (lang.t("account-password-current")) }
                    input #disable_password type="password" name="password" required autocomplete="current-password";
                    label for="disable_code" { (lang.t("account-totp-code")) }
                    input #disable_code name="code" required autocomplete="one-time-code" maxlength="16";
                    button.danger type="submit" { (lang.t("account-totp-disable")) }
                }
            } @else {
                p #totp-status data-totp="off" { (lang.t("account-totp-off")) }
                (enrolment_form(context, &app.engine.new_totp_enrolment(&facilitator.0)))
            }
        }
    }
}

fn enrolment_form(context: &PageContext, enrolment: &TotpEnrolment) -> Markup {
    let lang = context.lang;
    html! {
        p { (lang.t("account-totp-scan")) }
        // The encoder turns the address into modules only, so the markup is the encoder's.
        div.qr role="img" aria-label=(lang.t("account-totp-qr-label")) { (PreEscaped(qr_svg(&enrolment.uri))) }
        p { (lang.t("account-totp-key")) " " code #totp-secret { (spaced(&enrolment.secret_base32)) } }
        form #totp-enable.stack method="post" action={ (ACCOUNT_PATH) "/totp" } {
            (csrf_field(&context.csrf))
            input type="hidden" name="secret" value=(enrolment.secret_base32);
            input type="hidden" name="proof" value=(enrolment.proof);
            label for="enable_code" { (lang.t("account-totp-code")) }
            input #enable_code name="code" required autocomplete="one-time-code" inputmode="numeric" maxlength="7";
            button type="submit" { (lang.t("account-totp-enable")) }
        }
    }
}

/// The key in groups of four, as apps that take it typed expect to see it.
fn spaced(secret: &str) -> String {
    secret.as_bytes().chunks(4).map(|chunk| String::from_utf8_lossy(chunk).into_owned()).collect::<Vec<_>>().join(" ")
}

fn qr_svg(text: &str) -> String {
    match qrcode::QrCode::new(text.as_bytes()) {
        Ok(code) => code.render::<qrcode::render::svg::Color<'_>>().min_dimensions(200, 200).quiet_zone(true).build(),
        Err(_) => String::new(),
    }
}

/// A minute in UTC, e.g. `2026-11-26 23:45 UTC`: the server cannot know the reader's zone.
fn utc_minute(unix_ms: i64) -> String {
    let format = time::macros::format_description!("[year]-[month]-[day] [hour]:[minute] UTC");
    time::OffsetDateTime::from_unix_timestamp_nanos(unix_ms as i128 * 1_000_000)
        .ok()
        .and_then(|moment| moment.format(&format).ok())
        .unwrap_or_default()
}

/// A few words for a User-Agent: the browser and the system, e.g. "Firefox · Linux". Only a
/// hint for the facilitator to tell sessions apart; the full text is in the cell's title.
pub fn browser_summary(lang: Lang, user_agent: &str) -> String {
    // Order matters: Edge and Opera also say Chrome, Chrome also says Safari.
    const BROWSERS: [(&str, &str); 7] = [
        ("Edg/", "Edge"),
        ("OPR/", "Opera"),
        ("Firefox/", "Firefox"),
        ("Chrome/", "Chrome"),
        ("Safari/", "Safari"),
        ("curl/", "curl"),
        ("reqwest", "reqwest"),
    ];
    const SYSTEMS: [(&str, &str); 7] = [
        ("Android", "Android"),
        ("iPhone", "iOS"),
        ("iPad", "iPadOS"),
        ("Windows", "Windows"),
        ("Mac OS X", "macOS"),
        ("CrOS", "ChromeOS"),
        ("Linux", "Linux"),
    ];
    let browser = BROWSERS.iter().find(|(marker, _)| user_agent.contains(marker)).map(|(_, name)| *name);
    let system = SYSTEMS.iter().find(|(marker, _)| user_agent.contains(marker)).map(|(_, name)| *name);
    match (browser, system) {
        (Some(browser), Some(system)) => format!("{browser} · {system}"),
        (Some(name), None) | (None, Some(name)) => name.to_owned(),
        (None, None) if user_agent.trim().is_empty() => lang.t("account-session-unknown-browser"),
        (None, None) => {
            let short: String = user_agent.chars().take(40).collect();
            if short.len() < user_agent.len() { format!("{short}…") } else { short }
        }
    }
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

#[cfg(test)]
mod tests {
    use super::*;
    use converge_core::Language;

    #[test]
    fn a_user_agent_is_summed_up_in_a_few_words() {
        let lang = Lang(Language::En);
        let firefox = "Mozilla/5.0 (X11; Linux x86_64; rv:133.0) Gecko/20100101 Firefox/133.0";
        assert_eq!(browser_summary(lang, firefox), "Firefox · Linux");
        let edge = "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) \
                    Chrome/131.0.0.0 Safari/537.36 Edg/131.0.0.0";
        assert_eq!(browser_summary(lang, edge), "Edge · Windows");
        let iphone = "Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) \
                      Version/18.1 Mobile/15E148 Safari/604.1";
        assert_eq!(browser_summary(lang, iphone), "Safari · iOS");
        assert_eq!(browser_summary(lang, ""), lang.t("account-session-unknown-browser"));
        let odd = "x".repeat(300);
        assert_eq!(browser_summary(lang, &odd).chars().count(), 41, "cut to 40 characters and an ellipsis");
    }
}
