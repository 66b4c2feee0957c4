//! Speed of the report (issue 5: "Generating the report for a Wallonia-sized workshop (25
//! people, ~600 contributions) takes under a second"). See BENCHMARKS.md.
//!
//! The workshop is built once, outside the timed closures: 25 participants, 585 contributions
//! over the flagship agenda, 40 ideas assessed on three criteria by everyone, a majority-judgment
//! vote on 270 ideas, 19 actions with the consensus of all 25, 10 risks rated by all 25. Timed:
//! the model and the HTML page; the model and the five CSV tables; and everything a download
//! does after loading the workshop (the votes' and assessments' results read back from the
//! record, the model, the HTML and every CSV), and the same after folding the whole log.
//!
//! `cargo bench -p converge-report --bench report`

#![allow(clippy::unwrap_used, clippy::expect_used, reason = "a test stops loudly where an invariant breaks")]

use converge_fixtures as support;

use converge_report::{csv, html};
use divan::{Bencher, black_box};
use support::{Fixture, GENERATED_AT, results_of, wallonia_sized};

fn main() {
    let fixture = wallonia_sized();
    let report = fixture.report();
    let html = html::render(&report);
    let csv_bytes: usize = csv::tables(&report).iter().map(|(_, bytes)| bytes.len()).sum();
    eprintln!(
        "workshop: {} participants, {} contributions, {} actions, {} risks, {} events; HTML {} kB, CSV {} kB",
        fixture.workshop.participants.len(),
        fixture.workshop.contributions.len(),
        report.n_actions,
        report.risks.len(),
        fixture.seq,
        html.len() / 1024,
        csv_bytes / 1024
    );
    divan::main();
}

fn build(
    fixture: &Fixture,
    results: &std::collections::BTreeMap<converge_core::ActivityId, converge_core::results::Results>,
) -> converge_report::Report {
    converge_report::build(
        &fixture.workshop,
        &fixture.participants,
        results,
        &fixture.head_hash,
        fixture.seq,
        GENERATED_AT,
        fixture.workshop.language,
    )
}

#[divan::bench]
fn model_and_html(bencher: Bencher) {
    let fixture = wallonia_sized();
    bencher.bench(|| html::render(&build(black_box(&fixture), &fixture.results)));
}

#[divan::bench]
fn model_and_csv(bencher: Bencher) {
    let fixture = wallonia_sized();
    bencher.bench(|| csv::tables(&build(black_box(&fixture), &fixture.results)));
}

/// What `converge report` does once the log is read: fold it, count, build, write every format.
#[divan::bench]
fn fold_and_whole_report(bencher: Bencher) {
    let fixture = wallonia_sized();
    bencher.bench(|| {
        let workshop = converge_core::Workshop::from_events(fixture.workshop.id, black_box(&fixture.events))
            .expect("the log starts with its creation");
        let results = results_of(&workshop);
        let report = converge_report::build(
            &workshop,
            &fixture.participants,
            &results,
            &fixture.head_hash,
            fixture.seq,
            GENERATED_AT,
            workshop.language,
        );
        (html::render(&report), csv::tables(&report))
    });
}

#[divan::bench]
fn whole_report(bencher: Bencher) {
    let fixture = wallonia_sized();
    bencher.bench(|| {
        let results = results_of(black_box(&fixture.workshop));
        let report = build(&fixture, &results);
        (html::render(&report), csv::tables(&report))
    });
}
