//! One actor per live workshop: the single writer of its log on this node.
//!
//! Commands wait in the actor's queue. Each turn takes everything queued (up to a batch size),
//! decides the commands one after the other against the evolving state, and appends all the
//! resulting events in one durable write. One fsync thus acknowledges a whole batch: under load
//! the batch grows and throughput follows, while a lone command is written at once.
//!
//! When another node appended first (a sequence conflict), the actor catches up from the log
//! and decides the batch again, so no command is decided against a stale state.

use crate::{EngineError, now};
use converge_core::{
    Actor, Command, Event, Keyring, ParticipantId, TimedEvent, Timestamp, Workshop, WorkshopId, decide,
};
use converge_store::{NewEvent, Snapshot, Store, StoredEvent};
use std::sync::Arc;
use tokio::sync::{broadcast, mpsc, oneshot, watch};

/// How many queued commands one write may acknowledge.
const MAX_BATCH: usize = 512;
/// How many times a batch is decided again after another node appended first.
const MAX_CONFLICT_RETRIES: usize = 5;
/// A snapshot is written after this many new events, so restarts replay little.
const SNAPSHOT_EVERY: u64 = 1000;
/// How many events a slow live subscriber may fall behind before it must re-read the log.
const LIVE_BUFFER: usize = 1024;
/// The version of the fold a snapshot was made by. Bump it whenever `Workshop::apply` or the
/// shape of `Workshop` changes: older snapshots are then ignored and the log is replayed.
pub const FOLD_VERSION: u32 = 9;

#[derive(serde::Serialize, serde::Deserialize)]
struct SnapshotBody {
    fold_version: u32,
    workshop: Workshop,
}

/// A workshop's state after its first `seq` events.
#[derive(Debug, Clone)]
pub struct LiveState {
    pub workshop: Workshop,
    pub seq: u64,
    /// Hash of event `seq`.
    pub head_hash: String,
    /// The participants' keys, kept beside the log with their profiles: the server uses them to
    /// recognise a participant's own ballot, stance or anonymous note, and for nothing else.
    pub keyring: Arc<Keyring>,
}

/// The keys of a workshop's participants: each profile's random salt, which never enters the log
/// and goes when the profile is erased.
pub(crate) async fn keyring(store: &dyn Store, id: WorkshopId) -> Result<Keyring, EngineError> {
    let mut keyring = Keyring::new();
    for profile in store.profiles(id.as_uuid()).await? {
        keyring.insert(ParticipantId::from_uuid(profile.participant), profile.salt.into_bytes());
    }
    Ok(keyring)
}

pub(crate) enum Message {
    Command {
        actor: Actor,
        command: Box<Command>,
        reply: oneshot::Sender<Result<Vec<StoredEvent>, EngineError>>,
    },
    /// The log grew, perhaps by another node's hand.
    LogGrew {
        seq: u64,
    },
}

/// How the rest of the engine talks to a running actor.
#[derive(Clone)]
pub(crate) struct Handle {
    pub messages: mpsc::Sender<Message>,
    pub state: watch::Receiver<Arc<LiveState>>,
    pub live: broadcast::Sender<Arc<StoredEvent>>,
}

pub(crate) fn to_timed(event: &StoredEvent) -> Result<TimedEvent, EngineError> {
    let parsed: Event = serde_json_payload(&event.payload, event.seq)?;
    Ok(TimedEvent { seq: event.seq, at: Timestamp(event.recorded_at), event: parsed })
}

fn serde_json_payload(payload: &str, seq: u64) -> Result<Event, EngineError> {
    serde_json::from_str(payload).map_err(|error| {
        EngineError::Store(converge_store::StoreError::Corrupt(format!("event {seq} does not decode: {error}")))
    })
}

/// Canonical JSON of an event: the bytes that are hashed and exported.
pub(crate) fn to_new_event(event: &Event, at: Timestamp) -> NewEvent {
    // Through `Value` so that object keys come out sorted: a verifier re-serialising the
    // payload gets the same bytes.
    #[allow(clippy::expect_used, reason = "an event is plain data with string keys: serialising it cannot fail")]
    let value = serde_json::to_value(event).expect("events always serialise");
    NewEvent { kind: event.kind().to_owned(), payload: value.to_string(), recorded_at: at.0 }
}

