//! Methods where each participant judges each candidate on its own: approval, score (range)
//! voting, majority judgment and dot voting.
//!
//! Each tallies into per-candidate counters or histograms first, so memory is proportional to
//! candidates × scale, whatever the number of ballots.

use std::cmp::Ordering;

use serde::{Deserialize, Serialize};

use crate::ballot::{
    ApprovalBallot, BallotError, CandidateIdx, DotBallot, DotRules, GradeBallot, GradeScale, ScoreBallot, ScoreScale,
};
use crate::outcome::{Ranking, TieBreak, TieBreakRule};
use crate::statistics::{DistributionSummary, Histogram};

fn check_count(ballot: usize, vote: usize) -> Result<(), BallotError> {
    if ballot == vote { Ok(()) } else { Err(BallotError::CandidateCountMismatch { ballot, vote }) }
}

fn share(part: u64, whole: u64) -> f64 {
    if whole == 0 { 0.0 } else { part as f64 / whole as f64 }
}

/// How divided the room was on each candidate, for methods with a scale.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ScaleDispersion {
    /// Per candidate, the spread of the middle half of its scores or grades (`None` if unscored).
    pub interquartile_ranges: Vec<Option<f64>>,
    /// Per candidate, the population standard deviation of its scores or grades.
    pub standard_deviations: Vec<Option<f64>>,
}

