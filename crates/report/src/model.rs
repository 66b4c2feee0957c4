//! The report of a workshop as plain data: what the HTML page, the CSV tables and the PDF
//! template all show, computed once from the record.
//!
//! Every field is a string, a number, a boolean or a list of them, so the model serialises to
//! JSON that a template can read without knowing Converge's types. Texts that depend on the
//! language (kinds, statuses, explanations) are already written in the report's language; keys
//! stay beside them for machines.
//!
//! Nobody is named: people appear only as counts by service and by role. The service of a
//! contribution's author is given only where the activity was not anonymous (the CSV needs it;
//! the HTML does not show it), and fairness shares count signed contributions only.

use crate::fairness::gini;
use crate::labels::{Labels, Words};
use converge_core::outcomes::{FollowUp, Outcome, RiskSummary};
use converge_core::results::methods::{MatrixPlacement, ScoreAggregate};
use converge_core::results::{Count as ResultsCount, CountMethod, MethodResult, Results};
use converge_core::voting::{ASSESSMENT_MAX, ASSESSMENT_MIN};
use converge_core::{
    ActionId, Activity, ActivityId, ActivityKind, CalendarDate, Contribution, ContributionId, ContributionKind,
    Language, ParticipantId, Role, Timestamp, Workshop,
};
use serde::Serialize;
use std::collections::{BTreeMap, BTreeSet};

/// What the report knows about the people: the service each participant gave when joining.
/// Names never reach the report. Roles come from the record itself.
#[derive(Debug, Clone, Default)]
pub struct ReportParticipants {
    services: BTreeMap<ParticipantId, String>,
}

impl ReportParticipants {
    pub fn new(services: impl IntoIterator<Item = (ParticipantId, String)>) -> ReportParticipants {
        ReportParticipants {
            services: services.into_iter().map(|(id, service)| (id, service.trim().to_owned())).collect(),
        }
    }

    /// The service a participant gave, if any.
    pub fn service(&self, participant: ParticipantId) -> Option<&str> {
        self.services.get(&participant).map(String::as_str).filter(|service| !service.is_empty())
    }
}

#[derive(Debug, Clone, Serialize)]
pub struct Report {
    /// `fr` or `en`.
    pub language: &'static str,
    pub labels: &'static Labels,
    pub workshop_id: String,
    pub title: String,
    pub purpose: Purpose,
    /// `YYYY-MM-DD HH:MM UTC`.
    pub generated_at: String,
    pub agenda: Vec<AgendaDay>,
    pub participation: Participation,
    pub vision: Vec<VisionCard>,
    pub swot: Vec<SwotBoard>,
    pub challenges: Vec<CategoryBoard>,
    pub idea_lists: Vec<NoteList>,
    pub assessments: Vec<AssessmentResult>,
    pub votes: Vec<VoteResult>,
    /// Actions of the plan by jurisdiction, in the order the jurisdictions are configured.
    pub actions: Vec<JurisdictionGroup>,
    pub n_actions: usize,
    /// Risks, most severe first; their `number` is what the heat map shows.
    pub risks: Vec<RiskEntry>,
    pub heat_map: Vec<HeatCell>,
    pub fairness: Fairness,
    pub fates: FateCounts,
    pub record: RecordSeal,
    /// What became of the actions since the closing, as of a given day: asked for apart, and
    /// never part of the closure report's record.
    pub follow_up: Option<FollowUpProgress>,
    /// Every contribution, flat, in the order posted: the contributions table.
    pub contributions: Vec<ContributionRow>,
}

/// The follow-up of the actions as it stood on `as_of`, from the whole log (the record at
/// closure and the follow-up appended after it).
#[derive(Debug, Clone, Serialize)]
pub struct FollowUpProgress {
    /// `YYYY-MM-DD`.
    pub as_of: String,
    /// The whole log this part was read from: its length and last hash.
    pub seq: u64,
    pub head_hash: String,
    pub actions: Vec<FollowUpRow>,
}

