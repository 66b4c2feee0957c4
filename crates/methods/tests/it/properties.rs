//! Algebraic properties of the methods, over generated ballots: Condorcet consistency of the
//! Condorcet methods, anonymity and neutrality of every method, monotonicity of majority
//! judgment and score voting, and Bradley–Terry recovering planted strengths.

use converge_methods::{
    ApprovalBallot, CandidateIdx, DotBallot, DotRules, GradeBallot, GradeScale, PairwiseComparison, PairwiseMatrix,
    RankedBallot, RankedProfile, Ranking, ScoreAggregate, ScoreBallot, ScoreScale, Tally, approval, borda,
    bradley_terry, copeland, dot_voting, instant_runoff, majority_judgment, minimax, plurality, schulze, score_voting,
};
use proptest::collection::vec;
use proptest::prelude::*;
use proptest::sample::Index;

/// A ranked ballot over `n` candidates: a shuffled order, cut after `kept` candidates, with
/// neighbours merged into ties where `tie_with_previous` says so.
fn ranked_ballot(n: usize) -> impl Strategy<Value = RankedBallot> {
    (Just((0..n).collect::<Vec<usize>>()).prop_shuffle(), 0..=n, vec(prop::bool::weighted(0.2), n)).prop_map(
        move |(order, kept, tie_with_previous)| {
            let mut tiers: Vec<Vec<usize>> = Vec::new();
            for (position, candidate) in order.into_iter().take(kept).enumerate() {
                match tiers.last_mut() {
                    Some(tier) if tie_with_previous[position] => tier.push(candidate),
                    _ => tiers.push(vec![candidate]),
                }
            }
            RankedBallot::with_ties(n, tiers).unwrap()
        },
    )
}

fn ranked_ballots() -> impl Strategy<Value = (usize, Vec<RankedBallot>)> {
    (1usize..=6).prop_flat_map(|n| (Just(n), vec(ranked_ballot(n), 0..40)))
}

fn renaming(n: usize) -> impl Strategy<Value = Vec<usize>> {
    Just((0..n).collect::<Vec<usize>>()).prop_shuffle()
}

fn profile_of(n: usize, ballots: &[RankedBallot]) -> RankedProfile {
    RankedProfile::from_ballots(n, ballots.iter().cloned()).unwrap()
}

/// The ranking's tiers as sets of candidate numbers, after renaming by `permutation`.
fn renamed_tiers(ranking: &Ranking, permutation: &[usize]) -> Vec<Vec<usize>> {
    ranking
        .tiers()
        .iter()
        .map(|tier| {
            let mut renamed: Vec<usize> = tier.iter().map(|c| permutation[c.0]).collect();
            renamed.sort_unstable();
            renamed
        })
        .collect()
}

fn plain_tiers(ranking: &Ranking) -> Vec<Vec<usize>> {
    renamed_tiers(ranking, &(0..10_000).collect::<Vec<_>>())
}

