//! What a count of a vote or an assessment says, as typed data.
//!
//! The engine counts an activity's ballots with `converge-methods` and hands back a
//! [`ResultsDocument`]; closing the activity freezes that document into the log
//! (`Event::ResultsFrozen`, as JSON text). Pages, the API, the report and the PDF all read this one
//! type, so the same figure is never looked up by a string key in two places, and a match on
//! [`MethodResult`] names every method (adding a method is a compile error wherever a count is
//! shown).
//!
//! **Wire format.** The JSON is the one Converge has always written, byte for byte:
//! [`ResultsDocument::to_json`] goes through `serde_json::Value`, whose objects keep their keys
//! sorted, as the older code that built the document with `json!` did. Logs already written carry
//! that JSON, and [`ResultsDocument::from_json`] reads every shape it can take (see the tests, with
//! a verbatim sample of each method and of a count that could not be made).
//!
//! A document names its items by contribution id (`items`, `winners`, `ranking`); the method's
//! own result (`result`) numbers them by their position in `items`.

use crate::{ActivityId, ActivityKind, ContributionId};
/// The methods crate, whose result types the documents hold.
pub use converge_methods as methods;
use serde::{Deserialize, Serialize};

/// An activity's count as it is shown, and whether it is the one frozen into the record when the
/// activity closed (else its ballots counted as they stand). The engine decides which
/// (`converge_engine::results::current`).
#[derive(Debug, Clone, PartialEq)]
pub struct Results {
    pub document: ResultsDocument,
    pub frozen: bool,
}

impl Results {
    /// The document as the API serves it: the recorded JSON with `frozen` added.
    pub fn to_value(&self) -> serde_json::Value {
        let mut value = self.document.to_value();
        if let Some(object) = value.as_object_mut() {
            object.insert("frozen".into(), self.frozen.into());
        }
        value
    }
}

/// The count of one vote or assessment, or why it could not be made.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(untagged)]
pub enum ResultsDocument {
    Counted(Box<Count>),
    /// Ballots were checked when cast; a refusal at counting time means the items changed since
    /// (a source merged away), so the count is reported as impossible, not guessed.
    Impossible(ImpossibleCount),
}

/// A count that was made.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Count {
    pub activity_id: ActivityId,
    pub kind: ActivityKind,
    /// Ballots counted; for an assessment, assessors; for pairwise comparisons, people who compared.
    pub n_ballots: usize,
    /// The activity's items in the order the method numbers them.
    pub items: Vec<ContributionId>,
    pub winners: Vec<ContributionId>,
    /// Tiers, best first; items in one tier are tied.
    pub ranking: Vec<Vec<ContributionId>>,
    /// The method (`method`) and what it found (`result`).
    #[serde(flatten)]
    pub result: MethodResult,
}

/// A count the methods refused.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ImpossibleCount {
    pub activity_id: ActivityId,
    /// Why, in the methods crate's words.
    pub error: String,
    pub items: Vec<ContributionId>,
}

/// Each method with its full result, as `"method": "...", "result": {...}` in the JSON.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "method", content = "result", rename_all = "snake_case")]
pub enum MethodResult {
    Dots(methods::DotVotingResult),
    Approval(methods::ApprovalResult),
    Score(methods::ScoreResult),
    MajorityJudgment(methods::MajorityJudgmentResult),
    Plurality(methods::PluralityResult),
    Borda(methods::BordaResult),
    InstantRunoff(methods::InstantRunoffResult),
    Copeland(methods::CopelandResult),
    Schulze(methods::SchulzeResult),
    Minimax(methods::MinimaxResult),
    BradleyTerry(methods::BradleyTerryResult),
    Assessment(AssessmentOutcome),
}

/// An assessment's count: its criteria as they were, the methods' result, and the
/// impact/feasibility matrix when the criteria have both.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AssessmentOutcome {
    pub criteria: Vec<CountedCriterion>,
    pub assessment: methods::AssessmentResult,
    pub matrix: Option<Vec<methods::MatrixPlacement>>,
}

