//! The fold of the counts: ballots, assessments, risk ratings and frozen results.

use crate::voting::Ballot;
use crate::{ActivityId, ContributionId, Subject, TimedEvent, Workshop};

impl Workshop {
    pub(super) fn ballot_cast(&mut self, activity_id: &ActivityId, voter: &Subject, ballot: &crate::voting::Ballot) {
        if let Some(activity) = self.activity_mut(*activity_id) {
            match ballot {
                Ballot::Pairwise { winner, loser } => activity.comparisons.push((*voter, *winner, *loser)),
                other => {
                    activity.ballots.insert(*voter, other.clone());
                }
            }
        }
    }

    pub(super) fn item_assessed(
        &mut self,
        activity_id: &ActivityId,
        assessor: &Subject,
        item: &ContributionId,
        scores: &crate::voting::CriterionScores,
    ) {
        if let Some(activity) = self.activity_mut(*activity_id) {
            activity.assessments.entry(*item).or_default().insert(*assessor, scores.clone());
        }
    }

    pub(super) fn results_frozen(&mut self, timed: &TimedEvent, activity_id: &ActivityId, result: &str) {
        if let Some(activity) = self.activity_mut(*activity_id) {
            activity.frozen_result = Some(result.to_owned());
        }
        // Counts frozen by the closing belong to the record of the days.
        if self.closure_seq.is_some() {
            self.closure_seq = Some(timed.seq);
        }
    }

    pub(super) fn risk_rated(
        &mut self,
        activity_id: &ActivityId,
        rater: &Subject,
        risk: &ContributionId,
        likelihood: &u8,
        impact: &u8,
    ) {
        if let Some(activity) = self.activity_mut(*activity_id) {
            activity.risk_ratings.entry(*risk).or_default().insert(*rater, (*likelihood, *impact));
        }
    }
}
