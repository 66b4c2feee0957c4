//! How SQLite's errors become [`StoreError`]s.
//!
//! The callers above the store act on the kind of failure (retry later, tell the user the disk is
//! full, raise an alarm on damage), never on SQLite's codes, so the mapping lives here only.

use converge_store::StoreError;
use rusqlite::ErrorCode;

/// A failure while writing. An I/O error during a write is reported as a full disk: in the field
/// both mean "the write did not reach the disk, and retrying once space or the device is back will
/// work", and SQLite reports some out-of-space conditions (a failed WAL growth) as `SQLITE_IOERR`.
pub(crate) fn write_error(error: &rusqlite::Error) -> StoreError {
    match error.sqlite_error_code() {
        Some(ErrorCode::DiskFull | ErrorCode::SystemIoFailure) => StoreError::DiskFull,
        _ => common_error(error),
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
