//! The domain crate stays pure: no IO, no async runtime, no clock, no randomness.

#[test]
fn the_domain_crate_depends_on_nothing_that_does_io() {
    let manifest = include_str!("../Cargo.toml");
    let dependencies = manifest.split("[dev-dependencies]").next().unwrap();
    // Parsers of bytes already in memory are pure and welcome: `csv` reads the follow-up import
    // from a slice the edge hands over, never from a file or a socket.
    for forbidden in ["tokio", "rusqlite", "sqlx", "axum", "reqwest", "getrandom", "rand"] {
        assert!(
            !dependencies.contains(forbidden),
            "converge-core must stay pure; `{forbidden}` belongs in an outer crate"
        );
    }
}

#[test]
fn the_domain_code_reads_no_clock_and_no_randomness() {
    let sources = rust_sources(&std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src"));
    assert!(sources.len() > 20, "the walk found the domain's modules");
    for (path, source) in sources {
        for forbidden in ["SystemTime", "Instant::now", "Uuid::new_v", "std::fs", "std::net"] {
            assert!(
                !source.contains(forbidden),
                "{} uses `{forbidden}`; pass it in as an argument instead",
                path.display()
            );
        }
    }
}

/// Every `.rs` file under `dir`, so that a new module is checked without being listed here.
fn rust_sources(dir: &std::path::Path) -> Vec<(std::path::PathBuf, String)> {
    let mut sources = Vec::new();
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            sources.extend(rust_sources(&path));
        } else if path.extension().is_some_and(|extension| extension == "rs") {
            let source = std::fs::read_to_string(&path).unwrap();
            sources.push((path, source));
        }
    }
    sources
}
