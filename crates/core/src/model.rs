//! The small closed vocabularies of the method: roles, activity kinds and statuses,
//! contribution kinds and languages.

use serde::{Deserialize, Serialize};

/// What someone may do in a workshop.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Role {
    /// Runs the room: opens and closes activities, manages the agenda.
    Facilitator,
    /// A participant with a badge, whose contributions can be shown separately.
    Expert,
    Participant,
    /// Follows the workshop without contributing.
    Observer,
}

impl Role {
    pub const ALL: [Role; 4] = [Role::Facilitator, Role::Expert, Role::Participant, Role::Observer];

    pub fn may_contribute(self) -> bool {
        !matches!(self, Role::Observer)
    }

    /// The room's voice in votes and assessments: the facilitator runs them and observers
    /// follow them, so neither votes nor counts in "how many have voted".
    pub fn votes(self) -> bool {
        matches!(self, Role::Participant | Role::Expert)
    }

    pub fn parse(raw: &str) -> Option<Role> {
        Role::ALL.into_iter().find(|role| role.as_str() == raw)
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Role::Facilitator => "facilitator",
            Role::Expert => "expert",
            Role::Participant => "participant",
            Role::Observer => "observer",
        }
    }
}

/// The kinds of activity of the method, in the order the Wallonia hackathon used them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ActivityKind {
    PhotoLanguage,
    Swot,
    Challenges,
    Reformulate,
    Categorize,
    Brainwriting,
    Assess,
    Vote,
    ActionPlan,
    RiskMap,
    OpinionMap,
}

impl ActivityKind {
    pub const ALL: [ActivityKind; 11] = [
        ActivityKind::PhotoLanguage,
        ActivityKind::Swot,
        ActivityKind::Challenges,
        ActivityKind::Reformulate,
        ActivityKind::Categorize,
        ActivityKind::Brainwriting,
        ActivityKind::Assess,
        ActivityKind::Vote,
        ActivityKind::ActionPlan,
        ActivityKind::RiskMap,
        ActivityKind::OpinionMap,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            ActivityKind::PhotoLanguage => "photo_language",
            ActivityKind::Swot => "swot",
            ActivityKind::Challenges => "challenges",
            ActivityKind::Reformulate => "reformulate",
            ActivityKind::Categorize => "categorize",
            ActivityKind::Brainwriting => "brainwriting",
            ActivityKind::Assess => "assess",
            ActivityKind::Vote => "vote",
            ActivityKind::ActionPlan => "action_plan",
            ActivityKind::RiskMap => "risk_map",
            ActivityKind::OpinionMap => "opinion_map",
        }
    }

    pub fn parse(raw: &str) -> Option<ActivityKind> {
        ActivityKind::ALL.into_iter().find(|kind| kind.as_str() == raw)
    }

    /// The contribution kinds participants may post here; empty when the activity works on
    /// what earlier activities produced instead of taking new notes.
    pub fn accepted_contributions(self) -> &'static [ContributionKind] {
        use ContributionKind as C;
        match self {
            ActivityKind::PhotoLanguage => &[C::Vision],
            ActivityKind::Swot => &[C::Strength, C::Weakness, C::Opportunity, C::Threat],
            ActivityKind::Challenges => &[C::Challenge],
            ActivityKind::Reformulate => &[C::Question],
            ActivityKind::Brainwriting => &[C::Idea],
            ActivityKind::RiskMap => &[C::Risk],
            ActivityKind::OpinionMap => &[C::Statement],
            ActivityKind::Categorize | ActivityKind::Assess | ActivityKind::Vote | ActivityKind::ActionPlan => &[],
        }
    }

    /// The kind a contribution gets when its author does not choose one; `None` when the
    /// author must choose (a SWOT note must say which quadrant it belongs to).
    pub fn default_contribution(self) -> Option<ContributionKind> {
        match self.accepted_contributions() {
            [only] => Some(*only),
            _ => None,
        }
    }

    pub fn accepts_contributions(self) -> bool {
        !self.accepted_contributions().is_empty()
    }
}

/// Where an activity is in its lifecycle: `draft → open → closed`, and closed activities can be
/// opened again.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ActivityStatus {
    Draft,
    Open,
    Closed,
}

impl ActivityStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            ActivityStatus::Draft => "draft",
            ActivityStatus::Open => "open",
            ActivityStatus::Closed => "closed",
        }
    }
}

/// What a contribution is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ContributionKind {
    Vision,
    Strength,
    Weakness,
    Opportunity,
    Threat,
    Challenge,
    Question,
    Idea,
    Risk,
    Statement,
}

impl ContributionKind {
    pub const ALL: [ContributionKind; 10] = [
        ContributionKind::Vision,
        ContributionKind::Strength,
        ContributionKind::Weakness,
        ContributionKind::Opportunity,
        ContributionKind::Threat,
        ContributionKind::Challenge,
        ContributionKind::Question,
        ContributionKind::Idea,
        ContributionKind::Risk,
        ContributionKind::Statement,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            ContributionKind::Vision => "vision",
            ContributionKind::Strength => "strength",
            ContributionKind::Weakness => "weakness",
            ContributionKind::Opportunity => "opportunity",
            ContributionKind::Threat => "threat",
            ContributionKind::Challenge => "challenge",
            ContributionKind::Question => "question",
            ContributionKind::Idea => "idea",
            ContributionKind::Risk => "risk",
            ContributionKind::Statement => "statement",
        }
    }

    pub fn parse(raw: &str) -> Option<ContributionKind> {
        ContributionKind::ALL.into_iter().find(|kind| kind.as_str() == raw)
    }
}

/// The languages Converge speaks. French comes first: it is the default everywhere.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Language {
    #[default]
    Fr,
    En,
}

impl Language {
    pub const ALL: [Language; 2] = [Language::Fr, Language::En];

    pub fn as_str(self) -> &'static str {
        match self {
            Language::Fr => "fr",
            Language::En => "en",
        }
    }

    /// Accepts a bare code or a regional tag (`fr-BE`, `en_GB`), case-insensitive.
    pub fn parse(raw: &str) -> Option<Language> {
        let primary = raw.trim().split(['-', '_']).next().unwrap_or_default().to_ascii_lowercase();
        Language::ALL.into_iter().find(|language| language.as_str() == primary)
    }
}
