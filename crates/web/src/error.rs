//! Errors at the edge: the only place that knows HTTP status codes. The API answers
//! `{"error": {"code", "message"}}`; pages answer a page in the user's language.

use crate::i18n::Lang;
use axum::Json;
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use converge_core::DomainError;
use converge_engine::{EngineError, StoreError};
use converge_i18n::FluentValue;
use serde::Serialize;
use std::sync::Arc;
use std::time::Duration;

/// When to try again after a full disk: long enough for an operator to free some space, short
/// enough that a participant's retry soon passes.
const DISK_FULL_RETRY_AFTER: Duration = Duration::from_secs(10);

/// When to try a PDF report again that took too long: a busy server may have room by then.
const REPORT_RETRY_AFTER: Duration = Duration::from_secs(60);

/// A failure of a request, independent of how it is shown.
#[derive(Debug)]
pub enum Failure {
    Engine(EngineError),
    NotFound,
    /// No valid session, cookie or token.
    Unauthenticated,
    /// Authenticated, but not allowed here.
    Forbidden,
    /// The CSRF check failed: the form did not come from our page.
    CrossSite,
    /// The request is not what the operation takes. The detail (from the decoder, in English)
    /// helps developers, so only the API shows it; pages say it in the user's language.
    BadRequest(String),
    PayloadTooLarge,
    UnsupportedMediaType,
    MethodNotAllowed,
    TooManyRequests(Duration),
    UnknownTemplate,
    /// The PDF report took longer than its time to lay out.
    ReportTimedOut,
    /// The PDF report could not be laid out.
    ReportFailed,
}

impl From<EngineError> for Failure {
    fn from(error: EngineError) -> Self {
        match error {
            EngineError::WorkshopNotFound => Failure::NotFound,
            other => Failure::Engine(other),
        }
    }
}

impl From<DomainError> for Failure {
    fn from(error: DomainError) -> Self {
        Failure::Engine(EngineError::Domain(error))
    }
}

