//! How the facilitator directs the projection screen beyond the focused activity: one
//! contribution in the spotlight, the join panel, and whether authors' names show.

use crate::ContributionId;
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
