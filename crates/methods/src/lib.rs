//! Aggregation for Converge: voting methods, multi-criteria assessment, Bradley–Terry and the
//! PrefLib reader. Pure: no IO, no clock, no randomness, so a result recomputed anywhere from the
//! same ballots is the same result.
//!
//! Every method returns a full result, never a bare winner: the ranking as tiers (a tie is a tier
//! with several candidates, and ties are results, not errors), the scores, the margins, the ties
//! and the rule that ordered them (or the statement that they remain tied), and a dispersion
//! measure that tells how divided the room was.
//!
//! Module map:
//! - [`ballot`]: candidates ([`CandidateIdx`]) and the ballot types, each validated on
//!   construction with a typed [`BallotError`].
//! - [`profile`]: [`RankedProfile`], identical ranked ballots aggregated with a count and stored
//!   flat, and the [`PairwiseMatrix`] computed once from it.
//! - [`outcome`]: the parts every result shares: [`Ranking`], [`TieBreak`], [`RankedDispersion`].
//! - [`ranked`]: plurality, Borda, instant runoff, Copeland, Schulze, minimax, each as a free
//!   function and on a [`Tally`], which builds the pairwise matrix once for several methods.
//! - [`cardinal`]: approval, score (mean or median), majority judgment, dot voting.
//! - [`bradley_terry`]: strengths from pairwise comparisons (maximum likelihood with a weak prior, by
//!   Newton's method, or MM with exact rescaling for many items).
//! - [`assessment`]: multi-criteria assessment and the impact/feasibility matrix.
//! - [`preflib`]: the reader for PrefLib `.soc`, `.soi` and `.toc` text.
//! - [`statistics`]: medians, quartiles and spreads over integer histograms.
//!
//! Conventions for ranked ballots follow the reference library pref_voting, against which
//! `tests/it/preflib_reference.rs` checks every method: candidates a ballot leaves unranked tie below
//! every ranked one (extended strict preference); Borda is symmetric; instant runoff drops
//! exhausted ballots and eliminates every tied-lowest candidate together.

pub mod assessment;
pub mod ballot;
pub mod bradley_terry;
pub mod cardinal;
pub mod outcome;
pub mod preflib;
pub mod profile;
pub mod ranked;
pub mod statistics;

pub use assessment::{
    AssessmentConfig, AssessmentCriterion, AssessmentResult, AssessmentSheet, CriterionSummary, ItemAssessment,
    MatrixPlacement, MatrixQuadrant, MatrixThresholds, assess, classify_impact_feasibility,
};
pub use ballot::{
    ApprovalBallot, BallotError, CandidateIdx, DotBallot, DotRules, GradeBallot, GradeScale, PairwiseComparison,
    RankedBallot, ScoreBallot, ScoreScale,
};
pub use bradley_terry::{BradleyTerryOptions, BradleyTerryResult, bradley_terry};
pub use cardinal::{
    ApprovalResult, DotVotingResult, MajorityGauge, MajorityJudgmentResult, ScaleDispersion, ScoreAggregate,
    ScoreResult, approval, dot_voting, majority_judgment, score_voting,
};
pub use outcome::{RankedDispersion, Ranking, TieBreak, TieBreakRule};
pub use preflib::{PreflibDataType, PreflibError, PreflibFile, parse_preflib};
pub use profile::{BallotEntries, PairwiseMatrix, RankedProfile};
pub use ranked::{
    BordaResult, CopelandResult, InstantRunoffResult, InstantRunoffRound, MinimaxResult, PluralityResult,
    SchulzeResult, Tally, borda, copeland, instant_runoff, minimax, plurality, schulze,
};
pub use statistics::{DistributionSummary, Histogram};
