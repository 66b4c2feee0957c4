//! The fold of the workshop as a whole: its closing.

use crate::{ActivityStatus, TimedEvent, Workshop};

impl Workshop {
    pub(super) fn workshop_closed(&mut self, timed: &TimedEvent) {
        self.closed_at = Some(timed.at);
        self.closure_seq = Some(timed.seq);
        for activity in &mut self.activities {
            if activity.status == ActivityStatus::Open {
                activity.status = ActivityStatus::Closed;
            }
            activity.timer = None;
        }
        self.focus = None;
    }
}
