//! A consistent copy of a live database, taken with SQLite's online backup while the server
//! keeps writing, and the checks a copy must pass before anyone relies on it.

use crate::StoreError;
use converge_store::chain::{GENESIS, event_hash};
use rusqlite::backup::{Backup, StepResult};
use rusqlite::{Connection, OpenFlags};
use std::path::Path;
use std::time::Duration;

/// What a backup holds, as counted in the copy itself.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BackupSummary {
    /// The workshops that have events, so the caller can check each one's hash chain.
    pub workshops: Vec<uuid::Uuid>,
    pub events: u64,
}

/// Copies the database at `source` to `destination` (which must not exist) in one step of the
/// online backup: the copy is the database as of one moment, whatever the server writes
/// meanwhile. Then checks the copy and counts what it holds.
pub fn backup_database(source: &Path, destination: &Path) -> Result<BackupSummary, StoreError> {
    if destination.exists() {
        return Err(StoreError::Unavailable(format!("{} already exists", destination.display())));
    }
    let from = Connection::open_with_flags(source, OpenFlags::SQLITE_OPEN_READ_ONLY)
        .map_err(|error| unavailable(source, &error))?;
    from.busy_timeout(Duration::from_secs(5)).map_err(|error| unavailable(source, &error))?;
    let mut to = Connection::open(destination).map_err(|error| unavailable(destination, &error))?;
    {
        let backup = Backup::new(&from, &mut to).map_err(|error| unavailable(destination, &error))?;
        // All pages in one step: a step-by-step copy restarts whenever the server writes
        // between two steps, and a busy server writes all the time.
        loop {
            match backup.step(-1).map_err(|error| unavailable(destination, &error))? {
                StepResult::Done => break,
                StepResult::More | StepResult::Busy | StepResult::Locked => {
                    std::thread::sleep(Duration::from_millis(20))
                }
                _ => std::thread::sleep(Duration::from_millis(20)),
            }
        }
    }
    // A backup is a single file: no write-ahead log beside it.
    to.pragma_update(None, "journal_mode", "DELETE").map_err(|error| unavailable(destination, &error))?;
    drop(to);
    check_database(destination)
}

/// Checks a database file on its own: SQLite's integrity check, a schema this version knows,
/// and every workshop's hash chain; counts what it holds.
pub fn check_database(path: &Path) -> Result<BackupSummary, StoreError> {
    let connection = Connection::open_with_flags(path, OpenFlags::SQLITE_OPEN_READ_ONLY)
        .map_err(|error| unavailable(path, &error))?;
    let integrity: String = connection
        .query_row("PRAGMA integrity_check", [], |row| row.get(0))
        .map_err(|error| unavailable(path, &error))?;
    if integrity != "ok" {
        return Err(StoreError::Unavailable(format!("{} is damaged: {integrity}", path.display())));
    }
    let version: i64 =
        connection.query_row("PRAGMA user_version", [], |row| row.get(0)).map_err(|error| unavailable(path, &error))?;
    if version <= 0 || version > i64::from(crate::SCHEMA_VERSION) {
        return Err(StoreError::Unavailable(format!(
            "{} is not a Converge database this version can read (schema {version})",
            path.display()
        )));
    }
    // Every workshop's hash chain, recomputed from its events in order.
    let mut statement = connection
        .prepare("select workshop_id, seq, kind, payload, recorded_at, hash from event order by workshop_id, seq")
        .map_err(|error| unavailable(path, &error))?;
    let mut rows = statement.query([]).map_err(|error| unavailable(path, &error))?;
    let mut summary = BackupSummary { workshops: Vec::new(), events: 0 };
    let mut previous = (uuid::Uuid::nil(), 0u64, GENESIS.to_owned());
    while let Some(row) = rows.next().map_err(|error| unavailable(path, &error))? {
        let read = |error: rusqlite::Error| unavailable(path, &error);
        let workshop: String = row.get(0).map_err(read)?;
        let workshop = uuid::Uuid::parse_str(&workshop).map_err(|error| {
            StoreError::Unavailable(format!("{}: a workshop id is damaged: {error}", path.display()))
        })?;
        let seq = row.get::<_, i64>(1).map_err(read)? as u64;
        let (kind, payload): (String, String) = (row.get(2).map_err(read)?, row.get(3).map_err(read)?);
        let (recorded_at, hash): (i64, String) = (row.get(4).map_err(read)?, row.get(5).map_err(read)?);
        if workshop != previous.0 {
            summary.workshops.push(workshop);
            previous = (workshop, 0, GENESIS.to_owned());
        }
        let expected = event_hash(workshop, seq, recorded_at, &kind, &previous.2, &payload);
        if seq != previous.1 + 1 || hash != expected {
            return Err(StoreError::Unavailable(format!(
                "{}: the record of workshop {workshop} is broken at event {seq}",
                path.display()
            )));
        }
        previous = (workshop, seq, hash);
        summary.events += 1;
    }
    Ok(summary)
}

fn unavailable(path: &Path, error: &rusqlite::Error) -> StoreError {
    StoreError::Unavailable(format!("{}: {error}", path.display()))
}
