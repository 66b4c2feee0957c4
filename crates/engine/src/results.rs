//! Counting a vote or an assessment: the room's ballots, turned into the methods crate's
//! ballots, counted, and returned as one typed [`ResultsDocument`] that pages, the API, the
//! report and the record share.
//!
//! Items are numbered in the order of the activity's items (its sources' contributions); the
//! document gives both the numbers the methods work with and the contribution ids.
//!
//! [`current`] is the one place that decides which count an activity shows: the one frozen into
//! the record when it closed, else the count of its ballots as they stand. The API, the activity
//! pages, the report and the tests all go through it.

use converge_core::results::{
    AssessmentOutcome, Count, CountedCriterion, ImpossibleCount, MethodResult, Results, ResultsDocument,
};
use converge_core::voting::{Ballot, VoteMethod};
use converge_core::{Activity, ActivityId, ActivityKind, ActivityStatus, ContributionId, Event, Workshop};
use converge_methods as methods;
use std::collections::BTreeMap;

/// The count an activity shows: the one frozen into the record when it closed, else its ballots
/// counted as they stand; `None` for an activity that is not a vote or an assessment. Whether the
/// count may be read yet is the caller's question (`Activity::results_readable`).
pub fn current(workshop: &Workshop, activity: &Activity) -> Option<Results> {
    if let Some(document) = activity.frozen_results() {
        return Some(Results { document, frozen: true });
    }
    results(workshop, activity).map(|document| Results { document, frozen: false })
}

/// Every count that may be read (each closed vote and assessment), by activity: what the report
/// is made from.
pub fn readable(workshop: &Workshop) -> BTreeMap<ActivityId, Results> {
    workshop
        .activities
        .iter()
        .filter(|activity| activity.results_readable())
        .filter_map(|activity| Some((activity.id, current(workshop, activity)?)))
        .collect()
}

/// True for an event after which a count may have to be recorded: an activity or the workshop
/// closing.
pub fn closes_a_count(event: &Event) -> bool {
    matches!(event, Event::ActivityClosed { .. } | Event::WorkshopClosed)
}

/// The counts to record now: every closed vote or assessment whose count is not in the record
/// yet (it was just closed, alone or with the workshop; or it was closed by an older version
/// that recorded counts in a second step).
pub fn freezes_due(workshop: &Workshop) -> Vec<Event> {
    workshop
        .activities
        .iter()
        .filter(|activity| activity.status == ActivityStatus::Closed && activity.frozen_result.is_none())
        .filter_map(|activity| {
            let result = results(workshop, activity)?;
            Some(Event::ResultsFrozen { activity_id: activity.id, result: result.to_json() })
        })
        .collect()
}

/// True for an event after which a selection may have to be recorded: an activity opening.
pub fn opens_an_activity(event: &Event) -> bool {
    matches!(event, Event::ActivityOpened { .. })
}

/// The selections to record now: every open activity with a `take` rule and nothing recorded
/// yet, resolved against its sources' counts (frozen, else live). Appended in the same write as
/// the opening, after the counts that closing froze, so a top N reads the frozen count.
pub fn selections_due(workshop: &Workshop) -> Vec<Event> {
    workshop
        .activities
        .iter()
        .filter(|activity| converge_core::selection::selection_due(activity))
        .map(|activity| Event::SelectionRecorded { activity_id: activity.id, items: selection_of(workshop, activity) })
        .collect()
}

/// What `activity`'s rule picks now: the console shows it before the activity opens, and
/// [`selections_due`] records it when it does.
pub fn selection_of(workshop: &Workshop, activity: &Activity) -> Vec<ContributionId> {
    let counts: BTreeMap<ActivityId, ResultsDocument> = converge_core::selection::counted_sources(activity)
        .into_iter()
        .filter_map(|source| {
            let source = workshop.activity(source)?;
            Some((source.id, current(workshop, source)?.document))
        })
        .collect();
    converge_core::selection::resolve(workshop, activity, &counts)
}

/// The count of a vote or an assessment as it stands, or `None` for another kind of activity.
pub fn results(workshop: &Workshop, activity: &Activity) -> Option<ResultsDocument> {
    let items: Vec<ContributionId> = workshop.items_of(activity).into_iter().collect();
    let counted = match activity.kind() {
        ActivityKind::Vote => vote(activity, &items),
        ActivityKind::Assess => assessment(activity, &items),
        _ => return None,
    };
    let Counted { n_ballots, winners, ranking, result } = match counted {
        Ok(counted) => counted,
        Err(error) => {
            // Ballots were checked when cast; a refusal here means the items changed since
            // (a source merged away), so the count is reported as impossible, not guessed.
            return Some(ResultsDocument::Impossible(ImpossibleCount {
                activity_id: activity.id,
                error: error.to_string(),
                items,
            }));
        }
    };
    let id = |index: &usize| items.get(*index).copied();
    Some(ResultsDocument::Counted(Box::new(Count {
        activity_id: activity.id,
        kind: activity.kind(),
        n_ballots,
        winners: winners.iter().filter_map(id).collect(),
        ranking: ranking.iter().map(|tier| tier.iter().filter_map(id).collect()).collect(),
        items,
        result,
    })))
}

