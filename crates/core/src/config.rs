//! What an activity is set up with, in two forms.
//!
//! [`ActivityConfig`] is the settings as sent and recorded: one flat set of options for every
//! kind, inside `Command::AddActivity`/`UpdateActivity` and `Event::ActivityAdded`/
//! `ActivityUpdated`. Its JSON is the record's, so it never changes shape.
//!
//! [`ActivitySettings`] is what the state holds: the options every activity has (day, minutes,
//! anonymity, sources) and [`KindSettings`], one variant per [`ActivityKind`] with only that
//! kind's options (categories, criteria and matrix thresholds, brainwriting rules, deck, vote
//! set-up, jurisdictions). An activity's kind is its settings' variant, so the two never disagree.
//!
//! The two directions differ on purpose. Deciding is strict: [`ActivitySettings::parse`] refuses a
//! configuration that carries another kind's options (`not_for_kind`) or a bad value. Folding is
//! lenient: [`ActivitySettings::from_record`] keeps the kind's own options and drops the rest,
//! because logs recorded before the strict rule may carry them and `apply` never fails.
//! [`ActivitySettings::to_config`] writes the settings back as a configuration, so an edit starts
//! from what the activity has.

use crate::selection::Take;
use crate::voting::{VoteConfig, VoteMethod};
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

/// An activity's settings as sent and recorded, for any kind: unset options are left out of the
/// JSON, so a default configuration is `{}`. The state holds them as [`ActivitySettings`].
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
    /// Posting stops when the timer reaches zero: a note sent after that is refused
    /// (`time_is_up`) until the timer is started or extended again.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub lock_at_zero: bool,
    /// Earlier activities whose contributions this one works on: the challenges to reformulate,
    /// the notes to categorise, the questions that prompt brainwriting.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub sources: Vec<ActivityId>,
    /// Which of the sources' outputs the activity takes (`selection`): all of them when unset.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub take: Option<Take>,
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

    /// The first option set here that belongs to a kind other than `kind`, by its name in the
    /// JSON (and in templates), e.g. `categories` on a vote.
    pub fn option_of_another_kind(&self, kind: ActivityKind) -> Option<&'static str> {
        let set = [
            ("categories", ActivityKind::Categorize, !self.categories.is_empty()),
            ("criteria", ActivityKind::Assess, !self.criteria.is_empty()),
            ("impact_threshold_tenths", ActivityKind::Assess, self.impact_threshold_tenths.is_some()),
            ("feasibility_threshold_tenths", ActivityKind::Assess, self.feasibility_threshold_tenths.is_some()),
            ("brainwriting", ActivityKind::Brainwriting, self.brainwriting.is_some()),
            ("deck", ActivityKind::PhotoLanguage, self.deck.is_some()),
            ("vote", ActivityKind::Vote, self.vote.is_some()),
            ("jurisdictions", ActivityKind::ActionPlan, !self.jurisdictions.is_empty()),
        ];
        set.into_iter().find(|&(_, owner, is_set)| is_set && owner != kind).map(|(name, ..)| name)
    }
}

/// An activity's settings in the state: the options of every kind, and those of its own kind.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ActivitySettings {
    /// The day of the workshop the activity belongs to (1 for the first), for multi-day agendas.
    pub day: Option<u32>,
    /// The planned duration, in minutes: shown on the agenda, and the timer's default.
    pub minutes: Option<u32>,
    /// Contributions are shown without their authors to the other participants and on the
    /// projection screen. The facilitator still sees them, for moderation.
    pub anonymous: bool,
    /// Posting stops when the timer reaches zero.
    pub lock_at_zero: bool,
    /// Earlier activities whose contributions this one works on.
    pub sources: Vec<ActivityId>,
    /// Which of the sources' outputs it takes; all of them when unset.
    #[serde(default)]
    pub take: Option<Take>,
    /// The options of the activity's kind, which is this variant's.
    pub kind: KindSettings,
}

