//! The HTTP edge of Converge: HTML pages that work without JavaScript, live updates over
//! Server-Sent Events, and the JSON API with its OpenAPI document. Handlers are thin: they
//! extract and check input, call the engine once, and render.
//!
//! How a request goes through:
//! - `edge` settles its language once (a request extension) and, on the way out, writes any
//!   failure in that language; handlers fail with `error::Failure` and never name a language.
//! - `access` extracts who may act on the workshop `{id}` (its owner, a member); `extract`
//!   reads paths, queries and forms (typed forms with repeated fields: `extract::FormFields`).
//! - Status codes are chosen in `error` only: a failure's, or a named `error::Answer`.

mod access;
pub mod api;
mod api_actions;
mod assets;
mod auth;
mod cookies;
use converge_views::deck;
mod edge;
mod error;
mod extract;
/// Public for the robustness tests that feed it hostile files.
mod i18n;
mod live_kinds;
pub mod net;
pub mod openapi;
mod pages;
pub mod ratelimit;
mod security;
mod sse;

pub use i18n::Lang;

use crate::error::Answer;
use axum::Router;
use axum::extract::{DefaultBodyLimit, State};
use axum::http::HeaderMap;
use axum::response::IntoResponse;
use axum::routing::{get, post};
use converge_engine::{ActivityDraft, Engine};
use std::future::Future;
use std::sync::Arc;
use tokio::net::TcpListener;
use tokio_util::sync::CancellationToken;

/// What every handler shares.
#[derive(Clone)]
pub struct AppState {
    /// Reverse proxies whose forwarding headers say who the client is.
    pub trusted_proxies: Arc<Vec<net::Cidr>>,
    pub engine: Engine,
    pub cookie_policy: cookies::CookiePolicy,
    /// The address participants use, e.g. `http://192.168.1.20:8080`; when unset, the
    /// address the facilitator's browser used.
    pub public_url: Option<String>,
    pub limits: Arc<ratelimit::RateLimits>,
    /// Cancelled on shutdown, so live streams end and the server can stop.
    pub shutdown: CancellationToken,
    /// The PDF reports being laid out take turns in these slots.
    pub report_layouts: Arc<tokio::sync::Semaphore>,
    /// The views of the latest live events, shared by every follower of the event stream.
    pub recent_views: sse::RecentViews,
}

impl AppState {
    pub fn new(engine: Engine, public_url: Option<String>, shutdown: CancellationToken) -> AppState {
        let public_url = public_url.map(|url| url.trim_end_matches('/').to_owned());
        let secure = public_url.as_deref().is_some_and(|url| url.starts_with("https://"));
        AppState {
            trusted_proxies: Arc::default(),
            engine,
            cookie_policy: cookies::CookiePolicy { secure },
            public_url,
            limits: Arc::default(),
            shutdown,
            report_layouts: pages::report_pdf::layout_slots(),
            recent_views: sse::RecentViews::default(),
        }
    }
}

