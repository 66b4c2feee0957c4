//! A closed workshop stays closed: once `CloseWorkshop` is recorded, whoever asks and whatever
//! they ask, only the follow-up may still add to the log. Every kind of command is tried, by
//! every kind of actor, on a workshop that has notes, a vote, an action and a risk.

use crate::support::decide;
use crate::support::*;
use converge_core::outcomes::{ActionCard, ActionStatus, FateDecision, Stance, StatusUpdate};
use converge_core::voting::Ballot;
use converge_core::*;
use proptest::prelude::*;
use std::collections::BTreeSet;
use std::mem::discriminant;

const CHALLENGES: u128 = 0;
const VOTE: u128 = 2;
const PLAN: u128 = 3;
const RISKS: u128 = 4;

/// How many kinds of command there are; `every_kind_of_command_is_tried` keeps it honest.
const KINDS: u8 = 62;

fn note(n: u128) -> ContributionId {
    ContributionId::from_uuid(id(10_000 + n))
}

fn action() -> ActionId {
    ActionId::from_uuid(id(50_000))
}

fn card(title: &str) -> ActionCard {
    ActionCard { title: title.into(), jurisdiction: "administration".into(), ..ActionCard::default() }
}

/// Two participants, a challenge (note 1), a risk (note 2), an action drafted from the
/// challenge, a vote cast, then the workshop closed with everything still open.
fn closed_workshop() -> (Workshop, [ParticipantId; 2]) {
    let mut workshop = workshop();
    let facilitating = Actor::Account(account());
    run(&mut workshop, facilitating, Command::AddActivity(spec(PLAN, ActivityKind::ActionPlan)));
    run(&mut workshop, facilitating, Command::AddActivity(spec(RISKS, ActivityKind::RiskMap)));
    let ana = join(&mut workshop, 1);
    let ben = join(&mut workshop, 2);
    for n in [CHALLENGES, PLAN, RISKS] {
        run(&mut workshop, facilitating, Command::OpenActivity { activity_id: activity(n) });
    }
    run(&mut workshop, Actor::Participant(ana), post(activity(CHALLENGES), 1, "Trop de formulaires"));
    run(&mut workshop, Actor::Participant(ben), post(activity(RISKS), 2, "Personne ne porte l'action"));
    let draft = Command::DraftAction {
        action_id: action(),
        activity_id: activity(PLAN),
        card: card("Un guichet unique"),
        sources: vec![note(1)],
    };
    run(&mut workshop, Actor::Participant(ana), draft);
    run(&mut workshop, facilitating, Command::OpenActivity { activity_id: activity(VOTE) });
    run(&mut workshop, facilitating, Command::CloseWorkshop);
    (workshop, [ana, ben])
}