/// Every ranked method's ranking on a profile.
fn all_ranked_rankings(profile: &RankedProfile) -> Vec<(&'static str, Ranking)> {
    vec![
        ("plurality", plurality(profile).ranking),
        ("borda", borda(profile).ranking),
        ("instant_runoff", instant_runoff(profile).ranking),
        ("copeland", copeland(profile).ranking),
        ("schulze", schulze(profile).ranking),
        ("minimax", minimax(profile).ranking),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn a_condorcet_winner_wins_copeland_schulze_and_minimax((n, ballots) in ranked_ballots()) {
        let profile = profile_of(n, &ballots);
        if let Some(winner) = PairwiseMatrix::from_profile(&profile).condorcet_winner() {
            prop_assert_eq!(copeland(&profile).winners, vec![winner]);
            prop_assert_eq!(schulze(&profile).winners, vec![winner]);
            prop_assert_eq!(minimax(&profile).winners, vec![winner]);
        }
    }

    #[test]
    fn ranked_methods_are_anonymous((n, ballots) in ranked_ballots(), seed in any::<u64>()) {
        let mut shuffled = ballots.clone();
        shuffle(&mut shuffled, seed);
        let (original, permuted) = (profile_of(n, &ballots), profile_of(n, &shuffled));
        prop_assert_eq!(plurality(&original), plurality(&permuted));
        prop_assert_eq!(borda(&original), borda(&permuted));
        prop_assert_eq!(instant_runoff(&original), instant_runoff(&permuted));
        prop_assert_eq!(copeland(&original), copeland(&permuted));
        prop_assert_eq!(schulze(&original), schulze(&permuted));
        prop_assert_eq!(minimax(&original), minimax(&permuted));
    }

    #[test]
    fn ranked_methods_are_neutral(
        (n, ballots, permutation) in ranked_ballots().prop_flat_map(|(n, b)| (Just(n), Just(b), renaming(n)))
    ) {
        let original = profile_of(n, &ballots);
        let renamed_ballots: Vec<RankedBallot> = ballots.iter().map(|b| b.renamed(&permutation).unwrap()).collect();
        let renamed = profile_of(n, &renamed_ballots);
        for ((method, before), (_, after)) in all_ranked_rankings(&original).into_iter().zip(all_ranked_rankings(&renamed)) {
            prop_assert_eq!(renamed_tiers(&before, &permutation), plain_tiers(&after), "{}", method);
        }
    }

    #[test]
    fn cardinal_methods_are_anonymous_and_neutral(
        (n, grades, permutation, seed) in (1usize..=5).prop_flat_map(|n| {
            (Just(n), vec(vec(0u8..5, n), 0..30), renaming(n), any::<u64>())
        })
    ) {
        let grade_scale = GradeScale::new(5).unwrap();
        let score_scale = ScoreScale::new(0, 4).unwrap();
        let rules = DotRules::new(4 * n as u32, 4).unwrap();
        let rename = |row: &Vec<u8>| -> Vec<u8> {
            let mut renamed = vec![0; n];
            for (old, &value) in row.iter().enumerate() {
                renamed[permutation[old]] = value;
            }
            renamed
        };
        let mut shuffled = grades.clone();
        shuffle(&mut shuffled, seed);
        let renamed: Vec<Vec<u8>> = grades.iter().map(rename).collect();

        let mj = |rows: &[Vec<u8>]| {
            let ballots: Vec<GradeBallot> = rows.iter().map(|r| GradeBallot::new(grade_scale, n, r.clone()).unwrap()).collect();
            majority_judgment(grade_scale, n, &ballots).unwrap()
        };
        let score = |rows: &[Vec<u8>]| {
            let ballots: Vec<ScoreBallot> = rows
                .iter()
                .map(|r| ScoreBallot::new(score_scale, n, r.iter().map(|&g| Some(i32::from(g))).collect()).unwrap())
                .collect();
            score_voting(score_scale, n, &ballots, ScoreAggregate::Mean).unwrap()
        };
        let approve = |rows: &[Vec<u8>]| {
            let ballots: Vec<ApprovalBallot> = rows
                .iter()
                .map(|r| ApprovalBallot::new(n, (0..n).filter(|&c| r[c] >= 3)).unwrap())
                .collect();
            approval(n, &ballots).unwrap()
        };
        let dots = |rows: &[Vec<u8>]| {
            let ballots: Vec<DotBallot> =
                rows.iter().map(|r| DotBallot::new(rules, n, r.iter().map(|&g| u32::from(g.min(4))).collect()).unwrap()).collect();
            dot_voting(rules, n, &ballots).unwrap()
        };
        prop_assert_eq!(mj(&grades), mj(&shuffled));
        prop_assert_eq!(score(&grades), score(&shuffled));
        prop_assert_eq!(approve(&grades), approve(&shuffled));
        prop_assert_eq!(dots(&grades), dots(&shuffled));
        prop_assert_eq!(renamed_tiers(&mj(&grades).ranking, &permutation), plain_tiers(&mj(&renamed).ranking));
        prop_assert_eq!(renamed_tiers(&score(&grades).ranking, &permutation), plain_tiers(&score(&renamed).ranking));
        prop_assert_eq!(renamed_tiers(&approve(&grades).ranking, &permutation), plain_tiers(&approve(&renamed).ranking));
        prop_assert_eq!(renamed_tiers(&dots(&grades).ranking, &permutation), plain_tiers(&dots(&renamed).ranking));
    }

    #[test]
    fn majority_judgment_and_score_voting_are_monotone(
        (n, grades, voter, raise) in (1usize..=5).prop_flat_map(|n| (Just(n), vec(vec(0u8..6, n), 1..30), any::<Index>(), 1u8..6))
    ) {
        let grade_scale = GradeScale::new(6).unwrap();
        let score_scale = ScoreScale::new(0, 5).unwrap();
        let mj = |rows: &[Vec<u8>]| {
            let ballots: Vec<GradeBallot> = rows.iter().map(|r| GradeBallot::new(grade_scale, n, r.clone()).unwrap()).collect();
            majority_judgment(grade_scale, n, &ballots).unwrap().winners
        };
        let score = |rows: &[Vec<u8>], aggregate| {
            let ballots: Vec<ScoreBallot> = rows
                .iter()
                .map(|r| ScoreBallot::new(score_scale, n, r.iter().map(|&g| Some(i32::from(g))).collect()).unwrap())
                .collect();
            score_voting(score_scale, n, &ballots, aggregate).unwrap().winners
        };
        let voter = voter.index(grades.len());
        let raised = |winner: CandidateIdx| {
            let mut rows = grades.clone();
            rows[voter][winner.0] = (rows[voter][winner.0] + raise).min(5);
            rows
        };
        for winner in mj(&grades) {
            prop_assert!(mj(&raised(winner)).contains(&winner));
        }
        for aggregate in [ScoreAggregate::Mean, ScoreAggregate::Median] {
            for winner in score(&grades, aggregate) {
                prop_assert!(score(&raised(winner), aggregate).contains(&winner));
            }
        }
    }

    #[test]
    fn bradley_terry_is_anonymous(n in 2usize..6, pairs in vec((0usize..6, 0usize..6), 0..60), seed in any::<u64>()) {
        let comparisons: Vec<PairwiseComparison> = pairs
            .into_iter()
            .filter(|&(w, l)| w < n && l < n && w != l)
            .map(|(w, l)| PairwiseComparison::new(n, w, l).unwrap())
            .collect();
        let mut shuffled = comparisons.clone();
        shuffle(&mut shuffled, seed);
        prop_assert_eq!(
            bradley_terry(n, &comparisons, Default::default()).unwrap(),
            bradley_terry(n, &shuffled, Default::default()).unwrap()
        );
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(24))]

    /// Plants strengths `exp(0.7 × rank)`, draws 300 comparisons per pair from the model with a
    /// seeded generator, and expects the fitted order to be the planted one. With 300 games a
    /// pair, adjacent items (win probability 0.67) are misordered with negligible probability.
    #[test]
    fn bradley_terry_recovers_the_order_of_planted_strengths(n in 3usize..7, seed in any::<u64>(), renaming_seed in any::<u64>()) {
        let mut names: Vec<usize> = (0..n).collect();
        shuffle(&mut names, renaming_seed);
        // names[rank] is the item planted at that rank, 0 the weakest.
        let strength = |rank: usize| (0.7 * rank as f64).exp();
        let mut rng = SplitMix64(seed);
        let mut comparisons = Vec::new();
        for low in 0..n {
            for high in low + 1..n {
                let p_high = strength(high) / (strength(high) + strength(low));
                for _ in 0..300 {
                    let (winner, loser) = if rng.next_f64() < p_high { (high, low) } else { (low, high) };
                    comparisons.push(PairwiseComparison::new(n, names[winner], names[loser]).unwrap());
                }
            }
        }
        let result = bradley_terry(n, &comparisons, Default::default()).unwrap();
        prop_assert!(result.converged);
        let fitted: Vec<usize> = result.ranking.tiers().iter().map(|tier| { assert_eq!(tier.len(), 1); tier[0].0 }).collect();
        let planted: Vec<usize> = (0..n).rev().map(|rank| names[rank]).collect();
        prop_assert_eq!(fitted, planted);
    }

    #[test]
    fn bradley_terry_is_neutral(n in 2usize..6, pairs in vec((0usize..6, 0usize..6), 0..60), renaming_seed in any::<u64>()) {
        let mut permutation: Vec<usize> = (0..n).collect();
        shuffle(&mut permutation, renaming_seed);
        let valid: Vec<(usize, usize)> = pairs.into_iter().filter(|&(w, l)| w < n && l < n && w != l).collect();
        let comparisons: Vec<PairwiseComparison> = valid.iter().map(|&(w, l)| PairwiseComparison::new(n, w, l).unwrap()).collect();
        let renamed: Vec<PairwiseComparison> =
            valid.iter().map(|&(w, l)| PairwiseComparison::new(n, permutation[w], permutation[l]).unwrap()).collect();
        let before = bradley_terry(n, &comparisons, Default::default()).unwrap();
        let after = bradley_terry(n, &renamed, Default::default()).unwrap();
        for (item, &renamed_item) in permutation.iter().enumerate() {
            let (a, b) = (before.log_strengths[item], after.log_strengths[renamed_item]);
            prop_assert!((a - b).abs() < 1e-7, "item {}: {} vs {}", item, a, b);
        }
    }
}

