//! Rules of the agenda: adding, editing, removing and moving activities, opening and closing
//! them, their timers, the focus every screen is sent to, and the next step, which does the
//! closing, opening, focusing and timing of a change of activity in one decision.

use super::{DEFAULT_TIMER_MINUTES, Deciding, MINUTE_MS, activity_added, position_of, require_facilitator};
use crate::state::{Activity, Step, Timer};
use crate::text::{Prompt, Title};
use crate::{ActivityConfig, ActivityId, ActivitySettings, ActivitySpec, ActivityStatus, DomainError, Event};

pub(super) fn add_activity(cx: &Deciding<'_>, spec: ActivitySpec) -> Result<Vec<Event>, DomainError> {
    let &Deciding { workshop, actor, .. } = cx;
    require_facilitator(workshop, actor)?;
    if workshop.activity(spec.activity_id).is_some() {
        return Err(DomainError::DuplicateActivity(spec.activity_id));
    }
    let earlier: Vec<ActivityId> = workshop.activities.iter().map(|activity| activity.id).collect();
    let settings = ActivitySettings::parse(spec.kind, &spec.config, spec.activity_id, &earlier)?;
    check_take(workshop, &settings)?;
    Ok(vec![activity_added(spec)])
}

/// A `take` rule needs a source that can feed it: categories from a categorize activity, a top N
/// from a vote or an assessment, dots from a dot vote.
fn check_take(workshop: &crate::Workshop, settings: &ActivitySettings) -> Result<(), DomainError> {
    let Some(take) = settings.take else { return Ok(()) };
    let sources: Vec<&crate::Activity> =
        settings.sources.iter().filter_map(|source| workshop.activity(*source)).collect();
    take.check_sources(settings.kind(), &sources)
}

pub(super) fn update_activity(
    cx: &Deciding<'_>,
    activity_id: ActivityId,
    title: String,
    prompt: String,
    config: ActivityConfig,
) -> Result<Vec<Event>, DomainError> {
    let &Deciding { workshop, actor, .. } = cx;
    require_facilitator(workshop, actor)?;
    let position = position_of(workshop, activity_id)?;
    let activity = &workshop.activities[position];
    let title = Title::parse(&title)?;
    let prompt = Prompt::parse(&prompt)?;
    let earlier: Vec<ActivityId> = workshop.activities[..position].iter().map(|activity| activity.id).collect();
    // An activity keeps its kind: options of another kind are refused, not set aside.
    let settings = ActivitySettings::parse(activity.kind(), &config, activity_id, &earlier)?;
    check_take(workshop, &settings)?;
    // What was carried when it opened is on the record: the rule that chose it stays.
    if activity.times_opened > 0 && settings.take != activity.settings.take {
        return Err(DomainError::InvalidConfig { reason: "take_locked" });
    }
    // Anonymity, once the room has seen it, stays: turning it off would sign what was
    // posted under it, or what someone posts from a page still saying "anonymous".
    // Turning it on is always possible, except in a brainwriting under way, whose seat
    // order a signed board has already shown.
    if activity.settings.anonymous != settings.anonymous
        && let Some(reason) = workshop.anonymity_fixed(activity)
    {
        return Err(DomainError::InvalidConfig { reason });
    }
    // Ballots were cast under the vote's rules; changing them would miscount those ballots.
    let has_ballots = !activity.ballots.is_empty() || !activity.comparisons.is_empty();
    if has_ballots && settings.vote_rules() != activity.settings.vote_rules() {
        return Err(DomainError::InvalidConfig { reason: "vote_locked" });
    }
    // Nothing to record when the activity would stay as it is, even if the configuration spells
    // a default out (the vote's majority judgment, the classic 6-3-5) where the record left it unset.
    if activity.title == title.as_str() && activity.prompt == prompt.as_str() && activity.settings == settings {
        return Ok(Vec::new());
    }
    Ok(vec![Event::ActivityUpdated { activity_id, title: title.into_string(), prompt: prompt.into_string(), config }])
}

