//! Extractors that turn malformed requests into clear errors in the caller's language:
//! JSON for the API, a page for browsers. axum's own rejections are plain text.

use crate::error::{ApiError, Failure, PageError};
use crate::i18n::Lang;
use axum::extract::rejection::{FormRejection, JsonRejection};
use axum::extract::{FromRequest, FromRequestParts, Path, Query, Request};
use axum::http::request::Parts;
use axum::response::{IntoResponse, Response};
use serde::de::DeserializeOwned;

fn reject(parts_path: &str, lang: Lang, failure: Failure) -> Response {
    if parts_path.starts_with("/api/") {
        ApiError::in_lang(failure, lang).into_response()
    } else {
        PageError::new(failure, lang).into_response()
    }
}

/// Path parameters; an id that does not parse names nothing we have, so it is a 404.
pub struct ValidPath<T>(pub T);

impl<T: DeserializeOwned + Send, S: Send + Sync> FromRequestParts<S> for ValidPath<T> {
    type Rejection = Response;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, Self::Rejection> {
        match Path::<T>::from_request_parts(parts, state).await {
            Ok(Path(value)) => Ok(ValidPath(value)),
            Err(_) => Err(reject(parts.uri.path(), crate::i18n::lang_of(parts), Failure::NotFound)),
        }
    }
}

/// Query parameters; a malformed value is a 400 with a message, not axum's plain text.
pub struct ValidQuery<T>(pub T);

impl<T: DeserializeOwned + Send, S: Send + Sync> FromRequestParts<S> for ValidQuery<T> {
    type Rejection = Response;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, Self::Rejection> {
        match Query::<T>::from_request_parts(parts, state).await {
            Ok(Query(value)) => Ok(ValidQuery(value)),
            Err(rejection) => {
                Err(reject(parts.uri.path(), crate::i18n::lang_of(parts), Failure::BadRequest(rejection.body_text())))
            }
        }
    }
}

/// A JSON body, with every way it can be wrong answered as a JSON error.
pub struct ApiJson<T>(pub T);

impl<T: DeserializeOwned, S: Send + Sync> FromRequest<S> for ApiJson<T> {
    type Rejection = ApiError;

    async fn from_request(request: Request, state: &S) -> Result<Self, Self::Rejection> {
        let (parts, body) = request.into_parts();
        let lang = crate::i18n::lang_of(&parts);
        let request = Request::from_parts(parts, body);
        match axum::Json::<T>::from_request(request, state).await {
            Ok(axum::Json(value)) => Ok(ApiJson(value)),
            Err(rejection) => Err(ApiError::in_lang(json_failure(&rejection), lang)),
        }
    }
}

fn is_too_large(status: axum::http::StatusCode) -> bool {
    status == axum::http::StatusCode::PAYLOAD_TOO_LARGE
}

fn json_failure(rejection: &JsonRejection) -> Failure {
    match rejection {
        JsonRejection::MissingJsonContentType(_) => Failure::UnsupportedMediaType,
        JsonRejection::BytesRejection(rejection) if is_too_large(rejection.status()) => Failure::PayloadTooLarge,
        // serde's message names the field and what was expected, e.g. "missing field `title`".
        JsonRejection::JsonDataError(error) => Failure::BadRequest(error.body_text()),
        JsonRejection::JsonSyntaxError(error) => Failure::BadRequest(error.body_text()),
        other => Failure::BadRequest(other.body_text()),
    }
}

/// A URL-encoded form from one of our pages.
pub struct ValidForm<T>(pub T);

impl<T: DeserializeOwned, S: Send + Sync> FromRequest<S> for ValidForm<T> {
    type Rejection = Response;

    async fn from_request(request: Request, state: &S) -> Result<Self, Self::Rejection> {
        let (parts, body) = request.into_parts();
        let lang = crate::i18n::lang_of(&parts);
        let path = parts.uri.path().to_owned();
        match axum::Form::<T>::from_request(Request::from_parts(parts, body), state).await {
            Ok(axum::Form(value)) => Ok(ValidForm(value)),
            Err(rejection) => {
                let failure = match rejection {
                    FormRejection::BytesRejection(rejection) if is_too_large(rejection.status()) => {
                        Failure::PayloadTooLarge
                    }
                    FormRejection::InvalidFormContentType(_) => Failure::UnsupportedMediaType,
                    other => Failure::BadRequest(other.body_text()),
                };
                Err(reject(&path, lang, failure))
            }
        }
    }
}

/// A field of a form read as pairs (forms with repeated fields are read that way), trimmed.
pub fn form_field<'a>(fields: &'a [(String, String)], name: &str) -> Option<&'a str> {
    fields.iter().find(|(key, _)| key == name).map(|(_, value)| value.trim())
}