/// Vigna's splitmix64: a tiny, good, seeded generator, so the tests need no rand crate.
struct SplitMix64(u64);

impl SplitMix64 {
    fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// Uniform in [0, 1), from the top 53 bits.
    fn next_f64(&mut self) -> f64 {
        (self.next_u64() >> 11) as f64 / (1u64 << 53) as f64
    }
}

/// Fisher–Yates with the seeded generator.
fn shuffle<T>(items: &mut [T], seed: u64) {
    let mut rng = SplitMix64(seed);
    for i in (1..items.len()).rev() {
        let j = (rng.next_u64() % (i as u64 + 1)) as usize;
        items.swap(i, j);
    }
}

/// The pairwise matrix the slow, obvious way: every voter's ballot on its own, every pair of
/// candidates compared through the tier numbers.
fn naive_support(n: usize, ballots: &[RankedBallot]) -> Vec<Vec<u64>> {
    let mut support = vec![vec![0u64; n]; n];
    for ballot in ballots {
        let tier_of = ballot.tier_of_each_candidate();
        for a in 0..n {
            for b in 0..n {
                // Unranked candidates share the tier past the last one, so they never win.
                if a != b && tier_of[a] < ballot.tiers().len() && tier_of[a] < tier_of[b] {
                    support[a][b] += 1;
                }
            }
        }
    }
    support
}

