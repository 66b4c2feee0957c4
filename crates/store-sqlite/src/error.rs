//! How SQLite's errors become [`StoreError`]s.
//!
//! The callers above the store act on the kind of failure (retry later, tell the user the disk is
//! full, raise an alarm on damage), never on SQLite's codes, so the mapping lives here only.

use converge_store::StoreError;
use rusqlite::ErrorCode;

/// A failure while writing. SQLite's Unix layer answers `SQLITE_FULL` when a write to the database
/// or its write-ahead log meets `ENOSPC` (or writes short), and `SQLITE_IOERR_SHMSIZE` when the
/// shared-memory index beside the log cannot grow, which on a full disk is the same condition.
/// Any other I/O error is not reported as a full disk: a failing device or a vanished mount must
/// not send the operator looking for space to free.
pub(crate) fn write_error(error: &rusqlite::Error) -> StoreError {
    if is_disk_full(error) { StoreError::DiskFull } else { common_error(error) }
}

fn is_disk_full(error: &rusqlite::Error) -> bool {
    match error {
        rusqlite::Error::SqliteFailure(failure, _) => {
            failure.code == ErrorCode::DiskFull || failure.extended_code == rusqlite::ffi::SQLITE_IOERR_SHMSIZE
        }
        _ => false,
    }
}

/// A failure while reading.
pub(crate) fn read_error(error: &rusqlite::Error) -> StoreError {
    common_error(error)
}

fn common_error(error: &rusqlite::Error) -> StoreError {
    match error {
        rusqlite::Error::FromSqlConversionFailure(..)
        | rusqlite::Error::IntegralValueOutOfRange(..)
        | rusqlite::Error::InvalidColumnType(..) => StoreError::Corrupt(error.to_string()),
        _ => match error.sqlite_error_code() {
            Some(ErrorCode::DatabaseCorrupt | ErrorCode::NotADatabase) => StoreError::Corrupt(error.to_string()),
            _ => StoreError::Unavailable(error.to_string()),
        },
    }
}

/// True when `error` is a UNIQUE or PRIMARY KEY violation.
pub(crate) fn is_unique_violation(error: &rusqlite::Error) -> bool {
    matches!(
        error,
        rusqlite::Error::SqliteFailure(failure, _)
            if failure.extended_code == rusqlite::ffi::SQLITE_CONSTRAINT_UNIQUE
                || failure.extended_code == rusqlite::ffi::SQLITE_CONSTRAINT_PRIMARYKEY
    )
}

/// A stored uuid, or the damage it shows.
pub(crate) fn parse_uuid(text: &str) -> Result<uuid::Uuid, StoreError> {
    uuid::Uuid::parse_str(text).map_err(|_| StoreError::Corrupt(format!("{text:?} is not a uuid")))
}
