//! The one error type of the domain. Each variant has a stable machine code that the API
//! returns and the pages translate.

use crate::{ActivityId, ActivityKind, ContributionId, ContributionKind, ParticipantId};

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum DomainError {
    #[error("the {field} is empty")]
    TextEmpty { field: &'static str },
    #[error("the {field} has {actual} characters; the limit is {max}")]
    TextTooLong { field: &'static str, max: usize, actual: usize },
    #[error("the {field} contains control characters")]
    ControlCharacters { field: &'static str },
    #[error("only the workshop's facilitator may do this")]
    FacilitatorOnly,
    #[error("observers follow the workshop but do not contribute")]
    ObserverCannotContribute,
    #[error("the facilitator and observers run or follow the vote but do not vote")]
    NotAVoter,
    #[error("participant {0} is not part of this workshop")]
    UnknownParticipant(ParticipantId),
    #[error("this person already takes part in the workshop")]
    AlreadyJoined,
    #[error("activity {0} is not on this workshop's agenda")]
    UnknownActivity(ActivityId),
    #[error("activity {0} is already on the agenda")]
    DuplicateActivity(ActivityId),
    #[error("the activity is not open")]
    ActivityNotOpen,
    #[error("the activity is already open")]
    ActivityAlreadyOpen,
    #[error("the activity is not open, so it cannot be closed")]
    ActivityNotOpenToClose,
    #[error("a {activity:?} activity does not take new contributions")]
    ContributionsNotAccepted { activity: ActivityKind },
    #[error("a {activity:?} activity does not take contributions of kind {kind:?}")]
    ContributionKindNotAccepted { activity: ActivityKind, kind: ContributionKind },
    #[error("this activity needs the kind of the contribution to be chosen")]
    ContributionKindRequired,
    #[error("contribution {0} is not in this workshop")]
    UnknownContribution(ContributionId),
    #[error("contribution {0} already exists")]
    DuplicateContribution(ContributionId),
    #[error("a contribution may link to at most {max} others")]
    TooManyLinks { max: usize },
    #[error("the workshop has been deleted")]
    WorkshopDeleted,
    #[error("the first facilitator must be an account")]
    CreatorMustBeAnAccount,
    #[error("the activity's {reason} setting is not valid")]
    InvalidConfig { reason: &'static str },
    #[error("an activity that has contributions cannot be removed")]
    ActivityHasContributions,
    #[error("position {0} is beyond the agenda")]
    PositionOutOfRange(u32),
    #[error("the timer is not running")]
    TimerNotRunning,
    #[error("the timer is already running")]
    TimerAlreadyRunning,
    #[error("the time is up: the activity takes no more posts")]
    TimeIsUp,
    #[error("there is no such move to undo")]
    NothingToUndo,
    #[error("a participant appears twice in the tables")]
    DuplicateSeat,
    #[error("table {0} does not exist")]
    UnknownTable(u32),
    #[error("a contribution cannot be merged into itself or into a merged one")]
    InvalidMerge,
    #[error("category {0} does not exist in this activity")]
    UnknownCategory(u32),
    #[error("this note is not among the ones this activity sorts")]
    NotASource,
    #[error("the shortlist is fixed once the activity has opened, and only for a shortlist rule")]
    ShortlistLocked,
    #[error("pick an image card")]
    CardRequired,
    #[error("a reformulation must name the challenge it rewrites")]
    SourceChallengeRequired,
    #[error("brainwriting has not started in this activity")]
    BrainwritingNotStarted,
    #[error("brainwriting has already started in this activity")]
    BrainwritingAlreadyStarted,
    #[error("every sheet has been round its table: brainwriting is complete")]
    BrainwritingComplete,
    #[error("you hold no sheet in this round")]
    NoSheetThisRound,
    #[error("the sheets were passed on while this idea was written; it was not filed")]
    SheetPassedOn,
    #[error("you have written the {max} ideas this round allows on this sheet")]
    RoundIdeasSpent { max: u32 },
    #[error("this activity kind does not use that")]
    WrongActivityKind,
    #[error("the ballot is not valid for this vote: {reason}")]
    InvalidBallot { reason: &'static str },
    #[error("this is not one of the items of this activity")]
    NotAnItem,
    #[error("results are frozen once the activity is closed")]
    ActivityStillOpen,
    #[error("a deck name is a short key (a-z, 0-9, - and _), and `builtin` is the shipped deck's")]
    InvalidDeckName,
    #[error("a card id is a short key (a-z, 0-9, - and _)")]
    InvalidCardId,
    #[error("this card is not in the deck")]
    UnknownCard,
    #[error("a card with this id already exists in this workshop")]
    DuplicateCard,
    #[error("a deck holds at most {max} cards")]
    DeckFull { max: usize },
    #[error("someone picked this card, so it stays in the deck")]
    CardPicked,
    #[error("action {0} is not in this workshop")]
    UnknownAction(crate::ActionId),
    #[error("action {0} already exists")]
    DuplicateAction(crate::ActionId),
    #[error("this jurisdiction is not one of the activity's")]
    UnknownJurisdiction,
    #[error("an action card names at least one contribution it comes from")]
    SourcesRequired,
    #[error("an action card names at most {max} sources")]
    TooManySources { max: usize },
    #[error("someone else changed this card meanwhile (it is at revision {current})")]
    EditConflict { current: u32 },
    #[error(
        "this card changed since it was read (it is at revision {current}): a stance is given on the text as it is"
    )]
    CardChanged { current: u32 },
    #[error("this action was withdrawn")]
    ActionWithdrawn,
    #[error("an objection says why")]
    ReasonRequired,
    #[error("ratings go from 1 to 5")]
    InvalidRating,
    #[error("this is not a risk of this activity")]
    NotARisk,
    #[error("a merged note shares the fate of the note it was merged into")]
    FateOfMergedNote,
    #[error("too many items at once (at most {max})")]
    BatchTooLarge { max: usize },
    #[error("the workshop is closed")]
    WorkshopClosed,
    #[error("the workshop is not closed yet, so its record has no closing")]
    WorkshopStillOpen,
    #[error("joining this workshop is locked")]
    JoiningLocked,
    #[error("the facilitator removed this participant from the workshop")]
    ParticipantRemoved,
    #[error("this duplicate voted, scored, rated, took a stance or wrote in confidence: merging would reveal it")]
    MergeWouldReveal,
    #[error("a participant cannot be merged into themselves")]
    MergeIntoItself,
    #[error("a follow-up address is 16 to 64 letters, digits, - or _")]
    InvalidFollowUpToken,
    #[error("progress is recorded once it has happened: its date cannot be after today")]
    EffectiveDateInFuture,
    #[error("progress on an action cannot date from before its workshop")]
    EffectiveDateBeforeWorkshop,
    #[error("the next update cannot be due before today")]
    NextUpdateInPast,
    #[error("the next update was due on a day that has passed: the update gives the date of the next one")]
    NextUpdateRequired,
    #[error("the workshop's follow-up page is public: the workshop is archived first, then deleted for good")]
    FollowUpPagePublished,
    #[error("the agenda has no activity after the current one")]
    NoNextActivity,
    #[error("the next step no longer leads to this activity: the agenda moved on meanwhile")]
    NotTheNextActivity,
    #[error("the next activity works on a shortlist and nothing is shortlisted yet: tick its ideas first")]
    NothingShortlisted,
    #[error("only its author or the facilitator may change this note")]
    NotYourContribution,
    #[error("the activity is closed: its notes can no longer be changed or deleted")]
    ActivityNotOpenForChanges,
    #[error("this note was removed")]
    ContributionGone,
    #[error("this note is not merged into another")]
    NotMerged,
    #[error("say why the note is hidden: its author reads the reason")]
    HideReasonRequired,
    #[error("this note is hidden from the room")]
    ContributionHidden,
}

impl DomainError {
    /// A stable code for clients and for the message catalogue. Never rename one.
    pub fn code(&self) -> &'static str {
        match self {
            DomainError::TextEmpty { .. } => "text_empty",
            DomainError::TextTooLong { .. } => "text_too_long",
            DomainError::ControlCharacters { .. } => "control_characters",
            DomainError::FacilitatorOnly => "facilitator_only",
            DomainError::ObserverCannotContribute => "observer_cannot_contribute",
            DomainError::NotAVoter => "not_a_voter",
            DomainError::UnknownParticipant(_) => "unknown_participant",
            DomainError::AlreadyJoined => "already_joined",
            DomainError::UnknownActivity(_) => "unknown_activity",
            DomainError::DuplicateActivity(_) => "duplicate_activity",
            DomainError::ActivityNotOpen => "activity_not_open",
            DomainError::ActivityAlreadyOpen => "activity_already_open",
            DomainError::ActivityNotOpenToClose => "activity_not_open_to_close",
            DomainError::ContributionsNotAccepted { .. } => "contributions_not_accepted",
            DomainError::ContributionKindNotAccepted { .. } => "contribution_kind_not_accepted",
            DomainError::ContributionKindRequired => "contribution_kind_required",
            DomainError::UnknownContribution(_) => "unknown_contribution",
            DomainError::DuplicateContribution(_) => "duplicate_contribution",
            DomainError::TooManyLinks { .. } => "too_many_links",
            DomainError::WorkshopDeleted => "workshop_deleted",
            DomainError::CreatorMustBeAnAccount => "creator_must_be_an_account",
            DomainError::InvalidConfig { .. } => "invalid_config",
            DomainError::ActivityHasContributions => "activity_has_contributions",
            DomainError::PositionOutOfRange(_) => "position_out_of_range",
            DomainError::TimerNotRunning => "timer_not_running",
            DomainError::TimerAlreadyRunning => "timer_already_running",
            DomainError::TimeIsUp => "time_is_up",
            DomainError::NothingToUndo => "nothing_to_undo",
            DomainError::DuplicateSeat => "duplicate_seat",
            DomainError::UnknownTable(_) => "unknown_table",
            DomainError::InvalidMerge => "invalid_merge",
            DomainError::UnknownCategory(_) => "unknown_category",
            DomainError::NotASource => "not_a_source",
            DomainError::ShortlistLocked => "shortlist_locked",
            DomainError::CardRequired => "card_required",
            DomainError::SourceChallengeRequired => "source_challenge_required",
            DomainError::BrainwritingNotStarted => "brainwriting_not_started",
            DomainError::BrainwritingAlreadyStarted => "brainwriting_already_started",
            DomainError::BrainwritingComplete => "brainwriting_complete",
            DomainError::NoSheetThisRound => "no_sheet_this_round",
            DomainError::SheetPassedOn => "sheet_passed_on",
            DomainError::RoundIdeasSpent { .. } => "round_ideas_spent",
            DomainError::WrongActivityKind => "wrong_activity_kind",
            DomainError::InvalidBallot { .. } => "invalid_ballot",
            DomainError::NotAnItem => "not_an_item",
            DomainError::ActivityStillOpen => "activity_still_open",
            DomainError::InvalidDeckName => "invalid_deck_name",
            DomainError::InvalidCardId => "invalid_card_id",
            DomainError::UnknownCard => "unknown_card",
            DomainError::DuplicateCard => "duplicate_card",
            DomainError::DeckFull { .. } => "deck_full",
            DomainError::CardPicked => "card_picked",
            DomainError::UnknownAction(_) => "unknown_action",
            DomainError::DuplicateAction(_) => "duplicate_action",
            DomainError::UnknownJurisdiction => "unknown_jurisdiction",
            DomainError::SourcesRequired => "sources_required",
            DomainError::TooManySources { .. } => "too_many_sources",
            DomainError::EditConflict { .. } => "edit_conflict",
            DomainError::CardChanged { .. } => "card_changed",
            DomainError::ActionWithdrawn => "action_withdrawn",
            DomainError::ReasonRequired => "reason_required",
            DomainError::InvalidRating => "invalid_rating",
            DomainError::NotARisk => "not_a_risk",
            DomainError::FateOfMergedNote => "fate_of_merged_note",
            DomainError::BatchTooLarge { .. } => "batch_too_large",
            DomainError::WorkshopClosed => "workshop_closed",
            DomainError::WorkshopStillOpen => "workshop_still_open",
            DomainError::JoiningLocked => "joining_locked",
            DomainError::ParticipantRemoved => "participant_removed",
            DomainError::MergeWouldReveal => "merge_would_reveal",
            DomainError::MergeIntoItself => "merge_into_itself",
            DomainError::InvalidFollowUpToken => "invalid_follow_up_token",
            DomainError::EffectiveDateInFuture => "effective_date_in_future",
            DomainError::EffectiveDateBeforeWorkshop => "effective_date_before_workshop",
            DomainError::NextUpdateInPast => "next_update_in_past",
            DomainError::NextUpdateRequired => "next_update_required",
            DomainError::FollowUpPagePublished => "follow_up_page_published",
            DomainError::NoNextActivity => "no_next_activity",
            DomainError::NotTheNextActivity => "not_the_next_activity",
            DomainError::NothingShortlisted => "nothing_shortlisted",
            DomainError::NotYourContribution => "not_your_contribution",
            DomainError::ActivityNotOpenForChanges => "activity_not_open_for_changes",
            DomainError::ContributionGone => "contribution_gone",
            DomainError::NotMerged => "not_merged",
            DomainError::HideReasonRequired => "hide_reason_required",
            DomainError::ContributionHidden => "contribution_hidden",
        }
    }

    /// True when the actor lacks the right, as opposed to the request being malformed or
    /// arriving at the wrong moment; the edge answers 403 for these.
    pub fn is_forbidden(&self) -> bool {
        matches!(
            self,
            DomainError::FacilitatorOnly
                | DomainError::ObserverCannotContribute
                | DomainError::NotAVoter
                | DomainError::UnknownParticipant(_)
                | DomainError::JoiningLocked
                | DomainError::ParticipantRemoved
                | DomainError::NotYourContribution
        )
    }
}
