//! Each step feeds the next: which of its sources' outputs an activity takes.
//!
//! An activity with sources works on their contributions. [`Take`] (the `take` option of
//! [`crate::ActivityConfig`]) narrows them: all of them (unset, the behaviour of records made
//! before the option), the notes a categorize source filed into its categories (a brainwriting
//! then gives each sheet a category and its questions), the top N by a vote's or an assessment's
//! count, the items with at least k dots, or a shortlist the facilitator ticks by hand
//! (`Event::ShortlistSet`, revisable until the activity first opens).
//!
//! When an activity with a `take` rule opens, the engine resolves the rule with [`resolve`] and
//! records the chosen contribution ids (`Event::SelectionRecorded`) in the same append, so the
//! record shows exactly what was carried and later counts never shift it.
//!
//! [`Workshop::source_pool`] is the one place that says what a source offers (its live,
//! non-merged contributions); [`resolve`] only ever picks from it, so a filter added there (hidden
//! or removed notes) applies to every rule.

use crate::results::{MethodResult, ResultsDocument};
use crate::{
    Activity, ActivityId, ActivityKind, ActivityStatus, Category, Contribution, ContributionId, DomainError, Workshop,
};
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, BTreeSet};

/// True for the kinds whose output is the items they worked on rather than notes of their own.
pub fn works_on_items(kind: ActivityKind) -> bool {
    matches!(kind, ActivityKind::Vote | ActivityKind::Assess | ActivityKind::Categorize)
}

/// The largest N of a top-N rule, and the largest k of a dots rule.
pub const TAKE_MAX: u32 = 200;

/// Which of its sources' outputs an activity takes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "rule", rename_all = "snake_case")]
pub enum Take {
    /// Every live contribution of the sources, as when the option is unset.
    All,
    /// The notes a categorize source filed into its categories, by category: a brainwriting gives
    /// each sheet one category and the questions filed under it.
    Categories,
    /// The `n` best ranked by a source's count (a vote or an assessment); ties at the boundary go
    /// to the earlier posted.
    Top { n: u32 },
    /// The items that got at least `k` dots in a dot-vote source.
    MinDots { k: u32 },
    /// The items the facilitator ticked by hand in the console.
    Shortlist,
}

impl Take {
    /// The rule as templates and the console's form write it: `all`, `categories`, `top 10`,
    /// `dots 2`, `shortlist`.
    pub fn to_text(self) -> String {
        match self {
            Take::All => "all".into(),
            Take::Categories => "categories".into(),
            Take::Top { n } => format!("top {n}"),
            Take::MinDots { k } => format!("dots {k}"),
            Take::Shortlist => "shortlist".into(),
        }
    }

    /// Reads [`Take::to_text`]'s form; `None` for anything else.
    pub fn from_text(text: &str) -> Option<Take> {
        let mut words = text.split_whitespace();
        let rule = words.next()?;
        let number = words.next().map(str::parse::<u32>);
        if words.next().is_some() {
            return None;
        }
        match (rule, number) {
            ("all", None) => Some(Take::All),
            ("categories", None) => Some(Take::Categories),
            ("shortlist", None) => Some(Take::Shortlist),
            ("top", Some(Ok(n))) => Some(Take::Top { n }),
            ("dots", Some(Ok(k))) => Some(Take::MinDots { k }),
            _ => None,
        }
    }

    /// True when the rule leaves the sources' contributions as they are.
    pub fn is_all(self) -> bool {
        self == Take::All
    }

    /// The checks that need no workshop: numbers in range.
    pub(crate) fn check(self) -> Result<(), DomainError> {
        match self {
            Take::Top { n: number } | Take::MinDots { k: number } if number == 0 || number > TAKE_MAX => {
                Err(DomainError::InvalidConfig { reason: "take" })
            }
            _ => Ok(()),
        }
    }