/// Loads a workshop from its latest snapshot and the events after it; `None` when it has no log.
pub(crate) async fn load(store: &dyn Store, id: WorkshopId) -> Result<Option<LiveState>, EngineError> {
    let uuid = id.as_uuid();
    let state = match store.load_snapshot(uuid).await? {
        Some(snapshot) => {
            let matching = store.read(uuid, snapshot.seq.saturating_sub(1), 1).await?;
            let trustworthy =
                matching.first().is_some_and(|event| event.seq == snapshot.seq && event.hash == snapshot.hash);
            match serde_json::from_slice::<SnapshotBody>(&snapshot.state) {
                Ok(body) if trustworthy && body.fold_version == FOLD_VERSION => Some(LiveState {
                    workshop: body.workshop,
                    seq: snapshot.seq,
                    head_hash: snapshot.hash,
                    keyring: Arc::default(),
                }),
                _ => {
                    tracing::warn!(workshop.id = %id, "ignoring a snapshot that does not match the log");
                    None
                }
            }
        }
        None => None,
    };
    let mut state = replay(store, id, state, u64::MAX).await?;
    if let Some(state) = &mut state {
        state.keyring = Arc::new(keyring(store, id).await?);
    }
    Ok(state)
}

/// Folds the log's events after `state` (from the start when `None`) up to `until`, inclusive.
pub(crate) async fn replay(
    store: &dyn Store,
    id: WorkshopId,
    mut state: Option<LiveState>,
    until: u64,
) -> Result<Option<LiveState>, EngineError> {
    let uuid = id.as_uuid();
    loop {
        let after = state.as_ref().map_or(0, |state| state.seq);
        if after >= until {
            break;
        }
        let limit = usize::try_from(until - after).unwrap_or(usize::MAX).min(5000);
        let events = store.read(uuid, after, limit).await?;
        if events.is_empty() {
            break;
        }
        for stored in &events {
            let timed = to_timed(stored)?;
            match &mut state {
                Some(state) => state.workshop.apply(&timed),
                None => {
                    let workshop = Workshop::from_events(id, [&timed]).ok_or_else(|| {
                        EngineError::Store(converge_store::StoreError::Corrupt(
                            "the log does not start with a workshop".into(),
                        ))
                    })?;
                    state = Some(LiveState { workshop, seq: 0, head_hash: String::new(), keyring: Arc::default() });
                }
            }
            if let Some(state) = &mut state {
                state.seq = stored.seq;
                state.head_hash.clone_from(&stored.hash);
            }
        }
    }
    Ok(state)
}

pub(crate) fn spawn(store: Arc<dyn Store>, initial: LiveState, idle_after: std::time::Duration) -> Handle {
    let (messages, inbox) = mpsc::channel(4096);
    let initial = Arc::new(initial);
    let (state_tx, state) = watch::channel(initial.clone());
    let (live, _) = broadcast::channel(LIVE_BUFFER);
    let actor = WorkshopActor {
        store,
        state: initial,
        state_tx,
        live: live.clone(),
        inbox,
        events_since_snapshot: 0,
        idle_after,
        keyless: std::collections::BTreeSet::new(),
    };
    tokio::spawn(actor.run());
    Handle { messages, state, live }
}

struct WorkshopActor {
    store: Arc<dyn Store>,
    /// The state as readers see it: shared with the watch channel, replaced after each append.
    state: Arc<LiveState>,
    state_tx: watch::Sender<Arc<LiveState>>,
    live: broadcast::Sender<Arc<StoredEvent>>,
    inbox: mpsc::Receiver<Message>,
    events_since_snapshot: u64,
    /// With nothing to do and nobody following live for this long, the actor stops.
    idle_after: std::time::Duration,
    /// Participants whose profile (and key) was not found at the last reading: erased ones.
    keyless: std::collections::BTreeSet<ParticipantId>,
}

struct Pending {
    actor: Actor,
    command: Command,
    reply: oneshot::Sender<Result<Vec<StoredEvent>, EngineError>>,
}

