//! Every user-facing word of Converge comes from the Fluent catalogues in `locales/`, French
//! first: the pages, the error messages and the report's words. `Lang` is a language and the way
//! to say things in it; which language a request speaks is the edge's business (`converge-web`
//! settles it once per request and, with the `axum` feature, a handler takes it as an argument).

use converge_core::Language;
use fluent_bundle::concurrent::FluentBundle;
use fluent_bundle::{FluentArgs, FluentResource};
use std::sync::LazyLock;

pub use fluent_bundle::FluentValue;

/// The message files of each language. A language's files together form one catalogue; they
/// are split by part of the product so that each stays readable.
pub const CATALOGUES: [(Language, &[&str]); 2] = [
    (
        Language::Fr,
        &[
            include_str!("../locales/fr/main.ftl"),
            include_str!("../locales/fr/console.ftl"),
            include_str!("../locales/fr/activities.ftl"),
            include_str!("../locales/fr/sorting.ftl"),
            include_str!("../locales/fr/boards.ftl"),
            include_str!("../locales/fr/moderation.ftl"),
            include_str!("../locales/fr/decks.ftl"),
            include_str!("../locales/fr/votes.ftl"),
            include_str!("../locales/fr/outcomes.ftl"),
            include_str!("../locales/fr/report.ftl"),
            include_str!("../locales/fr/report_pdf.ftl"),
            include_str!("../locales/fr/followup.ftl"),
            include_str!("../locales/fr/actions.ftl"),
            include_str!("../locales/fr/account.ftl"),
        ],
    ),
    (
        Language::En,
        &[
            include_str!("../locales/en/main.ftl"),
            include_str!("../locales/en/console.ftl"),
            include_str!("../locales/en/activities.ftl"),
            include_str!("../locales/en/sorting.ftl"),
            include_str!("../locales/en/boards.ftl"),
            include_str!("../locales/en/moderation.ftl"),
            include_str!("../locales/en/decks.ftl"),
            include_str!("../locales/en/votes.ftl"),
            include_str!("../locales/en/outcomes.ftl"),
            include_str!("../locales/en/report.ftl"),
            include_str!("../locales/en/report_pdf.ftl"),
            include_str!("../locales/en/followup.ftl"),
            include_str!("../locales/en/actions.ftl"),
            include_str!("../locales/en/account.ftl"),
        ],
    ),
];

struct Catalogues {
    fr: FluentBundle<FluentResource>,
    en: FluentBundle<FluentResource>,
}

static BUNDLES: LazyLock<Catalogues> =
    LazyLock::new(|| Catalogues { fr: bundle(Language::Fr), en: bundle(Language::En) });

fn bundle(language: Language) -> FluentBundle<FluentResource> {
    let locale = language.as_str().parse().unwrap_or_default();
    let mut bundle = FluentBundle::new_concurrent(vec![locale]);
    // Isolation marks (U+2068/U+2069) around arguments would leak into titles, CSV and tests.
    bundle.set_use_isolating(false);
    let files = CATALOGUES.iter().find(|(l, _)| *l == language).map(|(_, files)| *files).unwrap_or_default();
    for source in files {
        let resource = FluentResource::try_new((*source).to_owned()).unwrap_or_else(|(resource, errors)| {
            tracing::error!(?errors, "the {} catalogue has syntax errors", language.as_str());
            resource
        });
        if let Err(errors) = bundle.add_resource(resource) {
            tracing::error!(?errors, "the {} catalogue has duplicate messages", language.as_str());
        }
    }
    bundle
}

/// The language of the current request, and the way to say things in it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Lang(pub Language);

impl Lang {
    /// The message `key`, or the key itself if a catalogue lacks it (a test forbids that).
    pub fn t(self, key: &str) -> String {
        self.format(key, None)
    }

