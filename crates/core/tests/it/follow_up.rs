//! The follow-up after the workshop, as `decide` and the fold keep it: when an action is
//! overdue, what a status update may say about dates (the day the progress happened, the next
//! update's date), the date a form proposes, and archiving a workshop whose follow-up page is
//! public rather than deleting it.

use crate::support::decide;
use crate::support::*;
use converge_core::outcomes::{ActionCard, DEFAULT_UPDATE_INTERVAL_DAYS};
use converge_core::*;

const PLAN: u128 = 3;

fn action(n: u128) -> ActionId {
    ActionId::from_uuid(id(50_000 + n))
}

fn date(raw: &str) -> CalendarDate {
    CalendarDate::parse(raw).unwrap()
}

/// The moment, at noon UTC, of a day; the workshop was created on 2023-11-14 (`AT`).
fn noon_of(day: &str) -> Timestamp {
    let days = CalendarDate::of(AT).days_until(date(day));
    Timestamp(AT.0 + days * 86_400_000)
}

/// A workshop with an action plan holding two actions drafted by the facilitator.
fn planned() -> Workshop {
    let mut workshop = workshop();
    let facilitating = Actor::Account(account());
    run(&mut workshop, facilitating, Command::AddActivity(spec(PLAN, ActivityKind::ActionPlan)));
    for n in [1, 2] {
        let card =
            ActionCard { title: format!("Action {n}"), jurisdiction: "administration".into(), ..ActionCard::default() };
        let draft = Command::DraftAction { action_id: action(n), activity_id: activity(PLAN), card, sources: vec![] };
        run(&mut workshop, facilitating, draft);
    }
    workshop
}

/// Decides as the facilitator on `day` and folds the events as recorded at noon that day.
fn on_day(workshop: &mut Workshop, day: &str, command: Command) -> Result<Vec<Event>, DomainError> {
    let events = decide(workshop, Actor::Account(account()), command)?;
    for event in &events {
        workshop.apply(&TimedEvent { seq: 0, at: noon_of(day), event: event.clone() });
    }
    Ok(events)
}

fn update(n: u128, status: ActionStatus, next: Option<&str>) -> StatusUpdate {
    StatusUpdate {
        action_id: action(n),
        status,
        note: String::new(),
        next_update_due: next.map(date),
        effective_on: None,
    }
}

fn post(workshop: &mut Workshop, day: &str, updates: Vec<StatusUpdate>) -> Result<Vec<Event>, DomainError> {
    on_day(workshop, day, Command::UpdateActionStatuses { updates, today: date(day) })
}

fn commit(workshop: &mut Workshop, day: &str, n: u128, due: &str) {
    let command =
        Command::SetCommitment { action_id: action(n), answerable: "SPW".into(), next_update_due: Some(date(due)) };
    on_day(workshop, day, command).unwrap();
}

fn follow_up(workshop: &Workshop, n: u128) -> &outcomes::FollowUp {
    &workshop.action(action(n)).unwrap().follow_up
}

#[test]
fn an_action_is_overdue_the_day_after_its_date_until_an_update_gives_a_new_one() {
    let mut workshop = planned();
    commit(&mut workshop, "2023-11-14", 1, "2023-12-01");
    let overdue = |workshop: &Workshop, day: &str| follow_up(workshop, 1).is_overdue(date(day));
    assert!(!overdue(&workshop, "2023-12-01"), "due today is not late yet");
    assert!(overdue(&workshop, "2023-12-02"));

    post(&mut workshop, "2024-01-10", vec![update(1, ActionStatus::InProgress, Some("2024-02-10"))]).unwrap();
    assert!(!overdue(&workshop, "2024-01-10"), "the update that gives a new date ends the flag at once");
    assert!(!overdue(&workshop, "2024-02-10"));
    assert!(overdue(&workshop, "2024-02-11"), "and the new date is kept to in turn");

    post(&mut workshop, "2024-03-01", vec![update(1, ActionStatus::Done, None)]).unwrap();
    assert!(!overdue(&workshop, "2030-01-01"), "a finished action expects no further update");
}

