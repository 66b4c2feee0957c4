//! Rules of the follow-up after the workshop: status updates of actions, who answers for
//! them, and the public follow-up page.

use super::{Deciding, live_action, require_facilitator};
use crate::outcomes::{ActionStatus, CalendarDate, StatusUpdate};
use crate::{ActionId, DomainError, Event, Workshop};

pub(super) fn update_action_statuses(
    cx: &Deciding<'_>,
    updates: Vec<StatusUpdate>,
    today: CalendarDate,
) -> Result<Vec<Event>, DomainError> {
    let &Deciding { workshop, actor, .. } = cx;
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

pub(super) fn set_commitment(
    cx: &Deciding<'_>,
    action_id: ActionId,
    answerable: String,
    next_update_due: Option<CalendarDate>,
) -> Result<Vec<Event>, DomainError> {
    let &Deciding { workshop, actor, .. } = cx;
    require_facilitator(workshop, actor)?;
    let action = live_action(workshop, action_id)?;
    let answerable = crate::text::clean_field(&answerable, "answerable", crate::outcomes::outcome_limits::OWNER_MAX)?;
    if action.follow_up.answerable == answerable && action.follow_up.next_update_due == next_update_due {
        return Ok(Vec::new());
    }
    Ok(vec![Event::CommitmentSet { action_id, answerable, next_update_due }])
}

pub(super) fn publish_follow_up(cx: &Deciding<'_>, token: Option<String>) -> Result<Vec<Event>, DomainError> {
    let &Deciding { workshop, actor, .. } = cx;
    require_facilitator(workshop, actor)?;
    let well_formed = |token: &str| {
        (16..=64).contains(&token.len()) && token.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
    };
    if token.as_deref().is_some_and(|token| !well_formed(token)) {
        return Err(DomainError::InvalidFollowUpToken);
    }
    if workshop.follow_up_token == token {
        return Ok(Vec::new());
    }
    Ok(vec![Event::FollowUpPublished { token }])
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
