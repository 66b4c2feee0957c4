//! Events: the facts a workshop's log records. Their JSON form is what the hash chain covers,
//! so a variant or field, once released, is never renamed or repurposed.
//!
//! Personal data stays out of events: a participant's name and service live beside the log and
//! are referred to here by a salted commitment, so they can be erased without breaking the chain.
//! Whoever acts in confidence (an anonymous note, a ballot, scores, a rating, a stance, a draft
//! or an edit of an action card) is named by a pseudonym (`crate::Subject`), never by id.
//!
//! [`Event::disclosure`] is the one rule for what each audience may read of an event outside
//! the record itself (the live stream, the API): no more than its pages show.

use crate::outcomes::{ActionCard, ActionStatus, CalendarDate, FateDecision, Stance};
use crate::{
    AccountId, ActionId, ActivityConfig, ActivityId, ActivityKind, ContributionId, ContributionKind, Language,
    ParticipantId, Role, Subject, Timestamp,
};
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum Event {
    WorkshopCreated {
        title: String,
        language: Language,
        created_by: AccountId,
    },
    /// An activity put on the agenda. Its configuration is as it was sent; records from before
    /// another kind's options were refused may hold some, which the fold ignores.
    ActivityAdded {
        activity_id: ActivityId,
        kind: ActivityKind,
        title: String,
        prompt: String,
        #[serde(default, skip_serializing_if = "ActivityConfig::is_default")]
        config: ActivityConfig,
    },
    /// The facilitator edited an activity: its title, prompt and configuration as they now are.
    ActivityUpdated {
        activity_id: ActivityId,
        title: String,
        prompt: String,
        #[serde(default, skip_serializing_if = "ActivityConfig::is_default")]
        config: ActivityConfig,
    },
    ActivityRemoved {
        activity_id: ActivityId,
    },
    /// The activity now stands at `position` (0-based) on the agenda.
    ActivityMoved {
        activity_id: ActivityId,
        position: u32,
    },
    /// The activity's timer runs: it ends `remaining_ms` after this event.
    TimerStarted {
        activity_id: ActivityId,
        remaining_ms: u64,
    },
    /// The timer stops where it was at this event.
    TimerPaused {
        activity_id: ActivityId,
    },
    TimerExtended {
        activity_id: ActivityId,
        extra_ms: u64,
    },
    /// The timer has `less_ms` less to run; one that had less than that left ends at this event.
    TimerShortened {
        activity_id: ActivityId,
        less_ms: u64,
    },
    /// The facilitator undid the structural move recorded at `seq`; the events that put things
    /// back follow in the same append.
    MoveUndone {
        seq: u64,
    },
    /// A removed activity is back on the agenda at `position`, as it was when removed, and a
    /// source again of the activities in `source_of` (those that worked on it before).
    ActivityRestored {
        activity_id: ActivityId,
        kind: ActivityKind,
        title: String,
        prompt: String,
        config: ActivityConfig,
        position: u32,
        #[serde(default, skip_serializing_if = "Vec::is_empty")]
        source_of: Vec<ActivityId>,
    },
    /// Every phone and the projection screen go to this activity; `None` lets them roam.
    FocusChanged {
        #[serde(default, skip_serializing_if = "Option::is_none")]
        activity_id: Option<ActivityId>,
    },
    /// The projection shows this contribution full screen; `None` gives the board back.
    SpotlightChanged {
        #[serde(default, skip_serializing_if = "Option::is_none")]
        contribution_id: Option<ContributionId>,
    },
    /// The projection shows one part of a board alone; `None` gives the whole board back.
    ProjectionZoomed {
        #[serde(default, skip_serializing_if = "Option::is_none")]
        zoom: Option<crate::Zoom>,
    },
    /// How the projection shows the join code.
    JoinPanelChanged {
        panel: crate::JoinPanel,
    },
    /// Whether the projection leaves authors' names off.
    NamesOnScreenChanged {
        hidden: bool,
    },
    /// The room is seated at tables, each listed in seat order; replaces earlier tables.
    TablesFormed {
        tables: Vec<Vec<ParticipantId>>,
    },
    /// One participant moves to a table (`None`: no table).
    ParticipantSeated {
        participant_id: ParticipantId,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        table: Option<u32>,
    },
    /// A participant left the room; sheets and rounds go on without them.
    ParticipantLeft {
        participant_id: ParticipantId,
    },
    ParticipantReturned {
        participant_id: ParticipantId,
    },
    ParticipantJoined {
        participant_id: ParticipantId,
        role: Role,
        /// Hex SHA-256 of a random salt and the participant's profile, both kept outside the log.
        profile_commitment: String,
        /// The facilitator account behind this participant, for facilitators only.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        account: Option<AccountId>,
    },
    ParticipantRoleChanged {
        participant_id: ParticipantId,
        role: Role,
    },
    /// The facilitator removed someone from the room (a stranger, a duplicate): they can no
    /// longer act, and what they wrote stays on the record.
    ParticipantRemoved {
        participant_id: ParticipantId,
    },
    /// The facilitator merged a duplicate (the same person joined twice) into the participant
    /// they are: their signed words and their place follow; they never acted in confidence.
    ParticipantMerged {
        duplicate: ParticipantId,
        into: ParticipantId,
    },
    /// The facilitator locked joining (`true`) or opened it again.
    JoiningLocked {
        locked: bool,
    },
    /// The workshop has a new join code (kept beside the log); the old one joins nothing.
    JoinCodeRenewed,
    ActivityOpened {
        activity_id: ActivityId,
    },
    ActivityClosed {
        activity_id: ActivityId,
    },
    ContributionPosted {
        contribution_id: ContributionId,
        activity_id: ActivityId,
        /// By id when the activity signs its notes, by pseudonym when it is anonymous.
        author: Subject,
        kind: ContributionKind,
        text: String,
        #[serde(default, skip_serializing_if = "Vec::is_empty")]
        links: Vec<ContributionId>,
        /// The image card picked (photo_language).
        #[serde(default, skip_serializing_if = "Option::is_none")]
        card: Option<String>,
        /// Where the idea was written (brainwriting).
        #[serde(default, skip_serializing_if = "Option::is_none")]
        sheet: Option<SheetRef>,
    },
    /// The facilitator moved a note to another kind (a SWOT note to another quadrant).
    ContributionMoved {
        contribution_id: ContributionId,
        kind: ContributionKind,
    },
    /// Duplicates merged: `merged` now show as part of `into`, with their texts and authors kept.
    ContributionsMerged {
        into: ContributionId,
        merged: Vec<ContributionId>,
    },
    /// A note placed in a category of a categorize activity (`None`: back to unsorted).
    ContributionCategorized {
        activity_id: ActivityId,
        contribution_id: ContributionId,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        category: Option<u32>,
    },
    /// The facilitator hid a note from the room; its author reads `reason` (the facilitator's
    /// words) on their own pages.
    ContributionHidden {
        contribution_id: ContributionId,
        reason: String,
    },
    /// A hidden note is shown again.
    ContributionShown {
        contribution_id: ContributionId,
    },
    /// A note's text as corrected; the post keeps the original. `author` is set when the author
    /// corrected their own note, and is then exactly the post's author (their pseudonym in an
    /// anonymous activity): it tells no more than the post did. Absent: the facilitator.
    ContributionEdited {
        contribution_id: ContributionId,
        text: String,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        author: Option<Subject>,
    },
    /// A note is gone from every page (spam, or deleted by its author, then `author` is the
    /// post's author as above); the record keeps it.
    ContributionRemoved {
        contribution_id: ContributionId,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        author: Option<Subject>,
    },
    /// A merged note is split back out of the note it was merged into.
    ContributionUnmerged {
        contribution_id: ContributionId,
    },
    /// Brainwriting begins: its tables, each in seat order, fixed for the activity. Seats are
    /// pseudonyms in an order only the server can tell, so no idea's place on a sheet names its
    /// author.
    BrainwritingStarted {
        activity_id: ActivityId,
        tables: Vec<Vec<Subject>>,
    },
    /// The sheets pass on: round `round` (0-based) begins.
    BrainwritingRoundStarted {
        activity_id: ActivityId,
        round: u32,
    },
    /// A card joins one of the workshop's own photo-language decks. The image itself lives
    /// beside the log (like personal data), found by the workshop and `card_id`; the log keeps
    /// its SHA-256 so an export still says exactly which image was shown.
    DeckCardAdded {
        deck: String,
        card_id: String,
        title: String,
        image_sha256: String,
        width: u32,
        height: u32,
    },
    /// A card leaves its deck; pickers no longer offer it.
    DeckCardRemoved {
        deck: String,
        card_id: String,
    },
    /// A participant's ballot in a vote; it replaces their previous one, except pairwise
    /// answers, which add up.
    BallotCast {
        activity_id: ActivityId,
        voter: Subject,
        ballot: crate::voting::Ballot,
    },
    /// A participant's scores of one item on the activity's criteria; replaces their previous
    /// scores of that item.
    ItemAssessed {
        activity_id: ActivityId,
        assessor: Subject,
        item: ContributionId,
        scores: crate::voting::CriterionScores,
    },
    /// The result as computed when the facilitator froze it, as JSON: part of the record.
    ResultsFrozen {
        activity_id: ActivityId,
        result: String,
    },
    /// The facilitator's hand-picked shortlist of an activity's sources' items, before it opens
    /// (its `take` rule is `shortlist`); replaces the previous one.
    ShortlistSet {
        activity_id: ActivityId,
        items: Vec<ContributionId>,
    },
    /// What an activity's `take` rule chose when it opened, in the order it works on them: the
    /// record of what was carried from one step to the next.
    SelectionRecorded {
        activity_id: ActivityId,
        items: Vec<ContributionId>,
    },
    /// An action card drafted in an action plan, with the contributions it comes from.
    ActionDrafted {
        action_id: ActionId,
        activity_id: ActivityId,
        author: Subject,
        card: ActionCard,
        #[serde(default, skip_serializing_if = "Vec::is_empty")]
        sources: Vec<ContributionId>,
    },
    /// An action card as edited; `revision` is the card's new revision.
    ActionEdited {
        action_id: ActionId,
        editor: Subject,
        revision: u32,
        card: ActionCard,
        #[serde(default, skip_serializing_if = "Vec::is_empty")]
        sources: Vec<ContributionId>,
    },
    /// The facilitator took an action out of the plan; it stays on the record.
    ActionWithdrawn {
        action_id: ActionId,
    },
    /// A participant's stance on an action card; replaces their previous one.
    ConsensusGiven {
        action_id: ActionId,
        participant: Subject,
        stance: Stance,
        #[serde(default, skip_serializing_if = "String::is_empty")]
        reason: String,
    },
    /// A participant's rating of a risk; replaces their previous one.
    RiskRated {
        activity_id: ActivityId,
        rater: Subject,
        risk: ContributionId,
        likelihood: u8,
        impact: u8,
    },
    /// The actions that mitigate a risk, as they now are.
    MitigationsLinked {
        risk: ContributionId,
        actions: Vec<ActionId>,
    },
    /// The facilitator decided the fate of contributions that fed no action.
    FatesDecided {
        contributions: Vec<ContributionId>,
        decision: FateDecision,
    },
    /// The workshop is over: every activity closes and the follow-up begins.
    WorkshopClosed,
    /// A new status of an action after the workshop, with what happened.
    ActionStatusUpdated {
        action_id: ActionId,
        status: ActionStatus,
        #[serde(default, skip_serializing_if = "String::is_empty")]
        note: String,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        next_update_due: Option<CalendarDate>,
        /// The day the progress happened (on or before the day it was recorded). Updates
        /// recorded before this field existed leave it out: they happened the day they were
        /// recorded.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        effective_on: Option<CalendarDate>,
    },
    /// Who answers publicly for an action, and when its next update is due.
    CommitmentSet {
        action_id: ActionId,
        answerable: String,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        next_update_due: Option<CalendarDate>,
    },
    /// The follow-up page is published at an unguessable address (`None`: no longer published).
    FollowUpPublished {
        #[serde(default, skip_serializing_if = "Option::is_none")]
        token: Option<String>,
    },
    WorkshopDeleted,
    /// The facilitator put the workshop away: it leaves their list of workshops, its published
    /// follow-up page stays up, and it can be restored.
    WorkshopArchived,
    /// An archived workshop is back in the facilitator's list.
    WorkshopRestored,
    /// The projection screen has an address that needs no sign-in, the workshop's
    /// `generation`-th (from 1); the previous one stops working. Its token is a keyed hash of the
    /// workshop and the generation under the server's secret: it is never recorded, since the
    /// log is shown to whoever verifies it.
    ScreenLinkIssued {
        generation: u64,
    },
    /// The projection screen's address stops working; none replaces it.
    ScreenLinkRevoked,
}

