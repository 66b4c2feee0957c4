//! The SQLite backend's integration tests, in one test binary: the store conformance suite
//! (`converge-store-conformance`) run against SQLite, what that suite cannot see (durability
//! settings, restarts, the schema), and upgrades from the previous schema.

mod conformance;
mod sqlite;
mod upgrade;
