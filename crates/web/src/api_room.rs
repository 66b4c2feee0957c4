//! The room's controls in the JSON API, the facilitator's alone: the next step, the focus every
//! screen follows, and an activity's timer. Each sends the command the console's button sends,
//! so the record reads the same whichever was used. A body, where an operation takes one, may be
//! left out when every field of it is optional.

use crate::AppState;
use crate::access::ApiMember;
use crate::api::decode;
use crate::auth::Credentials;
use crate::error::{ApiError, ErrorBody};
use crate::extract::{ApiJson, ValidPath};
use axum::Json;
use axum::extract::State;
use converge_core::{ActivityId, Command, DomainError, Event, Timer, WorkshopId};
use converge_store::StoredEvent;
use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use uuid::Uuid;

/// An optional JSON body, read as the document says: absent, or `null`, is the same as `{}`.
fn optional_body<T: DeserializeOwned + Default>(body: Option<ApiJson<serde_json::Value>>) -> Result<T, ApiError> {
    match body {
        None | Some(ApiJson(serde_json::Value::Null)) => Ok(T::default()),
        Some(ApiJson(body)) => decode(body),
    }
}

/// The events a command recorded, as the record holds them.
fn recorded(events: &[StoredEvent]) -> Vec<(i64, Event)> {
    events.iter().filter_map(|stored| Some((stored.recorded_at, serde_json::from_str(&stored.payload).ok()?))).collect()
}

/// When a timer started by `events` ends, in milliseconds since 1970 (UTC).
fn started_timer_ends_at(events: &[(i64, Event)], activity: ActivityId) -> Option<i64> {
    events.iter().find_map(|(at, event)| match event {
        Event::TimerStarted { activity_id, remaining_ms } if *activity_id == activity => {
            Some(at.saturating_add(i64::try_from(*remaining_ms).unwrap_or(i64::MAX)))
        }
        _ => None,
    })
}

#[derive(Deserialize, ToSchema, Default)]
#[serde(deny_unknown_fields)]
pub struct NextStepRequest {
    /// The activity the caller means to step to: the one after the activity on the screens.
    /// When the room is already there (a retry after a lost answer), nothing is recorded; when
    /// the next step now leads elsewhere, the step is refused (409). Absent, the step goes to
    /// whatever comes next. On a brainwriting whose sheets still go round, naming the activity
    /// after it moves on without the remaining rounds.
    to: Option<Uuid>,
    /// For a step on a brainwriting's sheets (`to` naming the brainwriting): the round it
    /// begins, counted from 0 (0 hands the sheets out). Once the sheets are there, nothing is
    /// recorded; when the next step is something else now, the step is refused (409).
    round: Option<u32>,
}

#[derive(Serialize, ToSchema)]
pub struct StepTaken {
    /// The activity the room is now on: open and on every screen.
    activity_id: Uuid,
    /// On a brainwriting, the round of its sheets the step began (0 when it handed them out);
    /// null for a move to another activity, and when the step recorded nothing.
    round: Option<u32>,
    /// The activities the step closed, in agenda order: every open one before it.
    closed: Vec<Uuid>,
    /// When the activity's timer ends, in milliseconds since 1970 (UTC); null when none runs
    /// (an activity without a planned time gets none).
    timer_ends_at: Option<i64>,
    /// The sequence number of the last event the step recorded; null when it recorded nothing.
    seq: Option<u64>,
}

/// Take the next step, the console's first control. While the room is on an open brainwriting,
/// the step hands its sheets out, then passes them on (the next round, its timer restarted)
/// until the last round. Otherwise it moves the room on to the next activity of the agenda:
/// every open activity before it closes (the counts of votes and assessments frozen in the same
/// write), it opens, every screen is sent there and its timer starts at its planned time. The
/// next activity is the one after the activity on the screens or, while they roam, after the
/// last one begun; the first when none was. The record holds the same events as the separate
/// operations would write.
#[utoipa::path(post, path = "/api/v1/workshops/{id}/next-step", operation_id = "nextStep", tag = "facilitation",
    params(("id" = Uuid, Path)),
    request_body = Option<NextStepRequest>,
    responses((status = 200, body = StepTaken), (status = 400, body = ErrorBody), (status = 401, body = ErrorBody),
              (status = 403, body = ErrorBody), (status = 404, description = "No such workshop, or no such activity as `to`", body = ErrorBody),
              (status = 409, description = "`to` is not where the next step leads any more", body = ErrorBody),
              (status = 422, description = "The agenda has no activity after the current one, or the workshop is closed", body = ErrorBody)),
    security(("bearer" = [])))]
