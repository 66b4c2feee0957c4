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
//!
//! The solver. Plain MM converges slowly here: the real comparisons do not change when every
//! strength is multiplied by one factor, only the weak prior pins that scale, so each MM step
//! shrinks the error along it by only about `1 − prior / games per item` (tens of thousands of
//! steps with many comparisons). So, for up to [`NEWTON_MAX_ITEMS`] items, the maximum is found
//! by Newton's method on the log-strengths: the negated Hessian of the augmented log-likelihood
//! is a weighted graph Laplacian plus the prior's positive diagonal, hence positive definite, and
//! each step solves it by Cholesky (O(items³), with a backtracking line search while steps are
//! large); it converges quadratically, in about ten steps. With more items, each MM step is
//! followed by the exact maximisation over one common scale factor per connected group of
//! items (only the prior depends on it: a one-dimensional Newton solve), which removes the slow
//! direction while every step still raises the likelihood. Either way the fixed point is the same
//! unique maximum, and the iteration stops when no log-strength moves by more than the tolerance.

use serde::{Deserialize, Serialize};

use crate::ballot::{BallotError, CandidateIdx, PairwiseComparison};
use crate::outcome::{Ranking, TieBreak};

/// How to fit the model.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
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

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
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
    /// Solver steps taken: Newton steps (up to [`NEWTON_MAX_ITEMS`] items), else MM steps.
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

/// Up to this many items the fit uses Newton's method (a dense items² system per step); above,
/// MM steps with an exact rescaling of each connected group.
pub const NEWTON_MAX_ITEMS: usize = 400;

/// One compared pair, `low < high`, with how often each won.
#[derive(Debug, Clone, Copy)]
struct PairCount {
    low: usize,
    high: usize,
    low_won: u64,
    high_won: u64,
}

impl PairCount {
    fn played(&self) -> f64 {
        (self.low_won + self.high_won) as f64
    }
}

/// The compared pairs, sorted by `(low, high)`, from a dense count table when items² is small
/// next to the comparisons (the usual case), else by sorting: memory stays proportional to the
/// comparisons either way, and the result never depends on the order of the comparisons.
fn count_pairs(n: usize, comparisons: &[PairwiseComparison]) -> Vec<PairCount> {
    let mut pairs = Vec::new();
    if n.saturating_mul(n) <= (1usize << 16).max(4 * comparisons.len()) {
        let mut table = vec![0u64; n * n];
        for comparison in comparisons {
            table[comparison.winner().0 * n + comparison.loser().0] += 1;
        }
        for low in 0..n {
            for high in low + 1..n {
                let (low_won, high_won) = (table[low * n + high], table[high * n + low]);
                if low_won + high_won > 0 {
                    pairs.push(PairCount { low, high, low_won, high_won });
                }
            }
        }
    } else {
        // Key: the pair's position in the items² table, doubled, plus 1 when the higher won.
        let mut keys: Vec<u128> = comparisons
            .iter()
            .map(|comparison| {
                let (winner, loser) = (comparison.winner().0 as u128, comparison.loser().0 as u128);
                (winner.min(loser) * n as u128 + winner.max(loser)) * 2 + u128::from(winner > loser)
            })
            .collect();
        keys.sort_unstable();
        for key in keys {
            let (cell, high_won) = (key / 2, key % 2 == 1);
            let (low, high) = ((cell / n as u128) as usize, (cell % n as u128) as usize);
            match pairs.last_mut() {
                Some(last) if last.low == low && last.high == high => {}
                _ => pairs.push(PairCount { low, high, low_won: 0, high_won: 0 }),
            }
            #[allow(clippy::expect_used, reason = "a pair was pushed just above when the last one differed")]
            let last = pairs.last_mut().expect("just pushed");
            if high_won {
                last.high_won += 1;
            } else {
                last.low_won += 1;
            }
        }
    }
    pairs
}

