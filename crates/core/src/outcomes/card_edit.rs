//! Carrying an edit of an action card over onto the card as it now is.
//!
//! Two people may edit the same card at once; the second to save is refused
//! (`DomainError::EditConflict`) rather than silently overwriting the first. [`merge_edit`] is
//! the rule that then offers them a form with both changes: what they changed wins, what they
//! left as they found it follows the card.

use crate::{ActionCard, ContributionId};

/// The fields of an action card a person writes, by the names the core's errors use, in the
/// order of the card.
pub const CARD_FIELDS: [&str; 9] =
    ["title", "description", "rationale", "owner", "jurisdiction", "horizon", "first_steps", "resources", "indicators"];

impl ActionCard {
    /// The field named `field` (one of [`CARD_FIELDS`]); empty for any other name.
    pub fn field(&self, field: &str) -> &str {
        match field {
            "title" => &self.title,
            "description" => &self.description,
            "rationale" => &self.rationale,
            "owner" => &self.owner,
            "jurisdiction" => &self.jurisdiction,
            "horizon" => &self.horizon,
            "first_steps" => &self.first_steps,
            "resources" => &self.resources,
            "indicators" => &self.indicators,
            _ => "",
        }
    }

    /// Sets the field named `field` (one of [`CARD_FIELDS`]); any other name changes nothing.
    pub fn set_field(&mut self, field: &str, value: String) {
        let slot = match field {
            "title" => &mut self.title,
            "description" => &mut self.description,
            "rationale" => &mut self.rationale,
            "owner" => &mut self.owner,
            "jurisdiction" => &mut self.jurisdiction,
            "horizon" => &mut self.horizon,
            "first_steps" => &mut self.first_steps,
            "resources" => &mut self.resources,
            "indicators" => &mut self.indicators,
            _ => return,
        };
        *slot = value;
    }
}

/// A card as someone edits it: its fields as typed and the sources ticked.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct CardEdit {
    pub card: ActionCard,
    pub sources: Vec<ContributionId>,
}

/// Carries an edit over onto the card as it now is: a field the editor left as they found it
/// takes the current value, a field they changed keeps theirs; sources they added or removed are
/// added to or removed from the current ones. Returns the merged edit and the fields both sides
/// changed differently (where the editor's value wins, and the page shows the other).
pub fn merge_edit(started_from: &CardEdit, attempted: &CardEdit, current: &CardEdit) -> (CardEdit, Vec<&'static str>) {
    let mut merged = current.clone();
    let mut clashing = Vec::new();
    for field in CARD_FIELDS {
        let (was, mine, now) = (started_from.card.field(field), attempted.card.field(field), current.card.field(field));
        if mine.trim() != was.trim() {
            if now.trim() != was.trim() && now.trim() != mine.trim() {
                clashing.push(field);
            }
            merged.card.set_field(field, mine.to_owned());
        }
    }
    merged.sources.retain(|source| !started_from.sources.contains(source) || attempted.sources.contains(source));
    for source in &attempted.sources {
        if !started_from.sources.contains(source) && !merged.sources.contains(source) {
            merged.sources.push(*source);
        }
    }
    (merged, clashing)
}