/// The options of each kind of activity; a kind without options of its own has a bare variant.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum KindSettings {
    PhotoLanguage {
        /// `builtin`, or an uploaded deck; the built-in deck when unset.
        deck: Option<String>,
    },
    Swot,
    Challenges,
    Reformulate,
    Categorize {
        categories: Vec<Category>,
    },
    /// The rules of the rounds, the classic 6-3-5 unless set.
    Brainwriting(BrainwritingConfig),
    Assess {
        criteria: Vec<Criterion>,
        /// Where the matrix splits high from low, in tenths of a score; the middle of the scale
        /// when unset.
        impact_threshold_tenths: Option<u32>,
        feasibility_threshold_tenths: Option<u32>,
    },
    /// How the vote is cast and counted, majority judgment unless set.
    Vote(VoteConfig),
    ActionPlan {
        /// Who an action may fall to; the three default authorities when empty.
        jurisdictions: Vec<Jurisdiction>,
    },
    RiskMap,
    OpinionMap,
}

impl KindSettings {
    pub fn kind(&self) -> ActivityKind {
        match self {
            KindSettings::PhotoLanguage { .. } => ActivityKind::PhotoLanguage,
            KindSettings::Swot => ActivityKind::Swot,
            KindSettings::Challenges => ActivityKind::Challenges,
            KindSettings::Reformulate => ActivityKind::Reformulate,
            KindSettings::Categorize { .. } => ActivityKind::Categorize,
            KindSettings::Brainwriting(_) => ActivityKind::Brainwriting,
            KindSettings::Assess { .. } => ActivityKind::Assess,
            KindSettings::Vote(_) => ActivityKind::Vote,
            KindSettings::ActionPlan { .. } => ActivityKind::ActionPlan,
            KindSettings::RiskMap => ActivityKind::RiskMap,
            KindSettings::OpinionMap => ActivityKind::OpinionMap,
        }
    }

    /// `kind`'s options as `config` sets them, any other kind's ignored.
    fn from_record(kind: ActivityKind, config: &ActivityConfig) -> KindSettings {
        match kind {
            ActivityKind::PhotoLanguage => KindSettings::PhotoLanguage { deck: config.deck.clone() },
            ActivityKind::Swot => KindSettings::Swot,
            ActivityKind::Challenges => KindSettings::Challenges,
            ActivityKind::Reformulate => KindSettings::Reformulate,
            ActivityKind::Categorize => KindSettings::Categorize { categories: config.categories.clone() },
            ActivityKind::Brainwriting => KindSettings::Brainwriting(config.brainwriting.unwrap_or_default()),
            ActivityKind::Assess => KindSettings::Assess {
                criteria: config.criteria.clone(),
                impact_threshold_tenths: config.impact_threshold_tenths,
                feasibility_threshold_tenths: config.feasibility_threshold_tenths,
            },
            ActivityKind::Vote => {
                KindSettings::Vote(config.vote.unwrap_or_else(|| VoteConfig::new(VoteMethod::MajorityJudgment)))
            }
            ActivityKind::ActionPlan => KindSettings::ActionPlan { jurisdictions: config.jurisdictions.clone() },
            ActivityKind::RiskMap => KindSettings::RiskMap,
            ActivityKind::OpinionMap => KindSettings::OpinionMap,
        }
    }

    /// Writes these options into `config`, whose other kinds' options stay unset.
    fn write_into(&self, config: &mut ActivityConfig) {
        match self {
            KindSettings::PhotoLanguage { deck } => config.deck.clone_from(deck),
            KindSettings::Categorize { categories } => config.categories.clone_from(categories),
            KindSettings::Brainwriting(rules) => config.brainwriting = Some(*rules),
            KindSettings::Assess { criteria, impact_threshold_tenths, feasibility_threshold_tenths } => {
                config.criteria.clone_from(criteria);
                config.impact_threshold_tenths = *impact_threshold_tenths;
                config.feasibility_threshold_tenths = *feasibility_threshold_tenths;
            }
            KindSettings::Vote(rules) => config.vote = Some(*rules),
            KindSettings::ActionPlan { jurisdictions } => config.jurisdictions.clone_from(jurisdictions),
            KindSettings::Swot
            | KindSettings::Challenges
            | KindSettings::Reformulate
            | KindSettings::RiskMap
            | KindSettings::OpinionMap => {}
        }
    }

