//! Results serialise to the JSON the API and `converge tally --format json` will show: winners,
//! the ranking as tiers, scores, margins, ties and dispersion, with stable snake_case names.

use converge_methods::{
    GradeBallot, GradeScale, RankedBallot, RankedProfile, ScoreAggregate, ScoreBallot, ScoreScale, instant_runoff,
    majority_judgment, schulze, score_voting,
};
use serde_json::json;

fn cycle() -> RankedProfile {
    let ballots = [[0, 1, 2], [1, 2, 0], [2, 0, 1]].map(|order| RankedBallot::strict(3, order).unwrap());
    RankedProfile::from_ballots(3, ballots).unwrap()
}

#[test]
fn a_schulze_result_shows_tiers_margins_and_the_tie_it_left() {
    let value = serde_json::to_value(schulze(&cycle())).unwrap();
    assert_eq!(value["winners"], json!([0, 1, 2]));
    assert_eq!(value["ranking"], json!([[0, 1, 2]]));
    assert_eq!(value["margins"], json!([[0, 1, -1], [-1, 0, 1], [1, -1, 0]]));
    assert_eq!(
        value["tie_breaks"],
        json!([{"tied": [0, 1, 2], "rule": "left_tied", "order_after_rule": [[0, 1, 2]], "resolved": false}])
    );
    assert_eq!(value["condorcet_winner"], json!(null));
    assert!(value["dispersion"]["pairwise_division"].as_f64().unwrap() > 0.3);
}

#[test]
fn an_instant_runoff_result_shows_each_round() {
    let value = serde_json::to_value(instant_runoff(&cycle())).unwrap();
    assert_eq!(value["rounds"][0]["tallies"], json!([1, 1, 1]));
    assert_eq!(value["rounds"][0]["eliminated"], json!([]));
}

#[test]
fn an_unscored_candidate_serialises_as_null_not_as_a_number() {
    let scale = ScoreScale::new(1, 5).unwrap();
    let ballots = [ScoreBallot::new(scale, 2, vec![Some(4), None]).unwrap()];
    let value = serde_json::to_value(score_voting(scale, 2, &ballots, ScoreAggregate::Median).unwrap()).unwrap();
    assert_eq!(value["aggregate"], json!("median"));
    assert_eq!(value["summaries"][1], json!(null));
    assert_eq!(value["ranking"], json!([[0], [1]]));
}

#[test]
fn a_majority_judgment_result_shows_grade_distributions_and_gauges() {
    let scale = GradeScale::new(3).unwrap();
    let ballots = [GradeBallot::new(scale, 1, vec![2]).unwrap(), GradeBallot::new(scale, 1, vec![0]).unwrap()];
    let value = serde_json::to_value(majority_judgment(scale, 1, &ballots).unwrap()).unwrap();
    assert_eq!(value["majority_grades"], json!([0]));
    assert_eq!(value["distributions"], json!([[1, 0, 1]]));
    assert_eq!(value["gauges"], json!([{"share_above": 0.5, "share_below": 0.0}]));
}
