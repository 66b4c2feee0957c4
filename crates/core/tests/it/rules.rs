//! The workshop's invariants, each refused with its typed error.

use crate::support::decide;
use crate::support::*;
use converge_core::*;

fn opened(activity_n: u128) -> Workshop {
    let mut workshop = workshop();
    run(&mut workshop, Actor::Account(account()), Command::OpenActivity { activity_id: activity(activity_n) });
    workshop
}

#[test]
fn creating_a_workshop_records_its_agenda_and_its_facilitator() {
    let workshop = workshop();
    assert_eq!(workshop.title, "Smarter Democracy Hackathon");
    assert_eq!(workshop.activities.len(), 3);
    assert!(workshop.activities.iter().all(|activity| activity.status == ActivityStatus::Draft));
    assert_eq!(workshop.facilitator_for(account()).map(|p| p.id), Some(facilitator()));
}

#[test]
fn a_workshop_needs_a_title() {
    let refused = decide_create("  ", Language::Fr, account(), facilitator(), "c".into(), vec![]);
    assert_eq!(refused, Err(DomainError::TextEmpty { field: "title" }));
}

#[test]
fn a_note_in_a_draft_or_closed_activity_is_refused() {
    let mut workshop = workshop();
    let anne = join(&mut workshop, 1);
    assert_eq!(
        decide(&workshop, Actor::Participant(anne), post(activity(0), 1, "idea")),
        Err(DomainError::ActivityNotOpen)
    );

    run(&mut workshop, Actor::Account(account()), Command::OpenActivity { activity_id: activity(0) });
    run(&mut workshop, Actor::Account(account()), Command::CloseActivity { activity_id: activity(0) });
    assert_eq!(
        decide(&workshop, Actor::Participant(anne), post(activity(0), 1, "idea")),
        Err(DomainError::ActivityNotOpen)
    );
}

#[test]
fn a_closed_activity_can_be_reopened_and_takes_notes_again() {
    let mut workshop = opened(0);
    run(&mut workshop, Actor::Account(account()), Command::CloseActivity { activity_id: activity(0) });
    run(&mut workshop, Actor::Account(account()), Command::OpenActivity { activity_id: activity(0) });
    assert_eq!(workshop.activity(activity(0)).unwrap().times_opened, 2);
    let anne = join(&mut workshop, 1);
    run(&mut workshop, Actor::Participant(anne), post(activity(0), 1, "late idea"));
    assert_eq!(workshop.contributions.len(), 1);
}

#[test]
fn a_participant_cannot_act_as_facilitator() {
    let mut workshop = workshop();
    let anne = join(&mut workshop, 1);
    for command in [
        Command::OpenActivity { activity_id: activity(0) },
        Command::DeleteWorkshop,
        Command::AddActivity(spec(9, ActivityKind::Swot)),
        Command::ChangeRole { participant_id: anne, role: Role::Expert },
    ] {
        assert_eq!(decide(&workshop, Actor::Participant(anne), command), Err(DomainError::FacilitatorOnly));
    }
    let stranger = AccountId::from_uuid(id(77));
    assert_eq!(
        decide(&workshop, Actor::Account(stranger), Command::OpenActivity { activity_id: activity(0) }),
        Err(DomainError::FacilitatorOnly),
        "another facilitator's account has no say in this workshop"
    );
}

#[test]
fn nobody_is_promoted_to_facilitator() {
    let mut workshop = workshop();
    let anne = join(&mut workshop, 1);
    let promote = Command::ChangeRole { participant_id: anne, role: Role::Facilitator };
    assert_eq!(decide(&workshop, Actor::Account(account()), promote), Err(DomainError::FacilitatorOnly));
}

#[test]
fn empty_and_oversized_notes_are_refused() {
    let mut workshop = opened(0);
    let anne = join(&mut workshop, 1);
    assert_eq!(
        decide(&workshop, Actor::Participant(anne), post(activity(0), 1, " ")),
        Err(DomainError::TextEmpty { field: "text" })
    );
    let long = "x".repeat(limits::NOTE_MAX + 1);
    assert!(matches!(
        decide(&workshop, Actor::Participant(anne), post(activity(0), 1, &long)),
        Err(DomainError::TextTooLong { max: limits::NOTE_MAX, .. })
    ));
}

#[test]
fn observers_read_but_do_not_post() {
    let mut workshop = opened(0);
    let anne = join(&mut workshop, 1);
    run(&mut workshop, Actor::Account(account()), Command::ChangeRole { participant_id: anne, role: Role::Observer });
    assert_eq!(
        decide(&workshop, Actor::Participant(anne), post(activity(0), 1, "hi")),
        Err(DomainError::ObserverCannotContribute)
    );
}

#[test]
fn an_unknown_participant_cannot_post() {
    let workshop = opened(0);
    let ghost = ParticipantId::from_uuid(id(666));
    assert_eq!(
        decide(&workshop, Actor::Participant(ghost), post(activity(0), 1, "hi")),
        Err(DomainError::UnknownParticipant(ghost))
    );
}

