//! Multi-criteria assessment: participants score items (ideas, challenges) on several criteria,
//! and the room sees, per item and criterion, the mean, the median and the spread, a weighted
//! overall score, and where each item falls in the impact/feasibility matrix.

use serde::{Deserialize, Serialize};

use crate::ballot::{BallotError, CandidateIdx, ScoreScale};
use crate::outcome::{Ranking, TieBreak};
use crate::statistics::{DistributionSummary, Histogram};

/// One criterion of an assessment: its weight in the overall score and its direction. A
/// criterion such as cost is scored "higher is worse", so its scores are mirrored on the scale
/// before they enter the overall score.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct AssessmentCriterion {
    pub weight: f64,
    pub higher_is_better: bool,
}

/// The scale and the criteria of an assessment activity, validated once.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct AssessmentConfig {
    scale: ScoreScale,
    criteria: Vec<AssessmentCriterion>,
}

impl AssessmentConfig {
    pub fn new(scale: ScoreScale, criteria: Vec<AssessmentCriterion>) -> Result<Self, BallotError> {
        if criteria.is_empty() {
            return Err(BallotError::InvalidCriteria("an assessment needs at least one criterion"));
        }
        if criteria.iter().any(|c| !(c.weight.is_finite() && c.weight >= 0.0)) {
            return Err(BallotError::InvalidCriteria("every weight must be a number of 0 or more"));
        }
        if criteria.iter().all(|c| c.weight == 0.0) {
            return Err(BallotError::InvalidCriteria("at least one criterion needs a weight above 0"));
        }
        Ok(Self { scale, criteria })
    }

    pub fn scale(&self) -> ScoreScale {
        self.scale
    }

    pub fn criteria(&self) -> &[AssessmentCriterion] {
        &self.criteria
    }

    fn check_criterion(&self, criterion: usize) -> Result<(), BallotError> {
        if criterion < self.criteria.len() {
            Ok(())
        } else {
            Err(BallotError::UnknownCriterion { criterion, n_criteria: self.criteria.len() })
        }
    }
}

/// One participant's scores: `scores[item][criterion]`, `None` where they gave none.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct AssessmentSheet {
    scores: Vec<Vec<Option<i32>>>,
}

impl AssessmentSheet {
    pub fn new(config: &AssessmentConfig, n_items: usize, scores: Vec<Vec<Option<i32>>>) -> Result<Self, BallotError> {
        if scores.len() != n_items {
            return Err(BallotError::WrongLength { expected: n_items, actual: scores.len() });
        }
        let scale = config.scale;
        for (item, row) in scores.iter().enumerate() {
            if row.len() != config.criteria.len() {
                return Err(BallotError::WrongLength { expected: config.criteria.len(), actual: row.len() });
            }
            for score in row.iter().flatten() {
                if !(scale.min()..=scale.max()).contains(score) {
                    return Err(BallotError::ScoreOutOfRange {
                        candidate: item,
                        score: *score,
                        min: scale.min(),
                        max: scale.max(),
                    });
                }
            }
        }
        Ok(Self { scores })
    }
}

