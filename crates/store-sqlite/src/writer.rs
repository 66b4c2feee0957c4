//! The writer thread: every write of the store, with group commit.
//!
//! One OS thread owns the only read-write connection, and every write reaches it over a channel.
//! Within the process, writers therefore never compete for SQLite's lock (no `SQLITE_BUSY`, no
//! retry loops), and the order of the channel is the order of the log.
//!
//! Group commit: with `synchronous=FULL` each `COMMIT` costs one fsync of the WAL, milliseconds on
//! most disks. So the thread waits for one request, then takes everything else already queued
//! (up to [`MAX_BATCH`]) and runs the lot in one `BEGIN IMMEDIATE ... COMMIT`: one fsync
//! acknowledges the whole batch. The busier the store, the bigger the batches, so durability
//! does not cost throughput. Each request runs inside its own `SAVEPOINT`, so a request that
//! fails (a sequence conflict, a taken email) is undone alone and gets its own error, while the
//! others of the batch commit.
//!
//! A reply is sent only after `COMMIT` returned: an `Ok` means durable. Growth of the logs is
//! announced after the replies, so a listener that reads the log on hearing of it finds the
//! events there.
//!
//! A full disk: the statement or the `COMMIT` that needs a new page (in the log or its
//! shared-memory index) fails with `SQLITE_FULL`, and the transaction is rolled back (by SQLite
//! or here): the batch is refused whole with [`StoreError::DiskFull`], nothing of it stays
//! pending, and the connection serves the next batch as usual. A checkpoint that cannot grow the
//! database fails on its own and leaves the log as it is, to be copied later. Writes pass again
//! as soon as space returns, without reopening anything: the frames a failed commit left half
//! written lie past the log's last commit, where no reader looks, and the next commit writes over
//! them.

use crate::error::{is_unique_violation, write_error};
use crate::read::{head_seq_and_hash, seq_to_sql};
use crate::schema::user_version;
use converge_store::{
    LogGrew, NewAccount, NewEvent, ParticipantProfile, Session, Snapshot, StoreError, StoredEvent, WorkshopEntry, chain,
};
use rusqlite::{Connection, params};
use std::time::{Duration, Instant};
use tokio::sync::{broadcast, mpsc, oneshot};
use uuid::Uuid;

/// The most requests committed together. It bounds how long the first request of a batch waits
/// behind the others, and the memory a batch holds.
pub(crate) const MAX_BATCH: usize = 512;

pub(crate) type Reply<T> = oneshot::Sender<Result<T, StoreError>>;

/// The settings of the writer connection as SQLite reports them, for diagnostics and tests.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WriterSettings {
    /// `wal`.
    pub journal_mode: String,
    /// 2 is `FULL`: the WAL is fsynced at every commit.
    pub synchronous: i64,
    pub foreign_keys: bool,
    pub busy_timeout_ms: i64,
    /// The `user_version` of the file: the number of migrations applied.
    pub schema_version: u32,
}

/// One unit of work for the writer; each is atomic on its own.
pub(crate) enum Request {
    /// Appends events; with `entry`, first records a new workshop (`create_workshop`).
    Append {
        workshop: Uuid,
        expected_seq: u64,
        events: Vec<NewEvent>,
        entry: Option<WorkshopEntry>,
        reply: Reply<Vec<StoredEvent>>,
    },
    /// A directory write; answers whether it changed something (only meaningful for some).
    Write {
        write: Write,
        reply: Reply<bool>,
    },
    Settings {
        reply: Reply<WriterSettings>,
    },
    /// Copies the write-ahead log into the database and empties the log file, so that bytes
    /// deleted with `secure_delete` linger in no file (after erasing personal data). Runs
    /// outside any transaction; answers whether the log could be emptied.
    Checkpoint {
        reply: Reply<bool>,
    },
}

