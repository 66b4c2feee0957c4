//! Commands and the rules that turn them into events.

use crate::outcomes::{
    Action, ActionCard, ActionStatus, CalendarDate, FateDecision, GivenStance, Stance, StatusUpdate,
};
use crate::state::Timer;
use crate::text::{CardTitle, NoteText, Prompt, Title};
use crate::{
    AccountId, ActionId, Activity, ActivityConfig, ActivityId, ActivityKind, ActivitySpec, ActivityStatus,
    ContributionId, ContributionKind, DomainError, Event, Keyring, Language, ParticipantId, Role, Scope, SheetRef,
    Subject, Workshop, limits,
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

/// What someone asks a workshop to do. Text arrives raw and is validated by [`decide`];
/// identifiers are chosen by the caller so that deciding stays deterministic.
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
    CloseActivity {
        activity_id: ActivityId,
    },
    /// Starts the timer, or resumes it; `minutes` sets it afresh (otherwise the planned time).
    StartTimer {
        activity_id: ActivityId,
        minutes: Option<u32>,
    },
    PauseTimer {
        activity_id: ActivityId,
    },
    ExtendTimer {
        activity_id: ActivityId,
        minutes: u32,
    },
    SetFocus {
        activity_id: Option<ActivityId>,
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
}

impl Command {
    /// True for what may still happen to a closed workshop: its follow-up (status updates, who
    /// answers, the public page, what became of each contribution), closing it again (a no-op),
    /// archiving, restoring and deleting it. Everything else would change the record of the days
    /// after it was handed over.
    pub fn is_follow_up(&self) -> bool {
        match self {
            Command::CloseWorkshop
            | Command::DecideFates { .. }
            | Command::UpdateActionStatuses { .. }
            | Command::SetCommitment { .. }
            | Command::PublishFollowUp { .. }
            | Command::DeleteWorkshop
            | Command::ArchiveWorkshop
            | Command::RestoreWorkshop => true,
            Command::Join { .. }
            | Command::ChangeRole { .. }
            | Command::RemoveParticipant { .. }
            | Command::MergeParticipant { .. }
            | Command::LockJoining { .. }
            | Command::RenewJoinCode
            | Command::AddActivity(_)
            | Command::UpdateActivity { .. }
            | Command::RemoveActivity { .. }
            | Command::MoveActivity { .. }
            | Command::OpenActivity { .. }
            | Command::CloseActivity { .. }
            | Command::StartTimer { .. }
            | Command::PauseTimer { .. }
            | Command::ExtendTimer { .. }
            | Command::SetFocus { .. }
            | Command::FormTables { .. }
            | Command::SeatParticipant { .. }
            | Command::SetPresence { .. }
            | Command::PostContribution { .. }
            | Command::MoveContribution { .. }
            | Command::MergeContributions { .. }
            | Command::Categorize { .. }
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

/// A timer's length when neither the command nor the activity says.
const DEFAULT_TIMER_MINUTES: u32 = 5;
const MINUTE_MS: u64 = 60_000;

/// The events that start a workshop: its creation, its agenda, and its creator as facilitator.
pub fn decide_create(
    title: &str,
    language: Language,
    creator: AccountId,
    creator_participant: ParticipantId,
    creator_commitment: String,
    agenda: Vec<ActivitySpec>,
) -> Result<Vec<Event>, DomainError> {
    let title = Title::parse(title)?;
    let mut earlier = Vec::new();
    let mut events = vec![Event::WorkshopCreated { title: title.into_string(), language, created_by: creator }];
    for spec in agenda {
        if earlier.contains(&spec.activity_id) {
            return Err(DomainError::DuplicateActivity(spec.activity_id));
        }
        spec.config.check(spec.kind, spec.activity_id, &earlier)?;
        earlier.push(spec.activity_id);
        events.push(activity_added(spec));
    }
    events.push(Event::ParticipantJoined {
        participant_id: creator_participant,
        role: Role::Facilitator,
        profile_commitment: creator_commitment,
        account: Some(creator),
    });
    Ok(events)
}

fn activity_added(spec: ActivitySpec) -> Event {
    Event::ActivityAdded {
        activity_id: spec.activity_id,
        kind: spec.kind,
        title: spec.title.into_string(),
        prompt: spec.prompt.into_string(),
        config: spec.config,
    }
}

/// Checks `command` against `workshop` and the actor's role, and returns the events that
/// record its effect. Nothing is changed here: the caller appends the events, then folds them.
/// Checks `command` as `actor` asks it and returns the events that record it. `keyring` holds
/// the participants' keys, which turn whoever acts in confidence into a pseudonym.
pub fn decide(
    workshop: &Workshop,
    actor: Actor,
    command: Command,
    keyring: &Keyring,
) -> Result<Vec<Event>, DomainError> {
    if workshop.deleted {
        return Err(DomainError::WorkshopDeleted);
    }
    // A closed workshop's record is handed over: only its follow-up goes on.
    if workshop.closed_at.is_some() && !command.is_follow_up() {
        return Err(DomainError::WorkshopClosed);
    }
    match command {
        Command::Join { participant_id, profile_commitment } => {
            if workshop.participants.contains_key(&participant_id) {
                return Err(DomainError::AlreadyJoined);
            }
            if actor != Actor::Newcomer {
                return Err(DomainError::AlreadyJoined);
            }
            if workshop.joining_locked {
                return Err(DomainError::JoiningLocked);
            }
            Ok(vec![Event::ParticipantJoined {
                participant_id,
                role: Role::Participant,
                profile_commitment,
                account: None,
            }])
        }
        Command::ChangeRole { participant_id, role } => {
            require_facilitator(workshop, actor)?;
            let participant =
                workshop.participants.get(&participant_id).ok_or(DomainError::UnknownParticipant(participant_id))?;
            // Facilitators are accounts; a participant is never promoted into one, and the
            // account holders keep their role so the workshop is never left without one.
            if role == Role::Facilitator || participant.role == Role::Facilitator {
                return Err(DomainError::FacilitatorOnly);
            }
            if participant.role == role {
                return Ok(Vec::new());
            }
            Ok(vec![Event::ParticipantRoleChanged { participant_id, role }])
        }
        Command::RemoveParticipant { participant_id } => {
            require_facilitator(workshop, actor)?;
            let participant =
                workshop.participants.get(&participant_id).ok_or(DomainError::UnknownParticipant(participant_id))?;
            // The facilitators are accounts: they leave by their account, not from the room.
            if participant.role == Role::Facilitator {
                return Err(DomainError::FacilitatorOnly);
            }
            Ok(vec![Event::ParticipantRemoved { participant_id }])
        }
        Command::MergeParticipant { duplicate, into } => {
            require_facilitator(workshop, actor)?;
            if duplicate == into {
                return Err(DomainError::MergeIntoItself);
            }
            for id in [duplicate, into] {
                let participant = workshop.participants.get(&id).ok_or(DomainError::UnknownParticipant(id))?;
                if participant.role == Role::Facilitator {
                    return Err(DomainError::FacilitatorOnly);
                }
            }
            // One voice per person cannot be restored after the fact without telling: dropping
            // one of two ballots next to a merge that names the person would show how they
            // voted. So only a duplicate who never acted in confidence merges; for the others,
            // joining again under the same name offers to resume instead.
            if workshop.acted_in_confidence(keyring, duplicate) {
                return Err(DomainError::MergeWouldReveal);
            }
            Ok(vec![Event::ParticipantMerged { duplicate, into }])
        }
        Command::LockJoining { locked } => {
            require_facilitator(workshop, actor)?;
            if workshop.joining_locked == locked {
                return Ok(Vec::new());
            }
            Ok(vec![Event::JoiningLocked { locked }])
        }
        Command::RenewJoinCode => {
            require_facilitator(workshop, actor)?;
            Ok(vec![Event::JoinCodeRenewed])
        }
        Command::AddActivity(spec) => {
            require_facilitator(workshop, actor)?;
            if workshop.activity(spec.activity_id).is_some() {
                return Err(DomainError::DuplicateActivity(spec.activity_id));
            }
            let earlier: Vec<ActivityId> = workshop.activities.iter().map(|activity| activity.id).collect();
            spec.config.check(spec.kind, spec.activity_id, &earlier)?;
            Ok(vec![activity_added(spec)])
        }
        Command::UpdateActivity { activity_id, title, prompt, config } => {
            require_facilitator(workshop, actor)?;
            let position = position_of(workshop, activity_id)?;
            let activity = &workshop.activities[position];
            let title = Title::parse(&title)?;
            let prompt = Prompt::parse(&prompt)?;
            let earlier: Vec<ActivityId> = workshop.activities[..position].iter().map(|activity| activity.id).collect();
            config.check(activity.kind, activity_id, &earlier)?;
            // Anonymity, once the room has seen it, stays: turning it off would sign what was
            // posted under it, or what someone posts from a page still saying "anonymous".
            // Turning it on is always possible, except in a brainwriting under way, whose seat
            // order a signed board has already shown.
            if activity.config.anonymous != config.anonymous
                && let Some(reason) = workshop.anonymity_fixed(activity)
            {
                return Err(DomainError::InvalidConfig { reason });
            }
            // Ballots were cast under the vote's rules; changing them would miscount those ballots.
            let has_ballots = !activity.ballots.is_empty() || !activity.comparisons.is_empty();
            if has_ballots && config.vote_rules() != activity.config.vote_rules() {
                return Err(DomainError::InvalidConfig { reason: "vote_locked" });
            }
            if activity.title == title.as_str() && activity.prompt == prompt.as_str() && activity.config == config {
                return Ok(Vec::new());
            }
            Ok(vec![Event::ActivityUpdated {
                activity_id,
                title: title.into_string(),
                prompt: prompt.into_string(),
                config,
            }])
        }
        Command::RemoveActivity { activity_id } => {
            require_facilitator(workshop, actor)?;
            position_of(workshop, activity_id)?;
            // The room's words and votes stay on the record, and their activity with them.
            if workshop.activity(activity_id).is_some_and(|activity| workshop.has_room_input(activity)) {
                return Err(DomainError::ActivityHasContributions);
            }
            Ok(vec![Event::ActivityRemoved { activity_id }])
        }
        Command::MoveActivity { activity_id, position } => {
            require_facilitator(workshop, actor)?;
            let from = position_of(workshop, activity_id)?;
            if position as usize >= workshop.activities.len() {
                return Err(DomainError::PositionOutOfRange(position));
            }
            let mut order: Vec<ActivityId> = workshop.activities.iter().map(|activity| activity.id).collect();
            order.remove(from);
            order.insert(position as usize, activity_id);
            // Activities keep working on earlier ones only: a move may not put a source after
            // the activity that uses it.
            for (index, activity) in order.iter().enumerate() {
                let Some(activity) = workshop.activity(*activity) else { continue };
                if activity.config.sources.iter().any(|source| !order[..index].contains(source)) {
                    return Err(DomainError::InvalidConfig { reason: "sources" });
                }
            }
            if from == position as usize {
                return Ok(Vec::new());
            }
            Ok(vec![Event::ActivityMoved { activity_id, position }])
        }
        Command::StartTimer { activity_id, minutes } => {
            require_facilitator(workshop, actor)?;
            let activity = workshop.activity(activity_id).ok_or(DomainError::UnknownActivity(activity_id))?;
            // A closed activity's time is over; reopening it gives it a timer again.
            if activity.status == ActivityStatus::Closed {
                return Err(DomainError::ActivityNotOpen);
            }
            if let Some(minutes) = minutes
                && (minutes == 0 || minutes > crate::config_limits::MINUTES_MAX)
            {
                return Err(DomainError::InvalidConfig { reason: "minutes" });
            }
            let planned = u64::from(activity.config.minutes.unwrap_or(DEFAULT_TIMER_MINUTES)) * MINUTE_MS;
            // Starting a running timer starts it afresh: the facilitator presses "start" again
            // when the time is up (the core has no clock to tell an expired timer from another).
            let remaining_ms = match (minutes, activity.timer) {
                (Some(minutes), _) => u64::from(minutes) * MINUTE_MS,
                (None, Some(Timer::Paused { remaining_ms })) if remaining_ms > 0 => remaining_ms,
                (None, _) => planned,
            };
            Ok(vec![Event::TimerStarted { activity_id, remaining_ms }])
        }
        Command::PauseTimer { activity_id } => {
            require_facilitator(workshop, actor)?;
            let activity = workshop.activity(activity_id).ok_or(DomainError::UnknownActivity(activity_id))?;
            match activity.timer {
                Some(Timer::Running { .. }) => Ok(vec![Event::TimerPaused { activity_id }]),
                _ => Err(DomainError::TimerNotRunning),
            }
        }
        Command::ExtendTimer { activity_id, minutes } => {
            require_facilitator(workshop, actor)?;
            let activity = workshop.activity(activity_id).ok_or(DomainError::UnknownActivity(activity_id))?;
            if activity.status == ActivityStatus::Closed {
                return Err(DomainError::ActivityNotOpen);
            }
            if minutes == 0 || minutes > crate::config_limits::MINUTES_MAX {
                return Err(DomainError::InvalidConfig { reason: "minutes" });
            }
            Ok(vec![Event::TimerExtended { activity_id, extra_ms: u64::from(minutes) * MINUTE_MS }])
        }
        Command::SetFocus { activity_id } => {
            require_facilitator(workshop, actor)?;
            if let Some(activity_id) = activity_id {
                workshop.activity(activity_id).ok_or(DomainError::UnknownActivity(activity_id))?;
            }
            if workshop.focus == activity_id {
                return Ok(Vec::new());
            }
            Ok(vec![Event::FocusChanged { activity_id }])
        }
        Command::FormTables { tables } => {
            require_facilitator(workshop, actor)?;
            let mut seen = Vec::new();
            for participant in tables.iter().flatten() {
                if !workshop.participants.contains_key(participant) {
                    return Err(DomainError::UnknownParticipant(*participant));
                }
                if seen.contains(participant) {
                    return Err(DomainError::DuplicateSeat);
                }
                seen.push(*participant);
            }
            let tables: Vec<Vec<ParticipantId>> = tables.into_iter().filter(|seats| !seats.is_empty()).collect();
            Ok(vec![Event::TablesFormed { tables }])
        }
        Command::SeatParticipant { participant_id, table } => {
            require_facilitator(workshop, actor)?;
            if !workshop.participants.contains_key(&participant_id) {
                return Err(DomainError::UnknownParticipant(participant_id));
            }
            // A new table may be opened next to the existing ones, not further.
            if let Some(table) = table
                && table as usize > workshop.tables.len()
            {
                return Err(DomainError::UnknownTable(table));
            }
            if workshop.table_of(participant_id) == table {
                return Ok(Vec::new());
            }
            Ok(vec![Event::ParticipantSeated { participant_id, table }])
        }
        Command::SetPresence { participant_id, present } => {
            let participant =
                workshop.participants.get(&participant_id).ok_or(DomainError::UnknownParticipant(participant_id))?;
            if actor != Actor::Participant(participant_id) {
                require_facilitator(workshop, actor)?;
            }
            if participant.present == present {
                return Ok(Vec::new());
            }
            Ok(vec![if present {
                Event::ParticipantReturned { participant_id }
            } else {
                Event::ParticipantLeft { participant_id }
            }])
        }
        Command::OpenActivity { activity_id } => {
            require_facilitator(workshop, actor)?;
            let activity = workshop.activity(activity_id).ok_or(DomainError::UnknownActivity(activity_id))?;
            if activity.status == ActivityStatus::Open {
                return Err(DomainError::ActivityAlreadyOpen);
            }
            Ok(vec![Event::ActivityOpened { activity_id }])
        }
        Command::CloseActivity { activity_id } => {
            require_facilitator(workshop, actor)?;
            let activity = workshop.activity(activity_id).ok_or(DomainError::UnknownActivity(activity_id))?;
            if activity.status != ActivityStatus::Open {
                return Err(DomainError::ActivityNotOpenToClose);
            }
            Ok(vec![Event::ActivityClosed { activity_id }])
        }
        Command::PostContribution { contribution_id, activity_id, kind, text, links, card, sheet: written_on } => {
            let participant = require_contributor(workshop, actor)?;
            if let Some(existing) = workshop.contribution(contribution_id) {
                // The same post sent again (a retry after a lost answer, a resubmitted form) is
                // already recorded, even if the activity has closed since: accept it without
                // recording it twice.
                let same = keyring.is(participant, Scope::Contribution(contribution_id), &existing.author)
                    && existing.activity_id == activity_id
                    && kind.is_none_or(|kind| kind == existing.kind)
                    && NoteText::parse(&text).is_ok_and(|text| text.as_str() == existing.text);
                return if same { Ok(Vec::new()) } else { Err(DomainError::DuplicateContribution(contribution_id)) };
            }
            let activity = workshop.activity(activity_id).ok_or(DomainError::UnknownActivity(activity_id))?;
            if !activity.kind.accepts_contributions() {
                return Err(DomainError::ContributionsNotAccepted { activity: activity.kind });
            }
            if activity.status != ActivityStatus::Open {
                return Err(DomainError::ActivityNotOpen);
            }
            let kind = match kind {
                Some(kind) if activity.kind.accepted_contributions().contains(&kind) => kind,
                Some(kind) => return Err(DomainError::ContributionKindNotAccepted { activity: activity.kind, kind }),
                None => activity.kind.default_contribution().ok_or(DomainError::ContributionKindRequired)?,
            };
            let text = NoteText::parse(&text)?;
            if links.len() > limits::LINKS_MAX {
                return Err(DomainError::TooManyLinks { max: limits::LINKS_MAX });
            }
            let mut unique_links = Vec::with_capacity(links.len());
            for link in links {
                if workshop.contribution(link).is_none() {
                    return Err(DomainError::UnknownContribution(link));
                }
                if !unique_links.contains(&link) {
                    unique_links.push(link);
                }
            }
            let card = match (activity.kind, card) {
                (ActivityKind::PhotoLanguage, Some(card)) if crate::valid_key(&card) => {
                    // An uploaded deck is known here, so its cards are checked; the built-in
                    // deck belongs to the edge, which offers only its own cards.
                    if workshop.uploaded_deck(activity).is_some_and(|cards| !cards.iter().any(|known| known.id == card))
                    {
                        return Err(DomainError::UnknownCard);
                    }
                    Some(card)
                }
                (ActivityKind::PhotoLanguage, _) => return Err(DomainError::CardRequired),
                (_, _) => None,
            };
            if activity.kind == ActivityKind::Reformulate
                && !unique_links
                    .iter()
                    .filter_map(|link| workshop.contribution(*link))
                    .any(|linked| linked.kind == ContributionKind::Challenge)
            {
                return Err(DomainError::SourceChallengeRequired);
            }
            let sheet = match activity.kind {
                ActivityKind::Brainwriting => {
                    let brainwriting = activity.brainwriting.as_ref().ok_or(DomainError::BrainwritingNotStarted)?;
                    let sheet = seat_of(keyring, brainwriting, participant, activity_id)
                        .and_then(|seat| brainwriting.sheet_of(&seat))
                        .ok_or(DomainError::NoSheetThisRound)?;
                    if written_on.is_some_and(|written_on| written_on != sheet) {
                        return Err(DomainError::SheetPassedOn);
                    }
                    let max = activity.config.brainwriting_rules().ideas_per_round;
                    // A sheet lies in front of one seat per round: what is on it this round was
                    // written from that seat.
                    let written =
                        workshop.contributions_in(activity_id).filter(|idea| idea.sheet == Some(sheet)).count();
                    if written >= max as usize {
                        return Err(DomainError::RoundIdeasSpent { max });
                    }
                    Some(sheet)
                }
                _ => None,
            };
            let author = if activity.config.anonymous {
                acting(keyring, participant, Scope::Contribution(contribution_id))?
            } else {
                Subject::Named(participant)
            };
            Ok(vec![Event::ContributionPosted {
                contribution_id,
                activity_id,
                author,
                kind,
                text: text.into_string(),
                links: unique_links,
                card,
                sheet,
            }])
        }
        Command::MoveContribution { contribution_id, kind } => {
            require_facilitator(workshop, actor)?;
            let contribution =
                workshop.contribution(contribution_id).ok_or(DomainError::UnknownContribution(contribution_id))?;
            let activity = workshop
                .activity(contribution.activity_id)
                .ok_or(DomainError::UnknownActivity(contribution.activity_id))?;
            if !activity.kind.accepted_contributions().contains(&kind) {
                return Err(DomainError::ContributionKindNotAccepted { activity: activity.kind, kind });
            }
            if contribution.kind == kind {
                return Ok(Vec::new());
            }
            Ok(vec![Event::ContributionMoved { contribution_id, kind }])
        }
        Command::MergeContributions { into, merged } => {
            require_facilitator(workshop, actor)?;
            let target = workshop.contribution(into).ok_or(DomainError::UnknownContribution(into))?;
            if target.merged_into.is_some() || merged.is_empty() {
                return Err(DomainError::InvalidMerge);
            }
            // Duplicates are found among the notes of one activity; a merge never moves a note
            // into another activity's results.
            if merged
                .iter()
                .filter_map(|id| workshop.contribution(*id))
                .any(|duplicate| duplicate.activity_id != target.activity_id)
            {
                return Err(DomainError::InvalidMerge);
            }
            let mut unique = Vec::new();
            for id in merged {
                let duplicate = workshop.contribution(id).ok_or(DomainError::UnknownContribution(id))?;
                if id == into || duplicate.merged_into.is_some() || workshop.merged_into(id).next().is_some() {
                    return Err(DomainError::InvalidMerge);
                }
                if !unique.contains(&id) {
                    unique.push(id);
                }
            }
            Ok(vec![Event::ContributionsMerged { into, merged: unique }])
        }
        Command::Categorize { activity_id, contribution_id, category } => {
            require_contributor(workshop, actor)?;
            let activity = workshop.activity(activity_id).ok_or(DomainError::UnknownActivity(activity_id))?;
            if activity.kind != ActivityKind::Categorize {
                return Err(DomainError::WrongActivityKind);
            }
            let is_facilitator = require_facilitator(workshop, actor).is_ok();
            // Participants sort while the activity is open; the facilitator may tidy up after.
            if activity.status != ActivityStatus::Open && !is_facilitator {
                return Err(DomainError::ActivityNotOpen);
            }
            if !workshop.source_contributions(activity).any(|source| source.id == contribution_id) {
                return Err(DomainError::NotASource);
            }
            if let Some(category) = category
                && !activity.config.categories.iter().any(|known| known.id == category)
            {
                return Err(DomainError::UnknownCategory(category));
            }
            if activity.placements.get(&contribution_id).copied() == category {
                return Ok(Vec::new());
            }
            Ok(vec![Event::ContributionCategorized { activity_id, contribution_id, category }])
        }
        Command::StartBrainwriting { activity_id } => {
            require_facilitator(workshop, actor)?;
            let activity = workshop.activity(activity_id).ok_or(DomainError::UnknownActivity(activity_id))?;
            if activity.kind != ActivityKind::Brainwriting {
                return Err(DomainError::WrongActivityKind);
            }
            // Until the first idea is written, starting again re-seats the room (late arrivals,
            // tables formed after the first start); after that the sheets are the record.
            if activity.brainwriting.is_some() && workshop.contributions_in(activity_id).next().is_some() {
                return Err(DomainError::BrainwritingAlreadyStarted);
            }
            let writes = |participant: &ParticipantId| {
                workshop
                    .participants
                    .get(participant)
                    .is_some_and(|p| p.role.may_contribute() && p.role != Role::Facilitator)
            };
            let mut tables: Vec<Vec<ParticipantId>> = workshop
                .tables
                .iter()
                .map(|seats| seats.iter().copied().filter(|participant| writes(participant)).collect::<Vec<_>>())
                .filter(|seats| !seats.is_empty())
                .collect();
            // Those not seated write at tables of the activity's size, like a quick count-off.
            let unseated: Vec<(ParticipantId, Option<&str>)> = workshop
                .participants
                .values()
                .filter(|participant| writes(&participant.id) && workshop.table_of(participant.id).is_none())
                .map(|participant| (participant.id, None))
                .collect();
            let rules = activity.config.brainwriting_rules();
            let size = std::num::NonZeroUsize::new(rules.table_size as usize).unwrap_or(std::num::NonZeroUsize::MIN);
            tables.extend(crate::tables::assign_tables(&unseated, size));
            // Each seat is a pseudonym, and seats go round the table in the order of their
            // pseudonyms: an order nobody without the keys can tell, so knowing where an idea
            // was written (its sheet and round) tells nobody who wrote it.
            let tables: Vec<Vec<Subject>> = tables
                .into_iter()
                .map(|seats| {
                    let mut seats: Vec<Subject> = seats
                        .into_iter()
                        .filter_map(|participant| keyring.subject(participant, Scope::Seat(activity_id)))
                        .collect();
                    seats.sort();
                    seats
                })
                .filter(|seats| !seats.is_empty())
                .collect();
            let round_ms = u64::from(rules.round_minutes) * MINUTE_MS;
            Ok(vec![
                Event::BrainwritingStarted { activity_id, tables },
                Event::TimerStarted { activity_id, remaining_ms: round_ms },
            ])
        }
        Command::NextRound { activity_id } => {
            require_facilitator(workshop, actor)?;
            let activity = workshop.activity(activity_id).ok_or(DomainError::UnknownActivity(activity_id))?;
            let brainwriting = activity.brainwriting.as_ref().ok_or(DomainError::BrainwritingNotStarted)?;
            let round = brainwriting.round + 1;
            // Once every sheet has been round its table, another round would hand people sheets
            // they already wrote on.
            if round as usize >= brainwriting.rounds_per_cycle() {
                return Err(DomainError::BrainwritingComplete);
            }
            let mut events = vec![Event::BrainwritingRoundStarted { activity_id, round }];
            // Each round runs on its own clock.
            let round_ms = u64::from(activity.config.brainwriting_rules().round_minutes) * MINUTE_MS;
            events.push(Event::TimerStarted { activity_id, remaining_ms: round_ms });
            Ok(events)
        }
        Command::AddDeckCard { deck, card_id, title, image_sha256, width, height } => {
            require_facilitator(workshop, actor)?;
            if !crate::valid_key(&deck) || deck == crate::BUILTIN_DECK {
                return Err(DomainError::InvalidDeckName);
            }
            if !crate::valid_key(&card_id) {
                return Err(DomainError::InvalidCardId);
            }
            let title = CardTitle::parse(&title)?;
            // Contributions record a card by its id alone, so ids are unique across decks.
            if workshop.deck_card(&card_id).is_some() {
                return Err(DomainError::DuplicateCard);
            }
            if workshop.decks.get(&deck).is_some_and(|cards| cards.len() >= crate::DECK_CARDS_MAX) {
                return Err(DomainError::DeckFull { max: crate::DECK_CARDS_MAX });
            }
            Ok(vec![Event::DeckCardAdded { deck, card_id, title: title.into_string(), image_sha256, width, height }])
        }
        Command::RemoveDeckCard { deck, card_id } => {
            require_facilitator(workshop, actor)?;
            if !workshop.decks.get(&deck).is_some_and(|cards| cards.iter().any(|card| card.id == card_id)) {
                return Err(DomainError::UnknownCard);
            }
            // Like an activity with contributions, a card someone wrote about stays.
            if workshop.contributions.iter().any(|contribution| contribution.card.as_deref() == Some(card_id.as_str()))
            {
                return Err(DomainError::CardPicked);
            }
            Ok(vec![Event::DeckCardRemoved { deck, card_id }])
        }
        Command::CastBallot { activity_id, ballot } => {
            let participant = require_voter(workshop, actor)?;
            let activity = workshop.activity(activity_id).ok_or(DomainError::UnknownActivity(activity_id))?;
            if activity.kind != ActivityKind::Vote {
                return Err(DomainError::WrongActivityKind);
            }
            // A voter named by id in an older record keeps that one voice.
            let named = Subject::Named(participant);
            let voter = if activity.ballots.contains_key(&named)
                || activity.comparisons.iter().any(|(who, ..)| *who == named)
            {
                named
            } else {
                acting(keyring, participant, Scope::Ballot(activity_id))?
            };
            if activity.status != ActivityStatus::Open {
                return Err(DomainError::ActivityNotOpen);
            }
            ballot.check(&activity.config.vote_rules(), &workshop.items_of(activity))?;
            // Each participant answers each pair once, so nobody outweighs the room by repeating.
            if let crate::voting::Ballot::Pairwise { winner, loser } = &ballot
                && activity
                    .comparisons
                    .iter()
                    .any(|(who, a, b)| *who == voter && ((a == winner && b == loser) || (a == loser && b == winner)))
            {
                return Err(DomainError::InvalidBallot { reason: "pair_answered" });
            }
            if ballot.replaces_previous() && activity.ballots.get(&voter) == Some(&ballot) {
                return Ok(Vec::new());
            }
            Ok(vec![Event::BallotCast { activity_id, voter, ballot }])
        }
        Command::AssessItem { activity_id, item, scores } => {
            let participant = require_voter(workshop, actor)?;
            let activity = workshop.activity(activity_id).ok_or(DomainError::UnknownActivity(activity_id))?;
            if activity.kind != ActivityKind::Assess {
                return Err(DomainError::WrongActivityKind);
            }
            let named = Subject::Named(participant);
            let assessor = if activity.assessments.values().any(|by| by.contains_key(&named)) {
                named
            } else {
                acting(keyring, participant, Scope::Assessment(activity_id))?
            };
            if activity.status != ActivityStatus::Open {
                return Err(DomainError::ActivityNotOpen);
            }
            if !workshop.items_of(activity).contains(&item) {
                return Err(DomainError::NotAnItem);
            }
            crate::voting::check_assessment(&scores, &activity.config.criteria)?;
            if activity.assessments.get(&item).and_then(|by| by.get(&assessor)) == Some(&scores) {
                return Ok(Vec::new());
            }
            Ok(vec![Event::ItemAssessed { activity_id, assessor, item, scores }])
        }
        Command::DraftAction { action_id, activity_id, card, sources } => {
            let participant = require_contributor(workshop, actor)?;
            let facilitating = require_facilitator(workshop, actor).is_ok();
            if workshop.action(action_id).is_some() {
                return Err(DomainError::DuplicateAction(action_id));
            }
            let author = acting(keyring, participant, Scope::Draft(activity_id))?;
            let activity = action_plan(workshop, activity_id, facilitating)?;
            let card = ActionCard::parse(card, &activity.config.jurisdiction_keys())?;
            let sources = action_sources(workshop, sources, facilitating)?;
            Ok(vec![Event::ActionDrafted { action_id, activity_id, author, card, sources }])
        }
        Command::EditAction { action_id, base_revision, card, sources } => {
            let participant = require_contributor(workshop, actor)?;
            let facilitating = require_facilitator(workshop, actor).is_ok();
            let action = live_action(workshop, action_id)?;
            let editor = acting(keyring, participant, Scope::Edit(action.activity_id))?;
            let activity = action_plan(workshop, action.activity_id, facilitating)?;
            if base_revision != action.revision {
                return Err(DomainError::EditConflict { current: action.revision });
            }
            let card = ActionCard::parse(card, &activity.config.jurisdiction_keys())?;
            let sources = action_sources(workshop, sources, facilitating)?;
            if card == action.card && sources == action.sources {
                return Ok(Vec::new());
            }
            Ok(vec![Event::ActionEdited { action_id, editor, revision: action.revision + 1, card, sources }])
        }
        Command::WithdrawAction { action_id } => {
            require_facilitator(workshop, actor)?;
            let action = workshop.action(action_id).ok_or(DomainError::UnknownAction(action_id))?;
            if action.withdrawn {
                return Ok(Vec::new());
            }
            Ok(vec![Event::ActionWithdrawn { action_id }])
        }
        Command::GiveConsensus { action_id, revision, stance, reason } => {
            let participant = require_contributor(workshop, actor)?;
            let action = live_action(workshop, action_id)?;
            action_plan(workshop, action.activity_id, false)?;
            // A stance agrees with a text: given on a text that changed meanwhile, it would be
            // counted for words its giver never read.
            if revision.is_some_and(|revision| revision != action.revision) {
                return Err(DomainError::CardChanged { current: action.revision });
            }
            let reason = crate::outcomes::note(&reason, "reason", false)?;
            if stance == Stance::Object && reason.is_empty() {
                return Err(DomainError::ReasonRequired);
            }
            let named = Subject::Named(participant);
            let participant = if action.consensus.contains_key(&named) {
                named
            } else {
                acting(keyring, participant, Scope::Stance(action.activity_id))?
            };
            let given = GivenStance { stance, reason: reason.clone(), revision: action.revision };
            if action.consensus.get(&participant) == Some(&given) {
                return Ok(Vec::new());
            }
            Ok(vec![Event::ConsensusGiven { action_id, participant, stance, reason }])
        }
        Command::RateRisk { activity_id, risk, likelihood, impact } => {
            let participant = require_contributor(workshop, actor)?;
            let activity = workshop.activity(activity_id).ok_or(DomainError::UnknownActivity(activity_id))?;
            if activity.kind != ActivityKind::RiskMap {
                return Err(DomainError::WrongActivityKind);
            }
            let named = Subject::Named(participant);
            let rater = if activity.risk_ratings.values().any(|by| by.contains_key(&named)) {
                named
            } else {
                acting(keyring, participant, Scope::Rating(activity_id))?
            };
            if activity.status != ActivityStatus::Open {
                return Err(DomainError::ActivityNotOpen);
            }
            let known = workshop.contribution(risk).is_some_and(|contribution| {
                contribution.activity_id == activity_id
                    && contribution.kind == ContributionKind::Risk
                    && contribution.merged_into.is_none()
            });
            if !known {
                return Err(DomainError::NotARisk);
            }
            let on_scale = 1..=crate::outcomes::outcome_limits::RATING_MAX;
            if !on_scale.contains(&likelihood) || !on_scale.contains(&impact) {
                return Err(DomainError::InvalidRating);
            }
            if activity.risk_ratings.get(&risk).and_then(|by| by.get(&rater)) == Some(&(likelihood, impact)) {
                return Ok(Vec::new());
            }
            Ok(vec![Event::RiskRated { activity_id, rater, risk, likelihood, impact }])
        }
        Command::LinkMitigations { risk, actions } => {
            require_contributor(workshop, actor)?;
            let facilitating = require_facilitator(workshop, actor).is_ok();
            let contribution = workshop.contribution(risk).filter(|c| c.kind == ContributionKind::Risk);
            let contribution = contribution.ok_or(DomainError::NotARisk)?;
            let activity = workshop
                .activity(contribution.activity_id)
                .ok_or(DomainError::UnknownActivity(contribution.activity_id))?;
            if activity.status != ActivityStatus::Open && !facilitating {
                return Err(DomainError::ActivityNotOpen);
            }
            let max = crate::outcomes::outcome_limits::MITIGATIONS_MAX;
            if actions.len() > max {
                return Err(DomainError::BatchTooLarge { max });
            }
            let mut unique = Vec::with_capacity(actions.len());
            for action in actions {
                live_action(workshop, action)?;
                if !unique.contains(&action) {
                    unique.push(action);
                }
            }
            if workshop.mitigations_of(risk) == unique.as_slice() {
                return Ok(Vec::new());
            }
            Ok(vec![Event::MitigationsLinked { risk, actions: unique }])
        }
        Command::DecideFates { contributions, decision } => {
            require_facilitator(workshop, actor)?;
            let max = crate::outcomes::outcome_limits::FATE_BATCH_MAX;
            if contributions.len() > max {
                return Err(DomainError::BatchTooLarge { max });
            }
            let decision = match decision {
                FateDecision::NotRetained { reason } => {
                    let reason = crate::outcomes::note(&reason, "reason", false)?;
                    if reason.is_empty() {
                        return Err(DomainError::ReasonRequired);
                    }
                    FateDecision::NotRetained { reason }
                }
                other => other,
            };
            let mut unique = Vec::with_capacity(contributions.len());
            for id in contributions {
                let contribution = workshop.contribution(id).ok_or(DomainError::UnknownContribution(id))?;
                if contribution.merged_into.is_some() {
                    return Err(DomainError::FateOfMergedNote);
                }
                let current = workshop.fate_decisions.get(&id).unwrap_or(&FateDecision::Undecided);
                if *current != decision && !unique.contains(&id) {
                    unique.push(id);
                }
            }
            if unique.is_empty() {
                return Ok(Vec::new());
            }
            Ok(vec![Event::FatesDecided { contributions: unique, decision }])
        }
        Command::CloseWorkshop => {
            require_facilitator(workshop, actor)?;
            if workshop.closed_at.is_some() {
                return Ok(Vec::new());
            }
            Ok(vec![Event::WorkshopClosed])
        }
        Command::UpdateActionStatuses { updates, today } => {
            require_facilitator(workshop, actor)?;
            let max = crate::outcomes::outcome_limits::STATUS_BATCH_MAX;
            if updates.len() > max {
                return Err(DomainError::BatchTooLarge { max });
            }
            let mut check = StatusUpdateCheck::new(workshop, today);
            updates
                .into_iter()
                .map(|update| {
                    let update = check.check(update)?;
                    Ok(Event::ActionStatusUpdated {
                        action_id: update.action_id,
                        status: update.status,
                        note: update.note,
                        next_update_due: update.next_update_due,
                        effective_on: update.effective_on,
                    })
                })
                .collect()
        }
        Command::SetCommitment { action_id, answerable, next_update_due } => {
            require_facilitator(workshop, actor)?;
            let action = live_action(workshop, action_id)?;
            let answerable =
                crate::text::clean_field(&answerable, "answerable", crate::outcomes::outcome_limits::OWNER_MAX)?;
            if action.follow_up.answerable == answerable && action.follow_up.next_update_due == next_update_due {
                return Ok(Vec::new());
            }
            Ok(vec![Event::CommitmentSet { action_id, answerable, next_update_due }])
        }
        Command::PublishFollowUp { token } => {
            require_facilitator(workshop, actor)?;
            let well_formed = |token: &str| {
                (16..=64).contains(&token.len())
                    && token.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
            };
            if token.as_deref().is_some_and(|token| !well_formed(token)) {
                return Err(DomainError::InvalidFollowUpToken);
            }
            if workshop.follow_up_token == token {
                return Ok(Vec::new());
            }
            Ok(vec![Event::FollowUpPublished { token }])
        }
        Command::DeleteWorkshop => {
            require_facilitator(workshop, actor)?;
            if workshop.follow_up_token.is_some() && !workshop.archived {
                return Err(DomainError::FollowUpPagePublished);
            }
            Ok(vec![Event::WorkshopDeleted])
        }
        Command::ArchiveWorkshop => {
            require_facilitator(workshop, actor)?;
            Ok(if workshop.archived { Vec::new() } else { vec![Event::WorkshopArchived] })
        }
        Command::RestoreWorkshop => {
            require_facilitator(workshop, actor)?;
            Ok(if workshop.archived { vec![Event::WorkshopRestored] } else { Vec::new() })
        }
    }
}

/// Checks one status update on its own, posted on `today`.
pub fn check_status_update(
    workshop: &Workshop,
    update: StatusUpdate,
    today: CalendarDate,
) -> Result<StatusUpdate, DomainError> {
    StatusUpdateCheck::new(workshop, today).check(update)
}

/// Checks status updates one after the other, as one command or an import's dry run sends
/// them: each against the action as the earlier ones leave it, so a second update of an action
/// may keep the date the first one gave.
pub struct StatusUpdateCheck<'a> {
    workshop: &'a Workshop,
    today: CalendarDate,
    /// The next update's date of each action the earlier updates set one for.
    due_after_earlier: std::collections::BTreeMap<ActionId, CalendarDate>,
}

impl<'a> StatusUpdateCheck<'a> {
    pub fn new(workshop: &'a Workshop, today: CalendarDate) -> StatusUpdateCheck<'a> {
        StatusUpdateCheck { workshop, today, due_after_earlier: std::collections::BTreeMap::new() }
    }

    /// The update as it will be recorded (its note cleaned, its effective date filled in), or
    /// why it is refused. Progress is dated on or before today, and not before the workshop.
    /// An action still under way is never left overdue by its own update: the next date given
    /// is today or later, and an update that gives none may only keep a date still to come.
    pub fn check(&mut self, update: StatusUpdate) -> Result<StatusUpdate, DomainError> {
        let action = live_action(self.workshop, update.action_id)?;
        let note = crate::outcomes::note(&update.note, "note", false)?;
        if update.status == ActionStatus::Dropped && note.is_empty() {
            return Err(DomainError::ReasonRequired);
        }
        let effective_on = update.effective_on.unwrap_or(self.today);
        if effective_on > self.today {
            return Err(DomainError::EffectiveDateInFuture);
        }
        if effective_on < CalendarDate::of(self.workshop.created_at) {
            return Err(DomainError::EffectiveDateBeforeWorkshop);
        }
        let kept = self.due_after_earlier.get(&update.action_id).copied().or(action.follow_up.next_update_due);
        if !update.status.is_final() {
            match update.next_update_due {
                Some(due) if due < self.today => return Err(DomainError::NextUpdateInPast),
                None if kept.is_some_and(|due| due < self.today) => return Err(DomainError::NextUpdateRequired),
                _ => {}
            }
        }
        if let Some(due) = update.next_update_due {
            self.due_after_earlier.insert(update.action_id, due);
        }
        Ok(StatusUpdate { note, effective_on: Some(effective_on), ..update })
    }
}

/// The action plan activity an action card is drafted or edited in; participants work on
/// cards while it is open, the facilitator at any time.
fn action_plan(workshop: &Workshop, activity_id: ActivityId, facilitating: bool) -> Result<&Activity, DomainError> {
    let activity = workshop.activity(activity_id).ok_or(DomainError::UnknownActivity(activity_id))?;
    if activity.kind != ActivityKind::ActionPlan {
        return Err(DomainError::WrongActivityKind);
    }
    if activity.status != ActivityStatus::Open && !facilitating {
        return Err(DomainError::ActivityNotOpen);
    }
    Ok(activity)
}

fn live_action(workshop: &Workshop, action_id: ActionId) -> Result<&Action, DomainError> {
    let action = workshop.action(action_id).ok_or(DomainError::UnknownAction(action_id))?;
    if action.withdrawn {
        return Err(DomainError::ActionWithdrawn);
    }
    Ok(action)
}

/// The contributions an action card comes from, each known and named once; at least one
/// unless the facilitator drafts it.
fn action_sources(
    workshop: &Workshop,
    sources: Vec<ContributionId>,
    facilitating: bool,
) -> Result<Vec<ContributionId>, DomainError> {
    let max = crate::outcomes::outcome_limits::SOURCES_MAX;
    if sources.len() > max {
        return Err(DomainError::TooManySources { max });
    }
    let mut unique = Vec::with_capacity(sources.len());
    for source in sources {
        workshop.contribution(source).ok_or(DomainError::UnknownContribution(source))?;
        if !unique.contains(&source) {
            unique.push(source);
        }
    }
    if unique.is_empty() && !facilitating {
        return Err(DomainError::SourcesRequired);
    }
    Ok(unique)
}

fn position_of(workshop: &Workshop, activity_id: ActivityId) -> Result<usize, DomainError> {
    workshop
        .activities
        .iter()
        .position(|activity| activity.id == activity_id)
        .ok_or(DomainError::UnknownActivity(activity_id))
}

/// How the record names `participant` acting in confidence in `scope`.
fn acting(keyring: &Keyring, participant: ParticipantId, scope: Scope) -> Result<Subject, DomainError> {
    // Without a key (an erased profile) nobody can act for them in confidence.
    keyring.subject(participant, scope).ok_or(DomainError::UnknownParticipant(participant))
}

/// The seat of `participant` in a brainwriting: their pseudonym, or their id on older records.
fn seat_of(
    keyring: &Keyring,
    brainwriting: &crate::Brainwriting,
    participant: ParticipantId,
    activity_id: ActivityId,
) -> Option<Subject> {
    let named = Subject::Named(participant);
    let seated = |seat: &Subject| brainwriting.tables.iter().any(|rotation| rotation.seats().contains(seat));
    if seated(&named) {
        return Some(named);
    }
    keyring.subject(participant, Scope::Seat(activity_id)).filter(seated)
}

fn require_facilitator(workshop: &Workshop, actor: Actor) -> Result<ParticipantId, DomainError> {
    let participant = match actor {
        Actor::Account(account) => workshop.facilitator_for(account),
        Actor::Participant(id) => workshop.participants.get(&id),
        Actor::Newcomer => None,
    };
    match participant {
        Some(participant) if participant.role == Role::Facilitator => Ok(participant.id),
        _ => Err(DomainError::FacilitatorOnly),
    }
}

/// Whoever may cast a ballot or score an item: a participant or an expert of the room.
fn require_voter(workshop: &Workshop, actor: Actor) -> Result<ParticipantId, DomainError> {
    let participant = require_contributor(workshop, actor)?;
    match workshop.participants.get(&participant) {
        Some(voter) if voter.role.votes() => Ok(participant),
        _ => Err(DomainError::NotAVoter),
    }
}

fn require_contributor(workshop: &Workshop, actor: Actor) -> Result<ParticipantId, DomainError> {
    let participant = match actor {
        Actor::Account(account) => workshop.facilitator_for(account).ok_or(DomainError::FacilitatorOnly)?,
        Actor::Participant(id) if workshop.removed.contains_key(&id) => return Err(DomainError::ParticipantRemoved),
        Actor::Participant(id) => workshop.participants.get(&id).ok_or(DomainError::UnknownParticipant(id))?,
        Actor::Newcomer => return Err(DomainError::FacilitatorOnly),
    };
    if !participant.role.may_contribute() {
        return Err(DomainError::ObserverCannotContribute);
    }
    Ok(participant.id)
}