pub async fn next_step(
    State(app): State<AppState>,
    ApiMember { state, actor, .. }: ApiMember,
    body: Option<ApiJson<serde_json::Value>>,
) -> Result<Json<StepTaken>, ApiError> {
    let NextStepRequest { to, round } = optional_body(body)?;
    let workshop = state.workshop.id;
    let to = to.map(ActivityId::from_uuid);
    let stored = app.engine.execute(workshop, actor, Command::NextStep { to, round }).await?;
    let events = recorded(&stored);
    let sheets = events.iter().find_map(|(_, event)| match event {
        Event::BrainwritingStarted { activity_id, .. } => Some((*activity_id, 0)),
        Event::BrainwritingRoundStarted { activity_id, round } => Some((*activity_id, *round)),
        _ => None,
    });
    let sent_to = events
        .iter()
        .find_map(|(_, event)| match event {
            Event::FocusChanged { activity_id } => *activity_id,
            _ => None,
        })
        .or(sheets.map(|(activity_id, _)| activity_id));
    // Nothing recorded means the room was already where `to` says.
    let now_on = sent_to.or(to).ok_or(ApiError::from(DomainError::NoNextActivity))?;
    let closed = events
        .iter()
        .filter_map(|(_, event)| match event {
            Event::ActivityClosed { activity_id } => Some(activity_id.as_uuid()),
            _ => None,
        })
        .collect();
    let timer_ends_at = match started_timer_ends_at(&events, now_on) {
        Some(ends_at) => Some(ends_at),
        None => running_timer_ends_at(&app, workshop, now_on).await?,
    };
    Ok(Json(StepTaken {
        activity_id: now_on.as_uuid(),
        round: sheets.map(|(_, round)| round),
        closed,
        timer_ends_at,
        seq: stored.last().map(|e| e.seq),
    }))
}

/// When the timer of `activity` ends as the workshop now stands, if it runs.
async fn running_timer_ends_at(
    app: &AppState,
    workshop: WorkshopId,
    activity: ActivityId,
) -> Result<Option<i64>, ApiError> {
    let state = app.engine.state(workshop).await?;
    Ok(match state.workshop.activity(activity).and_then(|activity| activity.timer) {
        Some(Timer::Running { ends_at }) => Some(ends_at.0),
        _ => None,
    })
}

#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct FocusRequest {
    /// The activity every screen is sent to (the projection and the phones follow); null or
    /// absent lets them roam.
    activity_id: Option<Uuid>,
}

#[derive(Serialize, ToSchema)]
pub struct FocusSet {
    /// The activity every screen is on now; null while they roam.
    focus: Option<Uuid>,
    /// The sequence number of the event that recorded the change; null when nothing changed.
    seq: Option<u64>,
}

/// Send every screen to an activity, or let them roam.
#[utoipa::path(post, path = "/api/v1/workshops/{id}/focus", operation_id = "focusActivity", tag = "facilitation",
    params(("id" = Uuid, Path)),
    request_body = FocusRequest,
    responses((status = 200, body = FocusSet), (status = 400, body = ErrorBody), (status = 401, body = ErrorBody),
              (status = 403, body = ErrorBody), (status = 404, description = "No such workshop or activity", body = ErrorBody),
              (status = 422, description = "The workshop is closed", body = ErrorBody)),
    security(("bearer" = [])))]
pub async fn focus_activity(
    State(app): State<AppState>,
    ApiMember { state, actor, .. }: ApiMember,
    ApiJson(body): ApiJson<serde_json::Value>,
) -> Result<Json<FocusSet>, ApiError> {
    let FocusRequest { activity_id } = decode(body)?;
    let activity_id = activity_id.map(ActivityId::from_uuid);
    let events = app.engine.execute(state.workshop.id, actor, Command::SetFocus { activity_id }).await?;
    Ok(Json(FocusSet { focus: activity_id.map(|id| id.as_uuid()), seq: events.last().map(|event| event.seq) }))
}

#[derive(Deserialize, ToSchema, Default)]
#[serde(deny_unknown_fields)]
pub struct StartTimerRequest {
    /// Sets the timer afresh to this many minutes, 1 to 600. Absent, the timer resumes what was
    /// left when it was paused, or else starts at the activity's planned time (5 minutes when
    /// it has none).
    minutes: Option<u32>,
    /// Sets the activity's lock of posting at zero as the timer starts: true, the room's notes
    /// are refused once the time is up; false, they are taken after it. Absent, the activity's
    /// setting stays as it is.
    lock_at_zero: Option<bool>,
}

#[derive(Serialize, ToSchema)]
pub struct TimerView {
    activity_id: Uuid,
    /// True once started, false once paused.
    running: bool,
    /// When a running timer ends, in milliseconds since 1970 (UTC); null when paused.
    ends_at: Option<i64>,
    /// What is left, in milliseconds: all of it for a timer just started, what was left at the
    /// pause for one paused.
    remaining_ms: Option<u64>,
    /// The sequence number of the event that recorded it.
    seq: u64,
}

