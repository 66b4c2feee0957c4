//! The workshop report laid out for print: a typst template (`report.typ`) fed with the report's
//! data, compiled to PDF in memory.
//!
//! Nothing a person wrote is ever spliced into typst markup, which is a programming language:
//! the report travels as `data.json`, which the template reads with `json(..)` and shows as
//! plain strings, and each chart is an SVG file the template places with `image(..)`. The
//! compile runs in a sandbox of our own (`ReportWorld`): the only files that exist are those
//! three kinds, the only fonts are the ones typst-assets embeds, and there is no clock.
//!
//! Compiling is CPU-bound (tens of milliseconds for a large workshop, more in a debug build):
//! callers on an async runtime run [`render_data`] on the blocking pool behind a small
//! concurrency limit.
//!
//! # In more detail
//!
//! The report laid out for print with typst used as a library: `render(report, charts)` is a pure,
//! CPU-bound function (seconds in a debug build, a fraction of one in release) that the server runs
//! on the blocking pool, two at a time, with a timeout (`web::pages::report_pdf`), and the CLI off
//! its runtime threads. `report.typ` (compiled in) reads the `Report` as `data.json` and each chart
//! (the heat map's SVG from `converge-report`) as `chart-{name}.svg`; the impact/feasibility matrix
//! and the vote bars are drawn by the template. A4, running header, page X / Y, a table of contents,
//! numbered sections, French typography from the data's language, Libertinus Serif (and DejaVu
//! Sans Mono for the hash) embedded by `typst-assets`. **Invariants:** no user text is ever spliced
//! into typst markup, which is a language: data is only read as JSON and shown as strings, and the
//! template calls no `eval`. The `World` is a sandbox: its only files are `data.json` and the
//! charts, its only fonts the embedded ones, and it has no clock, so the same record always gives
//! the same bytes. Only this crate depends on typst (about 300 crates, minutes of a clean build);
//! `web` and `cli` depend on it.
//!
//! **The closure report.** A closed workshop's report is made from its record up to the closing
//! (`Engine::state_at_closure`), dated at the closing, with the hash of that last event and how to
//! check it (`converge export --at-closure`, then `converge verify FILE --expect-head HASH`), so it
//! is the same bytes whenever it is made again. What became of the actions since is follow-up:
//! asked for apart (`Report::add_follow_up`: `?follow_up=1`, `converge report --follow-up`), dated,
//! after the sealed record, with the whole log's length and hash. An open workshop's report is the
//! record as it stands.

use std::collections::BTreeMap;

use converge_report::Report;
use converge_report::heat_map::{HeatMapText, PlacedRisk, heat_map_svg};
use std::sync::LazyLock;

use typst::diag::{FileError, FileResult, Severity, SourceDiagnostic};
use typst::foundations::{Bytes, Datetime, Duration};
use typst::syntax::{DiagSpanKind, FileId, RootedPath, Source, VirtualPath, VirtualRoot};
use typst::text::{Font, FontBook};
use typst::utils::LazyHash;
use typst::{Library, LibraryExt, World, WorldExt};
use typst_layout::PagedDocument;

/// The template, compiled into the binary: the report's layout does not depend on any file at
/// run time.
const TEMPLATE: &str = include_str!("report.typ");

/// The charts of one report, as self-contained SVG documents (no script, no external reference),
/// by name. The template finds each one as `chart-{name}.svg`; `data.json` lists the names
/// present under `charts`, so the template leaves out a chart that was not drawn.
#[derive(Debug, Clone, Default)]
pub struct Charts {
    svgs: BTreeMap<String, String>,
}

impl Charts {
    pub fn new() -> Charts {
        Charts::default()
    }

    /// Adds (or replaces) the chart `name`, which must be made of `[a-z0-9_-]` so that it is a
    /// plain file name; any other name is ignored.
    pub fn insert(&mut self, name: &str, svg: String) -> &mut Charts {
        let plain = !name.is_empty()
            && name.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_' || b == b'-');
        if plain {
            self.svgs.insert(name.to_owned(), svg);
        }
        self
    }

    pub fn names(&self) -> impl Iterator<Item = &str> {
        self.svgs.keys().map(String::as_str)
    }

    /// The charts drawn from the report itself: the risk heat map (`heat_map`), each rated
    /// risk marked with its number in the risks table. The impact/feasibility matrices and the
    /// vote bars are drawn by the template from the data.
    pub fn of(report: &Report) -> Charts {
        let mut charts = Charts::new();
        let numbers: Vec<String> = report.risks.iter().map(|risk| risk.number.to_string()).collect();
        let placed: Vec<PlacedRisk<'_>> = report
            .risks
            .iter()
            .zip(&numbers)
            .filter_map(|(risk, number)| {
                Some(PlacedRisk {
                    label: number,
                    text: &risk.text,
                    likelihood: risk.likelihood_cell?,
                    impact: risk.impact_cell?,
                })
            })
            .collect();
        if !placed.is_empty() {
            let labels = report.labels;
            let text = HeatMapText { title: labels.heat_map, likelihood: labels.likelihood, impact: labels.impact };
            charts.insert("heat_map", heat_map_svg(&placed, &text));
        }
        charts
    }
}

/// Lays out `report` with its `charts` and writes it as PDF.
pub fn render(report: &Report, charts: &Charts) -> Result<Vec<u8>, PdfError> {
    let mut data = serde_json::to_value(report).map_err(|error| PdfError::Data(error.to_string()))?;
    // The flat table of every contribution is for the CSV export; the printed report shows the
    // contributions in their sections, so it is not even handed to the template.
    if let Some(object) = data.as_object_mut() {
        object.remove("contributions");
    }
    render_data(data, charts)
}

