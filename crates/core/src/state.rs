//! The state of one workshop: the fold of its events. It serialises so the engine can keep
//! snapshots; a snapshot is only ever a shortcut to the same fold.

use crate::brainwriting::Rotation;
use crate::outcomes::{Action, FateDecision};
use crate::voting::{Ballot, CriterionScores};
use crate::{
    AccountId, ActionId, ActivityId, ActivityKind, ActivitySettings, ActivityStatus, ContributionId, ContributionKind,
    Keyring, Language, ParticipantId, Role, Scope, SheetRef, Subject, Timestamp, WorkshopId,
};
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, BTreeSet};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Workshop {
    pub id: WorkshopId,
    pub title: String,
    pub language: Language,
    pub created_by: AccountId,
    pub created_at: Timestamp,
    /// The agenda, in order.
    pub activities: Vec<Activity>,
    pub participants: BTreeMap<ParticipantId, Participant>,
    /// Those the facilitator removed from the room; their words stay on the record.
    #[serde(default)]
    pub removed: BTreeMap<ParticipantId, Participant>,
    /// Duplicates merged into the participant they are: a duplicate's device acts as them.
    #[serde(default)]
    pub merged: BTreeMap<ParticipantId, ParticipantId>,
    /// True while the facilitator has locked joining.
    #[serde(default)]
    pub joining_locked: bool,
    /// In the order they were posted.
    pub contributions: Vec<Contribution>,
    /// The activity every screen is sent to, if the facilitator set one.
    pub focus: Option<ActivityId>,
    /// What the projection shows beyond the focus: a spotlight, the join panel, names.
    #[serde(default)]
    pub projection: crate::Projection,
    /// The tables of the room, each in seat order; a table's number is its index.
    pub tables: Vec<Vec<ParticipantId>>,
    /// The workshop's own photo-language decks, by name, each card in the order it was added.
    /// Defaulted so that snapshots written before decks existed still read.
    #[serde(default)]
    pub decks: BTreeMap<String, Vec<DeckCard>>,
    /// The action cards of every action plan, in the order they were drafted.
    #[serde(default)]
    pub actions: Vec<Action>,
    /// The actions that mitigate each risk.
    #[serde(default)]
    pub mitigations: BTreeMap<ContributionId, Vec<ActionId>>,
    /// The facilitator's decisions on contributions that fed no action.
    #[serde(default)]
    pub fate_decisions: BTreeMap<ContributionId, FateDecision>,
    /// When the workshop was closed; the follow-up runs from then.
    #[serde(default)]
    pub closed_at: Option<Timestamp>,
    /// The last event of the record of the days: the closing and the counts it froze in the
    /// same append. What follows is follow-up. The closure report is the record up to here.
    #[serde(default)]
    pub closure_seq: Option<u64>,
    /// The unguessable token of the published follow-up page.
    #[serde(default)]
    pub follow_up_token: Option<String>,
    /// Put away by the facilitator: out of their list of workshops, its follow-up page still up.
    #[serde(default)]
    pub archived: bool,
    pub deleted: bool,
    /// The generation of the projection screen's address that works now, if there is one.
    #[serde(default)]
    pub screen_link: Option<u64>,
    /// The last generation of the projection screen's address issued, revoked or not: the next
    /// one comes after it, so an address once revoked never works again.
    #[serde(default)]
    pub screen_links_issued: u64,
    /// The last structural moves the facilitator may undo, oldest first
    /// (at most [`crate::undo::RECENT_MOVES_MAX`]).
    #[serde(default)]
    pub recent_moves: Vec<crate::undo::RecentMove>,
}

impl Activity {
    /// True when posting has stopped at `now`: the activity locks at zero and its timer, running,
    /// has run out. A paused timer, or none, locks nothing.
    pub fn posting_locked(&self, now: Timestamp) -> bool {
        self.settings.lock_at_zero
            && matches!(self.timer, Some(timer @ Timer::Running { .. }) if timer.remaining_ms(now) == 0)
    }

    /// An activity as it is added to the agenda: a draft, nothing run yet.
    pub fn added(
        id: ActivityId,
        kind: crate::ActivityKind,
        title: &str,
        prompt: &str,
        config: &crate::ActivityConfig,
    ) -> Activity {
        Activity {
            id,
            title: title.to_owned(),
            prompt: prompt.to_owned(),
            settings: crate::ActivitySettings::from_record(kind, config),
            status: ActivityStatus::Draft,
            times_opened: 0,
            timer: None,
            placements: BTreeMap::new(),
            brainwriting: None,
            ballots: BTreeMap::new(),
            comparisons: Vec::new(),
            assessments: BTreeMap::new(),
            frozen_result: None,
            risk_ratings: BTreeMap::new(),
            shortlist: Vec::new(),
            selection: None,
        }
    }
}