/// One command of kind `kind` (0..KINDS), its ids drawn from the workshop so that it would
/// mostly be accepted were the workshop open.
fn command(kind: u8, pick: u8, people: &[ParticipantId; 2]) -> Command {
    let someone = people[pick as usize % 2];
    let any_activity = activity(u128::from(pick % 5));
    let any_note = note(1 + u128::from(pick % 2));
    match kind {
        0 => Command::Join {
            participant_id: ParticipantId::from_uuid(id(7_000 + u128::from(pick))),
            profile_commitment: "c".into(),
        },
        1 => Command::ChangeRole { participant_id: someone, role: Role::Observer },
        2 => Command::RemoveParticipant { participant_id: someone },
        3 => Command::LockJoining { locked: pick.is_multiple_of(2) },
        4 => Command::RenewJoinCode,
        5 => Command::AddActivity(spec(10 + u128::from(pick), ActivityKind::Challenges)),
        6 => Command::UpdateActivity {
            activity_id: any_activity,
            title: "Renamed".into(),
            prompt: String::new(),
            config: ActivityConfig::default(),
        },
        7 => Command::RemoveActivity { activity_id: any_activity },
        8 => Command::MoveActivity { activity_id: any_activity, position: 0 },
        9 => Command::OpenActivity { activity_id: any_activity },
        10 => Command::CloseActivity { activity_id: any_activity },
        11 => Command::StartTimer { activity_id: any_activity, minutes: Some(5), lock_at_zero: None },
        12 => Command::PauseTimer { activity_id: any_activity },
        13 => Command::ExtendTimer { activity_id: any_activity, minutes: 2 },
        14 => Command::SetFocus { activity_id: Some(any_activity) },
        15 => Command::FormTables { tables: vec![people.to_vec()] },
        16 => Command::SeatParticipant { participant_id: someone, table: Some(0) },
        17 => Command::SetPresence { participant_id: someone, present: pick.is_multiple_of(2) },
        18 => post(any_activity, 100 + u128::from(pick), "Une idée de plus"),
        19 => Command::MoveContribution { contribution_id: any_note, kind: ContributionKind::Strength },
        20 => Command::MergeContributions { into: note(1), merged: vec![note(2)] },
        21 => Command::Categorize { activity_id: any_activity, contribution_id: any_note, category: Some(0) },
        22 => Command::StartBrainwriting { activity_id: any_activity },
        23 => Command::NextRound { activity_id: any_activity },
        24 => Command::AddDeckCard {
            deck: "mine".into(),
            card_id: "card-1".into(),
            title: "Une carte".into(),
            image_sha256: "0".repeat(64),
            width: 10,
            height: 10,
        },
        25 => Command::RemoveDeckCard { deck: "mine".into(), card_id: "card-1".into() },
        26 => Command::CastBallot {
            activity_id: activity(VOTE),
            ballot: Ballot::Approval { approved: BTreeSet::from([note(1)]) },
        },
        27 => Command::AssessItem { activity_id: any_activity, item: any_note, scores: Default::default() },
        28 => Command::DraftAction {
            action_id: ActionId::from_uuid(id(60_000 + u128::from(pick))),
            activity_id: activity(PLAN),
            card: card("Une autre action"),
            sources: vec![note(1)],
        },
        29 => Command::EditAction { action_id: action(), base_revision: 1, card: card("Retouchée"), sources: vec![] },
        30 => Command::WithdrawAction { action_id: action() },
        31 => Command::GiveConsensus {
            action_id: action(),
            revision: Some(1),
            stance: Stance::Agree,
            reason: String::new(),
        },
        32 => Command::RateRisk { activity_id: activity(RISKS), risk: note(2), likelihood: 3, impact: 4 },
        33 => Command::LinkMitigations { risk: note(2), actions: vec![action()] },
        34 => Command::DecideFates { contributions: vec![note(1)], decision: FateDecision::Retained },
        35 => Command::CloseWorkshop,
        36 => Command::UpdateActionStatuses {
            updates: vec![StatusUpdate {
                action_id: action(),
                status: ActionStatus::InProgress,
                note: "Lancée".into(),
                next_update_due: None,
                effective_on: None,
            }],
            today: CalendarDate::of(AT),
        },
        37 => Command::SetCommitment { action_id: action(), answerable: "SPW".into(), next_update_due: None },
        38 => Command::PublishFollowUp { token: Some("abcdefghijklmnopqrstuvwxyz".into()) },
        39 => Command::DeleteWorkshop,
        40 => Command::SeatParticipant { participant_id: someone, table: None },
        41 => Command::PublishFollowUp { token: None },
        42 => Command::ArchiveWorkshop,
        43 => Command::RestoreWorkshop,
        44 => Command::MergeParticipant { duplicate: people[0], into: people[1] },
        46 => Command::NextStep { to: None, round: None },
        47 => Command::IssueScreenLink { renew: pick.is_multiple_of(2) },
        48 => Command::RevokeScreenLink,
        49 => Command::Spotlight { contribution_id: Some(note(1)) },
        50 => Command::SetJoinPanel { panel: JoinPanel::Hidden },
        51 => Command::HideNamesOnScreen { hidden: true },
        52 => Command::HideContribution { contribution_id: any_note, reason: "Hors sujet".into() },
        53 => Command::ShowContribution { contribution_id: any_note },
        54 => Command::EditContribution { contribution_id: any_note, text: "Corrigée".into() },
        55 => Command::RemoveContribution { contribution_id: any_note },
        56 => Command::UnmergeContribution { contribution_id: any_note },
        57 => Command::ZoomProjection {
            zoom: Some(Zoom { activity_id: any_activity, part: BoardPart::Table { table: 0 } }),
        },
        58 => Command::ShortenTimer { activity_id: any_activity, minutes: 1 },
        59 => Command::Undo { seq: u64::from(pick) },
        60 => Command::SetShortlist { activity_id: any_activity, items: vec![note(1)] },
        _ => Command::SetFocus { activity_id: None },
    }
}