/// `ln(e^a + e^b)` without overflow.
fn log_sum_exp(a: f64, b: f64) -> f64 {
    let (high, low) = if a >= b { (a, b) } else { (b, a) };
    high + (low - high).exp().ln_1p()
}

/// `e^a / (e^a + e^b)`, the probability that strength `e^a` beats `e^b`.
fn win_probability(a: f64, b: f64) -> f64 {
    1.0 / (1.0 + (b - a).exp())
}

/// The fitting problem on log-strengths `θ`: per item its real wins plus the prior's virtual
/// ones, the compared pairs, and the prior's weight against the reference item (`θ = 0`).
struct Problem<'a> {
    n: usize,
    wins_with_prior: Vec<f64>,
    pairs: &'a [PairCount],
    alpha: f64,
}

impl Problem<'_> {
    /// The augmented log-likelihood.
    fn objective(&self, theta: &[f64]) -> f64 {
        let mut value: f64 = (0..self.n)
            .map(|i| self.wins_with_prior[i] * theta[i] - 2.0 * self.alpha * log_sum_exp(theta[i], 0.0))
            .sum();
        for pair in self.pairs {
            value -= pair.played() * log_sum_exp(theta[pair.low], theta[pair.high]);
        }
        value
    }

    /// One Newton step: the gradient `g` and the solution `δ` of `(−H) δ = g`.
    fn newton_direction(&self, theta: &[f64]) -> (Vec<f64>, Vec<f64>) {
        let n = self.n;
        let mut gradient = self.wins_with_prior.clone();
        let mut matrix = vec![0.0f64; n * n];
        for i in 0..n {
            let sigma = win_probability(theta[i], 0.0);
            gradient[i] -= 2.0 * self.alpha * sigma;
            matrix[i * n + i] += 2.0 * self.alpha * sigma * (1.0 - sigma);
        }
        for pair in self.pairs {
            let (i, j, played) = (pair.low, pair.high, pair.played());
            let p = win_probability(theta[i], theta[j]);
            gradient[i] -= played * p;
            gradient[j] -= played * (1.0 - p);
            let weight = played * p * (1.0 - p);
            matrix[i * n + i] += weight;
            matrix[j * n + j] += weight;
            matrix[i * n + j] -= weight;
            matrix[j * n + i] -= weight;
        }
        let direction = solve_positive_definite(n, matrix, &gradient);
        (gradient, direction)
    }
}

/// Solves `A x = b` for a symmetric positive definite `A` (row-major, n × n) by Cholesky.
fn solve_positive_definite(n: usize, mut a: Vec<f64>, b: &[f64]) -> Vec<f64> {
    // In place: the lower triangle becomes L with A = L Lᵀ.
    for j in 0..n {
        let mut diagonal = a[j * n + j];
        for k in 0..j {
            diagonal -= a[j * n + k] * a[j * n + k];
        }
        // Positive definite by construction (the prior's diagonal); the floor guards rounding.
        let diagonal = diagonal.max(f64::MIN_POSITIVE).sqrt();
        a[j * n + j] = diagonal;
        for i in j + 1..n {
            let (row_i, row_j) = (i * n, j * n);
            let mut value = a[row_i + j];
            for k in 0..j {
                value -= a[row_i + k] * a[row_j + k];
            }
            a[row_i + j] = value / diagonal;
        }
    }
    let mut x = b.to_vec();
    for i in 0..n {
        for k in 0..i {
            x[i] -= a[i * n + k] * x[k];
        }
        x[i] /= a[i * n + i];
    }
    for i in (0..n).rev() {
        for k in i + 1..n {
            x[i] -= a[k * n + i] * x[k];
        }
        x[i] /= a[i * n + i];
    }
    x
}

