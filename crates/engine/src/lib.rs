//! Runs workshops on top of a [`Store`]: the application layer between the HTTP edge and the
//! domain core, shared by the server and the command line.
//!
//! * [`Engine::execute`] sends a command to the workshop's actor ([`actor`]), the one writer of
//!   that workshop on this node. The actor decides every command queued meanwhile against the
//!   evolving state and appends all their events in one durable write (group commit), then
//!   publishes the new state and the stored events to live subscribers.
//! * [`accounts`] holds facilitator accounts, sessions and tokens, and participant tokens;
//!   [`totp`] the one-time codes of their optional second factor.
//! * [`cards`] checks, decodes and re-encodes the images of uploaded photo-language cards.
//! * [`results`] counts votes and assessments and decides which count an activity shows;
//!   `Engine::report` makes the workshop report from them.
//!
//! Clock and randomness live here, not in the core: ids are UUIDv7, secrets come from the OS.
//!
//! # In more detail
//!
//! Runs workshops for the edge and the CLI. `Engine::execute` sends a command to the workshop's
//! actor (`actor.rs`), which decides every queued command in turn against the evolving state and
//! appends all their events in one write, then publishes the new `LiveState` (a `watch` channel) and
//! the stored events (a `broadcast` channel for live streams). On a sequence conflict (another node
//! appended first) the actor catches up from the log and decides again. It loads a workshop from its
//! latest snapshot (checked against the log's hash at that position and the fold's version) plus the
//! events after it, and writes a snapshot every 1,000 events. Beside the state it keeps the
//! participants' keys (`LiveState::keyring`, read from their profiles, and again whenever someone
//! joined since), which `decide` needs to name an act in confidence and pages need to recognise a
//! participant's own ballot, stance or note. An actor with nothing to do and nobody
//! following live stops after 15 minutes; the next request loads the workshop again. The state is
//! copied once per batch (the new state is published as it is). Live streams (`converge-web`'s `sse.rs`)
//! work out each event's two views (the facilitator's, the room's) once for all followers.
//! `rotate_join_code` gives a workshop a new join code. `delete_workshop` archives a workshop whose
//! follow-up page is published (`Removal::Archived`) and deletes the others; `delete_workshop_for_good`
//! is the second step for an archived one; `archive_workshop` and `restore_workshop` record the
//! event, then set the index's flag (an actor loading a workshop mends a flag an interruption left
//! behind). `follow_up_pages.rs`: publishing a page (`publish_follow_up`, the token drawn here) and
//! finding one (`published_follow_up`: one lookup of the token's SHA-256 in the directory, then the
//! workshop's own state must name that token and not be deleted, so a stale index entry leads
//! nowhere). `execute` keeps the index for every `PublishFollowUp`, whoever sends it (the demo
//! too): a new token's hash is written before the event, so the log never names a page the index
//! cannot find, and after the command (accepted or refused) the index is set from the state under a
//! lock, so concurrent publishings end where the log does. Pages published before the index
//! existed are only in their workshops' logs, and SQL cannot hash a token inside a payload the store
//! never reads: `index_follow_up_pages`, which `converge serve` runs before listening, reads the log
//! of every workshop the migration marked as not yet indexed (without starting actors), records its
//! page or its lack of one, and after the first start costs one query. `accounts.rs`: Argon2id password hashing on the blocking pool
//! behind a semaphore, sessions and API tokens stored as SHA-256 hashes of 256-bit random tokens,
//! one-time setup tokens, and participant tokens signed with HMAC-SHA-256 under the data folder's
//! secret. Sessions remember their browser (User-Agent, shortened, only shown) and last use
//! (recorded at most every 5 minutes, and never blocking a page when it cannot be written); they end
//! 36 h after sign-in or after 4 h unused, and a new password ends them all (a trigger in the
//! database). `totp.rs`: RFC 6238 codes and base-32, pure; the account's last accepted time step is
//! checked and recorded in one statement, so a code works once. Sign-in with a second factor is two
//! steps; between them the browser holds a short-lived token signed with the server secret and the
//! password hash, not a session. Recovery codes are kept as SHA-256 hashes and dropped when the
//! factor changes. `random.rs`: tokens and Crockford base-32 join codes from the OS CSPRNG. `resume.rs`: one
//! person, one identity. A participant's personal code (8 characters without look-alikes, about 39
//! bits) is derived from the server secret, the workshop and the participant (HMAC-SHA-256), so it
//! is stored nowhere, never changes and stops working when they are removed or their profile
//! erased; `resume` finds whose it is by deriving everyone's in the workshop and hands back a
//! participant token. `name_taken` tells the edge that a name is already in the workshop, so joining
//! again under it offers to resume first.
//! `screen_links.rs`: the projection screen's address without sign-in. Its token is a keyed hash
//! (HMAC-SHA-256 under the server secret) of the workshop and the generation the record names
//! (`ScreenLinkIssued`), stored nowhere and never in the log; `workshop_for_screen_token` is the one
//! rule of which token opens a screen (the current generation's, compared in constant time, of a
//! workshop not deleted), and renewing or revoking ends the previous one.
//! `cards.rs`: an uploaded photo-language card: the rules checked first, the format guessed from
//! the content (PNG, JPEG, WebP only), pixel and memory limits set before decoding (a
//! decompression bomb stops at its header), decoding on the blocking pool behind a semaphore, then
//! EXIF orientation applied, scaled to fit 1200 × 1800 and re-encoded as PNG (no metadata
//! survives); the image is stored beside the log and `DeckCardAdded` records its SHA-256.
//!
//! `results.rs`: counts a vote or an assessment with `converge-methods` into one JSON document
//! (ranking as tiers of contribution ids, the method's full result). Closing a vote or an
//! assessment, alone or with the workshop, freezes that document into the log (`ResultsFrozen`) in
//! the same append as the closing: the actor adds `results::freezes_due` after any event that
//! closes (`results::closes_a_count`), so no caller can forget it, no window leaves a closed vote
//! uncounted, and a double click freezes nothing twice. Likewise opening an activity with a `take`
//! rule (top N, dots, shortlist, categories) records what it takes (`SelectionRecorded`,
//! `results::selections_due`, resolved by `converge_core::selection::resolve` against the sources'
//! counts) in the same append, so a later count never shifts what was carried. `tests/it/closing.rs` checks that the frozen
//! result is the last live count. `Engine::state_at_closure` folds a closed workshop's log up to
//! `closure_seq` (what the closure report is made from) and `log_until` reads the log up to a
//! position (the export at closure). A count is read once the activity is closed
//! (`Activity::results_readable`), by the facilitator too: followed ballot by ballot it would tell
//! each ballot. `cards.rs`: uploaded photo-language cards,
//! decoded under pixel and memory limits and re-encoded to PNG without metadata; the images live
//! beside the log, the log holds their SHA-256.
//!
//! `templates.rs` + `templates/*.toml`: workshop templates as data (format in `templates/FORMAT.md`):
//! days of activities with their kinds, prompts in French and English, and settings. Three ship in
//! the binary: the two-day Smarter Democracy Hackathon, a half-day ideation, a one-hour
//! retrospective. Errors name the line and column.
//!
//! **Why a crate of its own:** the web server and the CLI both run workshops; the engine holds the
//! clock, the randomness and the concurrency that the core must not, and the HTTP details that it
//! must not know stay in `web`.

pub mod accounts;
mod actor;
pub mod cards;
pub mod digest;
mod engine;
mod error;
mod follow_up_pages;
pub mod random;
mod report;
pub mod results;
mod resume;
mod screen_links;
pub mod templates;
pub mod totp;

pub use actor::{FOLD_VERSION, LiveState};
pub use engine::{ActivityDraft, DEFAULT_IDLE_AFTER, Engine, Joined, NewWorkshop, Removal};
pub use error::EngineError;

use converge_core::Timestamp;
pub use converge_store::{Store, StoreError};

/// Milliseconds since the Unix epoch, from the system clock.
pub fn now() -> Timestamp {
    let since_epoch = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).unwrap_or_default();
    Timestamp(since_epoch.as_millis() as i64)
}

/// Today in UTC, the calendar of follow-up dates.
pub fn today() -> converge_core::CalendarDate {
    converge_core::CalendarDate::of(now())
}
