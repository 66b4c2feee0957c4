//! The HTML pages: one function per page, rendered on the server with maud (escaped by
//! default), working without JavaScript; `assets/app.js` makes the `data-live` regions live.

pub mod account;
pub mod ballots;
pub mod board_export;
pub mod console;
mod context;
pub mod decks;
pub mod facilitator;
pub mod fates;
pub mod follow_up;
pub mod mine;
pub mod moderation;
pub mod outcome_forms;
pub mod participant;
pub mod projection;
pub mod public;
pub mod public_follow_up;
pub mod report;
pub mod report_pdf;
pub mod screen_link;

pub use converge_views::{activities, layout, timer};
