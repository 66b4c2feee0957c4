//! The state of one workshop: the fold of its events. It serialises so the engine can keep
//! snapshots; a snapshot is only ever a shortcut to the same fold.

use crate::brainwriting::Rotation;
use crate::outcomes::{Action, CalendarDate, FateDecision, FollowUp, GivenStance, StatusEntry};
use crate::voting::{Ballot, CriterionScores};
use crate::{
    AccountId, ActionId, ActivityConfig, ActivityId, ActivityKind, ActivityStatus, ContributionId, ContributionKind,
    Event, Keyring, Language, ParticipantId, Role, Scope, SheetRef, Subject, TimedEvent, Timestamp, WorkshopId,
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
    pub kind: ActivityKind,
    pub title: String,
    pub prompt: String,
    pub config: ActivityConfig,
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
}

impl Activity {
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
}

impl Workshop {
    /// Folds a whole log. Returns `None` when the log does not start with `WorkshopCreated`.
    pub fn from_events<'a>(id: WorkshopId, events: impl IntoIterator<Item = &'a TimedEvent>) -> Option<Workshop> {
        let mut events = events.into_iter();
        let first = events.next()?;
        let Event::WorkshopCreated { title, language, created_by } = &first.event else {
            return None;
        };
        let mut workshop = Workshop {
            id,
            title: title.clone(),
            language: *language,
            created_by: *created_by,
            created_at: first.at,
            activities: Vec::new(),
            participants: BTreeMap::new(),
            removed: BTreeMap::new(),
            merged: BTreeMap::new(),
            joining_locked: false,
            contributions: Vec::new(),
            focus: None,
            tables: Vec::new(),
            decks: BTreeMap::new(),
            actions: Vec::new(),
            mitigations: BTreeMap::new(),
            fate_decisions: BTreeMap::new(),
            closed_at: None,
            closure_seq: None,
            follow_up_token: None,
            archived: false,
            deleted: false,
        };
        for event in events {
            workshop.apply(event);
        }
        Some(workshop)
    }

    /// Folds one event into the state. Events are facts that were checked when decided, so
    /// this never fails; an event that refers to something unknown changes nothing.
    pub fn apply(&mut self, timed: &TimedEvent) {
        match &timed.event {
            Event::WorkshopCreated { .. } => {}
            Event::ActivityAdded { activity_id, kind, title, prompt, config } => self.activities.push(Activity {
                id: *activity_id,
                kind: *kind,
                title: title.clone(),
                prompt: prompt.clone(),
                config: config.clone(),
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
            }),
            Event::ActivityUpdated { activity_id, title, prompt, config } => {
                if let Some(activity) = self.activity_mut(*activity_id) {
                    activity.title.clone_from(title);
                    activity.prompt.clone_from(prompt);
                    activity.config = config.clone();
                    let categories: BTreeSet<u32> = config.categories.iter().map(|category| category.id).collect();
                    activity.placements.retain(|_, category| categories.contains(category));
                }
            }
            Event::ActivityRemoved { activity_id } => {
                self.activities.retain(|activity| activity.id != *activity_id);
                for activity in &mut self.activities {
                    activity.config.sources.retain(|source| source != activity_id);
                }
                if self.focus == Some(*activity_id) {
                    self.focus = None;
                }
            }
            Event::ActivityMoved { activity_id, position } => {
                if let Some(from) = self.activities.iter().position(|activity| activity.id == *activity_id) {
                    let activity = self.activities.remove(from);
                    let to = (*position as usize).min(self.activities.len());
                    self.activities.insert(to, activity);
                }
            }
            Event::TimerStarted { activity_id, remaining_ms } => {
                if let Some(activity) = self.activity_mut(*activity_id) {
                    activity.timer = Some(Timer::Running { ends_at: Timestamp(timed.at.0 + *remaining_ms as i64) });
                }
            }
            Event::TimerPaused { activity_id } => {
                if let Some(activity) = self.activity_mut(*activity_id)
                    && let Some(timer) = activity.timer
                {
                    activity.timer = Some(Timer::Paused { remaining_ms: timer.remaining_ms(timed.at) });
                }
            }
            Event::TimerExtended { activity_id, extra_ms } => {
                if let Some(activity) = self.activity_mut(*activity_id) {
                    activity.timer = Some(match activity.timer {
                        Some(Timer::Running { ends_at }) => {
                            // An extension of a timer that already ran out counts from now.
                            let base = ends_at.0.max(timed.at.0);
                            Timer::Running { ends_at: Timestamp(base + *extra_ms as i64) }
                        }
                        Some(Timer::Paused { remaining_ms }) => Timer::Paused { remaining_ms: remaining_ms + extra_ms },
                        None => Timer::Paused { remaining_ms: *extra_ms },
                    });
                }
            }
            Event::FocusChanged { activity_id } => self.focus = *activity_id,
            Event::TablesFormed { tables } => self.tables.clone_from(tables),
            Event::ParticipantSeated { participant_id, table } => {
                for seats in &mut self.tables {
                    seats.retain(|seated| seated != participant_id);
                }
                if let Some(table) = table {
                    let table = *table as usize;
                    if table >= self.tables.len() {
                        self.tables.resize(table + 1, Vec::new());
                    }
                    self.tables[table].push(*participant_id);
                }
            }
            Event::ParticipantLeft { participant_id } => self.set_presence(*participant_id, false),
            Event::ParticipantReturned { participant_id } => self.set_presence(*participant_id, true),
            Event::ParticipantJoined { participant_id, role, profile_commitment, account } => {
                self.participants.insert(
                    *participant_id,
                    Participant {
                        id: *participant_id,
                        role: *role,
                        profile_commitment: profile_commitment.clone(),
                        account: *account,
                        joined_at: timed.at,
                        present: true,
                    },
                );
            }
            Event::ParticipantRemoved { participant_id } => {
                if let Some(participant) = self.participants.remove(participant_id) {
                    self.removed.insert(*participant_id, participant);
                }
                for seats in &mut self.tables {
                    seats.retain(|seated| seated != participant_id);
                }
            }
            Event::ParticipantMerged { duplicate, into } => {
                if self.participants.remove(duplicate).is_some() {
                    self.merged.insert(*duplicate, *into);
                }
                for seats in &mut self.tables {
                    seats.retain(|seated| seated != duplicate);
                }
                // Signed words name their author: they now name the person.
                for contribution in &mut self.contributions {
                    if contribution.author == Subject::Named(*duplicate) {
                        contribution.author = Subject::Named(*into);
                    }
                }
            }
            Event::JoiningLocked { locked } => self.joining_locked = *locked,
            Event::JoinCodeRenewed => {}
            Event::ParticipantRoleChanged { participant_id, role } => {
                if let Some(participant) = self.participants.get_mut(participant_id) {
                    participant.role = *role;
                }
            }
            Event::ActivityOpened { activity_id } => {
                if let Some(activity) = self.activity_mut(*activity_id) {
                    activity.status = ActivityStatus::Open;
                    activity.times_opened += 1;
                    // A reopened count is live again; the next close records it anew.
                    activity.frozen_result = None;
                }
            }
            Event::ActivityClosed { activity_id } => {
                if let Some(activity) = self.activity_mut(*activity_id) {
                    activity.status = ActivityStatus::Closed;
                    // Time is up for a closed activity: no screen counts down for it any more.
                    activity.timer = None;
                }
            }
            Event::ContributionPosted { contribution_id, activity_id, author, kind, text, links, card, sheet } => {
                self.contributions.push(Contribution {
                    id: *contribution_id,
                    activity_id: *activity_id,
                    author: *author,
                    kind: *kind,
                    text: text.clone(),
                    links: links.clone(),
                    posted_at: timed.at,
                    seq: timed.seq,
                    card: card.clone(),
                    sheet: *sheet,
                    merged_into: None,
                })
            }
            Event::ContributionMoved { contribution_id, kind } => {
                if let Some(contribution) = self.contribution_mut(*contribution_id) {
                    contribution.kind = *kind;
                }
            }
            Event::ContributionsMerged { into, merged } => {
                for id in merged {
                    if let Some(contribution) = self.contribution_mut(*id) {
                        contribution.merged_into = Some(*into);
                    }
                }
            }
            Event::ContributionCategorized { activity_id, contribution_id, category } => {
                if let Some(activity) = self.activity_mut(*activity_id) {
                    match category {
                        Some(category) => activity.placements.insert(*contribution_id, *category),
                        None => activity.placements.remove(contribution_id),
                    };
                }
            }
            Event::BrainwritingStarted { activity_id, tables } => {
                if let Some(activity) = self.activity_mut(*activity_id) {
                    let rotations = tables
                        .iter()
                        .filter_map(|seats| {
                            let mut rotation = Rotation::new(seats.clone()).ok()?;
                            rotation.start_round();
                            Some(rotation)
                        })
                        .collect();
                    activity.brainwriting = Some(Brainwriting { tables: rotations, round: 0 });
                }
            }
            Event::BrainwritingRoundStarted { activity_id, round } => {
                if let Some(activity) = self.activity_mut(*activity_id)
                    && let Some(brainwriting) = &mut activity.brainwriting
                {
                    while brainwriting.round < *round {
                        for rotation in &mut brainwriting.tables {
                            rotation.start_round();
                        }
                        brainwriting.round += 1;
                    }
                }
            }
            Event::DeckCardAdded { deck, card_id, title, image_sha256, width, height } => {
                self.decks.entry(deck.clone()).or_default().push(DeckCard {
                    id: card_id.clone(),
                    title: title.clone(),
                    image_sha256: image_sha256.clone(),
                    width: *width,
                    height: *height,
                });
            }
            Event::DeckCardRemoved { deck, card_id } => {
                if let Some(cards) = self.decks.get_mut(deck) {
                    cards.retain(|card| card.id != *card_id);
                    // A deck exists while it has cards, as it came to exist with its first.
                    if cards.is_empty() {
                        self.decks.remove(deck);
                    }
                }
            }
            Event::BallotCast { activity_id, voter, ballot } => {
                if let Some(activity) = self.activity_mut(*activity_id) {
                    match ballot {
                        Ballot::Pairwise { winner, loser } => activity.comparisons.push((*voter, *winner, *loser)),
                        other => {
                            activity.ballots.insert(*voter, other.clone());
                        }
                    }
                }
            }
            Event::ItemAssessed { activity_id, assessor, item, scores } => {
                if let Some(activity) = self.activity_mut(*activity_id) {
                    activity.assessments.entry(*item).or_default().insert(*assessor, scores.clone());
                }
            }
            Event::ResultsFrozen { activity_id, result } => {
                if let Some(activity) = self.activity_mut(*activity_id) {
                    activity.frozen_result = Some(result.clone());
                }
                // Counts frozen by the closing belong to the record of the days.
                if self.closure_seq.is_some() {
                    self.closure_seq = Some(timed.seq);
                }
            }
            Event::ActionDrafted { action_id, activity_id, author, card, sources } => self.actions.push(Action {
                id: *action_id,
                activity_id: *activity_id,
                author: *author,
                card: card.clone(),
                sources: sources.clone(),
                revision: 1,
                drafted_at: timed.at,
                edited_at: timed.at,
                last_editor: *author,
                withdrawn: false,
                consensus: BTreeMap::new(),
                follow_up: FollowUp::default(),
            }),
            Event::ActionEdited { action_id, editor, revision, card, sources } => {
                if let Some(action) = self.action_mut(*action_id) {
                    action.card = card.clone();
                    action.sources.clone_from(sources);
                    action.revision = *revision;
                    action.edited_at = timed.at;
                    action.last_editor = *editor;
                }
            }
            Event::ActionWithdrawn { action_id } => {
                if let Some(action) = self.action_mut(*action_id) {
                    action.withdrawn = true;
                }
            }
            Event::ConsensusGiven { action_id, participant, stance, reason } => {
                if let Some(action) = self.action_mut(*action_id) {
                    // A stance is given on the card as it reads when it is recorded.
                    let given = GivenStance { stance: *stance, reason: reason.clone(), revision: action.revision };
                    action.consensus.insert(*participant, given);
                }
            }
            Event::RiskRated { activity_id, rater, risk, likelihood, impact } => {
                if let Some(activity) = self.activity_mut(*activity_id) {
                    activity.risk_ratings.entry(*risk).or_default().insert(*rater, (*likelihood, *impact));
                }
            }
            Event::MitigationsLinked { risk, actions } => {
                if actions.is_empty() {
                    self.mitigations.remove(risk);
                } else {
                    self.mitigations.insert(*risk, actions.clone());
                }
            }
            Event::FatesDecided { contributions, decision } => {
                for id in contributions {
                    match decision {
                        FateDecision::Undecided => self.fate_decisions.remove(id),
                        decided => self.fate_decisions.insert(*id, decided.clone()),
                    };
                }
            }
            Event::WorkshopClosed => {
                self.closed_at = Some(timed.at);
                self.closure_seq = Some(timed.seq);
                for activity in &mut self.activities {
                    if activity.status == ActivityStatus::Open {
                        activity.status = ActivityStatus::Closed;
                    }
                    activity.timer = None;
                }
                self.focus = None;
            }
            Event::ActionStatusUpdated { action_id, status, note, next_update_due, effective_on } => {
                if let Some(action) = self.action_mut(*action_id) {
                    let follow_up = &mut action.follow_up;
                    let recorded_on = CalendarDate::of(timed.at);
                    follow_up.status = *status;
                    follow_up.history.push(StatusEntry {
                        at: timed.at,
                        seq: timed.seq,
                        status: *status,
                        note: note.clone(),
                        effective_on: effective_on.unwrap_or(recorded_on),
                    });
                    if next_update_due.is_some() {
                        follow_up.next_update_due = *next_update_due;
                        follow_up.next_update_set_on = Some(recorded_on);
                    }
                }
            }
            Event::CommitmentSet { action_id, answerable, next_update_due } => {
                if let Some(action) = self.action_mut(*action_id) {
                    action.follow_up.answerable.clone_from(answerable);
                    action.follow_up.next_update_due = *next_update_due;
                    action.follow_up.next_update_set_on = next_update_due.map(|_| CalendarDate::of(timed.at));
                }
            }
            Event::FollowUpPublished { token } => self.follow_up_token.clone_from(token),
            Event::WorkshopDeleted => self.deleted = true,
            Event::WorkshopArchived => self.archived = true,
            Event::WorkshopRestored => self.archived = false,
        }
    }

    fn action_mut(&mut self, id: ActionId) -> Option<&mut Action> {
        self.actions.iter_mut().find(|action| action.id == id)
    }

    fn set_presence(&mut self, participant_id: ParticipantId, present: bool) {
        if let Some(participant) = self.participants.get_mut(&participant_id) {
            participant.present = present;
        }
    }

    pub fn activity(&self, id: ActivityId) -> Option<&Activity> {
        self.activities.iter().find(|activity| activity.id == id)
    }

    fn activity_mut(&mut self, id: ActivityId) -> Option<&mut Activity> {
        self.activities.iter_mut().find(|activity| activity.id == id)
    }

    pub fn contribution(&self, id: ContributionId) -> Option<&Contribution> {
        self.contributions.iter().find(|contribution| contribution.id == id)
    }

    fn contribution_mut(&mut self, id: ContributionId) -> Option<&mut Contribution> {
        self.contributions.iter_mut().find(|contribution| contribution.id == id)
    }

    pub fn contributions_in(&self, activity: ActivityId) -> impl Iterator<Item = &Contribution> {
        self.contributions.iter().filter(move |contribution| contribution.activity_id == activity)
    }

    /// The contributions an activity works on: those of its source activities, merged ones
    /// left out (they show within the note they were merged into).
    pub fn source_contributions(&self, activity: &Activity) -> impl Iterator<Item = &Contribution> {
        let sources = activity.config.sources.clone();
        self.contributions.iter().filter(move |contribution| {
            sources.contains(&contribution.activity_id) && contribution.merged_into.is_none()
        })
    }

    /// The contributions merged into `id`.
    pub fn merged_into(&self, id: ContributionId) -> impl Iterator<Item = &Contribution> {
        self.contributions.iter().filter(move |contribution| contribution.merged_into == Some(id))
    }

    /// The facilitator participant through which an account acts in this workshop.
    /// True when the room left something in `activity`: contributions, ballots, scores, ratings
    /// or action cards. Such an activity stays on the record.
    pub fn has_room_input(&self, activity: &Activity) -> bool {
        self.contributions_in(activity.id).next().is_some()
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
        let name = activity.config.deck.as_deref().filter(|name| *name != BUILTIN_DECK)?;
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
        let seen = activity.times_opened > 0 || self.contributions_in(activity.id).next().is_some();
        (activity.config.anonymous && seen).then_some("anonymity_locked")
    }

    /// The table a participant sits at.
    pub fn table_of(&self, participant: ParticipantId) -> Option<u32> {
        self.tables.iter().position(|seats| seats.contains(&participant)).map(|table| table as u32)
    }
}
