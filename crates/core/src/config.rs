//! What an activity is set up with: its timing, whether it is anonymous, the earlier activities
//! it works on, its categories, criteria and brainwriting rules. Templates fill it in; the
//! facilitator edits it in the console.

use crate::{ActivityId, ActivityKind, DomainError};
use serde::{Deserialize, Serialize};

/// Limits on configurations, which the pages and the template checker cite too.
pub mod config_limits {
    pub const MINUTES_MAX: u32 = 600;
    pub const DAYS_MAX: u32 = 14;
    pub const CATEGORIES_MAX: usize = 12;
    pub const CRITERIA_MAX: usize = 10;
    pub const WEIGHT_MAX: u32 = 10;
    pub const NAME_MAX: usize = 60;
    pub const IDEAS_PER_ROUND_MAX: u32 = 10;
    pub const ROUND_MINUTES_MAX: u32 = 60;
    pub const TABLE_SIZE_MIN: u32 = 2;
    pub const TABLE_SIZE_MAX: u32 = 12;
}
use config_limits::*;

#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct ActivityConfig {
    /// The day of the workshop the activity belongs to (1 for the first), for multi-day agendas.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub day: Option<u32>,
    /// The planned duration, in minutes: shown on the agenda, and the timer's default.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub minutes: Option<u32>,
    /// Contributions are shown without their authors to the other participants and on the
    /// projection screen. The facilitator still sees them, for moderation.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub anonymous: bool,
    /// Earlier activities whose contributions this one works on: the challenges to reformulate,
    /// the notes to categorise, the questions that prompt brainwriting.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub sources: Vec<ActivityId>,
    /// The categories notes are sorted into (categorize).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub categories: Vec<Category>,
    /// The criteria items are scored on (assess).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub criteria: Vec<Criterion>,
    /// How rounds go (brainwriting).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub brainwriting: Option<BrainwritingConfig>,
    /// The image deck participants pick from (photo_language): `builtin`, or an uploaded deck.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub deck: Option<String>,
    /// Where the impact/feasibility matrix splits high from low, in tenths of a score (assess);
    /// the middle of the scale when unset.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub impact_threshold_tenths: Option<u32>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub feasibility_threshold_tenths: Option<u32>,
    /// How a vote is cast and counted (vote); majority judgment when unset.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub vote: Option<crate::voting::VoteConfig>,
    /// Who an action falls to (action_plan); the administration, the next government or both
    /// when unset.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub jurisdictions: Vec<Jurisdiction>,
}

