//! Deciding: the rules that check a [`Command`] against a [`Workshop`] and turn it into events.
//!
//! [`decide`] does the checks every command shares (a deleted workshop takes nothing, a closed
//! one only its follow-up), then hands the command to the rules of its area, one module each.
//! The guards shared by several areas (who may act, which activity, which action) live here.

mod agenda;
mod contributions;
mod follow_up;
mod moderation;
mod outcomes;
mod participants;
mod projection;
mod screen_link;
mod voting;
mod workshop;

pub use follow_up::{StatusUpdateCheck, check_status_update};

use crate::outcomes::Action;
use crate::text::Title;
use crate::{
    AccountId, ActionId, Activity, ActivityId, ActivityKind, ActivitySettings, ActivitySpec, Actor, Command,
    ContributionId, DomainError, Event, Keyring, Language, ParticipantId, Role, Scope, Subject, Workshop,
};

/// What every rule reads: the workshop as it stands, who asks, and the keys that turn whoever
/// acts in confidence into a pseudonym.
#[derive(Clone, Copy)]
struct Deciding<'a> {
    workshop: &'a Workshop,
    actor: Actor,
    keyring: &'a Keyring,
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
        ActivitySettings::parse(spec.kind, &spec.config, spec.activity_id, &earlier)?;
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

/// Undoes the move recorded at `seq`: the events that put it back (those of its compensating
/// command, decided as that command would be, or the restoring of a removed activity), then the
/// record that it was undone.
fn undo(cx: &Deciding<'_>, seq: u64) -> Result<Vec<Event>, DomainError> {
    require_facilitator(cx.workshop, cx.actor)?;
    let recent = cx.workshop.recent_move(seq).ok_or(DomainError::NothingToUndo)?;
    let commands = crate::undo::compensating_commands(cx.workshop, &recent.undo);
    let mut events = if let Some(restoring) = crate::undo::restoring_event(&recent.undo) {
        if let Event::ActivityRestored { activity_id, .. } = &restoring
            && cx.workshop.activity(*activity_id).is_some()
        {
            return Err(DomainError::DuplicateActivity(*activity_id));
        }
        vec![restoring]
    } else if commands.is_empty() {
        // A merge whose notes were all unmerged since: nothing is left to put back.
        return Err(DomainError::NothingToUndo);
    } else {
        let mut events = Vec::new();
        // Each command concerns a different note, so each is decided on the same state.
        for command in commands {
            events.extend(decide(cx.workshop, cx.actor, command, cx.keyring)?);
        }
        events
    };
    events.push(Event::MoveUndone { seq });
    Ok(events)
}

