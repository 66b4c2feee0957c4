//! Serves the static files (`converge_views::assets`, and the built-in deck's images) under
//! their versioned addresses, cached for good.

use crate::error::{Failure, PageError};
use axum::http::{HeaderValue, header};
use axum::response::{IntoResponse, Response};

pub async fn serve(axum::extract::Path((_version, name)): axum::extract::Path<(String, String)>) -> Response {
    // The built-in photo-language cards are static files too.
    let found = converge_views::assets::find(&name)
        .map(|(content_type, body)| (content_type, body.into_response()))
        .or_else(|| converge_views::deck::builtin_image(&name).map(|svg| ("image/svg+xml", svg.into_response())));
    let Some((content_type, mut response)) = found else {
        return PageError::from(Failure::NotFound).into_response();
    };
    let headers = response.headers_mut();
    headers.insert(header::CONTENT_TYPE, HeaderValue::from_static(content_type));
    headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("public, max-age=31536000, immutable"));
    response
}
