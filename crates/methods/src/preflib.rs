//! The reader for PrefLib's ranking formats (<https://www.preflib.org/format>): `.soc` (strict,
//! complete), `.soi` (strict, incomplete), `.toc` (ties, complete) and `.toi` (ties, incomplete).
//!
//! A file is a header of `# KEY: VALUE` lines, then one line per distinct ballot,
//! `count: a,b,{c,d},e`, where numbers are the file's 1-based alternatives and braces enclose tied
//! ones. The reader is pure (it takes the text, the caller reads the file) and strict: a line it
//! cannot read is an error that gives the line number and the reason, never a skipped ballot.

use serde::Serialize;

use crate::ballot::RankedBallot;
use crate::profile::RankedProfile;

/// A PrefLib file that could not be read, with the 1-based line at fault.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("line {line}: {reason}")]
pub struct PreflibError {
    pub line: usize,
    pub reason: String,
}

fn fail<T>(line: usize, reason: impl Into<String>) -> Result<T, PreflibError> {
    Err(PreflibError { line, reason: reason.into() })
}

/// The kind of ranking a file declares, which decides what its lines may contain.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum PreflibDataType {
    /// Strict orders, complete.
    Soc,
    /// Strict orders, incomplete.
    Soi,
    /// Orders with ties, complete.
    Toc,
    /// Orders with ties, incomplete.
    Toi,
}

impl PreflibDataType {
    fn allows_ties(self) -> bool {
        matches!(self, Self::Toc | Self::Toi)
    }

    fn requires_complete(self) -> bool {
        matches!(self, Self::Soc | Self::Toc)
    }
}

/// A parsed PrefLib file. Alternative `k` of the file is candidate `k - 1`.
#[derive(Debug, Clone, PartialEq)]
pub struct PreflibFile {
    pub title: Option<String>,
    /// `None` when the header does not say; then ties and truncation are both accepted.
    pub data_type: Option<PreflibDataType>,
    pub n_alternatives: usize,
    /// Per candidate, the name the header gives, if any.
    pub alternative_names: Vec<Option<String>>,
    /// The ballot lines in file order, with their counts.
    pub ballots: Vec<(RankedBallot, u64)>,
}

impl PreflibFile {
    /// The profile of the file's ballots, ready for the ranked methods. The file keeps its
    /// ballots; [`Self::into_profile`] frees them as it goes.
    pub fn profile(&self) -> RankedProfile {
        let mut profile = RankedProfile::new(self.n_alternatives);
        for (ballot, count) in &self.ballots {
            // Every ballot was built for `n_alternatives` candidates, so adding cannot fail.
            let _ = profile.add_ref(ballot, *count);
        }
        profile
    }

    /// The profile of the file's ballots, consuming the file: each parsed ballot is freed once it
    /// is stored in the profile's flat form, so the two never both hold every ballot.
    pub fn into_profile(self) -> RankedProfile {
        let mut profile = RankedProfile::new(self.n_alternatives);
        for (ballot, count) in self.ballots {
            let _ = profile.add_ref(&ballot, count);
        }
        profile
    }

    pub fn n_voters(&self) -> u64 {
        self.ballots.iter().map(|(_, count)| count).sum()
    }
}