/// Start an activity's timer, or resume it. The phones and the projection count down.
#[utoipa::path(post, path = "/api/v1/workshops/{id}/activities/{activity_id}/timer/start", operation_id = "startTimer",
    tag = "facilitation",
    params(("id" = Uuid, Path), ("activity_id" = Uuid, Path)),
    request_body = Option<StartTimerRequest>,
    responses((status = 200, body = TimerView), (status = 400, body = ErrorBody), (status = 401, body = ErrorBody),
              (status = 403, body = ErrorBody), (status = 404, body = ErrorBody),
              (status = 422, description = "The activity is closed, or the minutes are out of range", body = ErrorBody)),
    security(("bearer" = [])))]
pub async fn start_timer(
    State(app): State<AppState>,
    credentials: Credentials,
    ValidPath((id, activity_id)): ValidPath<(Uuid, Uuid)>,
    body: Option<ApiJson<serde_json::Value>>,
) -> Result<Json<TimerView>, ApiError> {
    let StartTimerRequest { minutes, lock_at_zero } = optional_body(body)?;
    let workshop = WorkshopId::from_uuid(id);
    let ApiMember { actor, .. } = ApiMember::of(&app, &credentials, workshop).await?;
    let activity = ActivityId::from_uuid(activity_id);
    let stored = app
        .engine
        .execute(workshop, actor, Command::StartTimer { activity_id: activity, minutes, lock_at_zero })
        .await?;
    let events = recorded(&stored);
    let ends_at = started_timer_ends_at(&events, activity);
    let remaining_ms = events.iter().find_map(|(_, event)| match event {
        Event::TimerStarted { remaining_ms, .. } => Some(*remaining_ms),
        _ => None,
    });
    let seq = stored.last().map_or(0, |event| event.seq);
    Ok(Json(TimerView { activity_id, running: true, ends_at, remaining_ms, seq }))
}

/// Pause an activity's running timer.
#[utoipa::path(post, path = "/api/v1/workshops/{id}/activities/{activity_id}/timer/pause", operation_id = "pauseTimer",
    tag = "facilitation",
    params(("id" = Uuid, Path), ("activity_id" = Uuid, Path)),
    responses((status = 200, body = TimerView), (status = 401, body = ErrorBody), (status = 403, body = ErrorBody),
              (status = 404, body = ErrorBody), (status = 422, description = "The timer is not running", body = ErrorBody)),
    security(("bearer" = [])))]
pub async fn pause_timer(
    State(app): State<AppState>,
    credentials: Credentials,
    ValidPath((id, activity_id)): ValidPath<(Uuid, Uuid)>,
) -> Result<Json<TimerView>, ApiError> {
    let workshop = WorkshopId::from_uuid(id);
    let ApiMember { actor, .. } = ApiMember::of(&app, &credentials, workshop).await?;
    let activity = ActivityId::from_uuid(activity_id);
    let stored = app.engine.execute(workshop, actor, Command::PauseTimer { activity_id: activity }).await?;
    let state = app.engine.state(workshop).await?;
    let remaining_ms = match state.workshop.activity(activity).and_then(|activity| activity.timer) {
        Some(Timer::Paused { remaining_ms }) => Some(remaining_ms),
        _ => None,
    };
    let seq = stored.last().map_or(0, |event| event.seq);
    Ok(Json(TimerView { activity_id, running: false, ends_at: None, remaining_ms, seq }))
}

#[derive(Deserialize, ToSchema, Default)]
#[serde(deny_unknown_fields)]
pub struct AdjustTimerRequest {
    /// How many minutes to add or take off, 1 to 600; one when absent.
    minutes: Option<u32>,
}

/// The timer as it is after a change: running or paused, and when it ends or what is left.
async fn timer_now(app: &AppState, workshop: WorkshopId, activity_id: Uuid, seq: u64) -> Result<TimerView, ApiError> {
    let state = app.engine.state(workshop).await?;
    let timer = state.workshop.activity(ActivityId::from_uuid(activity_id)).and_then(|activity| activity.timer);
    Ok(match timer {
        Some(Timer::Running { ends_at }) => {
            TimerView { activity_id, running: true, ends_at: Some(ends_at.0), remaining_ms: None, seq }
        }
        Some(Timer::Paused { remaining_ms }) => {
            TimerView { activity_id, running: false, ends_at: None, remaining_ms: Some(remaining_ms), seq }
        }
        None => TimerView { activity_id, running: false, ends_at: None, remaining_ms: None, seq },
    })
}

