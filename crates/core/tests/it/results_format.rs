//! The typed results document reads every JSON the untyped code wrote, and writes it back byte for
//! byte: logs already in use carry these documents in `results_frozen` events.
//!
//! `results_samples/` holds, verbatim, documents written by the code that built them with `json!`:
//! each voting method (with ballots, and with none), a score vote ranked by the median, an
//! assessment with and without the impact/feasibility matrix, a count the methods refused, and the
//! two counts frozen in the Wallonia replay's log.

use converge_core::results::{CountMethod, MethodResult, ResultsDocument};
use converge_core::voting::VoteMethod;
use std::path::Path;

fn samples() -> Vec<(String, String)> {
    let folder = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/results_samples");
    let mut samples: Vec<(String, String)> = std::fs::read_dir(folder)
        .unwrap()
        .map(|entry| {
            let path = entry.unwrap().path();
            (path.file_stem().unwrap().to_string_lossy().into_owned(), std::fs::read_to_string(&path).unwrap())
        })
        .collect();
    samples.sort();
    samples
}

#[test]
fn every_recorded_shape_reads_and_writes_back_the_same_bytes() {
    let samples = samples();
    assert!(samples.len() >= 30, "{} samples", samples.len());
    for (name, raw) in samples {
        let document = ResultsDocument::from_json(&raw).unwrap_or_else(|error| panic!("{name}: {error}"));
        assert_eq!(document.to_json(), raw, "{name}");
    }
}

#[test]
fn the_samples_cover_every_method_and_a_refused_count() {
    let mut methods = Vec::new();
    let mut refused = 0;
    for (name, raw) in samples() {
        match ResultsDocument::from_json(&raw).unwrap() {
            ResultsDocument::Counted(count) => {
                let method = count.result.method();
                assert!(name.starts_with(method.as_str()) || name.starts_with("wallonia_"), "{name}");
                methods.push(method);
            }
            ResultsDocument::Impossible(_) => refused += 1,
        }
    }
    for method in VoteMethod::ALL {
        assert!(methods.contains(&CountMethod::Vote(method)), "{method:?}");
    }
    assert!(methods.contains(&CountMethod::Assessment));
    assert_eq!(refused, 1);
}

#[test]
fn the_median_and_the_matrix_are_read_as_written() {
    let samples = samples();
    let read = |wanted: &str| {
        let raw = &samples.iter().find(|(name, _)| name == wanted).unwrap().1;
        ResultsDocument::from_json(raw).unwrap().count().unwrap().clone()
    };
    let MethodResult::Score(score) = read("score_median").result else { panic!("a score vote") };
    assert_eq!(score.aggregate, converge_methods::ScoreAggregate::Median);
    let MethodResult::Assessment(with) = read("assessment").result else { panic!("an assessment") };
    assert!(with.matrix.is_some());
    let MethodResult::Assessment(without) = read("assessment_without_matrix").result else { panic!("an assessment") };
    assert!(without.matrix.is_none());
}
