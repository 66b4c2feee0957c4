//! The workshop domain of Converge, with no IO, no clock and no randomness.
//!
//! A workshop is an event-sourced aggregate. [`decide`] checks a [`Command`] against the
//! current [`Workshop`] and the acting [`Actor`]'s role, and returns the [`Event`]s that record
//! its effect; [`Workshop::apply`] folds an event into the state. The state of a workshop is
//! always the fold of its log. Identifiers and timestamps are arguments, never generated here,
//! so replaying a log anywhere gives the same state.

mod access;
pub mod brainwriting;
mod command;
mod config;
mod decide;
mod error;
mod event;
mod fold;
pub mod followup_import;
mod ids;
mod model;
pub mod outcomes;
mod pseudonym;
pub mod results;
mod state;
pub mod tables;
mod text;
pub mod voting;

pub use command::{Actor, Command};
pub use config::{ActivityConfig, BrainwritingConfig, Category, Criterion, Jurisdiction, config_limits, valid_key};
pub use decide::{StatusUpdateCheck, check_status_update, decide, decide_create};
pub use error::DomainError;
pub use event::{ActivitySpec, Audience, Disclosure, Event, SheetRef, TimedEvent};
pub use ids::{AccountId, ActionId, ActivityId, ContributionId, ParticipantId, Timestamp, WorkshopId};
pub use model::{ActivityKind, ActivityStatus, ContributionKind, Language, Role};
pub use outcomes::{
    Action, ActionCard, ActionStatus, CalendarDate, Fate, FateDecision, GivenStance, Outcome, Stance, StatusUpdate,
};
pub use pseudonym::{Keyring, Pseudonym, Scope, Subject};
pub use state::{
    Activity, BUILTIN_DECK, Brainwriting, Contribution, DECK_CARDS_MAX, DeckCard, Participant, Timer, Workshop,
};
pub use text::{CardTitle, DisplayName, NoteText, Prompt, ServiceName, Title, limits};