/// A criterion as the count used it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CountedCriterion {
    pub id: String,
    pub name: String,
    pub weight: u32,
}

/// How a count was made, without its figures: the vote's method or an assessment.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum CountMethod {
    Vote(crate::voting::VoteMethod),
    Assessment,
}

impl CountMethod {
    /// The name the JSON and the report's data use.
    pub fn as_str(self) -> &'static str {
        match self {
            CountMethod::Vote(method) => method.as_str(),
            CountMethod::Assessment => "assessment",
        }
    }
}

impl MethodResult {
    pub fn method(&self) -> CountMethod {
        use crate::voting::VoteMethod;
        CountMethod::Vote(match self {
            MethodResult::Dots(_) => VoteMethod::Dots,
            MethodResult::Approval(_) => VoteMethod::Approval,
            MethodResult::Score(_) => VoteMethod::Score,
            MethodResult::MajorityJudgment(_) => VoteMethod::MajorityJudgment,
            MethodResult::Plurality(_) => VoteMethod::Plurality,
            MethodResult::Borda(_) => VoteMethod::Borda,
            MethodResult::InstantRunoff(_) => VoteMethod::InstantRunoff,
            MethodResult::Copeland(_) => VoteMethod::Copeland,
            MethodResult::Schulze(_) => VoteMethod::Schulze,
            MethodResult::Minimax(_) => VoteMethod::Minimax,
            MethodResult::BradleyTerry(_) => VoteMethod::BradleyTerry,
            MethodResult::Assessment(_) => return CountMethod::Assessment,
        })
    }
}

impl Count {
    /// Where a contribution stands in `items`, the number the method's result uses.
    pub fn position(&self, item: ContributionId) -> Option<usize> {
        self.items.iter().position(|known| *known == item)
    }

    /// The ranking as tiers of positions in `items`, empty tiers left out.
    pub fn tiers(&self) -> Vec<Vec<usize>> {
        self.ranking
            .iter()
            .map(|tier| tier.iter().filter_map(|item| self.position(*item)).collect::<Vec<_>>())
            .filter(|tier| !tier.is_empty())
            .collect()
    }
}

impl ResultsDocument {
    pub fn activity_id(&self) -> ActivityId {
        match self {
            ResultsDocument::Counted(count) => count.activity_id,
            ResultsDocument::Impossible(impossible) => impossible.activity_id,
        }
    }

    /// The count, unless it could not be made.
    pub fn count(&self) -> Option<&Count> {
        match self {
            ResultsDocument::Counted(count) => Some(count.as_ref()),
            ResultsDocument::Impossible(_) => None,
        }
    }

    /// Why the count could not be made, if it could not.
    pub fn error(&self) -> Option<&str> {
        match self {
            ResultsDocument::Counted(_) => None,
            ResultsDocument::Impossible(impossible) => Some(&impossible.error),
        }
    }

    /// The document as a JSON value, keys sorted as Converge has always written them.
    pub fn to_value(&self) -> serde_json::Value {
        // Serialising these plain types cannot fail; if it ever did, the document would carry
        // null rather than the server panicking.
        serde_json::to_value(self).unwrap_or(serde_json::Value::Null)
    }

    /// The document as the JSON text that `Event::ResultsFrozen` records.
    pub fn to_json(&self) -> String {
        self.to_value().to_string()
    }

    /// Reads a document as recorded in a log.
    pub fn from_json(raw: &str) -> Result<ResultsDocument, serde_json::Error> {
        serde_json::from_str(raw)
    }
}

impl crate::Activity {
    /// The count frozen into the record when the activity closed, if there is one and it reads.
    pub fn frozen_results(&self) -> Option<ResultsDocument> {
        self.frozen_result.as_deref().and_then(|raw| ResultsDocument::from_json(raw).ok())
    }
}
