//! The engine's integration tests, in one test binary: the engine on a real SQLite store
//! (batching, snapshots, closing, sessions, follow-up pages) and the shipped templates. Each
//! starts from `converge_test_support::engine`.

#![allow(clippy::unwrap_used, clippy::expect_used, reason = "a test stops loudly where an invariant breaks")]

mod closing;
mod engine;
mod follow_up_pages;
mod screen_links;
mod sessions;
mod templates;
