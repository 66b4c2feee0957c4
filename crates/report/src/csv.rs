//! The report's tables as CSV, one file each, for analysts and spreadsheets.
//!
//! Every file is UTF-8 with a byte-order mark (so spreadsheet programs guess the encoding
//! right), comma-separated, with a header row and the ids of what each row is about. Numbers
//! use a decimal point whatever the report's language; headers are stable English keys.
//!
//! Choices:
//! - No column names or identifies a person. `contributions.csv` has a `service` column filled
//!   only for contributions posted where authors are shown; for an anonymous activity it is
//!   empty, and no participant id appears anywhere, so anonymous authors cannot be traced.
//! - `votes.csv` holds one row per item of each vote, as counted (rank, the method's figure,
//!   the margin to the next rank), not the ballots: a ballot per voter would turn a secret vote
//!   into a traceable one, and the ranking is what an analyst compares across votes.
//! - `assessments.csv` is long: one row per item and criterion, so workshops with different
//!   criteria share one shape.
//! - A text cell that a spreadsheet would read as a formula (starting with `=`, `+`, `-`, `@`,
//!   a tab or a carriage return) gets a leading `'`; numbers we write are left as they are.

use crate::model::Report;

/// The tables, in the order the report lists them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Table {
    Contributions,
    Assessments,
    Votes,
    Actions,
    Risks,
}

impl Table {
    pub const ALL: [Table; 5] = [Table::Contributions, Table::Assessments, Table::Votes, Table::Actions, Table::Risks];

    /// The table's name, also its file name without `.csv`.
    pub fn as_str(self) -> &'static str {
        match self {
            Table::Contributions => "contributions",
            Table::Assessments => "assessments",
            Table::Votes => "votes",
            Table::Actions => "actions",
            Table::Risks => "risks",
        }
    }

    pub fn parse(raw: &str) -> Option<Table> {
        Table::ALL.into_iter().find(|table| table.as_str() == raw)
    }

    pub fn file_name(self) -> String {
        format!("{}.csv", self.as_str())
    }
}

const BOM: &[u8] = "\u{feff}".as_bytes();

/// One table as the bytes of a CSV file.
pub fn table(report: &Report, table: Table) -> Vec<u8> {
    let rows = match table {
        Table::Contributions => contributions(report),
        Table::Assessments => assessments(report),
        Table::Votes => votes(report),
        Table::Actions => actions(report),
        Table::Risks => risks(report),
    };
    let mut writer = ::csv::WriterBuilder::new().terminator(::csv::Terminator::CRLF).from_writer(BOM.to_vec());
    for row in rows {
        // Writing to memory cannot fail; a record the writer refused would only be left out.
        let _ = writer.write_record(row.iter().map(|cell| neutralised(cell).into_owned()));
    }
    writer.into_inner().unwrap_or_default()
}

/// Every table with its file name.
pub fn tables(report: &Report) -> Vec<(String, Vec<u8>)> {
    Table::ALL.into_iter().map(|which| (which.file_name(), table(report, which))).collect()
}

/// A cell a spreadsheet would run as a formula, made inert. Numbers are kept: `-2` is a score.
fn neutralised(cell: &str) -> std::borrow::Cow<'_, str> {
    let risky = cell.starts_with(['=', '+', '-', '@', '\t', '\r']);
    if risky && cell.parse::<f64>().is_err() { format!("'{cell}").into() } else { cell.into() }
}

fn number(value: Option<f64>) -> String {
    value.map(|value| format!("{value:.4}")).unwrap_or_default()
}

fn flag(value: bool) -> String {
    if value { "true" } else { "false" }.to_owned()
}

type Rows = Vec<Vec<String>>;

fn header(names: &[&str]) -> Vec<String> {
    names.iter().map(|name| (*name).to_owned()).collect()
}

fn contributions(report: &Report) -> Rows {
    let mut rows = vec![header(&[
        "id",
        "activity_id",
        "activity",
        "kind",
        "text",
        "posted_at",
        "anonymous",
        "service",
        "card",
        "links",
        "merged_into",
        "fate",
        "fate_reason",
        "action_ids",
    ])];
    for row in &report.contributions {
        rows.push(vec![
            row.id.clone(),
            row.activity_id.clone(),
            row.activity_title.clone(),
            row.kind.to_owned(),
            row.text.clone(),
            row.posted_at.clone(),
            flag(row.anonymous),
            row.service.clone().unwrap_or_default(),
            row.card_id.clone().unwrap_or_default(),
            row.links.join(" "),
            row.merged_into.clone().unwrap_or_default(),
            row.fate.to_owned(),
            row.fate_reason.clone().unwrap_or_default(),
            row.action_ids.join(" "),
        ]);
    }
    rows
}

