//! The parts every result shares: the ranking as tiers, the record of how ties were treated, and
//! the dispersion of a ranked profile.
//!
//! Ties are never broken silently. A method either leaves tied candidates in one tier (and says
//! so with [`TieBreakRule::LeftTied`]) or orders them by a rule it names; either way the result
//! carries a [`TieBreak`] for every group of candidates that its primary score could not separate.

use std::cmp::Ordering;
use std::ops::Sub;

use serde::{Deserialize, Serialize};

use crate::ballot::CandidateIdx;
use crate::profile::{PairwiseMatrix, RankedProfile};

/// A ranking as tiers, best first. Candidates in one tier are tied.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(transparent)]
pub struct Ranking {
    tiers: Vec<Vec<CandidateIdx>>,
}

impl Ranking {
    pub fn from_tiers(mut tiers: Vec<Vec<CandidateIdx>>) -> Self {
        tiers.retain(|tier| !tier.is_empty());
        for tier in &mut tiers {
            tier.sort_unstable();
        }
        Self { tiers }
    }

    /// Candidates ordered by `compare` (`Less` means better), equal ones sharing a tier.
    pub fn by(n_candidates: usize, compare: impl Fn(CandidateIdx, CandidateIdx) -> Ordering) -> Self {
        let mut candidates: Vec<CandidateIdx> = (0..n_candidates).map(CandidateIdx).collect();
        candidates.sort_by(|&a, &b| compare(a, b).then(a.cmp(&b)));
        let mut tiers: Vec<Vec<CandidateIdx>> = Vec::new();
        for candidate in candidates {
            match tiers.last_mut() {
                Some(tier) if compare(tier[0], candidate) == Ordering::Equal => tier.push(candidate),
                _ => tiers.push(vec![candidate]),
            }
        }
        Self { tiers }
    }

    /// Higher scores first; equal scores tie.
    pub fn by_score_descending<T: PartialOrd>(scores: &[T]) -> Self {
        Self::by(scores.len(), |a, b| scores[b.0].partial_cmp(&scores[a.0]).unwrap_or(Ordering::Equal))
    }

    /// Lower scores first; equal scores tie.
    pub fn by_score_ascending<T: PartialOrd>(scores: &[T]) -> Self {
        Self::by(scores.len(), |a, b| scores[a.0].partial_cmp(&scores[b.0]).unwrap_or(Ordering::Equal))
    }

    pub fn tiers(&self) -> &[Vec<CandidateIdx>] {
        &self.tiers
    }

    /// The first tier: one winner, or several tied winners (none only when there are no candidates).
    pub fn winners(&self) -> &[CandidateIdx] {
        self.tiers.first().map(Vec::as_slice).unwrap_or(&[])
    }

    /// Splits every tied tier with a secondary rule, recording what the rule did. The rule only
    /// orders candidates inside a tier; it never moves a candidate across tiers.
    pub fn break_ties(
        self,
        rule: TieBreakRule,
        compare: impl Fn(CandidateIdx, CandidateIdx) -> Ordering,
    ) -> (Self, Vec<TieBreak>) {
        let mut tiers = Vec::with_capacity(self.tiers.len());
        let mut tie_breaks = Vec::new();
        for tier in self.tiers {
            if tier.len() == 1 {
                tiers.push(tier);
                continue;
            }
            let mut sorted = tier.clone();
            sorted.sort_by(|&a, &b| compare(a, b).then(a.cmp(&b)));
            let mut split: Vec<Vec<CandidateIdx>> = Vec::new();
            for candidate in sorted {
                match split.last_mut() {
                    Some(group) if compare(group[0], candidate) == Ordering::Equal => group.push(candidate),
                    _ => split.push(vec![candidate]),
                }
            }
            tie_breaks.push(TieBreak::new(tier, rule, split.clone()));
            tiers.extend(split);
        }
        (Self { tiers }, tie_breaks)
    }

    /// A [`TieBreakRule::LeftTied`] record for every tied tier, for methods with no tie-breaker.
    pub fn ties_left_unbroken(&self) -> Vec<TieBreak> {
        self.tiers
            .iter()
            .filter(|tier| tier.len() > 1)
            .map(|tier| TieBreak::new(tier.clone(), TieBreakRule::LeftTied, vec![tier.clone()]))
            .collect()
    }

    /// The gap between each tier's score and the next tier's, `tiers().len() - 1` entries: how
    /// far each group is ahead of the one below it.
    pub fn gaps_to_next_tier<T: Copy + Sub<Output = T>>(&self, scores: &[T]) -> Vec<T> {
        self.tiers.windows(2).map(|pair| scores[pair[0][0].0] - scores[pair[1][0].0]).collect()
    }
}