impl Failure {
    pub fn status(&self) -> StatusCode {
        match self {
            Failure::Engine(EngineError::Domain(error)) if error.is_forbidden() => StatusCode::FORBIDDEN,
            Failure::Engine(EngineError::Domain(DomainError::UnknownActivity(_))) => StatusCode::NOT_FOUND,
            Failure::Engine(EngineError::Domain(DomainError::WorkshopDeleted)) => StatusCode::NOT_FOUND,
            Failure::Engine(EngineError::Domain(DomainError::DuplicateContribution(_))) => StatusCode::CONFLICT,
            Failure::Engine(EngineError::Domain(
                DomainError::EditConflict { .. } | DomainError::CardChanged { .. } | DomainError::DuplicateAction(_),
            )) => StatusCode::CONFLICT,
            Failure::Engine(EngineError::Domain(DomainError::UnknownAction(_))) => StatusCode::NOT_FOUND,
            // The request is sound; the workshop's state (its public page) stands in the way.
            Failure::Engine(EngineError::Domain(DomainError::FollowUpPagePublished)) => StatusCode::CONFLICT,
            // The step was taken from a page or an answer the agenda has moved past.
            Failure::Engine(EngineError::Domain(DomainError::NotTheNextActivity)) => StatusCode::CONFLICT,
            Failure::Engine(EngineError::Domain(_)) => StatusCode::UNPROCESSABLE_ENTITY,
            Failure::Engine(EngineError::UnknownJoinCode | EngineError::UnknownResumeCode) => StatusCode::NOT_FOUND,
            Failure::Engine(EngineError::InvalidCredentials) => StatusCode::UNAUTHORIZED,
            Failure::Engine(EngineError::EmailTaken) => StatusCode::CONFLICT,
            Failure::Engine(
                EngineError::PasswordLength { .. } | EngineError::InvalidEmail | EngineError::SetupTokenInvalid,
            ) => StatusCode::UNPROCESSABLE_ENTITY,
            Failure::Engine(EngineError::UnsupportedImageType) => StatusCode::UNSUPPORTED_MEDIA_TYPE,
            Failure::Engine(EngineError::ImageFileTooLarge { .. }) => StatusCode::PAYLOAD_TOO_LARGE,
            Failure::Engine(EngineError::ImageTooLarge { .. } | EngineError::UndecodableImage) => {
                StatusCode::UNPROCESSABLE_ENTITY
            }
            Failure::Engine(EngineError::Store(StoreError::Conflict { .. }) | EngineError::Busy) => {
                StatusCode::SERVICE_UNAVAILABLE
            }
            Failure::Engine(EngineError::Store(StoreError::Duplicate(_) | StoreError::JoinCodeTaken)) => {
                StatusCode::CONFLICT
            }
            // Not 507: a full disk is a passing condition of this server, and 503 with Retry-After
            // is what every client knows to retry later.
            Failure::Engine(EngineError::Store(StoreError::DiskFull)) => StatusCode::SERVICE_UNAVAILABLE,
            Failure::Engine(
                EngineError::Store(StoreError::Unavailable(_) | StoreError::Corrupt(_)) | EngineError::ShuttingDown,
            ) => StatusCode::SERVICE_UNAVAILABLE,
            Failure::Engine(EngineError::WorkshopNotFound) | Failure::NotFound => StatusCode::NOT_FOUND,
            Failure::Unauthenticated => StatusCode::UNAUTHORIZED,
            Failure::Forbidden | Failure::CrossSite => StatusCode::FORBIDDEN,
            Failure::BadRequest(_) => StatusCode::BAD_REQUEST,
            Failure::PayloadTooLarge => StatusCode::PAYLOAD_TOO_LARGE,
            Failure::UnsupportedMediaType => StatusCode::UNSUPPORTED_MEDIA_TYPE,
            Failure::MethodNotAllowed => StatusCode::METHOD_NOT_ALLOWED,
            Failure::TooManyRequests(_) => StatusCode::TOO_MANY_REQUESTS,
            Failure::UnknownTemplate => StatusCode::UNPROCESSABLE_ENTITY,
            Failure::ReportTimedOut => StatusCode::SERVICE_UNAVAILABLE,
            Failure::ReportFailed => StatusCode::INTERNAL_SERVER_ERROR,
        }
    }

    /// The stable machine code.
    pub fn code(&self) -> &'static str {
        match self {
            Failure::Engine(error) => error.code(),
            Failure::NotFound => "not_found",
            Failure::Unauthenticated => "unauthenticated",
            Failure::Forbidden => "forbidden",
            Failure::CrossSite => "cross_site_request",
            Failure::BadRequest(_) => "bad_request",
            Failure::PayloadTooLarge => "payload_too_large",
            Failure::UnsupportedMediaType => "unsupported_media_type",
            Failure::MethodNotAllowed => "method_not_allowed",
            Failure::TooManyRequests(_) => "too_many_requests",
            Failure::UnknownTemplate => "unknown_template",
            Failure::ReportTimedOut => "report_timed_out",
            Failure::ReportFailed => "report_failed",
        }
    }

    /// The message in the user's language.
    pub fn message(&self, lang: Lang) -> String {
        match self {
            Failure::Engine(EngineError::Domain(error)) => domain_message(lang, error),
            Failure::Engine(EngineError::PasswordLength { min, max }) => lang
                .t_args("error-password_length", &[("min", FluentValue::from(*min)), ("max", FluentValue::from(*max))]),
            Failure::Engine(EngineError::ImageTooLarge { max_dimension }) => {
                lang.t_args("error-image_too_large", &[("pixels", FluentValue::from(*max_dimension))])
            }
            Failure::Engine(EngineError::ImageFileTooLarge { max_bytes }) => lang
                .t_args("error-image_file_too_large", &[("megabytes", FluentValue::from(*max_bytes / (1024 * 1024)))]),
            Failure::TooManyRequests(wait) => {
                lang.t_args("error-too_many_requests", &[("seconds", FluentValue::from(wait.as_secs().max(1)))])
            }
            Failure::ReportTimedOut => lang.t("report-pdf-timeout"),
            Failure::ReportFailed => lang.t("report-pdf-failed"),
            other => lang.t(&format!("error-{}", other.code())),
        }
    }

    /// How long the client should wait before trying again, when the failure says.
    pub fn retry_after(&self) -> Option<Duration> {
        match self {
            Failure::TooManyRequests(wait) => Some(*wait),
            Failure::ReportTimedOut => Some(REPORT_RETRY_AFTER),
            Failure::Engine(EngineError::Store(StoreError::DiskFull)) => Some(DISK_FULL_RETRY_AFTER),
            _ => None,
        }
    }

    fn log(&self) {
        // The store warns once when the disk fills; a line per refused request would bury it.
        if self.status().is_server_error() && !matches!(self, Failure::Engine(EngineError::Store(StoreError::DiskFull)))
        {
            tracing::error!(error = ?self, "request failed");
        }
    }
}