/// A count before its items are named: positions in the activity's items.
struct Counted {
    n_ballots: usize,
    winners: Vec<usize>,
    ranking: Vec<Vec<usize>>,
    result: MethodResult,
}

fn indices(candidates: &[methods::CandidateIdx]) -> Vec<usize> {
    candidates.iter().map(|candidate| candidate.0).collect()
}

fn tiers(ranking: &methods::Ranking) -> Vec<Vec<usize>> {
    ranking.tiers().iter().map(|tier| indices(tier)).collect()
}

fn vote(activity: &Activity, items: &[ContributionId]) -> Result<Counted, methods::BallotError> {
    let n = items.len();
    let position = |item: &ContributionId| items.iter().position(|known| known == item);
    let rules = activity.settings.vote_rules();
    let ballots: Vec<&Ballot> = activity.ballots.values().collect();
    let n_ballots = ballots.len();
    let (winners, ranking, result) = match rules.method {
        VoteMethod::Dots => {
            let dot_rules = methods::DotRules::new(rules.dots_budget, rules.dots_cap)?;
            let mut parsed = Vec::new();
            for ballot in &ballots {
                if let Ballot::Dots { dots } = ballot {
                    let mut spread = vec![0u32; n];
                    for (item, count) in dots {
                        if let Some(index) = position(item) {
                            spread[index] = *count;
                        }
                    }
                    parsed.push(methods::DotBallot::new(dot_rules, n, spread)?);
                }
            }
            let result = methods::dot_voting(dot_rules, n, &parsed)?;
            (indices(&result.winners), tiers(&result.ranking), MethodResult::Dots(result))
        }
        VoteMethod::Approval => {
            let mut parsed = Vec::new();
            for ballot in &ballots {
                if let Ballot::Approval { approved } = ballot {
                    parsed.push(methods::ApprovalBallot::new(n, approved.iter().filter_map(position))?);
                }
            }
            let result = methods::approval(n, &parsed)?;
            (indices(&result.winners), tiers(&result.ranking), MethodResult::Approval(result))
        }
        VoteMethod::Score => {
            let scale = methods::ScoreScale::new(rules.score_min, rules.score_max)?;
            let mut parsed = Vec::new();
            for ballot in &ballots {
                if let Ballot::Scores { scores } = ballot {
                    let row = items.iter().map(|item| scores.get(item).copied()).collect();
                    parsed.push(methods::ScoreBallot::new(scale, n, row)?);
                }
            }
            let aggregate =
                if rules.rank_by_median { methods::ScoreAggregate::Median } else { methods::ScoreAggregate::Mean };
            let result = methods::score_voting(scale, n, &parsed, aggregate)?;
            (indices(&result.winners), tiers(&result.ranking), MethodResult::Score(result))
        }
        VoteMethod::MajorityJudgment => {
            let scale = methods::GradeScale::new(rules.grades)?;
            let mut parsed = Vec::new();
            for ballot in &ballots {
                if let Ballot::Grades { grades } = ballot {
                    // Items added after the ballot was cast get the lowest grade from it.
                    let row = items.iter().map(|item| grades.get(item).copied().unwrap_or(0)).collect();
                    parsed.push(methods::GradeBallot::new(scale, n, row)?);
                }
            }
            let result = methods::majority_judgment(scale, n, &parsed)?;
            (indices(&result.winners), tiers(&result.ranking), MethodResult::MajorityJudgment(result))
        }
        VoteMethod::BradleyTerry => {
            let comparisons = activity
                .comparisons
                .iter()
                .filter_map(|(_, winner, loser)| Some((position(winner)?, position(loser)?)))
                .map(|(winner, loser)| methods::PairwiseComparison::new(n, winner, loser))
                .collect::<Result<Vec<_>, _>>()?;
            let result = methods::bradley_terry(n, &comparisons, methods::BradleyTerryOptions::default())?;
            let voters: std::collections::BTreeSet<_> =
                activity.comparisons.iter().map(|(voter, _, _)| voter).collect();
            return Ok(Counted {
                n_ballots: voters.len(),
                winners: indices(&result.winners),
                ranking: tiers(&result.ranking),
                result: MethodResult::BradleyTerry(result),
            });
        }
        ranked => {
            let mut profile = methods::RankedProfile::new(n);
            for ballot in &ballots {
                if let Ballot::Ranking { tiers } = ballot {
                    let tiers = tiers.iter().map(|tier| tier.iter().filter_map(position).collect()).collect();
                    profile.add(methods::RankedBallot::with_ties(n, tiers)?, 1)?;
                }
            }
            match ranked {
                VoteMethod::Plurality => {
                    let result = methods::plurality(&profile);
                    (indices(&result.winners), tiers(&result.ranking), MethodResult::Plurality(result))
                }
                VoteMethod::Borda => {
                    let result = methods::borda(&profile);
                    (indices(&result.winners), tiers(&result.ranking), MethodResult::Borda(result))
                }
                VoteMethod::InstantRunoff => {
                    let result = methods::instant_runoff(&profile);
                    (indices(&result.winners), tiers(&result.ranking), MethodResult::InstantRunoff(result))
                }
                VoteMethod::Copeland => {
                    let result = methods::copeland(&profile);
                    (indices(&result.winners), tiers(&result.ranking), MethodResult::Copeland(result))
                }
                VoteMethod::Schulze => {
                    let result = methods::schulze(&profile);
                    (indices(&result.winners), tiers(&result.ranking), MethodResult::Schulze(result))
                }
                _ => {
                    let result = methods::minimax(&profile);
                    (indices(&result.winners), tiers(&result.ranking), MethodResult::Minimax(result))
                }
            }
        }
    };
    Ok(Counted { n_ballots, winners, ranking, result })
}

