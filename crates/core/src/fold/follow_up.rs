//! The fold of the follow-up: status updates and commitments of actions.

use crate::outcomes::{ActionStatus, CalendarDate, StatusEntry};
use crate::{ActionId, TimedEvent, Workshop};

impl Workshop {
    pub(super) fn action_status_updated(
        &mut self,
        timed: &TimedEvent,
        action_id: &ActionId,
        status: &ActionStatus,
        note: &str,
        next_update_due: &Option<CalendarDate>,
        effective_on: &Option<CalendarDate>,
    ) {
        if let Some(action) = self.action_mut(*action_id) {
            let follow_up = &mut action.follow_up;
            let recorded_on = CalendarDate::of(timed.at);
            follow_up.status = *status;
            follow_up.history.push(StatusEntry {
                at: timed.at,
                seq: timed.seq,
                status: *status,
                note: note.to_owned(),
                effective_on: effective_on.unwrap_or(recorded_on),
            });
            if next_update_due.is_some() {
                follow_up.next_update_due = *next_update_due;
                follow_up.next_update_set_on = Some(recorded_on);
            }
        }
    }

    pub(super) fn commitment_set(
        &mut self,
        timed: &TimedEvent,
        action_id: &ActionId,
        answerable: &str,
        next_update_due: &Option<CalendarDate>,
    ) {
        if let Some(action) = self.action_mut(*action_id) {
            answerable.clone_into(&mut action.follow_up.answerable);
            action.follow_up.next_update_due = *next_update_due;
            action.follow_up.next_update_set_on = next_update_due.map(|_| CalendarDate::of(timed.at));
        }
    }
}
