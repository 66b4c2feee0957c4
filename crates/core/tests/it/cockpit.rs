//! The console's cockpit rules: the timer shortened, posting locked when the timer reaches zero
//! (decided with the time as an argument), progress as counts, and undo of the facilitator's
//! structural moves, which puts the state back as it was.

use crate::support::decide;
use crate::support::*;
use converge_core::progress::ProgressKind;
use converge_core::*;
use proptest::prelude::*;

const MINUTE: i64 = 60_000;

/// A workshop and its log's length, so that every event folds at its own `seq` (undo names
/// moves by it).
struct Log {
    workshop: Workshop,
    len: usize,
}

impl Log {
    fn new() -> Log {
        let workshop = workshop();
        // `workshop()` folds the creation's events at 1..=n.
        let len = 5;
        Log { workshop, len }
    }

    fn try_run(&mut self, actor: Actor, command: Command) -> Result<u64, DomainError> {
        let events = decide(&self.workshop, actor, command)?;
        apply_all(&mut self.workshop, self.len, &events);
        self.len += events.len();
        Ok(self.len as u64)
    }

    fn run(&mut self, actor: Actor, command: Command) -> u64 {
        self.try_run(actor, command).unwrap()
    }
}

fn facilitating() -> Actor {
    Actor::Account(account())
}

fn at(offset_ms: i64) -> Timestamp {
    Timestamp(AT.0 + offset_ms)
}

fn locking_swot(log: &mut Log) -> ActivityId {
    let swot = activity(1);
    let config = ActivityConfig { lock_at_zero: true, minutes: Some(1), ..ActivityConfig::default() };
    let update = Command::UpdateActivity { activity_id: swot, title: "SWOT".into(), prompt: String::new(), config };
    log.run(facilitating(), update);
    log.run(facilitating(), Command::OpenActivity { activity_id: swot });
    log.run(facilitating(), Command::StartTimer { activity_id: swot, minutes: None, lock_at_zero: None });
    swot
}

#[test]
fn posting_locks_when_the_timer_reaches_zero_and_only_then() {
    let mut log = Log::new();
    let swot = locking_swot(&mut log);
    let note = Command::PostContribution {
        contribution_id: ContributionId::from_uuid(id(10_001)),
        activity_id: swot,
        kind: Some(ContributionKind::Strength),
        text: "Des équipes motivées".into(),
        links: Vec::new(),
        card: None,
        sheet: None,
    };
    let workshop = &log.workshop;
    assert_eq!(check_posting_time(workshop, &note, at(MINUTE / 2)), Ok(()));
    assert_eq!(check_posting_time(workshop, &note, at(MINUTE)), Err(DomainError::TimeIsUp));
    assert_eq!(check_posting_time(workshop, &note, at(10 * MINUTE)), Err(DomainError::TimeIsUp));
    // Other commands are never stopped by the time.
    let pause = Command::PauseTimer { activity_id: swot };
    assert_eq!(check_posting_time(workshop, &pause, at(10 * MINUTE)), Ok(()));
    // Without the setting, the time being up stops nothing.
    let mut unlocked = log.workshop.clone();
    unlocked.activities[1].settings.lock_at_zero = false;
    assert_eq!(check_posting_time(&unlocked, &note, at(10 * MINUTE)), Ok(()));
    // The same note sent again once it was taken is still taken.
    let mut posted = Log { workshop: log.workshop.clone(), len: log.len };
    let ana = join(&mut posted.workshop, 1);
    posted.run(Actor::Participant(ana), note.clone());
    assert_eq!(check_posting_time(&posted.workshop, &note, at(10 * MINUTE)), Ok(()));
}

#[test]
fn more_time_unlocks_posting_and_a_paused_timer_locks_nothing() {
    let mut log = Log::new();
    let swot = locking_swot(&mut log);
    let activity = log.workshop.activity(swot).unwrap();
    assert!(activity.posting_locked(at(MINUTE)));
    // The timer extended: the folded end moves; the fold's clock is the event's time (AT).
    log.run(facilitating(), Command::ExtendTimer { activity_id: swot, minutes: 2 });
    assert!(!log.workshop.activity(swot).unwrap().posting_locked(at(2 * MINUTE)));
    log.run(facilitating(), Command::PauseTimer { activity_id: swot });
    assert!(!log.workshop.activity(swot).unwrap().posting_locked(at(100 * MINUTE)));
}

