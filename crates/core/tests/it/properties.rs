//! Property tests: any sequence of commands, accepted or refused, keeps the workshop's
//! invariants, and the state is always the fold of the events that were accepted.

use crate::support::decide;
use crate::support::*;
use converge_core::*;
use proptest::prelude::*;

#[derive(Debug, Clone)]
enum Intent {
    Join,
    Open(u8),
    Close(u8),
    Post {
        who: u8,
        activity: u8,
        kind: Option<u8>,
        text: String,
        link: Option<u8>,
    },
    ChangeRole {
        who: u8,
        role: u8,
    },
    PostAsStranger,
    /// Sends an earlier post again, as a phone does when the answer was lost.
    Retry(u8),
}

fn intent() -> impl Strategy<Value = Intent> {
    let text = prop_oneof![
        "[a-zA-Zéà ]{0,40}",
        Just(String::new()),
        Just("x".repeat(limits::NOTE_MAX + 1)),
        Just("tab\tand\nnew line".to_owned()),
        Just("nul\u{0}char".to_owned()),
    ];
    prop_oneof![
        Just(Intent::Join),
        (0u8..4).prop_map(Intent::Open),
        (0u8..4).prop_map(Intent::Close),
        (0u8..6, 0u8..4, proptest::option::of(0u8..10), text, proptest::option::of(0u8..8))
            .prop_map(|(who, activity, kind, text, link)| Intent::Post { who, activity, kind, text, link }),
        (0u8..6, 0u8..4).prop_map(|(who, role)| Intent::ChangeRole { who, role }),
        Just(Intent::PostAsStranger),
        (0u8..8).prop_map(Intent::Retry),
    ]
}

/// Turns an intent into a concrete command, choosing among what exists so most commands are
/// meaningful, with the occasional unknown id (activity 3 is not on the agenda).
fn command(workshop: &Workshop, intent: &Intent, step: u128) -> (Actor, Command) {
    let participants: Vec<ParticipantId> = workshop.participants.keys().copied().collect();
    let pick = |who: u8| participants[who as usize % participants.len()];
    let pick_activity = |n: u8| activity(n as u128);
    match intent {
        Intent::Join => (
            Actor::Newcomer,
            Command::Join {
                participant_id: ParticipantId::from_uuid(id(50_000 + step)),
                profile_commitment: "c".into(),
            },
        ),
        Intent::Open(n) => (Actor::Account(account()), Command::OpenActivity { activity_id: pick_activity(*n) }),
        Intent::Close(n) => (Actor::Account(account()), Command::CloseActivity { activity_id: pick_activity(*n) }),
        Intent::Post { who, activity, kind, text, link } => {
            let links = link.and_then(|n| workshop.contributions.get(n as usize).map(|c| c.id)).into_iter().collect();
            (
                Actor::Participant(pick(*who)),
                Command::PostContribution {
                    contribution_id: ContributionId::from_uuid(id(90_000 + step)),
                    activity_id: pick_activity(*activity),
                    kind: kind.map(|k| ContributionKind::ALL[k as usize % ContributionKind::ALL.len()]),
                    text: text.clone(),
                    links,
                    card: None,
                    sheet: None,
                },
            )
        }
        Intent::ChangeRole { who, role } => (
            Actor::Account(account()),
            Command::ChangeRole { participant_id: pick(*who), role: Role::ALL[*role as usize % Role::ALL.len()] },
        ),
        Intent::Retry(n) => match workshop.contributions.get(*n as usize) {
            Some(earlier) => (
                Actor::Participant(author_of(workshop, earlier).expect("every contribution has its author")),
                Command::PostContribution {
                    contribution_id: earlier.id,
                    activity_id: earlier.activity_id,
                    kind: Some(earlier.kind),
                    text: format!(" {} ", earlier.text),
                    links: earlier.links.clone(),
                    card: earlier.card.clone(),
                    sheet: None,
                },
            ),
            None => (Actor::Newcomer, Command::DeleteWorkshop),
        },
        Intent::PostAsStranger => (
            Actor::Participant(ParticipantId::from_uuid(id(123_456))),
            Command::PostContribution {
                contribution_id: ContributionId::from_uuid(id(90_000 + step)),
                activity_id: activity(0),
                kind: None,
                text: "intruder".into(),
                links: vec![],
                card: None,
                sheet: None,
            },
        ),
    }
}

