//! Every ranked method against the reference library pref_voting on PrefLib data: for each file
//! under `tests/data/preflib` and each method in its `.expected.json`, the winner set must be the
//! same, ties included. The scores and margins the files record are checked too, since a winner
//! can agree by luck while a convention differs. All mismatches are reported at once.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use converge_methods::{
    CandidateIdx, PairwiseMatrix, RankedProfile, borda, copeland, instant_runoff, minimax, parse_preflib, plurality,
    schulze,
};
use serde_json::Value;

const METHODS: [&str; 6] = ["plurality", "borda", "instant_runoff", "copeland", "schulze", "minimax"];

fn data_files() -> Vec<PathBuf> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/preflib");
    let mut files = Vec::new();
    for folder in [root.clone(), root.join("synthetic")] {
        for entry in std::fs::read_dir(&folder).expect("the test data folder exists") {
            let path = entry.expect("a readable entry").path();
            let extension = path.extension().and_then(|e| e.to_str()).unwrap_or("");
            if ["soc", "soi", "toc"].contains(&extension) {
                files.push(path);
            }
        }
    }
    files.sort();
    files
}

/// Winners as the file's own 1-based alternative numbers, sorted.
fn numbers(winners: &[CandidateIdx]) -> Vec<u64> {
    let mut numbers: Vec<u64> = winners.iter().map(|c| c.0 as u64 + 1).collect();
    numbers.sort_unstable();
    numbers
}

fn winners_of(method: &str, profile: &RankedProfile) -> Vec<u64> {
    numbers(&match method {
        "plurality" => plurality(profile).winners,
        "borda" => borda(profile).winners,
        "instant_runoff" => instant_runoff(profile).winners,
        "copeland" => copeland(profile).winners,
        "schulze" => schulze(profile).winners,
        "minimax" => minimax(profile).winners,
        other => panic!("no method {other}"),
    })
}

fn expected_numbers(value: &Value) -> Vec<u64> {
    let mut numbers: Vec<u64> =
        value.as_array().expect("a list of winners").iter().map(|v| v.as_u64().unwrap()).collect();
    numbers.sort_unstable();
    numbers
}

/// `{"1": 51, "2": -3}` as candidate-indexed integers (Copeland's are written as floats).
fn per_candidate(value: &Value, n: usize) -> Vec<i64> {
    let object = value.as_object().expect("scores per alternative");
    (1..=n).map(|k| object[&k.to_string()].as_f64().expect("a number") as i64).collect()
}

#[test]
fn every_method_finds_the_reference_winners_on_every_preflib_file() {
    let files = data_files();
    assert_eq!(files.len(), 32, "2 real PrefLib files and 30 synthetic ones");
    let mut mismatches = Vec::new();
    let mut agreements = 0;
    for path in &files {
        let name = path.file_name().unwrap().to_string_lossy().to_string();
        let text = std::fs::read_to_string(path).unwrap();
        let expected: Value =
            serde_json::from_str(&std::fs::read_to_string(format!("{}.expected.json", path.display())).unwrap())
                .unwrap();
        let file = parse_preflib(&text).unwrap_or_else(|error| panic!("{name}: {error}"));
        let profile = file.profile();
        assert_eq!(profile.n_voters(), expected["n_voters"].as_u64().unwrap(), "{name}: voters");
        for method in METHODS {
            let want = expected_numbers(&expected["winners"][method]);
            let got = winners_of(method, &profile);
            if got == want {
                agreements += 1;
            } else {
                mismatches.push(format!("{name} {method}: expected {want:?}, got {got:?}"));
            }
        }

        let n = file.n_alternatives;
        let scores = &expected["scores"];
        let checks: [(&str, Vec<i64>); 4] = [
            ("borda scores", borda(&profile).scores),
            ("plurality scores", plurality(&profile).first_preferences.iter().map(|&c| c as i64).collect()),
            ("copeland scores", copeland(&profile).scores),
            ("minimax largest defeats", minimax(&profile).largest_defeat_margins),
        ];
        let keys = ["borda", "plurality", "copeland", "minimax_max_defeat_margin"];
        for ((what, got), key) in checks.into_iter().zip(keys) {
            let want = per_candidate(&scores[key], n);
            if got != want {
                mismatches.push(format!("{name} {what}: expected {want:?}, got {got:?}"));
            }
        }
        let matrix = PairwiseMatrix::from_profile(&profile);
        for (a, row) in expected["margins"].as_object().unwrap() {
            for (b, margin) in row.as_object().unwrap() {
                let (a, b): (usize, usize) = (a.parse().unwrap(), b.parse().unwrap());
                let got = matrix.margin(CandidateIdx(a - 1), CandidateIdx(b - 1));
                if got != margin.as_i64().unwrap() {
                    mismatches.push(format!("{name} margin {a} over {b}: expected {margin}, got {got}"));
                }
            }
        }
        let condorcet = expected["condorcet_winner"].as_u64();
        let got = matrix.condorcet_winner().map(|c| c.0 as u64 + 1);
        if got != condorcet {
            mismatches.push(format!("{name} condorcet winner: expected {condorcet:?}, got {got:?}"));
        }
    }
    assert!(mismatches.is_empty(), "{} mismatches:\n{}", mismatches.len(), mismatches.join("\n"));
    assert_eq!(agreements, files.len() * METHODS.len());
}

#[test]
fn the_reference_files_record_ties_that_are_returned_as_several_winners() {
    // Ties are results: the files list rules that return several winners, and so must we.
    let mut tied: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for path in data_files() {
        let expected: Value =
            serde_json::from_str(&std::fs::read_to_string(format!("{}.expected.json", path.display())).unwrap())
                .unwrap();
        let profile = parse_preflib(&std::fs::read_to_string(&path).unwrap()).unwrap().profile();
        for rule in expected["tied_rules"].as_array().unwrap() {
            let rule = rule.as_str().unwrap();
            if METHODS.contains(&rule) {
                assert!(winners_of(rule, &profile).len() > 1, "{}: {rule} should tie", path.display());
                tied.entry(rule.to_string()).or_default().push(path.display().to_string());
            }
        }
    }
    assert!(tied.len() >= 5, "the data exercises ties in most methods: {tied:?}");
}