/// Reads the text of a `.soc`, `.soi`, `.toc` or `.toi` file.
pub fn parse_preflib(text: &str) -> Result<PreflibFile, PreflibError> {
    let mut title = None;
    let mut data_type = None;
    let mut n_alternatives: Option<usize> = None;
    let mut declared_voters: Option<(u64, usize)> = None;
    let mut names: Vec<(usize, String, usize)> = Vec::new();
    let mut ballots = Vec::new();
    for (index, raw) in text.lines().enumerate() {
        let line = index + 1;
        let content = raw.trim();
        if content.is_empty() {
            continue;
        }
        if let Some(header) = content.strip_prefix('#') {
            if !ballots.is_empty() {
                return fail(line, "a header line (starting with #) comes after the first ballot line");
            }
            let Some((key, value)) = header.split_once(':') else { continue };
            let (key, value) = (key.trim(), value.trim());
            match key {
                "TITLE" => title = Some(value.to_string()),
                "DATA TYPE" => data_type = Some(parse_data_type(line, value)?),
                "NUMBER ALTERNATIVES" => n_alternatives = Some(parse_number(line, value, "NUMBER ALTERNATIVES")?),
                "NUMBER VOTERS" => declared_voters = Some((parse_number(line, value, "NUMBER VOTERS")?, line)),
                _ => {
                    if let Some(number) = key.strip_prefix("ALTERNATIVE NAME ") {
                        names.push((parse_number(line, number, "ALTERNATIVE NAME")?, value.to_string(), line));
                    }
                }
            }
            continue;
        }
        let Some(n) = n_alternatives else {
            return fail(line, "a ballot line comes before the header gives NUMBER ALTERNATIVES");
        };
        ballots.push(parse_ballot_line(line, content, n, data_type)?);
    }
    let Some(n_alternatives) = n_alternatives else {
        return fail(text.lines().count().max(1), "the header never gives NUMBER ALTERNATIVES");
    };
    let mut alternative_names = vec![None; n_alternatives];
    for (number, name, line) in names {
        if number == 0 || number > n_alternatives {
            return fail(line, format!("ALTERNATIVE NAME {number} names no alternative: there are {n_alternatives}"));
        }
        alternative_names[number - 1] = Some(name);
    }
    let file = PreflibFile { title, data_type, n_alternatives, alternative_names, ballots };
    if let Some((declared, line)) = declared_voters {
        let counted = file.n_voters();
        if declared != counted {
            return fail(line, format!("the header declares {declared} voters but the ballot lines count {counted}"));
        }
    }
    Ok(file)
}

fn parse_data_type(line: usize, value: &str) -> Result<PreflibDataType, PreflibError> {
    match value {
        "soc" => Ok(PreflibDataType::Soc),
        "soi" => Ok(PreflibDataType::Soi),
        "toc" => Ok(PreflibDataType::Toc),
        "toi" => Ok(PreflibDataType::Toi),
        other => fail(line, format!("data type {other:?} is not a ranking (expected soc, soi, toc or toi)")),
    }
}

fn parse_number<T: std::str::FromStr>(line: usize, value: &str, what: &str) -> Result<T, PreflibError> {
    value.trim().parse().or_else(|_| fail(line, format!("{what} must be a whole number, not {value:?}")))
}

fn parse_ballot_line(
    line: usize,
    content: &str,
    n_alternatives: usize,
    data_type: Option<PreflibDataType>,
) -> Result<(RankedBallot, u64), PreflibError> {
    let Some((count, order)) = content.split_once(':') else {
        return fail(line, "a ballot line must read `count: ranking`, and this one has no colon");
    };
    let count: u64 = parse_number(line, count, "the count before the colon")?;
    if count == 0 {
        return fail(line, "the count before the colon must be at least 1");
    }
    let tiers = parse_tiers(line, order.trim(), n_alternatives)?;
    let tiers = tiers.into_iter().map(|tier| tier.into_iter().map(|number| number - 1).collect()).collect();
    let ballot = RankedBallot::with_ties(n_alternatives, tiers).or_else(|error| {
        // The ballot speaks in 0-based candidates; the file in 1-based alternatives.
        let reason = match error {
            crate::BallotError::DuplicateCandidate { candidate } => {
                format!("alternative {} appears twice", candidate + 1)
            }
            other => other.to_string(),
        };
        fail(line, reason)
    })?;
    // Checked after the ballot, so a duplicate is reported as such and not as a wrong length.
    let ranked: usize = ballot.tiers().iter().map(Vec::len).sum();
    if let Some(data_type) = data_type {
        if !data_type.allows_ties() && ballot.tiers().iter().any(|tier| tier.len() > 1) {
            return fail(line, "ties ({...}) are not allowed in a strict-order file (soc or soi)");
        }
        if data_type.requires_complete() && ranked != n_alternatives {
            return fail(
                line,
                format!(
                    "the ballot ranks {ranked} of the {n_alternatives} alternatives but the file type requires all"
                ),
            );
        }
    }
    Ok((ballot, count))
}

