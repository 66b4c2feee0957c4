//! What a workshop produces and what becomes of it: action cards with their sources and the
//! room's consensus, rated risks, the fate of every contribution, the provenance of every
//! action, and the follow-up of actions after the workshop.

mod card_edit;
mod material;

pub use card_edit::{CARD_FIELDS, CardEdit, merge_edit};
pub use material::{Material, material, material_priority};

use crate::text::limits;
use crate::{ActionId, ContributionId, DomainError, Subject, Timestamp, Workshop};
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, BTreeSet, VecDeque};
use std::fmt;

/// Limits on action cards and follow-up, which the pages cite too.
pub mod outcome_limits {
    /// An action's owner or the person who answers for it.
    pub const OWNER_MAX: usize = 120;
    /// A horizon: "2026", "before the 2029 elections", "2027-06-30".
    pub const HORIZON_MAX: usize = 80;
    /// A reason, a progress note, an objection.
    pub const NOTE_MAX: usize = 2000;
    /// The sources one action card names.
    pub const SOURCES_MAX: usize = 40;
    /// The actions one risk is mitigated by.
    pub const MITIGATIONS_MAX: usize = 20;
    /// The contributions one fate decision covers.
    pub const FATE_BATCH_MAX: usize = 2000;
    /// The status updates one import applies.
    pub const STATUS_BATCH_MAX: usize = 1000;
    /// Likelihood and impact are rated from 1 to this.
    pub const RATING_MAX: u8 = 5;
}
use outcome_limits::*;

/// The jurisdictions an action falls under when the activity names none: what the
/// administration does itself, what falls to the next government, and what they share.
pub const DEFAULT_JURISDICTIONS: [&str; 3] = ["administration", "government", "shared"];

/// An action card's content, as drafted or last edited.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct ActionCard {
    pub title: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub description: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub rationale: String,
    /// The service or person who carries the action.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub owner: String,
    /// A key among the activity's jurisdictions.
    pub jurisdiction: String,
    /// A target date or period.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub horizon: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub first_steps: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub resources: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub indicators: String,
}

impl ActionCard {
    /// Validates every field of a card as it arrives from a person; `jurisdictions` are the keys
    /// the activity allows.
    pub fn parse(raw: ActionCard, jurisdictions: &[String]) -> Result<ActionCard, DomainError> {
        let title = crate::Title::parse(&raw.title)?.into_string();
        let field = |value: &str, field: &'static str, max: usize| crate::text::clean_field(value, field, max);
        let jurisdiction = raw.jurisdiction.trim().to_owned();
        if !jurisdictions.contains(&jurisdiction) {
            return Err(DomainError::UnknownJurisdiction);
        }
        Ok(ActionCard {
            title,
            description: field(&raw.description, "description", limits::NOTE_MAX)?,
            rationale: field(&raw.rationale, "rationale", limits::NOTE_MAX)?,
            owner: field(&raw.owner, "owner", OWNER_MAX)?,
            jurisdiction,
            horizon: field(&raw.horizon, "horizon", HORIZON_MAX)?,
            first_steps: field(&raw.first_steps, "first_steps", limits::NOTE_MAX)?,
            resources: field(&raw.resources, "resources", limits::NOTE_MAX)?,
            indicators: field(&raw.indicators, "indicators", limits::NOTE_MAX)?,
        })
    }
}

/// Where a participant stands on an action card (a consensus check, not a vote).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Stance {
    Agree,
    /// Not their preference, but they will not stand in its way.
    CanLiveWith,
    /// They object, and say why.
    Object,
}

impl Stance {
    pub const ALL: [Stance; 3] = [Stance::Agree, Stance::CanLiveWith, Stance::Object];

    pub fn as_str(self) -> &'static str {
        match self {
            Stance::Agree => "agree",
            Stance::CanLiveWith => "can_live_with",
            Stance::Object => "object",
        }
    }

    pub fn parse(raw: &str) -> Option<Stance> {
        Stance::ALL.into_iter().find(|stance| stance.as_str() == raw)
    }
}

/// Where an action stands after the workshop.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ActionStatus {
    #[default]
    Planned,
    InProgress,
    Done,
    /// Given up, with a reason.
    Dropped,
}

