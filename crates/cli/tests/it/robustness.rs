//! Fuzzing on stable: the parsers that read what people or files hand Converge, fed with
//! arbitrary bytes and with mutations of valid inputs (bytes set, deleted, inserted, slices
//! repeated). Each must answer `Ok` or a clean error, never panic:
//! - the event decoder and the fold: a damaged or hand-made log cannot crash a server;
//! - the template parser (`converge template check`, templates loaded at start-up);
//! - the export verifier (`converge verify` reads files from anyone), which must also refuse
//!   every changed export;
//! - the CSV import of follow-up statuses, which must also never offer to apply a bad file.
//!
//! CI runs proptest's default case count; `PROPTEST_CASES=100000 cargo nextest run -p
//! converge-cli --test it robustness::` makes a long run.

use converge_core::*;
use proptest::prelude::*;
use uuid::Uuid;

fn id(n: u128) -> Uuid {
    Uuid::from_u128(n)
}

fn activity(n: u128) -> ActivityId {
    ActivityId::from_uuid(id(n))
}

/// A workshop with one activity and one participant, to fold decoded events onto.
fn workshop() -> (Workshop, ParticipantId) {
    let participant = ParticipantId::from_uuid(id(2));
    let events = [
        Event::WorkshopCreated {
            title: "Robustesse".into(),
            language: Language::Fr,
            created_by: AccountId::from_uuid(id(1)),
        },
        Event::ActivityAdded {
            activity_id: activity(0),
            kind: ActivityKind::Challenges,
            title: "Défis".into(),
            prompt: String::new(),
            config: ActivityConfig::default(),
        },
        Event::ParticipantJoined {
            participant_id: participant,
            role: Role::Participant,
            profile_commitment: "c".into(),
            account: None,
        },
    ];
    let timed: Vec<TimedEvent> = events
        .into_iter()
        .enumerate()
        .map(|(n, event)| TimedEvent { seq: n as u64 + 1, at: Timestamp(0), event })
        .collect();
    (Workshop::from_events(WorkshopId::from_uuid(id(3)), &timed).unwrap(), participant)
}

/// Payloads of every kind of event as the log stores them: the seeds the mutations start from.
fn event_seeds() -> Vec<String> {
    let (_, participant) = workshop();
    let contribution = ContributionId::from_uuid(id(900));
    let action = ActionId::from_uuid(id(901));
    let pseudonym = Subject::Pseudonym(Pseudonym::from_hex(&"a7".repeat(32)).expect("64 hex digits"));
    let named = Subject::Named(participant);
    let events = [
        Event::ActivityOpened { activity_id: activity(0) },
        Event::ContributionPosted {
            contribution_id: contribution,
            activity_id: activity(0),
            author: named,
            kind: ContributionKind::Challenge,
            text: "Un défi".into(),
            links: vec![contribution],
            card: Some("forest".into()),
            sheet: Some(SheetRef { table: 0, sheet: 1, round: 2 }),
        },
        Event::ContributionsMerged { into: contribution, merged: vec![contribution] },
        Event::TablesFormed { tables: vec![vec![participant]] },
        Event::TimerStarted { activity_id: activity(0), remaining_ms: 60_000 },
        Event::ActionDrafted {
            action_id: action,
            activity_id: activity(0),
            author: pseudonym,
            card: ActionCard { title: "Une charte".into(), jurisdiction: "shared".into(), ..ActionCard::default() },
            sources: vec![contribution],
        },
        Event::ActionEdited {
            action_id: action,
            editor: pseudonym,
            revision: 2,
            card: ActionCard { title: "La charte".into(), jurisdiction: "government".into(), ..ActionCard::default() },
            sources: vec![],
        },
        Event::ConsensusGiven {
            action_id: action,
            participant: pseudonym,
            stance: Stance::Object,
            reason: "Trop tôt".into(),
        },
        Event::RiskRated { activity_id: activity(0), rater: named, risk: contribution, likelihood: 4, impact: 5 },
        Event::MitigationsLinked { risk: contribution, actions: vec![action] },
        Event::FatesDecided {
            contributions: vec![contribution],
            decision: FateDecision::NotRetained { reason: "Hors sujet".into() },
        },
        Event::ActionStatusUpdated {
            action_id: action,
            status: ActionStatus::Dropped,
            note: "Budget".into(),
            next_update_due: CalendarDate::parse("2027-01-31"),
            effective_on: CalendarDate::parse("2026-11-30"),
        },
        Event::CommitmentSet { action_id: action, answerable: "SPW".into(), next_update_due: None },
        Event::WorkshopClosed,
        Event::FollowUpPublished { token: Some("abcdefghijklmnopqrstuvwxyz012345".into()) },
    ];
    events.iter().map(|event| serde_json::to_string(event).unwrap()).collect()
}

