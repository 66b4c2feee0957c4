//! The built-in photo-language deck: the project's own illustrations in `assets/cards/`, with
//! their titles and descriptions in `assets/cards/deck.toml`.
//!
//! The images are embedded in the binary (the venue may have no internet) and served as static
//! files with a versioned URL, so a phone downloads each card once however often the page
//! refreshes. They are our own files, and the tests below check that none carries a script, a
//! style, a link or an event handler.
//!
//! `deck.toml` is read once, on first use; if it did not parse, the deck would be empty and the
//! error logged, and a test keeps the shipped file valid.
//!
//! A workshop may also have decks of its own, uploaded by the facilitator (see
//! `converge_engine::cards`). Their images are never inlined: they are served, re-encoded as PNG,
//! at `/w/{id}/cards/{card_id}` to the workshop's members, and shown with `<img>`.

use crate::Lang;
use converge_core::{Activity, DeckCard, Language, Workshop, WorkshopId};
use serde::Deserialize;
use std::sync::LazyLock;

/// One card of a deck.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Card {
    /// A stable slug, what a contribution records as its `card`.
    pub id: String,
    pub file: String,
    title_fr: String,
    title_en: String,
    alt_fr: String,
    alt_en: String,
    /// The illustration, as SVG markup to inline.
    pub svg: &'static str,
}

impl Card {
    /// The card's short caption.
    pub fn title(&self, lang: Lang) -> &str {
        match lang.0 {
            Language::Fr => &self.title_fr,
            Language::En => &self.title_en,
        }
    }

    /// What the image shows, for those who cannot see it.
    pub fn alt(&self, lang: Lang) -> &str {
        match lang.0 {
            Language::Fr => &self.alt_fr,
            Language::En => &self.alt_en,
        }
    }
}

/// The deck a workshop's uploads go to unless an activity names another.
pub const OWN_DECK: &str = "workshop";

/// A card as pages show it: one of ours, or one the facilitator uploaded.
#[derive(Debug, Clone, Copy)]
pub enum Shown<'a> {
    Builtin(&'static Card),
    Uploaded { workshop: WorkshopId, card: &'a DeckCard },
}

impl<'a> Shown<'a> {
    /// What a contribution records as its `card`.
    pub fn id(self) -> &'a str {
        match self {
            Shown::Builtin(card) => &card.id,
            Shown::Uploaded { card, .. } => &card.id,
        }
    }

    pub fn title(self, lang: Lang) -> &'a str {
        match self {
            Shown::Builtin(card) => card.title(lang),
            Shown::Uploaded { card, .. } => &card.title,
        }
    }
}

/// The address an uploaded card's image is served at.
pub fn image_path(workshop: WorkshopId, card_id: &str) -> String {
    format!("/w/{workshop}/cards/{card_id}")
}

/// The cards an activity offers: those of the uploaded deck its configuration names, or the
/// built-in deck (also when the named deck has no cards yet).
pub fn for_activity<'a>(workshop: &'a Workshop, activity: &Activity) -> Vec<Shown<'a>> {
    match workshop.uploaded_deck(activity) {
        Some(cards) => cards.iter().map(|card| Shown::Uploaded { workshop: workshop.id, card }).collect(),
        None => builtin().iter().map(Shown::Builtin).collect(),
    }
}

/// A card by the id a contribution recorded: the workshop's own cards first, then ours.
pub fn find<'a>(workshop: &'a Workshop, id: &str) -> Option<Shown<'a>> {
    match workshop.deck_card(id) {
        Some((_, card)) => Some(Shown::Uploaded { workshop: workshop.id, card }),
        None => card(id).map(Shown::Builtin),
    }
}

/// The built-in deck, in the order of `deck.toml`.
pub fn builtin() -> &'static [Card] {
    &BUILTIN
}

/// A built-in card's caption in a language, by its id: how the report names the cards chosen.
pub fn builtin_title(id: &str, language: Language) -> Option<String> {
    builtin().iter().find(|card| card.id == id).map(|card| card.title(Lang(language)).to_owned())
}

/// Where a built-in card's image is served: a versioned static URL, so each phone downloads a
/// card once and keeps it, instead of receiving every card again inside every page.
pub fn builtin_image_path(card: &Card) -> String {
    let version = converge_engine::digest::content_version(card.svg.as_bytes());
    format!("/static/{version}/{}", card.file)
}

