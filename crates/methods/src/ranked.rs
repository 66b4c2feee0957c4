//! Methods over ranked ballots: plurality, Borda, instant runoff, Copeland, Schulze and minimax.
//!
//! Each follows the definition of the reference library pref_voting exactly, because
//! `tests/preflib_reference.rs` compares the winner sets on PrefLib data; where pref_voting returns
//! several winners, so do these (a tie the rule itself does not break is a result). The exact
//! conventions, from the reference files' `conventions`:
//! - unranked candidates tie below every ranked one (extended strict preference);
//! - plurality counts the ballots whose unique top choice is the candidate;
//! - Borda is symmetric: per ballot, the candidates below minus the candidates above, which sums
//!   to the candidate's margins;
//! - instant runoff reads each ballot up to its first tie, drops exhausted ballots, needs more
//!   than half of the active ballots, and eliminates every tied-lowest candidate together;
//! - Copeland scores wins minus losses head to head;
//! - Schulze uses margins as the strength of a beat path;
//! - minimax minimises the largest margin of defeat.

use std::sync::OnceLock;

use serde::{Deserialize, Serialize};

use crate::ballot::CandidateIdx;
use crate::outcome::{RankedDispersion, Ranking, TieBreak};
use crate::profile::{PairwiseMatrix, RankedProfile};

/// A profile with what the ranked methods compute from it, each computed at most once and only
/// when a method asks: the pairwise matrix and the first preferences. A caller who wants several
/// methods on one profile builds one `Tally` and pays for the matrix once; the free functions
/// ([`copeland`], [`schulze`]...) build a fresh `Tally` per call. The results are the same either
/// way: what a method returns depends only on the ballots, never on what was cached before.
#[derive(Debug)]
pub struct Tally<'a> {
    profile: &'a RankedProfile,
    matrix: OnceLock<PairwiseMatrix>,
    first_preferences: OnceLock<Vec<u64>>,
    pairwise_division: OnceLock<f64>,
}

impl<'a> Tally<'a> {
    pub fn new(profile: &'a RankedProfile) -> Self {
        Self {
            profile,
            matrix: OnceLock::new(),
            first_preferences: OnceLock::new(),
            pairwise_division: OnceLock::new(),
        }
    }

    /// A tally whose pairwise matrix the caller already built with
    /// [`PairwiseMatrix::from_profile`] on this same profile. A matrix for another number of
    /// candidates is refused (`None`).
    pub fn with_matrix(profile: &'a RankedProfile, matrix: PairwiseMatrix) -> Option<Self> {
        (matrix.n_candidates() == profile.n_candidates()).then(|| Self {
            profile,
            matrix: OnceLock::from(matrix),
            first_preferences: OnceLock::new(),
            pairwise_division: OnceLock::new(),
        })
    }