pub(crate) enum Write {
    SaveSnapshot { workshop: Uuid, snapshot: Snapshot },
    MarkWorkshopDeleted { workshop: Uuid },
    SetWorkshopArchived { workshop: Uuid, archived: bool },
    SetFollowUpToken { workshop: Uuid, token_hash: Option<String> },
    SetJoinCode { workshop: Uuid, join_code: String },
    CreateAccount { account: NewAccount },
    CreateSession { session: Session },
    DeleteSession { token_hash: String },
    TouchSession { token_hash: String, now: i64 },
    DeleteSessionsOf { account: Uuid, keep: Option<String> },
    SetPasswordHash { account: Uuid, password_hash: String },
    SetTotp { account: Uuid, secret: Option<String> },
    UseTotpStep { account: Uuid, step: i64 },
    AddRecoveryCodes { account: Uuid, code_hashes: Vec<String> },
    UseRecoveryCode { account: Uuid, code_hash: String },
    CreateApiToken { token_hash: String, account: Uuid, created_at: i64 },
    CreateSetupToken { token_hash: String, expires_at: i64 },
    ConsumeSetupToken { token_hash: String, now: i64 },
    PutProfile { profile: ParticipantProfile },
    EraseProfile { workshop: Uuid, participant: Uuid },
    PutCardImage { workshop: Uuid, card_id: String, sha256: String, bytes: Vec<u8>, content_type: String },
}

/// How long writes must go unrefused before a full disk counts as over. Near the end of the space
/// some small writes still fit (in pages of the log that a checkpoint freed), so writes pass and
/// fail in turn; the operator needs to hear of it once, not at every turn.
const DISK_FULL_SETTLES_AFTER: Duration = Duration::from_secs(10);

/// Tells the operator once that the disk is full, and once that writes pass again, however many
/// requests are refused in between.
#[derive(Default)]
pub(crate) struct DiskWatch {
    /// When a write was last refused for lack of space, while the operator has been told.
    refused_at: Option<Instant>,
}

impl DiskWatch {
    /// Logs a failed batch: one warning when the disk fills, an error for any other failure.
    fn failed(&mut self, error: &StoreError, what: &str) {
        if !matches!(error, StoreError::DiskFull) {
            tracing::error!(%error, "{what}");
            return;
        }
        if self.refused_at.replace(Instant::now()).is_none() {
            tracing::warn!(
                "the disk is full: writes are refused until space is freed on it (what was acknowledged is \
                 safe, and nothing refused is recorded)"
            );
        }
    }

    fn committed(&mut self) {
        if self.refused_at.is_some_and(|at| at.elapsed() >= DISK_FULL_SETTLES_AFTER) {
            self.refused_at = None;
            tracing::info!("writes pass again: none was refused for lack of space in the last ten seconds");
        }
    }

    /// Whether writes were refused for lack of space lately.
    #[cfg(test)]
    fn is_full(&self) -> bool {
        self.refused_at.is_some()
    }
}

/// Runs the writer until every sender is dropped; requests already queued are still served.
pub(crate) fn run(connection: Connection, mut requests: mpsc::Receiver<Request>, grew: broadcast::Sender<LogGrew>) {
    // Each request's savepoint keeps what it would undo in a sub-journal, which SQLite spills to a
    // file in the system's temporary folder past 64 KiB (a batch of hundreds of requests). Kept in
    // memory, a write depends on the space of one disk only, the data folder's.
    if let Err(error) = connection.pragma_update(None, "temp_store", "MEMORY") {
        tracing::warn!(%error, "cannot keep SQLite's temporary files in memory");
    }
    let mut disk = DiskWatch::default();
    let mut batch = Vec::with_capacity(MAX_BATCH);
    while let Some(first) = requests.blocking_recv() {
        batch.push(first);
        while batch.len() < MAX_BATCH {
            match requests.try_recv() {
                Ok(request) => batch.push(request),
                Err(_) => break,
            }
        }
        let (checkpoints, writes): (Vec<Request>, Vec<Request>) =
            std::mem::take(&mut batch).into_iter().partition(|request| matches!(request, Request::Checkpoint { .. }));
        if !writes.is_empty() {
            commit_batch(&connection, writes, &grew, &mut disk);
        }
        for request in checkpoints {
            if let Request::Checkpoint { reply } = request {
                let _ = reply.send(checkpoint(&connection));
            }
        }
    }
    tracing::debug!("the SQLite writer stops: the store was dropped");
}

