//! Speed of the PDF report (issue 5: "Generating the report for a Wallonia-sized workshop (25
//! people, ~600 contributions) takes under a second"). See BENCHMARKS.md.
//!
//! The workshop is the Wallonia-sized one the report's tests and benchmark share
//! (`converge_fixtures::wallonia_sized`), built once outside the timed closures: 25 people,
//! about 600 contributions over the flagship agenda, 19 actions with everyone's consensus, 10
//! rated risks. Timed: the PDF of a ready report (layout and writing), cold and warm, and the
//! model plus the PDF, which is what a download does once the workshop is loaded. The first
//! layout in a process also parses the embedded fonts and typst's own data; `main` times it
//! apart, before divan runs.
//!
//! `cargo bench -p converge-report-pdf --bench pdf`

use converge_report_pdf::{Charts, render};
use divan::{Bencher, black_box};
use converge_fixtures::wallonia_sized;

fn main() {
    let fixture = wallonia_sized();
    let report = fixture.report();
    let started = std::time::Instant::now();
    let pdf = render(&report, &Charts::of(&report)).expect("the report renders");
    let first = started.elapsed();
    eprintln!(
        "workshop: {} participants, {} contributions, {} actions, {} risks, {} events; PDF {} kB; first layout {:?}",
        fixture.workshop.participants.len(),
        fixture.workshop.contributions.len(),
        report.n_actions,
        report.risks.len(),
        fixture.seq,
        pdf.len() / 1024,
        first,
    );
    divan::main();
}

/// A layout as for a workshop the process has not laid out recently: typst's memo caches are
/// emptied before each (outside the timing); the fonts stay parsed.
#[divan::bench(sample_count = 10)]
fn pdf_cold(bencher: Bencher) {
    let report = wallonia_sized().report();
    let charts = Charts::of(&report);
    bencher
        .with_inputs(|| typst::comemo::evict(0))
        .bench_refs(|_| render(black_box(&report), &charts).expect("the report renders"));
}

/// The same report again: a second download soon after the first reuses typst's memoised
/// layout of everything that did not change.
#[divan::bench(sample_count = 10)]
fn pdf_warm(bencher: Bencher) {
    let report = wallonia_sized().report();
    let charts = Charts::of(&report);
    bencher.bench(|| render(black_box(&report), &charts).expect("the report renders"));
}

/// What a download does once the workshop is loaded: the model, the heat map, the PDF, cold.
#[divan::bench(sample_count = 10)]
fn model_and_pdf_cold(bencher: Bencher) {
    let fixture = wallonia_sized();
    bencher.with_inputs(|| typst::comemo::evict(0)).bench_refs(|_| {
        let report = black_box(&fixture).report();
        render(&report, &Charts::of(&report)).expect("the report renders")
    });
}
