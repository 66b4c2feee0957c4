//! The workshop report, and exports of a workshop's record with their verification by anyone,
//! offline.
//!
//! [`model::build`] turns the record into a [`model::Report`]: plain data that [`html`] lays out
//! as a standalone page, [`csv`] as one table per file, and the PDF crate as print. Nothing
//! here does IO: callers read the log and write the files.
//!
//! The JSON export is the workshop's whole event log with its hash chain, written in one
//! canonical form: compact, object keys sorted. [`verify_export`] recomputes every hash from
//! the events alone and then checks that the file is byte for byte the canonical form of what
//! it holds, so any change to the file, even one a JSON parser would not notice, is detected.
//!
//! # In more detail
//!
//! The JSON export of a workshop's log (`converge-export-v1`: compact, keys sorted, with the head
//! hash) and `verify_export`, which recomputes the chain, checks the summary, refuses any field the format
//! does not name (no hash would cover it) and finally that the file is byte for byte what Converge
//! wrote, so any changed byte is detected.
//!
//! The workshop report. `model::build` turns the folded workshop, the services participants gave
//! (never their names) and the counts of its votes and assessments into a `Report`: plain data
//! (strings, numbers, lists) that serialises to the JSON the PDF template reads. It holds the
//! agenda, head counts by role and service, the boards, assessments with the impact/feasibility
//! quadrants, vote rankings with margins and the one-sentence explanation, the plan's actions by
//! jurisdiction with every card field, consensus counts, objections (reasons only), follow-up and
//! provenance, rated risks with heat-map cells, fairness (`fairness::gini` over everyone who may
//! write, silent people as zeros) and fates. `html` lays it out as one standalone page (inline
//! stylesheet, inline SVG charts, print CSS, no script); `csv` as five tables with a byte-order
//! mark, ids, and formula-like cells made inert; `labels` holds its French and English words
//! (its dates are `converge-i18n`'s, as on the pages; the rest are not yet in the catalogues).
//! **Invariant:** no participant is identified in any of
//! them: no names, no participant ids, and a contribution's service only where its activity was not
//! anonymous (fairness shares count signed contributions only). No IO.
//!
//! `heat_map` draws the risk heat map as one self-contained SVG string (5 × 5 cells coloured by
//! likelihood × impact, numbered marks, axis titles passed in translated, `<title>`/`<desc>`/
//! `aria-label`, every text escaped, presentation attributes only), so the same chart goes inline
//! into pages under the strict CSP, into the HTML report and into the PDF.

pub mod heat_map;

pub mod csv;
pub mod fairness;
pub mod html;
pub mod labels;
pub mod model;

pub use model::{Report, ReportParticipants, build};

use converge_store::StoredEvent;
use converge_store::chain::{GENESIS, event_hash};
use serde_json::{Value, json};
use uuid::Uuid;

/// Names this format; a reader refuses any other.
pub const EXPORT_FORMAT: &str = "converge-export-v1";

/// The JSON export of a workshop's log, in canonical form.
pub fn export_json(workshop: Uuid, events: &[StoredEvent]) -> String {
    let events: Vec<Value> = events
        .iter()
        .map(|event| {
            let payload: Value = serde_json::from_str(&event.payload).unwrap_or(Value::String(event.payload.clone()));
            json!({
                "seq": event.seq,
                "recorded_at": event.recorded_at,
                "kind": event.kind,
                "payload": payload,
                "hash": event.hash,
            })
        })
        .collect();
    let head_hash = events.last().and_then(|event| event["hash"].as_str()).unwrap_or(GENESIS).to_owned();
    json!({
        "format": EXPORT_FORMAT,
        "workshop": workshop,
        "n_events": events.len(),
        "head_hash": head_hash,
        "events": events,
    })
    .to_string()
}

/// What a valid export holds.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct VerifiedExport {
    pub workshop: Uuid,
    pub n_events: u64,
    pub head_hash: String,
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum VerifyError {
    #[error("the file is not JSON: {0}")]
    NotJson(String),
    #[error("the file is not a Converge export ({0})")]
    NotAnExport(String),
    #[error("event {seq} is broken: {reason}")]
    BrokenEvent { seq: u64, reason: String },
    #[error("the export's summary does not match its events: {0}")]
    SummaryMismatch(String),
    #[error("the file was changed after export: its events verify, but it is not byte for byte what Converge wrote")]
    NotCanonical,
}

