//! A profile of ranked ballots, identical ballots aggregated with a count, and the pairwise
//! matrix computed from it.
//!
//! Memory follows the number of distinct ballots, not the number of voters: a million voters who
//! cast a few hundred distinct rankings cost a few hundred entries. The ballots are stored flat
//! (every distinct ballot's ranked candidates in one `Vec<u32>`, tiers marked by a flag bit, with
//! one offset per ballot), about 4 bytes per ranked candidate plus 20 per distinct ballot. The
//! pairwise matrix is built once per profile in O(distinct ballots × ranked²) time and
//! O(candidates²) memory; nothing is ever stored per voter × candidates².

use crate::ballot::{BallotError, CandidateIdx, RankedBallot};

/// The flag bit of a stored entry: the candidate is in the same tier as the entry before it.
const TIED_WITH_PREVIOUS: u32 = 1 << 31;
const CANDIDATE_BITS: u32 = !TIED_WITH_PREVIOUS;
const EMPTY_SLOT: u32 = u32::MAX;

/// Ranked ballots with their counts, stored flat. Every result computed from a profile sums
/// integer counts, so the order in which distinct ballots are stored cannot change any result:
/// every computation over a profile is anonymous by construction. Two profiles are equal when
/// they hold the same ballots with the same counts, whatever order they were added in.
#[derive(Debug, Clone)]
pub struct RankedProfile {
    n_candidates: usize,
    /// The ranked candidates of every distinct ballot, best first, each tier sorted; an entry
    /// carries [`TIED_WITH_PREVIOUS`] when it shares the tier of the entry before it.
    entries: Vec<u32>,
    /// Ballot `i` is `entries[starts[i]..starts[i + 1]]`; `starts.len()` is distinct ballots + 1.
    starts: Vec<usize>,
    counts: Vec<u64>,
    /// Open addressing over ballot indices (deterministic hash), to merge identical ballots.
    slots: Vec<u32>,
    n_voters: u64,
}

/// One distinct ballot of a profile as stored: its ranked candidates, tiers marked by a flag.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct BallotEntries<'a>(&'a [u32]);

impl<'a> BallotEntries<'a> {
    /// How many candidates the ballot ranks.
    pub fn len(self) -> usize {
        self.0.len()
    }

    pub fn is_empty(self) -> bool {
        self.0.is_empty()
    }

    /// The candidate at a position, best first.
    pub fn candidate(self, position: usize) -> usize {
        (self.0[position] & CANDIDATE_BITS) as usize
    }

    /// Whether the candidate at `position` shares the tier of the one before it.
    pub fn tied_with_previous(self, position: usize) -> bool {
        self.0[position] & TIED_WITH_PREVIOUS != 0
    }

    /// The candidate ranked alone at the top, if any.
    pub fn unique_top(self) -> Option<usize> {
        match self.0 {
            [] => None,
            [_, second, ..] if second & TIED_WITH_PREVIOUS != 0 => None,
            [first, ..] => Some((first & CANDIDATE_BITS) as usize),
        }
    }

    /// The length of the strict prefix: the positions before the first tier with several
    /// candidates (see [`RankedBallot::strict_prefix`]).
    pub fn strict_prefix_len(self) -> usize {
        match self.0.iter().position(|&entry| entry & TIED_WITH_PREVIOUS != 0) {
            Some(first_tied) => first_tied - 1,
            None => self.0.len(),
        }
    }

    /// The ballot as tiers, best first.
    pub fn tiers(self) -> Vec<Vec<CandidateIdx>> {
        let mut tiers: Vec<Vec<CandidateIdx>> = Vec::new();
        for &entry in self.0 {
            let candidate = CandidateIdx((entry & CANDIDATE_BITS) as usize);
            match tiers.last_mut() {
                Some(tier) if entry & TIED_WITH_PREVIOUS != 0 => tier.push(candidate),
                _ => tiers.push(vec![candidate]),
            }
        }
        tiers
    }
}

