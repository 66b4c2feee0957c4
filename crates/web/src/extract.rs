//! Extractors that turn malformed requests into clear errors (in the caller's language, once
//! the edge renders them): JSON for the API, a page for browsers. axum's own
//! rejections are plain text.

mod fields;
#[cfg(test)]
pub(crate) use fields::from_pairs;

use crate::error::{self, ApiError, Failure};
use axum::extract::rejection::{FormRejection, JsonRejection};
use axum::extract::{FromRequest, FromRequestParts, Path, Query, Request};
use axum::http::request::Parts;
use axum::response::Response;
use serde::de::DeserializeOwned;

/// Path parameters; an id that does not parse names nothing we have, so it is a 404.
pub struct ValidPath<T>(pub T);

impl<T: DeserializeOwned + Send, S: Send + Sync> FromRequestParts<S> for ValidPath<T> {
    type Rejection = Response;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, Self::Rejection> {
        match Path::<T>::from_request_parts(parts, state).await {
            Ok(Path(value)) => Ok(ValidPath(value)),
            Err(_) => Err(error::for_path(parts.uri.path(), Failure::NotFound)),
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
            Err(rejection) => Err(error::for_path(parts.uri.path(), Failure::BadRequest(rejection.body_text()))),
        }
    }
}

/// A JSON body, with every way it can be wrong answered as a JSON error.
pub struct ApiJson<T>(pub T);

impl<T: DeserializeOwned, S: Send + Sync> FromRequest<S> for ApiJson<T> {
    type Rejection = ApiError;

    async fn from_request(request: Request, state: &S) -> Result<Self, Self::Rejection> {
        match axum::Json::<T>::from_request(request, state).await {
            Ok(axum::Json(value)) => Ok(ApiJson(value)),
            Err(rejection) => Err(ApiError(json_failure(&rejection))),
        }
    }
}

/// A body every field of which is optional may be left out: no `Content-Type`, no body. One sent
/// is read as [`ApiJson`] reads it.
impl<T: DeserializeOwned, S: Send + Sync> axum::extract::OptionalFromRequest<S> for ApiJson<T> {
    type Rejection = ApiError;

    async fn from_request(request: Request, state: &S) -> Result<Option<Self>, Self::Rejection> {
        match <axum::Json<T> as axum::extract::OptionalFromRequest<S>>::from_request(request, state).await {
            Ok(body) => Ok(body.map(|axum::Json(value)| ApiJson(value))),
            Err(rejection) => Err(ApiError(json_failure(&rejection))),
        }
    }
}

fn json_failure(rejection: &JsonRejection) -> Failure {
    match rejection {
        JsonRejection::MissingJsonContentType(_) => Failure::UnsupportedMediaType,
        JsonRejection::BytesRejection(rejection) if error::is_payload_too_large(rejection.status()) => {
            Failure::PayloadTooLarge
        }
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
        let path = request.uri().path().to_owned();
        match axum::Form::<T>::from_request(request, state).await {
            Ok(axum::Form(value)) => Ok(ValidForm(value)),
            Err(rejection) => {
                let failure = match rejection {
                    FormRejection::BytesRejection(rejection) if error::is_payload_too_large(rejection.status()) => {
                        Failure::PayloadTooLarge
                    }
                    FormRejection::InvalidFormContentType(_) => Failure::UnsupportedMediaType,
                    other => Failure::BadRequest(other.body_text()),
                };
                Err(error::for_path(&path, failure))
            }
        }
    }
}

/// A form from one of our pages read into `T`, where a field may repeat (checkbox lists,
/// multi-selects, ranked lists): a `Vec` field takes every value, any other its first. See
/// [`fields`].
pub struct FormFields<T>(pub T);

impl<T: DeserializeOwned, S: Send + Sync> FromRequest<S> for FormFields<T> {
    type Rejection = Response;

    async fn from_request(request: Request, state: &S) -> Result<Self, Self::Rejection> {
        let path = request.uri().path().to_owned();
        let ValidForm(pairs) = ValidForm::<Vec<(String, String)>>::from_request(request, state).await?;
        fields::from_pairs(pairs)
            .map(FormFields)
            .map_err(|error| error::for_path(&path, Failure::BadRequest(error.to_string())))
    }
}

/// A form field's value trimmed, as handlers read text they compare or parse.
pub fn trimmed(value: &Option<String>) -> Option<&str> {
    value.as_deref().map(str::trim)
}
