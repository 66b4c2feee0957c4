//! The storage interfaces of Converge, independent of any database.
//!
//! * [`EventLog`]: one append-only, hash-chained log per workshop. Appends are all-or-nothing,
//!   guarded by the sequence number the writer last saw (optimistic concurrency, so several
//!   server nodes can share one database), and acknowledged only once durable. Every backend
//!   announces growth on [`EventLog::subscribe`], so live views on any node hear of new events.
//! * [`Directory`]: what lives beside the logs: the workshop index and join codes, facilitator
//!   accounts, sessions and tokens, and participants' personal data (kept out of the log so it
//!   can be erased without breaking the chain).
//!
//! The store never interprets payloads: it keeps (workshop, seq, kind, payload, recorded_at,
//! hash) and computes the chain. [`chain`] is the one definition of the hash, shared by every
//! backend and by the offline verifier.
//!
//! The behavioural test suite every backend runs is a crate of its own,
//! `converge-store-conformance`, taken as a dev-dependency: none of it ships in the binary.

pub mod chain;
mod directory;
mod log;

pub use directory::{
    Account, Directory, NewAccount, ParticipantProfile, Session, StoredImage, TotpState, WorkshopEntry,
};
pub use log::{EventLog, LogGrew, NewEvent, Snapshot, StoredEvent};

use std::future::Future;
use std::pin::Pin;

/// The future every store method returns, so backends can be chosen at run time (`dyn Store`).
pub type BoxFuture<'a, T> = Pin<Box<dyn Future<Output = T> + Send + 'a>>;

/// Everything the server needs from a backend.
pub trait Store: EventLog + Directory {}

impl<T: EventLog + Directory> Store for T {}

/// The one error type of the storage layer.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum StoreError {
    /// Another writer appended first; reload and decide again.
    #[error("workshop {workshop} is at sequence {actual}, the writer expected {expected}")]
    Conflict { workshop: uuid::Uuid, expected: u64, actual: u64 },
    /// A unique value (an email, a join code, a workshop id) is already taken.
    #[error("{0} is already taken")]
    Duplicate(&'static str),
    /// Another live workshop holds this join code: the caller draws another one.
    #[error("join code is already taken")]
    JoinCodeTaken,
    /// The disk is full: nothing was written, and writes succeed again once space returns.
    #[error("the disk is full; nothing was written")]
    DiskFull,
    /// The database cannot be reached or answered with an error; nothing was acknowledged.
    #[error("the database is unavailable: {0}")]
    Unavailable(String),
    /// Stored data does not read back as written.
    #[error("stored data is damaged: {0}")]
    Corrupt(String),
}
