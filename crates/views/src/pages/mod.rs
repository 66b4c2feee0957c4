//! The pages, one module per area, each a pure function from what the page shows (the workshop
//! as core folds it, and the few values the request supplies, passed in as plain data) to
//! `Markup`. The handlers in `converge-web` load, check and call them.

pub mod account;
pub mod console;
pub mod facilitator;
pub mod fates;
pub mod follow_up;
pub mod mine;
pub mod public;
pub mod public_follow_up;
pub mod selection;
