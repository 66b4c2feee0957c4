//! `converge tally` through the binary: every PrefLib reference file gives pref_voting's
//! winners, CSV ballots work for the cardinal methods, and bad files name the line.

use converge_test_support::converge;
use serde_json::Value;

fn tally(file: &str, method: &str, extra: &[&str]) -> std::process::Output {
    let mut args = vec!["tally", file, "--method", method, "--format", "json"];
    args.extend_from_slice(extra);
    converge(&args)
}

#[test]
fn every_preflib_reference_file_gives_the_reference_winners() {
    let data = concat!(env!("CARGO_MANIFEST_DIR"), "/../methods/tests/data/preflib");
    let mut files: Vec<std::path::PathBuf> = std::fs::read_dir(data)
        .unwrap()
        .chain(std::fs::read_dir(format!("{data}/synthetic")).unwrap())
        .map(|entry| entry.unwrap().path())
        .filter(|path| path.extension().is_some_and(|extension| extension == "json"))
        .collect();
    files.sort();
    assert!(files.len() >= 30, "the reference files are missing");
    let mut mismatches = Vec::new();
    for expected_path in &files {
        let expected: Value = serde_json::from_str(&std::fs::read_to_string(expected_path).unwrap()).unwrap();
        let ballots = expected_path.to_str().unwrap().trim_end_matches(".expected.json").to_owned();
        for method in ["plurality", "borda", "instant_runoff", "copeland", "schulze", "minimax"] {
            let output = tally(&ballots, method, &[]);
            assert!(output.status.success(), "{ballots} {method}: {}", String::from_utf8_lossy(&output.stderr));
            let result: Value = serde_json::from_slice(&output.stdout).unwrap();
            if result["winners"] != expected["winners"][method] {
                mismatches
                    .push(format!("{ballots} {method}: {} vs {}", result["winners"], expected["winners"][method]));
            }
        }
    }
    assert!(mismatches.is_empty(), "{mismatches:#?}");
}

#[test]
fn majority_judgment_reads_a_csv_of_grades() {
    let file = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/mj.csv");
    let output = tally(file, "majority_judgment", &["--grades", "5"]);
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    let result: Value = serde_json::from_slice(&output.stdout).unwrap();
    // Medians: 4, 4, 3; the tie between the first two is broken on the grades around the median.
    assert_eq!(result["winner_names"].as_array().unwrap().len(), 1);
    assert_ne!(result["winner_names"][0], "Formation des agents");
    let text = converge(&["tally", file, "--method", "majority_judgment"]);
    assert!(String::from_utf8_lossy(&text.stdout).starts_with("majority_judgment: "));
}

#[test]
fn bad_files_are_refused_with_the_line_and_the_reason() {
    let dir = tempfile::tempdir().unwrap();
    let bad_csv = dir.path().join("bad.csv");
    std::fs::write(&bad_csv, "A,B\n5,4\n5,huit\n").unwrap();
    let output = tally(bad_csv.to_str().unwrap(), "score", &[]);
    assert_eq!(output.status.code(), Some(2));
    let message = String::from_utf8_lossy(&output.stderr);
    assert!(message.contains("bad.csv:3") && message.contains("huit"), "{message}");

    let out_of_range = dir.path().join("range.csv");
    std::fs::write(&out_of_range, "A,B\n9,1\n").unwrap();
    let output = tally(out_of_range.to_str().unwrap(), "score", &[]);
    assert_eq!(output.status.code(), Some(2));

    let bad_soc = dir.path().join("bad.soc");
    std::fs::write(&bad_soc, "# NUMBER ALTERNATIVES: 2\n# DATA TYPE: soc\n3: 1,7\n").unwrap();
    let output = tally(bad_soc.to_str().unwrap(), "borda", &[]);
    assert_eq!(output.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&output.stderr).contains("line 3"));

    let wrong_method = tally(bad_soc.to_str().unwrap(), "approval", &[]);
    assert!(String::from_utf8_lossy(&wrong_method.stderr).contains("needs a CSV"));
}
