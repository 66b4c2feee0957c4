//! The methods crate stays pure: no IO, no clock, no randomness, so a result recomputed from the
//! same ballots anywhere (a node, the CLI, a verifier) is the same result. Every source file of
//! the crate is read, found by walking `src/`, so a new module is checked as it lands.

use std::path::{Path, PathBuf};

#[test]
fn the_methods_crate_depends_only_on_serde_and_thiserror() {
    let manifest = include_str!("../../Cargo.toml");
    let dependencies = manifest.split("[dependencies]").nth(1).unwrap().split("[dev-dependencies]").next().unwrap();
    let names: Vec<&str> =
        dependencies.lines().filter_map(|line| line.split(['=', '.']).next()).map(str::trim).collect();
    assert_eq!(names.iter().filter(|name| !name.is_empty()).collect::<Vec<_>>(), vec![&"serde", &"thiserror"]);
}

#[test]
fn the_methods_code_reads_no_file_no_clock_and_no_randomness() {
    let sources = rust_files(&Path::new(env!("CARGO_MANIFEST_DIR")).join("src"));
    assert!(sources.len() >= 10, "the walk found too few source files: {sources:?}");
    for path in sources {
        let source = std::fs::read_to_string(&path).unwrap();
        for forbidden in
            ["SystemTime", "Instant::now", "std::fs", "std::net", "std::env", "std::io", "println!", "HashMap"]
        {
            // HashMap iterates in a random order: results must not depend on it.
            assert!(!source.contains(forbidden), "{} uses `{forbidden}`", path.display());
        }
    }
}

/// Every `.rs` file under `dir`, in a stable order.
fn rust_files(dir: &Path) -> Vec<PathBuf> {
    let mut files = Vec::new();
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            files.extend(rust_files(&path));
        } else if path.extension().is_some_and(|extension| extension == "rs") {
            files.push(path);
        }
    }
    files.sort();
    files
}
