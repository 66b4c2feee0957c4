//! Bradley–Terry strengths from pairwise comparisons ("which of these two?", as in wiki surveys).
//!
//! The model: item `i` beats item `j` with probability `p_i / (p_i + p_j)`. The strengths are the
//! maximum-likelihood estimate, found with the MM algorithm of Hunter ("MM algorithms for
//! generalized Bradley–Terry models", Annals of Statistics 32(1), 2004), whose every step raises
//! the likelihood.
//!
//! The prior: plain maximum likelihood sends an item that never wins to strength 0 and one that
//! never loses to infinity, and leaves items in disconnected groups incomparable. So every item
//! also plays a virtual reference item of strength 1, with `prior_strength` virtual wins and as
//! many virtual losses. This is a weak, symmetric prior: it pulls strengths toward 1 by the
//! weight of `2 × prior_strength` games, every strength is finite and positive, the scale is fixed
//! (no normalisation step), and with many real comparisons it fades away. The update for item `i`
//! becomes `p_i ← (W_i + α) / (Σ_j n_ij / (p_i + p_j) + 2α / (p_i + 1))`, still a minorise-maximise
//! step of the augmented likelihood, which is strictly concave in `log p`: the fixed point is
//! unique and the iteration converges to it.

use std::collections::BTreeMap;

use serde::Serialize;

use crate::ballot::{BallotError, CandidateIdx, PairwiseComparison};
use crate::outcome::{Ranking, TieBreak};

/// How to fit the model.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct BradleyTerryOptions {
    prior_strength: f64,
    tolerance: f64,
    max_iterations: u32,
}

impl BradleyTerryOptions {
    /// `prior_strength`: virtual wins (and losses) of each item against the reference, above 0.
    /// `tolerance`: the iteration stops when no log-strength moves by more than this.
    pub fn new(prior_strength: f64, tolerance: f64, max_iterations: u32) -> Result<Self, BallotError> {
        if !(prior_strength.is_finite() && prior_strength > 0.0) {
            return Err(BallotError::InvalidBradleyTerryOption("the prior strength must be a positive number"));
        }
        if !(tolerance.is_finite() && tolerance > 0.0) {
            return Err(BallotError::InvalidBradleyTerryOption("the tolerance must be a positive number"));
        }
        if max_iterations == 0 {
            return Err(BallotError::InvalidBradleyTerryOption("at least one iteration is needed"));
        }
        Ok(Self { prior_strength, tolerance, max_iterations })
    }

    pub fn prior_strength(self) -> f64 {
        self.prior_strength
    }
}

