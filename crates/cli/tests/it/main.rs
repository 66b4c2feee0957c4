//! The integration tests of the `converge` binary and of the application behind it, in one test
//! binary: one link instead of one per file (linking is most of an incremental test build).
//!
//! Each module is one subject. The tests about the binary itself (its commands, exit codes,
//! signals, kill and restart cycles, logs, open-file limits) run the real `converge` binary
//! with `Server::start`; the others may run the server in-process with `spawn_app`. Both start
//! it the same way; see `converge-test-support`.

#![allow(clippy::unwrap_used, clippy::expect_used, reason = "a test stops loudly where an invariant breaks")]

mod abuse;
mod access;
mod anonymity;
mod backup;
mod bad_input;
mod board_export;
mod concurrent_votes;
mod console_api;
mod converging;
mod converging_room;
mod crash_cycles;
mod day_one;
mod demo;
mod disk_full;
mod diverging;
mod durability;
mod follow_up;
mod form_fuzz;
mod headers;
mod integrity;
mod live_workshop;
mod load_smoke;
mod moderation;
mod next_step;
mod outcomes_room;
mod privacy;
mod projection;
mod report;
mod report_pdf;
mod robustness;
mod screen_link;
mod sessions;
mod shortlist;
mod slow_follower;
mod tally;
mod templates_folder;
mod upload;