    /// The checks against the sources themselves: a rule needs a source that can feed it.
    pub fn check_sources(self, kind: ActivityKind, sources: &[&Activity]) -> Result<(), DomainError> {
        let any = |test: &dyn Fn(&Activity) -> bool| sources.iter().any(|source| test(source));
        let fits = match self {
            Take::All | Take::Shortlist => true,
            Take::Categories => {
                kind == ActivityKind::Brainwriting && any(&|source| source.kind() == ActivityKind::Categorize)
            }
            Take::Top { .. } => any(&|source| matches!(source.kind(), ActivityKind::Vote | ActivityKind::Assess)),
            Take::MinDots { .. } => any(&|source| {
                source.kind() == ActivityKind::Vote
                    && source.settings.vote_rules().method == crate::voting::VoteMethod::Dots
            }),
        };
        if sources.is_empty() || !fits { Err(DomainError::InvalidConfig { reason: "take" }) } else { Ok(()) }
    }
}

impl Workshop {
    /// Whether `activity` takes a hand shortlist that is still empty while its sources offer
    /// items, and has not yet recorded its selection: opened now, it would have nothing to work
    /// on. The next step goes to the shortlist first.
    pub fn awaits_shortlist(&self, activity: &Activity) -> bool {
        activity.status == ActivityStatus::Draft
            && activity.settings.take == Some(Take::Shortlist)
            && activity.shortlist.is_empty()
            && !self.source_pool(activity).is_empty()
    }

    /// What an activity's sources offer, before any rule, in the order they were posted: the live
    /// contributions posted in each source, merged ones left out (they show within the note they
    /// were merged into); from a source that works on items of its own sources (a vote, an
    /// assessment, a categorize board), the items it worked on, so a chain carries its
    /// selection on.
    pub fn source_pool(&self, activity: &Activity) -> Vec<&Contribution> {
        let mut pool: Vec<&Contribution> = Vec::new();
        for source in activity.settings.sources.iter().filter_map(|source| self.activity(*source)) {
            if works_on_items(source.kind()) {
                pool.extend(self.source_contributions(source));
            } else {
                pool.extend(self.contributions_in(source.id).filter(|contribution| contribution.merged_into.is_none()));
            }
        }
        pool.sort_by_key(|contribution| contribution.seq);
        let mut seen = BTreeSet::new();
        pool.retain(|contribution| seen.insert(contribution.id));
        pool
    }

    /// The categories a brainwriting that takes `categories` gives its sheets, each with the
    /// notes of its selection filed under it: from its first categorize source. Empty for any
    /// other activity.
    pub fn sheet_categories(&self, activity: &Activity) -> Vec<(&Category, Vec<&Contribution>)> {
        if activity.settings.take != Some(Take::Categories) {
            return Vec::new();
        }
        let Some(source) = activity
            .settings
            .sources
            .iter()
            .filter_map(|source| self.activity(*source))
            .find(|source| source.kind() == ActivityKind::Categorize)
        else {
            return Vec::new();
        };
        let items: Vec<&Contribution> = self.source_contributions(activity).collect();
        source
            .settings
            .categories()
            .iter()
            .map(|category| {
                let filed = items
                    .iter()
                    .copied()
                    .filter(|item| source.placements.get(&item.id) == Some(&category.id))
                    .collect();
                (category, filed)
            })
            .collect()
    }

    /// The category and questions of brainwriting sheet `sheet`: sheets take the categories in
    /// turn (sheet 5 of a table of 6 with 4 categories takes the second).
    pub fn sheet_category(&self, activity: &Activity, sheet: u32) -> Option<(&Category, Vec<&Contribution>)> {
        let mut categories = self.sheet_categories(activity);
        if categories.is_empty() {
            return None;
        }
        let index = sheet as usize % categories.len();
        Some(categories.swap_remove(index))
    }
}