/// Checks an export: every event's hash recomputed and chained from the first, the summary,
/// and the exact bytes. Returns the first problem found.
pub fn verify_export(bytes: &[u8]) -> Result<VerifiedExport, VerifyError> {
    let text = std::str::from_utf8(bytes).map_err(|error| VerifyError::NotJson(error.to_string()))?;
    let document: Value = serde_json::from_str(text).map_err(|error| VerifyError::NotJson(error.to_string()))?;
    if document.get("format").and_then(Value::as_str) != Some(EXPORT_FORMAT) {
        return Err(VerifyError::NotAnExport(format!("\"format\" is not \"{EXPORT_FORMAT}\"")));
    }
    let workshop = document
        .get("workshop")
        .and_then(Value::as_str)
        .and_then(|raw| Uuid::try_parse(raw).ok())
        .ok_or_else(|| VerifyError::NotAnExport("\"workshop\" is not an id".into()))?;
    let events = document
        .get("events")
        .and_then(Value::as_array)
        .ok_or_else(|| VerifyError::NotAnExport("\"events\" is not a list".into()))?;

    // Nothing outside the hashes may ride along: a field the format does not name would verify
    // while no hash covers it.
    const DOCUMENT_FIELDS: [&str; 5] = ["events", "format", "head_hash", "n_events", "workshop"];
    const EVENT_FIELDS: [&str; 5] = ["hash", "kind", "payload", "recorded_at", "seq"];
    let only = |value: &Value, known: &[&str]| {
        value.as_object().is_some_and(|object| object.keys().all(|key| known.contains(&key.as_str())))
    };
    if !only(&document, &DOCUMENT_FIELDS) {
        return Err(VerifyError::NotAnExport("it holds a field the format does not have".into()));
    }
    let mut prev_hash = GENESIS.to_owned();
    for (index, event) in events.iter().enumerate() {
        let expected_seq = index as u64 + 1;
        let broken = |reason: &str| VerifyError::BrokenEvent { seq: expected_seq, reason: reason.to_owned() };
        if !only(event, &EVENT_FIELDS) {
            return Err(broken("it holds a field no hash covers"));
        }
        let seq = event.get("seq").and_then(Value::as_u64).ok_or_else(|| broken("its sequence number is missing"))?;
        if seq != expected_seq {
            return Err(broken(&format!("it is numbered {seq}; events must be numbered from 1 without gaps")));
        }
        let recorded_at =
            event.get("recorded_at").and_then(Value::as_i64).ok_or_else(|| broken("its time is missing"))?;
        let kind = event.get("kind").and_then(Value::as_str).ok_or_else(|| broken("its kind is missing"))?;
        let payload = event.get("payload").ok_or_else(|| broken("its payload is missing"))?;
        if payload.get("type").and_then(Value::as_str) != Some(kind) {
            return Err(broken("its payload does not match its kind"));
        }
        let hash = event.get("hash").and_then(Value::as_str).ok_or_else(|| broken("its hash is missing"))?;
        let recomputed = event_hash(workshop, seq, recorded_at, kind, &prev_hash, &payload.to_string());
        if recomputed != hash {
            return Err(broken("its hash does not match its content and the event before it"));
        }
        prev_hash = recomputed;
    }

    if document.get("head_hash").and_then(Value::as_str) != Some(prev_hash.as_str()) {
        return Err(VerifyError::SummaryMismatch("the head hash is not the last event's hash".into()));
    }
    if document.get("n_events").and_then(Value::as_u64) != Some(events.len() as u64) {
        return Err(VerifyError::SummaryMismatch("the event count is wrong".into()));
    }
    // A parser reads past white space, duplicate keys and escapes; the bytes must match too.
    let canonical = document.to_string();
    if canonical != text.strip_suffix('\n').unwrap_or(text) {
        return Err(VerifyError::NotCanonical);
    }
    Ok(VerifiedExport { workshop, n_events: events.len() as u64, head_hash: prev_hash })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn log(workshop: Uuid, n: u64) -> Vec<StoredEvent> {
        let mut prev = GENESIS.to_owned();
        (1..=n)
            .map(|seq| {
                let payload =
                    json!({"type": "activity_opened", "activity_id": format!("a{seq}"), "note": "é\"<"}).to_string();
                let hash = event_hash(workshop, seq, 1000 + seq as i64, "activity_opened", &prev, &payload);
                prev = hash.clone();
                StoredEvent {
                    workshop,
                    seq,
                    kind: "activity_opened".into(),
                    payload,
                    recorded_at: 1000 + seq as i64,
                    hash,
                }
            })
            .collect()
    }

    #[test]
    fn a_fresh_export_verifies() {
        let workshop = Uuid::from_u128(7);
        let export = export_json(workshop, &log(workshop, 5));
        let verified = verify_export(export.as_bytes()).unwrap();
        assert_eq!(verified.n_events, 5);
        assert_eq!(verified.workshop, workshop);
        assert!(verify_export(format!("{export}\n").as_bytes()).is_ok(), "a final newline is allowed");
    }

    #[test]
    fn an_empty_log_verifies() {
        let workshop = Uuid::from_u128(7);
        assert!(verify_export(export_json(workshop, &[]).as_bytes()).is_ok());
    }

    #[test]
    fn every_single_byte_change_is_detected() {
        let workshop = Uuid::from_u128(7);
        let export = export_json(workshop, &log(workshop, 3)).into_bytes();
        for position in 0..export.len() {
            for replacement in [b' ', b'0', b'a', b'"', b'}'] {
                if export[position] == replacement {
                    continue;
                }
                let mut changed = export.clone();
                changed[position] = replacement;
                assert!(
                    verify_export(&changed).is_err(),
                    "changing byte {position} to {:?} went unnoticed",
                    replacement as char
                );
            }
        }
    }

    #[test]
    fn the_first_broken_event_is_named() {
        let workshop = Uuid::from_u128(7);
        let mut events = log(workshop, 4);
        events[2].payload = events[2].payload.replace("a3", "a9");
        let export = export_json(workshop, &events);
        assert_eq!(
            verify_export(export.as_bytes()),
            Err(VerifyError::BrokenEvent {
                seq: 3,
                reason: "its hash does not match its content and the event before it".into()
            })
        );
    }

    #[test]
    fn removing_an_event_breaks_the_numbering() {
        let workshop = Uuid::from_u128(7);
        let mut events = log(workshop, 4);
        events.remove(1);
        assert!(matches!(
            verify_export(export_json(workshop, &events).as_bytes()),
            Err(VerifyError::BrokenEvent { seq: 2, .. })
        ));
    }

    #[test]
    fn a_field_no_hash_covers_is_refused_even_where_the_order_of_keys_hides_it() {
        let workshop = Uuid::from_u128(7);
        let export = export_json(workshop, &log(workshop, 3));
        // Keys are sorted, so a well-placed extra key keeps the canonical form.
        let smuggled = export.replacen("\"recorded_at\":", "\"note\":\"rewritten\",\"recorded_at\":", 1);
        assert_ne!(smuggled, export);
        assert!(matches!(verify_export(smuggled.as_bytes()), Err(VerifyError::BrokenEvent { seq: 1, .. })));
        let extra = export.replacen("\"format\":", "\"comment\":\"x\",\"format\":", 1);
        assert!(matches!(verify_export(extra.as_bytes()), Err(VerifyError::NotAnExport(_))));
    }

    #[test]
    fn moving_a_log_to_another_workshop_breaks_it() {
        let events = log(Uuid::from_u128(7), 2);
        let export = export_json(Uuid::from_u128(8), &events);
        assert!(matches!(verify_export(export.as_bytes()), Err(VerifyError::BrokenEvent { seq: 1, .. })));
    }

    #[test]
    fn other_files_are_refused_clearly() {
        assert!(matches!(verify_export(b"\xff\xfe"), Err(VerifyError::NotJson(_))));
        assert!(matches!(verify_export(b"{\"format\":\"other\"}"), Err(VerifyError::NotAnExport(_))));
    }
}