impl WorkshopActor {
    async fn run(mut self) {
        loop {
            let first = tokio::select! {
                message = self.inbox.recv() => match message {
                    Some(message) => message,
                    None => break,
                },
                () = tokio::time::sleep(self.idle_after) => {
                    if self.live.receiver_count() == 0 && self.inbox.is_empty() {
                        break;
                    }
                    continue;
                }
            };
            let mut batch = Vec::new();
            let mut log_grew_to = 0;
            let mut next = Some(first);
            while let Some(message) = next {
                match message {
                    Message::Command { actor, command, reply } => {
                        batch.push(Pending { actor, command: *command, reply })
                    }
                    Message::LogGrew { seq } => log_grew_to = log_grew_to.max(seq),
                }
                next = if batch.len() < MAX_BATCH { self.inbox.try_recv().ok() } else { None };
            }
            if log_grew_to > self.state.seq
                && let Err(error) = self.catch_up().await
            {
                tracing::error!(workshop.id = %self.state.workshop.id, %error, "could not catch up with the log");
            }
            if !batch.is_empty() {
                self.process(batch).await;
            }
        }
    }

    /// Applies events other nodes appended since our last one.
    async fn catch_up(&mut self) -> Result<(), EngineError> {
        let uuid = self.state.workshop.id.as_uuid();
        loop {
            let events = self.store.read(uuid, self.state.seq, 5000).await?;
            if events.is_empty() {
                return Ok(());
            }
            let state = Arc::make_mut(&mut self.state);
            for stored in events {
                state.workshop.apply(&to_timed(&stored)?);
                state.seq = stored.seq;
                state.head_hash.clone_from(&stored.hash);
                let _ = self.live.send(Arc::new(stored));
            }
            self.state_tx.send_replace(self.state.clone());
        }
    }

    /// Reads the keys again when someone joined since they were read (here or on another node).
    async fn refresh_keyring(&mut self) {
        let missing = self
            .state
            .workshop
            .participants
            .keys()
            .any(|participant| !self.state.keyring.contains(*participant) && !self.keyless.contains(participant));
        if !missing {
            return;
        }
        match keyring(self.store.as_ref(), self.state.workshop.id).await {
            Ok(keyring) => {
                self.keyless = self
                    .state
                    .workshop
                    .participants
                    .keys()
                    .filter(|participant| !keyring.contains(**participant))
                    .copied()
                    .collect();
                Arc::make_mut(&mut self.state).keyring = Arc::new(keyring);
                self.state_tx.send_replace(self.state.clone());
            }
            // Deciding goes on: whoever has no key yet is refused, and the next batch reads again.
            Err(error) => {
                tracing::warn!(workshop.id = %self.state.workshop.id, %error, "could not read the participants' keys")
            }
        }
    }