#[test]
fn a_swot_note_must_name_its_quadrant_and_only_swot_kinds_fit() {
    let mut workshop = opened(1);
    let anne = join(&mut workshop, 1);
    assert_eq!(
        decide(&workshop, Actor::Participant(anne), post(activity(1), 1, "x")),
        Err(DomainError::ContributionKindRequired)
    );
    let wrong = Command::PostContribution {
        contribution_id: ContributionId::from_uuid(id(5)),
        activity_id: activity(1),
        kind: Some(ContributionKind::Idea),
        text: "x".into(),
        links: vec![],
        card: None,
        sheet: None,
    };
    assert_eq!(
        decide(&workshop, Actor::Participant(anne), wrong),
        Err(DomainError::ContributionKindNotAccepted { activity: ActivityKind::Swot, kind: ContributionKind::Idea })
    );
    let strength = Command::PostContribution {
        contribution_id: ContributionId::from_uuid(id(5)),
        activity_id: activity(1),
        kind: Some(ContributionKind::Strength),
        text: "committed civil servants".into(),
        links: vec![],
        card: None,
        sheet: None,
    };
    run(&mut workshop, Actor::Participant(anne), strength);
    assert_eq!(workshop.contributions[0].kind, ContributionKind::Strength);
}

#[test]
fn a_vote_activity_takes_no_notes() {
    let mut workshop = opened(2);
    let anne = join(&mut workshop, 1);
    assert_eq!(
        decide(&workshop, Actor::Participant(anne), post(activity(2), 1, "x")),
        Err(DomainError::ContributionsNotAccepted { activity: ActivityKind::Vote })
    );
}

#[test]
fn links_must_point_at_existing_contributions_and_are_deduplicated() {
    let mut workshop = opened(0);
    let anne = join(&mut workshop, 1);
    run(&mut workshop, Actor::Participant(anne), post(activity(0), 1, "first"));
    let first = workshop.contributions[0].id;
    let dangling = ContributionId::from_uuid(id(4242));
    let linked = |links| Command::PostContribution {
        contribution_id: ContributionId::from_uuid(id(2)),
        activity_id: activity(0),
        kind: None,
        text: "builds on the first".into(),
        links,
        card: None,
        sheet: None,
    };
    assert_eq!(
        decide(&workshop, Actor::Participant(anne), linked(vec![dangling])),
        Err(DomainError::UnknownContribution(dangling))
    );
    run(&mut workshop, Actor::Participant(anne), linked(vec![first, first]));
    assert_eq!(workshop.contributions[1].links, vec![first]);
}

#[test]
fn a_contribution_id_is_used_once_and_a_retry_is_recorded_once() {
    let mut workshop = opened(0);
    let anne = join(&mut workshop, 1);
    run(&mut workshop, Actor::Participant(anne), post(activity(0), 1, "first"));
    assert_eq!(
        decide(&workshop, Actor::Participant(anne), post(activity(0), 1, " first ")),
        Ok(vec![]),
        "the same post again"
    );
    assert!(matches!(
        decide(&workshop, Actor::Participant(anne), post(activity(0), 1, "again")),
        Err(DomainError::DuplicateContribution(_))
    ));
    let bruno = join(&mut workshop, 2);
    assert!(
        matches!(
            decide(&workshop, Actor::Participant(bruno), post(activity(0), 1, "first")),
            Err(DomainError::DuplicateContribution(_))
        ),
        "someone else cannot claim another's post"
    );
}

#[test]
fn opening_twice_and_closing_a_draft_are_refused() {
    let workshop = opened(0);
    let facilitator = Actor::Account(account());
    assert_eq!(
        decide(&workshop, facilitator, Command::OpenActivity { activity_id: activity(0) }),
        Err(DomainError::ActivityAlreadyOpen)
    );
    assert_eq!(
        decide(&workshop, facilitator, Command::CloseActivity { activity_id: activity(1) }),
        Err(DomainError::ActivityNotOpenToClose)
    );
    let unknown = activity(99);
    assert_eq!(
        decide(&workshop, facilitator, Command::OpenActivity { activity_id: unknown }),
        Err(DomainError::UnknownActivity(unknown))
    );
}

#[test]
fn a_deleted_workshop_refuses_everything() {
    let mut workshop = opened(0);
    run(&mut workshop, Actor::Account(account()), Command::DeleteWorkshop);
    let command = Command::Join { participant_id: ParticipantId::from_uuid(id(5)), profile_commitment: "c".into() };
    assert_eq!(decide(&workshop, Actor::Newcomer, command), Err(DomainError::WorkshopDeleted));
}