impl Default for BradleyTerryOptions {
    /// One virtual win and one virtual loss per item; a tolerance far below what a ranking shown
    /// to people can resolve.
    fn default() -> Self {
        Self { prior_strength: 1.0, tolerance: 1e-10, max_iterations: 100_000 }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct BradleyTerryResult {
    pub winners: Vec<CandidateIdx>,
    /// Strongest first; items whose strengths agree to about one part in a million share a tier.
    pub ranking: Ranking,
    /// Per item, its strength relative to the virtual reference item (strength 1).
    pub strengths: Vec<f64>,
    /// Per item, the natural logarithm of its strength, the scale on which differences add up.
    pub log_strengths: Vec<f64>,
    /// Per item, real comparisons won and lost.
    pub wins: Vec<u64>,
    pub losses: Vec<u64>,
    /// For each tier but the last, the model's probability that the tier's item beats the next
    /// tier's: the margin, read as "how sure is the order".
    pub win_probability_over_next_tier: Vec<f64>,
    pub iterations: u32,
    /// Whether the tolerance was reached within the allowed iterations.
    pub converged: bool,
    pub options: BradleyTerryOptions,
    pub tie_breaks: Vec<TieBreak>,
    /// The share of real comparisons won by the item the model rates weaker (ties in strength
    /// count half): 0 when every participant agreed with the final order, near 0.5 when the
    /// answers look like coin tosses.
    pub upset_share: f64,
}

/// Comparisons of each unordered pair: `(low, high) → (low beat high, high beat low)`.
type PairCounts = BTreeMap<(usize, usize), (u64, u64)>;

/// Fits Bradley–Terry strengths to the comparisons.
pub fn bradley_terry(
    n_candidates: usize,
    comparisons: &[PairwiseComparison],
    options: BradleyTerryOptions,
) -> Result<BradleyTerryResult, BallotError> {
    let mut pairs = PairCounts::new();
    let mut wins = vec![0u64; n_candidates];
    let mut losses = vec![0u64; n_candidates];
    for comparison in comparisons {
        let (winner, loser) = (comparison.winner().0, comparison.loser().0);
        for candidate in [winner, loser] {
            if candidate >= n_candidates {
                return Err(BallotError::UnknownCandidate { candidate, n_candidates });
            }
        }
        wins[winner] += 1;
        losses[loser] += 1;
        let entry = pairs.entry((winner.min(loser), winner.max(loser))).or_insert((0, 0));
        if winner < loser {
            entry.0 += 1;
        } else {
            entry.1 += 1;
        }
    }
    // Per item, its opponents and the number of games against each: the sparse form keeps memory
    // proportional to the pairs actually compared.
    let mut games: Vec<Vec<(usize, f64)>> = vec![Vec::new(); n_candidates];
    for (&(low, high), &(low_won, high_won)) in &pairs {
        let played = (low_won + high_won) as f64;
        games[low].push((high, played));
        games[high].push((low, played));
    }

    let alpha = options.prior_strength;
    let mut strengths = vec![1.0f64; n_candidates];
    let mut next = vec![0.0f64; n_candidates];
    let mut iterations = 0;
    let mut converged = n_candidates == 0;
    while !converged && iterations < options.max_iterations {
        iterations += 1;
        let mut largest_step = 0.0f64;
        // Every item is updated from the previous iterate (a Jacobi step), so the result does not
        // depend on the order of the items.
        for item in 0..n_candidates {
            let p = strengths[item];
            let denominator: f64 =
                games[item].iter().map(|&(other, played)| played / (p + strengths[other])).sum::<f64>()
                    + 2.0 * alpha / (p + 1.0);
            next[item] = (wins[item] as f64 + alpha) / denominator;
            largest_step = largest_step.max((next[item].ln() - p.ln()).abs());
        }
        std::mem::swap(&mut strengths, &mut next);
        converged = largest_step < options.tolerance;
    }

    let log_strengths: Vec<f64> = strengths.iter().map(|p| p.ln()).collect();
    let ranking = rank_with_tolerance(&log_strengths);
    let win_probability_over_next_tier = ranking
        .tiers()
        .windows(2)
        .map(|pair| {
            let (above, below) = (strengths[pair[0][0].0], strengths[pair[1][0].0]);
            above / (above + below)
        })
        .collect();
    let position: Vec<usize> = {
        let mut position = vec![0; n_candidates];
        for (tier_number, tier) in ranking.tiers().iter().enumerate() {
            for candidate in tier {
                position[candidate.0] = tier_number;
            }
        }
        position
    };
    let mut upsets = 0.0;
    for (&(low, high), &(low_won, high_won)) in &pairs {
        upsets += match position[low].cmp(&position[high]) {
            std::cmp::Ordering::Less => high_won as f64,
            std::cmp::Ordering::Greater => low_won as f64,
            std::cmp::Ordering::Equal => (low_won + high_won) as f64 / 2.0,
        };
    }
    let upset_share = if comparisons.is_empty() { 0.0 } else { upsets / comparisons.len() as f64 };
    Ok(BradleyTerryResult {
        winners: ranking.winners().to_vec(),
        tie_breaks: ranking.ties_left_unbroken(),
        ranking,
        strengths,
        log_strengths,
        wins,
        losses,
        win_probability_over_next_tier,
        iterations,
        converged,
        options,
        upset_share,
    })
}

/// Strongest first; an item joins the tier above when its log-strength is within 1e-6 of that
/// tier's first item, since strengths fitted to identical evidence agree only to rounding.
fn rank_with_tolerance(log_strengths: &[f64]) -> Ranking {
    let mut order: Vec<usize> = (0..log_strengths.len()).collect();
    order.sort_by(|&a, &b| log_strengths[b].total_cmp(&log_strengths[a]).then(a.cmp(&b)));
    let mut tiers: Vec<Vec<CandidateIdx>> = Vec::new();
    for item in order {
        match tiers.last_mut() {
            Some(tier) if log_strengths[tier[0].0] - log_strengths[item] <= 1e-6 => tier.push(CandidateIdx(item)),
            _ => tiers.push(vec![CandidateIdx(item)]),
        }
    }
    Ranking::from_tiers(tiers)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn comparisons(n: usize, results: &[(usize, usize, usize)]) -> Vec<PairwiseComparison> {
        results
            .iter()
            .flat_map(|&(winner, loser, times)| {
                std::iter::repeat_n(PairwiseComparison::new(n, winner, loser).unwrap(), times)
            })
            .collect()
    }

    #[test]
    fn an_item_that_never_wins_gets_a_finite_positive_strength_and_ranks_last() {
        let result = bradley_terry(3, &comparisons(3, &[(0, 1, 5), (1, 2, 5), (0, 2, 5)]), Default::default()).unwrap();
        assert!(result.converged);
        assert!(result.strengths.iter().all(|p| p.is_finite() && *p > 0.0));
        let order: Vec<usize> = result.ranking.tiers().iter().map(|tier| tier[0].0).collect();
        assert_eq!(order, vec![0, 1, 2]);
        assert_eq!(result.upset_share, 0.0);
    }

    #[test]
    fn the_fit_satisfies_the_likelihood_equations_of_the_augmented_model() {
        // At the maximum, each item's expected wins (real and virtual) equal its observed wins.
        let data = comparisons(4, &[(0, 1, 3), (1, 0, 1), (1, 2, 4), (2, 3, 2), (3, 2, 1), (0, 3, 2), (3, 1, 1)]);
        let result = bradley_terry(4, &data, Default::default()).unwrap();
        let p = &result.strengths;
        for item in 0..4 {
            let mut expected = p[item] / (p[item] + 1.0) * 2.0;
            for comparison in &data {
                let (w, l) = (comparison.winner().0, comparison.loser().0);
                if w == item || l == item {
                    let other = if w == item { l } else { w };
                    expected += p[item] / (p[item] + p[other]);
                }
            }
            let observed = result.wins[item] as f64 + 1.0;
            assert!((expected - observed).abs() < 1e-6, "item {item}: expected {expected}, observed {observed}");
        }
    }

    #[test]
    fn items_with_no_comparisons_stay_at_the_reference_strength_and_tie() {
        let result = bradley_terry(3, &[], Default::default()).unwrap();
        assert_eq!(result.strengths, vec![1.0, 1.0, 1.0]);
        assert_eq!(result.ranking.tiers().len(), 1);
        assert_eq!(result.tie_breaks.len(), 1);
    }

    #[test]
    fn invalid_options_are_refused() {
        assert!(BradleyTerryOptions::new(0.0, 1e-9, 10).is_err());
        assert!(BradleyTerryOptions::new(1.0, f64::NAN, 10).is_err());
        assert!(BradleyTerryOptions::new(1.0, 1e-9, 0).is_err());
    }
}