pub fn router(state: AppState) -> Router {
    use pages::{
        account, ballots, console, decks, facilitator, fates, follow_up, mine, outcome_forms, participant, public,
        public_follow_up,
    };
    Router::new()
        .route("/", get(public::landing))
        .route("/join", get(public::join_page).post(public::join))
        .route("/resume", post(public::resume))
        .route("/w/{id}/resume", get(public::personal_link).post(public::resume_in_workshop))
        .route("/signin", get(public::sign_in_page).post(public::sign_in))
        .route("/signin/code", post(public::sign_in_code))
        .route("/signout", post(public::sign_out))
        .route("/setup/{token}", get(public::setup_page).post(public::setup))
        .route("/facilitator", get(facilitator::dashboard))
        .route("/facilitator/account", get(account::account_page))
        .route("/facilitator/account/sessions/end", post(account::end_session))
        .route("/facilitator/account/sessions/end-others", post(account::end_other_sessions))
        .route("/facilitator/account/password", post(account::change_password))
        .route("/facilitator/account/totp", post(account::enable_totp))
        .route("/facilitator/account/totp/disable", post(account::disable_totp))
        .route("/facilitator/workshops", post(facilitator::create))
        .route("/facilitator/workshops/{id}", get(console::console))
        .route("/facilitator/workshops/{id}/delete", get(facilitator::confirm_delete).post(facilitator::delete))
        .route("/facilitator/workshops/{id}/delete-for-good", post(facilitator::delete_for_good))
        .route("/facilitator/workshops/{id}/restore", post(facilitator::restore))
        .route("/facilitator/workshops/{id}/screen", get(facilitator::screen))
        .route("/facilitator/workshops/{id}/report", get(pages::report::report_page))
        .route("/facilitator/workshops/{id}/report.pdf", get(pages::report_pdf::report_pdf))
        .route("/facilitator/workshops/{id}/report/{file}", get(pages::report::report_table))
        .route("/facilitator/workshops/{id}/focus", post(console::set_focus))
        .route("/facilitator/workshops/{id}/tables", post(console::form_tables))
        .route("/facilitator/workshops/{id}/joining", post(console::joining))
        .route("/facilitator/workshops/{id}/activities", post(console::add_activity))
        .route("/facilitator/workshops/{id}/activities/{activity_id}", get(console::activity_page))
        // The console's controls on an activity, a participant or a contribution: the last
        // segment names the control, read as an enum (an unknown one is 404).
        .route("/facilitator/workshops/{id}/activities/{activity_id}/{action}", post(console::activity_control))
        .route("/facilitator/workshops/{id}/participants/{participant_id}/{action}", post(console::participant_control))
        .route(
            "/facilitator/workshops/{id}/contributions/{contribution_id}/{action}",
            post(console::contribution_control),
        )
        .route("/facilitator/workshops/{id}/fates", get(fates::fates_page).post(fates::decide_fates))
        .route("/facilitator/workshops/{id}/close", get(fates::confirm_close).post(fates::close_workshop))
        .route("/facilitator/workshops/{id}/follow-up", get(follow_up::follow_up_page))
        .route("/facilitator/workshops/{id}/follow-up/status", post(follow_up::update_status))
        .route("/facilitator/workshops/{id}/follow-up/commitment", post(follow_up::set_commitment))
        .route("/facilitator/workshops/{id}/follow-up/publish", post(follow_up::publish))
        .route("/facilitator/workshops/{id}/follow-up/actions.csv", get(follow_up::import_template))
        // The CSV import takes a file too (multipart, its token in the query), and so does its
        // apply step, which sends the checked text back whatever its size.
        .route(
            "/facilitator/workshops/{id}/follow-up/import",
            post(follow_up::import_dry_run).layer(DefaultBodyLimit::max(follow_up::IMPORT_BODY_LIMIT)),
        )
        .route(
            "/facilitator/workshops/{id}/follow-up/import/apply",
            post(follow_up::import_apply).layer(DefaultBodyLimit::max(follow_up::IMPORT_BODY_LIMIT)),
        )
        // The one route that takes a file: its own body limit, above the default below.
        .route(
            "/facilitator/workshops/{id}/decks/{deck}/cards",
            post(decks::upload_card).layer(DefaultBodyLimit::max(decks::UPLOAD_BODY_LIMIT)),
        )
        .route("/facilitator/workshops/{id}/decks/{deck}/cards/{card_id}/remove", post(decks::remove_card))
        .route("/w/{id}", get(participant::home))
        .route("/w/{id}/a/{activity_id}", get(participant::activity_page))
        .route("/w/{id}/a/{activity_id}/notes", post(participant::post_note))
        .route("/w/{id}/a/{activity_id}/sort", post(participant::sort_note))
        .route("/w/{id}/a/{activity_id}/ballot", post(ballots::cast_ballot))
        .route("/w/{id}/a/{activity_id}/assess", post(ballots::assess_item))
        .route("/w/{id}/a/{activity_id}/actions", post(outcome_forms::draft_card))
        .route("/w/{id}/a/{activity_id}/actions/new", get(outcome_forms::new_card_page))
        .route("/w/{id}/a/{activity_id}/actions/{action_id}", get(outcome_forms::card_page))
        .route("/w/{id}/a/{activity_id}/actions/{action_id}/edit", post(outcome_forms::edit_card))
        .route("/w/{id}/a/{activity_id}/actions/{action_id}/consensus", post(outcome_forms::give_consensus))
        .route("/w/{id}/a/{activity_id}/actions/{action_id}/withdraw", post(outcome_forms::withdraw_card))
        .route("/w/{id}/a/{activity_id}/risks/{risk}/rating", post(outcome_forms::rate_risk))
        .route("/w/{id}/a/{activity_id}/risks/{risk}/mitigations", post(outcome_forms::link_mitigations))
        .route("/w/{id}/mine", get(mine::my_contributions))
        .route("/w/{id}/presence", post(participant::set_presence))
        .route("/w/{id}/cards/{card_id}", get(decks::card_image))
        // The public follow-up page: anyone with its unguessable address, nobody else.
        .route("/follow/{follow_token}", get(public_follow_up::follow_up_page))
        .route("/follow/{follow_token}/feed.atom", get(public_follow_up::feed))
        .route("/api/openapi.json", get(openapi::openapi_json))
        .route("/api/v1/workshops", get(api::list_workshops).post(api::create_workshop))
        .route("/api/v1/join", post(api::join_workshop))
        .route("/api/v1/resume", post(api::resume_participant))
        .route("/api/v1/workshops/{id}", get(api::get_workshop))
        .route("/api/v1/workshops/{id}/activities/{activity_id}/open", post(api::open_activity))
        .route("/api/v1/workshops/{id}/activities/{activity_id}/close", post(api::close_activity))
        .route("/api/v1/workshops/{id}/close", post(api::close_workshop))
        .route("/api/v1/workshops/{id}/participants/{participant_id}/role", post(api::change_role))
        .route("/api/v1/workshops/{id}/contributions", post(api::post_contribution))
        .route("/api/v1/workshops/{id}/actions", post(api_actions::draft_action))
        .route("/api/v1/workshops/{id}/actions/{action_id}", post(api_actions::edit_action))
        .route("/api/v1/workshops/{id}/activities/{activity_id}/ballots", post(api::cast_ballot))
        .route("/api/v1/workshops/{id}/activities/{activity_id}/results", get(api::get_results))
        .route("/api/v1/workshops/{id}/events", get(sse::stream_events))
        .route("/api/v1/workshops/{id}/export", get(api::export_workshop))
        .route("/healthz", get(healthz))
        .route("/static/{version}/{name}", get(assets::serve))
        .fallback(not_found)
        .method_not_allowed_fallback(method_not_allowed)
        .layer(axum::middleware::from_fn_with_state(state.clone(), security::csrf))
        .layer(axum::middleware::from_fn_with_state(state.clone(), edge::localise))
        .layer(axum::middleware::from_fn_with_state(state.clone(), security::headers))
        .layer(DefaultBodyLimit::max(security::BODY_LIMIT))
        .layer(tower_http::catch_panic::CatchPanicLayer::new())
        .with_state(state)
}