fn commit_batch(connection: &Connection, batch: Vec<Request>, grew: &broadcast::Sender<LogGrew>, disk: &mut DiskWatch) {
    tracing::trace!(n_requests = batch.len(), "committing a batch of {} requests", batch.len());
    let changes_before = connection.total_changes();
    if let Err(error) = connection.execute_batch("begin immediate") {
        let error = write_error(&error);
        disk.failed(&error, "cannot start a write transaction");
        batch.into_iter().for_each(|request| request.fail(error.clone()));
        return;
    }
    let mut done = Vec::with_capacity(batch.len());
    let mut pending = batch.into_iter();
    for request in pending.by_ref() {
        let (finished, savepoint_failure) = run_in_savepoint(connection, request);
        if let Some(error @ StoreError::DiskFull) = finished.error() {
            // Even when undone alone (the rest of the batch may still fit), the operator hears of it.
            disk.failed(error, "a write was refused");
        }
        // SQLite may roll back the whole transaction on its own after some errors (a full disk,
        // an I/O error). The statements of later requests would then run outside any transaction,
        // and the batch would no longer be all or nothing: stop here and fail the batch. The same
        // when a failed request could not be undone: committing would keep part of it.
        let lost = savepoint_failure.or_else(|| {
            connection.is_autocommit().then(|| {
                finished.error().cloned().unwrap_or_else(|| {
                    StoreError::Unavailable("the write transaction was rolled back by SQLite".to_owned())
                })
            })
        });
        done.push(finished);
        if let Some(error) = lost {
            disk.failed(&error, "a write batch was rolled back");
            if !connection.is_autocommit() {
                let _ = connection.execute_batch("rollback");
            }
            done.into_iter().for_each(|finished| finished.send(Some(&error)));
            pending.for_each(|request| request.fail(error.clone()));
            return;
        }
    }
    if let Err(error) = connection.execute_batch("commit") {
        let error = write_error(&error);
        disk.failed(&error, "a write batch failed to commit");
        if !connection.is_autocommit() {
            // A failed COMMIT can leave the transaction open (e.g. on SQLITE_BUSY); nothing of it
            // may stay pending into the next batch.
            if let Err(rollback_error) = connection.execute_batch("rollback") {
                tracing::error!(error = %rollback_error, "cannot roll back a failed write batch");
            }
        }
        done.into_iter().for_each(|finished| finished.send(Some(&error)));
        return;
    }
    // Durable now. Reply first (acknowledgement latency is what writers wait on), then announce.
    if connection.total_changes() > changes_before {
        // Only a batch that wrote proves there is space again (a health check writes nothing).
        disk.committed();
    }
    let mut announcements: Vec<LogGrew> = Vec::new();
    for finished in done {
        if let Some(growth) = finished.growth() {
            // One announcement per workshop and batch, with its final seq: a listener reads
            // everything after what it has, so intermediate announcements add nothing.
            match announcements.iter_mut().find(|known| known.workshop == growth.workshop) {
                Some(known) => known.seq = known.seq.max(growth.seq),
                None => announcements.push(growth),
            }
        }
        finished.send(None);
    }
    for growth in announcements {
        // An error only means nobody is listening right now.
        let _ = grew.send(growth);
    }
}

/// Runs one request in its own savepoint. The second value is an error that must fail the
/// whole batch: the request failed and its changes could not be undone.
fn run_in_savepoint(connection: &Connection, request: Request) -> (Finished, Option<StoreError>) {
    if let Err(error) = connection.execute_batch("savepoint request") {
        return (request.finish_with(Err(write_error(&error))), None);
    }
    let mut finished = request.execute(connection);
    if finished.error().is_some() {
        let undone = connection.execute_batch("rollback to request; release request");
        return (finished, undone.err().map(|error| write_error(&error)));
    }
    if let Err(error) = connection.execute_batch("release request") {
        // The request's changes are in an unknown state: undo them and report the failure.
        let undone = connection.execute_batch("rollback to request; release request");
        finished.set_error(write_error(&error));
        return (finished, undone.err().map(|error| write_error(&error)));
    }
    (finished, None)
}