/// Newton's method with a backtracking line search. Returns the iterations and convergence.
fn fit_newton(problem: &Problem<'_>, theta: &mut [f64], options: BradleyTerryOptions) -> (u32, bool) {
    let mut iterations = 0;
    while iterations < options.max_iterations {
        iterations += 1;
        let (gradient, direction) = problem.newton_direction(theta);
        let largest = direction.iter().fold(0.0f64, |m, d| m.max(d.abs()));
        if !largest.is_finite() {
            return (iterations, false);
        }
        let mut step = 1.0;
        // Near the maximum the full step is right and the objective's change is below rounding;
        // a large step is checked (Armijo) and halved until it raises the likelihood enough.
        if largest > 0.5 {
            let current = problem.objective(theta);
            let slope: f64 = gradient.iter().zip(&direction).map(|(g, d)| g * d).sum();
            let mut trial = theta.to_vec();
            for _ in 0..60 {
                for (t, (&x, &d)) in trial.iter_mut().zip(theta.iter().zip(&direction)) {
                    *t = x + step * d;
                }
                let value = problem.objective(&trial);
                if value.is_finite() && value >= current + 1e-4 * step * slope {
                    break;
                }
                step /= 2.0;
            }
        }
        for (x, d) in theta.iter_mut().zip(&direction) {
            *x += step * d;
        }
        if step * largest < options.tolerance {
            return (iterations, true);
        }
    }
    (iterations, false)
}

/// MM steps (Hunter 2004, with the prior), each followed by the exact best common scale of every
/// connected group of items. Returns the iterations and convergence.
fn fit_mm(problem: &Problem<'_>, theta: &mut [f64], options: BradleyTerryOptions) -> (u32, bool) {
    let n = problem.n;
    let mut games: Vec<Vec<(usize, f64)>> = vec![Vec::new(); n];
    let mut group: Vec<usize> = (0..n).collect();
    fn root(group: &mut [usize], mut item: usize) -> usize {
        while group[item] != item {
            group[item] = group[group[item]];
            item = group[item];
        }
        item
    }
    for pair in problem.pairs {
        games[pair.low].push((pair.high, pair.played()));
        games[pair.high].push((pair.low, pair.played()));
        let (a, b) = (root(&mut group, pair.low), root(&mut group, pair.high));
        group[a.max(b)] = a.min(b);
    }
    let mut members: Vec<Vec<usize>> = vec![Vec::new(); n];
    for item in 0..n {
        let r = root(&mut group, item);
        members[r].push(item);
    }
    members.retain(|m| !m.is_empty());

    let alpha = problem.alpha;
    let mut strengths: Vec<f64> = theta.iter().map(|t| t.exp()).collect();
    let mut next = vec![0.0f64; n];
    let mut iterations = 0;
    while iterations < options.max_iterations {
        iterations += 1;
        // Every item is updated from the previous iterate (a Jacobi step), so the result does not
        // depend on the order of the items.
        for item in 0..n {
            let p = strengths[item];
            let denominator: f64 =
                games[item].iter().map(|&(other, played)| played / (p + strengths[other])).sum::<f64>()
                    + 2.0 * alpha / (p + 1.0);
            next[item] = (problem.wins_with_prior[item] / denominator).ln();
        }
        // The best common shift `u` of each group's log-strengths solves Σ σ(θ + u) = size / 2.
        for items in &members {
            let mut shift = 0.0f64;
            for _ in 0..100 {
                let (mut excess, mut slope) = (-(items.len() as f64) / 2.0, 0.0);
                for &item in items {
                    let sigma = win_probability(next[item] + shift, 0.0);
                    excess += sigma;
                    slope += sigma * (1.0 - sigma);
                }
                let change = -excess / slope.max(f64::MIN_POSITIVE);
                let change = change.clamp(-1.0, 1.0);
                shift += change;
                if change.abs() < 1e-15 {
                    break;
                }
            }
            for &item in items {
                next[item] += shift;
            }
        }
        let mut largest_step = 0.0f64;
        for item in 0..n {
            largest_step = largest_step.max((next[item] - theta[item]).abs());
            theta[item] = next[item];
            strengths[item] = next[item].exp();
        }
        if largest_step < options.tolerance {
            return (iterations, true);
        }
    }
    (iterations, false)
}

