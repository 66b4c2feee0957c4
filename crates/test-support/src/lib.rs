//! What the integration tests of the workspace share, so that each test says only what it is
//! about. A dev-dependency only (`publish = false`); nothing here ships in the binary.
//!
//! * [`engine`]: an [`Engine`](converge_engine::Engine) on a throwaway SQLite store, and a
//!   workshop with people in it, for the tests that call the engine directly.
//! * With the `server` feature:
//!   * [`server`]: the application on `127.0.0.1:0` over a throwaway data folder, either
//!     in-process ([`spawn_app`], the default for tests about behaviour) or as the real
//!     `converge` binary ([`Server::start`], for the tests about the binary itself: its
//!     commands, exit codes, signals, kill/restart cycles, logs). Both start the server with
//!     the same library function, `converge_cli::serve::prepare`;
//!   * [`browser`]: a browser as the server sees one (cookies, forms with their `_csrf` token,
//!     multipart uploads), and the answers it reads;
//!   * [`sse`]: the live event stream as a client reads it;
//!   * [`room`]: a workshop room spoken in the domain's words: a facilitator signed in, people
//!     who joined, activities added, opened and closed.

#![allow(clippy::unwrap_used, clippy::expect_used, reason = "test-only crate: a failed set-up stops the test loudly")]

pub mod engine;

#[cfg(feature = "server")]
pub mod browser;
#[cfg(feature = "server")]
pub mod room;
#[cfg(feature = "server")]
pub mod server;
#[cfg(feature = "server")]
pub mod sse;

#[cfg(feature = "server")]
pub use browser::*;
#[cfg(feature = "server")]
pub use room::*;
#[cfg(feature = "server")]
pub use server::*;
#[cfg(feature = "server")]
pub use sse::*;