    pub fn profile(&self) -> &'a RankedProfile {
        self.profile
    }

    /// The pairwise matrix, built on first use.
    pub fn pairwise_matrix(&self) -> &PairwiseMatrix {
        self.matrix.get_or_init(|| PairwiseMatrix::from_profile(self.profile))
    }

    /// Per candidate, the voters ranking it alone at the top, counted on first use.
    pub fn first_preferences(&self) -> &[u64] {
        self.first_preferences.get_or_init(|| self.profile.first_preferences())
    }

    fn dispersion(&self, with_matrix: bool) -> RankedDispersion {
        let division =
            with_matrix.then(|| *self.pairwise_division.get_or_init(|| self.pairwise_matrix().pairwise_division()));
        RankedDispersion::from_parts(self.first_preferences(), self.profile.n_voters(), division)
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PluralityResult {
    pub winners: Vec<CandidateIdx>,
    pub ranking: Ranking,
    /// Per candidate, the ballots ranking it alone at the top.
    pub first_preferences: Vec<u64>,
    /// How many first preferences each tier has over the next.
    pub gaps_to_next_tier: Vec<i64>,
    pub tie_breaks: Vec<TieBreak>,
    pub dispersion: RankedDispersion,
}

/// Plurality: the most first preferences wins. A ballot with several candidates tied at the top
/// counts for none of them.
/// O(distinct ballots): it reads each ballot's first place and never builds the pairwise matrix
/// (its dispersion has no `pairwise_division`).
pub fn plurality(profile: &RankedProfile) -> PluralityResult {
    Tally::new(profile).plurality()
}

impl Tally<'_> {
    /// See [`plurality`].
    pub fn plurality(&self) -> PluralityResult {
        let first_preferences = self.first_preferences().to_vec();
        let scores: Vec<i64> = first_preferences.iter().map(|&count| count as i64).collect();
        let ranking = Ranking::by_score_descending(&scores);
        PluralityResult {
            winners: ranking.winners().to_vec(),
            gaps_to_next_tier: ranking.gaps_to_next_tier(&scores),
            tie_breaks: ranking.ties_left_unbroken(),
            ranking,
            first_preferences,
            dispersion: self.dispersion(false),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct BordaResult {
    pub winners: Vec<CandidateIdx>,
    pub ranking: Ranking,
    /// Symmetric Borda scores: summed over ballots, candidates below minus candidates above.
    pub scores: Vec<i64>,
    pub gaps_to_next_tier: Vec<i64>,
    pub tie_breaks: Vec<TieBreak>,
    pub dispersion: RankedDispersion,
}

/// Symmetric Borda. Per ballot a candidate scores the number of candidates it is preferred to
/// minus the number preferred to it, so the score is the sum of its margins and truncated ballots
/// need no convention of their own (unranked candidates tie at the bottom and score 0 among
/// themselves).
pub fn borda(profile: &RankedProfile) -> BordaResult {
    Tally::new(profile).borda()
}

impl Tally<'_> {
    /// See [`borda`].
    pub fn borda(&self) -> BordaResult {
        let matrix = self.pairwise_matrix();
        let n = matrix.n_candidates();
        let scores: Vec<i64> =
            (0..n).map(|a| (0..n).map(|b| matrix.margin(CandidateIdx(a), CandidateIdx(b))).sum()).collect();
        let ranking = Ranking::by_score_descending(&scores);
        BordaResult {
            winners: ranking.winners().to_vec(),
            gaps_to_next_tier: ranking.gaps_to_next_tier(&scores),
            tie_breaks: ranking.ties_left_unbroken(),
            ranking,
            scores,
            dispersion: self.dispersion(true),
        }
    }
}

/// One round of instant runoff.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct InstantRunoffRound {
    /// Per candidate, the active ballots whose first remaining choice it is; `None` once the
    /// candidate has been eliminated.
    pub tallies: Vec<Option<u64>>,
    /// Ballots that still rank a remaining candidate.
    pub active_ballots: u64,
    /// Ballots that rank no remaining candidate (empty ballots included); they no longer count.
    pub exhausted_ballots: u64,
    /// The candidates eliminated at the end of this round (all the tied-lowest together); empty in
    /// the last round.
    pub eliminated: Vec<CandidateIdx>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct InstantRunoffResult {
    pub winners: Vec<CandidateIdx>,
    /// The winners, then the candidates still standing at the end by their last tally, then the
    /// eliminated ones, the last eliminated first. Candidates eliminated together share a tier.
    pub ranking: Ranking,
    pub rounds: Vec<InstantRunoffRound>,
    /// In the last round, the winner's tally minus the runner-up's (0 when the winners are tied).
    pub final_margin: u64,
    pub tie_breaks: Vec<TieBreak>,
    pub dispersion: RankedDispersion,
}

/// Instant runoff over truncated ballots. Each round counts every active ballot for its first
/// remaining choice; a candidate with more than half of the active ballots wins; otherwise every
/// candidate with the fewest votes is eliminated at once, and if that would eliminate everyone
/// left, everyone left wins together. A ballot is read only up to its first tie, since a tied
/// tier cannot give one first choice.
///
/// Each distinct ballot's strict prefix is read in place from the profile's flat storage; the
/// ballot keeps a cursor on its current choice and sits in that candidate's pile. Eliminating a
/// candidate moves only the ballots of its pile, each to its next remaining choice, so the whole
/// count costs O(distinct ballots × ranked + rounds × candidates), not a pass over every ballot
/// per round. It never builds the pairwise matrix (its dispersion has no `pairwise_division`).
pub fn instant_runoff(profile: &RankedProfile) -> InstantRunoffResult {
    Tally::new(profile).instant_runoff()
}

impl Tally<'_> {
    /// See [`instant_runoff`].
    pub fn instant_runoff(&self) -> InstantRunoffResult {
        let profile = self.profile;
        let n = profile.n_candidates();
        let ballots: Vec<(crate::profile::BallotEntries<'_>, u64)> = profile.distinct_entries().collect();
        let prefix_lengths: Vec<u32> = ballots.iter().map(|(ballot, _)| ballot.strict_prefix_len() as u32).collect();
        let mut cursors = vec![0u32; ballots.len()];
        let mut piles: Vec<Vec<u32>> = vec![Vec::new(); n];
        let mut tallies = vec![0u64; n];
        for (index, (ballot, count)) in ballots.iter().enumerate() {
            if prefix_lengths[index] > 0 {
                let choice = ballot.candidate(0);
                piles[choice].push(index as u32);
                tallies[choice] += count;
            }
        }
        let mut remaining = vec![true; n];
        let mut rounds = Vec::new();
        let mut eliminated_groups: Vec<Vec<CandidateIdx>> = Vec::new();
        let (final_tallies, winners) = loop {
            let active: u64 = (0..n).filter(|&c| remaining[c]).map(|c| tallies[c]).sum();
            let standing: Vec<CandidateIdx> = (0..n).filter(|&c| remaining[c]).map(CandidateIdx).collect();
            let mut round = InstantRunoffRound {
                tallies: (0..n).map(|c| remaining[c].then_some(tallies[c])).collect(),
                active_ballots: active,
                exhausted_ballots: profile.n_voters() - active,
                eliminated: Vec::new(),
            };
            let Some(most) = standing.iter().map(|c| tallies[c.0]).max() else {
                rounds.push(round);
                break (tallies, Vec::new());
            };
            if 2 * most > active {
                rounds.push(round);
                let winners = standing.iter().copied().filter(|c| tallies[c.0] == most).collect();
                break (tallies, winners);
            }
            let fewest = standing.iter().map(|c| tallies[c.0]).min().unwrap_or(0);
            let lowest: Vec<CandidateIdx> = standing.iter().copied().filter(|c| tallies[c.0] == fewest).collect();
            if lowest.len() == standing.len() {
                rounds.push(round);
                break (tallies, standing);
            }
            for candidate in &lowest {
                remaining[candidate.0] = false;
            }
            // Every eliminated candidate is marked first, so a ballot moving on skips all of them.
            for candidate in &lowest {
                for index in std::mem::take(&mut piles[candidate.0]) {
                    let (ballot, count) = ballots[index as usize];
                    let cursor = &mut cursors[index as usize];
                    *cursor += 1;
                    while *cursor < prefix_lengths[index as usize] && !remaining[ballot.candidate(*cursor as usize)] {
                        *cursor += 1;
                    }
                    if *cursor < prefix_lengths[index as usize] {
                        let choice = ballot.candidate(*cursor as usize);
                        piles[choice].push(index);
                        tallies[choice] += count;
                    }
                }
                tallies[candidate.0] = 0;
            }
            round.eliminated = lowest.clone();
            rounds.push(round);
            eliminated_groups.push(lowest);
        };

        let still_standing: Vec<CandidateIdx> =
            (0..n).filter(|&c| remaining[c]).map(CandidateIdx).filter(|c| !winners.contains(c)).collect();
        let mut tiers = vec![winners.clone()];
        let standing_ranking = Ranking::by(still_standing.len(), |a, b| {
            final_tallies[still_standing[b.0].0].cmp(&final_tallies[still_standing[a.0].0])
        });
        tiers.extend(standing_ranking.tiers().iter().map(|tier| tier.iter().map(|i| still_standing[i.0]).collect()));
        tiers.extend(eliminated_groups.iter().rev().cloned());
        let ranking = Ranking::from_tiers(tiers);

        let mut tie_breaks: Vec<TieBreak> =
            ranking.ties_left_unbroken().into_iter().filter(|tie| !eliminated_groups.contains(&tie.tied)).collect();
        tie_breaks.extend(
            eliminated_groups
                .iter()
                .filter(|group| group.len() > 1)
                .map(|group| TieBreak::eliminated_together(group.clone())),
        );
        let mut last_tallies: Vec<u64> =
            rounds.last().map(|r| r.tallies.iter().flatten().copied().collect()).unwrap_or_default();
        last_tallies.sort_unstable_by(|a, b| b.cmp(a));
        let final_margin = match last_tallies.as_slice() {
            [first, second, ..] => first - second,
            [only] => *only,
            [] => 0,
        };
        InstantRunoffResult { winners, ranking, rounds, final_margin, tie_breaks, dispersion: self.dispersion(false) }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CopelandResult {
    pub winners: Vec<CandidateIdx>,
    pub ranking: Ranking,
    /// Head-to-head wins minus losses.
    pub scores: Vec<i64>,
    pub wins: Vec<u32>,
    pub losses: Vec<u32>,
    /// `margins[a][b]`: voters preferring a to b minus voters preferring b to a.
    pub margins: Vec<Vec<i64>>,
    pub condorcet_winner: Option<CandidateIdx>,
    pub gaps_to_next_tier: Vec<i64>,
    pub tie_breaks: Vec<TieBreak>,
    pub dispersion: RankedDispersion,
}

/// Copeland: one point per head-to-head win, minus one per loss; a head-to-head tie scores 0.
pub fn copeland(profile: &RankedProfile) -> CopelandResult {
    Tally::new(profile).copeland()
}

impl Tally<'_> {
    /// See [`copeland`]. O(candidates²) once the matrix is built.
    pub fn copeland(&self) -> CopelandResult {
        let matrix = self.pairwise_matrix();
        let n = matrix.n_candidates();
        let margins = matrix.margins();
        let wins: Vec<u32> = margins.iter().map(|row| row.iter().filter(|&&m| m > 0).count() as u32).collect();
        let losses: Vec<u32> = margins.iter().map(|row| row.iter().filter(|&&m| m < 0).count() as u32).collect();
        // A Condorcet winner is the candidate that beats all the others.
        let condorcet_winner = (0..n).find(|&a| wins[a] as usize + 1 == n).map(CandidateIdx);
        let scores: Vec<i64> = (0..n).map(|c| i64::from(wins[c]) - i64::from(losses[c])).collect();
        let ranking = Ranking::by_score_descending(&scores);
        CopelandResult {
            winners: ranking.winners().to_vec(),
            gaps_to_next_tier: ranking.gaps_to_next_tier(&scores),
            tie_breaks: ranking.ties_left_unbroken(),
            ranking,
            scores,
            wins,
            losses,
            margins,
            condorcet_winner,
            dispersion: self.dispersion(true),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SchulzeResult {
    pub winners: Vec<CandidateIdx>,
    /// Tiers of the Schulze order: a candidate is above another when its strongest path to it is
    /// wider than the reverse one. Each tier holds the candidates that no remaining candidate
    /// beats that way, so the first tier is the winners.
    pub ranking: Ranking,
    /// `strongest_paths[a][b]`: the width of the widest beat path from a to b (the smallest margin
    /// along it), 0 when there is none.
    pub strongest_paths: Vec<Vec<i64>>,
    pub margins: Vec<Vec<i64>>,
    pub condorcet_winner: Option<CandidateIdx>,
    pub tie_breaks: Vec<TieBreak>,
    pub dispersion: RankedDispersion,
}

/// Schulze's beat-path method with margins as strengths (Schulze 2011, "A new monotonic,
/// clone-independent, reversal symmetric, and Condorcet-consistent single-winner election
/// method"): the widest paths by Floyd–Warshall in O(candidates³); `a` wins when no `b` has a
/// wider path to `a` than `a` has to `b`.
pub fn schulze(profile: &RankedProfile) -> SchulzeResult {
    Tally::new(profile).schulze()
}

impl Tally<'_> {
    /// See [`schulze`]. O(candidates³) once the matrix is built.
    pub fn schulze(&self) -> SchulzeResult {
        let matrix = self.pairwise_matrix();
        let n = matrix.n_candidates();
        let margins = matrix.margins();
        // Row-major widest paths. The update `paths[from][to] = max(paths[from][to], min(paths[from]
        // [via], paths[via][to]))` runs over whole rows so it vectorises; it may also raise the
        // diagonal `paths[from][from]`, which never feeds an off-diagonal cell (through `via = from`
        // the loop is skipped; into `to = via` the minimum cannot exceed the cell) and is reset below.
        let mut flat: Vec<i64> = margins.iter().flat_map(|row| row.iter().map(|&m| m.max(0))).collect();
        for via in 0..n {
            let via_row: Vec<i64> = flat[via * n..(via + 1) * n].to_vec();
            for from in 0..n {
                let to_via = flat[from * n + via];
                if from == via || to_via == 0 {
                    continue;
                }
                for (cell, &onward) in flat[from * n..(from + 1) * n].iter_mut().zip(&via_row) {
                    *cell = (*cell).max(to_via.min(onward));
                }
            }
        }
        for a in 0..n {
            flat[a * n + a] = 0;
        }
        let paths: Vec<Vec<i64>> = flat.chunks(n.max(1)).take(n).map(<[i64]>::to_vec).collect();
        let beats = |a: usize, b: usize| paths[a][b] > paths[b][a];
        let mut placed = vec![false; n];
        let mut tiers = Vec::new();
        // The Schulze relation is a strict partial order (Schulze 2011, §4.1), so some unplaced
        // candidate is always unbeaten by the others and this loop places at least one per pass.
        while placed.iter().any(|p| !p) {
            let tier: Vec<CandidateIdx> =
                (0..n).filter(|&a| !placed[a] && (0..n).all(|b| placed[b] || !beats(b, a))).map(CandidateIdx).collect();
            if tier.is_empty() {
                break;
            }
            for candidate in &tier {
                placed[candidate.0] = true;
            }
            tiers.push(tier);
        }
        let ranking = Ranking::from_tiers(tiers);
        SchulzeResult {
            winners: ranking.winners().to_vec(),
            tie_breaks: ranking.ties_left_unbroken(),
            ranking,
            strongest_paths: paths,
            margins,
            condorcet_winner: matrix.condorcet_winner(),
            dispersion: self.dispersion(true),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct MinimaxResult {
    pub winners: Vec<CandidateIdx>,
    /// Smallest largest defeat first.
    pub ranking: Ranking,
    /// Per candidate, its largest margin of defeat head to head, 0 if it is never beaten.
    pub largest_defeat_margins: Vec<i64>,
    pub margins: Vec<Vec<i64>>,
    pub condorcet_winner: Option<CandidateIdx>,
    /// How much smaller each tier's largest defeat is than the next tier's.
    pub gaps_to_next_tier: Vec<i64>,
    pub tie_breaks: Vec<TieBreak>,
    pub dispersion: RankedDispersion,
}

/// Minimax by margins: the candidate whose worst head-to-head defeat is smallest wins.
pub fn minimax(profile: &RankedProfile) -> MinimaxResult {
    Tally::new(profile).minimax()
}

impl Tally<'_> {
    /// See [`minimax`]. O(candidates²) once the matrix is built.
    pub fn minimax(&self) -> MinimaxResult {
        let matrix = self.pairwise_matrix();
        let n = matrix.n_candidates();
        let margins = matrix.margins();
        // Clamping at 0 changes no winner (a candidate beating everyone is the unique minimum either
        // way) and reads better: "never beaten" rather than a negative defeat.
        let largest_defeat_margins: Vec<i64> =
            (0..n).map(|a| (0..n).map(|b| margins[b][a]).max().unwrap_or(0).max(0)).collect();
        let ranking = Ranking::by_score_ascending(&largest_defeat_margins);
        let gaps_to_next_tier =
            ranking.gaps_to_next_tier(&largest_defeat_margins).into_iter().map(|gap| -gap).collect();
        MinimaxResult {
            winners: ranking.winners().to_vec(),
            tie_breaks: ranking.ties_left_unbroken(),
            gaps_to_next_tier,
            ranking,
            largest_defeat_margins,
            margins,
            condorcet_winner: matrix.condorcet_winner(),
            dispersion: self.dispersion(true),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ballot::RankedBallot;

    /// A profile from lines like `(42, "MNCK")`: letters are candidates in `alphabet` order, best
    /// first; a truncated string leaves the missing candidates unranked.
    fn profile(alphabet: &str, lines: &[(u64, &str)]) -> RankedProfile {
        let n = alphabet.len();
        let mut profile = RankedProfile::new(n);
        for &(count, order) in lines {
            let order = order.chars().map(|letter| alphabet.find(letter).expect("a known letter"));
            profile.add(RankedBallot::strict(n, order).unwrap(), count).unwrap();
        }
        profile
    }

    fn letters(alphabet: &str, candidates: &[CandidateIdx]) -> String {
        candidates.iter().map(|c| alphabet.as_bytes()[c.0] as char).collect()
    }

    fn tiers(alphabet: &str, ranking: &Ranking) -> Vec<String> {
        ranking.tiers().iter().map(|tier| letters(alphabet, tier)).collect()
    }

    /// Wikipedia, "Instant-runoff voting" / "Condorcet method": Tennessee choosing its capital,
    /// Memphis, Nashville, Chattanooga, Knoxville, with voters living in each city.
    fn tennessee() -> RankedProfile {
        profile("MNCK", &[(42, "MNCK"), (26, "NCKM"), (15, "CKNM"), (17, "KCNM")])
    }

    #[test]
    fn tennessee_plurality_elects_memphis() {
        let result = plurality(&tennessee());
        assert_eq!(letters("MNCK", &result.winners), "M");
        assert_eq!(result.first_preferences, vec![42, 26, 15, 17]);
        assert_eq!(result.gaps_to_next_tier, vec![16, 9, 2]);
    }

    #[test]
    fn tennessee_instant_runoff_elects_knoxville_after_eliminating_chattanooga_then_nashville() {
        let result = instant_runoff(&tennessee());
        assert_eq!(letters("MNCK", &result.winners), "K");
        assert_eq!(tiers("MNCK", &result.ranking), vec!["K", "M", "N", "C"]);
        assert_eq!(result.rounds.len(), 3);
        assert_eq!(result.rounds[1].tallies, vec![Some(42), Some(26), None, Some(32)]);
        assert_eq!(result.rounds[2].tallies, vec![Some(42), None, None, Some(58)]);
        assert_eq!(result.final_margin, 16);
    }

    #[test]
    fn tennessee_borda_and_every_condorcet_method_elect_nashville() {
        let profile = tennessee();
        // Standard Borda gives M 126, N 194, C 173, K 107; symmetric Borda is 2 × that − 3 × 100.
        assert_eq!(borda(&profile).scores, vec![-48, 88, 46, -86]);
        assert_eq!(letters("MNCK", &copeland(&profile).winners), "N");
        assert_eq!(letters("MNCK", &schulze(&profile).winners), "N");
        assert_eq!(letters("MNCK", &minimax(&profile).winners), "N");
        assert_eq!(copeland(&profile).condorcet_winner, Some(CandidateIdx(1)));
        assert_eq!(tiers("MNCK", &schulze(&profile).ranking), vec!["N", "C", "K", "M"]);
    }

    /// Wikipedia, "Schulze method", the 45-voter example (also in Schulze 2011, §3.1): E wins and
    /// the Schulze order is E > A > C > B > D.
    #[test]
    fn the_schulze_example_of_45_voters_ranks_e_a_c_b_d() {
        let profile = profile(
            "ABCDE",
            &[
                (5, "ACBED"),
                (5, "ADECB"),
                (8, "BEDAC"),
                (3, "CABED"),
                (7, "CAEBD"),
                (2, "CBADE"),
                (7, "DCEBA"),
                (8, "EBADC"),
            ],
        );
        let result = schulze(&profile);
        assert_eq!(tiers("ABCDE", &result.ranking), vec!["E", "A", "C", "B", "D"]);
        assert_eq!(result.condorcet_winner, None);
    }

    #[test]
    fn instant_runoff_eliminates_every_tied_lowest_candidate_together_and_says_so() {
        // A 4, B 3, C 1, D 1: C and D go together; then A 4, B 5 (C's and D's ballots move to B).
        let profile = profile("ABCD", &[(4, "A"), (3, "B"), (1, "CB"), (1, "DB")]);
        let result = instant_runoff(&profile);
        assert_eq!(letters("ABCD", &result.winners), "B");
        assert_eq!(result.rounds[0].eliminated, vec![CandidateIdx(2), CandidateIdx(3)]);
        assert_eq!(tiers("ABCD", &result.ranking), vec!["B", "A", "CD"]);
        assert_eq!(result.tie_breaks.len(), 1);
        assert_eq!(result.tie_breaks[0].rule, crate::TieBreakRule::EliminatedTogether);
    }

    #[test]
    fn instant_runoff_drops_exhausted_ballots_from_the_majority() {
        // A 3, B 2, C 2: B and C tie lowest and go together. B's ballots move to A; C's ballots
        // rank nobody else, exhaust, and leave the count: A wins with 5 of 5 active ballots.
        let profile = profile("ABC", &[(3, "A"), (2, "BA"), (2, "C")]);
        let result = instant_runoff(&profile);
        assert_eq!(letters("ABC", &result.winners), "A");
        assert_eq!(result.rounds.last().unwrap().exhausted_ballots, 2);
        assert_eq!(result.rounds.last().unwrap().active_ballots, 5);
    }

    #[test]
    fn when_every_remaining_candidate_ties_they_all_win() {
        let profile = profile("ABC", &[(2, "AB"), (2, "BA"), (2, "CA")]);
        let result = instant_runoff(&profile);
        assert_eq!(letters("ABC", &result.winners), "ABC");
        assert_eq!(result.tie_breaks[0].rule, crate::TieBreakRule::LeftTied);
    }

    #[test]
    fn a_condorcet_cycle_leaves_every_condorcet_method_tied() {
        let profile = profile("ABC", &[(1, "ABC"), (1, "BCA"), (1, "CAB")]);
        assert_eq!(letters("ABC", &copeland(&profile).winners), "ABC");
        assert_eq!(letters("ABC", &schulze(&profile).winners), "ABC");
        assert_eq!(letters("ABC", &minimax(&profile).winners), "ABC");
        assert_eq!(copeland(&profile).tie_breaks.len(), 1);
    }

    #[test]
    fn no_ballots_and_no_candidates_give_empty_or_fully_tied_results() {
        let empty = RankedProfile::new(3);
        assert_eq!(plurality(&empty).winners.len(), 3);
        assert_eq!(instant_runoff(&empty).winners.len(), 3);
        assert_eq!(schulze(&empty).winners.len(), 3);
        let nothing = RankedProfile::new(0);
        assert!(instant_runoff(&nothing).winners.is_empty());
        assert!(minimax(&nothing).winners.is_empty());
    }
}
