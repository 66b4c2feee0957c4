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
        config: ActivityConfig::default(),
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
    let timed: Vec<TimedEvent> = events
        .iter()
        .enumerate()
        .map(|(index, event)| TimedEvent { seq: index as u64 + 1, at: AT, event: event.clone() })
        .collect();
    Workshop::from_events(id, &timed).unwrap()
}

/// Folds `events` into `workshop` as the log's next entries, after the `log_len` it already has.
pub fn apply_all(workshop: &mut Workshop, log_len: usize, events: &[Event]) {
    for (index, event) in events.iter().enumerate() {
        workshop.apply(&TimedEvent { seq: (log_len + index) as u64 + 1, at: AT, event: event.clone() });
    }
}

/// Every participant's key, as the server would hold them: here derived from their id, so a
/// test can compute anyone's pseudonym.
pub fn keyring(workshop: &Workshop) -> Keyring {
    let mut keyring = Keyring::new();
    for participant in workshop.participants.keys() {
        keyring.insert(*participant, participant.as_uuid().as_bytes().to_vec());
    }
    keyring
}

/// `converge_core::decide` with every participant's key.
pub fn decide(workshop: &Workshop, actor: Actor, command: Command) -> Result<Vec<Event>, DomainError> {
    converge_core::decide(workshop, actor, command, &keyring(workshop))
}

/// How `participant` is named in `scope` by events decided in these tests.
pub fn pseudonym(workshop: &Workshop, participant: ParticipantId, scope: Scope) -> Subject {
    keyring(workshop).subject(participant, scope).expect("a participant of the workshop")
}

/// Who wrote `contribution`, worked out from the keys as only the server can.
pub fn author_of(workshop: &Workshop, contribution: &Contribution) -> Option<ParticipantId> {
    let keyring = keyring(workshop);
    workshop
        .participants
        .keys()
        .copied()
        .find(|participant| keyring.is(*participant, Scope::Contribution(contribution.id), &contribution.author))
}

/// Decides and folds, panicking on refusal: for setting the scene. The rules never look at
/// sequence numbers, so these events are numbered as if the log were empty.
pub fn run(workshop: &mut Workshop, actor: Actor, command: Command) {
    let events = decide(workshop, actor, command).unwrap();
    apply_all(workshop, 0, &events);
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
        card: None,
        sheet: None,
    }
}
