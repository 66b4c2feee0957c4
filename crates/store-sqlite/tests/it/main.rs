//! The SQLite backend's integration tests, in one test binary: the store conformance suite
//! (`converge-store-conformance`) run against SQLite, what that suite cannot see (durability
//! settings, restarts, the schema), and upgrades from the previous schema.

#![allow(clippy::unwrap_used, clippy::expect_used, reason = "a test stops loudly where an invariant breaks")]

mod conformance;
mod sqlite;
mod upgrade;
