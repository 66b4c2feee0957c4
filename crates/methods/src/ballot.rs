//! Candidates and ballots. Every ballot validates on construction, so a method never meets an
//! out-of-range candidate, a duplicate rank, an overspent budget or a grade off the scale: it can
//! only receive ballots that were checked once, here, with an error that says what is wrong.
//!
//! Ballots carry no identity: whether a participant may vote twice is the workshop's business
//! (the core crate), not the aggregation's.

use serde::{Deserialize, Serialize};

/// A candidate (an item, an idea, an option) as an index in `0..n_candidates`. Names and ids
/// live in the caller; the methods only need to tell candidates apart.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(transparent)]
pub struct CandidateIdx(pub usize);

impl CandidateIdx {
    pub fn index(self) -> usize {
        self.0
    }
}

impl std::fmt::Display for CandidateIdx {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}", self.0)
    }
}

/// Why a ballot (or a ballot's rules) was refused. Candidates are reported as indices; the caller
/// maps them back to names when it shows the message.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum BallotError {
    #[error("candidate {candidate} does not exist: there are {n_candidates} candidates, numbered from 0")]
    UnknownCandidate { candidate: usize, n_candidates: usize },
    #[error("candidate {candidate} appears more than once on the ballot")]
    DuplicateCandidate { candidate: usize },
    #[error("tier {tier} of the ranking is empty; a tie needs at least one candidate")]
    EmptyTier { tier: usize },
    #[error("the ballot has {actual} entries but there are {expected} candidates")]
    WrongLength { expected: usize, actual: usize },
    #[error("the ballot was made for {ballot} candidates but the vote has {vote}")]
    CandidateCountMismatch { ballot: usize, vote: usize },
    #[error("score {score} for candidate {candidate} is outside the scale {min} to {max}")]
    ScoreOutOfRange { candidate: usize, score: i32, min: i32, max: i32 },
    #[error("the score scale must go from a minimum to a larger maximum, not from {min} to {max}")]
    InvalidScoreScale { min: i32, max: i32 },
    #[error("grade {grade} for candidate {candidate} is outside the scale of {n_grades} grades (0 to {})", n_grades - 1)]
    GradeOutOfRange { candidate: usize, grade: u8, n_grades: u8 },
    #[error("a grade scale needs at least 2 grades, not {n_grades}")]
    InvalidGradeScale { n_grades: u8 },
    #[error("{spent} dots were spent but the budget is {budget}")]
    Overspent { spent: u64, budget: u32 },
    #[error("candidate {candidate} received {dots} dots but the cap per item is {cap}")]
    OverCap { candidate: usize, dots: u32, cap: u32 },
    #[error("dot voting needs a budget and a cap of at least one dot (budget {budget}, cap {cap})")]
    InvalidDotRules { budget: u32, cap: u32 },
    #[error("the ballot was made for another scale than the vote's")]
    ScaleMismatch,
    #[error("invalid assessment criteria: {0}")]
    InvalidCriteria(&'static str),
    #[error("criterion {criterion} does not exist: there are {n_criteria} criteria, numbered from 0")]
    UnknownCriterion { criterion: usize, n_criteria: usize },
    #[error("invalid Bradley–Terry option: {0}")]
    InvalidBradleyTerryOption(&'static str),
    #[error("candidate {candidate} cannot be compared with itself")]
    SelfComparison { candidate: usize },
}

fn check_candidate(candidate: usize, n_candidates: usize) -> Result<CandidateIdx, BallotError> {
    if candidate < n_candidates {
        Ok(CandidateIdx(candidate))
    } else {
        Err(BallotError::UnknownCandidate { candidate, n_candidates })
    }
}

fn check_length(expected: usize, actual: usize) -> Result<(), BallotError> {
    if expected == actual { Ok(()) } else { Err(BallotError::WrongLength { expected, actual }) }
}

/// A ranked ballot: a weak order given as tiers, best first. A strict ranking has one candidate
/// per tier; a tie (as in PrefLib `.toc`) is a tier with several. The ranking may be truncated:
/// candidates in no tier are unranked, and every method treats them as tied below every ranked
/// candidate (extended strict preference, the convention of the reference library pref_voting).
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
pub struct RankedBallot {
    n_candidates: usize,
    tiers: Vec<Vec<CandidateIdx>>,
}

impl RankedBallot {
    /// A strict, possibly truncated ranking, best first.
    pub fn strict(n_candidates: usize, order: impl IntoIterator<Item = usize>) -> Result<Self, BallotError> {
        Self::with_ties(n_candidates, order.into_iter().map(|candidate| vec![candidate]).collect())
    }

    /// A weak order: tiers best first, the candidates inside a tier tied.
    pub fn with_ties(n_candidates: usize, tiers: Vec<Vec<usize>>) -> Result<Self, BallotError> {
        let mut seen = vec![false; n_candidates];
        let mut checked = Vec::with_capacity(tiers.len());
        for (tier_number, tier) in tiers.into_iter().enumerate() {
            if tier.is_empty() {
                return Err(BallotError::EmptyTier { tier: tier_number });
            }
            let mut checked_tier = Vec::with_capacity(tier.len());
            for candidate in tier {
                let candidate = check_candidate(candidate, n_candidates)?;
                if std::mem::replace(&mut seen[candidate.0], true) {
                    return Err(BallotError::DuplicateCandidate { candidate: candidate.0 });
                }
                checked_tier.push(candidate);
            }
            // Sorted tiers give identical ballots one representation, so the profile can count them.
            checked_tier.sort_unstable();
            checked.push(checked_tier);
        }
        Ok(Self { n_candidates, tiers: checked })
    }

    pub fn n_candidates(&self) -> usize {
        self.n_candidates
    }

    /// The tiers, best first.
    pub fn tiers(&self) -> &[Vec<CandidateIdx>] {
        &self.tiers
    }

    /// The candidate ranked alone at the top, if any: plurality counts only such ballots.
    pub fn unique_top(&self) -> Option<CandidateIdx> {
        match self.tiers.first() {
            Some(tier) if tier.len() == 1 => Some(tier[0]),
            _ => None,
        }
    }

    /// Each candidate's tier number; unranked candidates share the number just past the last tier.
    pub fn tier_of_each_candidate(&self) -> Vec<usize> {
        let mut positions = vec![self.tiers.len(); self.n_candidates];
        for (tier_number, tier) in self.tiers.iter().enumerate() {
            for candidate in tier {
                positions[candidate.0] = tier_number;
            }
        }
        positions
    }

    /// The strict prefix of the ranking, cut before the first tie: how instant runoff reads a weak
    /// order (pref_voting's `truncate_overvotes`), since a tied tier cannot give one first choice.
    pub fn strict_prefix(&self) -> impl Iterator<Item = CandidateIdx> + '_ {
        self.tiers.iter().take_while(|tier| tier.len() == 1).map(|tier| tier[0])
    }

    /// The same ballot with candidates renamed by `permutation` (`new = permutation[old]`).
    pub fn renamed(&self, permutation: &[usize]) -> Result<Self, BallotError> {
        let tiers = self.tiers.iter().map(|tier| tier.iter().map(|c| permutation[c.0]).collect()).collect();
        Self::with_ties(self.n_candidates, tiers)
    }
}

