//! `converge tally`: a voting method's full result for a file of ballots, for analysts.
//!
//! Ranked methods read PrefLib files (`.soc`, `.soi`, `.toc`, `.toi`) or a CSV whose header names
//! the candidates and whose rows give each voter's ranks (1 is best, equal numbers tie, an empty
//! cell leaves a candidate unranked). Approval, score and majority judgment read the same kind of
//! CSV with approvals (1/0), scores or grades (1 = worst) in the cells; Bradley–Terry reads a CSV
//! of comparisons, `winner,loser` per row. Candidates are numbered from 1 in file order.

use anyhow::{Context, bail};
use converge_methods as methods;
use serde_json::{Value, json};
use std::path::Path;

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
#[value(rename_all = "snake_case")]
pub enum Method {
    Plurality,
    Borda,
    InstantRunoff,
    Copeland,
    Schulze,
    Minimax,
    Approval,
    Score,
    MajorityJudgment,
    BradleyTerry,
}

impl Method {
    /// The name on the command line, e.g. `instant_runoff`.
    pub fn name(self) -> String {
        clap::ValueEnum::to_possible_value(&self).map(|value| value.get_name().to_owned()).unwrap_or_default()
    }

    fn is_ranked(self) -> bool {
        matches!(
            self,
            Method::Plurality
                | Method::Borda
                | Method::InstantRunoff
                | Method::Copeland
                | Method::Schulze
                | Method::Minimax
        )
    }
}

/// Scales for the cardinal methods.
#[derive(Debug, Clone, Copy)]
pub struct Scales {
    pub score_min: i32,
    pub score_max: i32,
    pub grades: u8,
}

/// The result as JSON: `winners` (the file's own numbers, from 1), `winner_names`, `candidates`,
/// and `result`, the method's full result, in which candidates are indices from 0 (candidate k
/// of the file is index k − 1).
pub fn tally(path: &Path, method: Method, scales: Scales) -> anyhow::Result<Value> {
    let bytes = std::fs::read(path).with_context(|| format!("cannot read {}", path.display()))?;
    let text =
        String::from_utf8(bytes).map_err(|error| anyhow::anyhow!("{}: not UTF-8 text ({error})", path.display()))?;
    let extension = path.extension().and_then(|extension| extension.to_str()).unwrap_or_default().to_ascii_lowercase();
    let is_preflib = matches!(extension.as_str(), "soc" | "soi" | "toc" | "toi");
    if is_preflib && !method.is_ranked() {
        bail!("{}: a PrefLib file holds rankings; {} needs a CSV of its own ballots", path.display(), method.name());
    }
    let (names, winners, result) = if is_preflib {
        let file = methods::parse_preflib(&text).map_err(|error| anyhow::anyhow!("{}:{error}", path.display()))?;
        let names = (0..file.n_alternatives)
            .map(|index| file.alternative_names[index].clone().unwrap_or_else(|| (index + 1).to_string()))
            .collect();
        let (winners, result) = ranked(method, &file.profile())?;
        (names, winners, result)
    } else if method == Method::BradleyTerry {
        comparisons(path, &text)?
    } else {
        table(path, &text, method, scales)?
    };
    Ok(json!({
        "method": method.name(),
        "winners": winners.iter().map(|winner| winner + 1).collect::<Vec<_>>(),
        "winner_names": winners.iter().map(|winner| names[*winner].clone()).collect::<Vec<String>>(),
        "candidates": names,
        "result": result,
    }))
}

fn ranked(method: Method, profile: &methods::RankedProfile) -> anyhow::Result<(Vec<usize>, Value)> {
    let indices = |winners: &[methods::CandidateIdx]| winners.iter().map(|winner| winner.0).collect::<Vec<_>>();
    Ok(match method {
        Method::Plurality => {
            let result = methods::plurality(profile);
            (indices(&result.winners), serde_json::to_value(result)?)
        }
        Method::Borda => {
            let result = methods::borda(profile);
            (indices(&result.winners), serde_json::to_value(result)?)
        }
        Method::InstantRunoff => {
            let result = methods::instant_runoff(profile);
            (indices(&result.winners), serde_json::to_value(result)?)
        }
        Method::Copeland => {
            let result = methods::copeland(profile);
            (indices(&result.winners), serde_json::to_value(result)?)
        }
        Method::Schulze => {
            let result = methods::schulze(profile);
            (indices(&result.winners), serde_json::to_value(result)?)
        }
        Method::Minimax => {
            let result = methods::minimax(profile);
            (indices(&result.winners), serde_json::to_value(result)?)
        }
        other => bail!("{} is not a ranked method", other.name()),
    })
}

