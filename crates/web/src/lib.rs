//! The HTTP edge of Converge: HTML pages that work without JavaScript, live updates over
//! Server-Sent Events, and the JSON API with its OpenAPI document. Handlers are thin: they
//! extract and check input, call the engine, and render with `converge-views`.
//!
//! How a request goes through:
//! - `edge` settles its language once (a request extension) and, on the way out, writes any
//!   failure in that language; handlers fail with `error::Failure` and never name a language.
//! - `access` extracts who may act on the workshop `{id}` (its owner, a member); `extract`
//!   reads paths, queries and forms (typed forms with repeated fields: `extract::FormFields`).
//! - Status codes are chosen in `error` only: a failure's, or a named `error::Answer`.
//!
//! # Where things are
//!
//! axum. `lib.rs` holds the router (the one list of routes) and `AppState`.
//! - `pages/`: the handlers of the HTML pages, rendered with maud (escaped by default) by
//!   `converge-views`; forms post and redirect, so everything works without JavaScript.
//!   `console.rs` runs the room (agenda controls, timers, focus, tables, presence, one page per
//!   activity with its board and settings; every control a route of its own, so each has its
//!   row in the access table of `converge-cli`'s tests); `converge_views::activities` has one
//!   module per kind with its participant, facilitator and projection views. `converge-views`'
//!   `assets/app.js` (our own, ~150 lines; `sort.js` adds drag and drop on the sorting board,
//!   `ballot.js` the dot counter and drag-to-rank on ranking ballots) follows the event
//!   stream and, for the events that concern the page (`data-live-kinds`, `data-live-activity`),
//!   swaps the regions marked `data-live` with the same page re-fetched, leaving alone a region
//!   whose control is in use.
//! - `api.rs`: the JSON API under `/api/v1` and its OpenAPI document (utoipa) at
//!   `/api/openapi.json`. Operation ids are a contract. `api_room.rs`: the room's controls
//!   (`nextStep`, `focusActivity`, `startTimer`, `pauseTimer`), the facilitator's alone.
//! - `sse.rs`: the event stream. Subscribes before reading the backlog, resumes after
//!   `Last-Event-ID` (or `?after=`), re-reads the log on a gap or a lag (a page of 500 at a time),
//!   ends on shutdown. It writes the body itself: the events already waiting go out in one chunk
//!   (up to 64 events or 256 KiB), one write instead of one per event, which is what a room of a
//!   thousand phones costs; a `:` comment keeps a quiet stream open every 15 s. A participant's
//!   stream carries what its reader's pages show, by `Event::disclosure`: two views per event (the
//!   facilitator's, the room's), worked out once for all followers; the record's hashes go to the
//!   facilitator only, with the events sent whole. A removed participant's stream ends, and so does
//!   a screen's followed by an address renewed or revoked since.
//! - `ballots.rs`, `decks.rs`: the forms that cast ballots and assess items, and the upload and
//!   serving of a workshop's own cards. `converge_views::deck`: the built-in photo-language deck (28 SVG
//!   illustrations of the project, captions in `assets/cards/deck.toml`), served as versioned,
//!   immutable static images.
//! - `security.rs`: CSRF (a random `cv_csrf` cookie, renewed at every sign-in and sign-out, and an
//!   HMAC of it and the session in every form; multipart forms carry it as their first field, read
//!   from the first 16 KiB of the upload; plus an `Origin`/`Sec-Fetch-Site` check; works on
//!   plain-HTTP venue networks where browsers send no `Sec-Fetch-*`), and the security headers (CSP
//!   without inline script, nosniff, DENY framing, `no-store`, HSTS behind HTTPS).
//! - `net.rs`: the listener. It serves HTTP/1.1 with hyper itself (axum's `serve` sets no timeouts):
//!   request headers within 15 s, which is also the idle time of a kept-alive connection; one client
//!   address may hold half the connections the descriptor limit allows, the server the rest; a
//!   refused connection gets a short 429 or 503 and is closed. `ClientKey` is the client's address
//!   (an IPv6 /64), read from `Forwarded`/`X-Forwarded-For` only when the peer is a
//!   `--trusted-proxy`. Links that leave a page use `--public-url`, or the `Host` only when it is
//!   an address.
//! - `auth.rs`: credentials: facilitator session cookie or `cvf_` bearer token; participant cookie
//!   (per workshop) or `cvp_` bearer token. A forged credential is an error, never "anonymous".
//! - `i18n.rs`: which language a request speaks (the words are `converge-i18n`'s catalogues). French is the default; the
//!   language follows `?lang=` (remembered in a cookie), then the cookie, then `Accept-Language`.
//! - The action plan and the risk map: `converge_views::activities::{action_plan, risk_map}`
//!   (the views) and `pages/outcome_forms.rs` (the forms). A card is written on a page of its own
//!   (`…/actions/new`, `…/actions/{action_id}`) whose forms sit outside the live regions, so typing is
//!   never disturbed. An edit carries `base_revision` and the values it started from (`was_*`):
//!   when someone saved first, the core refuses it (`EditConflict`) and the page answers 409 with
//!   the card as it now is, what was typed, and a form where the fields the editor changed are
//!   carried over onto the current card (`converge_core::outcomes::merge_edit`); sending it keeps both changes. The material
//!   a card draws on is what the workshop retained (ideas first, merged notes and notes decided not
//!   retained left out, frozen vote ranks shown). Risks are rated with one radio form per risk;
//!   `data-keep-choices` asks `app.js` not to swap a region while such a form holds a choice not
//!   sent. `api_actions.rs`: `draftAction` and `editAction` (409 with `current`). Nobody's stream
//!   says who drafted, edited, took a stance or rated (`sse.rs`).
//! - Outcomes after the room: `pages/fates.rs` (every contribution with its fate, decided in bulk;
//!   closing the workshop after a confirmation), `pages/mine.rs` (a participant's own contributions,
//!   anonymous ones included since the page is only ever about the asker, with the path from each
//!   to the actions it fed), `pages/follow_up.rs` (the commissioner's console: statuses, commitments,
//!   overdue flags, publishing) and `pages/public_follow_up.rs` (`/follow/{token}` and its Atom feed,
//!   no sign-in, texts without authors, `noindex`). The CSV import is `converge_core::followup_import`, pure: it
//!   reads UTF-8 (with or without BOM; anything else is refused as not UTF-8), `,` or `;`, and
//!   checks each row as the domain will, in order (optional columns `next_update_due` and
//!   `effective_on`); the dry run writes nothing, and applying sends the same text back (multipart,
//!   like the upload), checks it again and applies it as one command. Public pages are found by
//!   token through the engine (`Engine::published_follow_up`), an indexed lookup in the store. Dates
//!   on pages are written out in the page's language (`converge_i18n::Lang::date`: "16 novembre 2026"); forms,
//!   `datetime` attributes and files keep `YYYY-MM-DD`.
//! - The projection by its address without sign-in (`pages/screen_link.rs`): `/screen/{id}/{screen_token}`
//!   renders the facilitator's projection (`facilitator::render_screen`) for a browser that never
//!   signed in, its stream followed with `?screen=TOKEN` as the room reads it (`sse.rs`; renewing
//!   or revoking the address ends it); a wrong token is the plain 404. The console's section creates,
//!   renews and revokes it (one route each), the API has `issueScreenLink` and `revokeScreenLink`
//!   (`api_screen_link.rs`) and `getWorkshop`'s `screen_url`, the facilitator's only. Which token
//!   is valid is the engine's rule (`Engine::workshop_for_screen_token`).
//! - The dashboard (`pages/facilitator.rs`) lists archived workshops apart, with restore and
//!   "delete for good"; the delete page says what deleting will do: delete, archive (a published
//!   follow-up page stays up), or, for an archived workshop with a page, delete it for good, naming
//!   the page's address and the number of actions it follows.
//! - Joining and resuming (`pages/public.rs`, `lib.rs::join_within_limits`): a name already in the
//!   workshop is not joined silently again; the page offers resuming with the personal code first
//!   and joining as someone else second (the API joins as asked and returns the code). `/resume`
//!   (join code and personal code), the personal link `/w/{id}/resume?code=…` (a button, never an
//!   action on GET) and `resumeParticipant` set the participant's token again, within the join
//!   limits and a budget of wrong personal codes per client. Phones show their code and link on
//!   the workshop's home and on "my contributions". The join page of a closed workshop's code says
//!   it is closed and offers only resuming (the join code stays the key to one's place). A
//!   phone that joins or resumes lands where the room is (`Workshop::room_activity`: the
//!   focused activity, or the one open), the workshop's home one link away; else on the home.
//! - A closed workshop: the projection thanks the room and shows what it did instead of the join
//!   code; phones thank their owner and lead to their contributions; the console keeps the report,
//!   the fates (read-only) and the follow-up; activity pages read as a participant reads a closed
//!   activity. Every participant page, a card's and "my contributions" too, follows "send every
//!   screen here", unless something is being typed.
//! - `pages/account.rs`: a facilitator's own account: their sessions (sign one or all others out),
//!   a new password, turning two-step sign-in on (QR code drawn as SVG, confirmed by a current code,
//!   recovery codes shown once) or off (password and a code). The code step of sign-in is in
//!   `pages/public.rs`.
//! - `ratelimit.rs`: token buckets keyed on the account, the join code, the participant, and the
//!   client (joins: per client before the code's budget, so one client never spends the room's;
//!   wrong join codes; wrong personal codes; sign-in); `Backoff`, growing waits after ten wrong passwords per account across
//!   addresses, which a browser holding the account's device cookie (signed at sign-in) skips.
//!   `join_within_limits` is the one join path of the page and the API.
//! - `error.rs`: `Failure` → status code and stable code, shown as JSON (`ApiError`) or as a page
//!   (`PageError`), put in words in the request's language by `edge.rs`. The only place that names
//!   HTTP status codes.
//!
//! **Invariants:** no SQL; no user-facing string literal outside the catalogues; no inline script or
//! style (the CSP forbids them).