impl ActionStatus {
    pub const ALL: [ActionStatus; 4] =
        [ActionStatus::Planned, ActionStatus::InProgress, ActionStatus::Done, ActionStatus::Dropped];

    pub fn as_str(self) -> &'static str {
        match self {
            ActionStatus::Planned => "planned",
            ActionStatus::InProgress => "in_progress",
            ActionStatus::Done => "done",
            ActionStatus::Dropped => "dropped",
        }
    }

    pub fn parse(raw: &str) -> Option<ActionStatus> {
        ActionStatus::ALL.into_iter().find(|status| status.as_str() == raw)
    }

    /// Done and dropped actions expect no further update.
    pub fn is_final(self) -> bool {
        matches!(self, ActionStatus::Done | ActionStatus::Dropped)
    }
}

/// A day in the Gregorian calendar, written `YYYY-MM-DD`: when an update is due.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct CalendarDate {
    year: u16,
    month: u8,
    day: u8,
}

impl CalendarDate {
    pub fn new(year: u16, month: u8, day: u8) -> Option<CalendarDate> {
        let leap = (year.is_multiple_of(4) && !year.is_multiple_of(100)) || year.is_multiple_of(400);
        let days = match month {
            1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
            4 | 6 | 9 | 11 => 30,
            2 if leap => 29,
            2 => 28,
            _ => return None,
        };
        ((1..=days).contains(&day) && (1970..=9999).contains(&year)).then_some(CalendarDate { year, month, day })
    }

    pub fn parse(raw: &str) -> Option<CalendarDate> {
        let raw = raw.trim();
        let bytes = raw.as_bytes();
        if bytes.len() != 10 || bytes[4] != b'-' || bytes[7] != b'-' {
            return None;
        }
        let number = |range: std::ops::Range<usize>| -> Option<u16> {
            let part = &raw[range];
            part.bytes().all(|b| b.is_ascii_digit()).then(|| part.parse().ok())?
        };
        CalendarDate::new(number(0..4)?, u8::try_from(number(5..7)?).ok()?, u8::try_from(number(8..10)?).ok()?)
    }

    pub fn year(self) -> u16 {
        self.year
    }

    /// 1 for January to 12 for December.
    pub fn month(self) -> u8 {
        self.month
    }

    pub fn day(self) -> u8 {
        self.day
    }

    /// Days since 1970-01-01 (days-from-civil).
    fn day_number(self) -> i64 {
        let year = i64::from(self.year) - i64::from(self.month <= 2);
        let era = year.div_euclid(400);
        let year_of_era = year - era * 400;
        let shifted_month = (i64::from(self.month) + 9) % 12;
        let day_of_year = (153 * shifted_month + 2) / 5 + i64::from(self.day) - 1;
        let day_of_era = year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;
        era * 146_097 + day_of_era - 719_468
    }

    /// The day `days` later (earlier when negative), within the years dates may have.
    pub fn plus_days(self, days: i64) -> CalendarDate {
        let day_number = (self.day_number() + days).clamp(0, CalendarDate::LAST.day_number());
        CalendarDate::of(Timestamp(day_number * 86_400_000))
    }

    /// How many days from `self` to `later` (negative when `later` comes first).
    pub fn days_until(self, later: CalendarDate) -> i64 {
        later.day_number() - self.day_number()
    }

    const LAST: CalendarDate = CalendarDate { year: 9999, month: 12, day: 31 };

    /// The UTC day of a timestamp (days-from-civil, inverted).
    pub fn of(at: Timestamp) -> CalendarDate {
        let days = at.0.div_euclid(86_400_000) + 719_468;
        let era = days.div_euclid(146_097);
        let day_of_era = days - era * 146_097;
        let year_of_era = (day_of_era - day_of_era / 1460 + day_of_era / 36_524 - day_of_era / 146_096) / 365;
        let day_of_year = day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);
        let shifted_month = (5 * day_of_year + 2) / 153;
        let day = (day_of_year - (153 * shifted_month + 2) / 5 + 1) as u8;
        let month = if shifted_month < 10 { shifted_month + 3 } else { shifted_month - 9 } as u8;
        let year = year_of_era + era * 400 + i64::from(month <= 2);
        CalendarDate { year: year.clamp(0, 9999) as u16, month, day }
    }
}