pub(super) fn remove_activity(cx: &Deciding<'_>, activity_id: ActivityId) -> Result<Vec<Event>, DomainError> {
    let &Deciding { workshop, actor, .. } = cx;
    require_facilitator(workshop, actor)?;
    position_of(workshop, activity_id)?;
    // The room's words and votes stay on the record, and their activity with them.
    if workshop.activity(activity_id).is_some_and(|activity| workshop.has_room_input(activity)) {
        return Err(DomainError::ActivityHasContributions);
    }
    Ok(vec![Event::ActivityRemoved { activity_id }])
}

pub(super) fn move_activity(
    cx: &Deciding<'_>,
    activity_id: ActivityId,
    position: u32,
) -> Result<Vec<Event>, DomainError> {
    let &Deciding { workshop, actor, .. } = cx;
    require_facilitator(workshop, actor)?;
    let from = position_of(workshop, activity_id)?;
    if position as usize >= workshop.activities.len() {
        return Err(DomainError::PositionOutOfRange(position));
    }
    let mut order: Vec<ActivityId> = workshop.activities.iter().map(|activity| activity.id).collect();
    order.remove(from);
    order.insert(position as usize, activity_id);
    // Activities keep working on earlier ones only: a move may not put a source after
    // the activity that uses it.
    for (index, activity) in order.iter().enumerate() {
        let Some(activity) = workshop.activity(*activity) else { continue };
        if activity.settings.sources.iter().any(|source| !order[..index].contains(source)) {
            return Err(DomainError::InvalidConfig { reason: "sources" });
        }
    }
    if from == position as usize {
        return Ok(Vec::new());
    }
    Ok(vec![Event::ActivityMoved { activity_id, position }])
}

pub(super) fn start_timer(
    cx: &Deciding<'_>,
    activity_id: ActivityId,
    minutes: Option<u32>,
    lock_at_zero: Option<bool>,
) -> Result<Vec<Event>, DomainError> {
    let &Deciding { workshop, actor, .. } = cx;
    require_facilitator(workshop, actor)?;
    let activity = workshop.activity(activity_id).ok_or(DomainError::UnknownActivity(activity_id))?;
    // A closed activity's time is over; reopening it gives it a timer again.
    if activity.status == ActivityStatus::Closed {
        return Err(DomainError::ActivityNotOpen);
    }
    if let Some(minutes) = minutes
        && (minutes == 0 || minutes > crate::config_limits::MINUTES_MAX)
    {
        return Err(DomainError::InvalidConfig { reason: "minutes" });
    }
    let planned = u64::from(activity.settings.minutes.unwrap_or(DEFAULT_TIMER_MINUTES)) * MINUTE_MS;
    // Starting a running timer starts it afresh: the facilitator presses "start" again
    // when the time is up (the core has no clock to tell an expired timer from another).
    let remaining_ms = match (minutes, activity.timer) {
        (Some(minutes), _) => u64::from(minutes) * MINUTE_MS,
        (None, Some(Timer::Paused { remaining_ms })) if remaining_ms > 0 => remaining_ms,
        (None, _) => planned,
    };
    let mut events = Vec::with_capacity(2);
    // The lock of posting at zero, chosen as the timer starts: a change of the activity's
    // settings like any other, recorded first so that the timer runs under it.
    if let Some(lock) = lock_at_zero
        && lock != activity.settings.lock_at_zero
    {
        let config = ActivityConfig { lock_at_zero: lock, ..activity.settings.to_config() };
        events.push(Event::ActivityUpdated {
            activity_id,
            title: activity.title.clone(),
            prompt: activity.prompt.clone(),
            config,
        });
    }
    events.push(Event::TimerStarted { activity_id, remaining_ms });
    Ok(events)
}

pub(super) fn pause_timer(cx: &Deciding<'_>, activity_id: ActivityId) -> Result<Vec<Event>, DomainError> {
    let &Deciding { workshop, actor, .. } = cx;
    require_facilitator(workshop, actor)?;
    let activity = workshop.activity(activity_id).ok_or(DomainError::UnknownActivity(activity_id))?;
    match activity.timer {
        Some(Timer::Running { .. }) => Ok(vec![Event::TimerPaused { activity_id }]),
        _ => Err(DomainError::TimerNotRunning),
    }
}

