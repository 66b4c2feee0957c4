//! The HTML pages: one function per page, rendered on the server with maud (escaped by
//! default), working without JavaScript; `assets/app.js` makes the `data-live` regions live.

pub mod activities;
pub mod ballots;
pub mod console;
pub mod decks;
pub mod facilitator;
pub mod layout;
pub mod outcome_forms;
pub mod participant;
pub mod public;
pub mod timer;
