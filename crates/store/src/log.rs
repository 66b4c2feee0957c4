//! The event log interface.

use crate::{BoxFuture, StoreError, WorkshopEntry};
use tokio::sync::broadcast;
use uuid::Uuid;

/// An event to append; the store gives it its sequence number and hash.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewEvent {
    /// The event's tag, e.g. `contribution_posted`.
    pub kind: String,
    /// The event as JSON, exactly as it will be hashed and exported.
    pub payload: String,
    /// Milliseconds since the Unix epoch.
    pub recorded_at: i64,
}

/// An event as the log keeps it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoredEvent {
    pub workshop: Uuid,
    /// 1 for a workshop's first event, then consecutive.
    pub seq: u64,
    pub kind: String,
    pub payload: String,
    pub recorded_at: i64,
    /// Hex SHA-256 chained to the previous event, see [`crate::chain::event_hash`].
    pub hash: String,
}

/// Announced after events are durably appended: `workshop`'s log now ends at `seq`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LogGrew {
    pub workshop: Uuid,
    pub seq: u64,
}

/// A serialised fold of a workshop's first `seq` events. Only a shortcut: the log is the truth.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Snapshot {
    pub seq: u64,
    /// The hash of event `seq`, so a snapshot cannot be paired with the wrong log.
    pub hash: String,
    pub state: Vec<u8>,
}

pub trait EventLog: Send + Sync + 'static {
    /// Starts a workshop: records its index entry and appends its first events, atomically.
    /// Fails with [`StoreError::Duplicate`] when the id or the join code is taken.
    fn create_workshop(
        &self,
        entry: WorkshopEntry,
        events: Vec<NewEvent>,
    ) -> BoxFuture<'_, Result<Vec<StoredEvent>, StoreError>>;

    /// Appends `events` after event `expected_seq`, all or nothing. Returns once the events are
    /// durable. Fails with [`StoreError::Conflict`] when the log has moved past `expected_seq`.
    /// The log needs no index entry: appending at 0 to an unknown workshop starts its log;
    /// `create_workshop` refuses an id that already has events.
    fn append(
        &self,
        workshop: Uuid,
        expected_seq: u64,
        events: Vec<NewEvent>,
    ) -> BoxFuture<'_, Result<Vec<StoredEvent>, StoreError>>;

    /// The events of `workshop` after `after_seq`, in order, at most `limit`.
    fn read(&self, workshop: Uuid, after_seq: u64, limit: usize)
    -> BoxFuture<'_, Result<Vec<StoredEvent>, StoreError>>;

    /// The last event of `workshop`, or `None` when it has none.
    fn head(&self, workshop: Uuid) -> BoxFuture<'_, Result<Option<StoredEvent>, StoreError>>;

    /// Notifications of growth, for every workshop, including appends made by other nodes.
    fn subscribe(&self) -> broadcast::Receiver<LogGrew>;

    fn save_snapshot(&self, workshop: Uuid, snapshot: Snapshot) -> BoxFuture<'_, Result<(), StoreError>>;

    fn load_snapshot(&self, workshop: Uuid) -> BoxFuture<'_, Result<Option<Snapshot>, StoreError>>;

    /// Answers when the database is reachable and can be read, and writes can be taken.
    fn ping(&self) -> BoxFuture<'_, Result<(), StoreError>>;
}