/// Serves until `shutdown` completes. Tests pass `127.0.0.1:0` and their own shutdown.
pub async fn serve(
    listener: TcpListener,
    state: AppState,
    limits: net::ConnectionLimits,
    shutdown: impl Future<Output = ()> + Send + 'static,
) -> std::io::Result<()> {
    let streams = state.shutdown.clone();
    let trusted = state.trusted_proxies.clone();
    // Live streams never end by themselves; end them so the server can stop.
    net::serve(listener, router(state), limits, trusted, shutdown, move || streams.cancel()).await
}

async fn healthz(State(app): State<AppState>) -> impl IntoResponse {
    match app.engine.store().ping().await {
        Ok(()) => (Answer::Ok.status(), "ok"),
        Err(error) => {
            tracing::error!(%error, "health check: the store is unreachable");
            (Answer::Unavailable.status(), "store unavailable")
        }
    }
}

async fn not_found(uri: axum::http::Uri) -> axum::response::Response {
    error::for_path(uri.path(), error::Failure::NotFound)
}

async fn method_not_allowed(uri: axum::http::Uri) -> axum::response::Response {
    error::for_path(uri.path(), error::Failure::MethodNotAllowed)
}

/// The agenda a new workshop starts with: the named shipped template's, or the default one.
pub fn agenda_for(
    template: Option<&str>,
    language: converge_core::Language,
) -> Result<Vec<ActivityDraft>, error::Failure> {
    match template.map(str::trim) {
        None | Some("") | Some("default") => Ok(converge_engine::templates::default_agenda(language)),
        Some(id) => converge_engine::templates::shipped_template(id)
            .map(|template| template.agenda(language))
            .ok_or(error::Failure::UnknownTemplate),
    }
}

/// The link participants follow to join: the configured public address, or the one the
/// facilitator's browser used.
pub fn join_url(app: &AppState, headers: &HeaderMap, join_code: &str) -> String {
    format!("{}/join?code={join_code}", public_base(app, headers))
}

