//! Undo of the facilitator's structural moves: removing an activity, moving one on the agenda,
//! moving a note to another quadrant or category.
//!
//! Nothing is ever taken out of the log: the fold remembers the last few moves with what they
//! changed ([`RecentMove`]), and undoing one (`Command::Undo`) records the events that put things
//! back, then [`Event::MoveUndone`](crate::Event::MoveUndone). A move put back by an earlier
//! move is put back by the command that makes that move ([`compensating_commands`]): moving an
//! activity or a note back is a move like any other (so it can be undone in turn). A removed
//! activity has no command to bring it back and comes back through its own event,
//! `ActivityRestored`. A merge of notes is put back by unmerging each note it merged that is
//! still merged there.

use crate::state::Activity;
use crate::{ActivityId, Command, ContributionId, ContributionKind, Event, TimedEvent, Workshop};
use serde::{Deserialize, Serialize};

/// How many moves the console offers to undo, the most recent last.
pub const RECENT_MOVES_MAX: usize = 5;

/// A move that can be undone: the `seq` of its event in the log, and what it changed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RecentMove {
    pub seq: u64,
    pub undo: UndoableMove,
}

/// What a move changed, enough to put it back.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum UndoableMove {
    /// The activity as it was, where it stood, and those that worked on it.
    ActivityRemoved {
        activity: Box<Activity>,
        position: u32,
        source_of: Vec<ActivityId>,
        focused: bool,
    },
    ActivityMoved {
        activity_id: ActivityId,
        from: u32,
    },
    ContributionMoved {
        contribution_id: ContributionId,
        from: ContributionKind,
    },
    ContributionCategorized {
        activity_id: ActivityId,
        contribution_id: ContributionId,
        from: Option<u32>,
    },
    ContributionsMerged {
        into: ContributionId,
        merged: Vec<ContributionId>,
    },
}

impl UndoableMove {
    /// The move's kind, as its words are keyed: `activity_removed`, `activity_moved`, ….
    pub fn as_str(&self) -> &'static str {
        match self {
            UndoableMove::ActivityRemoved { .. } => "activity_removed",
            UndoableMove::ActivityMoved { .. } => "activity_moved",
            UndoableMove::ContributionMoved { .. } => "contribution_moved",
            UndoableMove::ContributionCategorized { .. } => "contribution_categorized",
            UndoableMove::ContributionsMerged { .. } => "contributions_merged",
        }
    }
}

/// The commands that put a move back, when commands do; a removed activity has none (it comes
/// back through `ActivityRestored`). A merge is put back by unmerging, one by one, the notes it
/// merged that are still merged into the same note (one may have been unmerged since).
pub fn compensating_commands(workshop: &Workshop, undo: &UndoableMove) -> Vec<Command> {
    match undo {
        UndoableMove::ActivityRemoved { .. } => Vec::new(),
        UndoableMove::ActivityMoved { activity_id, from } => {
            vec![Command::MoveActivity { activity_id: *activity_id, position: *from }]
        }
        UndoableMove::ContributionMoved { contribution_id, from } => {
            vec![Command::MoveContribution { contribution_id: *contribution_id, kind: *from }]
        }
        UndoableMove::ContributionCategorized { activity_id, contribution_id, from } => {
            vec![Command::Categorize { activity_id: *activity_id, contribution_id: *contribution_id, category: *from }]
        }
        UndoableMove::ContributionsMerged { into, merged } => merged
            .iter()
            .filter(|id| workshop.contribution(**id).is_some_and(|note| note.merged_into == Some(*into)))
            .map(|id| Command::UnmergeContribution { contribution_id: *id })
            .collect(),
    }
}

/// The event that brings a removed activity back, as the move remembered it.
pub(crate) fn restoring_event(undo: &UndoableMove) -> Option<Event> {
    let UndoableMove::ActivityRemoved { activity, position, source_of, .. } = undo else { return None };
    Some(Event::ActivityRestored {
        activity_id: activity.id,
        kind: activity.kind(),
        title: activity.title.clone(),
        prompt: activity.prompt.clone(),
        config: activity.settings.to_config(),
        position: *position,
        source_of: source_of.clone(),
    })
}

