//! `GET /facilitator/workshops/{id}/report.pdf`: the workshop report laid out for print, as a
//! download.
//!
//! Laying out a PDF is CPU-bound: a fraction of a second for a large workshop in a release
//! build, seconds in a debug one. It runs on the blocking pool, at most [`LAYOUT_SLOTS`] at a
//! time, and the facilitator waits at most [`LAYOUT_TIMEOUT`]; past that the page says the
//! server is busy and points to the HTML report. typst cannot be interrupted, so a layout that
//! outlives its request finishes alone, still holding its slot: the load stays bounded.

use super::report::{ReportQuery, edition_suffix, workshop_report};
use crate::AppState;
use crate::access::OwnedWorkshop;
use crate::error::{Failure, PageError};
use crate::extract::{ValidPath, ValidQuery};
use axum::extract::State;
use axum::http::{HeaderValue, header};
use axum::response::{IntoResponse, Response};
use converge_core::WorkshopId;
use converge_report::Report;
use converge_report_pdf::{Charts, render};
use std::sync::Arc;
use std::time::Duration;
use tokio::sync::Semaphore;

/// Layouts running at once: each takes a core while it runs, and the room's requests need the
/// others.
pub const LAYOUT_SLOTS: usize = 2;

/// The slots layouts take turns in, one set per server ([`crate::AppState::report_layouts`]).
pub fn layout_slots() -> Arc<Semaphore> {
    Arc::new(Semaphore::new(LAYOUT_SLOTS))
}

/// The longest a facilitator waits for the PDF, queueing included.
const LAYOUT_TIMEOUT: Duration = Duration::from_secs(30);

/// Why no PDF came back.
#[derive(Debug)]
enum LayoutFailure {
    TimedOut,
    /// typst refused the data or panicked: a bug of ours, logged with typst's words.
    Failed(String),
}

/// `GET /facilitator/workshops/{id}/report.pdf`.
pub async fn report_pdf(
    State(app): State<AppState>,
    _: OwnedWorkshop,
    ValidPath(id): ValidPath<WorkshopId>,
    ValidQuery(query): ValidQuery<ReportQuery>,
) -> Result<Response, PageError> {
    let report = workshop_report(&app.engine, id, converge_engine::now(), query.with_follow_up()).await?;
    let pdf = lay_out(&app.report_layouts, report, LAYOUT_TIMEOUT).await.map_err(|failure| failure_of(id, failure))?;
    let mut response = pdf.into_response();
    let headers = response.headers_mut();
    headers.insert(header::CONTENT_TYPE, HeaderValue::from_static("application/pdf"));
    if let Ok(disposition) = HeaderValue::from_str(&format!(
        "attachment; filename=\"converge-report-{id}{}.pdf\"",
        edition_suffix(query.with_follow_up())
    )) {
        headers.insert(header::CONTENT_DISPOSITION, disposition);
    }
    Ok(response)
}

/// Lays `report` out on the blocking pool, within `limit` from now.
async fn lay_out(slots: &Arc<Semaphore>, report: Report, limit: Duration) -> Result<Vec<u8>, LayoutFailure> {
    let layout = async {
        // The semaphore is never closed, so acquiring only ever waits.
        let slot = slots.clone().acquire_owned().await.map_err(|_| LayoutFailure::TimedOut)?;
        let job = tokio::task::spawn_blocking(move || {
            let _slot = slot;
            render(&report, &Charts::of(&report))
        });
        match job.await {
            Ok(Ok(pdf)) => Ok(pdf),
            Ok(Err(error)) => Err(LayoutFailure::Failed(error.to_string())),
            Err(panicked) => Err(LayoutFailure::Failed(panicked.to_string())),
        }
    };
    tokio::time::timeout(limit, layout).await.unwrap_or(Err(LayoutFailure::TimedOut))
}

/// What the facilitator is told: the server is busy (try again, or read the HTML report), or
/// the layout failed.
fn failure_of(id: WorkshopId, failure: LayoutFailure) -> PageError {
    match failure {
        LayoutFailure::TimedOut => {
            tracing::warn!(workshop = %id, "the PDF report took longer than {LAYOUT_TIMEOUT:?}");
            PageError(Failure::ReportTimedOut)
        }
        LayoutFailure::Failed(reason) => {
            tracing::error!(workshop = %id, %reason, "the PDF report could not be laid out");
            PageError(Failure::ReportFailed)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::Lang;
    use converge_core::{AccountId, Event, Language, TimedEvent, Timestamp, Workshop};
    use converge_report::ReportParticipants;
    use std::collections::BTreeMap;

    fn report() -> Report {
        let created = TimedEvent {
            seq: 1,
            at: Timestamp(1_781_000_000_000),
            event: Event::WorkshopCreated {
                title: "Atelier".into(),
                language: Language::Fr,
                created_by: AccountId::from_uuid(uuid::Uuid::from_u128(1)),
            },
        };
        let workshop = Workshop::from_events(WorkshopId::from_uuid(uuid::Uuid::from_u128(2)), [&created]).unwrap();
        converge_report::build(
            &workshop,
            &ReportParticipants::default(),
            &BTreeMap::new(),
            "00",
            1,
            Timestamp(1_781_000_000_000),
            Language::Fr,
        )
    }

    #[tokio::test]
    async fn a_layout_that_takes_too_long_gives_a_busy_page_in_the_readers_language() {
        let failure = lay_out(&layout_slots(), report(), Duration::ZERO).await.unwrap_err();
        assert!(matches!(failure, LayoutFailure::TimedOut), "{failure:?}");
        let PageError(failure) = failure_of(WorkshopId::from_uuid(uuid::Uuid::from_u128(2)), failure);
        let response = crate::error::Unrendered { failure: Arc::new(failure), shape: crate::error::Shape::Page }
            .render(Lang(Language::Fr), super::super::layout::error_page);
        assert_eq!(response.status().as_u16(), 503);
        assert!(response.headers().contains_key(header::RETRY_AFTER));
        let body = axum::body::to_bytes(response.into_body(), usize::MAX).await.unwrap();
        let page = String::from_utf8(body.to_vec()).unwrap();
        assert!(page.contains(&Lang(Language::Fr).t("report-pdf-timeout")), "{page}");
    }

    #[tokio::test]
    async fn a_layout_in_time_gives_a_pdf() {
        let pdf = lay_out(&layout_slots(), report(), Duration::from_secs(300)).await.unwrap();
        assert!(pdf.starts_with(b"%PDF-"));
    }
}