/// The rule a method used on candidates its primary score left level.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum TieBreakRule {
    /// The method has no tie-breaker: the candidates share a tier and, at the top, all win.
    LeftTied,
    /// Instant runoff eliminated them in the same round (all tied-lowest go together).
    EliminatedTogether,
    /// Equal mean scores, ordered by the higher median score.
    HigherMedian,
    /// Equal median scores, ordered by the higher mean score.
    HigherMean,
    /// Equal majority grades, ordered by Balinski and Laraki's rule: remove one median grade from
    /// each candidate's grades at a time until their medians differ.
    MajorityValue,
}

/// What happened to one group of candidates that the primary score left level.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TieBreak {
    /// The candidates the primary score could not separate.
    pub tied: Vec<CandidateIdx>,
    pub rule: TieBreakRule,
    /// The group after the rule, best first; a sub-group with several candidates is still tied.
    pub order_after_rule: Vec<Vec<CandidateIdx>>,
    /// Whether the rule separated every candidate of the group.
    pub resolved: bool,
}

impl TieBreak {
    fn new(tied: Vec<CandidateIdx>, rule: TieBreakRule, order_after_rule: Vec<Vec<CandidateIdx>>) -> Self {
        let resolved = rule != TieBreakRule::LeftTied && order_after_rule.iter().all(|group| group.len() == 1);
        Self { tied, rule, order_after_rule, resolved }
    }

    pub(crate) fn eliminated_together(tied: Vec<CandidateIdx>) -> Self {
        Self::new(tied.clone(), TieBreakRule::EliminatedTogether, vec![tied])
    }
}

/// How divided a room that ranked the candidates was.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RankedDispersion {
    /// For each candidate, the share of voters who rank it alone at the top.
    pub first_preference_shares: Vec<f64>,
    /// The largest of those shares: near 1 the room agrees on a favourite, near 1/candidates it
    /// is split.
    pub largest_first_preference_share: f64,
    /// For each pair of candidates, the share of the voters comparing them who sided with the
    /// minority, averaged over the pairs: 0 when everybody agrees on every pair, 0.5 when every
    /// pair splits the room in half (see [`PairwiseMatrix::pairwise_division`]).
    ///
    /// Given (`Some`) by the methods that read the pairwise matrix (Borda, Copeland, Schulze,
    /// minimax); `None` (JSON `null`) for plurality and instant runoff, which read only first
    /// choices and do not build the matrix (O(candidates²) memory, O(ballots × ranked²) time)
    /// just for this number. A caller who wants it there too asks
    /// [`crate::Tally::pairwise_matrix`] for [`PairwiseMatrix::pairwise_division`].
    pub pairwise_division: Option<f64>,
}

impl RankedDispersion {
    /// The dispersion with the pairwise division, from a profile and its matrix.
    pub fn of(profile: &RankedProfile, matrix: &PairwiseMatrix) -> Self {
        Self::from_parts(&profile.first_preferences(), profile.n_voters(), Some(matrix.pairwise_division()))
    }

    /// From the first preferences (see [`RankedProfile::first_preferences`]), the number of
    /// voters and, if the caller has it, the matrix's [`PairwiseMatrix::pairwise_division`].
    pub fn from_parts(first_preferences: &[u64], n_voters: u64, pairwise_division: Option<f64>) -> Self {
        let first_preference_shares: Vec<f64> = first_preferences
            .iter()
            .map(|&count| if n_voters == 0 { 0.0 } else { count as f64 / n_voters as f64 })
            .collect();
        let largest_first_preference_share = first_preference_shares.iter().copied().fold(0.0, f64::max);
        Self { first_preference_shares, largest_first_preference_share, pairwise_division }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tiers(ranking: &Ranking) -> Vec<Vec<usize>> {
        ranking.tiers().iter().map(|tier| tier.iter().map(|c| c.0).collect()).collect()
    }

    #[test]
    fn equal_scores_share_a_tier() {
        let ranking = Ranking::by_score_descending(&[3, 5, 3, 1]);
        assert_eq!(tiers(&ranking), vec![vec![1], vec![0, 2], vec![3]]);
        assert_eq!(ranking.gaps_to_next_tier(&[3, 5, 3, 1]), vec![2, 2]);
        assert_eq!(ranking.ties_left_unbroken().len(), 1);
    }

    #[test]
    fn a_tie_break_orders_only_inside_a_tier_and_says_what_it_did() {
        let ranking = Ranking::by_score_descending(&[3, 5, 3, 3]);
        let secondary = [1, 0, 2, 1];
        let (ranking, breaks) =
            ranking.break_ties(TieBreakRule::HigherMedian, |a, b| secondary[b.0].cmp(&secondary[a.0]));
        assert_eq!(tiers(&ranking), vec![vec![1], vec![2], vec![0, 3]]);
        assert_eq!(breaks.len(), 1);
        assert!(!breaks[0].resolved);
        assert_eq!(breaks[0].order_after_rule, vec![vec![CandidateIdx(2)], vec![CandidateIdx(0), CandidateIdx(3)]]);
    }
}
