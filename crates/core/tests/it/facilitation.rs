//! The facilitator's controls: timers, merging, and starting brainwriting again before the
//! first idea.

use crate::support::decide;
use crate::support::*;
use converge_core::*;

fn opened_with_two_activities() -> Workshop {
    let mut workshop = workshop();
    for n in [0, 1] {
        run(&mut workshop, Actor::Account(account()), Command::OpenActivity { activity_id: activity(n) });
    }
    workshop
}

#[test]
fn a_timer_that_ran_out_can_be_started_afresh() {
    let mut workshop = opened_with_two_activities();
    let start = Command::StartTimer { activity_id: activity(0), minutes: None, lock_at_zero: None };
    run(&mut workshop, Actor::Account(account()), start.clone());
    run(&mut workshop, Actor::Account(account()), Command::PauseTimer { activity_id: activity(0) });
    // Paused at the very moment it started (the test clock does not move): resuming keeps it.
    let events = decide(&workshop, Actor::Account(account()), start.clone()).unwrap();
    assert!(matches!(events[..], [Event::TimerStarted { remaining_ms, .. }] if remaining_ms == 5 * 60_000));
    // Started while "running" (after it ran out), it starts again from the planned time.
    run(&mut workshop, Actor::Account(account()), start.clone());
    assert!(decide(&workshop, Actor::Account(account()), start).is_ok());
}

#[test]
fn notes_are_merged_only_within_their_activity() {
    let mut workshop = opened_with_two_activities();
    let anne = join(&mut workshop, 1);
    run(&mut workshop, Actor::Participant(anne), post(activity(0), 1, "un défi"));
    let swot = Command::PostContribution {
        contribution_id: ContributionId::from_uuid(id(77)),
        activity_id: activity(1),
        kind: Some(ContributionKind::Strength),
        text: "une force".into(),
        links: vec![],
        card: None,
        sheet: None,
    };
    run(&mut workshop, Actor::Participant(anne), swot);
    let (challenge, strength) = (workshop.contributions[0].id, workshop.contributions[1].id);
    let merge = Command::MergeContributions { into: challenge, merged: vec![strength] };
    assert_eq!(decide(&workshop, Actor::Account(account()), merge), Err(DomainError::InvalidMerge));
}

#[test]
fn brainwriting_can_start_again_until_the_first_idea_and_seats_at_its_table_size() {
    let mut workshop = workshop();
    let brainwriting = ActivitySpec {
        activity_id: activity(60),
        kind: ActivityKind::Brainwriting,
        title: Title::parse("Brainwriting").unwrap(),
        prompt: Prompt::parse("").unwrap(),
        config: ActivityConfig {
            brainwriting: Some(BrainwritingConfig { ideas_per_round: 3, round_minutes: 5, table_size: 3 }),
            ..ActivityConfig::default()
        },
    };
    run(&mut workshop, Actor::Account(account()), Command::AddActivity(brainwriting));
    run(&mut workshop, Actor::Account(account()), Command::OpenActivity { activity_id: activity(60) });
    let early: Vec<ParticipantId> = (1..=4).map(|n| join(&mut workshop, n)).collect();
    let start = Command::StartBrainwriting { activity_id: activity(60) };
    run(&mut workshop, Actor::Account(account()), start.clone());
    let tables = &workshop.activity(activity(60)).unwrap().brainwriting.as_ref().unwrap().tables;
    assert_eq!(tables.iter().map(|table| table.seats().len()).collect::<Vec<_>>(), vec![2, 2], "tables of at most 3");
    // Two latecomers: starting again seats them too, since nobody has written yet.
    let late: Vec<ParticipantId> = (5..=6).map(|n| join(&mut workshop, n)).collect();
    run(&mut workshop, Actor::Account(account()), start.clone());
    let brainwriting = workshop.activity(activity(60)).unwrap().brainwriting.clone().unwrap();
    for person in early.iter().chain(&late) {
        let seat = pseudonym(&workshop, *person, Scope::Seat(activity(60)));
        assert!(brainwriting.sheet_of(&seat).is_some(), "everyone has a sheet");
    }
    assert!(
        matches!(workshop.activity(activity(60)).unwrap().timer, Some(Timer::Running { .. })),
        "the round is timed"
    );
    let idea = Command::PostContribution {
        contribution_id: ContributionId::from_uuid(id(88)),
        activity_id: activity(60),
        kind: None,
        text: "une idée".into(),
        links: vec![],
        card: None,
        sheet: None,
    };
    run(&mut workshop, Actor::Participant(late[0]), idea);
    assert_eq!(decide(&workshop, Actor::Account(account()), start), Err(DomainError::BrainwritingAlreadyStarted));
}

#[test]
fn brainwriting_ends_when_every_sheet_has_been_round_its_table() {
    let mut workshop = workshop();
    let brainwriting = ActivitySpec {
        activity_id: activity(61),
        kind: ActivityKind::Brainwriting,
        title: Title::parse("Brainwriting").unwrap(),
        prompt: Prompt::parse("").unwrap(),
        config: ActivityConfig::default(),
    };
    run(&mut workshop, Actor::Account(account()), Command::AddActivity(brainwriting));
    for n in 1..=3 {
        join(&mut workshop, n);
    }
    run(&mut workshop, Actor::Account(account()), Command::StartBrainwriting { activity_id: activity(61) });
    let next = Command::NextRound { activity_id: activity(61) };
    // Three people at one table: rounds 1, 2 and 3, then it is complete.
    run(&mut workshop, Actor::Account(account()), next.clone());
    run(&mut workshop, Actor::Account(account()), next.clone());
    assert!(workshop.activity(activity(61)).unwrap().brainwriting.as_ref().unwrap().is_last_round());
    assert_eq!(decide(&workshop, Actor::Account(account()), next), Err(DomainError::BrainwritingComplete));
}