fn hash_entries(entries: &[u32]) -> u64 {
    // FxHash-style: deterministic (no random seed), so the profile is the same in every run.
    let mut hash = entries.len() as u64;
    for &entry in entries {
        hash = (hash.rotate_left(5) ^ u64::from(entry)).wrapping_mul(0x517c_c1b7_2722_0a95);
    }
    hash ^ (hash >> 29)
}

impl RankedProfile {
    /// An empty profile over `n_candidates` (fewer than 2³¹).
    pub fn new(n_candidates: usize) -> Self {
        assert!(n_candidates <= CANDIDATE_BITS as usize, "a profile holds fewer than 2^31 candidates");
        Self { n_candidates, entries: Vec::new(), starts: vec![0], counts: Vec::new(), slots: Vec::new(), n_voters: 0 }
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
        self.add_ref(&ballot, count)
    }

    /// [`Self::add`] without taking the ballot.
    pub fn add_ref(&mut self, ballot: &RankedBallot, count: u64) -> Result<(), BallotError> {
        if ballot.n_candidates() != self.n_candidates {
            return Err(BallotError::CandidateCountMismatch { ballot: ballot.n_candidates(), vote: self.n_candidates });
        }
        if count == 0 {
            return Ok(());
        }
        // Append the encoded ballot tentatively; drop it again if it is already stored.
        let start = self.entries.len();
        for tier in ballot.tiers() {
            for (place, candidate) in tier.iter().enumerate() {
                let flag = if place > 0 { TIED_WITH_PREVIOUS } else { 0 };
                self.entries.push(candidate.0 as u32 | flag);
            }
        }
        self.n_voters += count;
        if 2 * (self.counts.len() + 1) > self.slots.len() {
            self.grow();
        }
        let mask = self.slots.len() - 1;
        let mut slot = hash_entries(&self.entries[start..]) as usize & mask;
        loop {
            let stored = self.slots[slot];
            if stored == EMPTY_SLOT {
                break;
            }
            let index = stored as usize;
            if self.entries[self.starts[index]..self.starts[index + 1]] == self.entries[start..] {
                self.counts[index] += count;
                self.entries.truncate(start);
                return Ok(());
            }
            slot = (slot + 1) & mask;
        }
        #[allow(
            clippy::expect_used,
            reason = "a profile holds far fewer than 2^32 distinct ballots (checked below too)"
        )]
        let index = u32::try_from(self.counts.len()).expect("fewer than 2^32 distinct ballots");
        assert!(index != EMPTY_SLOT, "fewer than 2^32 - 1 distinct ballots");
        self.slots[slot] = index;
        self.counts.push(count);
        self.starts.push(self.entries.len());
        Ok(())
    }

    fn grow(&mut self) {
        let size = (self.slots.len() * 2).max(16);
        self.slots = vec![EMPTY_SLOT; size];
        let mask = size - 1;
        for index in 0..self.counts.len() {
            let mut slot = hash_entries(&self.entries[self.starts[index]..self.starts[index + 1]]) as usize & mask;
            while self.slots[slot] != EMPTY_SLOT {
                slot = (slot + 1) & mask;
            }
            self.slots[slot] = index as u32;
        }
    }

    fn find(&self, entries: &[u32]) -> Option<usize> {
        if self.slots.is_empty() {
            return None;
        }
        let mask = self.slots.len() - 1;
        let mut slot = hash_entries(entries) as usize & mask;
        loop {
            let stored = self.slots[slot];
            if stored == EMPTY_SLOT {
                return None;
            }
            if self.entries(stored as usize).0 == entries {
                return Some(stored as usize);
            }
            slot = (slot + 1) & mask;
        }
    }

    pub fn n_candidates(&self) -> usize {
        self.n_candidates
    }

    /// The number of voters, empty ballots included.
    pub fn n_voters(&self) -> u64 {
        self.n_voters
    }

    /// The distinct ballots and how many voters cast each, in the order they were first added.
    /// Each ballot is rebuilt from the flat storage; [`Self::distinct_entries`] reads it in place.
    #[allow(clippy::expect_used, reason = "stored ballots were validated when added")]
    pub fn distinct_ballots(&self) -> impl Iterator<Item = (RankedBallot, u64)> + '_ {
        self.distinct_entries().map(|(entries, count)| {
            let tiers = entries.tiers().into_iter().map(|tier| tier.into_iter().map(|c| c.0).collect()).collect();
            // Stored ballots were validated when added, so rebuilding cannot fail.
            (RankedBallot::with_ties(self.n_candidates, tiers).expect("a stored ballot is valid"), count)
        })
    }

    /// The distinct ballots as stored, with their counts, without allocating.
    pub fn distinct_entries(&self) -> impl Iterator<Item = (BallotEntries<'_>, u64)> + '_ {
        (0..self.counts.len()).map(|index| (self.entries(index), self.counts[index]))
    }

    fn entries(&self, index: usize) -> BallotEntries<'_> {
        BallotEntries(&self.entries[self.starts[index]..self.starts[index + 1]])
    }

    pub fn n_distinct_ballots(&self) -> usize {
        self.counts.len()
    }

    /// For each candidate, the voters who rank it alone at the top. O(distinct ballots).
    pub fn first_preferences(&self) -> Vec<u64> {
        let mut counts = vec![0; self.n_candidates];
        for (ballot, count) in self.distinct_entries() {
            if let Some(top) = ballot.unique_top() {
                counts[top] += count;
            }
        }
        counts
    }
}

