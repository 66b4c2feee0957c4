//! The workshop report for its facilitator: the HTML page, shown in the browser, and each CSV
//! table as a download. The report is built from the record as it stands, in the workshop's
//! language; the console links to every format.

use crate::AppState;
use crate::access::OwnedWorkshop;
use crate::error::{Failure, PageError};
use crate::extract::{ValidPath, ValidQuery};
use crate::i18n::Lang;
use axum::extract::State;
use axum::http::{HeaderValue, header};
use axum::response::{IntoResponse, Response};
use converge_core::{Timestamp, Workshop, WorkshopId};
use converge_engine::{Engine, EngineError};
use converge_report::csv::Table;
use converge_report::Report;
use maud::{Markup, html};
use serde::Deserialize;
use std::sync::LazyLock;

/// The report of a workshop, as the engine makes it (`Engine::report`), its built-in cards named
/// from the deck the server ships.
pub async fn workshop_report(
    engine: &Engine,
    id: WorkshopId,
    now: Timestamp,
    with_follow_up: bool,
) -> Result<Report, EngineError> {
    engine.report(id, now, with_follow_up, crate::deck::builtin_title).await
}

/// The report's own policy: its one inline stylesheet, by hash, and nothing else at all; no
/// script, no request anywhere. Stricter than the site's, which would refuse the inline style.
static REPORT_POLICY: LazyLock<HeaderValue> = LazyLock::new(|| {
    let hash = base64(&converge_engine::digest::sha256(converge_report::html::STYLE.as_bytes()));
    let policy = format!(
        "default-src 'none'; style-src 'sha256-{hash}'; img-src data:; form-action 'none'; \
         frame-ancestors 'none'; base-uri 'none'"
    );
    HeaderValue::from_str(&policy).unwrap_or_else(|_| HeaderValue::from_static("default-src 'none'"))
});

/// Standard base64 with padding, as a CSP hash source is written.
fn base64(bytes: &[u8]) -> String {
    const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = String::with_capacity(bytes.len().div_ceil(3) * 4);
    for chunk in bytes.chunks(3) {
        let n = chunk.iter().enumerate().fold(0u32, |n, (index, byte)| n | u32::from(*byte) << (16 - 8 * index));
        for index in 0..4 {
            if index <= chunk.len() {
                out.push(ALPHABET[(n >> (18 - 6 * index) & 63) as usize] as char);
            } else {
                out.push('=');
            }
        }
    }
    out
}

fn report_path(id: WorkshopId) -> String {
    format!("/facilitator/workshops/{id}/report")
}

/// `?follow_up=1` adds the follow-up since the closing, dated today, after the sealed record.
#[derive(Debug, Default, Deserialize)]
pub struct ReportQuery {
    #[serde(default)]
    follow_up: Option<String>,
}

/// How a downloaded report's file name tells the editions apart.
pub(super) fn edition_suffix(with_follow_up: bool) -> &'static str {
    if with_follow_up { "-follow-up" } else { "" }
}

impl ReportQuery {
    pub fn with_follow_up(&self) -> bool {
        self.follow_up.as_deref().is_some_and(|value| matches!(value, "1" | "true" | "on"))
    }
}

/// `GET /facilitator/workshops/{id}/report`: the report as a page the browser shows and can
/// save or print.
pub async fn report_page(
    State(app): State<AppState>,
    _: OwnedWorkshop,
    ValidPath(id): ValidPath<WorkshopId>,
    ValidQuery(query): ValidQuery<ReportQuery>,
) -> Result<Response, PageError> {
    let report = workshop_report(&app.engine, id, converge_engine::now(), query.with_follow_up()).await?;
    let mut response = converge_report::html::render(&report).into_response();
    let headers = response.headers_mut();
    headers.insert(header::CONTENT_TYPE, HeaderValue::from_static("text/html; charset=utf-8"));
    headers.insert(header::CONTENT_SECURITY_POLICY, REPORT_POLICY.clone());
    if let Ok(disposition) = HeaderValue::from_str(&format!(
        "inline; filename=\"converge-report-{id}{}.html\"",
        edition_suffix(query.with_follow_up())
    )) {
        headers.insert(header::CONTENT_DISPOSITION, disposition);
    }
    Ok(response)
}

/// `GET /facilitator/workshops/{id}/report/{table}.csv`: one table of the report.
pub async fn report_table(
    State(app): State<AppState>,
    _: OwnedWorkshop,
    ValidPath((id, file)): ValidPath<(WorkshopId, String)>,
) -> Result<Response, PageError> {
    let table = file.strip_suffix(".csv").and_then(Table::parse).ok_or(PageError::from(Failure::NotFound))?;
    let report = workshop_report(&app.engine, id, converge_engine::now(), false).await?;
    let mut response = converge_report::csv::table(&report, table).into_response();
    let headers = response.headers_mut();
    headers.insert(header::CONTENT_TYPE, HeaderValue::from_static("text/csv; charset=utf-8"));
    if let Ok(disposition) =
        HeaderValue::from_str(&format!("attachment; filename=\"converge-{id}-{}\"", table.file_name()))
    {
        headers.insert(header::CONTENT_DISPOSITION, disposition);
    }
    Ok(response)
}

/// The console's list of the report's formats. A closed workshop's report is its record at
/// the closing; the follow-up since comes as its own edition, and the record as two exports
/// (at the closing, which the report's hash seals, and the whole log).
pub fn console_links(lang: Lang, workshop: &Workshop) -> Markup {
    let id = workshop.id;
    let base = report_path(id);
    let closed = workshop.closed_at.is_some();
    let export = format!("/api/v1/workshops/{id}/export");
    html! {
        section.card.report-links {
            h2 { (lang.t("report-heading")) }
            p.hint { (lang.t("report-hint")) }
            @if closed { p.hint { (lang.t("report-closure-hint")) } }
            ul {
                li { a href=(base) target="_blank" data-report-link="html" { (lang.t("report-html")) } }
                li { a href={ (base) ".pdf" } data-report-link="pdf" { (lang.t("report-pdf")) } }
                @if closed {
                    li { a href={ (base) "?follow_up=1" } target="_blank" data-report-link="html-follow-up" { (lang.t("report-html-follow-up")) } }
                    li { a href={ (base) ".pdf?follow_up=1" } data-report-link="pdf-follow-up" { (lang.t("report-pdf-follow-up")) } }
                }
                @for table in Table::ALL {
                    li {
                        a href={ (base) "/" (table.file_name()) } download data-report-link=(table.as_str()) {
                            (lang.t(&format!("report-csv-{}", table.as_str())))
                        }
                    }
                }
                @if closed {
                    li {
                        a href={ (export) "?at=closure" } download={ "converge-" (id) "-closure.json" } data-report-link="json-closure" {
                            (lang.t("report-json-closure"))
                        }
                    }
                }
                li {
                    a href=(export) download={ "converge-" (id) ".json" } data-report-link="json" {
                        (lang.t("report-json"))
                    }
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::base64;

    #[test]
    fn base64_matches_the_standard_alphabet_and_padding() {
        assert_eq!(base64(b""), "");
        assert_eq!(base64(b"f"), "Zg==");
        assert_eq!(base64(b"fo"), "Zm8=");
        assert_eq!(base64(b"foo"), "Zm9v");
        assert_eq!(base64(b"foobar"), "Zm9vYmFy");
        assert_eq!(base64(&[0xfb, 0xff]), "+/8=");
    }
}