/// An approval ballot: the set of candidates the participant approves of.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize)]
pub struct ApprovalBallot {
    n_candidates: usize,
    approved: Vec<CandidateIdx>,
}

impl ApprovalBallot {
    pub fn new(n_candidates: usize, approved: impl IntoIterator<Item = usize>) -> Result<Self, BallotError> {
        let mut seen = vec![false; n_candidates];
        let mut checked = Vec::new();
        for candidate in approved {
            let candidate = check_candidate(candidate, n_candidates)?;
            if std::mem::replace(&mut seen[candidate.0], true) {
                return Err(BallotError::DuplicateCandidate { candidate: candidate.0 });
            }
            checked.push(candidate);
        }
        checked.sort_unstable();
        Ok(Self { n_candidates, approved: checked })
    }

    pub fn n_candidates(&self) -> usize {
        self.n_candidates
    }

    pub fn approved(&self) -> &[CandidateIdx] {
        &self.approved
    }
}

/// The range of a score ballot, both ends included (1 to 5, 0 to 10...).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
pub struct ScoreScale {
    min: i32,
    max: i32,
}

impl ScoreScale {
    pub fn new(min: i32, max: i32) -> Result<Self, BallotError> {
        if min < max { Ok(Self { min, max }) } else { Err(BallotError::InvalidScoreScale { min, max }) }
    }

    pub fn min(self) -> i32 {
        self.min
    }

    pub fn max(self) -> i32 {
        self.max
    }

    /// How many distinct scores the scale has: the length of a score histogram.
    pub fn n_values(self) -> usize {
        (i64::from(self.max) - i64::from(self.min) + 1) as usize
    }

    /// The midpoint, the default threshold between "low" and "high".
    pub fn midpoint(self) -> f64 {
        (f64::from(self.min) + f64::from(self.max)) / 2.0
    }

