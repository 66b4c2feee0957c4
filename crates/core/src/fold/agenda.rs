//! The fold of the agenda's events: activities edited, removed, moved, opened and closed, and
//! their timers.

use crate::state::Timer;
use crate::{ActivityConfig, ActivityId, ActivitySettings, ActivityStatus, TimedEvent, Timestamp, Workshop};
use std::collections::BTreeSet;

impl Workshop {
    pub(super) fn activity_updated(
        &mut self,
        activity_id: &ActivityId,
        title: &str,
        prompt: &str,
        config: &ActivityConfig,
    ) {
        if let Some(activity) = self.activity_mut(*activity_id) {
            title.clone_into(&mut activity.title);
            prompt.clone_into(&mut activity.prompt);
            // Leniently: an older record may hold another kind's options, which the activity ignores.
            activity.settings = ActivitySettings::from_record(activity.kind(), config);
            let categories: BTreeSet<u32> = activity.settings.categories().iter().map(|category| category.id).collect();
            activity.placements.retain(|_, category| categories.contains(category));
        }
    }

    pub(super) fn activity_removed(&mut self, activity_id: &ActivityId) {
        self.activities.retain(|activity| activity.id != *activity_id);
        for activity in &mut self.activities {
            activity.settings.sources.retain(|source| source != activity_id);
        }
        if self.focus == Some(*activity_id) {
            self.focus = None;
        }
    }

    pub(super) fn activity_moved(&mut self, activity_id: &ActivityId, position: &u32) {
        if let Some(from) = self.activities.iter().position(|activity| activity.id == *activity_id) {
            let activity = self.activities.remove(from);
            let to = (*position as usize).min(self.activities.len());
            self.activities.insert(to, activity);
        }
    }

    pub(super) fn timer_started(&mut self, timed: &TimedEvent, activity_id: &ActivityId, remaining_ms: &u64) {
        if let Some(activity) = self.activity_mut(*activity_id) {
            activity.timer = Some(Timer::Running { ends_at: Timestamp(timed.at.0 + *remaining_ms as i64) });
        }
    }

    pub(super) fn timer_paused(&mut self, timed: &TimedEvent, activity_id: &ActivityId) {
        if let Some(activity) = self.activity_mut(*activity_id)
            && let Some(timer) = activity.timer
        {
            activity.timer = Some(Timer::Paused { remaining_ms: timer.remaining_ms(timed.at) });
        }
    }

    pub(super) fn timer_extended(&mut self, timed: &TimedEvent, activity_id: &ActivityId, extra_ms: &u64) {
        if let Some(activity) = self.activity_mut(*activity_id) {
            activity.timer = Some(match activity.timer {
                Some(Timer::Running { ends_at }) => {
                    // An extension of a timer that already ran out counts from now.
                    let base = ends_at.0.max(timed.at.0);
                    Timer::Running { ends_at: Timestamp(base + *extra_ms as i64) }
                }
                Some(Timer::Paused { remaining_ms }) => Timer::Paused { remaining_ms: remaining_ms + extra_ms },
                None => Timer::Paused { remaining_ms: *extra_ms },
            });
        }
    }

    pub(super) fn timer_shortened(&mut self, timed: &TimedEvent, activity_id: &ActivityId, less_ms: &u64) {
        if let Some(activity) = self.activity_mut(*activity_id) {
            activity.timer = match activity.timer {
                // A timer cut below zero ends now, not in the past: its end is when it ended.
                Some(Timer::Running { ends_at }) => Some(Timer::Running {
                    ends_at: Timestamp((ends_at.0 - *less_ms as i64).max(timed.at.0.min(ends_at.0))),
                }),
                Some(Timer::Paused { remaining_ms }) => {
                    Some(Timer::Paused { remaining_ms: remaining_ms.saturating_sub(*less_ms) })
                }
                None => None,
            };
        }
    }

    pub(super) fn activity_opened(&mut self, activity_id: &ActivityId) {
        if let Some(activity) = self.activity_mut(*activity_id) {
            activity.status = ActivityStatus::Open;
            activity.times_opened += 1;
            // A reopened count is live again; the next close records it anew.
            activity.frozen_result = None;
        }
    }

    pub(super) fn activity_closed(&mut self, activity_id: &ActivityId) {
        if let Some(activity) = self.activity_mut(*activity_id) {
            activity.status = ActivityStatus::Closed;
            // Time is up for a closed activity: no screen counts down for it any more.
            activity.timer = None;
        }
    }
}
