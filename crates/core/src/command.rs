//! Commands: what someone asks a workshop to do. The rules that turn them into events are in
//! `crate::decide`.

use crate::outcomes::{ActionCard, CalendarDate, FateDecision, Stance, StatusUpdate};
use crate::{
    AccountId, ActionId, ActivityConfig, ActivityId, ActivitySpec, ContributionId, ContributionKind, ParticipantId,
    Role, SheetRef,
};

/// Who is asking.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Actor {
    /// Someone who holds the join code but has not joined yet.
    Newcomer,
    Participant(ParticipantId),
    /// A facilitator account; it acts through its facilitator participant in the workshop.
    Account(AccountId),
}

/// What someone asks a workshop to do. Text arrives raw and is validated by
/// [`decide`](fn@crate::decide); identifiers are chosen by the caller so that deciding stays
/// deterministic.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Command {
    Join {
        participant_id: ParticipantId,
        profile_commitment: String,
    },
    ChangeRole {
        participant_id: ParticipantId,
        role: Role,
    },
    /// Takes someone out of the room: their tokens stop working, their words stay.
    RemoveParticipant {
        participant_id: ParticipantId,
    },
    /// Merges a duplicate (the same person, joined twice) into the participant they are.
    MergeParticipant {
        duplicate: ParticipantId,
        into: ParticipantId,
    },
    /// Locks joining (`true`), or opens it again.
    LockJoining {
        locked: bool,
    },
    /// Records that the join code was renewed beside the log, so every screen shows the new one.
    RenewJoinCode,
    /// Shows one contribution full screen on the projection, or (`None`) the board again.
    Spotlight {
        contribution_id: Option<ContributionId>,
    },
    /// Shows one part of a board alone on the projection (a category, a quadrant, a table),
    /// or (`None`) the whole board again.
    ZoomProjection {
        zoom: Option<crate::Zoom>,
    },
    /// How the projection shows the join code.
    SetJoinPanel {
        panel: crate::JoinPanel,
    },
    /// Leaves authors' names off the projection (`true`), or shows them again.
    HideNamesOnScreen {
        hidden: bool,
    },
    AddActivity(ActivitySpec),
    /// Edits an activity's title, prompt and configuration.
    UpdateActivity {
        activity_id: ActivityId,
        title: String,
        prompt: String,
        config: ActivityConfig,
    },
    RemoveActivity {
        activity_id: ActivityId,
    },
    MoveActivity {
        activity_id: ActivityId,
        position: u32,
    },
    OpenActivity {
        activity_id: ActivityId,
    },
    /// The items of its sources a not-yet-opened activity whose rule is `shortlist` takes.
    SetShortlist {
        activity_id: ActivityId,
        items: Vec<ContributionId>,
    },
    CloseActivity {
        activity_id: ActivityId,
    },
    /// Starts the timer, or resumes it; `minutes` sets it afresh (otherwise the planned time).
    /// `lock_at_zero`, when given, sets the activity's lock of posting at zero in the same
    /// decision (an `ActivityUpdated` before the timer, when it changes).
    StartTimer {
        activity_id: ActivityId,
        minutes: Option<u32>,
        lock_at_zero: Option<bool>,
    },
    PauseTimer {
        activity_id: ActivityId,
    },
    ExtendTimer {
        activity_id: ActivityId,
        minutes: u32,
    },
    /// Takes `minutes` off the timer; one that would go below zero ends now.
    ShortenTimer {
        activity_id: ActivityId,
        minutes: u32,
    },
    /// Undoes the facilitator's structural move recorded at `seq` (one of
    /// `Workshop::recent_moves`): a removed activity comes back where it was, an activity or a
    /// note goes back where it stood. The move stays on the record, and so does its undoing.
    Undo {
        seq: u64,
    },
    SetFocus {
        activity_id: Option<ActivityId>,
    },
    /// Takes the next step (`Workshop::next_step`) in one decision. Moving on to the next
    /// activity closes every open activity before it, opens it, sends every screen there and
    /// starts its timer at its planned minutes; the same events as those commands one after the
    /// other. On a brainwriting the step hands out the sheets, then passes them on
    /// (`StartBrainwriting`, `NextRound`) until the last round.
    /// `to` names the activity the facilitator was shown and `round`, for a step on the sheets,
    /// the round it begins: once the room is there (a second click, a retry) nothing more is
    /// recorded, and a step that now leads elsewhere is refused. `to` naming the activity after
    /// a brainwriting whose sheets still go round moves on without the remaining rounds.
    NextStep {
        to: Option<ActivityId>,
        round: Option<u32>,
    },
    /// Seats the room, e.g. as `tables::assign_tables` proposes.
    FormTables {
        tables: Vec<Vec<ParticipantId>>,
    },
    SeatParticipant {
        participant_id: ParticipantId,
        table: Option<u32>,
    },
    /// A participant leaves the room, or comes back; the facilitator may say so for them.
    SetPresence {
        participant_id: ParticipantId,
        present: bool,
    },
    PostContribution {
        contribution_id: ContributionId,
        activity_id: ActivityId,
        kind: Option<ContributionKind>,
        text: String,
        links: Vec<ContributionId>,
        card: Option<String>,
        /// For a brainwriting idea, the sheet it was written on as the writer's page showed it:
        /// if the sheets were passed on meanwhile, the idea is refused, never filed on another.
        sheet: Option<SheetRef>,
    },
    MoveContribution {
        contribution_id: ContributionId,
        kind: ContributionKind,
    },
    MergeContributions {
        into: ContributionId,
        merged: Vec<ContributionId>,
    },
    Categorize {
        activity_id: ActivityId,
        contribution_id: ContributionId,
        category: Option<u32>,
    },
    /// The facilitator hides a note from the room, with a reason its author reads.
    HideContribution {
        contribution_id: ContributionId,
        reason: String,
    },
    /// The facilitator shows a hidden note again.
    ShowContribution {
        contribution_id: ContributionId,
    },
    /// Corrects a note's text: the facilitator at any time, its author while the activity is
    /// open. The post stays on the record with the original text.
    EditContribution {
        contribution_id: ContributionId,
        text: String,
    },
    /// Takes a note away (spam, or its author deleting it while the activity is open): it is
    /// gone from every page; the record keeps it.
    RemoveContribution {
        contribution_id: ContributionId,
    },
    /// Splits a merged note back out of the note it was merged into: the compensating command
    /// of a merge. The note regains its own place (its kind, its category), which a merge never
    /// changed.
    UnmergeContribution {
        contribution_id: ContributionId,
    },
    /// Starts brainwriting with the room's tables (or one table of everyone present).
    StartBrainwriting {
        activity_id: ActivityId,
    },
    /// Passes the sheets on: the next round begins.
    NextRound {
        activity_id: ActivityId,
    },
    /// Adds a card to one of the workshop's own decks; a deck comes to exist with its first
    /// card. The image is already stored beside the log under `card_id`.
    AddDeckCard {
        deck: String,
        card_id: String,
        title: String,
        image_sha256: String,
        width: u32,
        height: u32,
    },
    /// Takes a card out of its deck, unless someone picked it (their words are about it).
    RemoveDeckCard {
        deck: String,
        card_id: String,
    },
    /// A participant's ballot in an open vote.
    CastBallot {
        activity_id: ActivityId,
        ballot: crate::voting::Ballot,
    },
    /// A participant's scores of one item in an open assessment.
    AssessItem {
        activity_id: ActivityId,
        item: ContributionId,
        scores: crate::voting::CriterionScores,
    },
    /// Drafts an action card in an action plan.
    DraftAction {
        action_id: ActionId,
        activity_id: ActivityId,
        card: ActionCard,
        sources: Vec<ContributionId>,
    },
    /// Edits an action card; `base_revision` is the revision the editor started from, so that
    /// two people editing the same card never silently overwrite each other.
    EditAction {
        action_id: ActionId,
        base_revision: u32,
        card: ActionCard,
        sources: Vec<ContributionId>,
    },
    WithdrawAction {
        action_id: ActionId,
    },
    /// A participant's consensus check on an action card. `revision` is the revision of the
    /// card they read: a stance on a text that has changed since is refused, not moved to it.
    GiveConsensus {
        action_id: ActionId,
        revision: Option<u32>,
        stance: Stance,
        reason: String,
    },
    RateRisk {
        activity_id: ActivityId,
        risk: ContributionId,
        likelihood: u8,
        impact: u8,
    },
    /// Sets the actions that mitigate a risk.
    LinkMitigations {
        risk: ContributionId,
        actions: Vec<ActionId>,
    },
    /// Decides the fate of contributions in bulk.
    DecideFates {
        contributions: Vec<ContributionId>,
        decision: FateDecision,
    },
    /// Ends the workshop: every activity closes; the follow-up begins.
    CloseWorkshop,
    /// Status updates of actions, applied all together or not at all, posted on `today` (the
    /// caller's clock: the core has none).
    UpdateActionStatuses {
        updates: Vec<StatusUpdate>,
        today: CalendarDate,
    },
    SetCommitment {
        action_id: ActionId,
        answerable: String,
        next_update_due: Option<CalendarDate>,
    },
    /// Publishes the follow-up page at `token`, or withdraws it.
    PublishFollowUp {
        token: Option<String>,
    },
    /// Deletes the workshop. One whose follow-up page is published is archived first, so that a
    /// public page never goes down in one step.
    DeleteWorkshop,
    /// Puts the workshop away (out of the facilitator's list, its public page still up).
    ArchiveWorkshop,
    /// Brings an archived workshop back.
    RestoreWorkshop,
    /// Gives the projection screen an address that needs no sign-in, the previous one stopping;
    /// with `renew` false, a workshop that has one keeps it.
    IssueScreenLink {
        renew: bool,
    },
    /// The projection screen's address stops working.
    RevokeScreenLink,
}