/// A CSV whose header names the candidates and whose rows are voters.
fn table(path: &Path, text: &str, method: Method, scales: Scales) -> anyhow::Result<(Vec<String>, Vec<usize>, Value)> {
    let mut reader = csv::ReaderBuilder::new().flexible(false).trim(csv::Trim::All).from_reader(text.as_bytes());
    let names: Vec<String> = reader
        .headers()
        .with_context(|| format!("{}: no header row", path.display()))?
        .iter()
        .map(str::to_owned)
        .collect();
    let n = names.len();
    if n == 0 {
        bail!("{}: the header names no candidates", path.display());
    }
    let mut rows: Vec<Vec<String>> = Vec::new();
    for (index, record) in reader.records().enumerate() {
        let line = index + 2;
        let record = record.map_err(|error| anyhow::anyhow!("{}:{line}: {error}", path.display()))?;
        rows.push(record.iter().map(str::to_owned).collect());
    }
    let cell = |line: usize, column: usize, raw: &str, what: &str| -> anyhow::Result<Option<i32>> {
        if raw.is_empty() {
            return Ok(None);
        }
        raw.parse::<i32>()
            .map(Some)
            .map_err(|_| anyhow::anyhow!("{}:{line}: `{raw}` for {} is not {what}", path.display(), names[column]))
    };
    let indices = |winners: &[methods::CandidateIdx]| winners.iter().map(|winner| winner.0).collect::<Vec<_>>();
    let (winners, result) = match method {
        Method::Approval => {
            let mut ballots = Vec::new();
            for (index, row) in rows.iter().enumerate() {
                let mut approved = Vec::new();
                for (column, raw) in row.iter().enumerate() {
                    match cell(index + 2, column, raw, "1 or 0")? {
                        Some(1) => approved.push(column),
                        None | Some(0) => {}
                        Some(_) => bail!("{}:{}: approvals are 1 or 0", path.display(), index + 2),
                    }
                }
                ballots.push(
                    methods::ApprovalBallot::new(n, approved)
                        .map_err(|error| anyhow::anyhow!("{}:{}: {error}", path.display(), index + 2))?,
                );
            }
            let result = methods::approval(n, &ballots)?;
            (indices(&result.winners), serde_json::to_value(result)?)
        }
        Method::Score => {
            let scale = methods::ScoreScale::new(scales.score_min, scales.score_max)?;
            let mut ballots = Vec::new();
            for (index, row) in rows.iter().enumerate() {
                let scores = row
                    .iter()
                    .enumerate()
                    .map(|(column, raw)| cell(index + 2, column, raw, "a whole number"))
                    .collect::<anyhow::Result<Vec<_>>>()?;
                ballots.push(
                    methods::ScoreBallot::new(scale, n, scores)
                        .map_err(|error| anyhow::anyhow!("{}:{}: {error}", path.display(), index + 2))?,
                );
            }
            let result = methods::score_voting(scale, n, &ballots, methods::ScoreAggregate::Mean)?;
            (indices(&result.winners), serde_json::to_value(result)?)
        }
        Method::MajorityJudgment => {
            let scale = methods::GradeScale::new(scales.grades)?;
            let mut ballots = Vec::new();
            for (index, row) in rows.iter().enumerate() {
                let mut grades = Vec::with_capacity(n);
                for (column, raw) in row.iter().enumerate() {
                    let grade = cell(index + 2, column, raw, "a grade")?.ok_or_else(|| {
                        anyhow::anyhow!("{}:{}: every candidate needs a grade", path.display(), index + 2)
                    })?;
                    if grade < 1 || grade > i32::from(scales.grades) {
                        bail!("{}:{}: grades go from 1 to {}", path.display(), index + 2, scales.grades);
                    }
                    grades.push((grade - 1) as u8);
                }
                ballots.push(
                    methods::GradeBallot::new(scale, n, grades)
                        .map_err(|error| anyhow::anyhow!("{}:{}: {error}", path.display(), index + 2))?,
                );
            }
            let result = methods::majority_judgment(scale, n, &ballots)?;
            (indices(&result.winners), serde_json::to_value(result)?)
        }
        ranked_method => {
            let mut profile = methods::RankedProfile::new(n);
            for (index, row) in rows.iter().enumerate() {
                let mut by_rank: std::collections::BTreeMap<i32, Vec<usize>> = std::collections::BTreeMap::new();
                for (column, raw) in row.iter().enumerate() {
                    if let Some(rank) = cell(index + 2, column, raw, "a rank")? {
                        by_rank.entry(rank).or_default().push(column);
                    }
                }
                let ballot = methods::RankedBallot::with_ties(n, by_rank.into_values().collect())
                    .map_err(|error| anyhow::anyhow!("{}:{}: {error}", path.display(), index + 2))?;
                profile.add(ballot, 1).map_err(|error| anyhow::anyhow!("{}:{}: {error}", path.display(), index + 2))?;
            }
            ranked(ranked_method, &profile)?
        }
    };
    Ok((names, winners, result))
}

