//! The methods crate stays pure: no IO, no clock, no randomness, so a result recomputed from the
//! same ballots anywhere (a node, the CLI, a verifier) is the same result.

#[test]
fn the_methods_crate_depends_only_on_serde_and_thiserror() {
    let manifest = include_str!("../Cargo.toml");
    let dependencies = manifest.split("[dependencies]").nth(1).unwrap().split("[dev-dependencies]").next().unwrap();
    let names: Vec<&str> =
        dependencies.lines().filter_map(|line| line.split(['=', '.']).next()).map(str::trim).collect();
    assert_eq!(names.iter().filter(|name| !name.is_empty()).collect::<Vec<_>>(), vec![&"serde", &"thiserror"]);
}

#[test]
fn the_methods_code_reads_no_file_no_clock_and_no_randomness() {
    let sources = [
        ("lib.rs", include_str!("../src/lib.rs")),
        ("assessment.rs", include_str!("../src/assessment.rs")),
        ("ballot.rs", include_str!("../src/ballot.rs")),
        ("bradley_terry.rs", include_str!("../src/bradley_terry.rs")),
        ("cardinal.rs", include_str!("../src/cardinal.rs")),
        ("outcome.rs", include_str!("../src/outcome.rs")),
        ("preflib.rs", include_str!("../src/preflib.rs")),
        ("profile.rs", include_str!("../src/profile.rs")),
        ("ranked.rs", include_str!("../src/ranked.rs")),
        ("statistics.rs", include_str!("../src/statistics.rs")),
    ];
    for (name, source) in sources {
        for forbidden in
            ["SystemTime", "Instant::now", "std::fs", "std::net", "std::env", "std::io", "println!", "HashMap"]
        {
            // HashMap iterates in a random order: results must not depend on it.
            assert!(!source.contains(forbidden), "{name} uses `{forbidden}`");
        }
    }
}
