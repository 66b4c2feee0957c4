//! Connection settings and versioned schema migrations.
//!
//! Durability rests on two settings of the writer connection:
//! * `journal_mode=WAL`: a commit appends its pages to the write-ahead log instead of rewriting
//!   the database in place, so readers keep reading a consistent snapshot while the writer works,
//!   and a commit costs one sequential write;
//! * `synchronous=FULL`: SQLite fsyncs the WAL at every commit, so once `COMMIT` returns the
//!   transaction survives a crash of the process *and* of the machine (with `NORMAL`, WAL mode
//!   only syncs at checkpoints and a power cut can lose the last commits).
//!
//! Migrations are SQL scripts applied in order, each in its own transaction together with the
//! bump of `pragma user_version`, so the file is always at one well-defined schema version.

use crate::error::{read_error, write_error};
use converge_store::StoreError;
use rusqlite::{Connection, OpenFlags, TransactionBehavior};
use std::path::Path;
use std::time::Duration;

/// The migrations, in order; the file's `user_version` is the number already applied.
/// Never edit an applied script: add the next one.
const MIGRATIONS: &[&str] = &[
    include_str!("../migrations/0001_initial.sql"),
    include_str!("../migrations/0002_card_image.sql"),
    include_str!("../migrations/0003_session_details_and_second_factor.sql"),
    include_str!("../migrations/0004_archive_and_follow_up_index.sql"),
];

/// The schema version this build writes.
pub const SCHEMA_VERSION: u32 = MIGRATIONS.len() as u32;

/// How long a connection waits for a lock held by another connection before giving up. Within one
/// process the writer thread never competes with itself; this covers other processes (a CLI
/// `export` or `verify` next to a running server) and checkpoints.
const BUSY_TIMEOUT: Duration = Duration::from_millis(5000);

/// Opens the connection that does every write, creating the file if missing.
pub(crate) fn open_writer(path: &Path) -> Result<Connection, StoreError> {
    let connection = Connection::open(path).map_err(|error| open_error(path, &error))?;
    connection.busy_timeout(BUSY_TIMEOUT).map_err(|error| write_error(&error))?;
    let journal_mode: String = connection
        .pragma_update_and_check(None, "journal_mode", "WAL", |row| row.get(0))
        .map_err(|error| write_error(&error))?;
    if !journal_mode.eq_ignore_ascii_case("wal") {
        // Without WAL, readers and the writer block each other; better to refuse than to run slow
        // and surprise the operator (this happens on file systems without shared memory support).
        return Err(StoreError::Unavailable(format!(
            "{} cannot use write-ahead logging (journal mode stayed {journal_mode})",
            path.display()
        )));
    }
    for (pragma, value) in [
        ("synchronous", "FULL"),
        ("foreign_keys", "ON"),
        // Deleted rows (an erased participant profile) are overwritten with zeros instead of
        // lingering in free pages, so "erase" means erased from the file too.
        ("secure_delete", "ON"),
    ] {
        connection.pragma_update(None, pragma, value).map_err(|error| write_error(&error))?;
    }
    Ok(connection)
}

/// Opens a connection for reads. It is read-only so that no code path can write around the
/// writer thread and its group commit.
pub(crate) fn open_reader(path: &Path) -> Result<Connection, StoreError> {
    let flags = OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX | OpenFlags::SQLITE_OPEN_URI;
    let connection = Connection::open_with_flags(path, flags).map_err(|error| open_error(path, &error))?;
    connection.busy_timeout(BUSY_TIMEOUT).map_err(|error| read_error(&error))?;
    Ok(connection)
}

fn open_error(path: &Path, error: &rusqlite::Error) -> StoreError {
    StoreError::Unavailable(format!("cannot open {}: {error}", path.display()))
}

/// Brings the schema up to [`SCHEMA_VERSION`]; returns how many migrations were applied.
///
/// Each step re-reads the version inside its `BEGIN IMMEDIATE` transaction, so two processes
/// opening the same new file at once apply every migration exactly once.
pub(crate) fn migrate(connection: &mut Connection) -> Result<usize, StoreError> {
    let mut n_applied = 0;
    loop {
        let transaction = connection
            .transaction_with_behavior(TransactionBehavior::Immediate)
            .map_err(|error| write_error(&error))?;
        let version = user_version(&transaction)?;
        let Some(script) = MIGRATIONS.get(version as usize) else {
            if version > SCHEMA_VERSION {
                return Err(StoreError::Unavailable(format!(
                    "the database is at schema version {version}, written by a newer Converge; \
                     this build knows versions up to {SCHEMA_VERSION}"
                )));
            }
            // Dropping the transaction rolls back the empty transaction.
            return Ok(n_applied);
        };
        transaction.execute_batch(script).map_err(|error| write_error(&error))?;
        transaction.pragma_update(None, "user_version", version + 1).map_err(|error| write_error(&error))?;
        transaction.commit().map_err(|error| write_error(&error))?;
        tracing::info!(schema.version = version + 1, "migrated the SQLite schema to version {}", version + 1);
        n_applied += 1;
    }
}

/// The schema version recorded in the file.
pub(crate) fn user_version(connection: &Connection) -> Result<u32, StoreError> {
    connection.pragma_query_value(None, "user_version", |row| row.get(0)).map_err(|error| read_error(&error))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn count_schema_objects(connection: &Connection) -> i64 {
        connection.query_row("select count(*) from sqlite_schema", [], |row| row.get(0)).unwrap()
    }

    #[test]
    fn migrating_twice_is_a_no_op() {
        let dir = tempfile::tempdir().unwrap();
        let mut connection = open_writer(&dir.path().join("converge.db")).unwrap();
        assert_eq!(migrate(&mut connection).unwrap(), MIGRATIONS.len());
        let n_objects = count_schema_objects(&connection);
        assert_eq!(migrate(&mut connection).unwrap(), 0);
        assert_eq!(user_version(&connection).unwrap(), SCHEMA_VERSION);
        assert_eq!(count_schema_objects(&connection), n_objects);
    }

    #[test]
    fn a_file_from_a_newer_build_is_refused() {
        let dir = tempfile::tempdir().unwrap();
        let mut connection = open_writer(&dir.path().join("converge.db")).unwrap();
        connection.pragma_update(None, "user_version", SCHEMA_VERSION + 1).unwrap();
        assert!(matches!(migrate(&mut connection), Err(StoreError::Unavailable(_))));
    }

    #[test]
    fn the_writer_connection_is_durable() {
        let dir = tempfile::tempdir().unwrap();
        let connection = open_writer(&dir.path().join("converge.db")).unwrap();
        let read = |pragma: &str| -> String {
            connection
                .pragma_query_value(None, pragma, |row| row.get::<_, rusqlite::types::Value>(0))
                .map(|value| match value {
                    rusqlite::types::Value::Integer(n) => n.to_string(),
                    rusqlite::types::Value::Text(text) => text,
                    other => format!("{other:?}"),
                })
                .unwrap()
        };
        assert_eq!(read("journal_mode"), "wal");
        assert_eq!(read("synchronous"), "2"); // FULL
        assert_eq!(read("foreign_keys"), "1");
        assert_eq!(read("busy_timeout"), "5000");
    }
}