impl Request {
    fn execute(self, connection: &Connection) -> Finished {
        match self {
            Request::Append { workshop, expected_seq, events, entry, reply } => {
                let result = entry
                    .as_ref()
                    .map_or(Ok(()), |entry| insert_workshop(connection, entry))
                    .and_then(|()| append_events(connection, workshop, expected_seq, events));
                Finished::Events(reply, result)
            }
            Request::Write { write, reply } => Finished::Flag(reply, write.execute(connection)),
            Request::Settings { reply } => Finished::Settings(reply, writer_settings(connection)),
            // `run` keeps checkpoints out of batches; one that got here would fail inside the
            // transaction and say so.
            Request::Checkpoint { reply } => Finished::Flag(reply, checkpoint(connection)),
        }
    }

    fn finish_with(self, error: Result<std::convert::Infallible, StoreError>) -> Finished {
        let Err(error) = error;
        match self {
            Request::Append { reply, .. } => Finished::Events(reply, Err(error)),
            Request::Write { reply, .. } => Finished::Flag(reply, Err(error)),
            Request::Settings { reply } => Finished::Settings(reply, Err(error)),
            Request::Checkpoint { reply } => Finished::Flag(reply, Err(error)),
        }
    }

    fn fail(self, error: StoreError) {
        self.finish_with(Err(error)).send(None);
    }
}

/// A request that ran, with its result, waiting for the batch to commit.
enum Finished {
    Events(Reply<Vec<StoredEvent>>, Result<Vec<StoredEvent>, StoreError>),
    Flag(Reply<bool>, Result<bool, StoreError>),
    Settings(Reply<WriterSettings>, Result<WriterSettings, StoreError>),
}

impl Finished {
    fn error(&self) -> Option<&StoreError> {
        match self {
            Finished::Events(_, result) => result.as_ref().err(),
            Finished::Flag(_, result) => result.as_ref().err(),
            Finished::Settings(_, result) => result.as_ref().err(),
        }
    }

    fn set_error(&mut self, error: StoreError) {
        match self {
            Finished::Events(_, result) => *result = Err(error),
            Finished::Flag(_, result) => *result = Err(error),
            Finished::Settings(_, result) => *result = Err(error),
        }
    }

    fn growth(&self) -> Option<LogGrew> {
        match self {
            Finished::Events(_, Ok(events)) => {
                events.last().map(|last| LogGrew { workshop: last.workshop, seq: last.seq })
            }
            _ => None,
        }
    }

    /// Replies. A request that succeeded inside a batch that then failed gets the batch's error
    /// instead; one that failed on its own keeps its own error (it was not written either way).
    fn send(self, batch_error: Option<&StoreError>) {
        // A send error means the caller stopped waiting (its future was dropped). The write is
        // not undone: once queued, a request runs; the caller just does not learn the outcome.
        match self {
            Finished::Events(reply, result) => {
                let _ = reply.send(result.and_then(|value| batch_error.map_or(Ok(value), |error| Err(error.clone()))));
            }
            Finished::Flag(reply, result) => {
                let _ = reply.send(result.and_then(|value| batch_error.map_or(Ok(value), |error| Err(error.clone()))));
            }
            Finished::Settings(reply, result) => {
                let _ = reply.send(result.and_then(|value| batch_error.map_or(Ok(value), |error| Err(error.clone()))));
            }
        }
    }
}

/// Records a new workshop in the index. The checks come first (rather than decoding which
/// constraint failed) so each case gets its own error.
fn insert_workshop(connection: &Connection, entry: &WorkshopEntry) -> Result<(), StoreError> {
    let id = entry.id.to_string();
    let exists = |sql: &str, value: &str| -> Result<bool, StoreError> {
        connection.query_row(sql, params![value], |row| row.get(0)).map_err(|error| write_error(&error))
    };
    if exists("select exists (select 1 from workshop where workshop_id = ?1)", &id)?
        || exists("select exists (select 1 from event where workshop_id = ?1)", &id)?
    {
        return Err(StoreError::Duplicate("workshop"));
    }
    if exists("select exists (select 1 from workshop where join_code = ?1 and deleted = 0)", &entry.join_code)? {
        return Err(StoreError::JoinCodeTaken);
    }
    connection
        .execute(
            "insert into workshop (workshop_id, join_code, owner_id, title, created_at, archived, deleted) \
             values (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
            params![
                id,
                entry.join_code,
                entry.owner.to_string(),
                entry.title,
                entry.created_at,
                entry.archived,
                entry.deleted
            ],
        )
        .map_err(
            |error| if is_unique_violation(&error) { StoreError::Duplicate("workshop") } else { write_error(&error) },
        )?;
    Ok(())
}