/// Why a report could not be laid out or written.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum PdfError {
    /// The data could not be written as JSON (it never fails for the report's own types).
    #[error("the report's data could not be serialised: {0}")]
    Data(String),
    /// typst refused the template or the data; the messages are typst's, for the logs.
    #[error("the report could not be laid out: {}", .0.join("; "))]
    Layout(Vec<String>),
    /// The laid-out document could not be written as PDF.
    #[error("the PDF could not be written: {}", .0.join("; "))]
    Export(Vec<String>),
}

/// Lays out and writes the report whose data is `data` (the object the template reads as
/// `data.json`, to which this adds the list of `charts` present). [`render`] is the way in for
/// a [`Report`]; this one lets tests and benchmarks hand the template data of their own.
pub fn render_data(mut data: serde_json::Value, charts: &Charts) -> Result<Vec<u8>, PdfError> {
    if let Some(object) = data.as_object_mut() {
        object.insert("charts".to_owned(), charts.names().collect::<Vec<_>>().into());
    }
    let json = serde_json::to_vec(&data).map_err(|error| PdfError::Data(error.to_string()))?;
    let world = ReportWorld::new(json, charts);
    let result = typst::compile::<PagedDocument>(&world).output;
    // typst memoises across compiles; a long-running server keeps only what the last few used.
    typst::comemo::evict(4);
    let document = result.map_err(|errors| PdfError::Layout(messages(&world, &errors)))?;
    let options = typst_pdf::PdfOptions { timestamp: None, ..typst_pdf::PdfOptions::default() };
    typst_pdf::pdf(&document, &options).map_err(|errors| PdfError::Export(messages(&world, &errors)))
}

/// typst's errors, each with where it arose: a line of the template, or a byte of a data file.
fn messages(world: &ReportWorld, diagnostics: &[SourceDiagnostic]) -> Vec<String> {
    diagnostics
        .iter()
        .filter(|diagnostic| diagnostic.severity == Severity::Error)
        .map(|diagnostic| match diagnostic.span.get() {
            DiagSpanKind::Range { range, .. } => format!("{} (data, byte {})", diagnostic.message, range.start),
            _ => match world.range(diagnostic.span).and_then(|range| world.main.lines().byte_to_line(range.start)) {
                Some(line) => format!("{} (report.typ, line {})", diagnostic.message, line + 1),
                None => diagnostic.message.to_string(),
            },
        })
        .collect()
}

/// The fonts the report may use, all embedded by typst-assets: Libertinus Serif for every text
/// (SVG text falls back to it too) and DejaVu Sans Mono for the log's hash and the command that
/// checks it. No system font is ever read, so the PDF looks the same wherever it is made.
struct Fonts {
    book: LazyHash<FontBook>,
    fonts: Vec<Font>,
}

static FONTS: LazyLock<Fonts> = LazyLock::new(|| {
    let fonts: Vec<Font> = typst_assets::fonts()
        .flat_map(|data| Font::iter(Bytes::new(data)))
        .filter(|font| matches!(font.info().family.as_str(), "Libertinus Serif" | "DejaVu Sans Mono"))
        .collect();
    Fonts { book: LazyHash::new(FontBook::from_fonts(&fonts)), fonts }
});

static LIBRARY: LazyLock<LazyHash<Library>> = LazyLock::new(|| LazyHash::new(Library::default()));

fn file_id(name: &str) -> Option<FileId> {
    Some(RootedPath::new(VirtualRoot::Project, VirtualPath::new(name).ok()?).intern())
}

/// The sandbox one compile runs in.
struct ReportWorld {
    main: Source,
    files: Vec<(FileId, Bytes)>,
}

impl ReportWorld {
    fn new(data: Vec<u8>, charts: &Charts) -> ReportWorld {
        #[allow(clippy::expect_used, reason = "a plain file name is a valid virtual path")]
        let main_id = file_id("report.typ").expect("a plain file name is a valid path");
        let mut files = Vec::with_capacity(1 + charts.svgs.len());
        files.extend(file_id("data.json").map(|id| (id, Bytes::new(data))));
        for (name, svg) in &charts.svgs {
            files.extend(file_id(&format!("chart-{name}.svg")).map(|id| (id, Bytes::new(svg.clone().into_bytes()))));
        }
        ReportWorld { main: Source::new(main_id, TEMPLATE.to_owned()), files }
    }
}

impl World for ReportWorld {
    fn library(&self) -> &LazyHash<Library> {
        &LIBRARY
    }

    fn book(&self) -> &LazyHash<FontBook> {
        &FONTS.book
    }

    fn main(&self) -> FileId {
        self.main.id()
    }

    fn source(&self, id: FileId) -> FileResult<Source> {
        if id == self.main.id() { Ok(self.main.clone()) } else { Err(FileError::AccessDenied) }
    }

    fn file(&self, id: FileId) -> FileResult<Bytes> {
        self.files.iter().find(|(file, _)| *file == id).map(|(_, bytes)| bytes.clone()).ok_or(FileError::AccessDenied)
    }

    fn font(&self, index: usize) -> Option<Font> {
        FONTS.fonts.get(index).cloned()
    }

    /// No clock: every date the report shows comes from the record, so the same record always
    /// gives the same PDF.
    fn today(&self, _offset: Option<Duration>) -> Option<Datetime> {
        None
    }
}