#[test]
fn the_lock_at_zero_is_chosen_as_the_timer_starts() {
    let mut log = Log::new();
    let swot = activity(1);
    log.run(facilitating(), Command::OpenActivity { activity_id: swot });
    let lock = Command::StartTimer { activity_id: swot, minutes: Some(1), lock_at_zero: Some(true) };
    let events = decide(&log.workshop, facilitating(), lock.clone()).unwrap();
    assert!(
        matches!(events[..], [Event::ActivityUpdated { ref config, .. }, Event::TimerStarted { .. }] if config.lock_at_zero)
    );
    log.run(facilitating(), lock.clone());
    let activity = log.workshop.activity(swot).unwrap();
    assert!(activity.settings.lock_at_zero);
    assert_eq!((activity.title.as_str(), activity.settings.minutes), ("Activity 1", None), "nothing else changed");
    // Posting is refused once the time is up, as for a lock set in the settings.
    assert!(activity.posting_locked(at(2 * MINUTE)));
    // The same choice again records the timer alone; unticked, the lock is lifted.
    let events = decide(&log.workshop, facilitating(), lock).unwrap();
    assert!(matches!(events[..], [Event::TimerStarted { .. }]), "{events:?}");
    log.run(facilitating(), Command::StartTimer { activity_id: swot, minutes: None, lock_at_zero: Some(false) });
    assert!(!log.workshop.activity(swot).unwrap().settings.lock_at_zero);
    // Left out, the setting stays as it is.
    log.run(facilitating(), Command::StartTimer { activity_id: swot, minutes: None, lock_at_zero: None });
    assert!(!log.workshop.activity(swot).unwrap().settings.lock_at_zero);
}

#[test]
fn shortening_takes_minutes_off_and_never_ends_before_now() {
    let mut log = Log::new();
    let swot = activity(1);
    log.run(facilitating(), Command::OpenActivity { activity_id: swot });
    assert_eq!(
        decide(&log.workshop, facilitating(), Command::ShortenTimer { activity_id: swot, minutes: 1 }),
        Err(DomainError::TimerNotRunning)
    );
    log.run(facilitating(), Command::StartTimer { activity_id: swot, minutes: Some(5), lock_at_zero: None });
    log.run(facilitating(), Command::ShortenTimer { activity_id: swot, minutes: 1 });
    assert_eq!(log.workshop.activity(swot).unwrap().timer, Some(Timer::Running { ends_at: at(4 * MINUTE) }));
    log.run(facilitating(), Command::ShortenTimer { activity_id: swot, minutes: 10 });
    assert_eq!(log.workshop.activity(swot).unwrap().timer, Some(Timer::Running { ends_at: AT }));
    log.run(facilitating(), Command::StartTimer { activity_id: swot, minutes: Some(3), lock_at_zero: None });
    log.run(facilitating(), Command::PauseTimer { activity_id: swot });
    log.run(facilitating(), Command::ShortenTimer { activity_id: swot, minutes: 1 });
    assert_eq!(log.workshop.activity(swot).unwrap().timer, Some(Timer::Paused { remaining_ms: 2 * MINUTE as u64 }));
    assert_eq!(
        decide(&log.workshop, facilitating(), Command::ShortenTimer { activity_id: swot, minutes: 0 }),
        Err(DomainError::InvalidConfig { reason: "minutes" })
    );
}

#[test]
fn progress_counts_who_did_without_naming_them() {
    let mut log = Log::new();
    let swot = activity(1);
    log.run(facilitating(), Command::OpenActivity { activity_id: swot });
    let people: Vec<ParticipantId> = (1..=4).map(|n| join(&mut log.workshop, n)).collect();
    for (n, person) in people.iter().take(3).enumerate() {
        let mut note = post(swot, n as u128, "Une force");
        if let Command::PostContribution { kind, .. } = &mut note {
            *kind = Some(ContributionKind::Strength);
        }
        log.run(Actor::Participant(*person), note);
    }
    // One of them twice: still one person.
    let mut again = post(swot, 9, "Une autre");
    if let Command::PostContribution { kind, .. } = &mut again {
        *kind = Some(ContributionKind::Weakness);
    }
    log.run(Actor::Participant(people[0]), again);
    let progress = log.workshop.progress(log.workshop.activity(swot).unwrap()).unwrap();
    assert_eq!((progress.kind, progress.done, progress.present), (ProgressKind::Contributed, 3, 4));
    log.run(facilitating(), Command::SetPresence { participant_id: people[3], present: false });
    let progress = log.workshop.progress(log.workshop.activity(swot).unwrap()).unwrap();
    assert_eq!((progress.done, progress.present), (3, 3));
}

#[test]
fn undo_restores_a_removed_activity_where_it_stood_and_says_when_there_is_nothing_to_undo() {
    let mut log = Log::new();
    let before = log.workshop.clone();
    let removed = log.run(facilitating(), Command::RemoveActivity { activity_id: activity(1) });
    assert!(log.workshop.activity(activity(1)).is_none());
    assert_eq!(log.workshop.recent_moves.last().map(|recent| recent.seq), Some(removed));
    log.run(facilitating(), Command::Undo { seq: removed });
    assert_eq!(log.workshop.activities, before.activities);
    assert!(log.workshop.recent_moves.is_empty());
    // Twice is once: the move is no longer there to undo.
    assert_eq!(decide(&log.workshop, facilitating(), Command::Undo { seq: removed }), Err(DomainError::NothingToUndo));
    // Only the facilitator undoes.
    let moved = log.run(facilitating(), Command::MoveActivity { activity_id: activity(2), position: 0 });
    let ana = join(&mut log.workshop, 1);
    assert!(decide(&log.workshop, Actor::Participant(ana), Command::Undo { seq: moved }).is_err());
}

