//! Which language a request speaks: `?lang=` in the URL (which also sets the `lang` cookie, so
//! the visible switch sticks), the `lang` cookie, the browser's `Accept-Language`, French. The
//! words themselves are `converge-i18n`'s.

use axum::http::request::Parts;
use converge_core::Language;
pub use converge_i18n::Lang;
use converge_i18n::negotiate;

/// The language of a request, picked from the query, the cookie, then `Accept-Language`, and
/// where it came from.
pub fn request_lang(parts: &Parts) -> (Lang, LangSource) {
    if let Some(language) = query_lang(parts.uri.query()) {
        return (Lang(language), LangSource::Query);
    }
    if let Some(language) =
        crate::cookies::get(&parts.headers, crate::cookies::LANG).and_then(|raw| Language::parse(&raw))
    {
        return (Lang(language), LangSource::Cookie);
    }
    let accept = parts.headers.get(axum::http::header::ACCEPT_LANGUAGE).and_then(|value| value.to_str().ok());
    (Lang(accept.and_then(negotiate).unwrap_or_default()), LangSource::Browser)
}

/// The language settled for this request by the router's middleware (a request extension), or,
/// outside it, picked now.
pub fn lang_of(parts: &Parts) -> Lang {
    parts.extensions.get::<Lang>().copied().unwrap_or_else(|| request_lang(parts).0)
}

/// Where the language came from; a choice in the URL is remembered in a cookie.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LangSource {
    Query,
    Cookie,
    Browser,
}

fn query_lang(query: Option<&str>) -> Option<Language> {
    query?.split('&').find_map(|pair| pair.strip_prefix("lang=")).and_then(Language::parse)
}