/// One item's scores on one criterion.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CriterionSummary {
    /// Count, mean, median, quartiles and spread; `None` if nobody scored it.
    pub summary: Option<DistributionSummary>,
    /// How many participants gave each score, lowest first.
    pub distribution: Vec<u64>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ItemAssessment {
    /// One entry per criterion, in the configuration's order.
    pub criteria: Vec<CriterionSummary>,
    /// The weighted mean of the criteria's means (mirrored where higher is worse), over the
    /// criteria someone scored; `None` if nobody scored the item at all.
    pub weighted_score: Option<f64>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AssessmentResult {
    pub items: Vec<ItemAssessment>,
    pub winners: Vec<CandidateIdx>,
    /// By weighted score; unscored items last.
    pub ranking: Ranking,
    pub gaps_to_next_tier: Vec<f64>,
    pub tie_breaks: Vec<TieBreak>,
}

/// Summarises every item on every criterion and ranks the items by weighted score.
pub fn assess(
    config: &AssessmentConfig,
    n_items: usize,
    sheets: &[AssessmentSheet],
) -> Result<AssessmentResult, BallotError> {
    let scale = config.scale;
    let n_criteria = config.criteria.len();
    let mut histograms = vec![vec![Histogram::new(scale.min(), scale.n_values()); n_criteria]; n_items];
    for sheet in sheets {
        if sheet.scores.len() != n_items {
            return Err(BallotError::CandidateCountMismatch { ballot: sheet.scores.len(), vote: n_items });
        }
        for (item, row) in sheet.scores.iter().enumerate() {
            for (criterion, score) in row.iter().enumerate() {
                if let Some(score) = *score {
                    histograms[item][criterion].add(score, 1);
                }
            }
        }
    }
    let items: Vec<ItemAssessment> = histograms
        .iter()
        .map(|per_criterion| {
            let criteria: Vec<CriterionSummary> = per_criterion
                .iter()
                .map(|h| CriterionSummary { summary: h.summary(), distribution: h.counts().to_vec() })
                .collect();
            let (mut weighted, mut weights) = (0.0, 0.0);
            for (summary, criterion) in criteria.iter().zip(&config.criteria) {
                if let Some(summary) = &summary.summary {
                    let mean = if criterion.higher_is_better {
                        summary.mean
                    } else {
                        f64::from(scale.min()) + f64::from(scale.max()) - summary.mean
                    };
                    weighted += criterion.weight * mean;
                    weights += criterion.weight;
                }
            }
            ItemAssessment { criteria, weighted_score: (weights > 0.0).then(|| weighted / weights) }
        })
        .collect();
    let scores: Vec<f64> = items.iter().map(|item| item.weighted_score.unwrap_or(f64::NEG_INFINITY)).collect();
    let ranking = Ranking::by_score_descending(&scores);
    Ok(AssessmentResult {
        winners: ranking.winners().to_vec(),
        gaps_to_next_tier: ranking
            .gaps_to_next_tier(&scores)
            .into_iter()
            .map(|gap| if gap.is_finite() { gap } else { 0.0 })
            .collect(),
        tie_breaks: ranking.ties_left_unbroken(),
        ranking,
        items,
    })
}

/// The four quadrants of the impact/feasibility matrix. Their names are shown localised by the
/// web layer; these are identifiers.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum MatrixQuadrant {
    /// High impact, high feasibility: do it now.
    QuickWin,
    /// High impact, low feasibility: worth a serious effort.
    BigBet,
    /// Low impact, high feasibility: if there is time.
    FillIn,
    /// Low impact, low feasibility: not worth it.
    MoneyPit,
    /// Nobody scored the item on one of the two criteria.
    NotAssessed,
}

impl MatrixQuadrant {
    /// The quadrant's key, as the JSON names it.
    pub fn as_str(self) -> &'static str {
        match self {
            MatrixQuadrant::QuickWin => "quick_win",
            MatrixQuadrant::BigBet => "big_bet",
            MatrixQuadrant::FillIn => "fill_in",
            MatrixQuadrant::MoneyPit => "money_pit",
            MatrixQuadrant::NotAssessed => "not_assessed",
        }
    }
}

/// Where "high" starts on each axis: a mean at or above the threshold is high. The facilitator
/// moves them; the default is the middle of the scale.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct MatrixThresholds {
    pub impact: f64,
    pub feasibility: f64,
}

impl MatrixThresholds {
    pub fn middle_of(scale: ScoreScale) -> Self {
        Self { impact: scale.midpoint(), feasibility: scale.midpoint() }
    }
}

/// One item's place in the matrix.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct MatrixPlacement {
    pub item: CandidateIdx,
    pub impact: Option<f64>,
    pub feasibility: Option<f64>,
    pub quadrant: MatrixQuadrant,
}