/// Appends after `expected_seq`, chaining each hash to the one before.
///
/// The head is read from the table inside the write transaction rather than cached: it is one
/// probe of the primary key's b-tree (microseconds, next to the commit's fsync), and it stays
/// right whatever else writes the file (a restart, another process, an import).
fn append_events(
    connection: &Connection,
    workshop: Uuid,
    expected_seq: u64,
    events: Vec<NewEvent>,
) -> Result<Vec<StoredEvent>, StoreError> {
    let (actual, mut prev_hash) = head_seq_and_hash(connection, workshop)?;
    if actual != expected_seq {
        return Err(StoreError::Conflict { workshop, expected: expected_seq, actual });
    }
    let workshop_id = workshop.to_string();
    let mut insert = connection
        .prepare_cached(
            "insert into event (workshop_id, seq, kind, payload, recorded_at, hash) values (?1, ?2, ?3, ?4, ?5, ?6)",
        )
        .map_err(|error| write_error(&error))?;
    let mut stored = Vec::with_capacity(events.len());
    for (seq, event) in (expected_seq + 1..).zip(events) {
        let hash = chain::event_hash(workshop, seq, event.recorded_at, &event.kind, &prev_hash, &event.payload);
        insert
            .execute(params![workshop_id, seq_to_sql(seq)?, event.kind, event.payload, event.recorded_at, hash])
            .map_err(|error| {
                if is_unique_violation(&error) {
                    // Unreachable while the head is read in this transaction; kept as a guard.
                    StoreError::Conflict { workshop, expected: expected_seq, actual: seq }
                } else {
                    write_error(&error)
                }
            })?;
        prev_hash.clone_from(&hash);
        stored.push(StoredEvent {
            workshop,
            seq,
            kind: event.kind,
            payload: event.payload,
            recorded_at: event.recorded_at,
            hash,
        });
    }
    Ok(stored)
}

/// What a write that sets a join code can clash on: its own error, which callers match on to
/// draw another code.
const JOIN_CODE: &str = "join code";

