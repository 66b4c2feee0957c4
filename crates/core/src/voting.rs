//! Ballots of the converging activities: how a vote is set up, what a participant's ballot may
//! hold, and the checks a ballot passes before it is recorded. Counting is the methods crate's
//! job; this module only decides whether a ballot is well formed for its vote.
//!
//! A participant's ballot replaces their previous one while the vote is open (the log keeps
//! both: a revote supersedes, it never deletes). Pairwise comparisons are the exception: each
//! answer is one more comparison.

use crate::{ContributionId, DomainError};
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, BTreeSet};

/// The methods a facilitator can pick for a vote.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum VoteMethod {
    Dots,
    Approval,
    Score,
    MajorityJudgment,
    Plurality,
    Borda,
    InstantRunoff,
    Copeland,
    Schulze,
    Minimax,
    BradleyTerry,
}

impl VoteMethod {
    pub const ALL: [VoteMethod; 11] = [
        VoteMethod::Dots,
        VoteMethod::Approval,
        VoteMethod::Score,
        VoteMethod::MajorityJudgment,
        VoteMethod::Plurality,
        VoteMethod::Borda,
        VoteMethod::InstantRunoff,
        VoteMethod::Copeland,
        VoteMethod::Schulze,
        VoteMethod::Minimax,
        VoteMethod::BradleyTerry,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            VoteMethod::Dots => "dots",
            VoteMethod::Approval => "approval",
            VoteMethod::Score => "score",
            VoteMethod::MajorityJudgment => "majority_judgment",
            VoteMethod::Plurality => "plurality",
            VoteMethod::Borda => "borda",
            VoteMethod::InstantRunoff => "instant_runoff",
            VoteMethod::Copeland => "copeland",
            VoteMethod::Schulze => "schulze",
            VoteMethod::Minimax => "minimax",
            VoteMethod::BradleyTerry => "bradley_terry",
        }
    }

    pub fn parse(raw: &str) -> Option<VoteMethod> {
        VoteMethod::ALL.into_iter().find(|method| method.as_str() == raw)
    }

    /// The methods whose ballot is a ranking.
    pub fn is_ranked(self) -> bool {
        matches!(
            self,
            VoteMethod::Plurality
                | VoteMethod::Borda
                | VoteMethod::InstantRunoff
                | VoteMethod::Copeland
                | VoteMethod::Schulze
                | VoteMethod::Minimax
        )
    }
}

/// How a vote is set up.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct VoteConfig {
    pub method: VoteMethod,
    /// Dots each participant spends (dot voting).
    #[serde(default = "default_dots")]
    pub dots_budget: u32,
    /// The most dots one participant may put on one item (dot voting).
    #[serde(default = "default_cap")]
    pub dots_cap: u32,
    /// The score range (score voting).
    #[serde(default = "default_score_min")]
    pub score_min: i32,
    #[serde(default = "default_score_max")]
    pub score_max: i32,
    /// How many grades, from "to reject" to "excellent" (majority judgment).
    #[serde(default = "default_grades")]
    pub grades: u8,
    /// Score voting ranks by the mean score, or by the median, which one extreme voter cannot pull.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub rank_by_median: bool,
}

fn default_dots() -> u32 {
    5
}
fn default_cap() -> u32 {
    3
}
fn default_score_min() -> i32 {
    0
}
fn default_score_max() -> i32 {
    5
}
fn default_grades() -> u8 {
    6
}

impl VoteConfig {
    pub fn new(method: VoteMethod) -> VoteConfig {
        VoteConfig {
            method,
            dots_budget: default_dots(),
            dots_cap: default_cap(),
            score_min: default_score_min(),
            score_max: default_score_max(),
            grades: default_grades(),
            rank_by_median: false,
        }
    }

    pub fn check(&self) -> Result<(), DomainError> {
        let valid = (1..=100).contains(&self.dots_budget)
            && (1..=self.dots_budget).contains(&self.dots_cap)
            && self.score_min < self.score_max
            && self.score_max - self.score_min <= 100
            && (2..=10).contains(&self.grades);
        if valid { Ok(()) } else { Err(DomainError::InvalidConfig { reason: "vote" }) }
    }
}

