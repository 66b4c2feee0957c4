//! Builders shared by the core's tests.
#![allow(dead_code)]

use converge_core::*;
use uuid::Uuid;

pub const AT: Timestamp = Timestamp(1_700_000_000_000);

pub fn id(n: u128) -> Uuid {
    Uuid::from_u128(n)
}

pub fn account() -> AccountId {
    AccountId::from_uuid(id(1))
}

pub fn facilitator() -> ParticipantId {
    ParticipantId::from_uuid(id(2))
}

pub fn activity(n: u128) -> ActivityId {
    ActivityId::from_uuid(id(100 + n))
}

pub fn spec(n: u128, kind: ActivityKind) -> ActivitySpec {
    ActivitySpec {
        activity_id: activity(n),
        kind,
        title: Title::parse(&format!("Activity {n}")).unwrap(),
        prompt: Prompt::parse("").unwrap(),
    }
}

/// A workshop with a challenges activity (0) and a SWOT activity (1), both in draft.
pub fn workshop() -> Workshop {
    let events = decide_create(
        "Smarter Democracy Hackathon",
        Language::Fr,
        account(),
        facilitator(),
        "c0".into(),
        vec![spec(0, ActivityKind::Challenges), spec(1, ActivityKind::Swot), spec(2, ActivityKind::Vote)],
    )
    .unwrap();
    fold(WorkshopId::from_uuid(id(0)), &events)
}

pub fn fold(id: WorkshopId, events: &[Event]) -> Workshop {
    let timed: Vec<TimedEvent> = events.iter().map(|event| TimedEvent { at: AT, event: event.clone() }).collect();
    Workshop::from_events(id, &timed).unwrap()
}

pub fn apply_all(workshop: &mut Workshop, events: &[Event]) {
    for event in events {
        workshop.apply(&TimedEvent { at: AT, event: event.clone() });
    }
}

/// Decides and folds, panicking on refusal: for setting the scene.
pub fn run(workshop: &mut Workshop, actor: Actor, command: Command) {
    let events = decide(workshop, actor, command).unwrap();
    apply_all(workshop, &events);
}

pub fn join(workshop: &mut Workshop, n: u128) -> ParticipantId {
    let participant_id = ParticipantId::from_uuid(id(1000 + n));
    run(workshop, Actor::Newcomer, Command::Join { participant_id, profile_commitment: format!("c{n}") });
    participant_id
}

pub fn post(activity_id: ActivityId, n: u128, text: &str) -> Command {
    Command::PostContribution {
        contribution_id: ContributionId::from_uuid(id(10_000 + n)),
        activity_id,
        kind: None,
        text: text.into(),
        links: Vec::new(),
    }
}
