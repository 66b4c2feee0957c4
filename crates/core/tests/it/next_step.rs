//! The next step: one decision that moves the room on to the next activity, and records exactly
//! what the separate commands (close, open, focus, start the timer) would have recorded one
//! after the other.

use crate::support::decide;
use crate::support::*;
use converge_core::*;
use proptest::prelude::*;

const AGENDA: u128 = 5;

fn facilitating() -> Actor {
    Actor::Account(account())
}

/// An agenda of `AGENDA` activities, each with the planned minutes given (or none).
fn agenda_with(minutes: &[Option<u32>]) -> Workshop {
    let specs = minutes
        .iter()
        .enumerate()
        .map(|(n, minutes)| {
            let kind = if n % 2 == 0 { ActivityKind::Challenges } else { ActivityKind::Swot };
            ActivitySpec {
                config: ActivityConfig { minutes: *minutes, ..ActivityConfig::default() },
                ..spec(n as u128, kind)
            }
        })
        .collect();
    let events = decide_create("Atelier", Language::Fr, account(), facilitator(), "c0".into(), specs).unwrap();
    fold(WorkshopId::from_uuid(id(0)), &events)
}

/// Where the room is, as the facilitator reads the console: the focused activity, or else the
/// last one begun.
fn where_the_room_is(workshop: &Workshop) -> Option<usize> {
    match workshop.focus {
        Some(focus) => workshop.activities.iter().position(|activity| activity.id == focus),
        None => workshop.activities.iter().rposition(|activity| activity.status != ActivityStatus::Draft),
    }
}

/// The commands a facilitator would press one after the other to move on to `next`.
fn separate_commands(workshop: &Workshop, next: usize) -> Vec<Command> {
    let target = &workshop.activities[next];
    let mut commands: Vec<Command> = workshop.activities[..next]
        .iter()
        .filter(|earlier| earlier.status == ActivityStatus::Open)
        .map(|earlier| Command::CloseActivity { activity_id: earlier.id })
        .collect();
    if target.status != ActivityStatus::Open {
        commands.push(Command::OpenActivity { activity_id: target.id });
    }
    commands.push(Command::SetFocus { activity_id: Some(target.id) });
    let running = matches!(target.timer, Some(Timer::Running { .. }));
    if let Some(minutes) = target.settings.minutes
        && !running
    {
        commands.push(Command::StartTimer { activity_id: target.id, minutes: Some(minutes), lock_at_zero: None });
    }
    commands
}

/// Decides `commands` in turn, each against the state the previous ones left.
fn one_after_the_other(workshop: &Workshop, commands: Vec<Command>) -> (Vec<Event>, Workshop) {
    let mut state = workshop.clone();
    let mut events = Vec::new();
    for command in commands {
        let decided = decide(&state, facilitating(), command.clone()).unwrap_or_else(|error| {
            panic!("{command:?} refused: {error:?}");
        });
        apply_all(&mut state, 0, &decided);
        events.extend(decided);
    }
    (events, state)
}

#[derive(Debug, Clone)]
enum Setup {
    Open(u8),
    Close(u8),
    Focus(Option<u8>),
    StartTimer(u8),
    PauseTimer(u8),
}

fn setup() -> impl Strategy<Value = Setup> {
    prop_oneof![
        (0u8..AGENDA as u8).prop_map(Setup::Open),
        (0u8..AGENDA as u8).prop_map(Setup::Close),
        proptest::option::of(0u8..AGENDA as u8).prop_map(Setup::Focus),
        (0u8..AGENDA as u8).prop_map(Setup::StartTimer),
        (0u8..AGENDA as u8).prop_map(Setup::PauseTimer),
    ]
}