impl PartialEq for RankedProfile {
    fn eq(&self, other: &Self) -> bool {
        self.n_candidates == other.n_candidates
            && self.n_voters == other.n_voters
            && self.counts.len() == other.counts.len()
            && self
                .distinct_entries()
                .all(|(entries, count)| other.find(entries.0).is_some_and(|index| other.counts[index] == count))
    }
}

impl Eq for RankedProfile {}

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
    /// The matrix in one pass over the distinct ballots, O(ranked²) each (not O(ranked ×
    /// candidates)): a ranked candidate is first credited with beating everybody (one addition
    /// to its row's base), then debited for each candidate ranked in its tier or above, the only
    /// ones it does not beat. Unranked candidates are never touched.
    pub fn from_profile(profile: &RankedProfile) -> Self {
        let n = profile.n_candidates();
        // `debit[a * n + b]` wraps below zero; `base[a] + debit[a * n + b]` is the true support.
        let mut debit = vec![0u64; n * n];
        let mut base = vec![0u64; n];
        for (ballot, count) in profile.distinct_entries() {
            let entries = ballot.0;
            let mut position = 0;
            while position < entries.len() {
                // The tier starting at `position` ends before the next untied entry.
                let mut tier_end = position + 1;
                while tier_end < entries.len() && entries[tier_end] & TIED_WITH_PREVIOUS != 0 {
                    tier_end += 1;
                }
                for &entry in &entries[position..tier_end] {
                    let above = (entry & CANDIDATE_BITS) as usize;
                    base[above] += count;
                    let row = &mut debit[above * n..(above + 1) * n];
                    for &other in &entries[..tier_end] {
                        let cell = &mut row[(other & CANDIDATE_BITS) as usize];
                        *cell = cell.wrapping_sub(count);
                    }
                    // The loop debited the candidate against itself too; the diagonal is reset below.
                }
                position = tier_end;
            }
        }
        for (a, row) in debit.chunks_exact_mut(n.max(1)).enumerate().take(n) {
            for cell in row.iter_mut() {
                *cell = cell.wrapping_add(base[a]);
            }
            row[a] = 0;
        }
        Self { n_candidates: n, support: debit }
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
        let support = &self.support;
        (0..n).map(|a| (0..n).map(|b| support[a * n + b] as i64 - support[b * n + a] as i64).collect()).collect()
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
