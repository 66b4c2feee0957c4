//! The workshop domain of Converge, with no IO, no clock and no randomness.
//!
//! A workshop is an event-sourced aggregate. [`decide`] checks a [`Command`] against the
//! current [`Workshop`] and the acting [`Actor`]'s role, and returns the [`Event`]s that record
//! its effect; [`Workshop::apply`] folds an event into the state. The state of a workshop is
//! always the fold of its log. Identifiers and timestamps are arguments, never generated here,
//! so replaying a log anywhere gives the same state.
//!
//! # The rules, in more detail
//!
//! The domain: ids, the closed vocabularies (`Role`, `ActivityKind`, `ActivityStatus`,
//! `ContributionKind`, `Language`), validated text (`NoteText`, `Title`, `DisplayName`, ...),
//! `Event`, `Command`, `decide`/`decide_create`, and `Workshop` (the fold, `Workshop::apply`).
//! `DomainError` is the one error type; every variant has a stable `code()` used by the API and the
//! message catalogues.
//!
//! `pseudonym.rs`: how the record names whoever acts in confidence. A `Subject` is a participant
//! id (signed contributions; every event recorded before pseudonyms) or a `Pseudonym`: HMAC-SHA-256
//! under the participant's random key (their profile's salt, kept outside the log) of a `Scope`
//! (one contribution; the seats, ballots, scores, ratings, stances, drafts or edits of one
//! activity). `Keyring` holds the keys the engine passes to `decide`; the fold keys ballots, scores,
//! ratings, stances and brainwriting seats by subject, so one voice per person holds without
//! naming anyone. `Event::disclosure(workshop, audience)` is the one rule for what the facilitator
//! and the room may read of each event outside the record (decided by an exhaustive match on the
//! event type): the stream and the API apply it.
//!
//! **Invariants:** no IO, no async, no clock, no randomness: ids and times are arguments
//! (`tests/it/tidy.rs` fails the test run otherwise). `apply` never fails: events are facts that were
//! checked when decided. Personal data (names, services) never appears in an event; a participant
//! joins under a salted commitment to their profile, and acts in confidence under a pseudonym.
//!
//! Beside the fold: `voting` (vote set-ups, the ballot of each method and its checks, assessment
//! scores; a revote replaces the voter's ballot, pairwise answers add up), `config` (an activity's
//! settings in two forms: `ActivityConfig`, the flat options of every kind as commands and events
//! carry them, and `ActivitySettings`, what the state holds: day, minutes, anonymity, sources, and
//! `KindSettings`, one variant per kind with only that kind's categories, criteria and thresholds,
//! brainwriting rules, deck, vote set-up or jurisdictions, so an activity's kind is its settings'
//! variant and the two never disagree. Deciding parses strictly, refusing another kind's options
//! (`not_for_kind`); the fold reads leniently, ignoring those an older record holds. Anonymity is
//! switched on at any time but in a brainwriting under way, never off once the room has seen it),
//! `tables` (seating a room at tables that mix services as evenly as the counts allow) and
//! `brainwriting` (the 6-3-5 rotation: in round r seat s holds sheet (s − r) mod n, so nobody gets
//! a sheet twice in a cycle and no sheet is lost). A
//! brainwriting's seats are pseudonyms in the order of their pseudonyms, a secret of the server, and
//! the fold does not follow presence: a sheet in front of an empty chair is simply not written on,
//! as on paper, and nobody's absence tells which seat was theirs. The facilitator can remove a
//! participant (they can no longer act; their words stay) and lock joining. A duplicate (the same
//! person, joined twice) merges into the participant they are (`ParticipantMerged`: their signed
//! words and their place follow, and their device acts as that person) only if they never acted in
//! confidence (`Workshop::acted_in_confidence`): dropping one of two ballots next to a merge that
//! names the person would show how they voted, so one voice per person is kept up front instead
//! (joining again under the same name offers to resume with the personal code).
//!
//! **A closed workshop stays closed.** `decide` refuses every command but the follow-up
//! (`Command::is_follow_up`: status updates, commitments, the public page, the fates of
//! contributions, archiving, restoring, deleting, the projection screen's address, and closing again, a no-op) with `WorkshopClosed` once `CloseWorkshop` is recorded;
//! `tests/it/closing.rs` tries every kind of command by every kind of actor. `Workshop::closure_seq`
//! is the last event of the record of the days (the closing and the counts it froze in the same
//! append). Only participants and experts vote or assess (`Role::votes`; the facilitator runs the
//! vote, observers follow it) and `Workshop::n_voters` is the room a turnout counts. Closing an
//! activity stops its timer, and a closed activity takes none. A brainwriting idea names the sheet
//! it was written on (`PostContribution::sheet`): once the sheets have turned it is refused
//! (`SheetPassedOn`), never filed on the sheet its writer holds by then.
//!
//! `outcomes` holds what a workshop produces and what becomes of it. Action cards (`Action`) carry
//! their sources (the contributions they come from) and a revision number: an edit names the revision
//! it started from, and a stale one is refused with `EditConflict { current }`, so two people editing
//! one card never overwrite each other silently. Consensus (agree / can live with it / object with a
//! reason) is one stance per participant, given on a revision of the card: after an edit, earlier
//! stances no longer count and the card asks again, and a stance sent from a page showing an older
//! text is refused (`CardChanged`). Risks are contributions of a `risk_map`; ratings
//! (likelihood, impact 1–5) live on the activity and aggregate into `RiskSummary` (means, spreads,
//! heat-map cell); mitigations link a risk to actions. Provenance is derived, never stored: an
//! action's provenance is everything reachable from its sources through `builds_on` (a
//! contribution's links, the notes merged into it, and the earlier ideas on its brainwriting sheet)
//! and, from a merged note, the note it was merged into (so a note and its duplicates never tell
//! different stories; `tests/it/provenance.rs` checks this and the rest on random workshops);
//! a contribution's `Fate` follows merges to their root (a merged note shares its target's fate), then
//! is "became action" when that root feeds an action of the plan, otherwise the facilitator's
//! decision (retained / not retained with a reason) or pending. `CloseWorkshop` closes every activity
//! and starts the follow-up: status updates (applied all together or not at all, so a CSV import is
//! all-or-nothing), a public commitment (who answers, when the next update is due; `is_overdue`
//! compares with a day the caller passes in) and an unguessable token that publishes the follow-up
//! page. A status update is posted on a `today` the caller passes in (the core has no clock) and
//! carries its effective date, the day the progress happened (on or before today, not before the
//! workshop; recorded in the event, and read as the recording day in logs from before it); the
//! history shows both days when they differ. An update never leaves an action under way overdue:
//! `StatusUpdateCheck` refuses a next date before today (`NextUpdateInPast`) and an update that gives
//! none while the action's date has passed (`NextUpdateRequired`), checking a batch row after row so
//! a row may keep the date an earlier one gave. `FollowUp::proposed_next_update` is the date the
//! form offers: today plus the rhythm the action's last promise set (7 to 366 days), else 30 days.
//! A workshop is archived (`WorkshopArchived`, `WorkshopRestored`: the facilitator's filing, nothing
//! personal, disclosed whole) rather than deleted while its follow-up page is published:
//! `DeleteWorkshop` is refused for it (`FollowUpPagePublished`) until it is archived, so a public
//! page never goes down in one step.
//!
//! The projection screen may have an address that needs no sign-in (`IssueScreenLink`,
//! `RevokeScreenLink`, the facilitator's alone): the record counts its generations
//! (`ScreenLinkIssued { generation }`, `ScreenLinkRevoked`) and the state holds the one that works
//! (`Workshop::screen_link`) and the last one given, so a revoked address never works again. The
//! address's token is derived from the generation by the engine and never recorded.

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
pub mod progress;
mod projection;
mod pseudonym;
pub mod results;
pub mod selection;
mod state;
pub mod tables;
mod text;
pub mod undo;
pub mod voting;