impl fmt::Display for CalendarDate {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

impl Serialize for CalendarDate {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for CalendarDate {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let raw = String::deserialize(deserializer)?;
        CalendarDate::parse(&raw).ok_or_else(|| serde::de::Error::custom("a date is written YYYY-MM-DD"))
    }
}

/// The facilitator's decision on a contribution that fed no action.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "decision", rename_all = "snake_case")]
pub enum FateDecision {
    Retained,
    NotRetained {
        reason: String,
    },
    /// Takes an earlier decision back.
    Undecided,
}

/// One change of status of an action, as an import or the follow-up form states it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StatusUpdate {
    pub action_id: ActionId,
    pub status: ActionStatus,
    /// What happened; required when the action is dropped (the reason).
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub note: String,
    /// When the next update is due; `None` keeps the date the action had.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub next_update_due: Option<CalendarDate>,
    /// The day the progress happened, which may be before the day it is recorded; `None`: the
    /// day it is recorded.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub effective_on: Option<CalendarDate>,
}

/// An action card on the record, with its consensus and its follow-up.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Action {
    pub id: ActionId,
    pub activity_id: crate::ActivityId,
    pub author: Subject,
    pub card: ActionCard,
    /// The contributions it comes from.
    pub sources: Vec<ContributionId>,
    /// 1 when drafted, one more at each edit: an edit names the revision it started from.
    pub revision: u32,
    pub drafted_at: Timestamp,
    pub edited_at: Timestamp,
    pub last_editor: Subject,
    /// Withdrawn by the facilitator: kept on the record, out of the plan.
    pub withdrawn: bool,
    /// Each participant's latest stance, with the revision of the card it was given on.
    pub consensus: BTreeMap<Subject, GivenStance>,
    pub follow_up: FollowUp,
}

/// A stance as given: on one revision of the card. After an edit it no longer counts for the
/// new text; the card asks for it again.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct GivenStance {
    pub stance: Stance,
    pub reason: String,
    pub revision: u32,
}

impl Action {
    /// The stances given on the card as it reads now.
    pub fn current_stances(&self) -> impl Iterator<Item = &GivenStance> {
        self.consensus.values().filter(|given| given.revision == self.revision)
    }

    /// How many participants took each stance on the card as it reads now, in the order of
    /// [`Stance::ALL`]. Stances given on an earlier text do not count for this one.
    pub fn consensus_counts(&self) -> [usize; 3] {
        let mut counts = [0; 3];
        for given in self.current_stances() {
            counts[Stance::ALL.iter().position(|known| *known == given.stance).unwrap_or(0)] += 1;
        }
        counts
    }

    /// How many stances were given on an earlier text and not given again since.
    pub fn stale_stances(&self) -> usize {
        self.consensus.values().filter(|given| given.revision != self.revision).count()
    }

    /// The reasons of objections to earlier texts of the card, not given again since: what an
    /// edit was meant to answer.
    pub fn earlier_objections(&self) -> impl Iterator<Item = &str> {
        self.consensus
            .values()
            .filter(|given| given.revision != self.revision && given.stance == Stance::Object)
            .map(|given| given.reason.as_str())
    }

    /// The reasons of those who object to the card as it reads now (never who they are).
    pub fn objections(&self) -> impl Iterator<Item = &str> {
        self.current_stances().filter(|given| given.stance == Stance::Object).map(|given| given.reason.as_str())
    }
}

/// What happened to an action after the workshop, and who answers for the next step.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct FollowUp {
    pub status: ActionStatus,
    /// Every status update, oldest first.
    pub history: Vec<StatusEntry>,
    /// Who answers publicly for the action.
    pub answerable: String,
    pub next_update_due: Option<CalendarDate>,
    /// The day `next_update_due` was set: from it to the date it named is the rhythm the action
    /// promised, which the next update is proposed to keep.
    pub next_update_set_on: Option<CalendarDate>,
}

/// How long after today the next update is proposed when the action has promised no rhythm.
pub const DEFAULT_UPDATE_INTERVAL_DAYS: i64 = 30;

/// The shortest and longest rhythm a proposal keeps: a promise made for the next day, or for
/// years ahead, says nothing about how often the action reports.
const UPDATE_INTERVAL_DAYS: std::ops::RangeInclusive<i64> = 7..=366;