    fn check(self, candidate: usize, score: i32) -> Result<(), BallotError> {
        if (self.min..=self.max).contains(&score) {
            Ok(())
        } else {
            Err(BallotError::ScoreOutOfRange { candidate, score, min: self.min, max: self.max })
        }
    }
}

impl Default for ScoreScale {
    /// 1 to 5, the assessment default.
    fn default() -> Self {
        Self { min: 1, max: 5 }
    }
}

/// A score (range) ballot: one score per candidate, or `None` where the participant abstained on
/// that candidate (a skipped item is not a low score; it simply does not count for that item).
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize)]
pub struct ScoreBallot {
    scale: ScoreScale,
    scores: Vec<Option<i32>>,
}

impl ScoreBallot {
    pub fn new(scale: ScoreScale, n_candidates: usize, scores: Vec<Option<i32>>) -> Result<Self, BallotError> {
        check_length(n_candidates, scores.len())?;
        for (candidate, score) in scores.iter().enumerate() {
            if let Some(score) = *score {
                scale.check(candidate, score)?;
            }
        }
        Ok(Self { scale, scores })
    }

    pub fn scale(&self) -> ScoreScale {
        self.scale
    }

    pub fn scores(&self) -> &[Option<i32>] {
        &self.scores
    }

    pub fn n_candidates(&self) -> usize {
        self.scores.len()
    }
}

/// The grades of majority judgment, numbered `0..n_grades` from worst ("to reject") to best
/// ("excellent"); their names are the web layer's, localised.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
pub struct GradeScale {
    n_grades: u8,
}

impl GradeScale {
    pub fn new(n_grades: u8) -> Result<Self, BallotError> {
        if n_grades >= 2 { Ok(Self { n_grades }) } else { Err(BallotError::InvalidGradeScale { n_grades }) }
    }

    pub fn n_grades(self) -> u8 {
        self.n_grades
    }
}

/// A majority judgment ballot: a grade for every candidate. Every candidate must be graded
/// because majority judgment compares every candidate's grades over the same electorate; the
/// web layer decides what a skipped item means (usually the lowest grade) before building this.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize)]
pub struct GradeBallot {
    scale: GradeScale,
    grades: Vec<u8>,
}

impl GradeBallot {
    pub fn new(scale: GradeScale, n_candidates: usize, grades: Vec<u8>) -> Result<Self, BallotError> {
        check_length(n_candidates, grades.len())?;
        for (candidate, &grade) in grades.iter().enumerate() {
            if grade >= scale.n_grades {
                return Err(BallotError::GradeOutOfRange { candidate, grade, n_grades: scale.n_grades });
            }
        }
        Ok(Self { scale, grades })
    }

    pub fn scale(&self) -> GradeScale {
        self.scale
    }

    pub fn grades(&self) -> &[u8] {
        &self.grades
    }

    pub fn n_candidates(&self) -> usize {
        self.grades.len()
    }
}

/// The rules of a dot vote: how many dots each participant may spend in all, and how many on
/// one item.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct DotRules {
    budget_per_participant: u32,
    cap_per_item: u32,
}

impl DotRules {
    pub fn new(budget_per_participant: u32, cap_per_item: u32) -> Result<Self, BallotError> {
        if budget_per_participant == 0 || cap_per_item == 0 {
            return Err(BallotError::InvalidDotRules { budget: budget_per_participant, cap: cap_per_item });
        }
        Ok(Self { budget_per_participant, cap_per_item })
    }

    pub fn budget_per_participant(self) -> u32 {
        self.budget_per_participant
    }

    pub fn cap_per_item(self) -> u32 {
        self.cap_per_item
    }
}

/// A dot ballot: the dots a participant put on each candidate. Spending less than the budget is
/// allowed (a participant may keep dots back).
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize)]
pub struct DotBallot {
    dots: Vec<u32>,
}

impl DotBallot {
    pub fn new(rules: DotRules, n_candidates: usize, dots: Vec<u32>) -> Result<Self, BallotError> {
        check_length(n_candidates, dots.len())?;
        for (candidate, &given) in dots.iter().enumerate() {
            if given > rules.cap_per_item {
                return Err(BallotError::OverCap { candidate, dots: given, cap: rules.cap_per_item });
            }
        }
        let spent: u64 = dots.iter().map(|&d| u64::from(d)).sum();
        if spent > u64::from(rules.budget_per_participant) {
            return Err(BallotError::Overspent { spent, budget: rules.budget_per_participant });
        }
        Ok(Self { dots })
    }

    pub fn dots(&self) -> &[u32] {
        &self.dots
    }

    pub fn n_candidates(&self) -> usize {
        self.dots.len()
    }
}