fn setup_command(step: &Setup) -> Command {
    let of = |n: &u8| activity(u128::from(*n));
    match step {
        Setup::Open(n) => Command::OpenActivity { activity_id: of(n) },
        Setup::Close(n) => Command::CloseActivity { activity_id: of(n) },
        Setup::Focus(n) => Command::SetFocus { activity_id: n.as_ref().map(of) },
        Setup::StartTimer(n) => Command::StartTimer { activity_id: of(n), minutes: None, lock_at_zero: None },
        Setup::PauseTimer(n) => Command::PauseTimer { activity_id: of(n) },
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    /// Wherever the room stands, the next step records the events of the separate commands,
    /// in their order, and leaves the same state; a second step to the same activity records
    /// nothing, and one to another activity is refused.
    #[test]
    fn the_next_step_is_the_separate_commands_in_one_decision(
        minutes in proptest::collection::vec(proptest::option::of(1u32..=90), AGENDA as usize),
        steps in proptest::collection::vec(setup(), 0..25),
    ) {
        let mut workshop = agenda_with(&minutes);
        for step in &steps {
            if let Ok(events) = decide(&workshop, facilitating(), setup_command(step)) {
                apply_all(&mut workshop, 0, &events);
            }
        }
        let next = where_the_room_is(&workshop).map_or(0, |current| current + 1);
        let stepped = decide(&workshop, facilitating(), Command::NextStep { to: None, round: None });
        if next == workshop.activities.len() {
            prop_assert_eq!(stepped, Err(DomainError::NoNextActivity));
            return Ok(());
        }
        let target = workshop.activities[next].id;
        let (expected, expected_state) = one_after_the_other(&workshop, separate_commands(&workshop, next));
        let events = stepped.unwrap();
        prop_assert_eq!(&events, &expected);
        let mut after = workshop.clone();
        apply_all(&mut after, 0, &events);
        prop_assert_eq!(&after, &expected_state);
        // The room is on the activity, open, with its timer running when it has a planned time.
        prop_assert_eq!(after.focus, Some(target));
        let now_on = after.activity(target).unwrap();
        prop_assert_eq!(now_on.status, ActivityStatus::Open);
        prop_assert!(after.activities[..next].iter().all(|earlier| earlier.status != ActivityStatus::Open));
        if now_on.settings.minutes.is_some() {
            prop_assert!(matches!(now_on.timer, Some(Timer::Running { .. })), "its timer runs");
        }
        // Naming the activity gives the same; once there, naming it again records nothing.
        prop_assert_eq!(decide(&workshop, facilitating(), Command::NextStep { to: Some(target), round: None }), Ok(events));
        prop_assert_eq!(decide(&after, facilitating(), Command::NextStep { to: Some(target), round: None }), Ok(Vec::new()));
        // Any other activity is not where the step leads.
        let current = where_the_room_is(&workshop).map(|current| workshop.activities[current].id);
        for other in workshop.activities.iter().map(|activity| activity.id) {
            if other != target && Some(other) != current {
                prop_assert_eq!(
                    decide(&workshop, facilitating(), Command::NextStep { to: Some(other), round: None }),
                    Err(DomainError::NotTheNextActivity)
                );
            }
        }
    }
}

#[test]
fn from_a_running_activity_one_step_closes_it_and_runs_the_next_on_every_screen() {
    let mut workshop = agenda_with(&[Some(10), Some(15), None, None, None]);
    run(&mut workshop, facilitating(), Command::OpenActivity { activity_id: activity(0) });
    run(&mut workshop, facilitating(), Command::SetFocus { activity_id: Some(activity(0)) });
    run(
        &mut workshop,
        facilitating(),
        Command::StartTimer { activity_id: activity(0), minutes: None, lock_at_zero: None },
    );
    assert_eq!(workshop.next_activity().map(|next| next.id), Some(activity(1)));
    let events = decide(&workshop, facilitating(), Command::NextStep { to: Some(activity(1)), round: None }).unwrap();
    assert_eq!(
        events,
        vec![
            Event::ActivityClosed { activity_id: activity(0) },
            Event::ActivityOpened { activity_id: activity(1) },
            Event::FocusChanged { activity_id: Some(activity(1)) },
            Event::TimerStarted { activity_id: activity(1), remaining_ms: 15 * 60_000 },
        ]
    );
}

#[test]
fn before_anything_is_opened_the_first_step_runs_the_first_activity() {
    let workshop = agenda_with(&[Some(10), None, None, None, None]);
    assert_eq!(workshop.current_activity(), None);
    let events = decide(&workshop, facilitating(), Command::NextStep { to: None, round: None }).unwrap();
    assert_eq!(
        events,
        vec![
            Event::ActivityOpened { activity_id: activity(0) },
            Event::FocusChanged { activity_id: Some(activity(0)) },
            Event::TimerStarted { activity_id: activity(0), remaining_ms: 10 * 60_000 },
        ]
    );
}

#[test]
fn an_activity_already_open_after_the_current_one_is_where_the_step_leads_and_stays_open() {
    let mut workshop = agenda_with(&[None, Some(5), None, None, None]);
    for n in [0, 1, 3] {
        run(&mut workshop, facilitating(), Command::OpenActivity { activity_id: activity(n) });
    }
    run(&mut workshop, facilitating(), Command::SetFocus { activity_id: Some(activity(0)) });
    // Its timer already runs: it keeps its time.
    run(
        &mut workshop,
        facilitating(),
        Command::StartTimer { activity_id: activity(1), minutes: Some(3), lock_at_zero: None },
    );
    let events = decide(&workshop, facilitating(), Command::NextStep { to: None, round: None }).unwrap();
    assert_eq!(
        events,
        vec![
            Event::ActivityClosed { activity_id: activity(0) },
            Event::FocusChanged { activity_id: Some(activity(1)) },
        ],
        "the later open activity (3) is left as it is"
    );
}

#[test]
fn the_end_of_the_agenda_has_no_next_step() {
    let mut workshop = agenda_with(&[None; AGENDA as usize]);
    run(&mut workshop, facilitating(), Command::OpenActivity { activity_id: activity(AGENDA - 1) });
    run(&mut workshop, facilitating(), Command::SetFocus { activity_id: Some(activity(AGENDA - 1)) });
    assert_eq!(workshop.next_activity(), None);
    assert_eq!(
        decide(&workshop, facilitating(), Command::NextStep { to: None, round: None }),
        Err(DomainError::NoNextActivity)
    );
    assert_eq!(DomainError::NoNextActivity.code(), "no_next_activity");
}

#[test]
fn only_the_facilitator_takes_the_next_step_and_not_once_the_workshop_is_closed() {
    let mut workshop = agenda_with(&[None; AGENDA as usize]);
    let anne = join(&mut workshop, 1);
    let step = Command::NextStep { to: None, round: None };
    assert_eq!(decide(&workshop, Actor::Participant(anne), step.clone()), Err(DomainError::FacilitatorOnly));
    assert_eq!(decide(&workshop, Actor::Newcomer, step.clone()), Err(DomainError::FacilitatorOnly));
    let unknown = Command::NextStep { to: Some(activity(99)), round: None };
    assert_eq!(decide(&workshop, facilitating(), unknown), Err(DomainError::UnknownActivity(activity(99))));
    run(&mut workshop, facilitating(), Command::CloseWorkshop);
    assert_eq!(decide(&workshop, facilitating(), step), Err(DomainError::WorkshopClosed));
}

#[test]
fn a_phone_that_joins_lands_where_the_room_is_the_focus_or_else_the_one_open_activity() {
    let mut workshop = agenda_with(&[None, None, None, None, None]);
    let room = |workshop: &Workshop| workshop.room_activity().map(|activity| activity.id);
    assert_eq!(room(&workshop), None, "nothing open: the home");
    // A draft the facilitator looks at is not where the room is.
    run(&mut workshop, facilitating(), Command::SetFocus { activity_id: Some(activity(2)) });
    assert_eq!(room(&workshop), None, "a focused draft is not the room's");
    run(&mut workshop, facilitating(), Command::SetFocus { activity_id: None });
    run(&mut workshop, facilitating(), Command::OpenActivity { activity_id: activity(1) });
    assert_eq!(room(&workshop), Some(activity(1)), "the one open activity");
    run(&mut workshop, facilitating(), Command::OpenActivity { activity_id: activity(3) });
    assert_eq!(room(&workshop), None, "two open and no focus: the home, to choose");
    run(&mut workshop, facilitating(), Command::SetFocus { activity_id: Some(activity(3)) });
    assert_eq!(room(&workshop), Some(activity(3)), "the focus");
    run(&mut workshop, facilitating(), Command::CloseActivity { activity_id: activity(3) });
    assert_eq!(room(&workshop), Some(activity(3)), "a focused closed activity: its results, where the room is");
}

/// An agenda of a brainwriting at tables of three, then a SWOT, with three people in the room.
fn brainwriting_then_swot() -> Workshop {
    let brainwriting = ActivitySpec {
        config: ActivityConfig {
            brainwriting: Some(BrainwritingConfig { ideas_per_round: 3, round_minutes: 5, table_size: 3 }),
            minutes: Some(45),
            ..ActivityConfig::default()
        },
        ..spec(0, ActivityKind::Brainwriting)
    };
    let events = decide_create(
        "Atelier",
        Language::Fr,
        account(),
        facilitator(),
        "c0".into(),
        vec![brainwriting, spec(1, ActivityKind::Swot)],
    )
    .unwrap();
    let mut workshop = fold(WorkshopId::from_uuid(id(0)), &events);
    for n in 1..=3 {
        join(&mut workshop, n);
    }
    workshop
}

fn step(workshop: &mut Workshop, to: Option<ActivityId>, round: Option<u32>) -> Vec<Event> {
    let events = decide(workshop, facilitating(), Command::NextStep { to, round }).unwrap();
    apply_all(workshop, 0, &events);
    events
}

/// What the next step does, as the console shows it: the activity and the round.
fn shown(workshop: &Workshop) -> Option<(&'static str, ActivityId, Option<u32>)> {
    workshop.next_step().map(|step| {
        let what = match step {
            Step::StartSheets(_) => "start sheets",
            Step::PassSheets { .. } => "pass sheets",
            Step::MoveOn(_) => "move on",
        };
        (what, step.activity().id, step.round())
    })
}

#[test]
fn on_a_brainwriting_the_next_step_hands_out_the_sheets_then_passes_them_until_the_last_round() {
    let mut workshop = brainwriting_then_swot();
    let (brainwriting, swot) = (activity(0), activity(1));
    assert_eq!(shown(&workshop), Some(("move on", brainwriting, None)));
    step(&mut workshop, Some(brainwriting), None);
    assert_eq!(workshop.activity(brainwriting).unwrap().status, ActivityStatus::Open);
    // Its clock is its rounds': none runs before the sheets are handed out.
    assert_eq!(workshop.activity(brainwriting).unwrap().timer, None);

    // The sheets are handed out: the same events as starting the brainwriting.
    assert_eq!(shown(&workshop), Some(("start sheets", brainwriting, Some(0))));
    let start = decide(&workshop, facilitating(), Command::StartBrainwriting { activity_id: brainwriting }).unwrap();
    assert_eq!(step(&mut workshop, Some(brainwriting), Some(0)), start);
    assert_eq!(workshop.activity(brainwriting).unwrap().brainwriting.as_ref().unwrap().round, 0);
    // A second click on the same control records nothing.
    assert_eq!(step(&mut workshop, Some(brainwriting), Some(0)), Vec::new());

    // Three at a table: three rounds, so the sheets are passed twice, one step each.
    for round in 1..=2 {
        assert_eq!(shown(&workshop), Some(("pass sheets", brainwriting, Some(round))));
        let pass = decide(&workshop, facilitating(), Command::NextRound { activity_id: brainwriting }).unwrap();
        assert_eq!(step(&mut workshop, Some(brainwriting), Some(round)), pass);
        assert_eq!(workshop.activity(brainwriting).unwrap().brainwriting.as_ref().unwrap().round, round);
        assert_eq!(step(&mut workshop, Some(brainwriting), Some(round)), Vec::new(), "a second click passes nothing");
    }

    // In the last round the step moves on; a stale control for a round past records nothing,
    // one for a round that will not come is refused.
    assert_eq!(shown(&workshop), Some(("move on", swot, None)));
    assert_eq!(step(&mut workshop, Some(brainwriting), Some(1)), Vec::new());
    assert_eq!(
        decide(&workshop, facilitating(), Command::NextStep { to: Some(brainwriting), round: Some(3) }),
        Err(DomainError::NotTheNextActivity)
    );
    let events = step(&mut workshop, Some(swot), None);
    assert!(events.contains(&Event::ActivityClosed { activity_id: brainwriting }));
    assert_eq!(workshop.focus, Some(swot));
}

#[test]
fn asked_for_whatever_comes_next_a_brainwriting_passes_its_sheets_first() {
    let mut workshop = brainwriting_then_swot();
    let brainwriting = activity(0);
    step(&mut workshop, None, None);
    let events = step(&mut workshop, None, None);
    assert!(events.iter().any(|event| matches!(event, Event::BrainwritingStarted { .. })), "{events:?}");
    let events = step(&mut workshop, None, None);
    assert!(events.contains(&Event::BrainwritingRoundStarted { activity_id: brainwriting, round: 1 }), "{events:?}");
    assert_eq!(workshop.focus, Some(brainwriting), "passing the sheets keeps the room where it is");
}

#[test]
fn naming_the_activity_after_a_brainwriting_moves_on_without_the_remaining_rounds() {
    let mut workshop = brainwriting_then_swot();
    let (brainwriting, swot) = (activity(0), activity(1));
    step(&mut workshop, None, None);
    step(&mut workshop, None, None);
    assert_eq!(shown(&workshop), Some(("pass sheets", brainwriting, Some(1))));
    step(&mut workshop, Some(swot), None);
    assert_eq!(workshop.activity(brainwriting).unwrap().status, ActivityStatus::Closed);
    assert_eq!(workshop.focus, Some(swot));
    // A control still showing the round to pass is stale: refused, nothing recorded.
    assert_eq!(
        decide(&workshop, facilitating(), Command::NextStep { to: Some(brainwriting), round: Some(2) }),
        Err(DomainError::NotTheNextActivity)
    );
}

#[test]
fn a_brainwriting_closed_or_off_the_screens_is_not_the_step() {
    let mut workshop = brainwriting_then_swot();
    let (brainwriting, swot) = (activity(0), activity(1));
    step(&mut workshop, None, None);
    step(&mut workshop, None, None);
    let close = decide(&workshop, facilitating(), Command::CloseActivity { activity_id: brainwriting }).unwrap();
    apply_all(&mut workshop, 0, &close);
    assert_eq!(shown(&workshop), Some(("move on", swot, None)));
}
