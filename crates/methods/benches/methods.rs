//! Speed of the ranked methods and of Bradley–Terry (issue 4, "Fast"). See BENCHMARKS.md.
//!
//! The inputs are files written by `scripts/bench/gen_profiles.py` (PrefLib `.soi` profiles and
//! `.pairs` comparison lists) into `$CONVERGE_BENCH_DATA` (default `/tmp/converge-bench`), so
//! that this bench and `scripts/bench/compare.py` (pref_voting, choix) read identical input.
//! Reading, parsing and aggregating a file happen once, outside the timed closure: the time
//! measured is the method's call on a ready `RankedProfile` (which includes building the
//! pairwise matrix for the methods that read it, since each call builds its own) or
//! `bradley_terry` on a ready slice of comparisons. The `*_on_tally` benches time Copeland,
//! Schulze and minimax on a `Tally` whose matrix and first preferences are already built, the
//! like-for-like comparison with pref_voting's calls on a `ProfileWithTies` that memoised its
//! support matrix; `pairwise_matrix` times building the matrix alone.
//!
//! Run everything with `scripts/bench/run.sh`, or this bench alone with
//! `cargo bench -p converge-methods --bench methods [-- FILTER]`.

#![allow(clippy::unwrap_used, clippy::expect_used, reason = "a test stops loudly where an invariant breaks")]

use std::collections::BTreeMap;
use std::path::PathBuf;
use std::sync::Mutex;

use converge_methods::{
    BradleyTerryOptions, PairwiseComparison, PairwiseMatrix, RankedProfile, Tally, borda, bradley_terry, copeland,
    instant_runoff, minimax, parse_preflib, plurality, schulze,
};
use divan::{Bencher, black_box};

fn main() {
    divan::main();
}

/// `m{candidates}_v{voters}`: the profiles of the grid 10/50/200 candidates × 1k/100k/1M voters.
const PROFILES: &[&str] = &[
    "m10_v1000",
    "m10_v100000",
    "m10_v1000000",
    "m50_v1000",
    "m50_v100000",
    "m50_v1000000",
    "m200_v1000",
    "m200_v100000",
    "m200_v1000000",
];

/// `bt_n{items}_c{comparisons}`.
const COMPARISONS: &[&str] =
    &["bt_n10_c10000", "bt_n10_c100000", "bt_n10_c1000000", "bt_n50_c10000", "bt_n50_c100000", "bt_n50_c1000000"];

fn data_dir() -> PathBuf {
    std::env::var_os("CONVERGE_BENCH_DATA").map(PathBuf::from).unwrap_or_else(|| PathBuf::from("/tmp/converge-bench"))
}

fn read(name: &str) -> String {
    let path = data_dir().join(name);
    std::fs::read_to_string(&path).unwrap_or_else(|error| {
        panic!("cannot read {}: {error}; generate the inputs with scripts/bench/gen_profiles.py", path.display())
    })
}

/// Each profile is parsed once per process and kept (leaked) for every method's bench.
fn profile(name: &str) -> &'static RankedProfile {
    static CACHE: Mutex<BTreeMap<String, &'static RankedProfile>> = Mutex::new(BTreeMap::new());
    let mut cache = CACHE.lock().expect("no bench panicked while holding the cache");
    cache.entry(name.to_string()).or_insert_with(|| {
        let file = parse_preflib(&read(&format!("{name}.soi"))).unwrap_or_else(|e| panic!("{name}.soi: {e}"));
        Box::leak(Box::new(file.into_profile()))
    })
}

/// A tally of the profile with its matrix and first preferences built, kept for every bench.
fn tally(name: &str) -> &'static Tally<'static> {
    static CACHE: Mutex<BTreeMap<String, &'static Tally<'static>>> = Mutex::new(BTreeMap::new());
    let profile = profile(name);
    let mut cache = CACHE.lock().expect("no bench panicked while holding the cache");
    cache.entry(name.to_string()).or_insert_with(|| {
        let tally = Tally::new(profile);
        tally.pairwise_matrix();
        tally.first_preferences();
        Box::leak(Box::new(tally))
    })
}