/// Splits `a,b,{c,d},e` into tiers of 1-based alternative numbers, checking each is in range.
fn parse_tiers(line: usize, order: &str, n_alternatives: usize) -> Result<Vec<Vec<usize>>, PreflibError> {
    let mut tiers = Vec::new();
    if order.is_empty() {
        return Ok(tiers);
    }
    let mut rest = order;
    loop {
        rest = rest.trim_start();
        let (group, after) = if let Some(inside) = rest.strip_prefix('{') {
            let Some(end) = inside.find('}') else {
                return fail(line, "a tie opened with { is never closed with }");
            };
            (&inside[..end], &inside[end + 1..])
        } else {
            let end = rest.find(',').unwrap_or(rest.len());
            (&rest[..end], &rest[end..])
        };
        let mut tier = Vec::new();
        for token in group.split(',') {
            let token = token.trim();
            if token.is_empty() {
                return fail(line, "an empty place in the ranking (two commas in a row, or an empty {})");
            }
            if token.contains(['{', '}']) {
                return fail(line, "braces are unbalanced or nested");
            }
            let number: usize = parse_number(line, token, "an alternative")?;
            if number == 0 || number > n_alternatives {
                return fail(
                    line,
                    format!("alternative {number} does not exist: the alternatives are 1 to {n_alternatives}"),
                );
            }
            tier.push(number);
        }
        tiers.push(tier);
        let after = after.trim_start();
        if after.is_empty() {
            return Ok(tiers);
        }
        let Some(next) = after.strip_prefix(',') else {
            return fail(line, format!("expected a comma after a place in the ranking, found {after:?}"));
        };
        if next.trim().is_empty() {
            return fail(line, "the ranking ends with a comma");
        }
        rest = next;
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ballot::CandidateIdx;

    const HEADER: &str = "# DATA TYPE: toc\n# NUMBER ALTERNATIVES: 4\n# NUMBER VOTERS: 5\n# ALTERNATIVE NAME 2: Bea\n";

    #[test]
    fn a_toc_file_becomes_tiers_with_counts_and_names() {
        let file = parse_preflib(&format!("{HEADER}3: 2,{{1,4}},3\n2: 4,1,2,3\n")).unwrap();
        assert_eq!(file.data_type, Some(PreflibDataType::Toc));
        assert_eq!(file.alternative_names[1].as_deref(), Some("Bea"));
        assert_eq!(file.ballots.len(), 2);
        let (ballot, count) = &file.ballots[0];
        assert_eq!(*count, 3);
        assert_eq!(
            ballot.tiers(),
            &[vec![CandidateIdx(1)], vec![CandidateIdx(0), CandidateIdx(3)], vec![CandidateIdx(2)]]
        );
        assert_eq!(file.profile().n_voters(), 5);
    }

    #[track_caller]
    fn check_error(body: &str, line: usize, reason: &str) {
        let error = parse_preflib(&format!("{HEADER}{body}")).unwrap_err();
        assert_eq!(error.line, line, "{error}");
        assert!(error.reason.contains(reason), "{error}");
    }

    #[test]
    fn bad_lines_are_reported_with_their_number_and_reason() {
        check_error("5: 1,2,3,9\n", 5, "alternative 9 does not exist");
        check_error("5: 1,2,1,3,4\n", 5, "alternative 1 appears twice");
        check_error("4: 1,2,3,4\n1: 1,{2,3,4\n", 6, "never closed");
        check_error("5 1,2,3,4\n", 5, "no colon");
        check_error("x: 1,2,3,4\n", 5, "whole number");
        check_error("5: 1,,2,3,4\n", 5, "empty place");
        check_error("5: 1,2,3\n", 5, "requires all");
        check_error("4: 1,2,3,4\n", 3, "declares 5 voters");
        check_error("5: 1,2,{},3,4\n", 5, "empty place");
        check_error("5: 1,2,3,4,\n", 5, "ends with a comma");
    }

    #[test]
    fn ties_in_a_strict_order_file_are_refused() {
        let error = parse_preflib("# DATA TYPE: soi\n# NUMBER ALTERNATIVES: 3\n1: 1,{2,3}\n").unwrap_err();
        assert_eq!(error.line, 3);
        assert_eq!(error.to_string(), "line 3: ties ({...}) are not allowed in a strict-order file (soc or soi)");
    }

    #[test]
    fn a_file_without_the_number_of_alternatives_is_refused() {
        assert_eq!(parse_preflib("1: 1,2\n").unwrap_err().line, 1);
        assert!(parse_preflib("# TITLE: x\n").unwrap_err().reason.contains("NUMBER ALTERNATIVES"));
    }
}