#[test]
fn an_update_never_leaves_an_action_under_way_overdue() {
    let mut workshop = planned();
    commit(&mut workshop, "2023-11-14", 1, "2023-12-01");
    let seen = workshop.clone();
    let today = "2024-01-10";
    assert_eq!(
        post(&mut workshop, today, vec![update(1, ActionStatus::InProgress, Some("2024-01-09"))]),
        Err(DomainError::NextUpdateInPast),
        "a next date already past"
    );
    assert_eq!(
        post(&mut workshop, today, vec![update(1, ActionStatus::InProgress, None)]),
        Err(DomainError::NextUpdateRequired),
        "no date, when the one the action has is past"
    );
    assert_eq!(workshop, seen, "a refusal records nothing");

    // Today is a date still to come, and a finished action needs none.
    post(&mut workshop, today, vec![update(1, ActionStatus::InProgress, Some(today))]).unwrap();
    assert!(!follow_up(&workshop, 1).is_overdue(date(today)));
    commit(&mut workshop, today, 2, "2023-12-01");
    assert_eq!(
        post(&mut workshop, today, vec![update(2, ActionStatus::Dropped, None)]),
        Err(DomainError::ReasonRequired)
    );
    let mut dropped = update(2, ActionStatus::Dropped, None);
    dropped.note = "Plus de budget".into();
    post(&mut workshop, today, vec![dropped]).unwrap();

    // An update that gives no date keeps one still to come.
    commit(&mut workshop, today, 1, "2024-03-01");
    post(&mut workshop, "2024-02-01", vec![update(1, ActionStatus::InProgress, None)]).unwrap();
    assert_eq!(follow_up(&workshop, 1).next_update_due, Some(date("2024-03-01")));
}

#[test]
fn within_one_batch_an_update_keeps_the_date_an_earlier_one_gave() {
    let mut workshop = planned();
    commit(&mut workshop, "2023-11-14", 1, "2023-12-01");
    let updates =
        vec![update(1, ActionStatus::InProgress, Some("2024-02-01")), update(1, ActionStatus::InProgress, None)];
    let events = post(&mut workshop, "2024-01-10", updates).unwrap();
    assert_eq!(events.len(), 2);
    let updates =
        vec![update(1, ActionStatus::InProgress, None), update(1, ActionStatus::InProgress, Some("2024-03-01"))];
    assert_eq!(
        post(&mut workshop, "2024-02-10", updates),
        Err(DomainError::NextUpdateRequired),
        "a later row does not excuse an earlier one"
    );
}

#[test]
fn an_update_is_dated_the_day_the_progress_happened_never_after_today() {
    let mut workshop = planned();
    let today = "2024-01-10";
    let events = post(&mut workshop, today, vec![update(1, ActionStatus::InProgress, None)]).unwrap();
    assert!(
        matches!(&events[..], [Event::ActionStatusUpdated { effective_on: Some(day), .. }] if *day == date(today)),
        "by default the progress happened the day it is recorded, and the event says so: {events:?}"
    );

    let mut earlier = update(1, ActionStatus::Done, None);
    earlier.effective_on = Some(date("2023-12-20"));
    post(&mut workshop, today, vec![earlier]).unwrap();
    let entry = follow_up(&workshop, 1).history.last().unwrap();
    assert_eq!((entry.effective_on, entry.recorded_on()), (date("2023-12-20"), date(today)));

    let mut tomorrow = update(2, ActionStatus::InProgress, None);
    tomorrow.effective_on = Some(date("2024-01-11"));
    assert_eq!(post(&mut workshop, today, vec![tomorrow]), Err(DomainError::EffectiveDateInFuture));
    let mut before_the_workshop = update(2, ActionStatus::InProgress, None);
    before_the_workshop.effective_on = Some(date("2023-11-13"));
    assert_eq!(post(&mut workshop, today, vec![before_the_workshop]), Err(DomainError::EffectiveDateBeforeWorkshop));
}

#[test]
fn an_update_recorded_before_effective_dates_existed_happened_the_day_it_was_recorded() {
    let mut workshop = planned();
    let recorded = r#"{"type":"action_status_updated","action_id":"00000000-0000-0000-0000-00000000c351","status":"in_progress","note":"Lancé","next_update_due":"2024-02-01"}"#;
    let event: Event = serde_json::from_str(recorded).unwrap();
    workshop.apply(&TimedEvent { seq: 9, at: noon_of("2024-01-10"), event });
    let follow_up = follow_up(&workshop, 1);
    assert_eq!(follow_up.status, ActionStatus::InProgress);
    assert_eq!(follow_up.history[0].effective_on, date("2024-01-10"));
    assert_eq!(follow_up.next_update_due, Some(date("2024-02-01")));
}