fn domain_message(lang: Lang, error: &DomainError) -> String {
    let field = |field: &str| lang.t(&format!("field-{field}"));
    match error {
        DomainError::TextEmpty { field: name } => lang.t_args("error-text_empty", &[("field", field(name).into())]),
        DomainError::TextTooLong { field: name, max, actual } => lang.t_args(
            "error-text_too_long",
            &[("field", field(name).into()), ("max", FluentValue::from(*max)), ("actual", FluentValue::from(*actual))],
        ),
        DomainError::ControlCharacters { field: name } => {
            lang.t_args("error-control_characters", &[("field", field(name).into())])
        }
        DomainError::TooManyLinks { max } => lang.t_args("error-too_many_links", &[("max", FluentValue::from(*max))]),
        DomainError::RoundIdeasSpent { max } => {
            lang.t_args("error-round_ideas_spent", &[("max", FluentValue::from(*max))])
        }
        DomainError::DeckFull { max } => lang.t_args("error-deck_full", &[("max", FluentValue::from(*max))]),
        DomainError::TooManySources { max } => {
            lang.t_args("error-too_many_sources", &[("max", FluentValue::from(*max))])
        }
        DomainError::BatchTooLarge { max } => lang.t_args("error-batch_too_large", &[("max", FluentValue::from(*max))]),
        // Each setting says what is wrong with it; the generic sentence is the fallback.
        DomainError::InvalidConfig { reason } => {
            let key = format!("error-invalid_config-{reason}");
            let message = lang.t(&key);
            if message == key { lang.t("error-invalid_config") } else { message }
        }
        other => lang.t(&format!("error-{}", other.code())),
    }
}

#[derive(Serialize, utoipa::ToSchema)]
pub struct ErrorBody {
    pub error: ErrorDetail,
}

#[derive(Serialize, utoipa::ToSchema)]
pub struct ErrorDetail {
    /// A stable machine code, e.g. `activity_not_open`.
    pub code: String,
    /// A human message, in the language of `Accept-Language`.
    pub message: String,
}

/// The way a failure is shown: as the API's JSON error, or as a page.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Shape {
    Json,
    Page,
}

/// A failure on its way out, not yet put in words: handlers do not know the request's language
/// and need not. The response carries it in its extensions until the `localise` middleware (`edge.rs`)
/// writes it in the request's language, the one place that does.
#[derive(Debug, Clone)]
pub struct Unrendered {
    pub failure: Arc<Failure>,
    pub shape: Shape,
}

impl Unrendered {
    /// A response with the failure's status and headers and no body yet.
    fn response(failure: Failure, shape: Shape) -> Response {
        let mut response = failure.status().into_response();
        if let Some(wait) = failure.retry_after() {
            add_retry_after(&mut response, wait);
        }
        response.extensions_mut().insert(Unrendered { failure: Arc::new(failure), shape });
        response
    }

