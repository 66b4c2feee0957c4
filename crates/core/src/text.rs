//! Text that came from a person, validated once at the edge of the domain.
//!
//! Every type trims surrounding white space, normalises line endings and refuses control
//! characters (they corrupt exports and terminals), then checks its length in characters.

use crate::DomainError;
use serde::{Deserialize, Serialize};

/// The length limits, in characters, that the pages and the API document too.
pub mod limits {
    pub const NOTE_MAX: usize = 1000;
    pub const TITLE_MAX: usize = 120;
    pub const PROMPT_MAX: usize = 2000;
    pub const NAME_MAX: usize = 60;
    pub const SERVICE_MAX: usize = 80;
    /// The caption of an uploaded image card: short enough to sit under a thumbnail.
    pub const CARD_TITLE_MAX: usize = 60;
    /// How many other contributions one contribution may link to.
    pub const LINKS_MAX: usize = 20;
    /// Why the facilitator hid a note: a sentence its author reads on a phone.
    pub const HIDE_REASON_MAX: usize = 200;
}

/// Which piece of text a validation error is about; the web layer names it in the user's language.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TextField {
    Note,
    Title,
    Prompt,
    Name,
    Service,
}

impl TextField {
    pub fn as_str(self) -> &'static str {
        match self {
            TextField::Note => "text",
            TextField::Title => "title",
            TextField::Prompt => "prompt",
            TextField::Name => "name",
            TextField::Service => "service",
        }
    }
}

/// Characters that show nothing: text made only of these is empty.
fn is_invisible(c: char) -> bool {
    c.is_whitespace() || matches!(c, '\u{200B}'..='\u{200D}' | '\u{2060}' | '\u{FEFF}' | '\u{00AD}')
}

/// Bidirectional overrides and isolates can make a name or a note display as something else.
fn is_bidi_control(c: char) -> bool {
    matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
}

/// Checks a free-text field of up to `max` characters that may be empty, line breaks allowed.
pub(crate) fn clean_field(raw: &str, field: &'static str, max: usize) -> Result<String, DomainError> {
    clean(raw, field, 0, max, true)
}

fn clean(raw: &str, field: &'static str, min: usize, max: usize, multiline: bool) -> Result<String, DomainError> {
    let normalised = raw.replace("\r\n", "\n").replace('\r', "\n");
    let trimmed = normalised.trim();
    let allowed = |c: char| (!c.is_control() || (multiline && (c == '\n' || c == '\t'))) && !is_bidi_control(c);
    if !trimmed.chars().all(allowed) {
        return Err(DomainError::ControlCharacters { field });
    }
    let n_chars = trimmed.chars().count();
    if min > 0 && trimmed.chars().all(is_invisible) {
        return Err(DomainError::TextEmpty { field });
    }
    if n_chars < min {
        return Err(DomainError::TextEmpty { field });
    }
    if n_chars > max {
        return Err(DomainError::TextTooLong { field, max, actual: n_chars });
    }
    Ok(trimmed.to_owned())
}

macro_rules! text_type {
    ($(#[$doc:meta])* $name:ident, $field:expr, $min:expr, $max:expr, $multiline:expr) => {
        $(#[$doc])*
        #[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
        #[serde(transparent)]
        pub struct $name(String);

        impl $name {
            pub fn parse(raw: &str) -> Result<Self, DomainError> {
                clean(raw, $field.as_str(), $min, $max, $multiline).map(Self)
            }

            pub fn as_str(&self) -> &str {
                &self.0
            }

            pub fn into_string(self) -> String {
                self.0
            }
        }
    };
}

text_type!(
    /// The text of a note: 1 to 1,000 characters, line breaks allowed.
    NoteText, TextField::Note, 1, limits::NOTE_MAX, true
);
text_type!(
    /// A workshop or activity title: 1 to 120 characters on one line.
    Title, TextField::Title, 1, limits::TITLE_MAX, false
);
text_type!(
    /// The caption of an uploaded image card, also its alternative text: 1 to 60 characters.
    CardTitle, TextField::Title, 1, limits::CARD_TITLE_MAX, false
);
text_type!(
    /// The question an activity asks; may be empty.
    Prompt, TextField::Prompt, 0, limits::PROMPT_MAX, true
);
text_type!(
    /// The name a participant shows to the room: 1 to 60 characters.
    DisplayName, TextField::Name, 1, limits::NAME_MAX, false
);
text_type!(
    /// A participant's service or department; may be empty.
    ServiceName, TextField::Service, 0, limits::SERVICE_MAX, false
);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_note_is_trimmed_and_keeps_its_line_breaks() {
        let note = NoteText::parse("  first line\r\nsecond line \n").unwrap();
        assert_eq!(note.as_str(), "first line\nsecond line");
    }

    #[test]
    fn an_empty_or_blank_note_is_refused() {
        assert_eq!(NoteText::parse(""), Err(DomainError::TextEmpty { field: "text" }));
        assert_eq!(NoteText::parse(" \n\t "), Err(DomainError::TextEmpty { field: "text" }));
    }

    #[test]
    fn a_note_over_the_limit_is_refused_with_its_length() {
        let long = "é".repeat(limits::NOTE_MAX + 1);
        assert_eq!(
            NoteText::parse(&long),
            Err(DomainError::TextTooLong { field: "text", max: limits::NOTE_MAX, actual: limits::NOTE_MAX + 1 })
        );
        assert!(NoteText::parse(&"é".repeat(limits::NOTE_MAX)).is_ok(), "the limit counts characters, not bytes");
    }

    #[test]
    fn control_characters_are_refused_and_a_name_is_one_line() {
        assert_eq!(NoteText::parse("a\u{0}b"), Err(DomainError::ControlCharacters { field: "text" }));
        assert_eq!(DisplayName::parse("Ann\nBob"), Err(DomainError::ControlCharacters { field: "name" }));
        assert_eq!(DisplayName::parse("Anne-Sophie").unwrap().as_str(), "Anne-Sophie");
    }

    #[test]
    fn invisible_text_is_empty_and_bidi_overrides_are_refused() {
        assert_eq!(DisplayName::parse("\u{200B}\u{FEFF}"), Err(DomainError::TextEmpty { field: "name" }));
        assert_eq!(NoteText::parse("abc\u{202E}fed"), Err(DomainError::ControlCharacters { field: "text" }));
        assert!(NoteText::parse("l’état ✓ 🌍").is_ok());
    }

    #[test]
    fn a_service_may_be_empty_but_a_title_may_not() {
        assert_eq!(ServiceName::parse("  ").unwrap().as_str(), "");
        assert_eq!(Title::parse("  "), Err(DomainError::TextEmpty { field: "title" }));
    }
}
