//! Moderation of what the room writes: the facilitator hides a note (with a reason its author
//! reads), shows it again, corrects it or removes it; an author corrects or deletes their own
//! note while its activity is open; a merge is undone note by note.

use super::{Deciding, require_facilitator};
use crate::text::{NoteText, clean_field, limits::HIDE_REASON_MAX};
use crate::{
    ActivityStatus, Actor, Contribution, ContributionId, DomainError, Event, Keyring, Scope, Subject, Workshop,
};

/// A note that is still on the record's pages (not removed).
fn kept(workshop: &Workshop, contribution_id: ContributionId) -> Result<&Contribution, DomainError> {
    let contribution =
        workshop.contribution(contribution_id).ok_or(DomainError::UnknownContribution(contribution_id))?;
    if contribution.removed {
        return Err(DomainError::ContributionGone);
    }
    Ok(contribution)
}

/// Who changes a note: the facilitator (`None`), or its author, named as the post named them.
/// An author changes their note only while its activity is open.
fn changed_by(
    workshop: &Workshop,
    actor: Actor,
    keyring: &Keyring,
    contribution: &Contribution,
) -> Result<Option<Subject>, DomainError> {
    if require_facilitator(workshop, actor).is_ok() {
        return Ok(None);
    }
    let participant = super::require_contributor(workshop, actor)?;
    if !keyring.is(participant, Scope::Contribution(contribution.id), &contribution.author) {
        return Err(DomainError::NotYourContribution);
    }
    let open =
        workshop.activity(contribution.activity_id).is_some_and(|activity| activity.status == ActivityStatus::Open);
    if !open {
        return Err(DomainError::ActivityNotOpenForChanges);
    }
    // Exactly the subject the post recorded: the change says no more about who wrote it.
    Ok(Some(contribution.author))
}

pub(super) fn hide(
    cx: &Deciding<'_>,
    contribution_id: ContributionId,
    reason: String,
) -> Result<Vec<Event>, DomainError> {
    let &Deciding { workshop, actor, .. } = cx;
    require_facilitator(workshop, actor)?;
    let contribution = kept(workshop, contribution_id)?;
    let reason = clean_field(&reason, "reason", HIDE_REASON_MAX)?;
    if reason.is_empty() {
        return Err(DomainError::HideReasonRequired);
    }
    if contribution.hidden.as_deref() == Some(reason.as_str()) {
        return Ok(Vec::new());
    }
    Ok(vec![Event::ContributionHidden { contribution_id, reason }])
}

pub(super) fn show(cx: &Deciding<'_>, contribution_id: ContributionId) -> Result<Vec<Event>, DomainError> {
    let &Deciding { workshop, actor, .. } = cx;
    require_facilitator(workshop, actor)?;
    let contribution = kept(workshop, contribution_id)?;
    if contribution.hidden.is_none() {
        return Ok(Vec::new());
    }
    Ok(vec![Event::ContributionShown { contribution_id }])
}

pub(super) fn edit(
    cx: &Deciding<'_>,
    contribution_id: ContributionId,
    text: String,
) -> Result<Vec<Event>, DomainError> {
    let &Deciding { workshop, actor, keyring } = cx;
    let contribution = kept(workshop, contribution_id)?;
    let author = changed_by(workshop, actor, keyring, contribution)?;
    let text = NoteText::parse(&text)?;
    if text.as_str() == contribution.text {
        return Ok(Vec::new());
    }
    Ok(vec![Event::ContributionEdited { contribution_id, text: text.into_string(), author }])
}

pub(super) fn remove(cx: &Deciding<'_>, contribution_id: ContributionId) -> Result<Vec<Event>, DomainError> {
    let &Deciding { workshop, actor, keyring } = cx;
    let contribution =
        workshop.contribution(contribution_id).ok_or(DomainError::UnknownContribution(contribution_id))?;
    let author = changed_by(workshop, actor, keyring, contribution)?;
    // Removing twice (a retry) records nothing more.
    if contribution.removed {
        return Ok(Vec::new());
    }
    Ok(vec![Event::ContributionRemoved { contribution_id, author }])
}

pub(super) fn unmerge(cx: &Deciding<'_>, contribution_id: ContributionId) -> Result<Vec<Event>, DomainError> {
    let &Deciding { workshop, actor, .. } = cx;
    require_facilitator(workshop, actor)?;
    let contribution = kept(workshop, contribution_id)?;
    if contribution.merged_into.is_none() {
        return Err(DomainError::NotMerged);
    }
    Ok(vec![Event::ContributionUnmerged { contribution_id }])
}