    fn check(&self) -> Result<(), DomainError> {
        let invalid = |reason: &'static str| Err(DomainError::InvalidConfig { reason });
        match self {
            KindSettings::Categorize { categories } => {
                if categories.is_empty()
                    || categories.len() > CATEGORIES_MAX
                    || !names_ok(categories.iter().map(|category| category.name.as_str()))
                    || !unique(categories.iter().map(|category| category.id))
                {
                    return invalid("categories");
                }
            }
            KindSettings::Assess { criteria, impact_threshold_tenths, feasibility_threshold_tenths } => {
                if criteria.is_empty()
                    || criteria.len() > CRITERIA_MAX
                    || !names_ok(criteria.iter().map(|criterion| criterion.name.as_str()))
                    || !unique(criteria.iter().map(|criterion| criterion.id.as_str()))
                    || criteria.iter().any(|criterion| !valid_key(&criterion.id))
                    || criteria.iter().any(|criterion| criterion.weight == 0 || criterion.weight > WEIGHT_MAX)
                {
                    return invalid("criteria");
                }
                let on_scale = |tenths: u32| (10..=50).contains(&tenths);
                if !impact_threshold_tenths.is_none_or(on_scale) || !feasibility_threshold_tenths.is_none_or(on_scale) {
                    return invalid("thresholds");
                }
            }
            KindSettings::Brainwriting(rules) => {
                if rules.ideas_per_round == 0
                    || rules.ideas_per_round > IDEAS_PER_ROUND_MAX
                    || rules.round_minutes == 0
                    || rules.round_minutes > ROUND_MINUTES_MAX
                    || !(TABLE_SIZE_MIN..=TABLE_SIZE_MAX).contains(&rules.table_size)
                {
                    return invalid("brainwriting");
                }
            }
            KindSettings::PhotoLanguage { deck } => {
                if deck.as_deref().is_some_and(|deck| !valid_key(deck)) {
                    return invalid("deck");
                }
            }
            KindSettings::Vote(rules) => rules.check()?,
            KindSettings::ActionPlan { jurisdictions } => {
                if jurisdictions.len() > CATEGORIES_MAX
                    || !names_ok(jurisdictions.iter().map(|jurisdiction| jurisdiction.name.as_str()))
                    || !unique(jurisdictions.iter().map(|jurisdiction| jurisdiction.key.as_str()))
                    || jurisdictions.iter().any(|jurisdiction| !valid_key(&jurisdiction.key))
                {
                    return invalid("jurisdictions");
                }
            }
            KindSettings::Swot
            | KindSettings::Challenges
            | KindSettings::Reformulate
            | KindSettings::RiskMap
            | KindSettings::OpinionMap => {}
        }
        Ok(())
    }
}

impl ActivitySettings {
    /// The settings `config` gives an activity of `kind`, checked as a command must be: a bad
    /// value is refused naming its part, and so is an option of another kind (`not_for_kind`).
    /// `earlier` are the activities placed before this one on the agenda (sources must be among
    /// them).
    pub fn parse(
        kind: ActivityKind,
        config: &ActivityConfig,
        own_id: ActivityId,
        earlier: &[ActivityId],
    ) -> Result<ActivitySettings, DomainError> {
        let invalid = |reason: &'static str| Err(DomainError::InvalidConfig { reason });
        if config.minutes.is_some_and(|minutes| minutes == 0 || minutes > MINUTES_MAX) {
            return invalid("minutes");
        }
        if config.day.is_some_and(|day| day == 0 || day > DAYS_MAX) {
            return invalid("day");
        }
        for source in &config.sources {
            if *source == own_id || !earlier.contains(source) {
                return invalid("sources");
            }
        }
        if let Some(take) = config.take {
            // A rule picks among sources' outputs: without a source there is nothing to pick.
            if config.sources.is_empty() {
                return invalid("take");
            }
            take.check()?;
        }
        if config.option_of_another_kind(kind).is_some() {
            return invalid("not_for_kind");
        }
        let settings = ActivitySettings::from_record(kind, config);
        settings.kind.check()?;
        Ok(settings)
    }