/// The address pages are reached at from outside, for links that leave the page (join links,
/// QR codes, feeds): the configured `--public-url`, or else the address the browser used, but
/// only when it is an IP address or `localhost` (what a laptop on a venue network is reached
/// by). A name in the `Host` header could be anyone's, and would end in a QR code or a feed.
pub fn public_base(app: &AppState, headers: &HeaderMap) -> String {
    if let Some(url) = &app.public_url {
        return url.clone();
    }
    let host = headers.get(axum::http::header::HOST).and_then(|value| value.to_str().ok()).unwrap_or_default();
    if net::is_address_host(host) { format!("http://{host}") } else { "http://localhost".to_owned() }
}

/// What a join request led to.
pub(crate) enum JoinOutcome {
    Joined(converge_engine::Joined),
    /// Someone already joined under this name: most often the same person on another device,
    /// who is offered to resume with their personal code rather than become a second voter.
    NameTaken,
}

/// Joins a workshop by its code, within the limits that keep one client from spending a
/// room's budget: first the client's own (every attempt counts, which also bounds guessing),
/// then, for a code that exists, the room's. A wrong code spends only the client's budget of
/// failures, and a spent one refuses wrong codes, never a right one (a venue router or a proxy
/// may carry a phone with a typo and the rest of the room). Unless `even_if_name_taken`, a name
/// already in the workshop is not joined again.
pub(crate) async fn join_within_limits(
    app: &AppState,
    client: &ClientKey,
    code: &str,
    name: &str,
    service: &str,
    even_if_name_taken: bool,
) -> Result<JoinOutcome, error::Failure> {
    let workshop = workshop_of_join_code(app, client, code).await?;
    app.limits
        .join_per_code
        .check(&converge_engine::random::normalise_join_code(code))
        .map_err(error::Failure::TooManyRequests)?;
    if !even_if_name_taken && app.engine.name_taken(workshop, name).await? {
        return Ok(JoinOutcome::NameTaken);
    }
    Ok(JoinOutcome::Joined(app.engine.join(code, name, service).await?))
}

/// The workshop a join code opens, spending the client's budget of attempts (and of failures
/// for a wrong code).
pub(crate) async fn workshop_of_join_code(
    app: &AppState,
    client: &ClientKey,
    code: &str,
) -> Result<converge_core::WorkshopId, error::Failure> {
    let too_many = error::Failure::TooManyRequests;
    app.limits.join_per_client.check(&client.0).map_err(too_many)?;
    match app.engine.workshop_by_join_code(code).await? {
        Some(entry) => Ok(converge_core::WorkshopId::from_uuid(entry.id)),
        None => {
            app.limits.unknown_code_per_client.check(&client.0).map_err(too_many)?;
            Err(converge_engine::EngineError::UnknownJoinCode.into())
        }
    }
}

/// Gives back their place to whoever holds a personal resume code, within the same limits as
/// joining: every attempt spends the client's budget, and a wrong code its budget of failures,
/// so guessing someone's code is as hopeless as guessing a join code.
pub(crate) async fn resume_within_limits(
    app: &AppState,
    client: &ClientKey,
    workshop: converge_core::WorkshopId,
    resume_code: &str,
) -> Result<converge_engine::Joined, error::Failure> {
    let too_many = error::Failure::TooManyRequests;
    app.limits.join_per_client.check(&client.0).map_err(too_many)?;
    match app.engine.resume(workshop, resume_code).await {
        Err(converge_engine::EngineError::UnknownResumeCode) => {
            app.limits.unknown_resume_per_client.check(&client.0).map_err(too_many)?;
            Err(converge_engine::EngineError::UnknownResumeCode.into())
        }
        resumed => Ok(resumed?),
    }
}

/// The client, for rate limits: its address (the /64 network of an IPv6 one), read from the
/// forwarding headers when the connection comes from a trusted proxy. A room of phones behind
/// one venue router shares one, so limits on it are generous and never the only ones.
pub struct ClientKey(pub String);

impl axum::extract::FromRequestParts<AppState> for ClientKey {
    type Rejection = std::convert::Infallible;

    async fn from_request_parts(
        parts: &mut axum::http::request::Parts,
        state: &AppState,
    ) -> Result<Self, Self::Rejection> {
        let peer = parts.extensions.get::<axum::extract::ConnectInfo<std::net::SocketAddr>>();
        Ok(ClientKey(match peer {
            Some(info) => net::client_key(net::client_address(info.0.ip(), &parts.headers, &state.trusted_proxies)),
            None => "unknown".to_owned(),
        }))
    }
}
