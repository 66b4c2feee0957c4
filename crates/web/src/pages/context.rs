//! What every page needs from its request (`converge_views::layout::PageContext`), read once.

use crate::security::CsrfToken;
use crate::{AppState, cookies};
use axum::extract::FromRequestParts;
use axum::http::request::Parts;
use converge_views::layout::PageContext;
use std::convert::Infallible;

impl FromRequestParts<AppState> for PageContext {
    type Rejection = Infallible;

    async fn from_request_parts(parts: &mut Parts, _app: &AppState) -> Result<Self, Self::Rejection> {
        Ok(PageContext {
            lang: crate::i18n::lang_of(parts),
            csrf: parts.extensions.get::<CsrfToken>().map(|token| token.0.clone()).unwrap_or_default(),
            path: parts.uri.path().to_owned(),
            query_without_lang: parts
                .uri
                .query()
                .unwrap_or_default()
                .split('&')
                .filter(|pair| !pair.is_empty() && !pair.starts_with("lang="))
                .map(|pair| format!("{pair}&"))
                .collect(),
            has_session: cookies::get(&parts.headers, cookies::SESSION).is_some(),
        })
    }
}