impl FollowUp {
    /// True when the next update was due before `today` and the action is not finished.
    pub fn is_overdue(&self, today: CalendarDate) -> bool {
        !self.status.is_final() && self.next_update_due.is_some_and(|due| due < today)
    }

    /// The date a form proposes for the next update, posted on `today`: as far ahead as the
    /// action's last promise gave itself (from the day it was made to the day it named), else
    /// [`DEFAULT_UPDATE_INTERVAL_DAYS`]. Always after today, never the date that has passed.
    pub fn proposed_next_update(&self, today: CalendarDate) -> CalendarDate {
        let promised = match (self.next_update_set_on, self.next_update_due) {
            (Some(set_on), Some(due)) => Some(set_on.days_until(due)).filter(|days| *days > 0),
            _ => None,
        };
        let interval = promised.map_or(DEFAULT_UPDATE_INTERVAL_DAYS, |days| {
            days.clamp(*UPDATE_INTERVAL_DAYS.start(), *UPDATE_INTERVAL_DAYS.end())
        });
        today.plus_days(interval)
    }
}

/// One status update as the record keeps it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StatusEntry {
    /// When it was recorded.
    pub at: Timestamp,
    pub seq: u64,
    pub status: ActionStatus,
    pub note: String,
    /// The day the progress happened: the day it was recorded unless the update said earlier.
    pub effective_on: CalendarDate,
}

impl StatusEntry {
    /// The UTC day the update was recorded.
    pub fn recorded_on(&self) -> CalendarDate {
        CalendarDate::of(self.at)
    }
}

/// The aggregate rating of one risk.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct RiskSummary {
    pub raters: usize,
    pub likelihood_mean: f64,
    pub impact_mean: f64,
    /// Standard deviations across raters: how much the room disagrees.
    pub likelihood_spread: f64,
    pub impact_spread: f64,
}

impl RiskSummary {
    /// Aggregates `(likelihood, impact)` ratings; `None` without any.
    pub fn of(ratings: impl IntoIterator<Item = (u8, u8)>) -> Option<RiskSummary> {
        let ratings: Vec<(f64, f64)> = ratings.into_iter().map(|(l, i)| (f64::from(l), f64::from(i))).collect();
        if ratings.is_empty() {
            return None;
        }
        let n = ratings.len() as f64;
        let mean = |values: &dyn Fn(&(f64, f64)) -> f64| ratings.iter().map(values).sum::<f64>() / n;
        let likelihood_mean = mean(&|r| r.0);
        let impact_mean = mean(&|r| r.1);
        let spread = |values: &dyn Fn(&(f64, f64)) -> f64, centre: f64| {
            (ratings.iter().map(|r| (values(r) - centre).powi(2)).sum::<f64>() / n).sqrt()
        };
        Some(RiskSummary {
            raters: ratings.len(),
            likelihood_mean,
            impact_mean,
            likelihood_spread: spread(&|r| r.0, likelihood_mean),
            impact_spread: spread(&|r| r.1, impact_mean),
        })
    }

    /// The heat-map cell (likelihood, impact), each 1 to 5, the means rounded half up.
    pub fn cell(&self) -> (u8, u8) {
        let round = |value: f64| (value + 0.5).floor().clamp(1.0, f64::from(RATING_MAX)) as u8;
        (round(self.likelihood_mean), round(self.impact_mean))
    }
}

/// What became of a contribution.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Outcome {
    /// It fed these actions, directly or through the contributions that built on it.
    BecameAction(Vec<ActionId>),
    Retained,
    NotRetained {
        reason: String,
    },
    /// No decision yet.
    Pending,
}

/// A contribution's fate: a merged note shares the fate of the note it was merged into.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Fate {
    pub merged_into: Option<ContributionId>,
    pub outcome: Outcome,
}

/// One step of a path from a contribution to an action.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Step {
    Contribution(ContributionId),
    Action(ActionId),
}

impl Workshop {
    pub fn action(&self, id: ActionId) -> Option<&Action> {
        self.actions.iter().find(|action| action.id == id)
    }

    /// The actions of the plan: drafted and not withdrawn, in the order they were drafted.
    pub fn plan(&self) -> impl Iterator<Item = &Action> {
        self.actions.iter().filter(|action| !action.withdrawn)
    }