#[test]
fn events_keep_their_json_shape() {
    let event = Event::ActivityOpened { activity_id: activity(0) };
    let json = serde_json::to_string(&event).unwrap();
    assert_eq!(json, r#"{"type":"activity_opened","activity_id":"00000000-0000-0000-0000-000000000064"}"#);
    assert_eq!(serde_json::from_str::<Event>(&json).unwrap(), event);
    assert_eq!(event.kind(), "activity_opened");
}

#[test]
fn every_error_has_a_distinct_code() {
    let errors = [
        DomainError::TextEmpty { field: "text" },
        DomainError::FacilitatorOnly,
        DomainError::ActivityNotOpen,
        DomainError::ContributionKindRequired,
        DomainError::WorkshopDeleted,
    ];
    let codes: std::collections::HashSet<_> = errors.iter().map(DomainError::code).collect();
    assert_eq!(codes.len(), errors.len());
}

#[test]
fn a_removed_participant_can_no_longer_act_and_a_locked_workshop_takes_nobody_in() {
    let mut workshop = workshop();
    let anne = join(&mut workshop, 1);
    run(&mut workshop, Actor::Account(account()), Command::OpenActivity { activity_id: activity(0) });
    run(&mut workshop, Actor::Participant(anne), post(activity(0), 1, "Un avis"));
    assert_eq!(
        decide(&workshop, Actor::Participant(anne), Command::RemoveParticipant { participant_id: anne }),
        Err(DomainError::FacilitatorOnly)
    );
    run(&mut workshop, Actor::Account(account()), Command::RemoveParticipant { participant_id: anne });
    assert_eq!(
        decide(&workshop, Actor::Participant(anne), post(activity(0), 2, "Encore")),
        Err(DomainError::ParticipantRemoved)
    );
    assert!(workshop.removed.contains_key(&anne) && !workshop.participants.contains_key(&anne));
    assert_eq!(workshop.contributions.len(), 1, "what they wrote stays on the record");
    assert_eq!(
        decide(&workshop, Actor::Account(account()), Command::RemoveParticipant { participant_id: facilitator() }),
        Err(DomainError::FacilitatorOnly)
    );

    run(&mut workshop, Actor::Account(account()), Command::LockJoining { locked: true });
    let newcomer =
        Command::Join { participant_id: ParticipantId::from_uuid(id(1002)), profile_commitment: "c2".into() };
    assert_eq!(decide(&workshop, Actor::Newcomer, newcomer.clone()), Err(DomainError::JoiningLocked));
    assert_eq!(decide(&workshop, Actor::Account(account()), Command::LockJoining { locked: true }), Ok(Vec::new()));
    run(&mut workshop, Actor::Account(account()), Command::LockJoining { locked: false });
    assert!(decide(&workshop, Actor::Newcomer, newcomer).is_ok());
}

#[test]
fn anonymity_seen_by_the_room_stays_and_a_brainwriting_under_way_keeps_its_own() {
    let mut workshop = workshop();
    let settings = |workshop: &Workshop, anonymous: bool| {
        let current = workshop.activity(activity(0)).unwrap();
        Command::UpdateActivity {
            activity_id: activity(0),
            title: current.title.clone(),
            prompt: current.prompt.clone(),
            config: ActivityConfig { anonymous, ..current.settings.to_config() },
        }
    };
    // A draft nobody has seen can change its mind.
    for anonymous in [true, false, true] {
        let command = settings(&workshop, anonymous);
        run(&mut workshop, Actor::Account(account()), command);
    }
    run(&mut workshop, Actor::Account(account()), Command::OpenActivity { activity_id: activity(0) });
    // Opened as anonymous, even with nothing posted yet: a page says "anonymous" to someone typing.
    assert_eq!(
        decide(&workshop, Actor::Account(account()), settings(&workshop, false)),
        Err(DomainError::InvalidConfig { reason: "anonymity_locked" })
    );

    let brainwriting = ActivitySpec {
        activity_id: activity(70),
        kind: ActivityKind::Brainwriting,
        title: Title::parse("Idées").unwrap(),
        prompt: Prompt::parse("").unwrap(),
        config: ActivityConfig::default(),
    };
    run(&mut workshop, Actor::Account(account()), Command::AddActivity(brainwriting));
    join(&mut workshop, 1);
    join(&mut workshop, 2);
    run(&mut workshop, Actor::Account(account()), Command::StartBrainwriting { activity_id: activity(70) });
    let activity_70 = workshop.activity(activity(70)).unwrap();
    let anonymous = Command::UpdateActivity {
        activity_id: activity(70),
        title: activity_70.title.clone(),
        prompt: activity_70.prompt.clone(),
        config: ActivityConfig { anonymous: true, ..activity_70.settings.to_config() },
    };
    assert_eq!(
        decide(&workshop, Actor::Account(account()), anonymous),
        Err(DomainError::InvalidConfig { reason: "anonymity_fixed_in_brainwriting" }),
        "a signed board has shown who holds which sheet"
    );
}

#[test]
fn a_closed_workshop_takes_nobody_in() {
    let mut workshop = workshop();
    run(&mut workshop, Actor::Account(account()), Command::CloseWorkshop);
    let newcomer =
        Command::Join { participant_id: ParticipantId::from_uuid(id(1003)), profile_commitment: "c3".into() };
    assert_eq!(decide(&workshop, Actor::Newcomer, newcomer), Err(DomainError::WorkshopClosed));
}
