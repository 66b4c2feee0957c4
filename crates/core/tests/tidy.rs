//! The domain crate stays pure: no IO, no async runtime, no clock, no randomness.

#[test]
fn the_domain_crate_depends_on_nothing_that_does_io() {
    let manifest = include_str!("../Cargo.toml");
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
    for (name, source) in [
        ("command.rs", include_str!("../src/command.rs")),
        ("state.rs", include_str!("../src/state.rs")),
        ("event.rs", include_str!("../src/event.rs")),
    ] {
        for forbidden in ["SystemTime", "Instant::now", "Uuid::new_v", "std::fs", "std::net"] {
            assert!(!source.contains(forbidden), "{name} uses `{forbidden}`; pass it in as an argument instead");
        }
    }
}
