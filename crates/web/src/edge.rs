//! Where a request's language is settled and its failures put in words.
//!
//! The language is chosen once per request (see [`crate::i18n`]) and put in the request's
//! extensions, where the `Lang` extractor and pages read it. Handlers and extractors fail with
//! a [`crate::error::Failure`] and no language: the response carries the failure unrendered,
//! and [`localise`] writes it here, as the API's JSON error or as an error page. A language
//! chosen with `?lang=` is kept in a cookie on the way out, so the switch sticks.

use crate::error::Unrendered;
use crate::i18n::{Lang, LangSource, request_lang};
use crate::{AppState, cookies};
use axum::extract::{Request, State};
use axum::middleware::Next;
use axum::response::Response;

/// How long a language chosen in the URL is remembered.
const LANG_COOKIE_MAX_AGE: i64 = 365 * 24 * 3600;

pub async fn localise(State(app): State<AppState>, mut request: Request, next: Next) -> Response {
    let (parts, body) = request.into_parts();
    let (lang, source) = request_lang(&parts);
    request = Request::from_parts(parts, body);
    request.extensions_mut().insert(lang);
    let mut response = next.run(request).await;
    if let Some(unrendered) = response.extensions_mut().remove::<Unrendered>() {
        response = in_words(response, &unrendered, lang);
    }
    if source == LangSource::Query {
        app.cookie_policy.add(&mut response, cookies::LANG, lang.code(), LANG_COOKIE_MAX_AGE);
    }
    response
}

/// The failure written in `lang`, keeping what layers inside added to the response on its way
/// out (a new form-token cookie, say).
fn in_words(placeholder: Response, unrendered: &Unrendered, lang: Lang) -> Response {
    let rendered = unrendered.render(lang, crate::pages::layout::error_page);
    let (mut parts, _) = placeholder.into_parts();
    let (rendered_parts, body) = rendered.into_parts();
    parts.status = rendered_parts.status;
    parts.headers.extend(rendered_parts.headers);
    Response::from_parts(parts, body)
}