    /// The failure in words, in `lang`: the JSON error body, or the error page's status and message.
    pub fn render(&self, lang: Lang, page: impl FnOnce(Lang, u16, &str) -> maud::Markup) -> Response {
        let failure = &*self.failure;
        failure.log();
        let status = failure.status();
        let mut response = match self.shape {
            Shape::Json => {
                let mut message = failure.message(lang);
                if let Failure::BadRequest(detail) = failure {
                    message = format!("{message} ({detail})");
                }
                let body = ErrorBody { error: ErrorDetail { code: failure.code().to_owned(), message } };
                (status, Json(body)).into_response()
            }
            // A page that needs a facilitator sends the browser to sign in.
            Shape::Page if status == StatusCode::UNAUTHORIZED && !matches!(failure, Failure::Engine(_)) => {
                return axum::response::Redirect::to("/signin").into_response();
            }
            Shape::Page => (status, page(lang, status.as_u16(), &failure.message(lang))).into_response(),
        };
        if let Some(wait) = failure.retry_after() {
            add_retry_after(&mut response, wait);
        }
        response
    }
}

/// A failure answered as JSON, in the request's language.
#[derive(Debug)]
pub struct ApiError(pub Failure);

impl<F: Into<Failure>> From<F> for ApiError {
    fn from(failure: F) -> Self {
        ApiError(failure.into())
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        Unrendered::response(self.0, Shape::Json)
    }
}

/// A failure answered as a page, in the request's language.
#[derive(Debug)]
pub struct PageError(pub Failure);

impl<F: Into<Failure>> From<F> for PageError {
    fn from(failure: F) -> Self {
        PageError(failure.into())
    }
}

impl IntoResponse for PageError {
    fn into_response(self) -> Response {
        Unrendered::response(self.0, Shape::Page)
    }
}

/// A failure shown as the request's path calls for: JSON under `/api/`, a page elsewhere.
pub fn for_path(path: &str, failure: impl Into<Failure>) -> Response {
    let shape = if path.starts_with("/api/") { Shape::Json } else { Shape::Page };
    Unrendered::response(failure.into(), shape)
}

/// Says how long to wait, in whole seconds, at least one.
pub fn add_retry_after(response: &mut Response, wait: Duration) {
    response.headers_mut().insert(header::RETRY_AFTER, HeaderValue::from(wait.as_secs().max(1)));
}

/// Whether a body was refused for its size, for extractors that map a rejection to a failure.
pub fn is_payload_too_large(status: StatusCode) -> bool {
    status == StatusCode::PAYLOAD_TOO_LARGE
}

/// The statuses of answers that are not failures, or not only: a page shown again with what
/// went wrong (a refused form, a wrong password), a resource made, a health check. Named by
/// what happened, so the codes stay in this file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Answer {
    /// What was asked for.
    Ok,
    /// Something new was made.
    Created,
    /// The form was understood and refused: it comes back with a message.
    Refused,
    /// Someone else changed it meanwhile: it comes back as it now is.
    Conflict,
    /// A wrong password or code.
    WrongCredentials,
    /// Too many tries: wait.
    TooManyTries,
    /// This server cannot serve now (its store is unreachable).
    Unavailable,
    /// A bug of ours.
    Broken,
}

impl Answer {
    pub fn status(self) -> StatusCode {
        match self {
            Answer::Ok => StatusCode::OK,
            Answer::Created => StatusCode::CREATED,
            Answer::Refused => StatusCode::UNPROCESSABLE_ENTITY,
            Answer::Conflict => StatusCode::CONFLICT,
            Answer::WrongCredentials => StatusCode::UNAUTHORIZED,
            Answer::TooManyTries => StatusCode::TOO_MANY_REQUESTS,
            Answer::Unavailable => StatusCode::SERVICE_UNAVAILABLE,
            Answer::Broken => StatusCode::INTERNAL_SERVER_ERROR,
        }
    }
}
