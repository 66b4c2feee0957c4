//! `GET /facilitator/workshops/{id}/report.pdf`: the workshop report laid out for print, as a
//! download.
//!
//! Laying out a PDF is CPU-bound: a fraction of a second for a large workshop in a release
//! build, seconds in a debug one. It runs on the blocking pool, at most [`LAYOUT_SLOTS`] at a
//! time, and the facilitator waits at most [`LAYOUT_TIMEOUT`]; past that the page says the
//! server is busy and points to the HTML report. typst cannot be interrupted, so a layout that
//! outlives its request finishes alone, still holding its slot: the load stays bounded.

use super::facilitator::owned;
use super::layout::{PageContext, error_page};
use super::report::{ReportQuery, edition_suffix, workshop_report};
use crate::AppState;
use crate::auth::Facilitator;
use crate::error::{OrPage, PageError};
use crate::extract::{ValidPath, ValidQuery};
use crate::i18n::Lang;
use axum::extract::State;
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use converge_core::WorkshopId;
use converge_report::Report;
use converge_report_pdf::{Charts, render};
use std::time::Duration;
use tokio::sync::Semaphore;

/// Layouts running at once: each takes a core while it runs, and the room's requests need the
/// others.
const LAYOUT_SLOTS: usize = 2;
static SLOTS: Semaphore = Semaphore::const_new(LAYOUT_SLOTS);

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
    context: PageContext,
    facilitator: Facilitator,
    ValidPath(id): ValidPath<WorkshopId>,
    ValidQuery(query): ValidQuery<ReportQuery>,
) -> Result<Response, PageError> {
    let lang = context.lang;
    owned(&app, lang, &facilitator, id).await?;
    let report =
        workshop_report(&app.engine, id, converge_engine::now(), query.with_follow_up()).await.or_page(lang)?;
    let pdf = match lay_out(report, LAYOUT_TIMEOUT).await {
        Ok(pdf) => pdf,
        Err(failure) => return Ok(failure_page(lang, id, failure)),
    };
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
async fn lay_out(report: Report, limit: Duration) -> Result<Vec<u8>, LayoutFailure> {
    let layout = async {
        // The semaphore is never closed, so acquiring only ever waits.
        let slot = SLOTS.acquire().await.map_err(|_| LayoutFailure::TimedOut)?;
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

fn failure_page(lang: Lang, id: WorkshopId, failure: LayoutFailure) -> Response {
    let (status, key) = match failure {
        LayoutFailure::TimedOut => {
            tracing::warn!(workshop = %id, "the PDF report took longer than {LAYOUT_TIMEOUT:?}");
            (StatusCode::SERVICE_UNAVAILABLE, "report-pdf-timeout")
        }
        LayoutFailure::Failed(reason) => {
            tracing::error!(workshop = %id, %reason, "the PDF report could not be laid out");
            (StatusCode::INTERNAL_SERVER_ERROR, "report-pdf-failed")
        }
    };
    let mut response = (status, error_page(lang, status, &lang.t(key))).into_response();
    if status == StatusCode::SERVICE_UNAVAILABLE {
        response.headers_mut().insert(header::RETRY_AFTER, HeaderValue::from_static("60"));
    }
    response
}

#[cfg(test)]
mod tests {
    use super::*;
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
        let failure = lay_out(report(), Duration::ZERO).await.unwrap_err();
        assert!(matches!(failure, LayoutFailure::TimedOut), "{failure:?}");
        let response = failure_page(Lang(Language::Fr), WorkshopId::from_uuid(uuid::Uuid::from_u128(2)), failure);
        assert_eq!(response.status(), StatusCode::SERVICE_UNAVAILABLE);
        assert!(response.headers().contains_key(header::RETRY_AFTER));
        let body = axum::body::to_bytes(response.into_body(), usize::MAX).await.unwrap();
        let page = String::from_utf8(body.to_vec()).unwrap();
        assert!(page.contains(&Lang(Language::Fr).t("report-pdf-timeout")), "{page}");
    }

    #[tokio::test]
    async fn a_layout_in_time_gives_a_pdf() {
        let pdf = lay_out(report(), Duration::from_secs(300)).await.unwrap();
        assert!(pdf.starts_with(b"%PDF-"));
    }
}