pub(super) fn extend_timer(
    cx: &Deciding<'_>,
    activity_id: ActivityId,
    minutes: u32,
) -> Result<Vec<Event>, DomainError> {
    adjusted_timer(cx, activity_id, minutes)?;
    Ok(vec![Event::TimerExtended { activity_id, extra_ms: u64::from(minutes) * MINUTE_MS }])
}

pub(super) fn shorten_timer(
    cx: &Deciding<'_>,
    activity_id: ActivityId,
    minutes: u32,
) -> Result<Vec<Event>, DomainError> {
    let activity = adjusted_timer(cx, activity_id, minutes)?;
    if activity.timer.is_none() {
        return Err(DomainError::TimerNotRunning);
    }
    Ok(vec![Event::TimerShortened { activity_id, less_ms: u64::from(minutes) * MINUTE_MS }])
}

/// The activity whose timer gets or loses `minutes`: the facilitator's, not closed, by a number
/// of minutes a timer may be set to.
fn adjusted_timer<'w>(cx: &Deciding<'w>, activity_id: ActivityId, minutes: u32) -> Result<&'w Activity, DomainError> {
    let &Deciding { workshop, actor, .. } = cx;
    require_facilitator(workshop, actor)?;
    let activity = workshop.activity(activity_id).ok_or(DomainError::UnknownActivity(activity_id))?;
    if activity.status == ActivityStatus::Closed {
        return Err(DomainError::ActivityNotOpen);
    }
    if minutes == 0 || minutes > crate::config_limits::MINUTES_MAX {
        return Err(DomainError::InvalidConfig { reason: "minutes" });
    }
    Ok(activity)
}

pub(super) fn set_focus(cx: &Deciding<'_>, activity_id: Option<ActivityId>) -> Result<Vec<Event>, DomainError> {
    let &Deciding { workshop, actor, .. } = cx;
    require_facilitator(workshop, actor)?;
    if let Some(activity_id) = activity_id {
        workshop.activity(activity_id).ok_or(DomainError::UnknownActivity(activity_id))?;
    }
    if workshop.focus == activity_id {
        return Ok(Vec::new());
    }
    Ok(vec![Event::FocusChanged { activity_id }])
}

pub(super) fn open_activity(cx: &Deciding<'_>, activity_id: ActivityId) -> Result<Vec<Event>, DomainError> {
    let &Deciding { workshop, actor, .. } = cx;
    require_facilitator(workshop, actor)?;
    let activity = workshop.activity(activity_id).ok_or(DomainError::UnknownActivity(activity_id))?;
    if activity.status == ActivityStatus::Open {
        return Err(DomainError::ActivityAlreadyOpen);
    }
    Ok(vec![Event::ActivityOpened { activity_id }])
}

/// The facilitator's shortlist for an activity whose rule is `shortlist`: items of its sources'
/// pool, each once, until it first opens (what it opened on is then on the record).
pub(super) fn set_shortlist(
    cx: &Deciding<'_>,
    activity_id: ActivityId,
    items: Vec<crate::ContributionId>,
) -> Result<Vec<Event>, DomainError> {
    let &Deciding { workshop, actor, .. } = cx;
    require_facilitator(workshop, actor)?;
    let activity = workshop.activity(activity_id).ok_or(DomainError::UnknownActivity(activity_id))?;
    if activity.settings.take != Some(crate::Take::Shortlist) || activity.times_opened > 0 {
        return Err(DomainError::ShortlistLocked);
    }
    let pool: Vec<crate::ContributionId> =
        workshop.source_pool(activity).iter().map(|contribution| contribution.id).collect();
    let mut unique = Vec::with_capacity(items.len());
    for item in items {
        if !pool.contains(&item) {
            return Err(DomainError::NotASource);
        }
        if !unique.contains(&item) {
            unique.push(item);
        }
    }
    // Kept in the order the sources posted them, so the same ticks record the same list.
    unique.sort_by_key(|item| pool.iter().position(|known| known == item));
    if unique == activity.shortlist {
        return Ok(Vec::new());
    }
    Ok(vec![Event::ShortlistSet { activity_id, items: unique }])
}