    /// The message `key` with named arguments.
    pub fn t_args(self, key: &str, args: &[(&str, FluentValue<'_>)]) -> String {
        let mut fluent_args = FluentArgs::new();
        for (name, value) in args {
            fluent_args.set(*name, value.clone());
        }
        self.format(key, Some(&fluent_args))
    }

    fn format(self, key: &str, args: Option<&FluentArgs<'_>>) -> String {
        let bundle = match self.0 {
            Language::Fr => &BUNDLES.fr,
            Language::En => &BUNDLES.en,
        };
        let Some(pattern) = bundle.get_message(key).and_then(|message| message.value()) else {
            tracing::warn!(key, "missing message");
            return key.to_owned();
        };
        let mut errors = Vec::new();
        bundle.format_pattern(pattern, args, &mut errors).into_owned()
    }

    pub fn code(self) -> &'static str {
        self.0.as_str()
    }

    /// A day written out as people read it: "16 novembre 2026", "1er mars 2027", "16 November
    /// 2026". Machine-readable places (`datetime`, forms, CSV) keep `YYYY-MM-DD`.
    pub fn date(self, date: converge_core::CalendarDate) -> String {
        let month = self.t(&format!("month-{}", date.month()));
        self.t_args(
            "date-long",
            &[
                ("day", FluentValue::from(date.day())),
                ("month", month.into()),
                ("year", FluentValue::from(date.year())),
            ],
        )
    }
}

/// The best of our languages for an `Accept-Language` header, honouring q-values.
pub fn negotiate(header: &str) -> Option<Language> {
    let mut best: Option<(f32, Language)> = None;
    for item in header.split(',') {
        let mut parts = item.split(';');
        let tag = parts.next().unwrap_or_default().trim();
        let quality = parts
            .find_map(|param| param.trim().strip_prefix("q="))
            .and_then(|q| q.trim().parse::<f32>().ok())
            .unwrap_or(1.0);
        if let Some(language) = Language::parse(tag)
            && quality > 0.0
            && best.is_none_or(|(q, _)| quality > q)
        {
            best = Some((quality, language));
        }
    }
    best.map(|(_, language)| language)
}

impl Default for Lang {
    fn default() -> Self {
        Lang(Language::Fr)
    }
}

#[cfg(feature = "axum")]
impl<S: Send + Sync> axum::extract::FromRequestParts<S> for Lang {
    type Rejection = std::convert::Infallible;

    /// The language the edge settled for this request (a request extension), French if none.
    async fn from_request_parts(parts: &mut axum::http::request::Parts, _state: &S) -> Result<Self, Self::Rejection> {
        Ok(parts.extensions.get::<Lang>().copied().unwrap_or_default())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::BTreeSet;

    fn keys(files: &[&str]) -> BTreeSet<String> {
        let mut keys = BTreeSet::new();
        for file in files {
            for key in file_keys(file) {
                assert!(keys.insert(key.clone()), "`{key}` is defined twice");
            }
        }
        keys
    }

    fn file_keys(source: &str) -> Vec<String> {
        source
            .lines()
            .filter(|line| line.chars().next().is_some_and(|c| c.is_ascii_lowercase()))
            .filter_map(|line| line.split_once('=').map(|(key, _)| key.trim().to_owned()))
            .collect()
    }

    #[test]
    fn french_and_english_have_the_same_messages() {
        let fr = keys(CATALOGUES[0].1);
        let en = keys(CATALOGUES[1].1);
        assert!(fr.len() > 50, "the catalogue parser found too few keys");
        assert_eq!(fr.difference(&en).collect::<Vec<_>>(), Vec::<&String>::new(), "missing in English");
        assert_eq!(en.difference(&fr).collect::<Vec<_>>(), Vec::<&String>::new(), "missing in French");
    }

    #[test]
    fn both_catalogues_parse_without_errors() {
        for (language, files) in CATALOGUES {
            for source in files {
                let parsed = FluentResource::try_new((*source).to_owned());
                assert!(parsed.is_ok(), "a {} catalogue file does not parse", language.as_str());
            }
        }
    }

    #[test]
    fn dates_are_written_out_in_the_language() {
        let date = |raw: &str| converge_core::CalendarDate::parse(raw).unwrap();
        assert_eq!(Lang(Language::Fr).date(date("2026-11-16")), "16 novembre 2026");
        assert_eq!(Lang(Language::Fr).date(date("2027-03-01")), "1er mars 2027");
        assert_eq!(Lang(Language::Fr).date(date("2027-08-21")), "21 août 2027");
        assert_eq!(Lang(Language::En).date(date("2026-11-16")), "16 November 2026");
        assert_eq!(Lang(Language::En).date(date("2027-03-01")), "1 March 2027");
        for month in 1..=12 {
            let day = converge_core::CalendarDate::new(2027, month, 1).unwrap();
            for language in Language::ALL {
                assert!(!Lang(language).date(day).contains("month-"), "month {month} is named in {language:?}");
            }
        }
    }

    #[test]
    fn arguments_are_not_wrapped_in_isolation_marks() {
        let text = Lang(Language::En).t_args("console-participants-count", &[("count", 3.into())]);
        assert!(!text.contains('\u{2068}') && !text.contains('\u{2069}'), "{text:?}");
        assert!(text.contains('3'));
    }

    #[test]
    fn accept_language_honours_quality() {
        assert_eq!(negotiate("en-US,en;q=0.9,fr;q=0.8"), Some(Language::En));
        assert_eq!(negotiate("de-DE, fr;q=0.5, en;q=0.7"), Some(Language::En));
        assert_eq!(negotiate("fr-BE"), Some(Language::Fr));
        assert_eq!(negotiate("de, nl"), None);
        assert_eq!(negotiate("en;q=0, fr;q=0.1"), Some(Language::Fr));
    }
}