#[derive(Debug, Clone, Serialize)]
pub struct FollowUpRow {
    /// The action's number in the report.
    pub number: usize,
    pub title: String,
    pub jurisdiction_name: String,
    pub status: &'static str,
    pub status_label: &'static str,
    pub answerable: String,
    pub next_update_due: Option<String>,
    /// The next update was due before `as_of`.
    pub overdue: bool,
    pub history: Vec<HistoryEntry>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Purpose {
    pub title: String,
    /// The days on which something was posted, `YYYY-MM-DD`, or the day it was created.
    pub dates: Vec<String>,
    pub created_on: String,
    pub closed_on: Option<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct AgendaDay {
    /// The day number from the activities' settings; `None` when the agenda has no days.
    pub day: Option<u32>,
    pub activities: Vec<AgendaActivity>,
}

#[derive(Debug, Clone, Serialize)]
pub struct AgendaActivity {
    pub id: String,
    pub kind: &'static str,
    pub kind_label: &'static str,
    pub title: String,
    pub prompt: String,
    pub status: &'static str,
    pub status_label: &'static str,
    pub minutes: Option<u32>,
    pub anonymous: bool,
    pub contributions: usize,
}

#[derive(Debug, Clone, Serialize)]
pub struct Participation {
    pub total: usize,
    pub by_role: Vec<Count>,
    /// Every service present, with how many people and their signed contributions.
    pub by_service: Vec<ServiceRow>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Count {
    pub key: &'static str,
    pub label: &'static str,
    pub count: usize,
}

#[derive(Debug, Clone, Serialize)]
pub struct ServiceRow {
    /// As the participants wrote it; "service not given" in the report's language when empty.
    pub service: String,
    pub people: usize,
    /// Contributions signed by them (anonymous activities left out).
    pub contributions: usize,
    /// Their share of all signed contributions, 0 to 1.
    pub share: f64,
}

#[derive(Debug, Clone, Serialize)]
pub struct Note {
    pub id: String,
    pub kind: &'static str,
    pub kind_label: &'static str,
    pub text: String,
    /// Texts of the contributions it links to (a reformulation names its challenge).
    pub builds_on: Vec<String>,
    /// Texts of the duplicates merged into it.
    pub merged: Vec<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct VisionCard {
    pub id: String,
    pub activity_title: String,
    pub card_id: Option<String>,
    /// The caption of an uploaded card; built-in cards are named by their id.
    pub card_title: Option<String>,
    pub text: String,
    pub merged: Vec<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct SwotBoard {
    pub activity_id: String,
    pub activity_title: String,
    pub quadrants: Vec<NoteGroup>,
}

#[derive(Debug, Clone, Serialize)]
pub struct NoteGroup {
    pub key: String,
    pub label: String,
    pub notes: Vec<Note>,
}

#[derive(Debug, Clone, Serialize)]
pub struct CategoryBoard {
    pub activity_id: String,
    pub activity_title: String,
    /// The categories in their order, then the notes left unsorted (key `unsorted`).
    pub categories: Vec<NoteGroup>,
}

#[derive(Debug, Clone, Serialize)]
pub struct NoteList {
    pub activity_id: String,
    pub activity_title: String,
    pub notes: Vec<Note>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Criterion {
    pub id: String,
    pub name: String,
    pub weight: u32,
}

#[derive(Debug, Clone, Serialize)]
pub struct AssessmentResult {
    pub activity_id: String,
    pub activity_title: String,
    pub frozen: bool,
    pub n_assessors: u64,
    pub criteria: Vec<Criterion>,
    /// Best first.
    pub items: Vec<AssessedItem>,
    pub explanation: Option<String>,
    /// True when the activity has both an `impact` and a `feasibility` criterion.
    pub has_matrix: bool,
    /// Where the matrix splits high from low on each axis (the facilitator's thresholds, or the
    /// middle of the scale), and the quadrants' names by key: the printed matrix shades and
    /// names its quadrants where the count placed the items.
    pub impact_threshold: f64,
    pub feasibility_threshold: f64,
    pub quadrant_names: BTreeMap<&'static str, &'static str>,
    /// Set when the count could not be made; the items are then empty.
    pub error: Option<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct AssessedItem {
    /// 1-based place in the document's items: the number on the matrix.
    pub number: usize,
    pub id: String,
    pub text: String,
    pub rank: usize,
    pub tied: bool,
    pub weighted_score: Option<f64>,
    /// Mean score on each criterion, in the criteria's order.
    pub criterion_means: Vec<Option<f64>>,
    pub impact: Option<f64>,
    pub feasibility: Option<f64>,
    pub quadrant: Option<String>,
    pub quadrant_label: Option<&'static str>,
}

#[derive(Debug, Clone, Serialize)]
pub struct VoteResult {
    pub activity_id: String,
    pub activity_title: String,
    pub method: String,
    pub method_label: &'static str,
    pub n_ballots: u64,
    pub frozen: bool,
    pub explanation: Option<String>,
    /// Best first.
    pub ranking: Vec<RankedItem>,
    pub error: Option<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct RankedItem {
    pub id: String,
    pub text: String,
    pub rank: usize,
    pub tied: bool,
    /// The method's figure for the item (dots, points, mean, grade index, strength...).
    pub value: Option<f64>,
    pub value_text: Option<String>,
    /// 0 to 1: the bar's length, the best item at 1.
    pub bar: f64,
    /// How far its tier is ahead of the next, in words, on the tier's last item.
    pub margin: Option<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct JurisdictionGroup {
    pub key: String,
    pub name: String,
    pub actions: Vec<ActionEntry>,
}

#[derive(Debug, Clone, Serialize)]
pub struct ActionEntry {
    /// 1-based, across the whole plan, in drafting order.
    pub number: usize,
    pub id: String,
    pub activity_title: String,
    pub title: String,
    pub description: String,
    pub rationale: String,
    pub owner: String,
    pub jurisdiction: String,
    pub jurisdiction_name: String,
    pub horizon: String,
    pub first_steps: String,
    pub resources: String,
    pub indicators: String,
    pub revision: u32,
    pub agree: usize,
    pub can_live_with: usize,
    pub object: usize,
    pub consensus_text: String,
    /// The objectors' reasons, without who gave them.
    pub objections: Vec<String>,
    pub status: &'static str,
    pub status_label: &'static str,
    pub answerable: String,
    pub next_update_due: Option<String>,
    /// The next update was due before the day the report was made.
    pub overdue: bool,
    pub history: Vec<HistoryEntry>,
    pub provenance: Vec<ProvenanceEntry>,
    /// The texts of the risks it mitigates.
    pub mitigates: Vec<String>,
    /// Their ids, in the same order.
    pub mitigates_ids: Vec<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct HistoryEntry {
    pub date: String,
    pub status: &'static str,
    pub status_label: &'static str,
    pub note: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct ProvenanceEntry {
    pub id: String,
    pub kind: &'static str,
    pub kind_label: &'static str,
    pub activity_title: String,
    pub text: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct RiskEntry {
    pub number: usize,
    pub id: String,
    pub activity_title: String,
    pub text: String,
    pub raters: usize,
    pub likelihood_mean: Option<f64>,
    pub impact_mean: Option<f64>,
    pub likelihood_spread: Option<f64>,
    pub impact_spread: Option<f64>,
    /// The heat-map cell, each 1 to 5; `None` when nobody rated it.
    pub likelihood_cell: Option<u8>,
    pub impact_cell: Option<u8>,
    /// Titles of the actions that mitigate it (withdrawn ones left out).
    pub mitigations: Vec<String>,
    /// Their ids, in the same order.
    pub mitigation_ids: Vec<String>,
}

/// One cell of the 5 × 5 heat map that holds at least one risk.
#[derive(Debug, Clone, Serialize)]
pub struct HeatCell {
    pub likelihood: u8,
    pub impact: u8,
    /// The numbers of the risks in it.
    pub risks: Vec<usize>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Fairness {
    pub contributions: usize,
    pub signed: usize,
    pub anonymous: usize,
    /// The people counted: participants and experts, whether they wrote or not.
    pub participants_counted: usize,
    pub participants_who_contributed: usize,
    pub gini: f64,
}

#[derive(Debug, Clone, Serialize)]
pub struct FateCounts {
    pub total: usize,
    pub became_action: usize,
    pub retained: usize,
    pub not_retained: usize,
    pub pending: usize,
    pub merged: usize,
}

#[derive(Debug, Clone, Serialize)]
pub struct RecordSeal {
    pub head_hash: String,
    /// The sequence number of the last event: the log's length.
    pub seq: u64,
    /// True when the record is the closed workshop's, up to its closing: the same bytes
    /// whenever the report is made again.
    pub at_closure: bool,
    pub verify_sentence: &'static str,
}

#[derive(Debug, Clone, Serialize)]
pub struct ContributionRow {
    pub id: String,
    pub activity_id: String,
    pub activity_title: String,
    pub kind: &'static str,
    pub text: String,
    pub posted_at: String,
    pub anonymous: bool,
    /// The author's service, only when the activity was not anonymous.
    pub service: Option<String>,
    pub card_id: Option<String>,
    pub links: Vec<String>,
    pub merged_into: Option<String>,
    /// `became_action`, `retained`, `not_retained`, `pending`.
    pub fate: &'static str,
    pub fate_reason: Option<String>,
    /// Numbers of the actions it fed.
    pub actions: Vec<usize>,
    /// Ids of the actions it fed.
    pub action_ids: Vec<String>,
}

/// Builds the report. `results` holds, for each vote and assessment, the count as the engine
/// makes it (frozen when recorded); `head_hash` and `seq` describe the log the workshop was
/// folded from.
pub fn build(
    workshop: &Workshop,
    participants: &ReportParticipants,
    results: &BTreeMap<ActivityId, Results>,
    head_hash: &str,
    seq: u64,
    generated_at: Timestamp,
    language: Language,
) -> Report {
    // Notes hidden from the room or removed are not in the report's body (the record keeps
    // them): the report is made from what the room saw.
    let seen = workshop.as_the_room_sees_it();
    let workshop = &seen;
    let words = Words(language);
    let labels = Labels::of(language);
    let index = Index::new(workshop);
    let fed = workshop.actions_fed();
    let action_numbers: BTreeMap<ActionId, usize> =
        workshop.plan().enumerate().map(|(position, action)| (action.id, position + 1)).collect();

    let contributions = workshop
        .contributions
        .iter()
        .map(|contribution| {
            let activity = index.activity(contribution.activity_id);
            let anonymous = activity.is_none_or(|activity| activity.settings.anonymous);
            let fate = workshop.fate_with(contribution.id, &fed);
            let (fate_key, fate_reason, action_ids) = match fate.outcome {
                Outcome::BecameAction(ids) => ("became_action", None, ids),
                Outcome::Retained => ("retained", None, Vec::new()),
                Outcome::NotRetained { reason } => ("not_retained", Some(reason), Vec::new()),
                Outcome::Pending => ("pending", None, Vec::new()),
            };
            ContributionRow {
                id: contribution.id.to_string(),
                activity_id: contribution.activity_id.to_string(),
                activity_title: activity.map(|activity| activity.title.clone()).unwrap_or_default(),
                kind: contribution.kind.as_str(),
                text: contribution.text.clone(),
                posted_at: date_time(contribution.posted_at),
                anonymous,
                service: (!anonymous)
                    .then(|| {
                        contribution.author.named().and_then(|author| participants.service(author)).map(str::to_owned)
                    })
                    .flatten(),
                card_id: contribution.card.clone(),
                links: contribution.links.iter().map(ToString::to_string).collect(),
                merged_into: contribution.merged_into.map(|id| id.to_string()),
                fate: fate_key,
                fate_reason,
                actions: action_ids.iter().filter_map(|id| action_numbers.get(id).copied()).collect(),
                action_ids: action_ids.iter().map(ToString::to_string).collect(),
            }
        })
        .collect();

    Report {
        language: language.as_str(),
        labels,
        workshop_id: workshop.id.to_string(),
        title: workshop.title.clone(),
        purpose: purpose(workshop),
        generated_at: date_time(generated_at),
        agenda: agenda(workshop, words),
        participation: participation(workshop, participants, labels, words),
        vision: vision(workshop, &index),
        swot: swot(workshop, words, &index),
        challenges: challenges(workshop, labels, words, &index),
        idea_lists: idea_lists(workshop, words, &index),
        assessments: assessments(workshop, results, words, &index),
        votes: votes(workshop, results, words, &index),
        n_actions: action_numbers.len(),
        actions: actions(workshop, words, &index, &action_numbers, CalendarDate::of(generated_at)),
        risks: Vec::new(),
        heat_map: Vec::new(),
        fairness: fairness(workshop),
        fates: fate_counts(workshop, &fed),
        record: RecordSeal {
            head_hash: head_hash.to_owned(),
            seq,
            at_closure: workshop.closure_seq == Some(seq),
            verify_sentence: if workshop.closure_seq == Some(seq) {
                labels.verify_at_closure_sentence
            } else {
                labels.verify_sentence
            },
        },
        follow_up: None,
        contributions,
    }
    .with_risks(workshop, &index)
}

/// Contributions and activities by id: the report looks many of them up.
struct Index<'a> {
    contributions: BTreeMap<ContributionId, &'a Contribution>,
    activities: BTreeMap<ActivityId, &'a Activity>,
    merged: BTreeMap<ContributionId, Vec<&'a Contribution>>,
}

impl<'a> Index<'a> {
    fn new(workshop: &'a Workshop) -> Index<'a> {
        let mut merged: BTreeMap<ContributionId, Vec<&Contribution>> = BTreeMap::new();
        for contribution in &workshop.contributions {
            if let Some(into) = contribution.merged_into {
                merged.entry(into).or_default().push(contribution);
            }
        }
        Index {
            contributions: workshop.contributions.iter().map(|contribution| (contribution.id, contribution)).collect(),
            activities: workshop.activities.iter().map(|activity| (activity.id, activity)).collect(),
            merged,
        }
    }

    fn contribution(&self, id: ContributionId) -> Option<&'a Contribution> {
        self.contributions.get(&id).copied()
    }

    fn activity(&self, id: ActivityId) -> Option<&'a Activity> {
        self.activities.get(&id).copied()
    }

    fn text(&self, id: ContributionId) -> String {
        self.contribution(id).map_or_else(|| "?".to_owned(), |contribution| contribution.text.clone())
    }

    fn note(&self, contribution: &Contribution, words: Words) -> Note {
        Note {
            id: contribution.id.to_string(),
            kind: contribution.kind.as_str(),
            kind_label: words.contribution_kind(contribution.kind),
            text: contribution.text.clone(),
            builds_on: contribution.links.iter().map(|link| self.text(*link)).collect(),
            merged: self.merged_texts(contribution.id),
        }
    }

    fn merged_texts(&self, id: ContributionId) -> Vec<String> {
        self.merged.get(&id).map(|merged| merged.iter().map(|note| note.text.clone()).collect()).unwrap_or_default()
    }
}

/// `YYYY-MM-DD HH:MM UTC`.
fn date_time(at: Timestamp) -> String {
    let minutes = at.0.rem_euclid(86_400_000) / 60_000;
    format!("{} {:02}:{:02} UTC", CalendarDate::of(at), minutes / 60, minutes % 60)
}

fn purpose(workshop: &Workshop) -> Purpose {
    let mut dates: BTreeSet<CalendarDate> =
        workshop.contributions.iter().map(|contribution| CalendarDate::of(contribution.posted_at)).collect();
    if dates.is_empty() {
        dates.insert(CalendarDate::of(workshop.created_at));
    }
    Purpose {
        title: workshop.title.clone(),
        dates: dates.iter().map(ToString::to_string).collect(),
        created_on: CalendarDate::of(workshop.created_at).to_string(),
        closed_on: workshop.closed_at.map(|at| CalendarDate::of(at).to_string()),
    }
}

fn agenda(workshop: &Workshop, words: Words) -> Vec<AgendaDay> {
    let mut counts: BTreeMap<ActivityId, usize> = BTreeMap::new();
    for contribution in &workshop.contributions {
        *counts.entry(contribution.activity_id).or_default() += 1;
    }
    let mut days: Vec<AgendaDay> = Vec::new();
    for activity in &workshop.activities {
        let entry = AgendaActivity {
            id: activity.id.to_string(),
            kind: activity.kind().as_str(),
            kind_label: words.activity_kind(activity.kind()),
            title: activity.title.clone(),
            prompt: activity.prompt.clone(),
            status: activity.status.as_str(),
            status_label: words.activity_status(activity.status),
            minutes: activity.settings.minutes,
            anonymous: activity.settings.anonymous,
            contributions: counts.get(&activity.id).copied().unwrap_or(0),
        };
        match days.last_mut() {
            Some(day) if day.day == activity.settings.day => day.activities.push(entry),
            _ => days.push(AgendaDay { day: activity.settings.day, activities: vec![entry] }),
        }
    }
    days
}

/// Who may write: the people whose participation fairness is about.
fn counted(role: Role) -> bool {
    matches!(role, Role::Participant | Role::Expert)
}

fn participation(
    workshop: &Workshop,
    participants: &ReportParticipants,
    labels: &Labels,
    words: Words,
) -> Participation {
    let by_role = Role::ALL
        .into_iter()
        .map(|role| Count {
            key: role.as_str(),
            label: words.role(role),
            count: workshop.participants.values().filter(|participant| participant.role == role).count(),
        })
        .filter(|count| count.count > 0)
        .collect();
    // Services are grouped ignoring case and surrounding spaces, as tables are formed.
    let service_key = |id: ParticipantId| participants.service(id).map(str::to_lowercase).unwrap_or_default();
    let mut rows: BTreeMap<String, ServiceRow> = BTreeMap::new();
    for participant in workshop.participants.values() {
        let key = service_key(participant.id);
        let row = rows.entry(key).or_insert_with(|| ServiceRow {
            service: participants.service(participant.id).unwrap_or(labels.service_not_given).to_owned(),
            people: 0,
            contributions: 0,
            share: 0.0,
        });
        row.people += 1;
    }
    let mut signed = 0;
    for contribution in signed_contributions(workshop) {
        let Some(author) = contribution.author.named() else { continue };
        if let Some(row) = rows.get_mut(&service_key(author)) {
            row.contributions += 1;
            signed += 1;
        }
    }
    let mut by_service: Vec<ServiceRow> = rows.into_values().collect();
    for row in &mut by_service {
        row.share = if signed == 0 { 0.0 } else { row.contributions as f64 / signed as f64 };
    }
    by_service.sort_by(|a, b| b.people.cmp(&a.people).then_with(|| a.service.cmp(&b.service)));
    Participation { total: workshop.participants.len(), by_role, by_service }
}

/// Contributions of the room (not the facilitator's) posted where authors are shown.
fn signed_contributions(workshop: &Workshop) -> impl Iterator<Item = &Contribution> {
    let anonymous: BTreeSet<ActivityId> =
        workshop.activities.iter().filter(|activity| activity.settings.anonymous).map(|activity| activity.id).collect();
    workshop.contributions.iter().filter(move |contribution| {
        !anonymous.contains(&contribution.activity_id)
            && contribution
                .author
                .named()
                .and_then(|author| workshop.participants.get(&author))
                .is_some_and(|author| counted(author.role))
    })
}

fn fairness(workshop: &Workshop) -> Fairness {
    let mut per_participant: BTreeMap<ParticipantId, u64> = workshop
        .participants
        .values()
        .filter(|participant| counted(participant.role))
        .map(|participant| (participant.id, 0))
        .collect();
    // Anonymous contributions are attributed to nobody, here as everywhere: the spread is that
    // of signed contributions.
    let mut signed = 0;
    for contribution in signed_contributions(workshop) {
        if let Some(count) = contribution.author.named().and_then(|author| per_participant.get_mut(&author)) {
            *count += 1;
            signed += 1;
        }
    }
    let contributions = workshop
        .contributions
        .iter()
        .filter(|contribution| match contribution.author {
            converge_core::Subject::Named(author) => {
                workshop.participants.get(&author).is_some_and(|p| counted(p.role))
            }
            // Written in confidence: whether by the facilitator or the room cannot be told.
            converge_core::Subject::Pseudonym(_) => true,
        })
        .count();
    let counts: Vec<u64> = per_participant.values().copied().collect();
    Fairness {
        contributions,
        signed,
        anonymous: contributions - signed,
        participants_counted: counts.len(),
        participants_who_contributed: counts.iter().filter(|count| **count > 0).count(),
        gini: gini(&counts),
    }
}

fn vision(workshop: &Workshop, index: &Index<'_>) -> Vec<VisionCard> {
    workshop
        .contributions
        .iter()
        .filter(|contribution| contribution.kind == ContributionKind::Vision && contribution.merged_into.is_none())
        .map(|contribution| VisionCard {
            id: contribution.id.to_string(),
            activity_title: index.activity(contribution.activity_id).map(|a| a.title.clone()).unwrap_or_default(),
            card_id: contribution.card.clone(),
            card_title: contribution
                .card
                .as_deref()
                .and_then(|card| workshop.deck_card(card))
                .map(|(_, card)| card.title.clone()),
            text: contribution.text.clone(),
            merged: index.merged_texts(contribution.id),
        })
        .collect()
}

const SWOT_KINDS: [ContributionKind; 4] =
    [ContributionKind::Strength, ContributionKind::Weakness, ContributionKind::Opportunity, ContributionKind::Threat];

fn swot(workshop: &Workshop, words: Words, index: &Index<'_>) -> Vec<SwotBoard> {
    workshop
        .activities
        .iter()
        .filter(|activity| activity.kind() == ActivityKind::Swot)
        .map(|activity| SwotBoard {
            activity_id: activity.id.to_string(),
            activity_title: activity.title.clone(),
            quadrants: SWOT_KINDS
                .into_iter()
                .map(|kind| NoteGroup {
                    key: kind.as_str().to_owned(),
                    label: words.swot_quadrant(kind).to_owned(),
                    notes: workshop
                        .contributions_in(activity.id)
                        .filter(|note| note.kind == kind && note.merged_into.is_none())
                        .map(|note| index.note(note, words))
                        .collect(),
                })
                .collect(),
        })
        .collect()
}

/// Each sorting board by category, then the challenges and reformulations no board sorted.
fn challenges(workshop: &Workshop, labels: &Labels, words: Words, index: &Index<'_>) -> Vec<CategoryBoard> {
    let mut boards = Vec::new();
    let mut sorted_sources: BTreeSet<ActivityId> = BTreeSet::new();
    for activity in workshop.activities.iter().filter(|activity| activity.kind() == ActivityKind::Categorize) {
        sorted_sources.extend(activity.settings.sources.iter().copied());
        let notes: Vec<&Contribution> = workshop.source_contributions(activity).collect();
        let mut categories: Vec<NoteGroup> = activity
            .settings
            .categories()
            .iter()
            .map(|category| NoteGroup {
                key: category.id.to_string(),
                label: category.name.clone(),
                notes: notes
                    .iter()
                    .filter(|note| activity.placements.get(&note.id) == Some(&category.id))
                    .map(|note| index.note(note, words))
                    .collect(),
            })
            .collect();
        let known: BTreeSet<u32> = activity.settings.categories().iter().map(|category| category.id).collect();
        let unsorted: Vec<Note> = notes
            .iter()
            .filter(|note| activity.placements.get(&note.id).is_none_or(|category| !known.contains(category)))
            .map(|note| index.note(note, words))
            .collect();
        if !unsorted.is_empty() {
            categories.push(NoteGroup { key: "unsorted".into(), label: labels.not_sorted.into(), notes: unsorted });
        }
        boards.push(CategoryBoard {
            activity_id: activity.id.to_string(),
            activity_title: activity.title.clone(),
            categories,
        });
    }
    for activity in workshop.activities.iter().filter(|activity| {
        matches!(activity.kind(), ActivityKind::Challenges | ActivityKind::Reformulate)
            && !sorted_sources.contains(&activity.id)
    }) {
        let notes: Vec<Note> = workshop
            .contributions_in(activity.id)
            .filter(|note| note.merged_into.is_none())
            .map(|note| index.note(note, words))
            .collect();
        if notes.is_empty() {
            continue;
        }
        boards.push(CategoryBoard {
            activity_id: activity.id.to_string(),
            activity_title: activity.title.clone(),
            categories: vec![NoteGroup { key: "unsorted".into(), label: labels.not_sorted.into(), notes }],
        });
    }
    boards
}

fn idea_lists(workshop: &Workshop, words: Words, index: &Index<'_>) -> Vec<NoteList> {
    workshop
        .activities
        .iter()
        .filter(|activity| activity.kind() == ActivityKind::Brainwriting)
        .map(|activity| NoteList {
            activity_id: activity.id.to_string(),
            activity_title: activity.title.clone(),
            notes: workshop
                .contributions_in(activity.id)
                .filter(|note| note.merged_into.is_none())
                .map(|note| index.note(note, words))
                .collect(),
        })
        .filter(|list| !list.notes.is_empty())
        .collect()
}

/// The winners' texts.
fn winner_texts(count: &ResultsCount, index: &Index<'_>) -> Vec<String> {
    count.winners.iter().filter(|winner| count.items.contains(winner)).map(|winner| index.text(*winner)).collect()
}

fn assessments(
    workshop: &Workshop,
    results: &BTreeMap<ActivityId, Results>,
    words: Words,
    index: &Index<'_>,
) -> Vec<AssessmentResult> {
    workshop
        .activities
        .iter()
        .filter(|activity| activity.kind() == ActivityKind::Assess)
        .filter_map(|activity| {
            let Results { document, frozen } = results.get(&activity.id)?;
            let criteria: Vec<Criterion> = activity
                .settings
                .criteria()
                .iter()
                .map(|criterion| Criterion {
                    id: criterion.id.clone(),
                    name: criterion.name.clone(),
                    weight: criterion.weight,
                })
                .collect();
            let has_matrix =
                criteria.iter().any(|c| c.id == "impact") && criteria.iter().any(|c| c.id == "feasibility");
            let count = document.count();
            let mut result = AssessmentResult {
                activity_id: activity.id.to_string(),
                activity_title: activity.title.clone(),
                frozen: *frozen,
                n_assessors: count.map_or(0, |count| count.n_ballots as u64),
                criteria,
                items: Vec::new(),
                explanation: None,
                has_matrix,
                impact_threshold: threshold(activity.settings.impact_threshold_tenths()),
                feasibility_threshold: threshold(activity.settings.feasibility_threshold_tenths()),
                quadrant_names: ["quick_win", "big_bet", "fill_in", "money_pit"]
                    .into_iter()
                    .map(|key| (key, words.quadrant(key)))
                    .collect(),
                error: document.error().map(str::to_owned),
            };
            let Some(count) = count else { return Some(result) };
            let tiers = count.tiers();
            let outcome = match &count.result {
                MethodResult::Assessment(outcome) => Some(outcome),
                _ => None,
            };
            let assessed = |item: usize| outcome.and_then(|outcome| outcome.assessment.items.get(item));
            let matrix: BTreeMap<usize, &MatrixPlacement> = outcome
                .and_then(|outcome| outcome.matrix.as_ref())
                .map(|placements| placements.iter().map(|placement| (placement.item.0, placement)).collect())
                .unwrap_or_default();
            let mut rank = 1;
            for tier in &tiers {
                for item in tier {
                    let placement = matrix.get(item);
                    let quadrant = placement.map(|p| p.quadrant.as_str().to_owned());
                    result.items.push(AssessedItem {
                        number: item + 1,
                        id: count.items[*item].to_string(),
                        text: index.text(count.items[*item]),
                        rank,
                        tied: tier.len() > 1,
                        weighted_score: assessed(*item).and_then(|assessed| assessed.weighted_score),
                        criterion_means: (0..result.criteria.len())
                            .map(|criterion| {
                                let summary = assessed(*item)?.criteria.get(criterion)?.summary.as_ref()?;
                                Some(summary.mean)
                            })
                            .collect(),
                        impact: placement.and_then(|p| p.impact),
                        feasibility: placement.and_then(|p| p.feasibility),
                        quadrant_label: quadrant.as_deref().map(|key| words.quadrant(key)),
                        quadrant,
                    });
                }
                rank += tier.len();
            }
            let winners = winner_texts(count, index);
            let first = tiers.first().and_then(|tier| tier.first()).copied();
            let score = first
                .and_then(|first| assessed(first)?.weighted_score)
                .map(|score| words.decimal(score, 2))
                .unwrap_or_default();
            result.explanation =
                Some(words.explanation(CountMethod::Assessment, false, &winners, &score, "", result.n_assessors));
            Some(result)
        })
        .collect()
}

/// Where an axis of the impact/feasibility matrix splits, as the count places items: the
/// facilitator's threshold in tenths, or the middle of the scale.
fn threshold(tenths: Option<u32>) -> f64 {
    let middle = f64::midpoint(f64::from(ASSESSMENT_MIN), f64::from(ASSESSMENT_MAX));
    tenths.map_or(middle, |tenths| f64::from(tenths) / 10.0)
}

/// The figure a method ranks by, for one item, and for instant runoff the round it was last
/// counted in (1 for the first).
fn vote_value(result: &MethodResult, item: usize) -> Option<(f64, u64)> {
    fn at<T: Copy + Into<Figure>>(values: &[T], item: usize) -> Option<(f64, u64)> {
        values.get(item).map(|value| ((*value).into().0, 0))
    }
    Some(match result {
        MethodResult::Dots(result) => at(&result.dots, item)?,
        MethodResult::Approval(result) => at(&result.approvals, item)?,
        MethodResult::Plurality(result) => at(&result.first_preferences, item)?,
        MethodResult::Borda(result) => at(&result.scores, item)?,
        MethodResult::Copeland(result) => at(&result.scores, item)?,
        MethodResult::Minimax(result) => at(&result.largest_defeat_margins, item)?,
        MethodResult::Score(result) => {
            let summary = result.summaries.get(item)?.as_ref()?;
            let value = match result.aggregate {
                ScoreAggregate::Median => summary.median,
                ScoreAggregate::Mean => summary.mean,
            };
            (value, 0)
        }
        MethodResult::MajorityJudgment(result) => (f64::from(result.majority_grades.get(item).copied().flatten()?), 0),
        MethodResult::BradleyTerry(result) => at(&result.strengths, item)?,
        MethodResult::InstantRunoff(result) => {
            let (round, votes) = result.rounds.iter().enumerate().rev().find_map(|(round, tallies)| {
                tallies.tallies.get(item).copied().flatten().map(|votes| (round, votes))
            })?;
            (votes as f64, round as u64 + 1)
        }
        MethodResult::Schulze(_) | MethodResult::Assessment(_) => return None,
    })
}

/// A method's figure as the report draws it.
struct Figure(f64);

impl From<u64> for Figure {
    fn from(value: u64) -> Figure {
        Figure(value as f64)
    }
}

impl From<i64> for Figure {
    fn from(value: i64) -> Figure {
        Figure(value as f64)
    }
}

impl From<f64> for Figure {
    fn from(value: f64) -> Figure {
        Figure(value)
    }
}

/// How many grades a count's distributions have, if it has any.
fn grades_counted(result: &MethodResult) -> Option<usize> {
    match result {
        MethodResult::MajorityJudgment(result) => result.distributions.first().map(Vec::len),
        MethodResult::Score(result) => result.distributions.first().map(Vec::len),
        _ => None,
    }
}

fn votes(
    workshop: &Workshop,
    results: &BTreeMap<ActivityId, Results>,
    words: Words,
    index: &Index<'_>,
) -> Vec<VoteResult> {
    workshop
        .activities
        .iter()
        .filter(|activity| activity.kind() == ActivityKind::Vote)
        .filter_map(|activity| {
            let Results { document, frozen } = results.get(&activity.id)?;
            let count = document.count();
            let method =
                count.map_or(CountMethod::Vote(activity.settings.vote_rules().method), |count| count.result.method());
            let mut vote = VoteResult {
                activity_id: activity.id.to_string(),
                activity_title: activity.title.clone(),
                method_label: words.method(method),
                n_ballots: count.map_or(0, |count| count.n_ballots as u64),
                frozen: *frozen,
                explanation: None,
                ranking: Vec::new(),
                error: document.error().map(str::to_owned),
                method: method.as_str().to_owned(),
            };
            let Some(count) = count else { return Some(vote) };
            let tiers = count.tiers();
            let result = &count.result;
            let n_grades = grades_counted(result)
                .map_or(activity.settings.vote_rules().grades, |grades| u8::try_from(grades).unwrap_or(6));
            let by_median = matches!(result, MethodResult::Score(score) if score.aggregate == ScoreAggregate::Median);
            let values: Vec<Option<(f64, u64)>> = (0..count.items.len()).map(|item| vote_value(result, item)).collect();
            let known = values.iter().flatten().map(|(value, _)| *value);
            let low = known.clone().fold(0.0_f64, f64::min);
            let high = known.fold(f64::NEG_INFINITY, f64::max);
            let majority_judgment = matches!(result, MethodResult::MajorityJudgment(_));
            let high = if majority_judgment { f64::from(n_grades.saturating_sub(1)) } else { high };
            let mut rank = 1;
            for (position, tier) in tiers.iter().enumerate() {
                for (place, item) in tier.iter().enumerate() {
                    let value = values[*item];
                    let bar = match value {
                        Some((value, _)) if high > low => {
                            let share = (value - low) / (high - low);
                            // Minimax ranks by the smallest worst defeat.
                            if matches!(result, MethodResult::Minimax(_)) { 1.0 - share } else { share }
                        }
                        Some(_) => 1.0,
                        None => 0.0,
                    };
                    let value_text = value.map(|(value, extra)| {
                        if majority_judgment {
                            words.grade(n_grades, value as u8)
                        } else {
                            words.score(method, by_median, value, extra)
                        }
                    });
                    vote.ranking.push(RankedItem {
                        id: count.items[*item].to_string(),
                        text: index.text(count.items[*item]),
                        rank,
                        tied: tier.len() > 1,
                        value: value.map(|(value, _)| value),
                        value_text,
                        bar: bar.clamp(0.0, 1.0),
                        margin: (place + 1 == tier.len() && position + 1 < tiers.len())
                            .then(|| margin(words, result, position))
                            .flatten(),
                    });
                }
                rank += tier.len();
            }
            let winners = winner_texts(count, index);
            let first = tiers.first().and_then(|tier| tier.first()).and_then(|first| values[*first]);
            let score = match (result, first) {
                (MethodResult::InstantRunoff(result), _) => result.rounds.len().to_string(),
                (MethodResult::Score(_), Some((value, _))) => words.decimal(value, 2),
                (_, Some((value, _))) => format!("{}", value.round() as i64),
                (_, None) => String::new(),
            };
            let grade = match first {
                Some((grade, _)) if majority_judgment => words.grade(n_grades, grade as u8),
                _ => String::new(),
            };
            vote.explanation = Some(words.explanation(method, by_median, &winners, &score, &grade, vote.n_ballots));
            Some(vote)
        })
        .collect()
}

/// How far tier `tier` is ahead of the next, as the web says it.
fn margin(words: Words, result: &MethodResult, tier: usize) -> Option<String> {
    let whole = |gaps: &[i64]| gaps.get(tier).map(ToString::to_string);
    let text = match result {
        MethodResult::BradleyTerry(result) => {
            let share = result.win_probability_over_next_tier.get(tier)?;
            return Some(words.gap_probability(share * 100.0));
        }
        MethodResult::Schulze(_) | MethodResult::MajorityJudgment(_) | MethodResult::InstantRunoff(_) => return None,
        // An assessment's gaps are in its own result, not read here.
        MethodResult::Assessment(_) => return None,
        MethodResult::Score(result) => words.decimal(*result.gaps_to_next_tier.get(tier)?, 2),
        MethodResult::Dots(result) => whole(&result.gaps_to_next_tier)?,
        MethodResult::Approval(result) => whole(&result.gaps_to_next_tier)?,
        MethodResult::Plurality(result) => whole(&result.gaps_to_next_tier)?,
        MethodResult::Borda(result) => whole(&result.gaps_to_next_tier)?,
        MethodResult::Copeland(result) => whole(&result.gaps_to_next_tier)?,
        MethodResult::Minimax(result) => whole(&result.gaps_to_next_tier)?,
    };
    Some(words.gap(&text))
}

fn history(words: Words, follow_up: &FollowUp) -> Vec<HistoryEntry> {
    follow_up
        .history
        .iter()
        .map(|entry| HistoryEntry {
            // The day the progress happened, which the update may have recorded later.
            date: entry.effective_on.to_string(),
            status: entry.status.as_str(),
            status_label: words.action_status(entry.status),
            note: entry.note.clone(),
        })
        .collect()
}

fn actions(
    workshop: &Workshop,
    words: Words,
    index: &Index<'_>,
    numbers: &BTreeMap<ActionId, usize>,
    today: CalendarDate,
) -> Vec<JurisdictionGroup> {
    // Jurisdictions in the order the action plans configure them, then any other key in use.
    let mut groups: Vec<JurisdictionGroup> = Vec::new();
    let ensure = |key: &str, name: String, groups: &mut Vec<JurisdictionGroup>| {
        if !groups.iter().any(|group| group.key == key) {
            groups.push(JurisdictionGroup { key: key.to_owned(), name, actions: Vec::new() });
        }
    };
    let name_in = |activity: Option<&Activity>, key: &str| -> String {
        activity
            .and_then(|activity| activity.settings.jurisdictions().iter().find(|jurisdiction| jurisdiction.key == key))
            .map(|jurisdiction| jurisdiction.name.clone())
            .or_else(|| words.default_jurisdiction(key).map(str::to_owned))
            .unwrap_or_else(|| key.to_owned())
    };
    for activity in workshop.activities.iter().filter(|activity| activity.kind() == ActivityKind::ActionPlan) {
        for key in activity.settings.jurisdiction_keys() {
            ensure(&key, name_in(Some(activity), &key), &mut groups);
        }
    }
    for action in workshop.plan() {
        let activity = index.activity(action.activity_id);
        let card = &action.card;
        ensure(&card.jurisdiction, name_in(activity, &card.jurisdiction), &mut groups);
        let [agree, can_live_with, object] = action.consensus_counts();
        // In the order they were posted, so the path reads from the vision to the idea.
        let mut sources: Vec<&Contribution> =
            workshop.provenance(action.id).into_iter().filter_map(|id| index.contribution(id)).collect();
        sources.sort_by_key(|contribution| contribution.seq);
        let provenance = sources
            .into_iter()
            .map(|contribution| ProvenanceEntry {
                id: contribution.id.to_string(),
                kind: contribution.kind.as_str(),
                kind_label: words.contribution_kind(contribution.kind),
                activity_title: index.activity(contribution.activity_id).map(|a| a.title.clone()).unwrap_or_default(),
                text: contribution.text.clone(),
            })
            .collect();
        let follow_up = &action.follow_up;
        let entry = ActionEntry {
            number: numbers.get(&action.id).copied().unwrap_or(0),
            id: action.id.to_string(),
            activity_title: activity.map(|a| a.title.clone()).unwrap_or_default(),
            title: card.title.clone(),
            description: card.description.clone(),
            rationale: card.rationale.clone(),
            owner: card.owner.clone(),
            jurisdiction: card.jurisdiction.clone(),
            jurisdiction_name: name_in(activity, &card.jurisdiction),
            horizon: card.horizon.clone(),
            first_steps: card.first_steps.clone(),
            resources: card.resources.clone(),
            indicators: card.indicators.clone(),
            revision: action.revision,
            agree,
            can_live_with,
            object,
            consensus_text: words.consensus(agree, can_live_with, object),
            objections: action.objections().map(str::to_owned).collect(),
            status: follow_up.status.as_str(),
            status_label: words.action_status(follow_up.status),
            answerable: follow_up.answerable.clone(),
            next_update_due: follow_up.next_update_due.map(|date| date.to_string()),
            overdue: follow_up.is_overdue(today),
            history: history(words, follow_up),
            provenance,
            mitigates: workshop.risks_mitigated_by(action.id).map(|risk| index.text(risk)).collect(),
            mitigates_ids: workshop.risks_mitigated_by(action.id).map(|risk| risk.to_string()).collect(),
        };
        if let Some(group) = groups.iter_mut().find(|group| group.key == card.jurisdiction) {
            group.actions.push(entry);
        }
    }
    groups
}

impl Report {
    /// Adds the follow-up of the actions as it stands in `now` (the workshop folded from its
    /// whole log, `seq` events ending with `head_hash`) on the day `today`, apart from the
    /// record the report was made from. Actions are numbered as in the report.
    pub fn add_follow_up(&mut self, now: &Workshop, seq: u64, head_hash: &str, today: CalendarDate) {
        let words = Words(now.language);
        let numbered: BTreeMap<String, (usize, String)> = self
            .actions
            .iter()
            .flat_map(|group| &group.actions)
            .map(|action| (action.id.clone(), (action.number, action.jurisdiction_name.clone())))
            .collect();
        let mut actions = now
            .plan()
            .filter_map(|action| {
                let (number, jurisdiction_name) = numbered.get(&action.id.to_string())?.clone();
                let follow_up = &action.follow_up;
                Some(FollowUpRow {
                    number,
                    title: action.card.title.clone(),
                    jurisdiction_name,
                    status: follow_up.status.as_str(),
                    status_label: words.action_status(follow_up.status),
                    answerable: follow_up.answerable.clone(),
                    next_update_due: follow_up.next_update_due.map(|date| date.to_string()),
                    overdue: follow_up.is_overdue(today),
                    history: history(words, follow_up),
                })
            })
            .collect::<Vec<_>>();
        actions.sort_by_key(|row| row.number);
        self.follow_up =
            Some(FollowUpProgress { as_of: today.to_string(), seq, head_hash: head_hash.to_owned(), actions });
        // This edition is made again with every update: it does not promise the same bytes.
        self.record.verify_sentence = self.labels.verify_with_follow_up_sentence;
    }

    /// Names the vision cards the record knows only by id (the built-in deck, whose captions
    /// live with the web's assets) with `title`, in the report's language.
    pub fn name_cards(&mut self, title: impl Fn(&str) -> Option<String>) {
        for card in &mut self.vision {
            if card.card_title.is_none() {
                card.card_title = card.card_id.as_deref().and_then(&title);
            }
        }
    }

    fn with_risks(mut self, workshop: &Workshop, index: &Index<'_>) -> Report {
        let action_title = |id: &ActionId| {
            workshop.action(*id).filter(|action| !action.withdrawn).map(|action| action.card.title.clone())
        };
        let mut risks: Vec<(Option<RiskSummary>, &Contribution)> = Vec::new();
        for activity in workshop.activities.iter().filter(|activity| activity.kind() == ActivityKind::RiskMap) {
            for risk in workshop
                .contributions_in(activity.id)
                .filter(|note| note.kind == ContributionKind::Risk && note.merged_into.is_none())
            {
                let summary =
                    activity.risk_ratings.get(&risk.id).and_then(|ratings| RiskSummary::of(ratings.values().copied()));
                risks.push((summary, risk));
            }
        }
        // Most severe first (likelihood × impact), unrated last, then in posting order.
        let severity = |summary: &Option<RiskSummary>| summary.map_or(-1.0, |s| s.likelihood_mean * s.impact_mean);
        risks.sort_by(|(a, ra), (b, rb)| severity(b).total_cmp(&severity(a)).then(ra.seq.cmp(&rb.seq)));
        let mut cells: BTreeMap<(u8, u8), Vec<usize>> = BTreeMap::new();
        self.risks = risks
            .into_iter()
            .enumerate()
            .map(|(position, (summary, risk))| {
                let number = position + 1;
                let cell = summary.map(|summary| summary.cell());
                let mitigations: Vec<(ActionId, String)> =
                    workshop.mitigations_of(risk.id).iter().filter_map(|id| Some((*id, action_title(id)?))).collect();
                if let Some(cell) = cell {
                    cells.entry(cell).or_default().push(number);
                }
                RiskEntry {
                    number,
                    id: risk.id.to_string(),
                    activity_title: index.activity(risk.activity_id).map(|a| a.title.clone()).unwrap_or_default(),
                    text: risk.text.clone(),
                    raters: summary.map_or(0, |s| s.raters),
                    likelihood_mean: summary.map(|s| s.likelihood_mean),
                    impact_mean: summary.map(|s| s.impact_mean),
                    likelihood_spread: summary.map(|s| s.likelihood_spread),
                    impact_spread: summary.map(|s| s.impact_spread),
                    likelihood_cell: cell.map(|c| c.0),
                    impact_cell: cell.map(|c| c.1),
                    mitigations: mitigations.iter().map(|(_, title)| title.clone()).collect(),
                    mitigation_ids: mitigations.iter().map(|(id, _)| id.to_string()).collect(),
                }
            })
            .collect();
        self.heat_map =
            cells.into_iter().map(|((likelihood, impact), risks)| HeatCell { likelihood, impact, risks }).collect();
        self
    }
}

fn fate_counts(workshop: &Workshop, fed: &BTreeMap<ContributionId, Vec<ActionId>>) -> FateCounts {
    let mut counts = FateCounts { total: 0, became_action: 0, retained: 0, not_retained: 0, pending: 0, merged: 0 };
    for contribution in &workshop.contributions {
        counts.total += 1;
        if contribution.merged_into.is_some() {
            counts.merged += 1;
            continue;
        }
        match workshop.fate_with(contribution.id, fed).outcome {
            Outcome::BecameAction(_) => counts.became_action += 1,
            Outcome::Retained => counts.retained += 1,
            Outcome::NotRetained { .. } => counts.not_retained += 1,
            Outcome::Pending => counts.pending += 1,
        }
    }
    counts
}

#[cfg(test)]
mod tests {
    use super::*;
    use converge_core::outcomes::{ActionCard, FateDecision};
    use converge_core::{AccountId, ActivityConfig, Event, TimedEvent, WorkshopId};
    use uuid::Uuid;

    fn id(n: u128) -> Uuid {
        Uuid::from_u128(n)
    }

    /// A small workshop: two people, an anonymous challenge activity and a signed one, an
    /// action fed by a challenge, a rated risk the action mitigates.
    fn workshop() -> (Workshop, ReportParticipants) {
        let alice = ParticipantId::from_uuid(id(11));
        let bob = ParticipantId::from_uuid(id(12));
        let silent = ParticipantId::from_uuid(id(13));
        let anonymous = ActivityId::from_uuid(id(21));
        let signed = ActivityId::from_uuid(id(22));
        let plan = ActivityId::from_uuid(id(23));
        let risks = ActivityId::from_uuid(id(24));
        let note = |n: u128, activity: ActivityId, author: ParticipantId, kind: ContributionKind, text: &str| {
            Event::ContributionPosted {
                contribution_id: ContributionId::from_uuid(id(n)),
                activity_id: activity,
                author: converge_core::Subject::Named(author),
                kind,
                text: text.into(),
                links: Vec::new(),
                card: None,
                sheet: None,
            }
        };
        let add = |activity_id: ActivityId, kind: ActivityKind, title: &str, anonymous: bool| Event::ActivityAdded {
            activity_id,
            kind,
            title: title.into(),
            prompt: String::new(),
            config: ActivityConfig { anonymous, ..ActivityConfig::default() },
        };
        let join = |participant_id: ParticipantId| Event::ParticipantJoined {
            participant_id,
            role: Role::Participant,
            profile_commitment: "c".into(),
            account: None,
        };
        let action = ActionId::from_uuid(id(41));
        let events = vec![
            Event::WorkshopCreated {
                title: "Atelier".into(),
                language: Language::Fr,
                created_by: AccountId::from_uuid(id(1)),
            },
            add(anonymous, ActivityKind::Challenges, "Défis anonymes", true),
            add(signed, ActivityKind::Challenges, "Défis signés", false),
            add(plan, ActivityKind::ActionPlan, "Plan", false),
            add(risks, ActivityKind::RiskMap, "Risques", false),
            join(alice),
            join(bob),
            join(silent),
            note(31, anonymous, alice, ContributionKind::Challenge, "secret"),
            note(32, signed, bob, ContributionKind::Challenge, "public"),
            note(33, signed, bob, ContributionKind::Challenge, "public bis"),
            note(34, risks, bob, ContributionKind::Risk, "risque"),
            Event::ContributionsMerged {
                into: ContributionId::from_uuid(id(32)),
                merged: vec![ContributionId::from_uuid(id(33))],
            },
            Event::ActionDrafted {
                action_id: action,
                activity_id: plan,
                author: converge_core::Subject::Named(bob),
                card: ActionCard { title: "Agir".into(), jurisdiction: "government".into(), ..ActionCard::default() },
                sources: vec![ContributionId::from_uuid(id(32))],
            },
            Event::ConsensusGiven {
                action_id: action,
                participant: converge_core::Subject::Named(alice),
                stance: Stance::Object,
                reason: "trop cher".into(),
            },
            Event::RiskRated {
                activity_id: risks,
                rater: converge_core::Subject::Named(alice),
                risk: ContributionId::from_uuid(id(34)),
                likelihood: 2,
                impact: 5,
            },
            Event::RiskRated {
                activity_id: risks,
                rater: converge_core::Subject::Named(bob),
                risk: ContributionId::from_uuid(id(34)),
                likelihood: 3,
                impact: 4,
            },
            Event::MitigationsLinked { risk: ContributionId::from_uuid(id(34)), actions: vec![action] },
            Event::FatesDecided {
                contributions: vec![ContributionId::from_uuid(id(31))],
                decision: FateDecision::NotRetained { reason: "hors sujet".into() },
            },
        ];
        let timed: Vec<TimedEvent> = events
            .into_iter()
            .enumerate()
            .map(|(index, event)| TimedEvent {
                seq: index as u64 + 1,
                at: Timestamp(1_780_000_000_000 + index as i64 * 60_000),
                event,
            })
            .collect();
        let workshop = Workshop::from_events(WorkshopId::from_uuid(id(2)), &timed).unwrap();
        let participants = ReportParticipants::new([
            (alice, "Cabinet Secret".to_owned()),
            (bob, "SPW Mobilité".to_owned()),
            (silent, " spw mobilité ".to_owned()),
        ]);
        (workshop, participants)
    }

    use converge_core::outcomes::Stance;

    #[test]
    fn cards_known_only_by_id_get_their_caption() {
        let (mut workshop, participants) = workshop();
        let vision = ActivityId::from_uuid(id(25));
        let at = Timestamp(1_780_000_000_000);
        for (seq, event) in [
            Event::ActivityAdded {
                activity_id: vision,
                kind: ActivityKind::PhotoLanguage,
                title: "Vision".into(),
                prompt: String::new(),
                config: ActivityConfig::default(),
            },
            Event::ContributionPosted {
                contribution_id: ContributionId::from_uuid(id(35)),
                activity_id: vision,
                author: converge_core::Subject::Named(ParticipantId::from_uuid(id(11))),
                kind: ContributionKind::Vision,
                text: "Un pont".into(),
                links: Vec::new(),
                card: Some("bridge".into()),
                sheet: None,
            },
        ]
        .into_iter()
        .enumerate()
        {
            workshop.apply(&TimedEvent { seq: 100 + seq as u64, at, event });
        }
        let mut report = build(&workshop, &participants, &BTreeMap::new(), "h", 1, at, Language::Fr);
        assert_eq!(report.vision[0].card_title, None);
        report.name_cards(|id| (id == "bridge").then(|| "Le pont".to_owned()));
        assert_eq!(report.vision[0].card_title.as_deref(), Some("Le pont"));
    }

    #[test]
    fn the_model_holds_the_record_without_naming_anyone() {
        let (workshop, participants) = workshop();
        let report =
            build(&workshop, &participants, &BTreeMap::new(), "abc", 19, Timestamp(1_790_000_000_000), Language::Fr);
        assert_eq!(report.record.seq, 19);
        assert_eq!(report.participation.total, 3);
        let mobility = report.participation.by_service.iter().find(|row| row.people == 2).unwrap();
        assert_eq!(mobility.contributions, 3, "services group ignoring case and spaces; signed notes only");
        let secret = report.participation.by_service.iter().find(|row| row.service == "Cabinet Secret").unwrap();
        assert_eq!(secret.contributions, 0, "an anonymous note is attributed to no service");
        assert_eq!((report.fairness.signed, report.fairness.anonymous), (3, 1));
        // Signed counts 0, 3, 0: Alice's anonymous note is attributed to nobody, the silent
        // participant counts as a zero.
        assert!((report.fairness.gini - gini(&[0, 0, 3])).abs() < 1e-12);
        assert_eq!(report.fairness.participants_who_contributed, 1);

        let government = report.actions.iter().find(|group| group.key == "government").unwrap();
        assert_eq!(government.name, "Le prochain gouvernement");
        let action = &government.actions[0];
        assert_eq!((action.agree, action.object), (0, 1));
        assert_eq!(action.objections, ["trop cher"]);
        let provenance: Vec<&str> = action.provenance.iter().map(|entry| entry.text.as_str()).collect();
        assert_eq!(provenance, ["public", "public bis"], "the merged duplicate is part of the provenance");
        assert_eq!(action.mitigates, ["risque"]);

        assert_eq!(report.risks.len(), 1);
        assert_eq!(report.risks[0].raters, 2);
        assert_eq!(report.risks[0].mitigations, ["Agir"]);
        assert_eq!((report.heat_map[0].likelihood, report.heat_map[0].impact), (3, 5));

        assert_eq!(report.fates.total, 4);
        assert_eq!(
            (report.fates.became_action, report.fates.not_retained, report.fates.merged, report.fates.pending),
            (1, 1, 1, 1)
        );
        let secret_row = report.contributions.iter().find(|row| row.text == "secret").unwrap();
        assert!(secret_row.anonymous && secret_row.service.is_none());
        assert_eq!(
            report.contributions.iter().find(|row| row.text == "public").unwrap().service.as_deref(),
            Some("SPW Mobilité")
        );

        let json = serde_json::to_string(&report).unwrap();
        assert!(!json.contains(&id(11).to_string()), "no participant id in the model");
        assert!(!json.contains(&id(12).to_string()));
    }
}