/// A built-in card's image by its file name, for the static route.
pub fn builtin_image(file: &str) -> Option<&'static str> {
    FILES.iter().find(|(name, _)| *name == file).map(|(_, svg)| *svg)
}

/// A card of the built-in deck by its id.
pub fn card(id: &str) -> Option<&'static Card> {
    builtin().iter().find(|card| card.id == id)
}

const DECK_TOML: &str = include_str!("../assets/cards/deck.toml");

/// Every illustration, by file name. A card of `deck.toml` whose file is missing here is left out
/// of the deck (and a test fails).
const FILES: [(&str, &str); 28] = [
    ("01-bridge.svg", include_str!("../assets/cards/01-bridge.svg")),
    ("02-rope.svg", include_str!("../assets/cards/02-rope.svg")),
    ("03-round-table.svg", include_str!("../assets/cards/03-round-table.svg")),
    ("04-lighthouse.svg", include_str!("../assets/cards/04-lighthouse.svg")),
    ("05-seeds.svg", include_str!("../assets/cards/05-seeds.svg")),
    ("06-forest-path.svg", include_str!("../assets/cards/06-forest-path.svg")),
    ("07-open-door.svg", include_str!("../assets/cards/07-open-door.svg")),
    ("08-compass.svg", include_str!("../assets/cards/08-compass.svg")),
    ("09-mosaic.svg", include_str!("../assets/cards/09-mosaic.svg")),
    ("10-birds.svg", include_str!("../assets/cards/10-birds.svg")),
    ("11-ladder.svg", include_str!("../assets/cards/11-ladder.svg")),
    ("12-crossroads.svg", include_str!("../assets/cards/12-crossroads.svg")),
    ("13-jigsaw.svg", include_str!("../assets/cards/13-jigsaw.svg")),
    ("14-window.svg", include_str!("../assets/cards/14-window.svg")),
    ("15-town-square.svg", include_str!("../assets/cards/15-town-square.svg")),
    ("16-roots.svg", include_str!("../assets/cards/16-roots.svg")),
    ("17-kite.svg", include_str!("../assets/cards/17-kite.svg")),
    ("18-relay.svg", include_str!("../assets/cards/18-relay.svg")),
    ("19-megaphone-ear.svg", include_str!("../assets/cards/19-megaphone-ear.svg")),
    ("20-scales.svg", include_str!("../assets/cards/20-scales.svg")),
    ("21-greenhouse.svg", include_str!("../assets/cards/21-greenhouse.svg")),
    ("22-map-pins.svg", include_str!("../assets/cards/22-map-pins.svg")),
    ("23-sunrise.svg", include_str!("../assets/cards/23-sunrise.svg")),
    ("24-beehive.svg", include_str!("../assets/cards/24-beehive.svg")),
    ("25-stepping-stones.svg", include_str!("../assets/cards/25-stepping-stones.svg")),
    ("26-lantern.svg", include_str!("../assets/cards/26-lantern.svg")),
    ("27-circle-of-chairs.svg", include_str!("../assets/cards/27-circle-of-chairs.svg")),
    ("28-blocks.svg", include_str!("../assets/cards/28-blocks.svg")),
];

static BUILTIN: LazyLock<Vec<Card>> = LazyLock::new(|| match parse(DECK_TOML) {
    Ok(entries) => entries
        .into_iter()
        .filter_map(|entry| {
            let svg = FILES.iter().find(|(file, _)| *file == entry.file).map(|(_, svg)| *svg);
            if svg.is_none() {
                tracing::error!(file = entry.file, "a card of the built-in deck has no embedded image");
            }
            Some(entry.into_card(svg?))
        })
        .collect(),
    Err(error) => {
        tracing::error!(%error, "the built-in deck does not parse; photo language has no cards");
        Vec::new()
    }
});

/// A `[[card]]` table of `deck.toml`.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct Entry {
    file: String,
    id: String,
    title_fr: String,
    title_en: String,
    alt_fr: String,
    alt_en: String,
}

impl Entry {
    fn into_card(self, svg: &'static str) -> Card {
        Card {
            id: self.id,
            file: self.file,
            title_fr: self.title_fr,
            title_en: self.title_en,
            alt_fr: self.alt_fr,
            alt_en: self.alt_en,
            svg,
        }
    }

