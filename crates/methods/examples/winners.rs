//! Prints, as JSON, what this crate computes on benchmark inputs, so that
//! `scripts/bench/compare.py` can check pref_voting and choix against it (issue 4, "Fast").
//!
//! `cargo run --release -p converge-methods --example winners -- FILE...`
//!
//! - a PrefLib file (`.soc`, `.soi`, `.toc`, `.toi`): the winner sets of plurality, Borda,
//!   instant runoff, Copeland, Schulze and minimax, as the file's own 1-based alternative numbers;
//! - a `.pairs` file (header `n_items n_comparisons`, then `winner loser` per line, 0-based): the
//!   Bradley–Terry strengths with the default options, the iterations and whether it converged.
//!
//! One JSON object per file, one per line.

use converge_methods::{BradleyTerryOptions, CandidateIdx, PairwiseComparison, Tally, bradley_terry, parse_preflib};
use serde_json::{Value, json};

fn numbers(winners: &[CandidateIdx]) -> Vec<usize> {
    let mut numbers: Vec<usize> = winners.iter().map(|c| c.0 + 1).collect();
    numbers.sort_unstable();
    numbers
}

fn ranked(path: &str, text: &str) -> Result<Value, String> {
    let file = parse_preflib(text).map_err(|e| format!("{path}: {e}"))?;
    let n_alternatives = file.n_alternatives;
    // The parsed ballots are freed as the profile stores them; one tally (one pairwise matrix)
    // serves all six methods.
    let profile = file.into_profile();
    let tally = Tally::new(&profile);
    Ok(json!({
        "file": path,
        "n_alternatives": n_alternatives,
        "n_voters": profile.n_voters(),
        "n_unique_orders": profile.n_distinct_ballots(),
        "winners": {
            "plurality": numbers(&tally.plurality().winners),
            "borda": numbers(&tally.borda().winners),
            "instant_runoff": numbers(&tally.instant_runoff().winners),
            "copeland": numbers(&tally.copeland().winners),
            "schulze": numbers(&tally.schulze().winners),
            "minimax": numbers(&tally.minimax().winners),
        },
    }))
}

fn pairwise(path: &str, text: &str) -> Result<Value, String> {
    let mut lines = text.lines();
    let header: Vec<usize> = lines
        .next()
        .ok_or(format!("{path}: empty"))?
        .split_whitespace()
        .map(|n| n.parse().map_err(|e| format!("{path}: header: {e}")))
        .collect::<Result<_, _>>()?;
    let n_items = *header.first().ok_or(format!("{path}: header has no item count"))?;
    let mut comparisons = Vec::new();
    for (index, line) in lines.enumerate() {
        let parse = |s: &str| s.parse::<usize>().map_err(|e| format!("{path}:{}: {e}", index + 2));
        let (winner, loser) = line.split_once(' ').ok_or(format!("{path}:{}: expected `winner loser`", index + 2))?;
        comparisons.push(
            PairwiseComparison::new(n_items, parse(winner)?, parse(loser)?)
                .map_err(|e| format!("{path}:{}: {e}", index + 2))?,
        );
    }
    let result = bradley_terry(n_items, &comparisons, BradleyTerryOptions::default()).map_err(|e| e.to_string())?;
    Ok(json!({
        "file": path,
        "n_items": n_items,
        "n_comparisons": comparisons.len(),
        "strengths": result.strengths,
        "iterations": result.iterations,
        "converged": result.converged,
        "prior_strength": BradleyTerryOptions::default().prior_strength(),
    }))
}

fn main() {
    let paths: Vec<String> = std::env::args().skip(1).collect();
    if paths.is_empty() {
        eprintln!("usage: winners FILE...  (PrefLib .soc/.soi/.toc/.toi, or .pairs)");
        std::process::exit(2);
    }
    for path in paths {
        let result = std::fs::read_to_string(&path)
            .map_err(|e| format!("{path}: {e}"))
            .and_then(|text| if path.ends_with(".pairs") { pairwise(&path, &text) } else { ranked(&path, &text) });
        match result {
            Ok(value) => println!("{value}"),
            Err(error) => {
                eprintln!("{error}");
                std::process::exit(1);
            }
        }
    }
}
