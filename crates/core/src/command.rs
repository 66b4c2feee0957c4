//! Commands and the rules that turn them into events.

use crate::text::{NoteText, Title};
use crate::{
    AccountId, ActivityId, ActivitySpec, ActivityStatus, ContributionId, ContributionKind, DomainError, Event,
    Language, ParticipantId, Role, Workshop, limits,
};
use std::collections::HashSet;

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
    Join { participant_id: ParticipantId, profile_commitment: String },
    ChangeRole { participant_id: ParticipantId, role: Role },
    AddActivity(ActivitySpec),
    OpenActivity { activity_id: ActivityId },
    CloseActivity { activity_id: ActivityId },
    PostContribution {
        contribution_id: ContributionId,
        activity_id: ActivityId,
        kind: Option<ContributionKind>,
        text: String,
        links: Vec<ContributionId>,
    },
    DeleteWorkshop,
}

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
    let mut seen = HashSet::new();
    let mut events = vec![Event::WorkshopCreated { title: title.into_string(), language, created_by: creator }];
    for spec in agenda {
        if !seen.insert(spec.activity_id) {
            return Err(DomainError::DuplicateActivity(spec.activity_id));
        }
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
    }
}

/// Checks `command` against `workshop` and the actor's role, and returns the events that
/// record its effect. Nothing is changed here: the caller appends the events, then folds them.
pub fn decide(workshop: &Workshop, actor: Actor, command: Command) -> Result<Vec<Event>, DomainError> {
    if workshop.deleted {
        return Err(DomainError::WorkshopDeleted);
    }
    match command {
        Command::Join { participant_id, profile_commitment } => {
            if workshop.participants.contains_key(&participant_id) {
                return Err(DomainError::AlreadyJoined);
            }
            if actor != Actor::Newcomer {
                return Err(DomainError::AlreadyJoined);
            }
            Ok(vec![Event::ParticipantJoined { participant_id, role: Role::Participant, profile_commitment, account: None }])
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
        Command::AddActivity(spec) => {
            require_facilitator(workshop, actor)?;
            if workshop.activity(spec.activity_id).is_some() {
                return Err(DomainError::DuplicateActivity(spec.activity_id));
            }
            Ok(vec![activity_added(spec)])
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
        Command::PostContribution { contribution_id, activity_id, kind, text, links } => {
            let author = require_contributor(workshop, actor)?;
            if let Some(existing) = workshop.contribution(contribution_id) {
                // The same post sent again (a retry after a lost answer, a resubmitted form) is
                // already recorded, even if the activity has closed since: accept it without
                // recording it twice.
                let same = existing.author == author
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
            Ok(vec![Event::ContributionPosted {
                contribution_id,
                activity_id,
                author,
                kind,
                text: text.into_string(),
                links: unique_links,
            }])
        }
        Command::DeleteWorkshop => {
            require_facilitator(workshop, actor)?;
            Ok(vec![Event::WorkshopDeleted])
        }
    }
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

fn require_contributor(workshop: &Workshop, actor: Actor) -> Result<ParticipantId, DomainError> {
    let participant = match actor {
        Actor::Account(account) => workshop.facilitator_for(account).ok_or(DomainError::FacilitatorOnly)?,
        Actor::Participant(id) => workshop.participants.get(&id).ok_or(DomainError::UnknownParticipant(id))?,
        Actor::Newcomer => return Err(DomainError::FacilitatorOnly),
    };
    if !participant.role.may_contribute() {
        return Err(DomainError::ObserverCannotContribute);
    }
    Ok(participant.id)
}