mod access;
pub mod api;
mod api_actions;
mod api_console;
mod api_moderation;
mod api_projection;
mod api_room;
mod api_screen_link;
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
    /// The templates a workshop may start from: the shipped ones, and those of `serve
    /// --templates DIR`.
    pub templates: Arc<Vec<converge_engine::templates::Template>>,
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
            templates: Arc::new(converge_engine::templates::shipped().to_vec()),
        }
    }
}

pub fn router(state: AppState) -> Router {
    use pages::{
        account, ballots, console, decks, facilitator, fates, follow_up, mine, moderation, outcome_forms, participant,
        projection, public, public_follow_up,
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
        .route("/facilitator/workshops/{id}/projection/spotlight", post(projection::spotlight))
        .route("/facilitator/workshops/{id}/projection/zoom", post(projection::zoom))
        .route("/facilitator/workshops/{id}/projection/join-panel", post(projection::join_panel))
        .route("/facilitator/workshops/{id}/projection/names", post(projection::names))
        .route("/facilitator/workshops/{id}/next-step", post(console::next_step))
        .route("/facilitator/workshops/{id}/undo", post(console::undo))
        .route("/facilitator/workshops/{id}/tables", post(console::form_tables))
        .route("/facilitator/workshops/{id}/joining", post(console::joining))
        .route("/facilitator/workshops/{id}/activities", post(console::add_activity))
        .route("/facilitator/workshops/{id}/activities/{activity_id}", get(console::activity_page))
        .route("/facilitator/workshops/{id}/activities/{activity_id}/board.svg", get(pages::board_export::board_svg))
        // The console's controls on an activity, a participant or a contribution: one route
        // each, so each has its own row in the access table.
        .route("/facilitator/workshops/{id}/activities/{activity_id}/open", post(console::open_activity))
        .route("/facilitator/workshops/{id}/activities/{activity_id}/close", post(console::close_activity))
        .route("/facilitator/workshops/{id}/activities/{activity_id}/timer-start", post(console::start_timer))
        .route("/facilitator/workshops/{id}/activities/{activity_id}/timer-pause", post(console::pause_timer))
        .route("/facilitator/workshops/{id}/activities/{activity_id}/timer-extend", post(console::extend_timer))
        .route("/facilitator/workshops/{id}/activities/{activity_id}/timer-shorten", post(console::shorten_timer))
        .route("/facilitator/workshops/{id}/activities/{activity_id}/move-up", post(console::move_activity_up))
        .route("/facilitator/workshops/{id}/activities/{activity_id}/move-down", post(console::move_activity_down))
        .route("/facilitator/workshops/{id}/activities/{activity_id}/remove", post(console::remove_activity))
        .route("/facilitator/workshops/{id}/activities/{activity_id}/edit", post(console::edit_activity))
        .route("/facilitator/workshops/{id}/activities/{activity_id}/shortlist", post(console::set_shortlist))
        .route(
            "/facilitator/workshops/{id}/activities/{activity_id}/brainwriting-start",
            post(console::start_brainwriting),
        )
        .route("/facilitator/workshops/{id}/activities/{activity_id}/next-round", post(console::next_round))
        .route("/facilitator/workshops/{id}/participants/{participant_id}/role", post(console::change_role))
        .route("/facilitator/workshops/{id}/participants/{participant_id}/seat", post(console::seat_participant))
        .route("/facilitator/workshops/{id}/participants/{participant_id}/leave", post(console::mark_absent))
        .route("/facilitator/workshops/{id}/participants/{participant_id}/return", post(console::mark_present))
        .route("/facilitator/workshops/{id}/participants/{participant_id}/remove", post(console::remove_participant))
        .route("/facilitator/workshops/{id}/participants/{participant_id}/merge", post(console::merge_participant))
        .route("/facilitator/workshops/{id}/contributions/{contribution_id}/move", post(console::move_contribution))
        .route("/facilitator/workshops/{id}/contributions/{contribution_id}/merge", post(console::merge_contribution))
        .route("/facilitator/workshops/{id}/contributions/{contribution_id}/categorize", post(console::categorize))
        .route("/facilitator/workshops/{id}/contributions/{contribution_id}/hide", post(moderation::hide))
        .route("/facilitator/workshops/{id}/contributions/{contribution_id}/show", post(moderation::show))
        .route("/facilitator/workshops/{id}/contributions/{contribution_id}/edit", post(moderation::edit))
        .route("/facilitator/workshops/{id}/contributions/{contribution_id}/remove", post(moderation::remove))
        .route("/facilitator/workshops/{id}/contributions/{contribution_id}/unmerge", post(moderation::unmerge))
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
        .route("/w/{id}/notes/{contribution_id}/edit", post(moderation::edit_own))
        .route("/w/{id}/notes/{contribution_id}/remove", post(moderation::delete_own))
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
        .route("/api/v1/workshops/{id}/spotlight", post(api_projection::spotlight_contribution))
        .route("/api/v1/workshops/{id}/zoom", post(api_projection::zoom_projection))
        .route("/api/v1/workshops/{id}/next-step", post(api_room::next_step))
        .route("/api/v1/workshops/{id}/focus", post(api_room::focus_activity))
        .route("/api/v1/workshops/{id}/activities/{activity_id}/timer/start", post(api_room::start_timer))
        .route("/api/v1/workshops/{id}/activities/{activity_id}/timer/pause", post(api_room::pause_timer))
        .route("/api/v1/workshops/{id}/activities/{activity_id}/timer/extend", post(api_room::extend_timer))
        .route("/api/v1/workshops/{id}/activities/{activity_id}/timer/shorten", post(api_room::shorten_timer))
        .route("/api/v1/workshops/{id}/undo", post(api_room::undo))
        .route("/api/v1/workshops/{id}/activities/{activity_id}/shortlist", post(api_console::set_shortlist))
        .route("/api/v1/workshops/{id}/activities/{activity_id}/move", post(api_console::move_activity))
        .route(
            "/api/v1/workshops/{id}/contributions/{contribution_id}/categorize",
            post(api_console::categorize_contribution),
        )
        .route("/api/v1/workshops/{id}/contributions/{contribution_id}/move", post(api_console::move_contribution))
        .route("/api/v1/workshops/{id}/contributions/{contribution_id}/merge", post(api_console::merge_contribution))
        .route("/api/v1/workshops/{id}/tables", post(api_console::form_tables))
        .route("/api/v1/workshops/{id}/participants/{participant_id}/seat", post(api_console::seat_participant))
        .route("/api/v1/workshops/{id}/participants/{participant_id}/presence", post(api_console::set_presence))
        .route("/api/v1/workshops/{id}/joining", post(api_console::set_joining))
        .route("/api/v1/workshops/{id}/join-code", post(api_console::renew_join_code))
        .route("/api/v1/workshops/{id}/activities/{activity_id}/remove", post(api_console::remove_activity))
        .route(
            "/api/v1/workshops/{id}/activities/{activity_id}/brainwriting/start",
            post(api_console::start_brainwriting),
        )
        .route("/api/v1/workshops/{id}/activities/{activity_id}/brainwriting/next-round", post(api_console::next_round))
        .route("/api/v1/workshops/{id}/participants/{participant_id}/remove", post(api_console::remove_participant))
        .route("/api/v1/workshops/{id}/participants/{participant_id}/merge", post(api_console::merge_participant))
        .route("/api/v1/workshops/{id}/participants/{participant_id}/role", post(api::change_role))
        .route("/api/v1/workshops/{id}/contributions", post(api::post_contribution))
        .route("/api/v1/workshops/{id}/contributions/{contribution_id}/hide", post(api_moderation::hide_contribution))
        .route("/api/v1/workshops/{id}/contributions/{contribution_id}/show", post(api_moderation::show_contribution))
        .route("/api/v1/workshops/{id}/contributions/{contribution_id}/edit", post(api_moderation::edit_contribution))
        .route(
            "/api/v1/workshops/{id}/contributions/{contribution_id}/remove",
            post(api_moderation::remove_contribution),
        )
        .route(
            "/api/v1/workshops/{id}/contributions/{contribution_id}/unmerge",
            post(api_moderation::unmerge_contribution),
        )
        .route("/api/v1/workshops/{id}/actions", post(api_actions::draft_action))
        .route("/api/v1/workshops/{id}/actions/{action_id}", post(api_actions::edit_action))
        .route("/api/v1/workshops/{id}/activities/{activity_id}/ballots", post(api::cast_ballot))
        .route("/api/v1/workshops/{id}/activities/{activity_id}/results", get(api::get_results))
        .route("/api/v1/workshops/{id}/events", get(sse::stream_events))
        .route("/api/v1/workshops/{id}/export", get(api::export_workshop))
        // The projection by its address without sign-in, and the console's controls of that
        // address and their API (`pages/screen_link.rs`, `api_screen_link.rs`).
        .route("/screen/{id}/{screen_token}", get(pages::screen_link::linked_screen))
        .route("/facilitator/workshops/{id}/screen-link/create", post(pages::screen_link::create))
        .route("/facilitator/workshops/{id}/screen-link/renew", post(pages::screen_link::renew))
        .route("/facilitator/workshops/{id}/screen-link/revoke", post(pages::screen_link::revoke))
        .route("/api/v1/workshops/{id}/screen-link", post(api_screen_link::issue_screen_link))
        .route("/api/v1/workshops/{id}/screen-link/revoke", post(api_screen_link::revoke_screen_link))
        .route("/healthz", get(healthz))
        .route("/static/{version}/{name}", get(assets::serve))
        .fallback(not_found)
        .method_not_allowed_fallback(method_not_allowed)
        .layer(axum::middleware::from_fn_with_state(state.clone(), security::csrf))
        .layer(axum::middleware::from_fn_with_state(state.clone(), edge::localise))
        .layer(axum::middleware::from_fn_with_state(state.clone(), security::headers))
        // Pages, scripts and JSON go compressed to clients that accept gzip or brotli (a phone
        // on the venue's weak Wi-Fi); the event stream and images go as they are (the default
        // predicate), so no event waits in a compressor's buffer.
        .layer(tower_http::compression::CompressionLayer::new())
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

/// The agenda a new workshop starts with: the named template's (among those the server offers),
/// or the default one.
pub fn agenda_for(
    templates: &[converge_engine::templates::Template],
    template: Option<&str>,
    language: converge_core::Language,
) -> Result<Vec<ActivityDraft>, error::Failure> {
    match template.map(str::trim) {
        None | Some("") | Some("default") => Ok(converge_engine::templates::default_agenda(language)),
        Some(id) => templates
            .iter()
            .find(|template| template.id() == id)
            .map(|template| template.agenda(language))
            .ok_or(error::Failure::UnknownTemplate),
    }
}

/// The link participants follow to join: the configured public address, or the one the
/// facilitator's browser used.
pub fn join_url(app: &AppState, headers: &HeaderMap, join_code: &str) -> String {
    format!("{}/join?code={join_code}", public_base(app, headers))
}

/// The projection screen's address without sign-in, whole, from the same public address as the
/// join link: for the console to show and the API to return.
pub fn screen_url(app: &AppState, headers: &HeaderMap, workshop: converge_core::WorkshopId, token: &str) -> String {
    format!("{}/screen/{workshop}/{token}", public_base(app, headers))
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