#[test]
fn the_recent_moves_are_the_last_few() {
    let mut log = Log::new();
    for turn in 0..(undo::RECENT_MOVES_MAX as u32 + 3) {
        log.run(facilitating(), Command::MoveActivity { activity_id: activity(0), position: 1 + turn % 2 });
    }
    assert_eq!(log.workshop.recent_moves.len(), undo::RECENT_MOVES_MAX);
}

/// A room's agenda with sources, notes in SWOT quadrants and notes sorted into categories.
fn busy_room() -> (Log, Vec<ContributionId>) {
    let mut log = Log::new();
    let categorize = ActivitySpec {
        activity_id: activity(3),
        kind: ActivityKind::Categorize,
        title: Title::parse("Tri").unwrap(),
        prompt: Prompt::parse("").unwrap(),
        config: ActivityConfig {
            sources: vec![activity(0), activity(1)],
            categories: vec![Category { id: 0, name: "Culture".into() }, Category { id: 1, name: "Outils".into() }],
            ..ActivityConfig::default()
        },
    };
    log.run(facilitating(), Command::AddActivity(categorize));
    let reformulate = ActivitySpec {
        activity_id: activity(4),
        kind: ActivityKind::Reformulate,
        title: Title::parse("Reformuler").unwrap(),
        prompt: Prompt::parse("").unwrap(),
        config: ActivityConfig { sources: vec![activity(0)], ..ActivityConfig::default() },
    };
    log.run(facilitating(), Command::AddActivity(reformulate));
    log.run(facilitating(), Command::AddActivity(spec(5, ActivityKind::Swot)));
    for n in [0, 1, 3] {
        log.run(facilitating(), Command::OpenActivity { activity_id: activity(n) });
    }
    log.run(facilitating(), Command::SetFocus { activity_id: Some(activity(1)) });
    let ana = join(&mut log.workshop, 1);
    let mut notes = Vec::new();
    for n in 0..4u128 {
        let mut note = post(activity(1), n, "Une note");
        if let Command::PostContribution { kind, contribution_id, .. } = &mut note {
            *kind = Some([ContributionKind::Strength, ContributionKind::Threat][n as usize % 2]);
            notes.push(*contribution_id);
        }
        log.run(Actor::Participant(ana), note);
    }
    log.run(
        facilitating(),
        Command::Categorize { activity_id: activity(3), contribution_id: notes[0], category: Some(1) },
    );
    (log, notes)
}

/// What an undo must give back: everything but the memory of recent moves.
fn without_memory(workshop: &Workshop) -> Workshop {
    Workshop { recent_moves: Vec::new(), ..workshop.clone() }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    /// Any structural move, undone, leaves the workshop as it was before the move.
    #[test]
    fn undoing_a_move_restores_the_state(kind in 0u8..5, a in any::<u8>(), b in any::<u8>()) {
        let (mut log, notes) = busy_room();
        let n_activities = log.workshop.activities.len();
        let command = match kind {
            0 => {
                // Only an activity the room has not worked in can go.
                let removable: Vec<ActivityId> = log
                    .workshop
                    .activities
                    .iter()
                    .filter(|activity| !log.workshop.has_room_input(activity))
                    .map(|activity| activity.id)
                    .collect();
                Command::RemoveActivity { activity_id: removable[usize::from(a) % removable.len()] }
            }
            1 => Command::MoveActivity {
                activity_id: log.workshop.activities[usize::from(a) % n_activities].id,
                position: u32::from(b) % n_activities as u32,
            },
            2 => Command::MoveContribution {
                contribution_id: notes[usize::from(a) % notes.len()],
                kind: [ContributionKind::Strength, ContributionKind::Weakness, ContributionKind::Opportunity,
                    ContributionKind::Threat][usize::from(b) % 4],
            },
            3 => Command::Categorize {
                activity_id: activity(3),
                contribution_id: notes[usize::from(a) % notes.len()],
                category: [None, Some(0), Some(1)][usize::from(b) % 3],
            },
            _ => {
                // A merge of one or more notes into another, undone by unmerging each.
                let into = notes[usize::from(a) % notes.len()];
                let merged: Vec<ContributionId> =
                    notes.iter().copied().filter(|note| *note != into).take(1 + usize::from(b) % 3).collect();
                Command::MergeContributions { into, merged }
            }
        };
        let before = log.workshop.clone();
        let len = log.len;
        let Ok(seq) = log.try_run(facilitating(), command) else { return Ok(()) };
        if log.len == len {
            // A move to where it already stood records nothing.
            prop_assert_eq!(&log.workshop, &before);
            return Ok(());
        }
        prop_assert_eq!(log.workshop.recent_moves.last().map(|recent| recent.seq), Some(seq));
        log.run(facilitating(), Command::Undo { seq });
        prop_assert_eq!(without_memory(&log.workshop), without_memory(&before));
        prop_assert!(log.workshop.recent_move(seq).is_none());
    }
}