impl Write {
    fn execute(self, connection: &Connection) -> Result<bool, StoreError> {
        let (sql, params, taken): (&str, Vec<Box<dyn rusqlite::ToSql>>, &'static str) = match self {
            Write::SaveSnapshot { workshop, snapshot } => (
                // The latest saved wins: a snapshot is only a shortcut, any valid one will do.
                "insert into snapshot (workshop_id, seq, hash, state) values (?1, ?2, ?3, ?4) \
                 on conflict (workshop_id) \
                 do update set seq = excluded.seq, hash = excluded.hash, state = excluded.state",
                vec![
                    Box::new(workshop.to_string()),
                    Box::new(seq_to_sql(snapshot.seq)?),
                    Box::new(snapshot.hash),
                    Box::new(snapshot.state),
                ],
                "snapshot",
            ),
            Write::MarkWorkshopDeleted { workshop } => (
                "update workshop set deleted = 1 where workshop_id = ?1",
                vec![Box::new(workshop.to_string())],
                "workshop",
            ),
            Write::SetWorkshopArchived { workshop, archived } => (
                "update workshop set archived = ?2 where workshop_id = ?1",
                vec![Box::new(workshop.to_string()), Box::new(archived)],
                "workshop",
            ),
            Write::SetFollowUpToken { workshop, token_hash } => (
                "update workshop set follow_up_token_hash = ?2, follow_up_indexed = 1 where workshop_id = ?1",
                vec![Box::new(workshop.to_string()), Box::new(token_hash)],
                "follow-up token",
            ),
            Write::SetJoinCode { workshop, join_code } => (
                "update workshop set join_code = ?2 where workshop_id = ?1",
                vec![Box::new(workshop.to_string()), Box::new(join_code)],
                JOIN_CODE,
            ),
            Write::CreateAccount { account } => (
                "insert into account (account_id, email, display_name, password_hash, created_at) \
                 values (?1, ?2, ?3, ?4, ?5)",
                vec![
                    Box::new(account.id.to_string()),
                    Box::new(account.email),
                    Box::new(account.display_name),
                    Box::new(account.password_hash),
                    Box::new(account.created_at),
                ],
                "email",
            ),
            Write::CreateSession { session } => (
                "insert into session (token_hash, account_id, created_at, expires_at, last_used_at, user_agent) \
                 values (?1, ?2, ?3, ?4, ?5, ?6)",
                vec![
                    Box::new(session.token_hash),
                    Box::new(session.account.to_string()),
                    Box::new(session.created_at),
                    Box::new(session.expires_at),
                    Box::new(session.last_used_at),
                    Box::new(session.user_agent),
                ],
                "session",
            ),
            Write::DeleteSession { token_hash } => {
                ("delete from session where token_hash = ?1", vec![Box::new(token_hash)], "session")
            }
            Write::TouchSession { token_hash, now } => (
                "update session set last_used_at = max(last_used_at, ?2) where token_hash = ?1",
                vec![Box::new(token_hash), Box::new(now)],
                "session",
            ),
            Write::DeleteSessionsOf { account, keep } => (
                "delete from session where account_id = ?1 and token_hash is not ?2",
                vec![Box::new(account.to_string()), Box::new(keep)],
                "session",
            ),
            // The schema's trigger ends the account's sessions in the same statement.
            Write::SetPasswordHash { account, password_hash } => (
                "update account set password_hash = ?2 where account_id = ?1",
                vec![Box::new(account.to_string()), Box::new(password_hash)],
                "account",
            ),
            Write::SetTotp { account, secret } => (
                "update account set totp_secret = ?2 where account_id = ?1",
                vec![Box::new(account.to_string()), Box::new(secret)],
                "account",
            ),
            // Check and record in one statement, so two sign-ins with the same code at once
            // cannot both pass.
            Write::UseTotpStep { account, step } => (
                "update account set totp_last_step = ?2 \
                 where account_id = ?1 and totp_secret is not null and (totp_last_step is null or totp_last_step < ?2)",
                vec![Box::new(account.to_string()), Box::new(step)],
                "account",
            ),
            Write::AddRecoveryCodes { account, code_hashes } => (
                "insert into recovery_code (account_id, code_hash) select ?1, value from json_each(?2)",
                vec![Box::new(account.to_string()), Box::new(json_string_array(&code_hashes))],
                "recovery code",
            ),
            Write::UseRecoveryCode { account, code_hash } => (
                "delete from recovery_code where account_id = ?1 and code_hash = ?2",
                vec![Box::new(account.to_string()), Box::new(code_hash)],
                "recovery code",
            ),
            Write::CreateApiToken { token_hash, account, created_at } => (
                "insert into api_token (token_hash, account_id, created_at) values (?1, ?2, ?3)",
                vec![Box::new(token_hash), Box::new(account.to_string()), Box::new(created_at)],
                "api token",
            ),
            Write::CreateSetupToken { token_hash, expires_at } => (
                "insert into setup_token (token_hash, expires_at) values (?1, ?2)",
                vec![Box::new(token_hash), Box::new(expires_at)],
                "setup token",
            ),
            Write::ConsumeSetupToken { token_hash, now } => (
                // One statement checks and uses the token, so two simultaneous uses cannot both
                // see it valid.
                "update setup_token set used_at = ?2 where token_hash = ?1 and used_at is null and expires_at > ?2",
                vec![Box::new(token_hash), Box::new(now)],
                "setup token",
            ),
            Write::PutProfile { profile } => (
                "insert into participant_profile (workshop_id, participant_id, name, service, salt) \
                 values (?1, ?2, ?3, ?4, ?5) on conflict (workshop_id, participant_id) \
                 do update set name = excluded.name, service = excluded.service, salt = excluded.salt",
                vec![
                    Box::new(profile.workshop.to_string()),
                    Box::new(profile.participant.to_string()),
                    Box::new(profile.name),
                    Box::new(profile.service),
                    Box::new(profile.salt),
                ],
                "profile",
            ),
            Write::EraseProfile { workshop, participant } => (
                // Deleted, not blanked: with secure_delete on, the bytes are overwritten too.
                "delete from participant_profile where workshop_id = ?1 and participant_id = ?2",
                vec![Box::new(workshop.to_string()), Box::new(participant.to_string())],
                "profile",
            ),
            Write::PutCardImage { workshop, card_id, sha256, bytes, content_type } => (
                "insert into card_image (workshop_id, card_id, sha256, content_type, bytes) \
                 values (?1, ?2, ?3, ?4, ?5) on conflict (workshop_id, card_id) \
                 do update set sha256 = excluded.sha256, content_type = excluded.content_type, bytes = excluded.bytes",
                vec![
                    Box::new(workshop.to_string()),
                    Box::new(card_id),
                    Box::new(sha256),
                    Box::new(content_type),
                    Box::new(bytes),
                ],
                "card image",
            ),
        };
        let mut statement = connection.prepare_cached(sql).map_err(|error| write_error(&error))?;
        let n_changed = statement.execute(rusqlite::params_from_iter(params)).map_err(|error| match () {
            // An account can clash on its id as well as on its email.
            () if is_unique_violation(&error) && error.to_string().contains("account.account_id") => {
                StoreError::Duplicate("account")
            }
            () if is_unique_violation(&error) && taken == JOIN_CODE => StoreError::JoinCodeTaken,
            () if is_unique_violation(&error) => StoreError::Duplicate(taken),
            () => write_error(&error),
        })?;
        Ok(n_changed > 0)
    }
}