/// One answer to "which of these two do you prefer?": the winner was chosen over the loser.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
pub struct PairwiseComparison {
    winner: CandidateIdx,
    loser: CandidateIdx,
}

impl PairwiseComparison {
    pub fn new(n_candidates: usize, winner: usize, loser: usize) -> Result<Self, BallotError> {
        let winner = check_candidate(winner, n_candidates)?;
        let loser = check_candidate(loser, n_candidates)?;
        if winner == loser {
            return Err(BallotError::SelfComparison { candidate: winner.0 });
        }
        Ok(Self { winner, loser })
    }

    pub fn winner(self) -> CandidateIdx {
        self.winner
    }

    pub fn loser(self) -> CandidateIdx {
        self.loser
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_ranking_that_names_a_candidate_twice_is_refused() {
        assert_eq!(RankedBallot::strict(3, [0, 1, 0]), Err(BallotError::DuplicateCandidate { candidate: 0 }));
        assert_eq!(
            RankedBallot::with_ties(3, vec![vec![0], vec![1, 0]]),
            Err(BallotError::DuplicateCandidate { candidate: 0 })
        );
    }

    #[test]
    fn a_ranking_with_an_unknown_candidate_or_an_empty_tier_is_refused() {
        assert_eq!(RankedBallot::strict(3, [3]), Err(BallotError::UnknownCandidate { candidate: 3, n_candidates: 3 }));
        assert_eq!(RankedBallot::with_ties(3, vec![vec![0], vec![]]), Err(BallotError::EmptyTier { tier: 1 }));
    }

    #[test]
    fn tied_candidates_are_stored_in_one_order_so_identical_ballots_compare_equal() {
        let first = RankedBallot::with_ties(4, vec![vec![2], vec![3, 0]]).unwrap();
        let second = RankedBallot::with_ties(4, vec![vec![2], vec![0, 3]]).unwrap();
        assert_eq!(first, second);
        assert_eq!(first.tier_of_each_candidate(), vec![1, 2, 0, 1]);
        assert_eq!(first.unique_top(), Some(CandidateIdx(2)));
        assert_eq!(first.strict_prefix().collect::<Vec<_>>(), vec![CandidateIdx(2)]);
    }

    #[test]
    fn overspent_and_over_cap_dot_ballots_are_refused_with_the_numbers() {
        let rules = DotRules::new(5, 3).unwrap();
        assert_eq!(DotBallot::new(rules, 3, vec![3, 2, 1]), Err(BallotError::Overspent { spent: 6, budget: 5 }));
        assert_eq!(
            DotBallot::new(rules, 3, vec![4, 0, 0]),
            Err(BallotError::OverCap { candidate: 0, dots: 4, cap: 3 })
        );
        assert!(DotBallot::new(rules, 3, vec![3, 2, 0]).is_ok());
        assert_eq!(DotRules::new(0, 1), Err(BallotError::InvalidDotRules { budget: 0, cap: 1 }));
    }

    #[test]
    fn scores_and_grades_off_the_scale_are_refused() {
        let scale = ScoreScale::new(1, 5).unwrap();
        assert_eq!(
            ScoreBallot::new(scale, 2, vec![Some(6), None]),
            Err(BallotError::ScoreOutOfRange { candidate: 0, score: 6, min: 1, max: 5 })
        );
        assert_eq!(ScoreBallot::new(scale, 2, vec![Some(1)]), Err(BallotError::WrongLength { expected: 2, actual: 1 }));
        let grades = GradeScale::new(6).unwrap();
        assert_eq!(
            GradeBallot::new(grades, 2, vec![0, 6]),
            Err(BallotError::GradeOutOfRange { candidate: 1, grade: 6, n_grades: 6 })
        );
        assert_eq!(ScoreScale::new(5, 5), Err(BallotError::InvalidScoreScale { min: 5, max: 5 }));
    }

    #[test]
    fn a_comparison_of_a_candidate_with_itself_is_refused() {
        assert_eq!(PairwiseComparison::new(3, 1, 1), Err(BallotError::SelfComparison { candidate: 1 }));
    }

    #[test]
    fn error_messages_say_what_is_wrong_in_plain_words() {
        let message = BallotError::Overspent { spent: 6, budget: 5 }.to_string();
        assert_eq!(message, "6 dots were spent but the budget is 5");
        let message = BallotError::GradeOutOfRange { candidate: 1, grade: 6, n_grades: 6 }.to_string();
        assert_eq!(message, "grade 6 for candidate 1 is outside the scale of 6 grades (0 to 5)");
    }
}