pub use command::{Actor, Command};
pub use config::{
    ActivityConfig, ActivitySettings, BrainwritingConfig, Category, Criterion, Jurisdiction, KindSettings,
    config_limits, valid_key,
};
pub use decide::{StatusUpdateCheck, check_posting_time, check_status_update, decide, decide_create};
pub use error::DomainError;
pub use event::{ActivitySpec, Audience, Disclosure, Event, SheetRef, TimedEvent};
pub use ids::{AccountId, ActionId, ActivityId, ContributionId, ParticipantId, Timestamp, WorkshopId};
pub use model::{ActivityKind, ActivityStatus, ContributionKind, Language, Role};
pub use outcomes::{
    Action, ActionCard, ActionStatus, CalendarDate, Fate, FateDecision, GivenStance, Outcome, Stance, StatusUpdate,
};
pub use projection::{BoardPart, JoinPanel, Projection, Quadrant, Zoom};
pub use pseudonym::{Keyring, Pseudonym, Scope, Subject};
pub use selection::Take;
pub use state::{
    Activity, BUILTIN_DECK, Brainwriting, Contribution, DECK_CARDS_MAX, DeckCard, Participant, Step, Timer, Workshop,
};
pub use text::{CardTitle, DisplayName, NoteText, Prompt, ServiceName, Title, limits};