    /// The contributions a contribution builds on: its links, the notes merged into it, and
    /// the earlier ideas on the same brainwriting sheet.
    pub fn builds_on(&self, id: ContributionId) -> Vec<ContributionId> {
        let Some(contribution) = self.contribution(id) else { return Vec::new() };
        let mut found: Vec<ContributionId> = contribution.links.clone();
        found.extend(self.merged_into(id).map(|merged| merged.id));
        if let Some(sheet) = contribution.sheet {
            found.extend(
                self.contributions_in(contribution.activity_id)
                    .filter(|earlier| {
                        earlier.sheet.is_some_and(|other| {
                            other.table == sheet.table && other.sheet == sheet.sheet && other.round < sheet.round
                        })
                    })
                    .map(|earlier| earlier.id),
            );
        }
        found
    }

    /// Every contribution an action comes from, directly or through what those built on (and,
    /// for a merged note, the note it was merged into), each with the step it was reached from
    /// (`None` for the action's own sources).
    fn provenance_tree(&self, action: &Action) -> BTreeMap<ContributionId, Option<ContributionId>> {
        let mut reached: BTreeMap<ContributionId, Option<ContributionId>> = BTreeMap::new();
        let mut queue: VecDeque<ContributionId> = VecDeque::new();
        for source in &action.sources {
            if self.contribution(*source).is_some() && !reached.contains_key(source) {
                reached.insert(*source, None);
                queue.push_back(*source);
            }
        }
        while let Some(next) = queue.pop_front() {
            // A merged note lives on in the note it was merged into: whatever it fed, that note
            // fed too, so a merged note and its target never tell different stories.
            let root = self.merge_root(next);
            let absorbed_by = (root != next).then_some(root);
            for earlier in self.builds_on(next).into_iter().chain(absorbed_by) {
                if let std::collections::btree_map::Entry::Vacant(entry) = reached.entry(earlier) {
                    entry.insert(Some(next));
                    queue.push_back(earlier);
                }
            }
        }
        reached
    }

    /// The contributions an action comes from, directly or not.
    pub fn provenance(&self, action: ActionId) -> BTreeSet<ContributionId> {
        self.action(action).map(|action| self.provenance_tree(action).into_keys().collect()).unwrap_or_default()
    }

    /// The path from a contribution to an action it fed: the contribution first, the action
    /// last. `None` when it did not feed it.
    pub fn path_to_action(&self, contribution: ContributionId, action: ActionId) -> Option<Vec<Step>> {
        let tree = self.provenance_tree(self.action(action)?);
        let mut path = vec![Step::Contribution(contribution)];
        let mut at = *tree.get(&contribution)?;
        while let Some(next) = at {
            path.push(Step::Contribution(next));
            at = *tree.get(&next)?;
        }
        path.push(Step::Action(action));
        Some(path)
    }

    /// For every contribution that fed an action of the plan, those actions.
    pub fn actions_fed(&self) -> BTreeMap<ContributionId, Vec<ActionId>> {
        let mut fed: BTreeMap<ContributionId, Vec<ActionId>> = BTreeMap::new();
        for action in self.plan() {
            for contribution in self.provenance(action.id) {
                fed.entry(contribution).or_default().push(action.id);
            }
        }
        fed
    }

    /// The note a merged note ended up in, following merges to the end.
    pub fn merge_root(&self, id: ContributionId) -> ContributionId {
        let mut at = id;
        // Merges never chain in practice (a merged note cannot be a target), but a bound keeps
        // a hand-made log from looping.
        for _ in 0..self.contributions.len() {
            match self.contribution(at).and_then(|contribution| contribution.merged_into) {
                Some(into) if into != at => at = into,
                _ => break,
            }
        }
        at
    }

    /// What became of one contribution; `fed` is [`Workshop::actions_fed`], computed once for
    /// a page of fates.
    pub fn fate_with(&self, id: ContributionId, fed: &BTreeMap<ContributionId, Vec<ActionId>>) -> Fate {
        let root = self.merge_root(id);
        let merged_into = (root != id).then_some(root);
        let outcome = if let Some(actions) = fed.get(&root).filter(|actions| !actions.is_empty()) {
            Outcome::BecameAction(actions.clone())
        } else {
            match self.fate_decisions.get(&root) {
                Some(FateDecision::Retained) => Outcome::Retained,
                Some(FateDecision::NotRetained { reason }) => Outcome::NotRetained { reason: reason.clone() },
                Some(FateDecision::Undecided) | None => Outcome::Pending,
            }
        };
        Fate { merged_into, outcome }
    }