/// The contributions `activity` takes under its rule, from [`Workshop::source_pool`], in the order
/// they were posted (a top N in its ranking order). `counts` holds the counts of its sources (the
/// frozen one of a closed source, else the live one), by source; a rule that needs a count and
/// finds none takes nothing from that source. Always a subset of the pool, and the same for the
/// same state and counts.
pub fn resolve(
    workshop: &Workshop,
    activity: &Activity,
    counts: &BTreeMap<ActivityId, ResultsDocument>,
) -> Vec<ContributionId> {
    let pool = workshop.source_pool(activity);
    let in_pool: BTreeSet<ContributionId> = pool.iter().map(|contribution| contribution.id).collect();
    let posted: BTreeMap<ContributionId, usize> =
        pool.iter().enumerate().map(|(order, contribution)| (contribution.id, order)).collect();
    match activity.settings.take.unwrap_or(Take::All) {
        Take::All => pool.iter().map(|contribution| contribution.id).collect(),
        Take::Categories => {
            let filed = |contribution: &&&Contribution| {
                activity.settings.sources.iter().filter_map(|source| workshop.activity(*source)).any(|source| {
                    source.kind() == ActivityKind::Categorize && source.placements.contains_key(&contribution.id)
                })
            };
            pool.iter().filter(filed).map(|contribution| contribution.id).collect()
        }
        Take::Shortlist => {
            let chosen: BTreeSet<ContributionId> = activity.shortlist.iter().copied().collect();
            pool.iter().filter(|contribution| chosen.contains(&contribution.id)).map(|c| c.id).collect()
        }
        Take::Top { n } => {
            let mut ranked: Vec<ContributionId> = Vec::new();
            for source in &activity.settings.sources {
                let Some(count) = counts.get(source).and_then(ResultsDocument::count) else { continue };
                for tier in &count.ranking {
                    let mut tier: Vec<ContributionId> =
                        tier.iter().copied().filter(|item| in_pool.contains(item) && !ranked.contains(item)).collect();
                    // Ties go to the earlier posted: the same state always gives the same N.
                    tier.sort_by_key(|item| posted.get(item).copied().unwrap_or(usize::MAX));
                    ranked.extend(tier);
                }
            }
            ranked.truncate(n as usize);
            ranked
        }
        Take::MinDots { k } => {
            let mut enough = BTreeSet::new();
            for source in &activity.settings.sources {
                let Some(count) = counts.get(source).and_then(ResultsDocument::count) else { continue };
                let MethodResult::Dots(result) = &count.result else { continue };
                for (position, item) in count.items.iter().enumerate() {
                    if result.dots.get(position).is_some_and(|dots| *dots >= u64::from(k)) {
                        enough.insert(*item);
                    }
                }
            }
            pool.iter().filter(|contribution| enough.contains(&contribution.id)).map(|c| c.id).collect()
        }
    }
}

/// The sources of `activity` whose counts [`resolve`] needs: none unless its rule ranks or counts
/// dots.
pub fn counted_sources(activity: &Activity) -> Vec<ActivityId> {
    match activity.settings.take {
        Some(Take::Top { .. } | Take::MinDots { .. }) => activity.settings.sources.clone(),
        _ => Vec::new(),
    }
}

/// True when `activity` is open with a rule to resolve and nothing recorded yet.
pub fn selection_due(activity: &Activity) -> bool {
    activity.status == crate::ActivityStatus::Open
        && activity.selection.is_none()
        && activity.settings.take.is_some_and(|take| !take.is_all())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_text_form_reads_back() {
        for take in [Take::All, Take::Categories, Take::Top { n: 10 }, Take::MinDots { k: 2 }, Take::Shortlist] {
            assert_eq!(Take::from_text(&take.to_text()), Some(take));
        }
        for bad in ["", "top", "top ten", "dots -1", "shortlist 3", "best 3", "top 3 4"] {
            assert_eq!(Take::from_text(bad), None, "{bad}");
        }
    }

    #[test]
    fn numbers_are_checked() {
        assert!(Take::Top { n: 0 }.check().is_err());
        assert!(Take::Top { n: TAKE_MAX + 1 }.check().is_err());
        assert!(Take::MinDots { k: 0 }.check().is_err());
        assert!(Take::Top { n: 10 }.check().is_ok());
    }

    #[test]
    fn the_config_json_is_tagged_by_rule() {
        assert_eq!(serde_json::to_string(&Take::Top { n: 10 }).unwrap(), r#"{"rule":"top","n":10}"#);
        assert_eq!(serde_json::to_string(&Take::Shortlist).unwrap(), r#"{"rule":"shortlist"}"#);
        assert_eq!(serde_json::to_string(&Take::MinDots { k: 2 }).unwrap(), r#"{"rule":"min_dots","k":2}"#);
    }
}