/// The deck name that means the cards shipped with Converge; no uploaded deck may take it.
pub const BUILTIN_DECK: &str = "builtin";

/// The most cards one uploaded deck holds: a room picks among a few dozen, and each card is an
/// image every phone loads.
pub const DECK_CARDS_MAX: usize = 60;

/// A card of an uploaded deck. Its image is kept beside the log under the workshop and `id`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DeckCard {
    /// Unique among the workshop's cards: what a contribution records as its `card`.
    pub id: String,
    /// The caption, also the image's alternative text.
    pub title: String,
    /// Hex SHA-256 of the stored (re-encoded) image.
    pub image_sha256: String,
    pub width: u32,
    pub height: u32,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Activity {
    pub id: ActivityId,
    pub title: String,
    pub prompt: String,
    /// Its settings, whose variant is its kind.
    pub settings: ActivitySettings,
    pub status: ActivityStatus,
    /// How many times the activity was opened; above one it was re-opened.
    pub times_opened: u32,
    pub timer: Option<Timer>,
    /// Where each note stands in a categorize activity, by category id.
    pub placements: BTreeMap<ContributionId, u32>,
    pub brainwriting: Option<Brainwriting>,
    /// Each voter's current ballot (vote); pairwise answers are in `comparisons`.
    #[serde(default)]
    pub ballots: BTreeMap<Subject, Ballot>,
    /// Every pairwise answer, in order (vote by pairwise comparison).
    #[serde(default)]
    pub comparisons: Vec<(Subject, ContributionId, ContributionId)>,
    /// Scores by item, then by assessor (assess).
    #[serde(default)]
    pub assessments: BTreeMap<ContributionId, BTreeMap<Subject, CriterionScores>>,
    /// The result frozen into the record when the facilitator closed the count, as JSON.
    #[serde(default)]
    pub frozen_result: Option<String>,
    /// Likelihood and impact by risk, then by rater (risk_map).
    #[serde(default)]
    pub risk_ratings: BTreeMap<ContributionId, BTreeMap<Subject, (u8, u8)>>,
    /// The items the facilitator ticked for a `shortlist` rule, until the activity first opens.
    #[serde(default)]
    pub shortlist: Vec<ContributionId>,
    /// What its `take` rule chose when it opened (`Event::SelectionRecorded`); `None` before, or
    /// for an activity that takes all its sources' outputs.
    #[serde(default)]
    pub selection: Option<Vec<ContributionId>>,
}

impl Activity {
    /// The minutes the next step starts on this activity's timer when the room moves there: its
    /// planned time, unless a timer already runs or none is planned. A brainwriting's clock is
    /// its rounds', started with the sheets: nothing before they are handed out.
    pub fn timer_on_arrival(&self) -> Option<u32> {
        let running = matches!(self.timer, Some(Timer::Running { .. }));
        let awaits_sheets = self.kind() == ActivityKind::Brainwriting && self.brainwriting.is_none();
        self.settings.minutes.filter(|_| !running && !awaits_sheets)
    }

    pub fn kind(&self) -> ActivityKind {
        self.settings.kind()
    }

    /// Whether someone of `role` may open the activity: the facilitator always; the room once
    /// it has been opened (a draft is still being prepared, its prompt may change).
    pub fn is_visible_to(&self, role: Role) -> bool {
        role == Role::Facilitator || self.status != ActivityStatus::Draft
    }

    /// Whether the count of a vote or an assessment may be read: once it is closed, by anyone
    /// it concerns. While it runs, nobody reads it, the facilitator included: a count followed
    /// ballot by ballot tells each ballot, and with who just tapped, whose it is; and nobody
    /// votes by following the count.
    pub fn results_readable(&self) -> bool {
        self.status == ActivityStatus::Closed
    }
}

/// A server-side countdown: every screen shows the same time, and a reload loses nothing.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Timer {
    Running { ends_at: Timestamp },
    Paused { remaining_ms: u64 },
}

impl Timer {
    /// Milliseconds left at `now`, zero once over.
    pub fn remaining_ms(&self, now: Timestamp) -> u64 {
        match *self {
            Timer::Running { ends_at } => u64::try_from(ends_at.0 - now.0).unwrap_or(0),
            Timer::Paused { remaining_ms } => remaining_ms,
        }
    }
}