/// Places every item in the impact/feasibility matrix by its mean scores on the two criteria.
pub fn classify_impact_feasibility(
    config: &AssessmentConfig,
    result: &AssessmentResult,
    impact_criterion: usize,
    feasibility_criterion: usize,
    thresholds: MatrixThresholds,
) -> Result<Vec<MatrixPlacement>, BallotError> {
    config.check_criterion(impact_criterion)?;
    config.check_criterion(feasibility_criterion)?;
    let mean = |item: &ItemAssessment, criterion: usize| item.criteria[criterion].summary.as_ref().map(|s| s.mean);
    Ok(result
        .items
        .iter()
        .enumerate()
        .map(|(index, item)| {
            let impact = mean(item, impact_criterion);
            let feasibility = mean(item, feasibility_criterion);
            let quadrant = match (impact, feasibility) {
                (Some(impact), Some(feasibility)) => {
                    match (impact >= thresholds.impact, feasibility >= thresholds.feasibility) {
                        (true, true) => MatrixQuadrant::QuickWin,
                        (true, false) => MatrixQuadrant::BigBet,
                        (false, true) => MatrixQuadrant::FillIn,
                        (false, false) => MatrixQuadrant::MoneyPit,
                    }
                }
                _ => MatrixQuadrant::NotAssessed,
            };
            MatrixPlacement { item: CandidateIdx(index), impact, feasibility, quadrant }
        })
        .collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn config(weights: &[(f64, bool)]) -> AssessmentConfig {
        let criteria =
            weights.iter().map(|&(weight, higher_is_better)| AssessmentCriterion { weight, higher_is_better });
        AssessmentConfig::new(ScoreScale::default(), criteria.collect()).unwrap()
    }

    #[test]
    fn weighted_scores_mirror_criteria_where_higher_is_worse() {
        // Impact (weight 2) and cost (weight 1, higher is worse), two items, two participants.
        let config = config(&[(2.0, true), (1.0, false)]);
        let sheets = [
            AssessmentSheet::new(&config, 2, vec![vec![Some(5), Some(1)], vec![Some(3), Some(5)]]).unwrap(),
            AssessmentSheet::new(&config, 2, vec![vec![Some(4), Some(2)], vec![Some(3), None]]).unwrap(),
        ];
        let result = assess(&config, 2, &sheets).unwrap();
        // Item 0: impact 4.5, cost 1.5 mirrored to 4.5: (2 × 4.5 + 4.5) / 3 = 4.5.
        assert_eq!(result.items[0].weighted_score, Some(4.5));
        // Item 1: impact 3, cost 5 mirrored to 1: (2 × 3 + 1) / 3.
        assert!((result.items[1].weighted_score.unwrap() - 7.0 / 3.0).abs() < 1e-12);
        assert_eq!(result.winners, vec![CandidateIdx(0)]);
        assert_eq!(result.items[1].criteria[1].summary.as_ref().unwrap().count, 1);
    }

    #[test]
    fn the_matrix_puts_items_in_quadrants_and_the_thresholds_move_them() {
        let config = config(&[(1.0, true), (1.0, true)]);
        let rows = vec![
            vec![Some(5), Some(5)],
            vec![Some(5), Some(1)],
            vec![Some(1), Some(5)],
            vec![Some(1), Some(1)],
            vec![None, Some(3)],
        ];
        let sheet = AssessmentSheet::new(&config, 5, rows).unwrap();
        let result = assess(&config, 5, &[sheet]).unwrap();
        let quadrants = |thresholds| -> Vec<MatrixQuadrant> {
            classify_impact_feasibility(&config, &result, 0, 1, thresholds)
                .unwrap()
                .into_iter()
                .map(|p| p.quadrant)
                .collect()
        };
        use MatrixQuadrant::*;
        assert_eq!(
            quadrants(MatrixThresholds::middle_of(ScoreScale::default())),
            vec![QuickWin, BigBet, FillIn, MoneyPit, NotAssessed]
        );
        assert_eq!(
            quadrants(MatrixThresholds { impact: 0.5, feasibility: 0.5 }),
            vec![QuickWin; 4].into_iter().chain([NotAssessed]).collect::<Vec<_>>()
        );
        assert_eq!(
            classify_impact_feasibility(&config, &result, 0, 2, MatrixThresholds { impact: 3.0, feasibility: 3.0 }),
            Err(BallotError::UnknownCriterion { criterion: 2, n_criteria: 2 })
        );
    }

    #[test]
    fn invalid_criteria_and_scores_off_the_scale_are_refused() {
        let no_weight = AssessmentConfig::new(
            ScoreScale::default(),
            vec![AssessmentCriterion { weight: 0.0, higher_is_better: true }],
        );
        assert!(no_weight.is_err());
        let config = config(&[(1.0, true)]);
        assert_eq!(
            AssessmentSheet::new(&config, 1, vec![vec![Some(6)]]),
            Err(BallotError::ScoreOutOfRange { candidate: 0, score: 6, min: 1, max: 5 })
        );
    }
}