impl ScaleDispersion {
    fn of(summaries: &[Option<DistributionSummary>]) -> Self {
        Self {
            interquartile_ranges: summaries.iter().map(|s| s.as_ref().map(|s| s.interquartile_range)).collect(),
            standard_deviations: summaries.iter().map(|s| s.as_ref().map(|s| s.standard_deviation)).collect(),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ApprovalResult {
    pub winners: Vec<CandidateIdx>,
    pub ranking: Ranking,
    pub approvals: Vec<u64>,
    /// Per candidate, the share of ballots approving it.
    pub approval_shares: Vec<f64>,
    pub n_ballots: u64,
    pub gaps_to_next_tier: Vec<i64>,
    pub tie_breaks: Vec<TieBreak>,
    /// Per candidate, `4 p (1 - p)` for its approval share `p`: 0 when the room is unanimous
    /// about it (everyone or nobody approves), 1 when it splits the room in half.
    pub division: Vec<f64>,
}

/// Approval voting: the most approvals wins; equal counts stay tied.
pub fn approval(n_candidates: usize, ballots: &[ApprovalBallot]) -> Result<ApprovalResult, BallotError> {
    let mut approvals = vec![0u64; n_candidates];
    for ballot in ballots {
        check_count(ballot.n_candidates(), n_candidates)?;
        for candidate in ballot.approved() {
            approvals[candidate.0] += 1;
        }
    }
    let n_ballots = ballots.len() as u64;
    let approval_shares: Vec<f64> = approvals.iter().map(|&a| share(a, n_ballots)).collect();
    let scores: Vec<i64> = approvals.iter().map(|&a| a as i64).collect();
    let ranking = Ranking::by_score_descending(&scores);
    Ok(ApprovalResult {
        winners: ranking.winners().to_vec(),
        gaps_to_next_tier: ranking.gaps_to_next_tier(&scores),
        tie_breaks: ranking.ties_left_unbroken(),
        ranking,
        division: approval_shares.iter().map(|p| 4.0 * p * (1.0 - p)).collect(),
        approvals,
        approval_shares,
        n_ballots,
    })
}

/// Which statistic of the scores ranks the candidates; the other one breaks ties.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ScoreAggregate {
    Mean,
    Median,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ScoreResult {
    pub aggregate: ScoreAggregate,
    pub winners: Vec<CandidateIdx>,
    /// By the chosen statistic, ties ordered by the other one; unscored candidates last, tied.
    pub ranking: Ranking,
    /// Per candidate: count, mean, median, quartiles, spread; `None` if nobody scored it.
    pub summaries: Vec<Option<DistributionSummary>>,
    /// Per candidate, how many participants gave each score, lowest score first.
    pub distributions: Vec<Vec<u64>>,
    /// How far each tier's statistic is above the next tier's (the chosen statistic).
    pub gaps_to_next_tier: Vec<f64>,
    pub tie_breaks: Vec<TieBreak>,
    pub dispersion: ScaleDispersion,
}

/// Score (range) voting. Abstentions on a candidate do not count for it: its statistics are over
/// the participants who scored it.
pub fn score_voting(
    scale: ScoreScale,
    n_candidates: usize,
    ballots: &[ScoreBallot],
    aggregate: ScoreAggregate,
) -> Result<ScoreResult, BallotError> {
    let mut histograms = vec![Histogram::new(scale.min(), scale.n_values()); n_candidates];
    for ballot in ballots {
        check_count(ballot.n_candidates(), n_candidates)?;
        if ballot.scale() != scale {
            return Err(BallotError::ScaleMismatch);
        }
        for (candidate, score) in ballot.scores().iter().enumerate() {
            if let Some(score) = *score {
                histograms[candidate].add(score, 1);
            }
        }
    }
    let summaries: Vec<Option<DistributionSummary>> = histograms.iter().map(Histogram::summary).collect();
    // An unscored candidate ranks below every scored one: minus infinity keeps the comparison total.
    let statistic = |which: ScoreAggregate| -> Vec<f64> {
        summaries
            .iter()
            .map(|s| match (s, which) {
                (Some(s), ScoreAggregate::Mean) => s.mean,
                (Some(s), ScoreAggregate::Median) => s.median,
                (None, _) => f64::NEG_INFINITY,
            })
            .collect()
    };
    let (primary, secondary, rule) = match aggregate {
        ScoreAggregate::Mean => {
            (statistic(ScoreAggregate::Mean), statistic(ScoreAggregate::Median), TieBreakRule::HigherMedian)
        }
        ScoreAggregate::Median => {
            (statistic(ScoreAggregate::Median), statistic(ScoreAggregate::Mean), TieBreakRule::HigherMean)
        }
    };
    let by_primary = Ranking::by_score_descending(&primary);
    let gaps_to_next_tier =
        by_primary.gaps_to_next_tier(&primary).into_iter().map(|gap| if gap.is_finite() { gap } else { 0.0 }).collect();
    let (ranking, tie_breaks) =
        by_primary.break_ties(rule, |a, b| secondary[b.0].partial_cmp(&secondary[a.0]).unwrap_or(Ordering::Equal));
    Ok(ScoreResult {
        aggregate,
        winners: ranking.winners().to_vec(),
        ranking,
        dispersion: ScaleDispersion::of(&summaries),
        distributions: histograms.iter().map(|h| h.counts().to_vec()).collect(),
        summaries,
        gaps_to_next_tier,
        tie_breaks,
    })
}

/// Balinski and Laraki's majority gauge of one candidate around its majority grade.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct MajorityGauge {
    /// Share of the grades strictly above the majority grade.
    pub share_above: f64,
    /// Share of the grades strictly below the majority grade.
    pub share_below: f64,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct MajorityJudgmentResult {
    pub winners: Vec<CandidateIdx>,
    pub ranking: Ranking,
    /// Per candidate, the lower median grade (`None` with no ballots).
    pub majority_grades: Vec<Option<u8>>,
    /// Per candidate, how many participants gave each grade, worst grade first.
    pub distributions: Vec<Vec<u64>>,
    pub gauges: Vec<MajorityGauge>,
    pub tie_breaks: Vec<TieBreak>,
    pub dispersion: ScaleDispersion,
}

/// Majority judgment (Balinski and Laraki, "Majority Judgment: Measuring, Ranking, and Electing",
/// MIT Press 2011). Candidates are ranked by their majority grade (the lower median); candidates
/// with the same majority grade are ordered by their majority values: remove one majority grade
/// from each one's grades and compare the new majority grades, and so on until they differ. Only
/// candidates with identical grade distributions stay tied.
pub fn majority_judgment(
    scale: GradeScale,
    n_candidates: usize,
    ballots: &[GradeBallot],
) -> Result<MajorityJudgmentResult, BallotError> {
    let mut histograms = vec![Histogram::new(0, usize::from(scale.n_grades())); n_candidates];
    for ballot in ballots {
        check_count(ballot.n_candidates(), n_candidates)?;
        if ballot.scale() != scale {
            return Err(BallotError::ScaleMismatch);
        }
        for (candidate, &grade) in ballot.grades().iter().enumerate() {
            histograms[candidate].add(i32::from(grade), 1);
        }
    }
    let majority_grades: Vec<Option<u8>> =
        histograms.iter().map(|h| h.lower_median().map(|grade| grade as u8)).collect();
    let gauges = histograms
        .iter()
        .zip(&majority_grades)
        .map(|(histogram, grade)| {
            let total = histogram.total();
            let grade = grade.map_or(0, usize::from);
            let counts = histogram.counts();
            MajorityGauge {
                share_above: share(counts.iter().skip(grade + 1).sum(), total),
                share_below: share(counts.iter().take(grade).sum(), total),
            }
        })
        .collect();
    let (ranking, tie_breaks) = Ranking::by_score_descending(&majority_grades)
        .break_ties(TieBreakRule::MajorityValue, |a, b| compare_majority_values(&histograms[b.0], &histograms[a.0]));
    let summaries: Vec<Option<DistributionSummary>> = histograms.iter().map(Histogram::summary).collect();
    Ok(MajorityJudgmentResult {
        winners: ranking.winners().to_vec(),
        ranking,
        majority_grades,
        distributions: histograms.iter().map(|h| h.counts().to_vec()).collect(),
        gauges,
        tie_breaks,
        dispersion: ScaleDispersion::of(&summaries),
    })
}

/// Compares two candidates' majority values (the sequence of lower medians obtained by removing
/// one median grade at a time): `Greater` when the first is better.
fn compare_majority_values(first: &Histogram, second: &Histogram) -> Ordering {
    let (mut first, mut second) = (first.clone(), second.clone());
    loop {
        match (first.lower_median(), second.lower_median()) {
            (Some(a), Some(b)) if a != b => return a.cmp(&b),
            (Some(a), Some(b)) => {
                first.remove_one(a);
                second.remove_one(b);
            }
            (a, b) => return a.cmp(&b),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DotVotingResult {
    pub rules: DotRules,
    pub winners: Vec<CandidateIdx>,
    pub ranking: Ranking,
    pub dots: Vec<u64>,
    /// Per candidate, its share of all the dots spent.
    pub dot_shares: Vec<f64>,
    /// Per candidate, the participants who put at least one dot on it.
    pub supporters: Vec<u64>,
    pub n_ballots: u64,
    pub gaps_to_next_tier: Vec<i64>,
    pub tie_breaks: Vec<TieBreak>,
    /// Per candidate, the share of participants who support it: dots concentrated on a few
    /// supporters show a keen minority rather than a broad agreement.
    pub supporter_shares: Vec<f64>,
}

/// Dot voting: the most dots wins; equal totals stay tied. The rules were enforced when each
/// ballot was built ([`DotBallot::new`]); they are taken here so the result can show them.
pub fn dot_voting(rules: DotRules, n_candidates: usize, ballots: &[DotBallot]) -> Result<DotVotingResult, BallotError> {
    let mut dots = vec![0u64; n_candidates];
    let mut supporters = vec![0u64; n_candidates];
    for ballot in ballots {
        check_count(ballot.n_candidates(), n_candidates)?;
        for (candidate, &given) in ballot.dots().iter().enumerate() {
            dots[candidate] += u64::from(given);
            supporters[candidate] += u64::from(given > 0);
        }
    }
    let spent: u64 = dots.iter().sum();
    let n_ballots = ballots.len() as u64;
    let scores: Vec<i64> = dots.iter().map(|&d| d as i64).collect();
    let ranking = Ranking::by_score_descending(&scores);
    Ok(DotVotingResult {
        rules,
        winners: ranking.winners().to_vec(),
        gaps_to_next_tier: ranking.gaps_to_next_tier(&scores),
        tie_breaks: ranking.ties_left_unbroken(),
        ranking,
        dot_shares: dots.iter().map(|&d| share(d, spent)).collect(),
        supporter_shares: supporters.iter().map(|&s| share(s, n_ballots)).collect(),
        dots,
        supporters,
        n_ballots,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn grades(scale: GradeScale, rows: &[&[u8]]) -> Vec<GradeBallot> {
        rows.iter().map(|row| GradeBallot::new(scale, row.len(), row.to_vec()).unwrap()).collect()
    }

    /// The rule of Balinski and Laraki ("A theory of measuring, electing, and ranking", PNAS
    /// 104(21), 2007; "Majority Judgment", MIT Press 2011): candidates with the same majority
    /// grade are ordered by removing one majority grade at a time. A small case worked by hand
    /// from that definition (not a table copied from the book): A's grades are
    /// 0, 2, 2, 3, 4 and B's 1, 2, 2, 2, 3: both have majority grade 2 and, after one 2 is
    /// removed, still 2; after a second, A's is 3 and B's 2, so A is above B. The gauges agree:
    /// A has 2/5 above its grade and 1/5 below, B 1/5 and 1/5.
    #[test]
    fn majority_judgment_breaks_an_equal_majority_grade_by_removing_median_grades() {
        let scale = GradeScale::new(5).unwrap();
        let ballots = grades(scale, &[&[0, 1], &[2, 2], &[2, 2], &[3, 2], &[4, 3]]);
        let result = majority_judgment(scale, 2, &ballots).unwrap();
        assert_eq!(result.majority_grades, vec![Some(2), Some(2)]);
        assert_eq!(result.winners, vec![CandidateIdx(0)]);
        assert_eq!(result.tie_breaks.len(), 1);
        assert_eq!(result.tie_breaks[0].rule, TieBreakRule::MajorityValue);
        assert!(result.tie_breaks[0].resolved);
        assert_eq!(result.gauges[0], MajorityGauge { share_above: 0.4, share_below: 0.2 });
        assert_eq!(result.gauges[1], MajorityGauge { share_above: 0.2, share_below: 0.2 });
    }

    #[test]
    fn majority_judgment_uses_the_lower_median_with_an_even_number_of_voters() {
        let scale = GradeScale::new(6).unwrap();
        let ballots = grades(scale, &[&[1, 2], &[5, 2]]);
        let result = majority_judgment(scale, 2, &ballots).unwrap();
        assert_eq!(result.majority_grades, vec![Some(1), Some(2)]);
        assert_eq!(result.winners, vec![CandidateIdx(1)]);
    }

    #[test]
    fn candidates_with_identical_grades_stay_tied_and_the_result_says_so() {
        let scale = GradeScale::new(3).unwrap();
        let ballots = grades(scale, &[&[2, 2, 0], &[1, 1, 0]]);
        let result = majority_judgment(scale, 3, &ballots).unwrap();
        assert_eq!(result.winners, vec![CandidateIdx(0), CandidateIdx(1)]);
        assert!(!result.tie_breaks[0].resolved);
    }

    #[test]
    fn score_voting_ranks_by_mean_and_orders_equal_means_by_median() {
        let scale = ScoreScale::new(0, 10).unwrap();
        // A: 0, 6, 6 (mean 4, median 6); B: 4, 4, 4 (mean 4, median 4); C: 9, None, None.
        let rows = [[Some(0), Some(4), Some(9)], [Some(6), Some(4), None], [Some(6), Some(4), None]];
        let ballots: Vec<ScoreBallot> = rows.iter().map(|r| ScoreBallot::new(scale, 3, r.to_vec()).unwrap()).collect();
        let by_mean = score_voting(scale, 3, &ballots, ScoreAggregate::Mean).unwrap();
        assert_eq!(by_mean.ranking.tiers(), &[vec![CandidateIdx(2)], vec![CandidateIdx(0)], vec![CandidateIdx(1)]]);
        assert_eq!(by_mean.tie_breaks[0].rule, TieBreakRule::HigherMedian);
        assert_eq!(by_mean.summaries[2].as_ref().unwrap().count, 1);
        assert_eq!(by_mean.gaps_to_next_tier, vec![5.0]);
        let by_median = score_voting(scale, 3, &ballots, ScoreAggregate::Median).unwrap();
        assert_eq!(by_median.winners, vec![CandidateIdx(2)]);
        assert_eq!(by_median.dispersion.interquartile_ranges[1], Some(0.0));
    }

    #[test]
    fn a_ballot_on_another_scale_is_refused() {
        let ballot = ScoreBallot::new(ScoreScale::new(0, 10).unwrap(), 1, vec![Some(7)]).unwrap();
        let result = score_voting(ScoreScale::default(), 1, &[ballot], ScoreAggregate::Mean);
        assert_eq!(result, Err(BallotError::ScaleMismatch));
    }

    #[test]
    fn approval_counts_approvals_and_leaves_equal_counts_tied() {
        let ballots: Vec<ApprovalBallot> =
            [vec![0, 1], vec![1, 0], vec![2]].into_iter().map(|a| ApprovalBallot::new(3, a).unwrap()).collect();
        let result = approval(3, &ballots).unwrap();
        assert_eq!(result.approvals, vec![2, 2, 1]);
        assert_eq!(result.winners, vec![CandidateIdx(0), CandidateIdx(1)]);
        assert_eq!(result.tie_breaks[0].rule, TieBreakRule::LeftTied);
        assert_eq!(result.gaps_to_next_tier, vec![1]);
    }

    #[test]
    fn dot_voting_totals_dots_and_counts_supporters() {
        let rules = DotRules::new(5, 3).unwrap();
        let ballots: Vec<DotBallot> = [vec![3, 2, 0], vec![0, 1, 3], vec![0, 0, 0]]
            .into_iter()
            .map(|d| DotBallot::new(rules, 3, d).unwrap())
            .collect();
        let result = dot_voting(rules, 3, &ballots).unwrap();
        assert_eq!(result.dots, vec![3, 3, 3]);
        assert_eq!(result.supporters, vec![1, 2, 1]);
        assert_eq!(result.winners.len(), 3);
        assert!((result.supporter_shares[1] - 2.0 / 3.0).abs() < 1e-12);
    }
}