#[derive(Debug, Clone)]
enum Mutation {
    Set(usize, u8),
    Delete(usize, usize),
    Insert(usize, Vec<u8>),
    /// Repeats a slice: duplicated keys, nested copies.
    Repeat(usize, usize),
}

fn mutation() -> impl Strategy<Value = Mutation> {
    let interesting = prop_oneof![any::<u8>(), Just(b'"'), Just(b'{'), Just(b'}'), Just(b'['), Just(b'-'), Just(b'9')];
    prop_oneof![
        (any::<usize>(), interesting).prop_map(|(at, byte)| Mutation::Set(at, byte)),
        (any::<usize>(), 1usize..16).prop_map(|(at, len)| Mutation::Delete(at, len)),
        (any::<usize>(), proptest::collection::vec(any::<u8>(), 1..12))
            .prop_map(|(at, bytes)| Mutation::Insert(at, bytes)),
        (any::<usize>(), 1usize..40).prop_map(|(at, len)| Mutation::Repeat(at, len)),
    ]
}

fn mutate(mut bytes: Vec<u8>, mutations: &[Mutation]) -> Vec<u8> {
    for mutation in mutations {
        let len = bytes.len().max(1);
        match mutation {
            Mutation::Set(at, byte) => {
                if !bytes.is_empty() {
                    bytes[at % len] = *byte;
                }
            }
            Mutation::Delete(at, n) => {
                let start = (at % len).min(bytes.len());
                let end = (start + n).min(bytes.len());
                bytes.drain(start..end);
            }
            Mutation::Insert(at, inserted) => {
                let at = (at % len).min(bytes.len());
                bytes.splice(at..at, inserted.iter().copied());
            }
            Mutation::Repeat(at, n) => {
                let start = (at % len).min(bytes.len());
                let end = (start + n).min(bytes.len());
                let copy = bytes[start..end].to_vec();
                bytes.splice(end..end, copy);
            }
        }
    }
    bytes
}

/// Decodes like the engine reads its log, and folds what decodes onto a live workshop.
fn decode_and_fold(workshop: &mut Workshop, bytes: &[u8], seq: u64) {
    let Ok(text) = std::str::from_utf8(bytes) else { return };
    if let Ok(event) = serde_json::from_str::<Event>(text) {
        // A decoded event re-encodes: the log never holds what it could not write back.
        let encoded = serde_json::to_string(&event).unwrap();
        assert_eq!(serde_json::from_str::<Event>(&encoded).unwrap(), event);
        workshop.apply(&TimedEvent { seq, at: Timestamp(seq as i64), event });
    }
}

proptest! {
    #[test]
    fn mutated_payloads_decode_or_fail_cleanly_and_fold_without_panicking(
        picks in proptest::collection::vec((any::<prop::sample::Index>(), proptest::collection::vec(mutation(), 0..6)), 1..12),
    ) {
        let seeds = event_seeds();
        let (mut workshop, _) = workshop();
        for (seq, (pick, mutations)) in picks.iter().enumerate() {
            let seed = seeds[pick.index(seeds.len())].clone().into_bytes();
            decode_and_fold(&mut workshop, &mutate(seed, mutations), 100 + seq as u64);
        }
        // The fold still answers its questions after whatever it was fed.
        let fed = workshop.actions_fed();
        for contribution in workshop.contributions.clone() {
            let _ = workshop.fate_with(contribution.id, &fed);
        }
        for action in workshop.actions.clone() {
            let _ = workshop.provenance(action.id);
        }
    }

    #[test]
    fn arbitrary_bytes_never_crash_the_decoder(bytes in proptest::collection::vec(any::<u8>(), 0..512)) {
        let (mut workshop, _) = workshop();
        decode_and_fold(&mut workshop, &bytes, 100);
    }
}