/// Brainwriting in one activity: each table's rotation of sheets, fixed when it started, and
/// the round under way. Seats are pseudonyms (on older records, participant ids), so the
/// rotation does not follow who leaves the room: a sheet in front of an empty chair is simply
/// not written on that round, as on paper, and nobody's absence tells which seat was theirs.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Brainwriting {
    pub tables: Vec<Rotation<Subject>>,
    pub round: u32,
}

impl Brainwriting {
    /// How many rounds take every sheet round the largest table once.
    pub fn rounds_per_cycle(&self) -> usize {
        self.tables.iter().map(Rotation::rounds_per_cycle).max().unwrap_or(0)
    }

    /// True in the last round of the cycle.
    pub fn is_last_round(&self) -> bool {
        self.round as usize + 1 >= self.rounds_per_cycle()
    }

    /// The sheet the seat `seat` holds in the current round: none if nobody sits there.
    pub fn sheet_of(&self, seat: &Subject) -> Option<SheetRef> {
        self.tables.iter().enumerate().find_map(|(table, rotation)| {
            let sheet = rotation.sheet_of(seat, self.round as usize)?;
            Some(SheetRef { table: table as u32, sheet: sheet.0 as u32, round: self.round })
        })
    }
}

/// What the next step does (`Workshop::next_step`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Step<'a> {
    /// The brainwriting the room is on hands its sheets out: the first round begins.
    StartSheets(&'a Activity),
    /// The brainwriting's sheets are passed on: round `round` (counted from 0) begins.
    PassSheets { activity: &'a Activity, round: u32 },
    /// The room moves on to this activity.
    MoveOn(&'a Activity),
}

impl Step<'_> {
    /// The activity the step acts on: the brainwriting whose sheets go round, or the one the
    /// room moves on to.
    pub fn activity(&self) -> &Activity {
        match self {
            Step::StartSheets(activity) | Step::PassSheets { activity, .. } | Step::MoveOn(activity) => activity,
        }
    }

    /// The round a step on the sheets begins (0 when they are handed out); `None` for a move.
    pub fn round(&self) -> Option<u32> {
        match self {
            Step::StartSheets(_) => Some(0),
            Step::PassSheets { round, .. } => Some(*round),
            Step::MoveOn(_) => None,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Participant {
    pub id: ParticipantId,
    pub role: Role,
    pub profile_commitment: String,
    pub account: Option<AccountId>,
    pub joined_at: Timestamp,
    /// False once they left the room, until they come back.
    pub present: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Contribution {
    pub id: ContributionId,
    pub activity_id: ActivityId,
    /// By id when signed, by pseudonym when posted anonymously.
    pub author: Subject,
    pub kind: ContributionKind,
    pub text: String,
    pub links: Vec<ContributionId>,
    pub posted_at: Timestamp,
    /// The sequence number of the event that recorded it.
    pub seq: u64,
    pub card: Option<String>,
    pub sheet: Option<SheetRef>,
    /// Set when the facilitator merged this note into another as a duplicate.
    pub merged_into: Option<ContributionId>,
    /// Why the facilitator hid it from the room, while it is hidden; its author reads it.
    #[serde(default)]
    pub hidden: Option<String>,
    /// Gone from every page (spam, or deleted by its author); the record keeps it.
    #[serde(default)]
    pub removed: bool,
    /// Its text was corrected after it was posted (the record keeps every version).
    #[serde(default)]
    pub edited: bool,
}

impl Contribution {
    /// True when the room sees it: neither hidden nor removed. Only such notes reach the
    /// projection, other phones, results and the report.
    pub fn is_visible(&self) -> bool {
        self.hidden.is_none() && !self.removed
    }
}

impl Workshop {
    pub fn activity(&self, id: ActivityId) -> Option<&Activity> {
        self.activities.iter().find(|activity| activity.id == id)
    }

    pub fn contribution(&self, id: ContributionId) -> Option<&Contribution> {
        self.contributions.iter().find(|contribution| contribution.id == id)
    }

    /// The notes of an activity the room sees (hidden and removed ones left out).
    pub fn contributions_in(&self, activity: ActivityId) -> impl Iterator<Item = &Contribution> {
        self.contributions
            .iter()
            .filter(move |contribution| contribution.activity_id == activity && contribution.is_visible())
    }

    /// Every note posted in an activity, hidden and removed ones included: what the record holds.
    pub fn recorded_in(&self, activity: ActivityId) -> impl Iterator<Item = &Contribution> {
        self.contributions.iter().filter(move |contribution| contribution.activity_id == activity)
    }

    /// The notes of an activity the room does not see but that are not gone: those the
    /// facilitator hid (the console offers to show them again, their authors read why).
    pub fn hidden_in(&self, activity: ActivityId) -> impl Iterator<Item = &Contribution> {
        self.recorded_in(activity).filter(|contribution| contribution.hidden.is_some() && !contribution.removed)
    }

    /// The contributions an activity works on: its sources' live contributions
    /// ([`Workshop::source_pool`]), narrowed to what its `take` rule chose when it opened (or,
    /// before, to the facilitator's shortlist; a rule that needs a count takes the whole pool
    /// until it is resolved at the opening).
    pub fn source_contributions(&self, activity: &Activity) -> std::vec::IntoIter<&Contribution> {
        let pool = self.source_pool(activity);
        match (&activity.selection, activity.settings.take) {
            (Some(chosen), _) => pool
                .into_iter()
                .filter(|contribution| chosen.contains(&contribution.id))
                .collect::<Vec<_>>()
                .into_iter(),
            (None, Some(crate::Take::Shortlist)) => pool
                .into_iter()
                .filter(|contribution| activity.shortlist.contains(&contribution.id))
                .collect::<Vec<_>>()
                .into_iter(),
            (None, _) => pool.into_iter(),
        }
    }

    /// The workshop without the notes the room does not see (hidden or removed, and those
    /// merged into them): what reports are made from.
    pub fn as_the_room_sees_it(&self) -> Workshop {
        let mut seen = self.clone();
        let unseen: BTreeSet<ContributionId> =
            self.contributions.iter().filter(|note| !note.is_visible()).map(|note| note.id).collect();
        seen.contributions
            .retain(|note| note.is_visible() && note.merged_into.is_none_or(|into| !unseen.contains(&into)));
        seen
    }

    /// The contributions merged into `id` that the room sees.
    pub fn merged_into(&self, id: ContributionId) -> impl Iterator<Item = &Contribution> {
        self.contributions
            .iter()
            .filter(move |contribution| contribution.merged_into == Some(id) && contribution.is_visible())
    }

    /// The facilitator participant through which an account acts in this workshop.
    /// True when the room left something in `activity`: contributions, ballots, scores, ratings
    /// or action cards. Such an activity stays on the record.
    pub fn has_room_input(&self, activity: &Activity) -> bool {
        self.recorded_in(activity.id).next().is_some()
            || !activity.ballots.is_empty()
            || !activity.comparisons.is_empty()
            || !activity.assessments.is_empty()
            || !activity.risk_ratings.is_empty()
            || self.actions.iter().any(|action| action.activity_id == activity.id)
    }

    /// True when `participant` left any trace in confidence: an anonymous note, a ballot, a score, a
    /// rating, a stance, a card drafted or edited, a brainwriting seat (or any of these under
    /// their id, in a record from before pseudonyms).
    pub fn acted_in_confidence(&self, keyring: &Keyring, participant: ParticipantId) -> bool {
        let is = |scope: Scope, subject: &Subject| keyring.is(participant, scope, subject);
        let wrote = self.contributions.iter().any(|contribution| {
            matches!(contribution.author, Subject::Pseudonym(_))
                && is(Scope::Contribution(contribution.id), &contribution.author)
        });
        let in_activities = self.activities.iter().any(|activity| {
            let id = activity.id;
            activity.ballots.keys().any(|voter| is(Scope::Ballot(id), voter))
                || activity.comparisons.iter().any(|(voter, ..)| is(Scope::Ballot(id), voter))
                || activity
                    .assessments
                    .values()
                    .flat_map(|by| by.keys())
                    .any(|assessor| is(Scope::Assessment(id), assessor))
                || activity.risk_ratings.values().flat_map(|by| by.keys()).any(|rater| is(Scope::Rating(id), rater))
                || activity.brainwriting.as_ref().is_some_and(|brainwriting| {
                    brainwriting.tables.iter().flat_map(|table| table.seats()).any(|seat| is(Scope::Seat(id), seat))
                })
        });
        let on_cards = self.actions.iter().any(|action| {
            let id = action.activity_id;
            action.consensus.keys().any(|stance| is(Scope::Stance(id), stance))
                || is(Scope::Draft(id), &action.author)
                || is(Scope::Edit(id), &action.last_editor)
        });
        wrote || in_activities || on_cards
    }

    /// How many may vote: the participants and experts in the workshop (not the facilitator,
    /// not observers, not those removed).
    pub fn n_voters(&self) -> usize {
        self.participants.values().filter(|participant| participant.role.votes()).count()
    }

    pub fn facilitator_for(&self, account: AccountId) -> Option<&Participant> {
        self.participants
            .values()
            .find(|participant| participant.account == Some(account) && participant.role == Role::Facilitator)
    }

    pub fn open_activities(&self) -> impl Iterator<Item = &Activity> {
        self.activities.iter().filter(|activity| activity.status == ActivityStatus::Open)
    }

    /// The uploaded cards an activity offers: those of the deck its configuration names, when
    /// that is one of the workshop's decks. `None` means the built-in deck, which is also the
    /// fallback for a deck named before any card was uploaded to it (a template may do that).
    pub fn uploaded_deck(&self, activity: &Activity) -> Option<&[DeckCard]> {
        let name = activity.settings.deck().filter(|name| *name != BUILTIN_DECK)?;
        self.decks.get(name).map(Vec::as_slice).filter(|cards| !cards.is_empty())
    }

    /// A card of any of the workshop's decks, with the deck's name.
    pub fn deck_card(&self, card_id: &str) -> Option<(&str, &DeckCard)> {
        self.decks
            .iter()
            .find_map(|(deck, cards)| cards.iter().find(|card| card.id == card_id).map(|card| (deck.as_str(), card)))
    }

    /// The items a vote or an assessment is about: its sources' contributions, merged ones left out.
    pub fn items_of(&self, activity: &Activity) -> BTreeSet<ContributionId> {
        self.source_contributions(activity).map(|contribution| contribution.id).collect()
    }

    /// Why an activity's anonymity can no longer change, if it cannot: once the room has seen
    /// it as anonymous (opened, or with something posted), turning it off would sign what was
    /// written under it, or what someone posts from a page still saying "anonymous"; and a
    /// brainwriting under way keeps what it started with, since a signed board has shown who
    /// holds which sheet. Turning anonymity on is otherwise always possible.
    pub fn anonymity_fixed(&self, activity: &Activity) -> Option<&'static str> {
        if activity.brainwriting.is_some() {
            return Some("anonymity_fixed_in_brainwriting");
        }
        let seen = activity.times_opened > 0 || self.recorded_in(activity.id).next().is_some();
        (activity.settings.anonymous && seen).then_some("anonymity_locked")
    }

    /// The table a participant sits at.
    pub fn table_of(&self, participant: ParticipantId) -> Option<u32> {
        self.tables.iter().position(|seats| seats.contains(&participant)).map(|table| table as u32)
    }

    /// Where the room is on the agenda: the activity every screen is sent to or, while the
    /// screens roam, the last activity the room has begun (opened, whether closed since or not).
    /// `None` before the first activity is opened.
    pub fn current_activity(&self) -> Option<&Activity> {
        match self.focus {
            Some(focus) => self.activity(focus),
            None => self.activities.iter().rev().find(|activity| activity.status != ActivityStatus::Draft),
        }
    }

    /// The activity the room is on, where a phone that just joined lands: the one every screen
    /// is sent to, if the room may open it; otherwise the one open activity, when exactly one is
    /// open. `None` while the room waits or roams between several open activities.
    pub fn room_activity(&self) -> Option<&Activity> {
        let focused = self
            .focus
            .and_then(|focus| self.activity(focus))
            .filter(|activity| activity.status != ActivityStatus::Draft);
        focused.or_else(|| {
            let mut open = self.open_activities();
            match (open.next(), open.next()) {
                (Some(only), None) => Some(only),
                _ => None,
            }
        })
    }

    /// The activity after the current one (`Command::NextStep` moves the room there): the
    /// activity right after the current one on the agenda, whatever its status, or the first
    /// one when the room has begun none. `None` at the end of the agenda.
    pub fn next_activity(&self) -> Option<&Activity> {
        let after = match self.current_activity() {
            Some(current) => self.activities.iter().position(|activity| activity.id == current.id)? + 1,
            None => 0,
        };
        self.activities.get(after)
    }

    /// What the next step does (`Command::NextStep`), the one rule the console words and the
    /// command follows. While the room is on an open brainwriting, its sheets come first: handed
    /// out if they are not yet, then passed on round after round; in the last round the step
    /// moves on to the next activity. Anywhere else it moves on. `None` at the end of the agenda.
    pub fn next_step(&self) -> Option<Step<'_>> {
        if let Some(current) = self.current_activity()
            && current.kind() == ActivityKind::Brainwriting
            && current.status == ActivityStatus::Open
        {
            match &current.brainwriting {
                None => return Some(Step::StartSheets(current)),
                Some(sheets) if !sheets.is_last_round() => {
                    return Some(Step::PassSheets { activity: current, round: sheets.round + 1 });
                }
                Some(_) => {}
            }
        }
        self.next_activity().map(Step::MoveOn)
    }
}
