//! Who may do what in an activity now: the one rule that `decide` follows to accept a command
//! and the pages follow to offer its form, so a page never offers what would be refused.

use crate::{Activity, ActivityStatus, DomainError, Role, Workshop};

impl Workshop {
    /// Whether someone of `role` may work on the room's shared material of `activity` now: draft
    /// and edit the cards of an action plan, link the actions that mitigate a risk. Contributors
    /// may while the activity is open, the facilitator at any time (to tidy up after); nobody
    /// once the workshop is closed, whose record is sealed.
    pub fn may_work_on(&self, activity: &Activity, role: Role) -> Result<(), DomainError> {
        if self.closed_at.is_some() {
            return Err(DomainError::WorkshopClosed);
        }
        if !role.may_contribute() {
            return Err(DomainError::ObserverCannotContribute);
        }
        if activity.status != ActivityStatus::Open && role != Role::Facilitator {
            return Err(DomainError::ActivityNotOpen);
        }
        Ok(())
    }

    /// Whether someone of `role` may give their own view in `activity` now: a stance on an
    /// action card, a rating of a risk. Contributors may, while the activity is open. (The
    /// facilitator may too; their console offers no such form, since they run the room.)
    pub fn may_give_a_view(&self, activity: &Activity, role: Role) -> Result<(), DomainError> {
        if self.closed_at.is_some() {
            return Err(DomainError::WorkshopClosed);
        }
        if !role.may_contribute() {
            return Err(DomainError::ObserverCannotContribute);
        }
        if activity.status != ActivityStatus::Open {
            return Err(DomainError::ActivityNotOpen);
        }
        Ok(())
    }
}