/// A JSON array of strings, for statements that take a list as one parameter (`json_each`).
/// The strings are hex hashes, so escaping quotes and backslashes is all they could need.
fn json_string_array(items: &[String]) -> String {
    let quoted: Vec<String> =
        items.iter().map(|item| format!("\"{}\"", item.replace('\\', "\\\\").replace('"', "\\\""))).collect();
    format!("[{}]", quoted.join(","))
}

fn checkpoint(connection: &Connection) -> Result<bool, StoreError> {
    let busy: i64 = connection
        .query_row("pragma wal_checkpoint(truncate)", [], |row| row.get(0))
        .map_err(|error| write_error(&error))?;
    if busy != 0 {
        tracing::warn!("the write-ahead log could not be emptied now: readers still use it");
    }
    Ok(busy == 0)
}

fn writer_settings(connection: &Connection) -> Result<WriterSettings, StoreError> {
    let pragma_text = |name: &str| -> Result<String, StoreError> {
        connection.pragma_query_value(None, name, |row| row.get(0)).map_err(|error| write_error(&error))
    };
    let pragma_integer = |name: &str| -> Result<i64, StoreError> {
        connection.pragma_query_value(None, name, |row| row.get(0)).map_err(|error| write_error(&error))
    };
    Ok(WriterSettings {
        journal_mode: pragma_text("journal_mode")?,
        synchronous: pragma_integer("synchronous")?,
        foreign_keys: pragma_integer("foreign_keys")? == 1,
        busy_timeout_ms: pragma_integer("busy_timeout")?,
        schema_version: user_version(connection)?,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn event(n: i64) -> NewEvent {
        NewEvent { kind: "vote_cast".to_owned(), payload: format!("{{\"n\":{n}}}"), recorded_at: n }
    }

    fn append(
        workshop: Uuid,
        expected_seq: u64,
        n_events: i64,
    ) -> (Request, oneshot::Receiver<Result<Vec<StoredEvent>, StoreError>>) {
        let (reply, answer) = oneshot::channel();
        let events = (0..n_events).map(event).collect();
        (Request::Append { workshop, expected_seq, events, entry: None, reply }, answer)
    }

    #[test]
    fn a_failing_request_is_undone_alone_and_the_rest_of_its_batch_commits() {
        let dir = tempfile::tempdir().unwrap();
        let mut connection = crate::schema::open_writer(&dir.path().join("converge.db")).unwrap();
        crate::schema::migrate(&mut connection).unwrap();
        let (grew, mut announcements) = broadcast::channel(16);
        let (a, b) = (Uuid::new_v4(), Uuid::new_v4());

        let (first, first_answer) = append(a, 0, 2);
        let (stale, stale_answer) = append(a, 0, 1); // sees the first request's events: a conflict
        let (third, third_answer) = append(a, 2, 1); // follows the first within the same batch
        let (other, other_answer) = append(b, 0, 3);
        commit_batch(&connection, vec![first, stale, third, other], &grew, &mut DiskWatch::default());

        assert_eq!(first_answer.blocking_recv().unwrap().unwrap().len(), 2);
        assert!(matches!(
            stale_answer.blocking_recv().unwrap(),
            Err(StoreError::Conflict { expected: 0, actual: 2, .. })
        ));
        assert_eq!(third_answer.blocking_recv().unwrap().unwrap()[0].seq, 3);
        assert_eq!(other_answer.blocking_recv().unwrap().unwrap().len(), 3);
        assert_eq!(crate::read::events_after(&connection, a, 0, 100).unwrap().len(), 3);
        assert!(connection.is_autocommit(), "the batch transaction is closed");

        // One announcement per workshop and batch, with the final seq.
        assert_eq!(announcements.try_recv().unwrap(), LogGrew { workshop: a, seq: 3 });
        assert_eq!(announcements.try_recv().unwrap(), LogGrew { workshop: b, seq: 3 });
        assert!(announcements.try_recv().is_err());
    }

    /// `max_page_count` makes SQLite refuse new pages with `SQLITE_FULL`, as a full file system does.
    #[test]
    fn a_batch_refused_for_a_full_disk_leaves_nothing_behind_and_the_same_connection_writes_once_space_returns() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("converge.db");
        let mut connection = crate::schema::open_writer(&path).unwrap();
        crate::schema::migrate(&mut connection).unwrap();
        let (grew, _announcements) = broadcast::channel(16);
        let mut disk = DiskWatch::default();
        let page_count: i64 = connection.pragma_query_value(None, "page_count", |row| row.get(0)).unwrap();
        connection.pragma_update(None, "max_page_count", page_count + 8).unwrap();
        let workshop = Uuid::new_v4();

        let mut head = 0;
        let refusal = loop {
            let (request, answer) = append(workshop, head, 40);
            commit_batch(&connection, vec![request], &grew, &mut disk);
            match answer.blocking_recv().unwrap() {
                Ok(stored) => head = stored.last().unwrap().seq,
                Err(error) => break error,
            }
            assert!(head < 10_000, "the page limit never hit");
        };
        assert_eq!(refusal, StoreError::DiskFull);
        assert!(disk.is_full(), "the full disk is noted, to be logged once");
        assert!(connection.is_autocommit(), "no transaction stays open after the refusal");
        assert_eq!(crate::read::events_after(&connection, workshop, 0, usize::MAX).unwrap().len() as u64, head);

        // Refused again while full, with the same head: nothing advanced.
        let (request, answer) = append(workshop, head, 40);
        commit_batch(&connection, vec![request], &grew, &mut disk);
        assert_eq!(answer.blocking_recv().unwrap().unwrap_err(), StoreError::DiskFull);

        connection.pragma_update(None, "max_page_count", page_count + 10_000).unwrap();
        let (request, answer) = append(workshop, head, 40);
        commit_batch(&connection, vec![request], &grew, &mut disk);
        let stored = answer.blocking_recv().unwrap().expect("the same connection writes once space returns");
        assert_eq!(stored[0].seq, head + 1, "the log continues right after the last stored event");
        let checked = crate::check_database(&path).expect("integrity and the hash chain");
        assert_eq!(checked.events, head + 40, "every stored event once, none of the refused ones");
    }
}