impl Event {
    /// The tag of the event, as stored beside its payload.
    pub fn kind(&self) -> &'static str {
        match self {
            Event::WorkshopCreated { .. } => "workshop_created",
            Event::ActivityAdded { .. } => "activity_added",
            Event::ActivityUpdated { .. } => "activity_updated",
            Event::ActivityRemoved { .. } => "activity_removed",
            Event::ActivityMoved { .. } => "activity_moved",
            Event::TimerStarted { .. } => "timer_started",
            Event::TimerPaused { .. } => "timer_paused",
            Event::TimerExtended { .. } => "timer_extended",
            Event::TimerShortened { .. } => "timer_shortened",
            Event::MoveUndone { .. } => "move_undone",
            Event::ActivityRestored { .. } => "activity_restored",
            Event::FocusChanged { .. } => "focus_changed",
            Event::SpotlightChanged { .. } => "spotlight_changed",
            Event::ProjectionZoomed { .. } => "projection_zoomed",
            Event::JoinPanelChanged { .. } => "join_panel_changed",
            Event::NamesOnScreenChanged { .. } => "names_on_screen_changed",
            Event::TablesFormed { .. } => "tables_formed",
            Event::ParticipantSeated { .. } => "participant_seated",
            Event::ParticipantLeft { .. } => "participant_left",
            Event::ParticipantReturned { .. } => "participant_returned",
            Event::ParticipantJoined { .. } => "participant_joined",
            Event::ParticipantRoleChanged { .. } => "participant_role_changed",
            Event::ParticipantRemoved { .. } => "participant_removed",
            Event::ParticipantMerged { .. } => "participant_merged",
            Event::JoiningLocked { .. } => "joining_locked",
            Event::JoinCodeRenewed => "join_code_renewed",
            Event::ActivityOpened { .. } => "activity_opened",
            Event::ActivityClosed { .. } => "activity_closed",
            Event::ContributionPosted { .. } => "contribution_posted",
            Event::ContributionMoved { .. } => "contribution_moved",
            Event::ContributionsMerged { .. } => "contributions_merged",
            Event::ContributionCategorized { .. } => "contribution_categorized",
            Event::ContributionHidden { .. } => "contribution_hidden",
            Event::ContributionShown { .. } => "contribution_shown",
            Event::ContributionEdited { .. } => "contribution_edited",
            Event::ContributionRemoved { .. } => "contribution_removed",
            Event::ContributionUnmerged { .. } => "contribution_unmerged",
            Event::BrainwritingStarted { .. } => "brainwriting_started",
            Event::BrainwritingRoundStarted { .. } => "brainwriting_round_started",
            Event::DeckCardAdded { .. } => "deck_card_added",
            Event::DeckCardRemoved { .. } => "deck_card_removed",
            Event::BallotCast { .. } => "ballot_cast",
            Event::ItemAssessed { .. } => "item_assessed",
            Event::ResultsFrozen { .. } => "results_frozen",
            Event::ShortlistSet { .. } => "shortlist_set",
            Event::SelectionRecorded { .. } => "selection_recorded",
            Event::ActionDrafted { .. } => "action_drafted",
            Event::ActionEdited { .. } => "action_edited",
            Event::ActionWithdrawn { .. } => "action_withdrawn",
            Event::ConsensusGiven { .. } => "consensus_given",
            Event::RiskRated { .. } => "risk_rated",
            Event::MitigationsLinked { .. } => "mitigations_linked",
            Event::FatesDecided { .. } => "fates_decided",
            Event::WorkshopClosed => "workshop_closed",
            Event::ActionStatusUpdated { .. } => "action_status_updated",
            Event::CommitmentSet { .. } => "commitment_set",
            Event::FollowUpPublished { .. } => "follow_up_published",
            Event::WorkshopDeleted => "workshop_deleted",
            Event::WorkshopArchived => "workshop_archived",
            Event::WorkshopRestored => "workshop_restored",
            Event::ScreenLinkIssued { .. } => "screen_link_issued",
            Event::ScreenLinkRevoked => "screen_link_revoked",
        }
    }
}