/// Instant runoff the slow, obvious way: each round re-reads every voter's ballot from the top.
/// Returns each round's tallies (`None` once eliminated) and the winners.
fn naive_instant_runoff(n: usize, ballots: &[RankedBallot]) -> (Vec<Vec<Option<u64>>>, Vec<usize>) {
    let mut remaining = vec![true; n];
    let mut rounds = Vec::new();
    loop {
        let mut tallies = vec![0u64; n];
        for ballot in ballots {
            if let Some(choice) = ballot.strict_prefix().find(|c| remaining[c.0]) {
                tallies[choice.0] += 1;
            }
        }
        let active: u64 = tallies.iter().sum();
        rounds.push((0..n).map(|c| remaining[c].then_some(tallies[c])).collect());
        let standing: Vec<usize> = (0..n).filter(|&c| remaining[c]).collect();
        let Some(most) = standing.iter().map(|&c| tallies[c]).max() else { return (rounds, vec![]) };
        if 2 * most > active {
            return (rounds, standing.into_iter().filter(|&c| tallies[c] == most).collect());
        }
        let fewest = standing.iter().map(|&c| tallies[c]).min().unwrap();
        let lowest: Vec<usize> = standing.iter().copied().filter(|&c| tallies[c] == fewest).collect();
        if lowest.len() == standing.len() {
            return (rounds, standing);
        }
        for c in lowest {
            remaining[c] = false;
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    /// The fast paths (flat ballot storage, the O(ranked²) matrix fill, instant runoff with
    /// cursors, first preferences read in place, the cached `Tally`) against naive oracles that
    /// read every voter's ballot on its own.
    #[test]
    fn fast_paths_equal_naive_oracles((n, ballots) in (1usize..=7).prop_flat_map(|n| (Just(n), vec(ranked_ballot(n), 0..60)))) {
        let profile = profile_of(n, &ballots);
        let matrix = PairwiseMatrix::from_profile(&profile);
        let support = naive_support(n, &ballots);
        for (a, row) in support.iter().enumerate() {
            for (b, &want) in row.iter().enumerate() {
                prop_assert_eq!(matrix.support(CandidateIdx(a), CandidateIdx(b)), want, "support {} over {}", a, b);
            }
        }
        let borda_scores: Vec<i64> = (0..n).map(|a| (0..n).map(|b| support[a][b] as i64 - support[b][a] as i64).sum()).collect();
        prop_assert_eq!(borda(&profile).scores, borda_scores);

        let mut first = vec![0u64; n];
        for ballot in &ballots {
            if let Some(top) = ballot.unique_top() {
                first[top.0] += 1;
            }
        }
        prop_assert_eq!(&plurality(&profile).first_preferences, &first);
        prop_assert_eq!(profile.first_preferences(), first);

        let (rounds, winners) = naive_instant_runoff(n, &ballots);
        let fast = instant_runoff(&profile);
        prop_assert_eq!(fast.rounds.iter().map(|r| r.tallies.clone()).collect::<Vec<_>>(), rounds);
        prop_assert_eq!(fast.winners.iter().map(|c| c.0).collect::<Vec<_>>(), winners);
        prop_assert_eq!(fast.rounds.last().unwrap().exhausted_ballots + fast.rounds.last().unwrap().active_ballots, ballots.len() as u64);

        // A tally shared by every method gives what each call alone gives.
        let tally = Tally::new(&profile);
        prop_assert_eq!(tally.copeland(), copeland(&profile));
        prop_assert_eq!(tally.schulze(), schulze(&profile));
        prop_assert_eq!(tally.minimax(), minimax(&profile));
        prop_assert_eq!(tally.borda(), borda(&profile));
        prop_assert_eq!(tally.plurality(), plurality(&profile));
        prop_assert_eq!(tally.instant_runoff(), instant_runoff(&profile));

        // The flat storage gives back the ballots it was given, with their counts.
        let mut stored: Vec<(RankedBallot, u64)> = profile.distinct_ballots().collect();
        stored.sort();
        let mut counted: Vec<(RankedBallot, u64)> = Vec::new();
        let mut sorted = ballots.clone();
        sorted.sort();
        for ballot in sorted {
            match counted.last_mut() {
                Some((last, count)) if *last == ballot => *count += 1,
                _ => counted.push((ballot, 1)),
            }
        }
        prop_assert_eq!(stored, counted);
        let mut reversed = ballots.clone();
        reversed.reverse();
        prop_assert_eq!(profile_of(n, &reversed), profile);
    }
}

/// Schulze's widest paths the textbook way (Schulze 2011, §2.3: Floyd–Warshall, skipping the
/// diagonal), to check the row-wise version.
fn textbook_widest_paths(margins: &[Vec<i64>]) -> Vec<Vec<i64>> {
    let n = margins.len();
    let mut p: Vec<Vec<i64>> = margins.iter().map(|row| row.iter().map(|&m| m.max(0)).collect()).collect();
    for i in 0..n {
        for j in 0..n {
            if i != j {
                for k in 0..n {
                    if i != k && j != k {
                        p[j][k] = p[j][k].max(p[j][i].min(p[i][k]));
                    }
                }
            }
        }
    }
    p
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn schulze_paths_equal_the_textbook_floyd_warshall((n, ballots) in (1usize..=8).prop_flat_map(|n| (Just(n), vec(ranked_ballot(n), 0..40)))) {
        let result = schulze(&profile_of(n, &ballots));
        prop_assert_eq!(&result.strongest_paths, &textbook_widest_paths(&result.margins));
    }
}
