//! A profile of ranked ballots, identical ballots aggregated with a count, and the pairwise
//! matrix computed from it.
//!
//! Memory follows the number of distinct ballots, not the number of voters: a million voters who
//! cast a few hundred distinct rankings cost a few hundred entries. The pairwise matrix is built
//! once per profile in O(distinct ballots × ranked candidates × candidates) time and
//! O(candidates²) memory; nothing is ever stored per voter × candidates².

use std::collections::BTreeMap;

use crate::ballot::{BallotError, CandidateIdx, RankedBallot};

/// Ranked ballots with their counts. A `BTreeMap` keeps the distinct ballots in one order
/// whatever order they were cast in, so every computation over a profile is anonymous by
/// construction (permuting voters cannot change a single intermediate sum).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RankedProfile {
    n_candidates: usize,
    ballot_counts: BTreeMap<RankedBallot, u64>,
    n_voters: u64,
}

impl RankedProfile {
    pub fn new(n_candidates: usize) -> Self {
        Self { n_candidates, ballot_counts: BTreeMap::new(), n_voters: 0 }
    }

    /// A profile of single ballots, one per voter.
    pub fn from_ballots(
        n_candidates: usize,
        ballots: impl IntoIterator<Item = RankedBallot>,
    ) -> Result<Self, BallotError> {
        let mut profile = Self::new(n_candidates);
        for ballot in ballots {
            profile.add(ballot, 1)?;
        }
        Ok(profile)
    }

    /// Adds `count` voters who cast `ballot`. A ballot made for another number of candidates is
    /// refused, so a method can index its per-candidate tables without checking.
    pub fn add(&mut self, ballot: RankedBallot, count: u64) -> Result<(), BallotError> {
        if ballot.n_candidates() != self.n_candidates {
            return Err(BallotError::CandidateCountMismatch { ballot: ballot.n_candidates(), vote: self.n_candidates });
        }
        if count > 0 {
            *self.ballot_counts.entry(ballot).or_insert(0) += count;
            self.n_voters += count;
        }
        Ok(())
    }

    pub fn n_candidates(&self) -> usize {
        self.n_candidates
    }

    /// The number of voters, empty ballots included.
    pub fn n_voters(&self) -> u64 {
        self.n_voters
    }

    /// The distinct ballots and how many voters cast each.
    pub fn distinct_ballots(&self) -> impl Iterator<Item = (&RankedBallot, u64)> + '_ {
        self.ballot_counts.iter().map(|(ballot, &count)| (ballot, count))
    }

    pub fn n_distinct_ballots(&self) -> usize {
        self.ballot_counts.len()
    }

    /// For each candidate, the voters who rank it alone at the top.
    pub fn first_preferences(&self) -> Vec<u64> {
        let mut counts = vec![0; self.n_candidates];
        for (ballot, count) in self.distinct_ballots() {
            if let Some(top) = ballot.unique_top() {
                counts[top.0] += count;
            }
        }
        counts
    }
}

/// How many voters prefer each candidate to each other one, under extended strict preference:
/// a ranked candidate is preferred to every candidate in a lower tier and to every unranked one;
/// candidates in one tier, or both unranked, are not compared.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PairwiseMatrix {
    n_candidates: usize,
    /// Row-major: `support[a * n + b]` voters prefer `a` to `b`.
    support: Vec<u64>,
}

impl PairwiseMatrix {
    pub fn from_profile(profile: &RankedProfile) -> Self {
        let n = profile.n_candidates();
        let mut support = vec![0u64; n * n];
        for (ballot, count) in profile.distinct_ballots() {
            let tier_of = ballot.tier_of_each_candidate();
            // Only ranked candidates can be preferred to anything, so a truncated ballot costs
            // (ranked candidates × candidates), not candidates².
            for tier in ballot.tiers() {
                for &above in tier {
                    let row = &mut support[above.0 * n..(above.0 + 1) * n];
                    for (below, cell) in row.iter_mut().enumerate() {
                        if tier_of[below] > tier_of[above.0] {
                            *cell += count;
                        }
                    }
                }
            }
        }
        Self { n_candidates: n, support }
    }