fn assessments(report: &Report) -> Rows {
    let mut rows = vec![header(&[
        "activity_id",
        "activity",
        "frozen",
        "assessors",
        "item_id",
        "item",
        "rank",
        "tied",
        "weighted_score",
        "criterion_id",
        "criterion",
        "weight",
        "mean",
        "impact",
        "feasibility",
        "quadrant",
    ])];
    for assessment in &report.assessments {
        for item in &assessment.items {
            for (criterion, mean) in assessment.criteria.iter().zip(&item.criterion_means) {
                rows.push(vec![
                    assessment.activity_id.clone(),
                    assessment.activity_title.clone(),
                    flag(assessment.frozen),
                    assessment.n_assessors.to_string(),
                    item.id.clone(),
                    item.text.clone(),
                    item.rank.to_string(),
                    flag(item.tied),
                    number(item.weighted_score),
                    criterion.id.clone(),
                    criterion.name.clone(),
                    criterion.weight.to_string(),
                    number(*mean),
                    number(item.impact),
                    number(item.feasibility),
                    item.quadrant.clone().unwrap_or_default(),
                ]);
            }
        }
    }
    rows
}

fn votes(report: &Report) -> Rows {
    let mut rows = vec![header(&[
        "activity_id",
        "activity",
        "method",
        "ballots",
        "frozen",
        "rank",
        "tied",
        "item_id",
        "item",
        "value",
        "value_text",
        "margin_to_next",
    ])];
    for vote in &report.votes {
        for item in &vote.ranking {
            rows.push(vec![
                vote.activity_id.clone(),
                vote.activity_title.clone(),
                vote.method.clone(),
                vote.n_ballots.to_string(),
                flag(vote.frozen),
                item.rank.to_string(),
                flag(item.tied),
                item.id.clone(),
                item.text.clone(),
                number(item.value),
                item.value_text.clone().unwrap_or_default(),
                item.margin.clone().unwrap_or_default(),
            ]);
        }
    }
    rows
}

fn actions(report: &Report) -> Rows {
    let mut rows = vec![header(&[
        "number",
        "id",
        "jurisdiction",
        "jurisdiction_name",
        "title",
        "description",
        "rationale",
        "owner",
        "horizon",
        "first_steps",
        "resources",
        "indicators",
        "revision",
        "agree",
        "can_live_with",
        "object",
        "objections",
        "status",
        "answerable",
        "next_update_due",
        "overdue",
        "source_ids",
        "mitigates_risk_ids",
    ])];
    for group in &report.actions {
        for action in &group.actions {
            rows.push(vec![
                action.number.to_string(),
                action.id.clone(),
                action.jurisdiction.clone(),
                action.jurisdiction_name.clone(),
                action.title.clone(),
                action.description.clone(),
                action.rationale.clone(),
                action.owner.clone(),
                action.horizon.clone(),
                action.first_steps.clone(),
                action.resources.clone(),
                action.indicators.clone(),
                action.revision.to_string(),
                action.agree.to_string(),
                action.can_live_with.to_string(),
                action.object.to_string(),
                action.objections.join(" | "),
                action.status.to_owned(),
                action.answerable.clone(),
                action.next_update_due.clone().unwrap_or_default(),
                flag(action.overdue),
                action.provenance.iter().map(|source| source.id.as_str()).collect::<Vec<_>>().join(" "),
                action.mitigates_ids.join(" "),
            ]);
        }
    }
    rows
}

fn risks(report: &Report) -> Rows {
    let mut rows = vec![header(&[
        "number",
        "id",
        "activity",
        "text",
        "raters",
        "likelihood_mean",
        "impact_mean",
        "likelihood_spread",
        "impact_spread",
        "likelihood_cell",
        "impact_cell",
        "mitigation_action_ids",
    ])];
    for risk in &report.risks {
        rows.push(vec![
            risk.number.to_string(),
            risk.id.clone(),
            risk.activity_title.clone(),
            risk.text.clone(),
            risk.raters.to_string(),
            number(risk.likelihood_mean),
            number(risk.impact_mean),
            number(risk.likelihood_spread),
            number(risk.impact_spread),
            risk.likelihood_cell.map(|cell| cell.to_string()).unwrap_or_default(),
            risk.impact_cell.map(|cell| cell.to_string()).unwrap_or_default(),
            risk.mitigation_ids.join(" "),
        ]);
    }
    rows
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formulas_are_made_inert_and_numbers_kept() {
        for risky in ["=1+1", "+cmd", "-x", "@SUM(A1)", "\tx", "\rx", "=HYPERLINK(\"http://x\")"] {
            assert_eq!(neutralised(risky), format!("'{risky}"));
        }
        for safe in ["-2", "-0.5", "+3", "hello", "", "a=b"] {
            assert_eq!(neutralised(safe), safe);
        }
    }

    #[test]
    fn table_names_round_trip() {
        for table in Table::ALL {
            assert_eq!(Table::parse(table.as_str()), Some(table));
        }
        assert_eq!(Table::parse("ballots"), None);
    }
}