    pub fn fate(&self, id: ContributionId) -> Fate {
        self.fate_with(id, &self.actions_fed())
    }

    /// The actions a risk is mitigated by.
    pub fn mitigations_of(&self, risk: ContributionId) -> &[ActionId] {
        self.mitigations.get(&risk).map(Vec::as_slice).unwrap_or_default()
    }

    /// The risks an action mitigates.
    pub fn risks_mitigated_by(&self, action: ActionId) -> impl Iterator<Item = ContributionId> + '_ {
        self.mitigations.iter().filter(move |(_, actions)| actions.contains(&action)).map(|(risk, _)| *risk)
    }
}

/// Checks a reason or note: trimmed, line breaks allowed, no control characters, within the limit.
pub(crate) fn note(raw: &str, field: &'static str, required: bool) -> Result<String, DomainError> {
    let text = crate::text::clean_field(raw, field, NOTE_MAX)?;
    if required && text.is_empty() {
        return Err(DomainError::TextEmpty { field });
    }
    Ok(text)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_parse_strictly_and_print_back() {
        assert_eq!(CalendarDate::parse("2029-02-28").unwrap().to_string(), "2029-02-28");
        assert!(CalendarDate::parse("2029-02-29").is_none());
        assert!(CalendarDate::parse("2028-02-29").is_some());
        assert!(CalendarDate::parse("2029-13-01").is_none());
        assert!(CalendarDate::parse("29-01-2029").is_none());
        assert!(CalendarDate::parse("2029-1-01").is_none());
        assert!(CalendarDate::parse("+029-01-01").is_none());
    }

    #[test]
    fn a_timestamp_falls_on_its_utc_day() {
        assert_eq!(CalendarDate::of(Timestamp(0)).to_string(), "1970-01-01");
        // 2026-11-26T20:48:26Z
        assert_eq!(CalendarDate::of(Timestamp(1_795_726_106_000)).to_string(), "2026-11-26");
        assert_eq!(CalendarDate::of(Timestamp(951_782_400_000)).to_string(), "2000-02-29");
    }

    #[test]
    fn days_add_up_across_months_leap_days_and_years() {
        let date = |raw: &str| CalendarDate::parse(raw).unwrap();
        assert_eq!(date("2028-02-28").plus_days(1), date("2028-02-29"));
        assert_eq!(date("2027-02-28").plus_days(1), date("2027-03-01"));
        assert_eq!(date("2026-12-31").plus_days(1), date("2027-01-01"));
        assert_eq!(date("2026-03-01").plus_days(-1), date("2026-02-28"));
        assert_eq!(date("2026-11-16").plus_days(30), date("2026-12-16"));
        assert_eq!(date("2000-01-01").days_until(date("2001-01-01")), 366);
        assert_eq!(date("2026-12-16").days_until(date("2026-11-16")), -30);
        assert_eq!(date("1970-01-02").plus_days(-10), date("1970-01-01"), "no day before the first");
        assert_eq!(date("9999-12-30").plus_days(10), date("9999-12-31"), "nor after the last");
        for days in [0, 1, 59, 60, 365, 10_957, 20_000, 2_932_896] {
            let day = CalendarDate::of(Timestamp(days * 86_400_000));
            assert_eq!(date("1970-01-01").days_until(day), days, "{day}");
        }
    }

    #[test]
    fn risk_ratings_aggregate_with_their_spread() {
        let summary = RiskSummary::of([(1, 5), (3, 5), (5, 5)]).unwrap();
        assert_eq!(summary.raters, 3);
        assert!((summary.likelihood_mean - 3.0).abs() < 1e-9);
        assert!((summary.likelihood_spread - (8.0f64 / 3.0).sqrt()).abs() < 1e-9);
        assert_eq!(summary.impact_spread, 0.0);
        assert_eq!(summary.cell(), (3, 5));
        assert_eq!(RiskSummary::of([(2, 3), (3, 4)]).unwrap().cell(), (3, 4), "half rounds up");
        assert!(RiskSummary::of([]).is_none());
    }
}