    pub fn n_candidates(&self) -> usize {
        self.n_candidates
    }

    /// Voters who prefer `a` to `b`.
    pub fn support(&self, a: CandidateIdx, b: CandidateIdx) -> u64 {
        self.support[a.0 * self.n_candidates + b.0]
    }

    /// Voters who prefer `a` to `b` minus voters who prefer `b` to `a`.
    pub fn margin(&self, a: CandidateIdx, b: CandidateIdx) -> i64 {
        self.support(a, b) as i64 - self.support(b, a) as i64
    }

    /// The full margin matrix, `margins[a][b]`, zero on the diagonal.
    pub fn margins(&self) -> Vec<Vec<i64>> {
        let n = self.n_candidates;
        (0..n).map(|a| (0..n).map(|b| self.margin(CandidateIdx(a), CandidateIdx(b))).collect()).collect()
    }

    /// The candidate that beats every other one head to head, if there is one.
    pub fn condorcet_winner(&self) -> Option<CandidateIdx> {
        let n = self.n_candidates;
        (0..n).map(CandidateIdx).find(|&a| (0..n).map(CandidateIdx).all(|b| a == b || self.margin(a, b) > 0))
    }

    /// How divided the room is, pair by pair: for each pair of candidates the share of the voters
    /// who compared them that sided with the minority, averaged over the pairs someone compared.
    /// 0 means every voter agrees on every pair; 0.5 means every pair splits the room in half. It
    /// is the Kemeny distance between the profile and its majority relation, normalised.
    pub fn pairwise_division(&self) -> f64 {
        let n = self.n_candidates;
        let (mut total, mut pairs) = (0.0, 0usize);
        for a in 0..n {
            for b in a + 1..n {
                let (for_a, for_b) =
                    (self.support(CandidateIdx(a), CandidateIdx(b)), self.support(CandidateIdx(b), CandidateIdx(a)));
                if for_a + for_b > 0 {
                    total += for_a.min(for_b) as f64 / (for_a + for_b) as f64;
                    pairs += 1;
                }
            }
        }
        if pairs == 0 { 0.0 } else { total / pairs as f64 }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ballot(n: usize, tiers: &[&[usize]]) -> RankedBallot {
        RankedBallot::with_ties(n, tiers.iter().map(|t| t.to_vec()).collect()).unwrap()
    }

    #[test]
    fn identical_ballots_are_stored_once_with_their_count() {
        let mut profile = RankedProfile::new(3);
        profile.add(ballot(3, &[&[0], &[1]]), 2).unwrap();
        profile.add(ballot(3, &[&[0], &[1]]), 3).unwrap();
        profile.add(ballot(3, &[&[2]]), 1).unwrap();
        assert_eq!(profile.n_distinct_ballots(), 2);
        assert_eq!(profile.n_voters(), 6);
    }

    #[test]
    fn unranked_candidates_tie_below_every_ranked_one() {
        let profile = RankedProfile::from_ballots(4, [ballot(4, &[&[0], &[1, 2]])]).unwrap();
        let matrix = PairwiseMatrix::from_profile(&profile);
        let (a, b, c, d) = (CandidateIdx(0), CandidateIdx(1), CandidateIdx(2), CandidateIdx(3));
        assert_eq!(matrix.support(a, b), 1);
        assert_eq!(matrix.support(a, d), 1);
        assert_eq!(matrix.support(b, d), 1);
        assert_eq!(matrix.support(b, c), 0);
        assert_eq!(matrix.support(c, b), 0);
        assert_eq!(matrix.support(d, a), 0);
    }

    #[test]
    fn a_ballot_for_another_number_of_candidates_is_refused() {
        let mut profile = RankedProfile::new(3);
        assert_eq!(profile.add(ballot(4, &[&[0]]), 1), Err(BallotError::CandidateCountMismatch { ballot: 4, vote: 3 }));
        assert_eq!(profile.n_voters(), 0);
    }
}