/// A CSV of comparisons, `winner,loser` per row (a header row of that shape is skipped).
fn comparisons(path: &Path, text: &str) -> anyhow::Result<(Vec<String>, Vec<usize>, Value)> {
    let mut reader = csv::ReaderBuilder::new().has_headers(false).trim(csv::Trim::All).from_reader(text.as_bytes());
    let mut names: Vec<String> = Vec::new();
    let mut pairs = Vec::new();
    for (index, record) in reader.records().enumerate() {
        let line = index + 1;
        let record = record.map_err(|error| anyhow::anyhow!("{}:{line}: {error}", path.display()))?;
        if record.len() != 2 {
            bail!("{}:{line}: a comparison is `winner,loser`", path.display());
        }
        if line == 1 && record[0].eq_ignore_ascii_case("winner") {
            continue;
        }
        let mut number = |name: &str| match names.iter().position(|known| known == name) {
            Some(position) => position,
            None => {
                names.push(name.to_owned());
                names.len() - 1
            }
        };
        let (winner, loser) = (number(&record[0]), number(&record[1]));
        pairs.push((winner, loser, line));
    }
    let n = names.len();
    let comparisons = pairs
        .into_iter()
        .map(|(winner, loser, line)| {
            methods::PairwiseComparison::new(n, winner, loser)
                .map_err(|error| anyhow::anyhow!("{}:{line}: {error}", path.display()))
        })
        .collect::<anyhow::Result<Vec<_>>>()?;
    let result = methods::bradley_terry(n, &comparisons, methods::BradleyTerryOptions::default())?;
    let winners = result.winners.iter().map(|winner| winner.0).collect();
    Ok((names, winners, serde_json::to_value(result)?))
}

/// A few lines for people: the winners, then the ranking.
pub fn human(result: &Value) -> String {
    let names: Vec<&str> = result["candidates"]
        .as_array()
        .map(|names| names.iter().filter_map(Value::as_str).collect())
        .unwrap_or_default();
    let mut out = format!(
        "{}: {}\n",
        result["method"].as_str().unwrap_or_default(),
        result["winner_names"]
            .as_array()
            .map(|winners| winners.iter().filter_map(Value::as_str).collect::<Vec<_>>().join(", "))
            .unwrap_or_default()
    );
    if let Some(tiers) = result["result"]["ranking"].as_array() {
        for (place, tier) in tiers.iter().enumerate() {
            let members: Vec<&str> = tier
                .as_array()
                .map(|tier| {
                    tier.iter()
                        .filter_map(Value::as_u64)
                        .filter_map(|index| names.get(index as usize).copied())
                        .collect()
                })
                .unwrap_or_default();
            out.push_str(&format!("{:>3}. {}\n", place + 1, members.join(" = ")));
        }
    }
    out
}