pub(super) fn close_activity(cx: &Deciding<'_>, activity_id: ActivityId) -> Result<Vec<Event>, DomainError> {
    let &Deciding { workshop, actor, .. } = cx;
    require_facilitator(workshop, actor)?;
    let activity = workshop.activity(activity_id).ok_or(DomainError::UnknownActivity(activity_id))?;
    if activity.status != ActivityStatus::Open {
        return Err(DomainError::ActivityNotOpenToClose);
    }
    Ok(vec![Event::ActivityClosed { activity_id }])
}

pub(super) fn next_step(
    cx: &Deciding<'_>,
    to: Option<ActivityId>,
    round: Option<u32>,
) -> Result<Vec<Event>, DomainError> {
    let &Deciding { workshop, actor, .. } = cx;
    require_facilitator(workshop, actor)?;
    if let Some(to) = to {
        workshop.activity(to).ok_or(DomainError::UnknownActivity(to))?;
    }
    if let Some(round) = round {
        return step_on_the_sheets(cx, to, round);
    }
    // The room is already there: a second click, or a retry after a lost answer.
    if let Some(to) = to
        && workshop.current_activity().is_some_and(|current| current.id == to)
    {
        return Ok(Vec::new());
    }
    match workshop.next_step() {
        // Asked for whatever comes next, while the sheets go round: they come first.
        Some(Step::StartSheets(activity)) if to.is_none() => super::contributions::start_brainwriting(cx, activity.id),
        Some(Step::PassSheets { activity, .. }) if to.is_none() => super::contributions::next_round(cx, activity.id),
        _ => move_on(cx, to),
    }
}

/// The step the facilitator was shown on a brainwriting's sheets: `round` of `to` begins (the
/// sheets handed out for round 0). Nothing more once the sheets are there; refused when the
/// next step is something else now.
fn step_on_the_sheets(cx: &Deciding<'_>, to: Option<ActivityId>, round: u32) -> Result<Vec<Event>, DomainError> {
    let workshop = cx.workshop;
    let to = to.ok_or(DomainError::NotTheNextActivity)?;
    let activity = workshop.activity(to).ok_or(DomainError::UnknownActivity(to))?;
    if activity.brainwriting.as_ref().is_some_and(|sheets| sheets.round >= round) {
        return Ok(Vec::new());
    }
    match workshop.next_step() {
        Some(Step::StartSheets(activity)) if activity.id == to && round == 0 => {
            super::contributions::start_brainwriting(cx, to)
        }
        Some(Step::PassSheets { activity, round: next }) if activity.id == to && next == round => {
            super::contributions::next_round(cx, to)
        }
        _ => Err(DomainError::NotTheNextActivity),
    }
}

/// The room moves on to the next activity (`Workshop::next_activity`), which `to`, when given,
/// must name.
fn move_on(cx: &Deciding<'_>, to: Option<ActivityId>) -> Result<Vec<Event>, DomainError> {
    let workshop = cx.workshop;
    let next = workshop.next_activity().ok_or(DomainError::NoNextActivity)?;
    // The button named another activity: the agenda moved on since it was shown.
    if to.is_some_and(|to| to != next.id) {
        return Err(DomainError::NotTheNextActivity);
    }
    if workshop.awaits_shortlist(next) {
        return Err(DomainError::NothingShortlisted);
    }
    let position = position_of(workshop, next.id)?;
    let mut events: Vec<Event> = workshop.activities[..position]
        .iter()
        .filter(|earlier| earlier.status == ActivityStatus::Open)
        .map(|earlier| Event::ActivityClosed { activity_id: earlier.id })
        .collect();
    if next.status != ActivityStatus::Open {
        events.push(Event::ActivityOpened { activity_id: next.id });
    }
    events.push(Event::FocusChanged { activity_id: Some(next.id) });
    // A timer the facilitator already started keeps its time; an activity with no planned
    // time gets none.
    if let Some(minutes) = next.timer_on_arrival() {
        events.push(Event::TimerStarted { activity_id: next.id, remaining_ms: u64::from(minutes) * MINUTE_MS });
    }
    Ok(events)
}