/// What the accepted command must have done to the state it was checked against.
fn assert_effect(before: &Workshop, after: &Workshop, actor: Actor, command: &Command) -> Result<(), TestCaseError> {
    match command {
        Command::Join { participant_id, .. } => {
            prop_assert_eq!(after.participants.len(), before.participants.len() + 1);
            prop_assert_eq!(after.participants[participant_id].role, Role::Participant);
        }
        Command::OpenActivity { activity_id } => {
            prop_assert_eq!(after.activity(*activity_id).unwrap().status, ActivityStatus::Open);
        }
        Command::CloseActivity { activity_id } => {
            prop_assert_eq!(after.activity(*activity_id).unwrap().status, ActivityStatus::Closed);
        }
        Command::PostContribution { contribution_id, activity_id, text, .. } => {
            if before.contribution(*contribution_id).is_some() {
                prop_assert_eq!(after, before, "a retried post is recorded once");
                return Ok(());
            }
            prop_assert_eq!(after.contributions.len(), before.contributions.len() + 1);
            let posted = after.contributions.last().unwrap();
            prop_assert_eq!(posted.id, *contribution_id);
            prop_assert_eq!(posted.activity_id, *activity_id);
            let expected_text = NoteText::parse(text).unwrap();
            prop_assert_eq!(posted.text.as_str(), expected_text.as_str());
            let Actor::Participant(author) = actor else { unreachable!("posts come from participants here") };
            prop_assert_eq!(author_of(after, posted), Some(author));
            prop_assert_eq!(before.activity(*activity_id).unwrap().status, ActivityStatus::Open);
            prop_assert!(before.participants[&author].role.may_contribute());
        }
        Command::ChangeRole { participant_id, role } => {
            prop_assert_eq!(after.participants[participant_id].role, *role);
        }
        // The other commands have their own tests; this property drives the ones above.
        _ => {}
    }
    let unchanged_elsewhere = match command {
        Command::PostContribution { .. } => {
            before.activities == after.activities && before.participants == after.participants
        }
        Command::Join { .. } | Command::ChangeRole { .. } => {
            before.activities == after.activities && before.contributions == after.contributions
        }
        _ => before.participants == after.participants && before.contributions == after.contributions,
    };
    prop_assert!(unchanged_elsewhere, "a command changed more than its own part of the state");
    Ok(())
}

fn assert_invariants(workshop: &Workshop) -> Result<(), TestCaseError> {
    prop_assert_eq!(workshop.participants.values().filter(|p| p.role == Role::Facilitator).count(), 1);
    for contribution in &workshop.contributions {
        let activity = workshop.activity(contribution.activity_id);
        prop_assert!(activity.is_some(), "a contribution outside the agenda");
        prop_assert!(activity.unwrap().kind().accepted_contributions().contains(&contribution.kind));
        prop_assert!(author_of(workshop, contribution).is_some(), "a contribution by nobody in the room");
        // Anonymous notes name nobody; signed ones name their author.
        let anonymous = activity.unwrap().settings.anonymous;
        prop_assert_eq!(anonymous, matches!(contribution.author, Subject::Pseudonym(_)));
        let n_chars = contribution.text.chars().count();
        prop_assert!((1..=limits::NOTE_MAX).contains(&n_chars));
        prop_assert!(contribution.text.trim() == contribution.text);
        for link in &contribution.links {
            prop_assert!(workshop.contribution(*link).is_some());
        }
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn the_state_is_the_fold_of_the_accepted_events(
        intents in proptest::collection::vec(intent(), 1..60),
        snapshot_after in 0usize..60,
    ) {
        let create = decide_create(
            "Atelier",
            Language::Fr,
            account(),
            facilitator(),
            "c".into(),
            vec![spec(0, ActivityKind::Challenges), spec(1, ActivityKind::Swot), spec(2, ActivityKind::Vote)],
        ).unwrap();
        let workshop_id = WorkshopId::from_uuid(id(0));
        let mut log = create.clone();
        let mut workshop = fold(workshop_id, &log);
        // The state as the engine's snapshot holds it, read back, and the length of the log then.
        let mut snapshot: Option<(Workshop, usize)> = None;
        for (step, intent) in intents.iter().enumerate() {
            let (actor, command) = command(&workshop, intent, step as u128);
            let before = workshop.clone();
            let decided = decide(&workshop, actor, command.clone());
            // Deciding reads nothing but the state and the command (no clock, no randomness, no
            // order of a hash map): the same command against the same state, here replayed from
            // the log, gets the same answer, accepted or refused.
            let replayed = fold(workshop_id, &log);
            prop_assert_eq!(&decide(&replayed, actor, command.clone()), &decided, "decide answered otherwise");
            if let Ok(events) = decided {
                apply_all(&mut workshop, log.len(), &events);
                log.extend(events);
                assert_effect(&before, &workshop, actor, &command)?;
            }
            assert_invariants(&workshop)?;
            if step == snapshot_after {
                let json = serde_json::to_vec(&workshop).unwrap();
                snapshot = Some((serde_json::from_slice(&json).unwrap(), log.len()));
            }
            // Three ways to the same state: folding each event as it comes, replaying the whole
            // log from scratch, and resuming from the snapshot with the events after it.
            prop_assert_eq!(&fold(workshop_id, &log), &workshop, "incremental state differs from a full replay");
            if let Some((state, snapshot_len)) = &snapshot {
                let mut resumed = state.clone();
                apply_all(&mut resumed, *snapshot_len, &log[*snapshot_len..]);
                prop_assert_eq!(&resumed, &workshop, "resuming from a snapshot differs from the live state");
            }
        }
    }

    #[test]
    fn events_survive_a_json_round_trip(text in "\\PC{0,50}", n in 0u128..1000) {
        let event = Event::ContributionPosted {
            contribution_id: ContributionId::from_uuid(id(n)),
            activity_id: activity(0),
            author: if n % 2 == 0 {
                Subject::Named(facilitator())
            } else {
                Subject::Pseudonym(Pseudonym::from_hex(&format!("{n:064x}")).unwrap())
            },
            kind: ContributionKind::Idea,
            text,
            links: vec![ContributionId::from_uuid(id(n + 1))],
            card: None,
            sheet: None,
        };
        let json = serde_json::to_string(&event).unwrap();
        prop_assert_eq!(serde_json::from_str::<Event>(&json).unwrap(), event);
    }
}
