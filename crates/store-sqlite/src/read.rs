//! Reads: a small pool of read-only connections, used from `spawn_blocking`.
//!
//! In WAL mode readers never wait for the writer (each statement sees the last committed state),
//! so reads bypass the writer thread entirely. SQLite calls block, hence `spawn_blocking`: an
//! async worker thread must never wait on the disk.

use crate::error::{parse_uuid, read_error};
use crate::schema::open_reader;
use converge_store::{
    Account, ParticipantProfile, Session, Snapshot, StoreError, StoredEvent, TotpState, WorkshopEntry,
};
use rusqlite::{Connection, OptionalExtension, Row, params};
use std::path::PathBuf;
use std::sync::{Arc, Mutex};
use uuid::Uuid;

/// How many idle read connections are kept. More readers than this at once each open a fresh
/// connection (cheap next to a disk read) that is closed after use, so the pool never waits.
const MAX_IDLE_READERS: usize = 4;

pub(crate) struct ReadPool {
    path: PathBuf,
    idle: Mutex<Vec<Connection>>,
}

impl ReadPool {
    /// A pool with one connection opened now, so a path that cannot be read fails at start-up.
    pub(crate) fn new(path: PathBuf) -> Result<ReadPool, StoreError> {
        let first = open_reader(&path)?;
        Ok(ReadPool { path, idle: Mutex::new(vec![first]) })
    }

    /// Runs `read` on a read connection, off the async threads.
    pub(crate) async fn run<T, F>(self: &Arc<Self>, read: F) -> Result<T, StoreError>
    where
        T: Send + 'static,
        F: FnOnce(&Connection) -> Result<T, StoreError> + Send + 'static,
    {
        let pool = Arc::clone(self);
        tokio::task::spawn_blocking(move || pool.run_blocking(read))
            .await
            .map_err(|error| StoreError::Unavailable(format!("a database read was aborted: {error}")))?
    }