#[test]
fn the_proposed_next_date_keeps_the_rhythm_the_action_promised_and_is_never_past() {
    let mut workshop = planned();
    let today = date("2024-06-01");
    assert_eq!(
        follow_up(&workshop, 1).proposed_next_update(today),
        today.plus_days(DEFAULT_UPDATE_INTERVAL_DAYS),
        "without a promise, a month"
    );
    // Promised on 2023-11-14 for 2024-02-12: every 90 days.
    commit(&mut workshop, "2023-11-14", 1, "2024-02-12");
    assert_eq!(follow_up(&workshop, 1).proposed_next_update(today), date("2024-08-30"));
    // An update that gives a date sets the rhythm anew: 2024-01-10 to 2024-02-09 is 30 days.
    post(&mut workshop, "2024-01-10", vec![update(1, ActionStatus::InProgress, Some("2024-02-09"))]).unwrap();
    assert_eq!(follow_up(&workshop, 1).proposed_next_update(today), date("2024-07-01"));
    // A promise for the next day proposes a week; one made already late, a month.
    commit(&mut workshop, "2024-05-31", 1, "2024-06-01");
    assert_eq!(follow_up(&workshop, 1).proposed_next_update(today), date("2024-06-08"));
    commit(&mut workshop, "2024-05-31", 1, "2024-05-01");
    assert_eq!(follow_up(&workshop, 1).proposed_next_update(today), date("2024-07-01"));
}

#[test]
fn a_workshop_whose_follow_up_page_is_public_is_archived_before_it_is_deleted() {
    let mut workshop = planned();
    let facilitating = Actor::Account(account());
    run(&mut workshop, facilitating, Command::PublishFollowUp { token: Some("a".repeat(32)) });
    assert_eq!(decide(&workshop, facilitating, Command::DeleteWorkshop), Err(DomainError::FollowUpPagePublished));

    let ana = join(&mut workshop, 1);
    assert_eq!(decide(&workshop, Actor::Participant(ana), Command::ArchiveWorkshop), Err(DomainError::FacilitatorOnly));
    let archived = decide(&workshop, facilitating, Command::ArchiveWorkshop).unwrap();
    assert_eq!(archived, vec![Event::WorkshopArchived]);
    assert_eq!(archived[0].kind(), "workshop_archived");
    apply_all(&mut workshop, 0, &archived);
    assert!(workshop.archived && !workshop.deleted);
    assert_eq!(workshop.follow_up_token, Some("a".repeat(32)), "the public page stays up");
    assert_eq!(decide(&workshop, facilitating, Command::ArchiveWorkshop), Ok(vec![]), "archiving twice is harmless");

    let restored = decide(&workshop, facilitating, Command::RestoreWorkshop).unwrap();
    assert_eq!((restored.clone(), restored[0].kind()), (vec![Event::WorkshopRestored], "workshop_restored"));
    apply_all(&mut workshop, 0, &restored);
    assert!(!workshop.archived);
    assert_eq!(decide(&workshop, facilitating, Command::RestoreWorkshop), Ok(vec![]));

    // Filing a workshop away is the facilitator's business and names nobody.
    for event in [Event::WorkshopArchived, Event::WorkshopRestored] {
        for audience in [Audience::Facilitator, Audience::Room] {
            assert_eq!(event.disclosure(&workshop, audience), Disclosure::Whole);
        }
        let json = serde_json::to_string(&event).unwrap();
        assert_eq!(json, format!("{{\"type\":\"{}\"}}", event.kind()));
    }

    run(&mut workshop, facilitating, Command::ArchiveWorkshop);
    run(&mut workshop, facilitating, Command::DeleteWorkshop);
    assert!(workshop.deleted);
    assert_eq!(decide(&workshop, facilitating, Command::RestoreWorkshop), Err(DomainError::WorkshopDeleted));

    // Without a public page, deleting takes one step, as before.
    let mut unpublished = planned();
    run(&mut unpublished, facilitating, Command::DeleteWorkshop);
    assert!(unpublished.deleted);
}
