//! How the facilitator directs the projection screen beyond the focused activity: one
//! contribution in the spotlight, one part of a board zoomed on, the join panel, and whether
//! authors' names show.

use crate::{ActivityId, ContributionId};
use serde::{Deserialize, Serialize};

/// What the projection shows beyond the focus. Kept in the record like the focus, so every
/// screen (a second computer, a TV) shows the same, and a reload keeps it.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Projection {
    /// One contribution shown full screen, over the board. Cleared when the focus moves.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub spotlight: Option<ContributionId>,
    #[serde(default)]
    pub join_panel: JoinPanel,
    /// Authors' names stay off the screen, even in an activity where notes are signed (the
    /// phones and the console still show them).
    #[serde(default)]
    pub names_hidden: bool,
    /// One part of a board shown alone. Cleared when the focus moves.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub zoom: Option<Zoom>,
}

/// How the projection shows the join code and its QR code.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum JoinPanel {
    /// A third of the screen while nothing is shown, a corner once an activity is.
    #[default]
    Auto,
    /// A third of the screen whatever is shown: a wave of latecomers.
    Large,
    /// Off the screen.
    Hidden,
}

impl JoinPanel {
    pub const ALL: [JoinPanel; 3] = [JoinPanel::Auto, JoinPanel::Large, JoinPanel::Hidden];

    pub fn as_str(self) -> &'static str {
        match self {
            JoinPanel::Auto => "auto",
            JoinPanel::Large => "large",
            JoinPanel::Hidden => "hidden",
        }
    }

    pub fn parse(raw: &str) -> Option<JoinPanel> {
        JoinPanel::ALL.into_iter().find(|panel| panel.as_str() == raw)
    }
}

/// One part of a board the projection shows alone, the rest of the board set aside until the
/// facilitator zooms out or the room moves on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Zoom {
    /// The activity whose board is zoomed on.
    pub activity_id: ActivityId,
    pub part: BoardPart,
}

/// A part of a board: a category of a sorting board, a quadrant of a SWOT or of the
/// impact/feasibility matrix, a table of the room (its number from 0).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "part", rename_all = "snake_case")]
pub enum BoardPart {
    Category { category: u32 },
    Quadrant { quadrant: Quadrant },
    Table { table: u32 },
}

impl BoardPart {
    /// The part as a form's value names it: `category:3`, `quadrant:threat`, `table:0`.
    pub fn to_value(self) -> String {
        match self {
            BoardPart::Category { category } => format!("category:{category}"),
            BoardPart::Quadrant { quadrant } => format!("quadrant:{}", quadrant.as_str()),
            BoardPart::Table { table } => format!("table:{table}"),
        }
    }

    /// Reads what [`BoardPart::to_value`] wrote.
    pub fn parse(raw: &str) -> Option<BoardPart> {
        let (kind, value) = raw.split_once(':')?;
        match kind {
            "category" => value.parse().ok().map(|category| BoardPart::Category { category }),
            "quadrant" => Quadrant::parse(value).map(|quadrant| BoardPart::Quadrant { quadrant }),
            "table" => value.parse().ok().map(|table| BoardPart::Table { table }),
            _ => None,
        }
    }
}

/// A quadrant: one of a SWOT's four, or one of the impact/feasibility matrix's four (named as
/// the results document names them).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Quadrant {
    Strength,
    Weakness,
    Opportunity,
    Threat,
    QuickWin,
    BigBet,
    FillIn,
    MoneyPit,
}

impl Quadrant {
    pub const SWOT: [Quadrant; 4] = [Quadrant::Strength, Quadrant::Weakness, Quadrant::Opportunity, Quadrant::Threat];
    pub const MATRIX: [Quadrant; 4] = [Quadrant::QuickWin, Quadrant::BigBet, Quadrant::FillIn, Quadrant::MoneyPit];

    pub fn as_str(self) -> &'static str {
        match self {
            Quadrant::Strength => "strength",
            Quadrant::Weakness => "weakness",
            Quadrant::Opportunity => "opportunity",
            Quadrant::Threat => "threat",
            Quadrant::QuickWin => "quick_win",
            Quadrant::BigBet => "big_bet",
            Quadrant::FillIn => "fill_in",
            Quadrant::MoneyPit => "money_pit",
        }
    }

    pub fn parse(raw: &str) -> Option<Quadrant> {
        Quadrant::SWOT.into_iter().chain(Quadrant::MATRIX).find(|quadrant| quadrant.as_str() == raw)
    }

    /// The SWOT quadrant a note of this kind is posted in.
    pub fn of_kind(kind: crate::ContributionKind) -> Option<Quadrant> {
        Quadrant::SWOT.into_iter().find(|quadrant| quadrant.as_str() == kind.as_str())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quadrants_read_back_and_swot_ones_name_note_kinds() {
        for quadrant in Quadrant::SWOT.into_iter().chain(Quadrant::MATRIX) {
            assert_eq!(Quadrant::parse(quadrant.as_str()), Some(quadrant));
        }
        assert_eq!(Quadrant::parse("nowhere"), None);
        for part in [
            BoardPart::Category { category: 7 },
            BoardPart::Quadrant { quadrant: Quadrant::FillIn },
            BoardPart::Table { table: 0 },
        ] {
            assert_eq!(BoardPart::parse(&part.to_value()), Some(part));
        }
        for raw in ["", "table", "table:-1", "category:x", "quadrant:north", "seat:1"] {
            assert_eq!(BoardPart::parse(raw), None, "{raw}");
        }
        assert_eq!(Quadrant::of_kind(crate::ContributionKind::Threat), Some(Quadrant::Threat));
        assert_eq!(Quadrant::of_kind(crate::ContributionKind::Idea), None);
    }
}
