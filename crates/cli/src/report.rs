//! `converge report`: a workshop's report written to files from a data folder, in the format
//! asked for: the HTML page, the CSV tables (one file each, in a folder), or the JSON export
//! of the record.

use anyhow::{Context, bail};
use converge_core::WorkshopId;
use converge_engine::{Engine, EngineError};
use std::path::{Path, PathBuf};

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum ReportFormat {
    /// One standalone page, to read, print or send.
    Html,
    /// The report laid out for print.
    Pdf,
    /// One file per table in the folder `--out`.
    Csv,
    /// The full record with its hash chain, as `converge export` writes it.
    Json,
}

/// Writes the report of `workshop` and returns the files written.
pub async fn write_report(
    engine: &Engine,
    workshop: &str,
    format: ReportFormat,
    out: &Path,
    with_follow_up: bool,
) -> anyhow::Result<Vec<PathBuf>> {
    let id: WorkshopId = workshop.parse().with_context(|| format!("{workshop:?} is not a workshop id"))?;
    match engine.workshop_entry(id).await {
        Ok(_) => {}
        Err(EngineError::WorkshopNotFound) => bail!("there is no workshop {id} in this data folder"),
        Err(error) => return Err(error.into()),
    }
    let write = |path: &Path, bytes: &[u8]| {
        std::fs::write(path, bytes).with_context(|| format!("cannot write {}", path.display()))
    };
    match format {
        ReportFormat::Html => {
            let report = engine.report(id, converge_engine::now(), with_follow_up, converge_views::deck::builtin_title).await?;
            write(out, converge_report::html::render(&report).as_bytes())?;
            Ok(vec![out.to_owned()])
        }
        ReportFormat::Csv => {
            let report = engine.report(id, converge_engine::now(), false, converge_views::deck::builtin_title).await?;
            std::fs::create_dir_all(out).with_context(|| format!("cannot create the folder {}", out.display()))?;
            let mut written = Vec::new();
            for (name, bytes) in converge_report::csv::tables(&report) {
                let path = out.join(name);
                write(&path, &bytes)?;
                written.push(path);
            }
            Ok(written)
        }
        ReportFormat::Json => {
            // The record the report is made from: a closed workshop's up to its closing.
            let until = engine.state(id).await?.workshop.closure_seq.unwrap_or(u64::MAX);
            let events = engine.log_until(id, until).await?;
            write(out, (converge_report::export_json(id.as_uuid(), &events) + "\n").as_bytes())?;
            Ok(vec![out.to_owned()])
        }
        ReportFormat::Pdf => {
            let report = engine.report(id, converge_engine::now(), with_follow_up, converge_views::deck::builtin_title).await?;
            // Laying out is CPU-bound: off the runtime's threads, as the server does it.
            let pdf = tokio::task::spawn_blocking(move || {
                converge_report_pdf::render(&report, &converge_report_pdf::Charts::of(&report))
            })
            .await??;
            write(out, &pdf)?;
            Ok(vec![out.to_owned()])
        }
    }
}
