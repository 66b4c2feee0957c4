//! The domain crate stays pure: no IO, no async runtime, no clock, no randomness. Every source
//! file of the crate is read, found by walking `src/`, so a new module is checked as it lands.

use std::path::{Path, PathBuf};

#[test]
fn the_domain_crate_depends_on_nothing_that_does_io() {
    let manifest = include_str!("../../Cargo.toml");
    let dependencies = manifest.split("[dev-dependencies]").next().unwrap();
    for forbidden in ["tokio", "rusqlite", "sqlx", "axum", "reqwest", "getrandom", "rand"] {
        assert!(
            !dependencies.contains(forbidden),
            "converge-core must stay pure; `{forbidden}` belongs in an outer crate"
        );
    }
}

#[test]
fn the_domain_code_reads_no_clock_and_no_randomness() {
    let sources = rust_files(&Path::new(env!("CARGO_MANIFEST_DIR")).join("src"));
    assert!(sources.len() > 10, "the walk found too few source files: {sources:?}");
    for path in sources {
        let source = std::fs::read_to_string(&path).unwrap();
        for forbidden in ["SystemTime", "Instant::now", "Uuid::new_v", "std::fs", "std::net"] {
            assert!(
                !source.contains(forbidden),
                "{} uses `{forbidden}`; pass it in as an argument instead",
                path.display()
            );
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