/// Who reads an output of a workshop, for what they may see of it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Audience {
    /// The facilitator's console: moderation needs the texts, reasons included, never who
    /// wrote them in confidence.
    Facilitator,
    /// Participants, experts and observers: what the room's pages show.
    Room,
}

impl Audience {
    pub fn of(role: Role) -> Audience {
        match role {
            Role::Facilitator => Audience::Facilitator,
            Role::Expert | Role::Participant | Role::Observer => Audience::Room,
        }
    }
}

/// What an audience may read of an event's payload (its `type` always stays).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Disclosure {
    /// All of it; the record's hash may go with it, since nothing was left out.
    Whole,
    /// All but these fields.
    Without(&'static [&'static str]),
    /// Only these fields: that something happened, and where, so pages know what to refresh.
    Only(&'static [&'static str]),
}

impl Event {
    /// The one rule for what `audience` may read of this event: who acted in confidence is
    /// read by nobody; individual ballots, scores and ratings are read by nobody (pages show
    /// totals); stances are read by the facilitator (the console lists objections and their
    /// reasons) and counted for the room; the brainwriting rotation is the server's secret.
    /// `workshop` is the state the event is read against: a note of an activity that is
    /// anonymous now is read as anonymous, even if it was posted signed.
    pub fn disclosure(&self, workshop: &crate::Workshop, audience: Audience) -> Disclosure {
        match self {
            Event::ContributionPosted { activity_id, author, .. } => {
                let anonymous = matches!(author, Subject::Pseudonym(_))
                    || workshop.activity(*activity_id).is_none_or(|activity| activity.settings.anonymous);
                if anonymous { Disclosure::Without(&["author", "sheet"]) } else { Disclosure::Whole }
            }
            // The reason is the facilitator's word to the author, not to the room; the room's
            // pages only need to know the note went.
            Event::ContributionHidden { .. } => match audience {
                Audience::Facilitator => Disclosure::Whole,
                Audience::Room => Disclosure::Only(&["contribution_id"]),
            },
            // Who corrected or deleted a note is read by nobody (the post's author may be a
            // pseudonym); the room's pages re-read the text they may show.
            Event::ContributionEdited { .. } | Event::ContributionRemoved { .. } => match audience {
                Audience::Facilitator => Disclosure::Without(&["author"]),
                Audience::Room => Disclosure::Only(&["contribution_id"]),
            },
            Event::BrainwritingStarted { .. } => Disclosure::Without(&["tables"]),
            Event::BallotCast { .. } => Disclosure::Only(&["activity_id"]),
            Event::ItemAssessed { .. } => Disclosure::Only(&["activity_id", "item"]),
            Event::RiskRated { .. } => Disclosure::Only(&["activity_id", "risk"]),
            Event::ConsensusGiven { .. } => match audience {
                Audience::Facilitator => Disclosure::Without(&["participant"]),
                Audience::Room => Disclosure::Only(&["action_id"]),
            },
            Event::ActionDrafted { .. } => Disclosure::Without(&["author"]),
            Event::ActionEdited { .. } => Disclosure::Without(&["editor"]),
            Event::WorkshopCreated { .. }
            | Event::ActivityAdded { .. }
            | Event::ActivityUpdated { .. }
            | Event::ActivityRemoved { .. }
            | Event::ActivityMoved { .. }
            | Event::TimerStarted { .. }
            | Event::TimerPaused { .. }
            | Event::TimerExtended { .. }
            | Event::TimerShortened { .. }
            | Event::MoveUndone { .. }
            | Event::ActivityRestored { .. }
            | Event::FocusChanged { .. }
            | Event::SpotlightChanged { .. }
            | Event::ProjectionZoomed { .. }
            | Event::JoinPanelChanged { .. }
            | Event::NamesOnScreenChanged { .. }
            | Event::TablesFormed { .. }
            | Event::ParticipantSeated { .. }
            | Event::ParticipantLeft { .. }
            | Event::ParticipantReturned { .. }
            | Event::ParticipantJoined { .. }
            | Event::ParticipantRoleChanged { .. }
            | Event::ParticipantRemoved { .. }
            | Event::ParticipantMerged { .. }
            | Event::JoiningLocked { .. }
            | Event::JoinCodeRenewed
            | Event::ActivityOpened { .. }
            | Event::ActivityClosed { .. }
            | Event::ContributionMoved { .. }
            | Event::ContributionsMerged { .. }
            | Event::ContributionCategorized { .. }
            | Event::ContributionShown { .. }
            | Event::ContributionUnmerged { .. }
            | Event::BrainwritingRoundStarted { .. }
            | Event::DeckCardAdded { .. }
            | Event::DeckCardRemoved { .. }
            | Event::ResultsFrozen { .. }
            // Contribution ids only: which notes go on, never who wrote, chose or ranked them.
            | Event::ShortlistSet { .. }
            | Event::SelectionRecorded { .. }
            | Event::ActionWithdrawn { .. }
            | Event::MitigationsLinked { .. }
            | Event::FatesDecided { .. }
            | Event::WorkshopClosed
            | Event::ActionStatusUpdated { .. }
            | Event::CommitmentSet { .. }
            | Event::FollowUpPublished { .. }
            | Event::WorkshopDeleted => Disclosure::Whole,
            // The facilitator's filing of the workshop: no field, nobody acting in confidence,
            // nothing personal. All anyone can read of it is that it happened.
            Event::WorkshopArchived | Event::WorkshopRestored => Disclosure::Whole,
            // A generation number opens nothing without the server's secret, and says nothing
            // about anyone: that the projection's address changed is all there is to read.
            Event::ScreenLinkIssued { .. } | Event::ScreenLinkRevoked => Disclosure::Whole,
        }
    }
}

/// An event with its place in the log and the moment it was recorded, as the fold needs it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TimedEvent {
    pub seq: u64,
    pub at: Timestamp,
    pub event: Event,
}

/// An activity to put on a workshop's agenda.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ActivitySpec {
    pub activity_id: ActivityId,
    pub kind: ActivityKind,
    pub title: crate::Title,
    pub prompt: crate::Prompt,
    /// Only `kind`'s own options: deciding refuses another kind's (`not_for_kind`).
    pub config: ActivityConfig,
}

/// A brainwriting sheet: the one started at `sheet` (a seat number) of table `table`, as it was
/// in round `round`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct SheetRef {
    pub table: u32,
    pub sheet: u32,
    pub round: u32,
}