/// One participant's ballot. Items are the contributions the vote is about.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum Ballot {
    /// Dots per item; items without dots are left out.
    Dots {
        dots: BTreeMap<ContributionId, u32>,
    },
    Approval {
        approved: BTreeSet<ContributionId>,
    },
    /// A score per item; items left unscored are left out.
    Scores {
        scores: BTreeMap<ContributionId, i32>,
    },
    /// A grade per item, 0 for the lowest; every item must be graded.
    Grades {
        grades: BTreeMap<ContributionId, u8>,
    },
    /// Tiers, best first; items tied share a tier; items left out rank below all ranked ones.
    Ranking {
        tiers: Vec<Vec<ContributionId>>,
    },
    /// One comparison: `winner` preferred to `loser`.
    Pairwise {
        winner: ContributionId,
        loser: ContributionId,
    },
}

impl Ballot {
    /// Checks the ballot against the vote's set-up and the items on the ballot.
    pub fn check(&self, config: &VoteConfig, items: &BTreeSet<ContributionId>) -> Result<(), DomainError> {
        let refuse = |reason: &'static str| Err(DomainError::InvalidBallot { reason });
        let known = |id: &ContributionId| items.contains(id);
        match (self, config.method) {
            (Ballot::Dots { dots }, VoteMethod::Dots) => {
                if !dots.keys().all(known) {
                    return refuse("unknown_item");
                }
                if dots.values().any(|n| *n > config.dots_cap) {
                    return refuse("over_cap");
                }
                if dots.values().map(|n| u64::from(*n)).sum::<u64>() > u64::from(config.dots_budget) {
                    return refuse("over_budget");
                }
                Ok(())
            }
            (Ballot::Approval { approved }, VoteMethod::Approval) => {
                if approved.iter().all(known) {
                    Ok(())
                } else {
                    refuse("unknown_item")
                }
            }
            (Ballot::Scores { scores }, VoteMethod::Score) => {
                if !scores.keys().all(known) {
                    return refuse("unknown_item");
                }
                if scores.values().any(|score| !(config.score_min..=config.score_max).contains(score)) {
                    return refuse("out_of_range");
                }
                Ok(())
            }
            (Ballot::Grades { grades }, VoteMethod::MajorityJudgment) => {
                if !grades.keys().all(known) {
                    return refuse("unknown_item");
                }
                if grades.len() != items.len() {
                    return refuse("incomplete");
                }
                if grades.values().any(|grade| *grade >= config.grades) {
                    return refuse("out_of_range");
                }
                Ok(())
            }
            (Ballot::Ranking { tiers }, method) if method.is_ranked() => {
                let mut seen = BTreeSet::new();
                for item in tiers.iter().flatten() {
                    if !known(item) {
                        return refuse("unknown_item");
                    }
                    if !seen.insert(*item) {
                        return refuse("duplicate_rank");
                    }
                }
                if tiers.iter().any(Vec::is_empty) || seen.is_empty() {
                    return refuse("empty");
                }
                Ok(())
            }
            (Ballot::Pairwise { winner, loser }, VoteMethod::BradleyTerry) => {
                if !known(winner) || !known(loser) {
                    return refuse("unknown_item");
                }
                if winner == loser {
                    return refuse("same_item");
                }
                Ok(())
            }
            _ => refuse("wrong_method"),
        }
    }

    /// True when a new ballot of this shape replaces the participant's previous one, rather than
    /// adding to it (pairwise answers add up).
    pub fn replaces_previous(&self) -> bool {
        !matches!(self, Ballot::Pairwise { .. })
    }
}

/// The scores one participant gives one item in an assessment, by criterion id.
pub type CriterionScores = BTreeMap<String, u8>;

/// The scale of assessment scores, 1 to 5 as the method's default.
pub const ASSESSMENT_MIN: u8 = 1;
pub const ASSESSMENT_MAX: u8 = 5;