    /// The settings a recorded configuration gives an activity of `kind`, unchecked: events were
    /// checked when decided. Another kind's options, which the record may hold from before they
    /// were refused, are left out.
    pub fn from_record(kind: ActivityKind, config: &ActivityConfig) -> ActivitySettings {
        ActivitySettings {
            day: config.day,
            minutes: config.minutes,
            anonymous: config.anonymous,
            lock_at_zero: config.lock_at_zero,
            sources: config.sources.clone(),
            take: config.take,
            kind: KindSettings::from_record(kind, config),
        }
    }

    /// The settings as a configuration, to send back edited: parsing it again for the same kind
    /// gives these settings.
    pub fn to_config(&self) -> ActivityConfig {
        let mut config = ActivityConfig {
            day: self.day,
            minutes: self.minutes,
            anonymous: self.anonymous,
            lock_at_zero: self.lock_at_zero,
            sources: self.sources.clone(),
            take: self.take,
            ..ActivityConfig::default()
        };
        self.kind.write_into(&mut config);
        config
    }

    pub fn kind(&self) -> ActivityKind {
        self.kind.kind()
    }

    /// The categories notes are sorted into; none but in a categorize activity.
    pub fn categories(&self) -> &[Category] {
        match &self.kind {
            KindSettings::Categorize { categories } => categories,
            _ => &[],
        }
    }

    /// The criteria items are scored on; none but in an assessment.
    pub fn criteria(&self) -> &[Criterion] {
        match &self.kind {
            KindSettings::Assess { criteria, .. } => criteria,
            _ => &[],
        }
    }

    /// Where the matrix splits high from low on impact, in tenths; unset for the middle of the
    /// scale, and always unset but in an assessment.
    pub fn impact_threshold_tenths(&self) -> Option<u32> {
        match self.kind {
            KindSettings::Assess { impact_threshold_tenths, .. } => impact_threshold_tenths,
            _ => None,
        }
    }

    /// Where the matrix splits high from low on feasibility, like the impact threshold.
    pub fn feasibility_threshold_tenths(&self) -> Option<u32> {
        match self.kind {
            KindSettings::Assess { feasibility_threshold_tenths, .. } => feasibility_threshold_tenths,
            _ => None,
        }
    }

    /// The deck named for a photo-language activity; none means the built-in deck.
    pub fn deck(&self) -> Option<&str> {
        match &self.kind {
            KindSettings::PhotoLanguage { deck } => deck.as_deref(),
            _ => None,
        }
    }

    /// The vote's set-up; majority judgment with its default grades but in a vote.
    pub fn vote_rules(&self) -> VoteConfig {
        match self.kind {
            KindSettings::Vote(rules) => rules,
            _ => VoteConfig::new(VoteMethod::MajorityJudgment),
        }
    }

    /// The brainwriting rules; the classic 6-3-5 but in a brainwriting.
    pub fn brainwriting_rules(&self) -> BrainwritingConfig {
        match self.kind {
            KindSettings::Brainwriting(rules) => rules,
            _ => BrainwritingConfig::default(),
        }
    }

    /// The authorities the facilitator named for an action plan; none means the defaults.
    pub fn jurisdictions(&self) -> &[Jurisdiction] {
        match &self.kind {
            KindSettings::ActionPlan { jurisdictions } => jurisdictions,
            _ => &[],
        }
    }