    fn run_blocking<T>(&self, read: impl FnOnce(&Connection) -> Result<T, StoreError>) -> Result<T, StoreError> {
        let pooled = self.lock().pop();
        let connection = match pooled {
            Some(connection) => connection,
            None => open_reader(&self.path)?,
        };
        let result = read(&connection);
        let mut idle = self.lock();
        if idle.len() < MAX_IDLE_READERS {
            idle.push(connection);
        }
        result
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, Vec<Connection>> {
        // A panic while the lock was held cannot leave the Vec half-updated (push and pop are
        // atomic from its point of view), so a poisoned pool is still a good pool.
        self.idle.lock().unwrap_or_else(std::sync::PoisonError::into_inner)
    }
}

/// A non-negative integer column (sequence numbers, counts): SQLite integers are i64, and a
/// negative value can only mean damage, reported as such by [`read_error`].
pub(crate) fn get_u64(row: &Row<'_>, idx: usize) -> rusqlite::Result<u64> {
    let value: i64 = row.get(idx)?;
    u64::try_from(value).map_err(|_| rusqlite::Error::IntegralValueOutOfRange(idx, value))
}

/// A sequence number as SQLite stores it.
pub(crate) fn seq_to_sql(seq: u64) -> Result<i64, StoreError> {
    i64::try_from(seq).map_err(|_| StoreError::Unavailable(format!("sequence number {seq} is out of range")))
}

// The queries. Each takes the connection, so the same function serves the writer (inside its
// transaction) and the read pool.

/// The seq and hash of `workshop`'s last event; `(0, GENESIS)` for an empty log.
pub(crate) fn head_seq_and_hash(connection: &Connection, workshop: Uuid) -> Result<(u64, String), StoreError> {
    let mut statement = connection
        .prepare_cached("select seq, hash from event where workshop_id = ?1 order by seq desc limit 1")
        .map_err(|error| read_error(&error))?;
    let head = statement
        .query_row(params![workshop.to_string()], |row| Ok((get_u64(row, 0)?, row.get::<_, String>(1)?)))
        .optional()
        .map_err(|error| read_error(&error))?;
    Ok(head.unwrap_or_else(|| (0, converge_store::chain::GENESIS.to_owned())))
}

const EVENT_COLUMNS: &str = "seq, kind, payload, recorded_at, hash";

fn event_from_row(workshop: Uuid, row: &Row<'_>) -> rusqlite::Result<StoredEvent> {
    Ok(StoredEvent {
        workshop,
        seq: get_u64(row, 0)?,
        kind: row.get(1)?,
        payload: row.get(2)?,
        recorded_at: row.get(3)?,
        hash: row.get(4)?,
    })
}

pub(crate) fn events_after(
    connection: &Connection,
    workshop: Uuid,
    after_seq: u64,
    limit: usize,
) -> Result<Vec<StoredEvent>, StoreError> {
    // SQLite integers are i64: clamp rather than fail on out-of-range arguments, which only
    // mean "from the start" / "everything".
    let after_seq = i64::try_from(after_seq).unwrap_or(i64::MAX);
    let limit = i64::try_from(limit).unwrap_or(i64::MAX);
    let mut statement = connection
        .prepare_cached(&format!(
            "select {EVENT_COLUMNS} from event where workshop_id = ?1 and seq > ?2 order by seq limit ?3"
        ))
        .map_err(|error| read_error(&error))?;
    let rows = statement
        .query_map(params![workshop.to_string(), after_seq, limit], |row| event_from_row(workshop, row))
        .map_err(|error| read_error(&error))?;
    rows.collect::<Result<Vec<_>, _>>().map_err(|error| read_error(&error))
}

pub(crate) fn last_event(connection: &Connection, workshop: Uuid) -> Result<Option<StoredEvent>, StoreError> {
    let mut statement = connection
        .prepare_cached(&format!("select {EVENT_COLUMNS} from event where workshop_id = ?1 order by seq desc limit 1"))
        .map_err(|error| read_error(&error))?;
    statement
        .query_row(params![workshop.to_string()], |row| event_from_row(workshop, row))
        .optional()
        .map_err(|error| read_error(&error))
}

pub(crate) fn snapshot(connection: &Connection, workshop: Uuid) -> Result<Option<Snapshot>, StoreError> {
    connection
        .query_row(
            "select seq, hash, state from snapshot where workshop_id = ?1",
            params![workshop.to_string()],
            |row| Ok(Snapshot { seq: get_u64(row, 0)?, hash: row.get(1)?, state: row.get(2)? }),
        )
        .optional()
        .map_err(|error| read_error(&error))
}

const WORKSHOP_COLUMNS: &str = "workshop_id, join_code, owner_id, title, created_at, archived, deleted";

/// The raw columns of a `workshop` row; uuids are parsed after the row is read, so damage
/// surfaces as [`StoreError::Corrupt`] with the offending text.
type WorkshopRow = (String, String, String, String, i64, bool, bool);

fn workshop_row(row: &Row<'_>) -> rusqlite::Result<WorkshopRow> {
    Ok((row.get(0)?, row.get(1)?, row.get(2)?, row.get(3)?, row.get(4)?, row.get(5)?, row.get(6)?))
}

fn workshop_entry_from(
    (id, join_code, owner, title, created_at, archived, deleted): WorkshopRow,
) -> Result<WorkshopEntry, StoreError> {
    Ok(WorkshopEntry {
        id: parse_uuid(&id)?,
        join_code,
        owner: parse_uuid(&owner)?,
        title,
        created_at,
        archived,
        deleted,
    })
}

fn workshop_entries(
    connection: &Connection,
    sql: &str,
    params: impl rusqlite::Params,
) -> Result<Vec<WorkshopEntry>, StoreError> {
    let mut statement = connection.prepare_cached(sql).map_err(|error| read_error(&error))?;
    let rows = statement
        .query_map(params, workshop_row)
        .map_err(|error| read_error(&error))?
        .collect::<Result<Vec<_>, _>>()
        .map_err(|error| read_error(&error))?;
    rows.into_iter().map(workshop_entry_from).collect()
}

pub(crate) fn workshop_by_id(connection: &Connection, id: Uuid) -> Result<Option<WorkshopEntry>, StoreError> {
    let sql = format!("select {WORKSHOP_COLUMNS} from workshop where workshop_id = ?1");
    Ok(workshop_entries(connection, &sql, params![id.to_string()])?.pop())
}

/// The live workshop with this join code; the column's nocase collation makes the match
/// case-insensitive, and the condition on `deleted` lets SQLite use the partial unique index.
/// An archived workshop keeps its code but opens to nobody.
pub(crate) fn workshop_by_join_code(
    connection: &Connection,
    join_code: &str,
) -> Result<Option<WorkshopEntry>, StoreError> {
    let sql = format!("select {WORKSHOP_COLUMNS} from workshop where join_code = ?1 and deleted = 0 and archived = 0");
    Ok(workshop_entries(connection, &sql, params![join_code])?.pop())
}

/// The workshop whose follow-up page has this token hash, through the partial unique index.
pub(crate) fn workshop_by_follow_up_token(
    connection: &Connection,
    token_hash: &str,
) -> Result<Option<Uuid>, StoreError> {
    let id: Option<String> = connection
        .query_row(
            "select workshop_id from workshop where follow_up_token_hash = ?1 and deleted = 0",
            params![token_hash],
            |row| row.get(0),
        )
        .optional()
        .map_err(|error| read_error(&error))?;
    id.as_deref().map(parse_uuid).transpose()
}

/// The workshops whose follow-up page was never indexed, through the partial index.
pub(crate) fn workshops_without_follow_up_index(connection: &Connection) -> Result<Vec<Uuid>, StoreError> {
    let mut statement = connection
        .prepare_cached("select workshop_id from workshop where follow_up_indexed = 0 and deleted = 0")
        .map_err(|error| read_error(&error))?;
    let ids = statement
        .query_map([], |row| row.get::<_, String>(0))
        .map_err(|error| read_error(&error))?
        .collect::<Result<Vec<_>, _>>()
        .map_err(|error| read_error(&error))?;
    ids.iter().map(|id| parse_uuid(id)).collect()
}

pub(crate) fn workshops_of(connection: &Connection, owner: Uuid) -> Result<Vec<WorkshopEntry>, StoreError> {
    // The id breaks ties so that the order is stable between calls.
    let sql = format!(
        "select {WORKSHOP_COLUMNS} from workshop where owner_id = ?1 and deleted = 0 \
         order by created_at desc, workshop_id desc"
    );
    workshop_entries(connection, &sql, params![owner.to_string()])
}

fn account_where(connection: &Connection, condition: &str, value: &str) -> Result<Option<Account>, StoreError> {
    let row = connection
        .query_row(
            &format!(
                "select account_id, email, display_name, password_hash, created_at from account where {condition}"
            ),
            params![value],
            |row| {
                Ok((
                    row.get::<_, String>(0)?,
                    row.get::<_, String>(1)?,
                    row.get::<_, String>(2)?,
                    row.get::<_, String>(3)?,
                    row.get::<_, i64>(4)?,
                ))
            },
        )
        .optional()
        .map_err(|error| read_error(&error))?;
    row.map(|(id, email, display_name, password_hash, created_at)| {
        Ok(Account { id: parse_uuid(&id)?, email, display_name, password_hash, created_at })
    })
    .transpose()
}

/// The account with this email, whatever its case (the column collates nocase).
pub(crate) fn account_by_email(connection: &Connection, email: &str) -> Result<Option<Account>, StoreError> {
    account_where(connection, "email = ?1", email)
}

pub(crate) fn account(connection: &Connection, id: Uuid) -> Result<Option<Account>, StoreError> {
    account_where(connection, "account_id = ?1", &id.to_string())
}

pub(crate) fn accounts(connection: &Connection) -> Result<Vec<Account>, StoreError> {
    let mut statement = connection
        .prepare(
            "select account_id, email, display_name, password_hash, created_at from account order by created_at, email",
        )
        .map_err(|error| read_error(&error))?;
    let rows = statement
        .query_map([], |row| {
            Ok((row.get::<_, String>(0)?, row.get(1)?, row.get(2)?, row.get(3)?, row.get::<_, i64>(4)?))
        })
        .map_err(|error| read_error(&error))?;
    rows.map(|row| {
        let (id, email, display_name, password_hash, created_at) = row.map_err(|error| read_error(&error))?;
        Ok(Account { id: parse_uuid(&id)?, email, display_name, password_hash, created_at })
    })
    .collect()
}

pub(crate) fn count_accounts(connection: &Connection) -> Result<u64, StoreError> {
    connection.query_row("select count(*) from account", [], |row| get_u64(row, 0)).map_err(|error| read_error(&error))
}

const SESSION_COLUMNS: &str = "token_hash, account_id, created_at, expires_at, last_used_at, user_agent";

fn session_row(row: &Row<'_>) -> rusqlite::Result<(String, String, i64, i64, i64, String)> {
    Ok((row.get(0)?, row.get(1)?, row.get(2)?, row.get(3)?, row.get(4)?, row.get(5)?))
}

fn session_from(
    (token_hash, account, created_at, expires_at, last_used_at, user_agent): (String, String, i64, i64, i64, String),
) -> Result<Session, StoreError> {
    Ok(Session { token_hash, account: parse_uuid(&account)?, created_at, expires_at, last_used_at, user_agent })
}

/// The session, unless it has expired: it is valid while `now < expires_at`.
pub(crate) fn session(connection: &Connection, token_hash: &str, now: i64) -> Result<Option<Session>, StoreError> {
    connection
        .prepare_cached(&format!("select {SESSION_COLUMNS} from session where token_hash = ?1 and expires_at > ?2"))
        .and_then(|mut statement| statement.query_row(params![token_hash, now], session_row).optional())
        .map_err(|error| read_error(&error))?
        .map(session_from)
        .transpose()
}

/// The account's live sessions, most recently used first.
pub(crate) fn sessions_of(connection: &Connection, account: Uuid, now: i64) -> Result<Vec<Session>, StoreError> {
    let mut statement = connection
        .prepare_cached(&format!(
            "select {SESSION_COLUMNS} from session where account_id = ?1 and expires_at > ?2 \
             order by last_used_at desc, created_at desc, token_hash"
        ))
        .map_err(|error| read_error(&error))?;
    let rows =
        statement.query_map(params![account.to_string(), now], session_row).map_err(|error| read_error(&error))?;
    rows.map(|row| session_from(row.map_err(|error| read_error(&error))?)).collect()
}

pub(crate) fn totp(connection: &Connection, account: Uuid) -> Result<Option<TotpState>, StoreError> {
    let row: Option<(Option<String>, Option<i64>)> = connection
        .query_row(
            "select totp_secret, totp_last_step from account where account_id = ?1",
            params![account.to_string()],
            |row| Ok((row.get(0)?, row.get(1)?)),
        )
        .optional()
        .map_err(|error| read_error(&error))?;
    Ok(row.and_then(|(secret, last_step)| secret.map(|secret| TotpState { secret, last_step })))
}

pub(crate) fn count_recovery_codes(connection: &Connection, account: Uuid) -> Result<u64, StoreError> {
    connection
        .query_row("select count(*) from recovery_code where account_id = ?1", params![account.to_string()], |row| {
            get_u64(row, 0)
        })
        .map_err(|error| read_error(&error))
}

pub(crate) fn api_token_account(connection: &Connection, token_hash: &str) -> Result<Option<Uuid>, StoreError> {
    let account: Option<String> = connection
        .query_row("select account_id from api_token where token_hash = ?1", params![token_hash], |row| row.get(0))
        .optional()
        .map_err(|error| read_error(&error))?;
    account.as_deref().map(parse_uuid).transpose()
}

/// True when the setup token exists, is unused, and `now < expires_at`.
pub(crate) fn setup_token_valid(connection: &Connection, token_hash: &str, now: i64) -> Result<bool, StoreError> {
    connection
        .query_row(
            "select exists (select 1 from setup_token where token_hash = ?1 and used_at is null and expires_at > ?2)",
            params![token_hash, now],
            |row| row.get(0),
        )
        .map_err(|error| read_error(&error))
}

pub(crate) fn profiles(connection: &Connection, workshop: Uuid) -> Result<Vec<ParticipantProfile>, StoreError> {
    let mut statement = connection
        .prepare_cached(
            "select participant_id, name, service, salt from participant_profile where workshop_id = ?1 \
             order by participant_id",
        )
        .map_err(|error| read_error(&error))?;
    let rows = statement
        .query_map(params![workshop.to_string()], |row| {
            Ok((row.get::<_, String>(0)?, row.get::<_, String>(1)?, row.get::<_, String>(2)?, row.get::<_, String>(3)?))
        })
        .map_err(|error| read_error(&error))?
        .collect::<Result<Vec<_>, _>>()
        .map_err(|error| read_error(&error))?;
    rows.into_iter()
        .map(|(participant, name, service, salt)| {
            Ok(ParticipantProfile { workshop, participant: parse_uuid(&participant)?, name, service, salt })
        })
        .collect()
}

/// The content type and bytes of a card's image.
pub(crate) fn card_image(
    connection: &Connection,
    workshop: Uuid,
    card_id: &str,
) -> Result<Option<(String, Vec<u8>)>, StoreError> {
    connection
        .query_row(
            "select content_type, bytes from card_image where workshop_id = ?1 and card_id = ?2",
            params![workshop.to_string(), card_id],
            |row| Ok((row.get::<_, String>(0)?, row.get::<_, Vec<u8>>(1)?)),
        )
        .optional()
        .map_err(|error| read_error(&error))
}

/// A trivial query that still goes through the file's locks and WAL index.
pub(crate) fn ping(connection: &Connection) -> Result<(), StoreError> {
    connection.query_row("select count(*) from workshop where 0", [], |_| Ok(())).map_err(|error| read_error(&error))
}