/// Add minutes to an activity's timer (running or paused); one that already ran out counts them
/// from now.
#[utoipa::path(post, path = "/api/v1/workshops/{id}/activities/{activity_id}/timer/extend", operation_id = "extendTimer",
    tag = "facilitation",
    params(("id" = Uuid, Path), ("activity_id" = Uuid, Path)),
    request_body = Option<AdjustTimerRequest>,
    responses((status = 200, body = TimerView), (status = 400, body = ErrorBody), (status = 401, body = ErrorBody),
              (status = 403, body = ErrorBody), (status = 404, body = ErrorBody),
              (status = 422, description = "The activity is closed, or the minutes are out of range", body = ErrorBody)),
    security(("bearer" = [])))]
pub async fn extend_timer(
    State(app): State<AppState>,
    credentials: Credentials,
    ValidPath((id, activity_id)): ValidPath<(Uuid, Uuid)>,
    body: Option<ApiJson<serde_json::Value>>,
) -> Result<Json<TimerView>, ApiError> {
    adjust_timer(&app, &credentials, (id, activity_id), body, |activity_id, minutes| Command::ExtendTimer {
        activity_id,
        minutes,
    })
    .await
}

/// Take minutes off an activity's timer (running or paused); one with less than that left ends
/// now.
#[utoipa::path(post, path = "/api/v1/workshops/{id}/activities/{activity_id}/timer/shorten", operation_id = "shortenTimer",
    tag = "facilitation",
    params(("id" = Uuid, Path), ("activity_id" = Uuid, Path)),
    request_body = Option<AdjustTimerRequest>,
    responses((status = 200, body = TimerView), (status = 400, body = ErrorBody), (status = 401, body = ErrorBody),
              (status = 403, body = ErrorBody), (status = 404, body = ErrorBody),
              (status = 422, description = "The activity is closed or has no timer, or the minutes are out of range", body = ErrorBody)),
    security(("bearer" = [])))]
pub async fn shorten_timer(
    State(app): State<AppState>,
    credentials: Credentials,
    ValidPath((id, activity_id)): ValidPath<(Uuid, Uuid)>,
    body: Option<ApiJson<serde_json::Value>>,
) -> Result<Json<TimerView>, ApiError> {
    adjust_timer(&app, &credentials, (id, activity_id), body, |activity_id, minutes| Command::ShortenTimer {
        activity_id,
        minutes,
    })
    .await
}

/// Adds or takes minutes (one when the body names none) and answers with the timer as it now is.
async fn adjust_timer(
    app: &AppState,
    credentials: &Credentials,
    (id, activity_id): (Uuid, Uuid),
    body: Option<ApiJson<serde_json::Value>>,
    command: impl FnOnce(ActivityId, u32) -> Command,
) -> Result<Json<TimerView>, ApiError> {
    let AdjustTimerRequest { minutes } = optional_body(body)?;
    let workshop = WorkshopId::from_uuid(id);
    let ApiMember { actor, .. } = ApiMember::of(app, credentials, workshop).await?;
    let command = command(ActivityId::from_uuid(activity_id), minutes.unwrap_or(1));
    let stored = app.engine.execute(workshop, actor, command).await?;
    let seq = stored.last().map_or(0, |event| event.seq);
    Ok(Json(timer_now(app, workshop, activity_id, seq).await?))
}

#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct UndoRequest {
    /// The sequence number of the move to undo: one of the workshop's recent moves (removing an
    /// activity, moving one on the agenda, moving a note to another quadrant or category).
    seq: u64,
}

#[derive(Serialize, ToSchema)]
pub struct MoveUndoneView {
    /// The move that was undone.
    undone: u64,
    /// The sequence number of the last event the undoing recorded.
    seq: u64,
}

/// Undo one of the facilitator's recent structural moves. The move stays on the record; the
/// events that put things back are recorded after it.
#[utoipa::path(post, path = "/api/v1/workshops/{id}/undo", operation_id = "undo",
    tag = "facilitation",
    params(("id" = Uuid, Path)),
    request_body = UndoRequest,
    responses((status = 200, body = MoveUndoneView), (status = 400, body = ErrorBody), (status = 401, body = ErrorBody),
              (status = 403, body = ErrorBody), (status = 404, body = ErrorBody),
              (status = 422, description = "No such recent move, or what it changed has changed since", body = ErrorBody)),
    security(("bearer" = [])))]
pub async fn undo(
    State(app): State<AppState>,
    credentials: Credentials,
    ValidPath(id): ValidPath<Uuid>,
    ApiJson(body): ApiJson<serde_json::Value>,
) -> Result<Json<MoveUndoneView>, ApiError> {
    let UndoRequest { seq } = decode(body)?;
    let workshop = WorkshopId::from_uuid(id);
    let ApiMember { actor, .. } = ApiMember::of(&app, &credentials, workshop).await?;
    let stored = app.engine.execute(workshop, actor, Command::Undo { seq }).await?;
    Ok(Json(MoveUndoneView { undone: seq, seq: stored.last().map_or(0, |event| event.seq) }))
}
