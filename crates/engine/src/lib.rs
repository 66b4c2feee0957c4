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
