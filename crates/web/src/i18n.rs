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

#[cfg(test)]
mod tests {
    use converge_i18n::CATALOGUES;
    use std::collections::BTreeSet;

    fn catalogue_keys(files: &[&str]) -> BTreeSet<String> {
        files
            .iter()
            .flat_map(|source| source.lines())
            .filter(|line| line.chars().next().is_some_and(|c| c.is_ascii_lowercase()))
            .filter_map(|line| line.split_once('=').map(|(key, _)| key.trim().to_owned()))
            .collect()
    }

    #[test]
    fn every_key_the_code_uses_exists() {
        let fr = catalogue_keys(CATALOGUES[0].1);
        let sources = [
            include_str!("pages/layout.rs"),
            include_str!("pages/public.rs"),
            include_str!("pages/facilitator.rs"),
            include_str!("pages/participant.rs"),
            include_str!("pages/console.rs"),
            include_str!("pages/timer.rs"),
            include_str!("pages/report.rs"),
            include_str!("pages/report_pdf.rs"),
            include_str!("pages/activities/mod.rs"),
            include_str!("pages/activities/generic.rs"),
            include_str!("pages/activities/photo_language.rs"),
            include_str!("pages/activities/swot.rs"),
            include_str!("pages/activities/challenges.rs"),
            include_str!("pages/activities/reformulate.rs"),
            include_str!("pages/activities/categorize.rs"),
            include_str!("pages/activities/brainwriting.rs"),
            include_str!("pages/decks.rs"),
            include_str!("pages/fates.rs"),
            include_str!("pages/mine.rs"),
            include_str!("pages/follow_up.rs"),
            include_str!("pages/public_follow_up.rs"),
            include_str!("pages/outcome_forms.rs"),
            include_str!("pages/activities/action_plan.rs"),
            include_str!("pages/activities/risk_map.rs"),
            include_str!("error.rs"),
            include_str!("lib.rs"),
        ];
        for source in sources {
            for fragment in source.split(".t(\"").skip(1).chain(source.split(".t_args(\"").skip(1)) {
                let key = fragment.split('"').next().unwrap_or_default();
                assert!(fr.contains(key), "the code uses `{key}`, which the catalogues lack");
            }
        }
    }
}