    /// The keys of the jurisdictions an action may fall to: those named, or the defaults.
    pub fn jurisdiction_keys(&self) -> Vec<String> {
        let named = self.jurisdictions();
        if named.is_empty() {
            crate::outcomes::DEFAULT_JURISDICTIONS.iter().map(|key| (*key).to_owned()).collect()
        } else {
            named.iter().map(|jurisdiction| jurisdiction.key.clone()).collect()
        }
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

    fn parse(kind: ActivityKind, config: &ActivityConfig) -> Result<ActivitySettings, DomainError> {
        ActivitySettings::parse(kind, config, id(1), &[])
    }

    fn categories() -> Vec<Category> {
        vec![Category { id: 0, name: "Culture".into() }, Category { id: 1, name: "Outils".into() }]
    }

    #[test]
    fn categorize_needs_categories_and_assess_criteria() {
        assert!(parse(ActivityKind::Categorize, &ActivityConfig::default()).is_err());
        assert!(parse(ActivityKind::Assess, &ActivityConfig::default()).is_err());
        assert!(parse(ActivityKind::Swot, &ActivityConfig::default()).is_ok());
        let config = ActivityConfig { categories: categories(), ..ActivityConfig::default() };
        let settings = parse(ActivityKind::Categorize, &config).unwrap();
        assert_eq!(settings.kind(), ActivityKind::Categorize);
        assert_eq!(settings.categories(), categories().as_slice());
    }

    #[test]
    fn sources_must_come_earlier_on_the_agenda() {
        let config = ActivityConfig { sources: vec![id(1)], ..ActivityConfig::default() };
        assert!(ActivitySettings::parse(ActivityKind::Reformulate, &config, id(2), &[id(1)]).is_ok());
        assert!(ActivitySettings::parse(ActivityKind::Reformulate, &config, id(2), &[]).is_err());
        assert!(ActivitySettings::parse(ActivityKind::Reformulate, &config, id(1), &[id(1)]).is_err());
    }

    #[test]
    fn a_take_rule_needs_sources_and_numbers_in_range() {
        let take = |take: Take, sources: Vec<ActivityId>| ActivityConfig {
            take: Some(take),
            sources,
            ..ActivityConfig::default()
        };
        let parse = |config: &ActivityConfig| ActivitySettings::parse(ActivityKind::Vote, config, id(2), &[id(1)]);
        assert_eq!(parse(&take(Take::Shortlist, vec![])), Err(DomainError::InvalidConfig { reason: "take" }));
        assert_eq!(parse(&take(Take::Top { n: 0 }, vec![id(1)])), Err(DomainError::InvalidConfig { reason: "take" }));
        let settings = parse(&take(Take::Top { n: 10 }, vec![id(1)])).unwrap();
        assert_eq!(settings.take, Some(Take::Top { n: 10 }));
        assert_eq!(settings.to_config().take, Some(Take::Top { n: 10 }));
        // Unset, it is left out of the record: older records read the same.
        let json =
            serde_json::to_string(&ActivityConfig { sources: vec![id(1)], ..ActivityConfig::default() }).unwrap();
        assert!(!json.contains("take"), "{json}");
        let json = serde_json::to_string(&take(Take::Shortlist, vec![id(1)])).unwrap();
        assert!(json.contains(r#""take":{"rule":"shortlist"}"#), "{json}");
    }

    #[test]
    fn bad_values_are_refused_with_the_part_named() {
        let cases = [
            (ActivityKind::Swot, ActivityConfig { minutes: Some(0), ..ActivityConfig::default() }, "minutes"),
            (
                ActivityKind::Brainwriting,
                ActivityConfig {
                    brainwriting: Some(BrainwritingConfig { ideas_per_round: 3, round_minutes: 5, table_size: 1 }),
                    ..ActivityConfig::default()
                },
                "brainwriting",
            ),
            (
                ActivityKind::Assess,
                ActivityConfig {
                    criteria: vec![Criterion { id: "Impact!".into(), name: "Impact".into(), weight: 1 }],
                    ..ActivityConfig::default()
                },
                "criteria",
            ),
            (
                ActivityKind::PhotoLanguage,
                ActivityConfig { deck: Some("../etc".into()), ..ActivityConfig::default() },
                "deck",
            ),
        ];
        for (kind, config, reason) in cases {
            assert_eq!(parse(kind, &config), Err(DomainError::InvalidConfig { reason }));
        }
    }

    /// One configuration setting each kind-specific option, valid for its own kind.
    fn every_option() -> ActivityConfig {
        ActivityConfig {
            categories: categories(),
            criteria: vec![Criterion { id: "impact".into(), name: "Impact".into(), weight: 2 }],
            impact_threshold_tenths: Some(30),
            feasibility_threshold_tenths: Some(25),
            brainwriting: Some(BrainwritingConfig { ideas_per_round: 2, round_minutes: 4, table_size: 5 }),
            deck: Some("builtin".into()),
            vote: Some(VoteConfig::new(VoteMethod::Borda)),
            jurisdictions: vec![Jurisdiction { key: "city".into(), name: "The city".into() }],
            ..ActivityConfig::default()
        }
    }

    #[test]
    fn every_option_of_another_kind_is_refused_and_its_own_kinds_kept() {
        let all = every_option();
        for kind in ActivityKind::ALL {
            assert_eq!(parse(kind, &all), Err(DomainError::InvalidConfig { reason: "not_for_kind" }), "{kind:?}");
            // Only this kind's own options: accepted, and written back as they were sent.
            let own = ActivitySettings::from_record(kind, &all).to_config();
            assert!(own.option_of_another_kind(kind).is_none(), "{kind:?}");
            let settings = parse(kind, &own).unwrap_or_else(|error| panic!("{kind:?}: {error:?}"));
            assert_eq!(settings.kind(), kind);
            assert_eq!(settings.to_config(), own, "{kind:?}");
        }
    }

    #[test]
    fn each_option_names_the_kind_it_belongs_to() {
        let single = [
            (ActivityKind::Categorize, ActivityConfig { categories: categories(), ..ActivityConfig::default() }),
            (ActivityKind::Assess, ActivityConfig { impact_threshold_tenths: Some(30), ..ActivityConfig::default() }),
            (
                ActivityKind::Brainwriting,
                ActivityConfig { brainwriting: Some(BrainwritingConfig::default()), ..ActivityConfig::default() },
            ),
            (ActivityKind::PhotoLanguage, ActivityConfig { deck: Some("builtin".into()), ..ActivityConfig::default() }),
            (
                ActivityKind::Vote,
                ActivityConfig { vote: Some(VoteConfig::new(VoteMethod::Borda)), ..ActivityConfig::default() },
            ),
            (
                ActivityKind::ActionPlan,
                ActivityConfig {
                    jurisdictions: vec![Jurisdiction { key: "city".into(), name: "The city".into() }],
                    ..ActivityConfig::default()
                },
            ),
        ];
        for (owner, config) in single {
            for kind in ActivityKind::ALL {
                assert_eq!(config.option_of_another_kind(kind).is_some(), kind != owner, "{owner:?} on {kind:?}");
            }
        }
    }

    #[test]
    fn a_recorded_option_of_another_kind_is_dropped_and_defaults_fill_in() {
        let settings = ActivitySettings::from_record(ActivityKind::Vote, &every_option());
        assert_eq!(settings.kind, KindSettings::Vote(VoteConfig::new(VoteMethod::Borda)));
        assert!(settings.categories().is_empty() && settings.criteria().is_empty() && settings.deck().is_none());
        assert_eq!(settings.brainwriting_rules(), BrainwritingConfig::default());
        let bare = ActivitySettings::from_record(ActivityKind::Vote, &ActivityConfig::default());
        assert_eq!(bare.vote_rules(), VoteConfig::new(VoteMethod::MajorityJudgment));
        let brainwriting = ActivitySettings::from_record(ActivityKind::Brainwriting, &ActivityConfig::default());
        assert_eq!(brainwriting.brainwriting_rules(), BrainwritingConfig::default());
    }

    #[test]
    fn a_default_config_serialises_to_nothing() {
        assert_eq!(serde_json::to_string(&ActivityConfig::default()).unwrap(), "{}");
    }
}