fn assessment(activity: &Activity, items: &[ContributionId]) -> Result<Counted, methods::BallotError> {
    let criteria = activity.settings.criteria();
    let scale = methods::ScoreScale::new(
        i32::from(converge_core::voting::ASSESSMENT_MIN),
        i32::from(converge_core::voting::ASSESSMENT_MAX),
    )?;
    let config = methods::AssessmentConfig::new(
        scale,
        criteria
            .iter()
            .map(|criterion| methods::AssessmentCriterion {
                weight: f64::from(criterion.weight),
                // Criteria are worded so that a higher score is better ("reasonable cost").
                higher_is_better: true,
            })
            .collect(),
    )?;
    // One sheet per assessor, over every item.
    let assessors: std::collections::BTreeSet<_> =
        activity.assessments.values().flat_map(|by_assessor| by_assessor.keys()).collect();
    let sheets = assessors
        .iter()
        .map(|assessor| {
            let rows = items
                .iter()
                .map(|item| {
                    let scores = activity.assessments.get(item).and_then(|by| by.get(*assessor));
                    criteria
                        .iter()
                        .map(|criterion| {
                            scores.and_then(|scores| scores.get(&criterion.id)).map(|score| i32::from(*score))
                        })
                        .collect()
                })
                .collect();
            methods::AssessmentSheet::new(&config, items.len(), rows)
        })
        .collect::<Result<Vec<_>, _>>()?;
    let result = methods::assess(&config, items.len(), &sheets)?;
    let criterion_index = |key: &str| criteria.iter().position(|criterion| criterion.id == key);
    let matrix = match (criterion_index("impact"), criterion_index("feasibility")) {
        (Some(impact), Some(feasibility)) => Some(methods::classify_impact_feasibility(
            &config,
            &result,
            impact,
            feasibility,
            thresholds(activity, scale),
        )?),
        _ => None,
    };
    let winners = indices(&result.winners);
    let ranking = tiers(&result.ranking);
    let outcome = AssessmentOutcome {
        criteria: criteria
            .iter()
            .map(|criterion| CountedCriterion {
                id: criterion.id.clone(),
                name: criterion.name.clone(),
                weight: criterion.weight,
            })
            .collect(),
        assessment: result,
        matrix,
    };
    Ok(Counted { n_ballots: assessors.len(), winners, ranking, result: MethodResult::Assessment(outcome) })
}

/// Where the matrix splits high from low: the facilitator's thresholds, or the middle of the scale.
fn thresholds(activity: &Activity, scale: methods::ScoreScale) -> methods::MatrixThresholds {
    let middle = methods::MatrixThresholds::middle_of(scale);
    let tenths = |value: Option<u32>, default: f64| value.map_or(default, |tenths| f64::from(tenths) / 10.0);
    methods::MatrixThresholds {
        impact: tenths(activity.settings.impact_threshold_tenths(), middle.impact),
        feasibility: tenths(activity.settings.feasibility_threshold_tenths(), middle.feasibility),
    }
}