/// Whether `command` may still post at `now`: an activity whose posting locks at zero
/// (`lock_at_zero`) takes no note once its running timer has run out. The core has no clock:
/// the engine passes the time it decides at.
pub fn check_posting_time(workshop: &Workshop, command: &Command, now: crate::Timestamp) -> Result<(), DomainError> {
    let Command::PostContribution { activity_id, contribution_id, .. } = command else { return Ok(()) };
    // The same post sent again, once it was taken, is still taken: it records nothing new.
    if workshop.contribution(*contribution_id).is_some() {
        return Ok(());
    }
    match workshop.activity(*activity_id) {
        Some(activity) if activity.posting_locked(now) => Err(DomainError::TimeIsUp),
        _ => Ok(()),
    }
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

/// Checks `command` as `actor` asks it against `workshop`, and returns the events that record
/// its effect. Nothing is changed here: the caller appends the events, then folds them.
/// `keyring` holds the participants' keys, which turn whoever acts in confidence into a pseudonym.
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
    let cx = &Deciding { workshop, actor, keyring };
    match command {
        Command::Join { participant_id, profile_commitment } => {
            participants::join(cx, participant_id, profile_commitment)
        }
        Command::ChangeRole { participant_id, role } => participants::change_role(cx, participant_id, role),
        Command::RemoveParticipant { participant_id } => participants::remove_participant(cx, participant_id),
        Command::MergeParticipant { duplicate, into } => participants::merge_participant(cx, duplicate, into),
        Command::LockJoining { locked } => participants::lock_joining(cx, locked),
        Command::RenewJoinCode => participants::renew_join_code(cx),
        Command::Spotlight { contribution_id } => projection::spotlight(cx, contribution_id),
        Command::ZoomProjection { zoom } => projection::zoom(cx, zoom),
        Command::SetJoinPanel { panel } => projection::set_join_panel(cx, panel),
        Command::HideNamesOnScreen { hidden } => projection::hide_names(cx, hidden),
        Command::AddActivity(spec) => agenda::add_activity(cx, spec),
        Command::UpdateActivity { activity_id, title, prompt, config } => {
            agenda::update_activity(cx, activity_id, title, prompt, config)
        }
        Command::RemoveActivity { activity_id } => agenda::remove_activity(cx, activity_id),
        Command::MoveActivity { activity_id, position } => agenda::move_activity(cx, activity_id, position),
        Command::StartTimer { activity_id, minutes, lock_at_zero } => {
            agenda::start_timer(cx, activity_id, minutes, lock_at_zero)
        }
        Command::PauseTimer { activity_id } => agenda::pause_timer(cx, activity_id),
        Command::ExtendTimer { activity_id, minutes } => agenda::extend_timer(cx, activity_id, minutes),
        Command::ShortenTimer { activity_id, minutes } => agenda::shorten_timer(cx, activity_id, minutes),
        Command::Undo { seq } => undo(cx, seq),
        Command::SetFocus { activity_id } => agenda::set_focus(cx, activity_id),
        Command::NextStep { to, round } => agenda::next_step(cx, to, round),
        Command::FormTables { tables } => participants::form_tables(cx, tables),
        Command::SeatParticipant { participant_id, table } => participants::seat_participant(cx, participant_id, table),
        Command::SetPresence { participant_id, present } => participants::set_presence(cx, participant_id, present),
        Command::OpenActivity { activity_id } => agenda::open_activity(cx, activity_id),
        Command::CloseActivity { activity_id } => agenda::close_activity(cx, activity_id),
        Command::SetShortlist { activity_id, items } => agenda::set_shortlist(cx, activity_id, items),
        Command::PostContribution { contribution_id, activity_id, kind, text, links, card, sheet: written_on } => {
            let post = contributions::Post { contribution_id, activity_id, kind, text, links, card, written_on };
            contributions::post_contribution(cx, post)
        }
        Command::MoveContribution { contribution_id, kind } => {
            contributions::move_contribution(cx, contribution_id, kind)
        }
        Command::MergeContributions { into, merged } => contributions::merge_contributions(cx, into, merged),
        Command::Categorize { activity_id, contribution_id, category } => {
            contributions::categorize(cx, activity_id, contribution_id, category)
        }
        Command::HideContribution { contribution_id, reason } => moderation::hide(cx, contribution_id, reason),
        Command::ShowContribution { contribution_id } => moderation::show(cx, contribution_id),
        Command::EditContribution { contribution_id, text } => moderation::edit(cx, contribution_id, text),
        Command::RemoveContribution { contribution_id } => moderation::remove(cx, contribution_id),
        Command::UnmergeContribution { contribution_id } => moderation::unmerge(cx, contribution_id),
        Command::StartBrainwriting { activity_id } => contributions::start_brainwriting(cx, activity_id),
        Command::NextRound { activity_id } => contributions::next_round(cx, activity_id),
        Command::AddDeckCard { deck, card_id, title, image_sha256, width, height } => {
            contributions::add_deck_card(cx, deck, card_id, title, image_sha256, width, height)
        }
        Command::RemoveDeckCard { deck, card_id } => contributions::remove_deck_card(cx, deck, card_id),
        Command::CastBallot { activity_id, ballot } => voting::cast_ballot(cx, activity_id, ballot),
        Command::AssessItem { activity_id, item, scores } => voting::assess_item(cx, activity_id, item, scores),
        Command::DraftAction { action_id, activity_id, card, sources } => {
            outcomes::draft_action(cx, action_id, activity_id, card, sources)
        }
        Command::EditAction { action_id, base_revision, card, sources } => {
            outcomes::edit_action(cx, action_id, base_revision, card, sources)
        }
        Command::WithdrawAction { action_id } => outcomes::withdraw_action(cx, action_id),
        Command::GiveConsensus { action_id, revision, stance, reason } => {
            outcomes::give_consensus(cx, action_id, revision, stance, reason)
        }
        Command::RateRisk { activity_id, risk, likelihood, impact } => {
            voting::rate_risk(cx, activity_id, risk, likelihood, impact)
        }
        Command::LinkMitigations { risk, actions } => outcomes::link_mitigations(cx, risk, actions),
        Command::DecideFates { contributions, decision } => outcomes::decide_fates(cx, contributions, decision),
        Command::CloseWorkshop => workshop::close_workshop(cx),
        Command::UpdateActionStatuses { updates, today } => follow_up::update_action_statuses(cx, updates, today),
        Command::SetCommitment { action_id, answerable, next_update_due } => {
            follow_up::set_commitment(cx, action_id, answerable, next_update_due)
        }
        Command::PublishFollowUp { token } => follow_up::publish_follow_up(cx, token),
        Command::DeleteWorkshop => workshop::delete_workshop(cx),
        Command::ArchiveWorkshop => workshop::archive_workshop(cx),
        Command::RestoreWorkshop => workshop::restore_workshop(cx),
        Command::IssueScreenLink { renew } => screen_link::issue_screen_link(cx, renew),
        Command::RevokeScreenLink => screen_link::revoke_screen_link(cx),
    }
}

/// The action plan activity an action card is drafted, edited or agreed on in.
fn action_plan(workshop: &Workshop, activity_id: ActivityId) -> Result<&Activity, DomainError> {
    let activity = workshop.activity(activity_id).ok_or(DomainError::UnknownActivity(activity_id))?;
    if activity.kind() != ActivityKind::ActionPlan {
        return Err(DomainError::WrongActivityKind);
    }
    Ok(activity)
}

/// The role of a participant the guards above let through.
fn role_of(workshop: &Workshop, participant: ParticipantId) -> Role {
    // Someone no longer in the room is given the role that may do least.
    workshop.participants.get(&participant).map_or(Role::Observer, |participant| participant.role)
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