/// A workshop with two actions, as a CSV import checks rows against.
fn workshop_with_actions() -> Workshop {
    let (mut workshop, participant) = workshop();
    for (n, title) in [(901, "Une charte"), (902, "Une communauté de pratique")] {
        let event = Event::ActionDrafted {
            action_id: ActionId::from_uuid(id(n)),
            activity_id: activity(0),
            author: Subject::Named(participant),
            card: ActionCard { title: title.into(), jurisdiction: "shared".into(), ..ActionCard::default() },
            sources: vec![],
        };
        workshop.apply(&TimedEvent { seq: n as u64, at: Timestamp(0), event });
    }
    workshop
}

fn csv_seed() -> String {
    format!(
        "\u{FEFF}action_id,status,note,next_update_due\n{},in_progress,\"Première réunion, tenue\",2027-01-31\n{},dropped,Budget refusé,\n",
        id(901),
        id(902)
    )
}

fn export_seed() -> String {
    let workshop = id(3);
    let mut previous = converge_store::chain::GENESIS.to_owned();
    let events: Vec<converge_store::StoredEvent> = event_seeds()
        .into_iter()
        .enumerate()
        .map(|(n, payload)| {
            let seq = n as u64 + 1;
            let kind = serde_json::from_str::<Event>(&payload).unwrap().kind().to_owned();
            // The log stores payloads in canonical form (keys sorted), which the hash covers.
            let payload = serde_json::from_str::<serde_json::Value>(&payload).unwrap().to_string();
            let hash = converge_store::chain::event_hash(workshop, seq, 1_700_000_000_000, &kind, &previous, &payload);
            previous.clone_from(&hash);
            converge_store::StoredEvent { workshop, seq, recorded_at: 1_700_000_000_000, kind, payload, hash }
        })
        .collect();
    converge_report::export_json(workshop, &events)
}

proptest! {
    #[test]
    fn the_template_parser_answers_every_mutated_template(
        pick in any::<prop::sample::Index>(),
        mutations in proptest::collection::vec(mutation(), 0..8),
    ) {
        let shipped = converge_engine::templates::shipped();
        let seed = shipped[pick.index(shipped.len())].to_toml().into_bytes();
        let bytes = mutate(seed, &mutations);
        if let Err(error) = converge_engine::templates::parse_template_bytes(&bytes) {
            // An error says where: a line and column inside the file.
            prop_assert!(error.line >= 1 && error.column >= 1, "{error:?}");
            prop_assert!(error.line <= bytes.split(|b| *b == b'\n').count(), "{error:?}");
        }
    }

    #[test]
    fn the_export_verifier_refuses_every_changed_export(mutations in proptest::collection::vec(mutation(), 1..6)) {
        let export = export_seed().into_bytes();
        prop_assert!(converge_report::verify_export(&export).is_ok());
        let changed = mutate(export.clone(), &mutations);
        let verdict = converge_report::verify_export(&changed);
        // A final newline is the one change the canonical form allows.
        let same = changed == export || changed.strip_suffix(b"\n") == Some(&export[..]);
        prop_assert!(same || verdict.is_err(), "a changed export verified");
    }

    #[test]
    fn the_export_verifier_answers_arbitrary_bytes(bytes in proptest::collection::vec(any::<u8>(), 0..1024)) {
        let _ = converge_report::verify_export(&bytes);
    }

    #[test]
    fn the_status_import_answers_every_mutated_file_and_never_applies_a_bad_row(
        mutations in proptest::collection::vec(mutation(), 0..8),
    ) {
        let workshop = workshop_with_actions();
        let bytes = mutate(csv_seed().into_bytes(), &mutations);
        // The seed's dates are still to come on this day.
        let today = CalendarDate::parse("2026-12-01").unwrap();
        let run = converge_core::followup_import::dry_run_bytes(&workshop, &bytes, today);
        if run.can_apply() {
            // Whatever the import offers to apply, the domain accepts as it stands, in order.
            let mut check = StatusUpdateCheck::new(&workshop, today);
            for change in &run.changes {
                prop_assert!(check.check(change.update.clone()).is_ok());
            }
        }
    }
}