/// One of the authorities an action may fall to.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Jurisdiction {
    /// A short stable key, e.g. `government`.
    pub key: String,
    pub name: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Category {
    /// Stable while the category is renamed.
    pub id: u32,
    pub name: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Criterion {
    /// A short stable key, e.g. `impact`.
    pub id: String,
    pub name: String,
    /// Relative weight in the overall score, 1 to 10.
    #[serde(default = "one")]
    pub weight: u32,
}

fn one() -> u32 {
    1
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct BrainwritingConfig {
    /// The most ideas one member writes on a sheet in a round (the 3 of 6-3-5).
    pub ideas_per_round: u32,
    /// The length of a round (the 5 of 6-3-5).
    pub round_minutes: u32,
    /// The size of a table when tables are formed for this activity (the 6 of 6-3-5).
    pub table_size: u32,
}

impl Default for BrainwritingConfig {
    fn default() -> Self {
        BrainwritingConfig { ideas_per_round: 3, round_minutes: 5, table_size: 6 }
    }
}

impl ActivityConfig {
    pub fn is_default(&self) -> bool {
        *self == ActivityConfig::default()
    }

    /// Checks the configuration on its own and for `kind`; `earlier` are the activities placed
    /// before this one on the agenda (sources must be among them).
    pub fn check(&self, kind: ActivityKind, own_id: ActivityId, earlier: &[ActivityId]) -> Result<(), DomainError> {
        let invalid = |reason: &'static str| Err(DomainError::InvalidConfig { reason });
        if self.minutes.is_some_and(|minutes| minutes == 0 || minutes > MINUTES_MAX) {
            return invalid("minutes");
        }
        if self.day.is_some_and(|day| day == 0 || day > DAYS_MAX) {
            return invalid("day");
        }
        for source in &self.sources {
            if *source == own_id || !earlier.contains(source) {
                return invalid("sources");
            }
        }
        if self.categories.len() > CATEGORIES_MAX
            || (kind == ActivityKind::Categorize && self.categories.is_empty())
            || !names_ok(self.categories.iter().map(|category| category.name.as_str()))
            || !unique(self.categories.iter().map(|category| category.id))
        {
            return invalid("categories");
        }
        if self.criteria.len() > CRITERIA_MAX
            || (kind == ActivityKind::Assess && self.criteria.is_empty())
            || !names_ok(self.criteria.iter().map(|criterion| criterion.name.as_str()))
            || !unique(self.criteria.iter().map(|criterion| criterion.id.as_str()))
            || self.criteria.iter().any(|criterion| !valid_key(&criterion.id))
            || self.criteria.iter().any(|criterion| criterion.weight == 0 || criterion.weight > WEIGHT_MAX)
        {
            return invalid("criteria");
        }
        if let Some(rules) = self.brainwriting
            && (rules.ideas_per_round == 0
                || rules.ideas_per_round > IDEAS_PER_ROUND_MAX
                || rules.round_minutes == 0
                || rules.round_minutes > ROUND_MINUTES_MAX
                || !(TABLE_SIZE_MIN..=TABLE_SIZE_MAX).contains(&rules.table_size))
        {
            return invalid("brainwriting");
        }
        if self.deck.as_deref().is_some_and(|deck| !valid_key(deck)) {
            return invalid("deck");
        }
        if let Some(vote) = &self.vote {
            vote.check()?;
        }
        if self.jurisdictions.len() > CATEGORIES_MAX
            || !names_ok(self.jurisdictions.iter().map(|jurisdiction| jurisdiction.name.as_str()))
            || !unique(self.jurisdictions.iter().map(|jurisdiction| jurisdiction.key.as_str()))
            || self.jurisdictions.iter().any(|jurisdiction| !valid_key(&jurisdiction.key))
        {
            return invalid("jurisdictions");
        }
        let on_scale = |tenths: u32| (10..=50).contains(&tenths);
        if !self.impact_threshold_tenths.is_none_or(on_scale) || !self.feasibility_threshold_tenths.is_none_or(on_scale)
        {
            return invalid("thresholds");
        }
        Ok(())
    }

    /// The vote's set-up, or majority judgment with its default grades.
    pub fn vote_rules(&self) -> crate::voting::VoteConfig {
        self.vote.unwrap_or_else(|| crate::voting::VoteConfig::new(crate::voting::VoteMethod::MajorityJudgment))
    }

    /// The keys of the jurisdictions an action may fall to.
    pub fn jurisdiction_keys(&self) -> Vec<String> {
        if self.jurisdictions.is_empty() {
            crate::outcomes::DEFAULT_JURISDICTIONS.iter().map(|key| (*key).to_owned()).collect()
        } else {
            self.jurisdictions.iter().map(|jurisdiction| jurisdiction.key.clone()).collect()
        }
    }

    /// The brainwriting rules, or the classic 6-3-5.
    pub fn brainwriting_rules(&self) -> BrainwritingConfig {
        self.brainwriting.unwrap_or_default()
    }
}

fn names_ok<'a>(mut names: impl Iterator<Item = &'a str>) -> bool {
    names.all(|name| {
        let n_chars = name.trim().chars().count();
        n_chars > 0 && n_chars <= NAME_MAX && !name.chars().any(char::is_control)
    })
}

fn unique<T: PartialEq>(items: impl Iterator<Item = T>) -> bool {
    let items: Vec<T> = items.collect();
    items.iter().enumerate().all(|(index, item)| !items[..index].contains(item))
}

/// A short key: lower-case ASCII letters, digits, `-` and `_`, 1 to 40 characters.
pub fn valid_key(key: &str) -> bool {
    (1..=40).contains(&key.len())
        && key.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-' || b == b'_')
}

#[cfg(test)]
mod tests {
    use super::*;
    use uuid::Uuid;

    fn id(n: u128) -> ActivityId {
        ActivityId::from_uuid(Uuid::from_u128(n))
    }

    #[test]
    fn categorize_needs_categories_and_assess_criteria() {
        assert!(ActivityConfig::default().check(ActivityKind::Categorize, id(1), &[]).is_err());
        assert!(ActivityConfig::default().check(ActivityKind::Assess, id(1), &[]).is_err());
        assert!(ActivityConfig::default().check(ActivityKind::Swot, id(1), &[]).is_ok());
        let categories = ActivityConfig {
            categories: vec![Category { id: 0, name: "Culture".into() }, Category { id: 1, name: "Outils".into() }],
            ..ActivityConfig::default()
        };
        assert!(categories.check(ActivityKind::Categorize, id(1), &[]).is_ok());
    }

    #[test]
    fn sources_must_come_earlier_on_the_agenda() {
        let config = ActivityConfig { sources: vec![id(1)], ..ActivityConfig::default() };
        assert!(config.check(ActivityKind::Reformulate, id(2), &[id(1)]).is_ok());
        assert!(config.check(ActivityKind::Reformulate, id(2), &[]).is_err());
        assert!(config.check(ActivityKind::Reformulate, id(1), &[id(1)]).is_err());
    }

    #[test]
    fn bad_values_are_refused_with_the_part_named() {
        let cases = [
            (ActivityConfig { minutes: Some(0), ..ActivityConfig::default() }, "minutes"),
            (
                ActivityConfig {
                    brainwriting: Some(BrainwritingConfig { ideas_per_round: 3, round_minutes: 5, table_size: 1 }),
                    ..ActivityConfig::default()
                },
                "brainwriting",
            ),
            (
                ActivityConfig {
                    criteria: vec![Criterion { id: "Impact!".into(), name: "Impact".into(), weight: 1 }],
                    ..ActivityConfig::default()
                },
                "criteria",
            ),
            (ActivityConfig { deck: Some("../etc".into()), ..ActivityConfig::default() }, "deck"),
        ];
        for (config, reason) in cases {
            assert_eq!(
                config.check(ActivityKind::Brainwriting, id(1), &[]),
                Err(DomainError::InvalidConfig { reason })
            );
        }
    }

    #[test]
    fn a_default_config_serialises_to_nothing() {
        assert_eq!(serde_json::to_string(&ActivityConfig::default()).unwrap(), "{}");
    }
}