/// Checks one participant's scores of one item against the activity's criteria: every key a
/// criterion, every score on the scale. A criterion may be left unscored.
pub fn check_assessment(scores: &CriterionScores, criteria: &[crate::Criterion]) -> Result<(), DomainError> {
    for (criterion, score) in scores {
        if !criteria.iter().any(|known| &known.id == criterion) {
            return Err(DomainError::InvalidBallot { reason: "unknown_criterion" });
        }
        if !(ASSESSMENT_MIN..=ASSESSMENT_MAX).contains(score) {
            return Err(DomainError::InvalidBallot { reason: "out_of_range" });
        }
    }
    if scores.is_empty() {
        return Err(DomainError::InvalidBallot { reason: "empty" });
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use uuid::Uuid;

    fn item(n: u128) -> ContributionId {
        ContributionId::from_uuid(Uuid::from_u128(n))
    }

    fn items() -> BTreeSet<ContributionId> {
        (1..=3).map(item).collect()
    }

    fn reason(result: Result<(), DomainError>) -> &'static str {
        match result {
            Err(DomainError::InvalidBallot { reason }) => reason,
            other => panic!("expected a refusal, got {other:?}"),
        }
    }

    #[test]
    fn dots_respect_the_budget_and_the_cap() {
        let config = VoteConfig { dots_budget: 5, dots_cap: 3, ..VoteConfig::new(VoteMethod::Dots) };
        let ballot =
            |spread: &[(u128, u32)]| Ballot::Dots { dots: spread.iter().map(|(n, d)| (item(*n), *d)).collect() };
        assert!(ballot(&[(1, 3), (2, 2)]).check(&config, &items()).is_ok());
        assert_eq!(reason(ballot(&[(1, 3), (2, 3)]).check(&config, &items())), "over_budget");
        assert_eq!(reason(ballot(&[(1, 4)]).check(&config, &items())), "over_cap");
        assert_eq!(reason(ballot(&[(9, 1)]).check(&config, &items())), "unknown_item");
    }

    #[test]
    fn grades_cover_every_item_within_the_scale() {
        let config = VoteConfig::new(VoteMethod::MajorityJudgment);
        let full = Ballot::Grades { grades: (1..=3).map(|n| (item(n), 2)).collect() };
        assert!(full.check(&config, &items()).is_ok());
        let partial = Ballot::Grades { grades: [(item(1), 2)].into() };
        assert_eq!(reason(partial.check(&config, &items())), "incomplete");
        let too_high = Ballot::Grades { grades: (1..=3).map(|n| (item(n), 6)).collect() };
        assert_eq!(reason(too_high.check(&config, &items())), "out_of_range");
    }

    #[test]
    fn rankings_name_each_item_once() {
        let config = VoteConfig::new(VoteMethod::Schulze);
        assert!(
            Ballot::Ranking { tiers: vec![vec![item(2)], vec![item(1), item(3)]] }.check(&config, &items()).is_ok()
        );
        let twice = Ballot::Ranking { tiers: vec![vec![item(2)], vec![item(2)]] };
        assert_eq!(reason(twice.check(&config, &items())), "duplicate_rank");
        let wrong = Ballot::Approval { approved: [item(1)].into() };
        assert_eq!(reason(wrong.check(&config, &items())), "wrong_method");
    }

    #[test]
    fn pairwise_answers_add_up_while_other_ballots_replace() {
        assert!(!Ballot::Pairwise { winner: item(1), loser: item(2) }.replaces_previous());
        assert!(Ballot::Approval { approved: BTreeSet::new() }.replaces_previous());
        let config = VoteConfig::new(VoteMethod::BradleyTerry);
        assert_eq!(reason(Ballot::Pairwise { winner: item(1), loser: item(1) }.check(&config, &items())), "same_item");
    }

    #[test]
    fn assessment_scores_stay_on_the_scale_and_the_criteria() {
        let criteria = vec![crate::Criterion { id: "impact".into(), name: "Impact".into(), weight: 2 }];
        assert!(check_assessment(&[("impact".to_owned(), 4)].into(), &criteria).is_ok());
        assert!(check_assessment(&[("impact".to_owned(), 6)].into(), &criteria).is_err());
        assert!(check_assessment(&[("cost".to_owned(), 3)].into(), &criteria).is_err());
        assert!(check_assessment(&CriterionScores::new(), &criteria).is_err());
    }
}