fn actor(choice: u8, people: &[ParticipantId; 2]) -> Actor {
    match choice % 4 {
        0 => Actor::Account(account()),
        1 => Actor::Participant(people[0]),
        2 => Actor::Participant(people[1]),
        _ => Actor::Newcomer,
    }
}

#[test]
fn every_kind_of_command_is_tried() {
    let people = [ParticipantId::from_uuid(id(1)), ParticipantId::from_uuid(id(2))];
    let kinds: BTreeSet<String> =
        (0..KINDS).map(|kind| format!("{:?}", discriminant(&command(kind, 0, &people)))).collect();
    // Command has 58 kinds; four numbers (40, 41, 45 and the last) are a second form of one of them.
    assert_eq!(kinds.len(), 58);
}

#[test]
fn closing_closes_every_open_activity_and_clears_the_focus() {
    let (workshop, _) = closed_workshop();
    assert!(workshop.closed_at.is_some());
    assert!(workshop.activities.iter().all(|activity| activity.status != ActivityStatus::Open));
    assert_eq!(workshop.focus, None);
}

#[test]
fn closing_twice_changes_nothing() {
    let (workshop, _) = closed_workshop();
    assert_eq!(decide(&workshop, Actor::Account(account()), Command::CloseWorkshop), Ok(Vec::new()));
}

#[test]
fn the_follow_up_goes_on_after_closing() {
    let (mut workshop, people) = closed_workshop();
    for kind in [36, 37, 38] {
        let events = decide(&workshop, Actor::Account(account()), command(kind, 0, &people)).unwrap();
        assert!(!events.is_empty(), "command {kind} recorded nothing");
        apply_all(&mut workshop, 0, &events);
    }
    assert_eq!(workshop.action(action()).unwrap().follow_up.status, ActionStatus::InProgress);
}

proptest! {
    /// After `CloseWorkshop`, every command that is not follow-up is refused with
    /// `workshop_closed`, by anyone, so nothing reaches the log; the follow-up is the
    /// facilitator's alone.
    #[test]
    fn a_closed_workshop_takes_only_its_follow_up(
        attempts in proptest::collection::vec((0..KINDS, any::<u8>(), any::<u8>()), 1..40),
    ) {
        let (mut workshop, people) = closed_workshop();
        for (kind, pick, who) in attempts {
            let command = command(kind, pick, &people);
            let follow_up = command.is_follow_up();
            let asked_by = actor(who, &people);
            let before = workshop.clone();
            match decide(&workshop, asked_by, command.clone()) {
                Ok(events) => {
                    prop_assert!(follow_up, "{command:?} by {asked_by:?} was accepted");
                    prop_assert!(matches!(asked_by, Actor::Account(_)), "{command:?} by {asked_by:?} was accepted");
                    apply_all(&mut workshop, 0, &events);
                    if matches!(command, Command::DeleteWorkshop) {
                        return Ok(());
                    }
                }
                Err(error) => {
                    if !follow_up {
                        prop_assert_eq!(error, DomainError::WorkshopClosed);
                    }
                    prop_assert_eq!(&workshop, &before);
                }
            }
            prop_assert!(workshop.closed_at.is_some());
            prop_assert!(workshop.activities.iter().all(|activity| activity.status != ActivityStatus::Open));
        }
    }
}
