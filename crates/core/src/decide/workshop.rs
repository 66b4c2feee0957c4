//! Rules of the workshop as a whole: closing, archiving, restoring and deleting it.

use super::{Deciding, require_facilitator};
use crate::{DomainError, Event};

pub(super) fn close_workshop(cx: &Deciding<'_>) -> Result<Vec<Event>, DomainError> {
    let &Deciding { workshop, actor, .. } = cx;
    require_facilitator(workshop, actor)?;
    if workshop.closed_at.is_some() {
        return Ok(Vec::new());
    }
    Ok(vec![Event::WorkshopClosed])
}

pub(super) fn delete_workshop(cx: &Deciding<'_>) -> Result<Vec<Event>, DomainError> {
    let &Deciding { workshop, actor, .. } = cx;
    require_facilitator(workshop, actor)?;
    if workshop.follow_up_token.is_some() && !workshop.archived {
        return Err(DomainError::FollowUpPagePublished);
    }
    Ok(vec![Event::WorkshopDeleted])
}

pub(super) fn archive_workshop(cx: &Deciding<'_>) -> Result<Vec<Event>, DomainError> {
    let &Deciding { workshop, actor, .. } = cx;
    require_facilitator(workshop, actor)?;
    Ok(if workshop.archived { Vec::new() } else { vec![Event::WorkshopArchived] })
}

pub(super) fn restore_workshop(cx: &Deciding<'_>) -> Result<Vec<Event>, DomainError> {
    let &Deciding { workshop, actor, .. } = cx;
    require_facilitator(workshop, actor)?;
    Ok(if workshop.archived { vec![Event::WorkshopRestored] } else { Vec::new() })
}
