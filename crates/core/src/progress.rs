//! How far the room is in an activity: how many have done what it asks (contributed, finished
//! the round, voted, assessed, rated), out of those present who may. Counts only: who did is
//! never part of it, so it reads the same in an anonymous activity.

use crate::state::Activity;
use crate::{ActivityKind, Role, Subject, Workshop};
use std::collections::BTreeSet;

/// What the count is of.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ProgressKind {
    Contributed,
    FinishedRound,
    Voted,
    Assessed,
    Rated,
}

impl ProgressKind {
    /// As its words are keyed: `contributed`, `finished-round`, ….
    pub fn as_str(self) -> &'static str {
        match self {
            ProgressKind::Contributed => "contributed",
            ProgressKind::FinishedRound => "finished-round",
            ProgressKind::Voted => "voted",
            ProgressKind::Assessed => "assessed",
            ProgressKind::Rated => "rated",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Progress {
    pub kind: ProgressKind,
    /// How many did it; never more than `present`.
    pub done: usize,
    /// Those in the room who may: present, neither facilitating nor observing.
    pub present: usize,
}

impl Workshop {
    /// The activity's progress; `None` for a kind that asks nothing of each person (sorting is
    /// shared work, an action plan is drafted by a few).
    pub fn progress(&self, activity: &Activity) -> Option<Progress> {
        let present = self
            .participants
            .values()
            .filter(|participant| participant.present && matches!(participant.role, Role::Participant | Role::Expert))
            .count();
        // A facilitator's own notes are not the room's.
        let counts = |subject: &Subject| match subject {
            Subject::Named(id) => {
                self.participants.get(id).is_none_or(|participant| participant.role != Role::Facilitator)
            }
            Subject::Pseudonym(_) => true,
        };
        let (kind, done): (ProgressKind, BTreeSet<&Subject>) = match activity.kind() {
            ActivityKind::Vote => {
                let mut voters: BTreeSet<&Subject> = activity.ballots.keys().collect();
                voters.extend(activity.comparisons.iter().map(|(subject, _, _)| subject));
                (ProgressKind::Voted, voters)
            }
            ActivityKind::Assess => {
                (ProgressKind::Assessed, activity.assessments.values().flat_map(|scores| scores.keys()).collect())
            }
            ActivityKind::RiskMap => {
                (ProgressKind::Rated, activity.risk_ratings.values().flat_map(|ratings| ratings.keys()).collect())
            }
            ActivityKind::Brainwriting => {
                let brainwriting = activity.brainwriting.as_ref()?;
                let ideas = activity.settings.brainwriting_rules().ideas_per_round.max(1) as usize;
                let mut written: std::collections::BTreeMap<&Subject, usize> = std::collections::BTreeMap::new();
                for contribution in self.contributions_in(activity.id) {
                    if contribution.sheet.is_some_and(|sheet| sheet.round == brainwriting.round) {
                        *written.entry(&contribution.author).or_default() += 1;
                    }
                }
                let finished = written.into_iter().filter(|(_, count)| *count >= ideas).map(|(subject, _)| subject);
                (ProgressKind::FinishedRound, finished.collect())
            }
            ActivityKind::Categorize | ActivityKind::ActionPlan | ActivityKind::OpinionMap => return None,
            ActivityKind::PhotoLanguage | ActivityKind::Swot | ActivityKind::Challenges | ActivityKind::Reformulate => {
                (
                    ProgressKind::Contributed,
                    self.contributions_in(activity.id).map(|contribution| &contribution.author).collect(),
                )
            }
        };
        let done = done.into_iter().filter(|subject| counts(subject)).count().min(present);
        Some(Progress { kind, done, present })
    }
}
