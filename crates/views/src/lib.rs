//! The markup of Converge, rendered on the server with maud (escaped by default) and working
//! without JavaScript: functions from what a page shows to `Markup`, with no HTTP in them, so
//! they can be read, changed and snapshot-tested on their own. `converge-web` routes requests,
//! checks who may see what, and calls them.
//!
//! - `layout`: the frame every page shares (head, language switch, live wiring) and small pieces
//!   (the form token field, error lines, the error page);
//! - `activities`: what each kind of activity shows to a participant, to the facilitator and on
//!   the projection screen;
//! - `timer`, `follow_up_badges`: pieces several pages show;
//! - `pages`: the pages themselves, one module per area;
//! - `deck`: the built-in photo-language deck (illustrations and captions);
//! - `assets`: the stylesheets, scripts and icon, embedded, with their versioned addresses.

pub mod activities;
pub mod assets;
pub mod deck;
pub mod follow_up_badges;
pub mod layout;
pub mod pages;
pub mod seating;
pub mod timer;

pub use converge_i18n::Lang;