impl Command {
    /// True for what may still happen to a closed workshop: its follow-up (status updates, who
    /// answers, the public page, what became of each contribution), closing it again (a no-op),
    /// archiving, restoring and deleting it, and the projection screen's address. Everything else
    /// would change the record of the days after it was handed over. The screen's address
    /// changes nothing of that record (the closure report and export end at the closing): a
    /// closed workshop's screen shows the room's thanks and its figures, which the room saw; and
    /// an address handed out during the days must remain revocable after them.
    pub fn is_follow_up(&self) -> bool {
        match self {
            Command::CloseWorkshop
            | Command::DecideFates { .. }
            | Command::UpdateActionStatuses { .. }
            | Command::SetCommitment { .. }
            | Command::PublishFollowUp { .. }
            | Command::DeleteWorkshop
            | Command::ArchiveWorkshop
            | Command::RestoreWorkshop
            | Command::IssueScreenLink { .. }
            | Command::RevokeScreenLink => true,
            Command::Join { .. }
            | Command::ChangeRole { .. }
            | Command::RemoveParticipant { .. }
            | Command::MergeParticipant { .. }
            | Command::LockJoining { .. }
            | Command::RenewJoinCode
            | Command::Spotlight { .. }
            | Command::ZoomProjection { .. }
            | Command::SetJoinPanel { .. }
            | Command::HideNamesOnScreen { .. }
            | Command::AddActivity(_)
            | Command::UpdateActivity { .. }
            | Command::RemoveActivity { .. }
            | Command::MoveActivity { .. }
            | Command::OpenActivity { .. }
            | Command::CloseActivity { .. }
            | Command::SetShortlist { .. }
            | Command::StartTimer { .. }
            | Command::PauseTimer { .. }
            | Command::ExtendTimer { .. }
            | Command::ShortenTimer { .. }
            | Command::Undo { .. }
            | Command::SetFocus { .. }
            | Command::NextStep { .. }
            | Command::FormTables { .. }
            | Command::SeatParticipant { .. }
            | Command::SetPresence { .. }
            | Command::PostContribution { .. }
            | Command::MoveContribution { .. }
            | Command::MergeContributions { .. }
            | Command::Categorize { .. }
            | Command::HideContribution { .. }
            | Command::ShowContribution { .. }
            | Command::EditContribution { .. }
            | Command::RemoveContribution { .. }
            | Command::UnmergeContribution { .. }
            | Command::StartBrainwriting { .. }
            | Command::NextRound { .. }
            | Command::AddDeckCard { .. }
            | Command::RemoveDeckCard { .. }
            | Command::CastBallot { .. }
            | Command::AssessItem { .. }
            | Command::DraftAction { .. }
            | Command::EditAction { .. }
            | Command::WithdrawAction { .. }
            | Command::GiveConsensus { .. }
            | Command::RateRisk { .. }
            | Command::LinkMitigations { .. } => false,
        }
    }
}