    async fn process(&mut self, mut batch: Vec<Pending>) {
        for _attempt in 0..=MAX_CONFLICT_RETRIES {
            self.refresh_keyring().await;
            let keyring = self.state.keyring.clone();
            let at = now();
            let mut working = self.state.workshop.clone();
            let mut new_events = Vec::new();
            // How many of `new_events` each still-waiting command produced, in batch order.
            let mut produced = Vec::new();
            let mut accepted = Vec::new();
            for pending in batch.drain(..) {
                let decided = converge_core::check_posting_time(&working, &pending.command, at)
                    .and_then(|()| decide(&working, pending.actor, pending.command.clone(), &keyring));
                match decided {
                    Ok(events) => {
                        let closes = events.iter().any(crate::results::closes_a_count);
                        for event in &events {
                            push_event(&mut working, &mut new_events, self.state.seq, at, event);
                        }
                        let mut n_events = events.len();
                        // Closing a vote or an assessment, alone or with the workshop, records its
                        // count in the same append: no window where it is closed but not counted.
                        if closes {
                            for freeze in crate::results::freezes_due(&working) {
                                push_event(&mut working, &mut new_events, self.state.seq, at, &freeze);
                                n_events += 1;
                            }
                        }
                        // Opening an activity that takes a selection of its sources' outputs
                        // records what it takes in the same append, after any count just frozen.
                        if events.iter().any(crate::results::opens_an_activity) {
                            for selection in crate::results::selections_due(&working) {
                                push_event(&mut working, &mut new_events, self.state.seq, at, &selection);
                                n_events += 1;
                            }
                        }
                        produced.push(n_events);
                        accepted.push(pending);
                    }
                    Err(error) => {
                        let _ = pending.reply.send(Err(error.into()));
                    }
                }
            }
            if new_events.is_empty() {
                // Nothing to write (refusals, retries of what is already recorded): answer now.
                for pending in accepted {
                    let _ = pending.reply.send(Ok(Vec::new()));
                }
                return;
            }
            let n_new = new_events.len() as u64;
            let uuid = self.state.workshop.id.as_uuid();
            match self.store.append(uuid, self.state.seq, new_events).await {
                Ok(stored) => {
                    let (seq, head_hash) = match stored.last() {
                        Some(last) => (last.seq, last.hash.clone()),
                        None => (self.state.seq, self.state.head_hash.clone()),
                    };
                    // The new state goes to readers as it is: one copy of the workshop per batch
                    // (`working`), which grows with every note, not a second one to publish it.
                    self.state = Arc::new(LiveState { workshop: working, seq, head_hash, keyring });
                    self.state_tx.send_replace(self.state.clone());
                    let mut stored = stored.into_iter();
                    for (pending, n_events) in accepted.into_iter().zip(produced) {
                        let own: Vec<StoredEvent> = stored.by_ref().take(n_events).collect();
                        for event in &own {
                            let _ = self.live.send(Arc::new(event.clone()));
                        }
                        let _ = pending.reply.send(Ok(own));
                    }
                    self.events_since_snapshot += n_new;
                    if self.events_since_snapshot >= SNAPSHOT_EVERY {
                        self.save_snapshot().await;
                    }
                    return;
                }
                Err(converge_store::StoreError::Conflict { .. }) => {
                    if let Err(error) = self.catch_up().await {
                        for pending in accepted {
                            let _ = pending.reply.send(Err(EngineError::Busy));
                        }
                        tracing::error!(%error, "could not catch up after a conflict");
                        return;
                    }
                    batch = accepted;
                }
                Err(error) => {
                    // The state, its sequence number and head hash advance only with a stored
                    // append, so the next turn appends after the last stored event: nothing to
                    // undo, nothing to reload. A full disk is the store's to report, once.
                    if matches!(error, converge_store::StoreError::DiskFull) {
                        tracing::debug!(workshop.id = %self.state.workshop.id, "append refused: the disk is full");
                    } else {
                        tracing::error!(workshop.id = %self.state.workshop.id, %error, "append failed; nothing was acknowledged");
                    }
                    for pending in accepted {
                        let _ = pending.reply.send(Err(EngineError::Store(error.clone())));
                    }
                    return;
                }
            }
        }
        for pending in batch {
            let _ = pending.reply.send(Err(EngineError::Busy));
        }
    }

    async fn save_snapshot(&mut self) {
        let body = SnapshotBody { fold_version: FOLD_VERSION, workshop: self.state.workshop.clone() };
        let Ok(state) = serde_json::to_vec(&body) else { return };
        let snapshot = Snapshot { seq: self.state.seq, hash: self.state.head_hash.clone(), state };
        // Whatever the outcome, the next try waits for another `SNAPSHOT_EVERY` events: retrying
        // after every append would double the writes of a nearly full disk, and warn each time.
        self.events_since_snapshot = 0;
        match self.store.save_snapshot(self.state.workshop.id.as_uuid(), snapshot).await {
            Ok(()) => {}
            Err(converge_store::StoreError::DiskFull) => {
                tracing::debug!("no snapshot saved: the disk is full; the log still has everything");
            }
            Err(error) => tracing::warn!(%error, "could not save a snapshot; the log still has everything"),
        }
    }
}

/// Folds `event` into the batch's working state and queues it for the append at `base_seq`.
fn push_event(working: &mut Workshop, new_events: &mut Vec<NewEvent>, base_seq: u64, at: Timestamp, event: &Event) {
    // The append is at `base_seq`, so this is the event's place in the log.
    let seq = base_seq + new_events.len() as u64 + 1;
    working.apply(&TimedEvent { seq, at, event: event.clone() });
    new_events.push(to_new_event(event, at));
}