/// Fits Bradley–Terry strengths to the comparisons.
pub fn bradley_terry(
    n_candidates: usize,
    comparisons: &[PairwiseComparison],
    options: BradleyTerryOptions,
) -> Result<BradleyTerryResult, BallotError> {
    bradley_terry_with(n_candidates, comparisons, options, n_candidates <= NEWTON_MAX_ITEMS)
}

/// The fit with the solver chosen by the caller (`newton` or MM with rescaling): for tests.
#[doc(hidden)]
pub fn bradley_terry_with(
    n_candidates: usize,
    comparisons: &[PairwiseComparison],
    options: BradleyTerryOptions,
    newton: bool,
) -> Result<BradleyTerryResult, BallotError> {
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
    }
    let pairs = count_pairs(n_candidates, comparisons);
    let alpha = options.prior_strength;
    let problem = Problem {
        n: n_candidates,
        wins_with_prior: wins.iter().map(|&w| w as f64 + alpha).collect(),
        pairs: &pairs,
        alpha,
    };
    let mut log_strengths = vec![0.0f64; n_candidates];
    let (iterations, converged) = if n_candidates == 0 {
        (0, true)
    } else if newton {
        fit_newton(&problem, &mut log_strengths, options)
    } else {
        fit_mm(&problem, &mut log_strengths, options)
    };
    let strengths: Vec<f64> = log_strengths.iter().map(|t| t.exp()).collect();
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
    for &PairCount { low, high, low_won, high_won } in &pairs {
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

    /// Deterministic comparisons with a wide spread of strengths and many games per item: the
    /// case where plain MM crawled along the common scale for tens of thousands of steps.
    fn many_games(n: usize, per_pair: usize) -> Vec<PairwiseComparison> {
        let mut data = Vec::new();
        let mut state = 12345u64;
        for low in 0..n {
            for high in low + 1..n {
                let p_high = 1.0 / (1.0 + (-(0.6 * (high as f64 - low as f64))).exp());
                for _ in 0..per_pair {
                    state = state.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
                    let u = (state >> 11) as f64 / (1u64 << 53) as f64;
                    let (w, l) = if u < p_high { (high, low) } else { (low, high) };
                    data.push(PairwiseComparison::new(n, w, l).unwrap());
                }
            }
        }
        data
    }

    #[test]
    fn newton_and_rescaled_mm_reach_the_same_maximum_quickly() {
        let data = many_games(8, 2_000);
        let newton = bradley_terry_with(8, &data, Default::default(), true).unwrap();
        let mm = bradley_terry_with(8, &data, Default::default(), false).unwrap();
        assert!(newton.converged && mm.converged);
        assert!(newton.iterations <= 30, "Newton took {} steps", newton.iterations);
        assert!(mm.iterations <= 2_000, "MM took {} steps", mm.iterations);
        for (a, b) in newton.log_strengths.iter().zip(&mm.log_strengths) {
            assert!((a - b).abs() < 1e-8, "{a} vs {b}");
        }
        assert_eq!(newton.ranking, mm.ranking);
    }

    #[test]
    fn disconnected_groups_and_isolated_items_converge_with_either_solver() {
        let data = comparisons(5, &[(0, 1, 30), (1, 0, 10), (2, 3, 1)]);
        for newton in [true, false] {
            let result = bradley_terry_with(5, &data, Default::default(), newton).unwrap();
            assert!(result.converged);
            assert!((result.log_strengths[4]).abs() < 1e-12);
            assert!(result.strengths[0] > result.strengths[1] && result.strengths[2] > result.strengths[3]);
        }
    }

    #[test]
    fn invalid_options_are_refused() {
        assert!(BradleyTerryOptions::new(0.0, 1e-9, 10).is_err());
        assert!(BradleyTerryOptions::new(1.0, f64::NAN, 10).is_err());
        assert!(BradleyTerryOptions::new(1.0, 1e-9, 0).is_err());
    }
}