/// A `.pairs` file: a header line `n_items n_comparisons`, then one `winner loser` line (0-based)
/// per comparison.
fn comparisons(name: &str) -> &'static (usize, Vec<PairwiseComparison>) {
    static CACHE: Mutex<BTreeMap<String, &'static (usize, Vec<PairwiseComparison>)>> = Mutex::new(BTreeMap::new());
    let mut cache = CACHE.lock().expect("no bench panicked while holding the cache");
    cache.entry(name.to_string()).or_insert_with(|| Box::leak(Box::new(parse_pairs(&read(&format!("{name}.pairs"))))))
}

fn parse_pairs(text: &str) -> (usize, Vec<PairwiseComparison>) {
    let mut lines = text.lines();
    let header: Vec<usize> =
        lines.next().expect("a header line").split_whitespace().map(|n| n.parse().expect("a number")).collect();
    let n_items = header[0];
    let comparisons: Vec<PairwiseComparison> = lines
        .map(|line| {
            let (winner, loser) = line.split_once(' ').expect("`winner loser`");
            PairwiseComparison::new(n_items, winner.parse().expect("a number"), loser.parse().expect("a number"))
                .expect("a valid comparison")
        })
        .collect();
    assert_eq!(comparisons.len(), header[1], "the header's count of comparisons");
    (n_items, comparisons)
}

// Slow cases (a second or so per call on the largest profiles) stop after `max_time` seconds
// whatever the sample count; fast ones take `sample_count` samples.
#[divan::bench(name = "plurality", args = PROFILES, sample_count = 20, max_time = 4)]
fn plurality_(bencher: Bencher, name: &str) {
    let profile = profile(name);
    bencher.bench(|| plurality(black_box(profile)));
}

#[divan::bench(name = "borda", args = PROFILES, sample_count = 20, max_time = 4)]
fn borda_(bencher: Bencher, name: &str) {
    let profile = profile(name);
    bencher.bench(|| borda(black_box(profile)));
}

#[divan::bench(name = "instant_runoff", args = PROFILES, sample_count = 20, max_time = 4)]
fn instant_runoff_(bencher: Bencher, name: &str) {
    let profile = profile(name);
    bencher.bench(|| instant_runoff(black_box(profile)));
}

#[divan::bench(name = "copeland", args = PROFILES, sample_count = 20, max_time = 4)]
fn copeland_(bencher: Bencher, name: &str) {
    let profile = profile(name);
    bencher.bench(|| copeland(black_box(profile)));
}

#[divan::bench(name = "schulze", args = PROFILES, sample_count = 20, max_time = 4)]
fn schulze_(bencher: Bencher, name: &str) {
    let profile = profile(name);
    bencher.bench(|| schulze(black_box(profile)));
}

#[divan::bench(name = "minimax", args = PROFILES, sample_count = 20, max_time = 4)]
fn minimax_(bencher: Bencher, name: &str) {
    let profile = profile(name);
    bencher.bench(|| minimax(black_box(profile)));
}

#[divan::bench(name = "bradley_terry", args = COMPARISONS, sample_count = 20, max_time = 4)]
fn bradley_terry_(bencher: Bencher, name: &str) {
    let (n_items, comparisons) = comparisons(name);
    bencher.bench(|| bradley_terry(*n_items, black_box(comparisons), BradleyTerryOptions::default()));
}

#[divan::bench(name = "pairwise_matrix", args = PROFILES, sample_count = 20, max_time = 4)]
fn pairwise_matrix_(bencher: Bencher, name: &str) {
    let profile = profile(name);
    bencher.bench(|| PairwiseMatrix::from_profile(black_box(profile)));
}

#[divan::bench(name = "copeland_on_tally", args = PROFILES, sample_count = 20, max_time = 4)]
fn copeland_on_tally(bencher: Bencher, name: &str) {
    let tally = tally(name);
    bencher.bench(|| black_box(tally).copeland());
}

#[divan::bench(name = "schulze_on_tally", args = PROFILES, sample_count = 20, max_time = 4)]
fn schulze_on_tally(bencher: Bencher, name: &str) {
    let tally = tally(name);
    bencher.bench(|| black_box(tally).schulze());
}

#[divan::bench(name = "minimax_on_tally", args = PROFILES, sample_count = 20, max_time = 4)]
fn minimax_on_tally(bencher: Bencher, name: &str) {
    let tally = tally(name);
    bencher.bench(|| black_box(tally).minimax());
}