    fn is_complete(&self) -> bool {
        [&self.file, &self.id, &self.title_fr, &self.title_en, &self.alt_fr, &self.alt_en]
            .iter()
            .all(|value| !value.is_empty())
    }
}

/// The whole of `deck.toml`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Manifest {
    card: Vec<Entry>,
}

/// Reads `deck.toml`; the error says where and what is wrong.
fn parse(source: &str) -> Result<Vec<Entry>, String> {
    let manifest: Manifest = toml::from_str(source).map_err(|error| error.to_string())?;
    match manifest.card.iter().position(|entry| !entry.is_complete()) {
        Some(position) => Err(format!("card {} lacks a field", position + 1)),
        None => Ok(manifest.card),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::BTreeSet;

    #[test]
    fn every_card_of_deck_toml_has_its_image() {
        let entries = parse(DECK_TOML).expect("deck.toml parses");
        assert!(entries.len() >= 24, "the issue asks for at least 24 cards, deck.toml has {}", entries.len());
        for entry in &entries {
            assert!(FILES.iter().any(|(file, _)| *file == entry.file), "{} has no embedded image", entry.file);
            assert!(
                entry.file.ends_with(&format!("{}.svg", entry.id)),
                "{} is not the file of `{}`",
                entry.file,
                entry.id
            );
            assert!(converge_core::valid_key(&entry.id), "`{}` cannot be recorded as a card", entry.id);
        }
        assert_eq!(builtin().len(), entries.len(), "every card makes it into the deck");
        let ids: BTreeSet<&str> = builtin().iter().map(|card| card.id.as_str()).collect();
        assert_eq!(ids.len(), builtin().len(), "card ids are unique");
        let files: BTreeSet<&str> = entries.iter().map(|entry| entry.file.as_str()).collect();
        assert_eq!(files.len(), FILES.len(), "every embedded image is a card of deck.toml");
    }

    #[test]
    fn cards_have_captions_in_both_languages() {
        let card = card("bridge").expect("the bridge card");
        assert_eq!(card.title(Lang(Language::Fr)), "Le pont");
        assert_eq!(card.title(Lang(Language::En)), "The bridge");
        assert!(card.alt(Lang(Language::En)).starts_with("Two people"));
        assert!(card.svg.starts_with("<svg"));
    }

    /// Inlined markup runs with the page's rights: our cards hold drawing elements only.
    #[test]
    fn no_card_carries_script_style_links_or_handlers() {
        const ELEMENTS: [&str; 10] =
            ["svg", "g", "path", "rect", "circle", "ellipse", "line", "polyline", "polygon", "title"];
        for (file, svg) in FILES {
            let lower = svg.to_ascii_lowercase();
            for forbidden in ["<script", "style=", "<style", "href", "javascript:", "<foreignobject", "url(", "<image"]
            {
                assert!(!lower.contains(forbidden), "{file} contains `{forbidden}`");
            }
            for tag in lower.split('<').skip(1) {
                let name: String = tag.chars().take_while(|c| c.is_ascii_alphanumeric()).collect();
                if !name.is_empty() {
                    assert!(ELEMENTS.contains(&name.as_str()), "{file} has a <{name}> element");
                }
            }
            for token in lower.split(|c: char| c.is_whitespace() || c == '<') {
                if let Some((name, _)) = token.split_once('=') {
                    assert!(!name.starts_with("on"), "{file} has an event handler `{name}`");
                }
            }
            assert!(svg.trim_start().starts_with("<svg") && svg.trim_end().ends_with("</svg>"), "{file} is one <svg>");
        }
    }

    #[test]
    fn the_reader_refuses_what_it_does_not_understand() {
        let complete = "[[card]]\nfile = \"a.svg\"\nid = \"a\"\ntitle_fr = \"A\"\ntitle_en = \"A\"\nalt_fr = \"A\"\nalt_en = \"A\"\n";
        assert_eq!(parse(complete).map(|entries| entries.len()), Ok(1));
        assert!(parse("file = \"a.svg\"").is_err(), "a key before any card");
        assert!(parse("[[card]]\nfile = a.svg").is_err(), "an unquoted value");
        assert!(parse("[[card]]\ncolour = \"red\"").is_err(), "an unknown key");
        assert!(parse("[[card]]\nfile = \"a.svg\"").is_err(), "missing fields");
        assert!(parse(&format!("{complete}id = \"b\"\n")).is_err(), "a key given twice");
    }
}
