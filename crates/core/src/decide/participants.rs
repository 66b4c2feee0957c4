//! Rules of who is in the room: joining, roles, removing and merging participants, locking
//! joining, presence and tables.

use super::{Deciding, require_facilitator};
use crate::{Actor, DomainError, Event, ParticipantId, Role};

pub(super) fn join(
    cx: &Deciding<'_>,
    participant_id: ParticipantId,
    profile_commitment: String,
) -> Result<Vec<Event>, DomainError> {
    let &Deciding { workshop, actor, .. } = cx;
    if workshop.participants.contains_key(&participant_id) {
        return Err(DomainError::AlreadyJoined);
    }
    if actor != Actor::Newcomer {
        return Err(DomainError::AlreadyJoined);
    }
    if workshop.joining_locked {
        return Err(DomainError::JoiningLocked);
    }
    Ok(vec![Event::ParticipantJoined { participant_id, role: Role::Participant, profile_commitment, account: None }])
}

pub(super) fn change_role(
    cx: &Deciding<'_>,
    participant_id: ParticipantId,
    role: Role,
) -> Result<Vec<Event>, DomainError> {
    let &Deciding { workshop, actor, .. } = cx;
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

pub(super) fn remove_participant(cx: &Deciding<'_>, participant_id: ParticipantId) -> Result<Vec<Event>, DomainError> {
    let &Deciding { workshop, actor, .. } = cx;
    require_facilitator(workshop, actor)?;
    let participant =
        workshop.participants.get(&participant_id).ok_or(DomainError::UnknownParticipant(participant_id))?;
    // The facilitators are accounts: they leave by their account, not from the room.
    if participant.role == Role::Facilitator {
        return Err(DomainError::FacilitatorOnly);
    }
    Ok(vec![Event::ParticipantRemoved { participant_id }])
}

pub(super) fn merge_participant(
    cx: &Deciding<'_>,
    duplicate: ParticipantId,
    into: ParticipantId,
) -> Result<Vec<Event>, DomainError> {
    let &Deciding { workshop, actor, keyring } = cx;
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

pub(super) fn lock_joining(cx: &Deciding<'_>, locked: bool) -> Result<Vec<Event>, DomainError> {
    let &Deciding { workshop, actor, .. } = cx;
    require_facilitator(workshop, actor)?;
    if workshop.joining_locked == locked {
        return Ok(Vec::new());
    }
    Ok(vec![Event::JoiningLocked { locked }])
}

pub(super) fn renew_join_code(cx: &Deciding<'_>) -> Result<Vec<Event>, DomainError> {
    let &Deciding { workshop, actor, .. } = cx;
    require_facilitator(workshop, actor)?;
    Ok(vec![Event::JoinCodeRenewed])
}

pub(super) fn form_tables(cx: &Deciding<'_>, tables: Vec<Vec<ParticipantId>>) -> Result<Vec<Event>, DomainError> {
    let &Deciding { workshop, actor, .. } = cx;
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

pub(super) fn seat_participant(
    cx: &Deciding<'_>,
    participant_id: ParticipantId,
    table: Option<u32>,
) -> Result<Vec<Event>, DomainError> {
    let &Deciding { workshop, actor, .. } = cx;
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

pub(super) fn set_presence(
    cx: &Deciding<'_>,
    participant_id: ParticipantId,
    present: bool,
) -> Result<Vec<Event>, DomainError> {
    let &Deciding { workshop, actor, .. } = cx;
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