impl Workshop {
    /// The move `timed` makes, remembered before it is folded; nothing for other events.
    pub(crate) fn remember_move(&mut self, timed: &TimedEvent) {
        let undo = match &timed.event {
            Event::ActivityRemoved { activity_id } => {
                let Some(position) = self.activities.iter().position(|activity| activity.id == *activity_id) else {
                    return;
                };
                let source_of = self
                    .activities
                    .iter()
                    .filter(|activity| activity.settings.sources.contains(activity_id))
                    .map(|activity| activity.id)
                    .collect();
                UndoableMove::ActivityRemoved {
                    activity: Box::new(self.activities[position].clone()),
                    position: position as u32,
                    source_of,
                    focused: self.focus == Some(*activity_id),
                }
            }
            Event::ActivityMoved { activity_id, .. } => {
                let Some(from) = self.activities.iter().position(|activity| activity.id == *activity_id) else {
                    return;
                };
                UndoableMove::ActivityMoved { activity_id: *activity_id, from: from as u32 }
            }
            Event::ContributionMoved { contribution_id, .. } => {
                let Some(contribution) = self.contribution(*contribution_id) else { return };
                UndoableMove::ContributionMoved { contribution_id: *contribution_id, from: contribution.kind }
            }
            Event::ContributionCategorized { activity_id, contribution_id, .. } => {
                let Some(activity) = self.activity(*activity_id) else { return };
                UndoableMove::ContributionCategorized {
                    activity_id: *activity_id,
                    contribution_id: *contribution_id,
                    from: activity.placements.get(contribution_id).copied(),
                }
            }
            Event::ContributionsMerged { into, merged } => {
                UndoableMove::ContributionsMerged { into: *into, merged: merged.clone() }
            }
            _ => return,
        };
        self.recent_moves.push(RecentMove { seq: timed.seq, undo });
        if self.recent_moves.len() > RECENT_MOVES_MAX {
            self.recent_moves.remove(0);
        }
    }

    /// The activity the move recorded at `seq` concerns: the one moved or removed, or the one
    /// whose notes were moved, sorted or merged.
    pub fn activity_of_move(&self, seq: u64) -> Option<ActivityId> {
        match &self.recent_move(seq)?.undo {
            UndoableMove::ActivityRemoved { activity, .. } => Some(activity.id),
            UndoableMove::ActivityMoved { activity_id, .. }
            | UndoableMove::ContributionCategorized { activity_id, .. } => Some(*activity_id),
            UndoableMove::ContributionMoved { contribution_id, .. }
            | UndoableMove::ContributionsMerged { into: contribution_id, .. } => {
                self.contribution(*contribution_id).map(|note| note.activity_id)
            }
        }
    }

    /// The move recorded at `seq`, if it can still be undone.
    pub fn recent_move(&self, seq: u64) -> Option<&RecentMove> {
        self.recent_moves.iter().find(|recent| recent.seq == seq)
    }

    pub(crate) fn move_undone(&mut self, seq: u64) {
        self.recent_moves.retain(|recent| recent.seq != seq);
    }

    /// A removed activity back where it stood: as the move remembered it (its status, its
    /// timer), or, for a record read without that memory, as the event describes it.
    pub(crate) fn activity_restored(&mut self, restored: &Event) {
        let Event::ActivityRestored { activity_id, kind, title, prompt, config, position, source_of } = restored else {
            return;
        };
        if self.activity(*activity_id).is_some() {
            return;
        }
        let remembered = self.recent_moves.iter().rev().find_map(|recent| match &recent.undo {
            UndoableMove::ActivityRemoved { activity, focused, .. } if activity.id == *activity_id => {
                Some(((**activity).clone(), *focused))
            }
            _ => None,
        });
        let (mut activity, focused) =
            remembered.unwrap_or_else(|| (Activity::added(*activity_id, *kind, title, prompt, config), false));
        let at = (*position as usize).min(self.activities.len());
        let order: Vec<ActivityId> = self.activities.iter().map(|activity| activity.id).collect();
        activity.settings.sources.retain(|source| order[..at].contains(source));
        self.activities.insert(at, activity);
        // Back among the sources of those that worked on it, in agenda order.
        let place = |id: &ActivityId| order.iter().position(|known| known == id).unwrap_or(usize::MAX);
        for later in &mut self.activities[at + 1..] {
            if source_of.contains(&later.id) && !later.settings.sources.contains(activity_id) {
                let index = later
                    .settings
                    .sources
                    .iter()
                    .position(|source| place(source) >= at)
                    .unwrap_or(later.settings.sources.len());
                later.settings.sources.insert(index, *activity_id);
            }
        }
        if focused && self.focus.is_none() {
            self.focus = Some(*activity_id);
        }
    }
}
