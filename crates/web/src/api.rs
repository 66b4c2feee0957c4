//! The JSON API under `/api/v1`, a contract with outside clients, described by the OpenAPI
//! document at `/api/openapi.json`. Paths, operation ids and shapes never change incompatibly.

use crate::AppState;
use crate::access::ApiMember;
use crate::auth::Credentials;
use crate::error::{Answer, ApiError, ErrorBody, Failure};
use crate::extract::{ApiJson, ValidPath, ValidQuery};
use axum::Json;
use axum::extract::State;
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
use converge_core::{
    AccountId, ActivityId, Actor, Command, Contribution, ContributionId, ContributionKind, Language, ParticipantId,
    Role, Scope, Subject, WorkshopId,
};
use converge_engine::{EngineError, LiveState, NewWorkshop};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};
use uuid::Uuid;

/// Decodes a JSON body read as a value, taking a number with a zero fraction (`3.0`) where the
/// document says integer: JSON Schema counts it as one, and clients that only have floats send it.
/// An array is refused, whatever the fields.
pub(crate) fn decode<T: serde::de::DeserializeOwned>(mut body: serde_json::Value) -> Result<T, ApiError> {
    fn whole_numbers(value: &mut serde_json::Value) {
        match value {
            serde_json::Value::Number(number) if !number.is_i64() && !number.is_u64() => {
                if let Some(float) = number.as_f64().filter(|float| float.fract() == 0.0 && float.abs() < 9.0e15) {
                    *value = (float as i64).into();
                }
            }
            serde_json::Value::Array(items) => items.iter_mut().for_each(whole_numbers),
            serde_json::Value::Object(fields) => fields.values_mut().for_each(whole_numbers),
            _ => {}
        }
    }
    // Every body the API reads is an object: serde would also read a struct from an array of
    // its fields in order, which the document does not offer.
    if body.is_array() {
        return Err(ApiError::from(Failure::BadRequest("the body must be a JSON object, not an array".to_owned())));
    }
    whole_numbers(&mut body);
    serde_json::from_value(body).map_err(|error| ApiError::from(Failure::BadRequest(error.to_string())))
}

#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct CreateWorkshopRequest {
    /// 1 to 120 characters.
    title: String,
    /// A shipped template's id (e.g. `smarter-democracy-hackathon`, `half-day-ideation`,
    /// `lessons-learned-retrospective`); `default` or absent gives a short default agenda.
    template: Option<String>,
    /// `fr` (default) or `en`.
    language: Option<String>,
}

#[derive(Serialize, ToSchema)]
pub struct ActivitySummary {
    id: Uuid,
    /// e.g. `challenges`, `swot`.
    kind: String,
    title: String,
    /// `draft`, `open` or `closed`.
    status: String,
}

#[derive(Serialize, ToSchema)]
pub struct CreateWorkshopResponse {
    id: Uuid,
    join_code: String,
    activities: Vec<ActivitySummary>,
}

#[derive(Serialize, ToSchema)]
pub struct WorkshopListItem {
    id: Uuid,
    title: String,
    join_code: String,
    created_at: i64,
}

fn summaries(state: &LiveState) -> Vec<ActivitySummary> {
    state
        .workshop
        .activities
        .iter()
        .map(|activity| ActivitySummary {
            id: activity.id.as_uuid(),
            kind: activity.kind().as_str().to_owned(),
            title: activity.title.clone(),
            status: activity.status.as_str().to_owned(),
        })
        .collect()
}

fn require_account(credentials: &Credentials) -> Result<AccountId, ApiError> {
    credentials
        .account
        .as_ref()
        .map(|account| AccountId::from_uuid(account.id))
        .ok_or_else(|| ApiError::from(Failure::Unauthenticated))
}

/// Create a workshop; the caller becomes its facilitator.
#[utoipa::path(post, path = "/api/v1/workshops", operation_id = "createWorkshop", tag = "workshops",
    request_body = CreateWorkshopRequest,
    responses(
        (status = 201, description = "Created, with its agenda", body = CreateWorkshopResponse),
        (status = 400, description = "The body is not valid JSON for this operation", body = ErrorBody),
        (status = 401, description = "No facilitator credentials", body = ErrorBody),
        (status = 422, description = "A value is refused, e.g. an empty title or an unknown template", body = ErrorBody),
    ),
    security(("bearer" = [])))]
pub async fn create_workshop(
    State(app): State<AppState>,
    credentials: Credentials,
    ApiJson(body): ApiJson<CreateWorkshopRequest>,
) -> Result<(StatusCode, Json<CreateWorkshopResponse>), ApiError> {
    let account = require_account(&credentials)?;
    let language = match body.language.as_deref() {
        None => Language::Fr,
        // The API takes the codes its document lists, exactly; pages negotiate looser tags.
        Some(raw) => Language::ALL
            .into_iter()
            .find(|language| language.as_str() == raw)
            .ok_or_else(|| ApiError::from(Failure::BadRequest(format!("unknown language `{raw}`: `fr` or `en`"))))?,
    };
    if body.template.as_deref().is_some_and(|template| template.trim() != template) {
        return Err(ApiError::from(Failure::UnknownTemplate));
    }
    let agenda = crate::agenda_for(&app.templates, body.template.as_deref(), language)?;
    let request = NewWorkshop { title: body.title, language, agenda };
    let entry = app.engine.create_workshop(account, request).await?;
    let state = app.engine.state(WorkshopId::from_uuid(entry.id)).await?;
    Ok((
        Answer::Created.status(),
        Json(CreateWorkshopResponse { id: entry.id, join_code: entry.join_code, activities: summaries(&state) }),
    ))
}

/// The caller's workshops, newest first.
#[utoipa::path(get, path = "/api/v1/workshops", operation_id = "listWorkshops", tag = "workshops",
    responses((status = 200, body = Vec<WorkshopListItem>), (status = 401, body = ErrorBody)),
    security(("bearer" = [])))]
pub async fn list_workshops(
    State(app): State<AppState>,
    credentials: Credentials,
) -> Result<Json<Vec<WorkshopListItem>>, ApiError> {
    let account = require_account(&credentials)?;
    let entries = app.engine.workshops_of(account).await?;
    Ok(Json(
        entries
            .into_iter()
            .map(|entry| WorkshopListItem {
                id: entry.id,
                title: entry.title,
                join_code: entry.join_code,
                created_at: entry.created_at,
            })
            .collect(),
    ))
}

#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct JoinRequest {
    join_code: String,
    /// The name shown to the room, 1 to 60 characters.
    name: String,
    /// The participant's service or department.
    service: Option<String>,
}

#[derive(Serialize, ToSchema)]
pub struct JoinResponse {
    workshop_id: Uuid,
    participant_id: Uuid,
    /// A bearer token for the participant's later calls.
    token: String,
    /// The participant's personal code (`XXXX-XXXX`): with the join code, it gives them back
    /// their place on another device (`resumeParticipant`), for as long as the workshop lasts.
    /// Show it to them only.
    resume_code: String,
}

impl JoinResponse {
    fn of(app: &AppState, joined: &converge_engine::Joined) -> JoinResponse {
        JoinResponse {
            workshop_id: joined.workshop.as_uuid(),
            participant_id: joined.participant.as_uuid(),
            token: joined.token.clone(),
            resume_code: app.engine.resume_code(joined.workshop, joined.participant),
        }
    }

    /// The answer, with the participant's cookie for a browser calling the API.
    fn into_response_for(self, app: &AppState, joined: &converge_engine::Joined) -> Response {
        let cookie_name = crate::cookies::participant(joined.workshop.as_uuid());
        let mut response = Json(self).into_response();
        app.cookie_policy.add(&mut response, &cookie_name, &joined.token, crate::cookies::PARTICIPANT_MAX_AGE);
        response
    }
}

#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ResumeRequest {
    join_code: String,
    /// The participant's personal code, as `joinWorkshop` gave it; dashes, spaces and case do
    /// not matter.
    resume_code: String,
}

/// Resume a participant's place on this device: their identity, contributions, ballots and
/// stances, from the workshop's join code and their personal code. Works for as long as the
/// workshop exists, closed or not; not for a removed participant.
#[utoipa::path(post, path = "/api/v1/resume", operation_id = "resumeParticipant", tag = "participants",
    request_body = ResumeRequest,
    responses(
        (status = 200, body = JoinResponse),
        (status = 400, body = ErrorBody),
        (status = 404, description = "No workshop has this join code, or no participant this personal code", body = ErrorBody),
        (status = 429, description = "Too many attempts; see Retry-After", body = ErrorBody),
    ))]
pub async fn resume_participant(
    State(app): State<AppState>,
    client: crate::ClientKey,
    ApiJson(body): ApiJson<ResumeRequest>,
) -> Result<Response, ApiError> {
    let workshop = crate::workshop_of_join_code(&app, &client, &body.join_code).await?;
    let joined = crate::resume_within_limits(&app, &client, workshop, &body.resume_code).await?;
    Ok(JoinResponse::of(&app, &joined).into_response_for(&app, &joined))
}

/// Join a workshop with its code; no account needed.
#[utoipa::path(post, path = "/api/v1/join", operation_id = "joinWorkshop", tag = "participants",
    request_body = JoinRequest,
    responses(
        (status = 200, body = JoinResponse),
        (status = 400, body = ErrorBody),
        (status = 404, description = "No workshop has this code", body = ErrorBody),
        (status = 422, description = "The name or service is refused", body = ErrorBody),
        (status = 429, description = "Too many attempts; see Retry-After", body = ErrorBody),
    ))]
pub async fn join_workshop(
    State(app): State<AppState>,
    client: crate::ClientKey,
    ApiJson(body): ApiJson<JoinRequest>,
) -> Result<Response, ApiError> {
    let service = body.service.as_deref().unwrap_or_default();
    // A program joining by the API names whom it joins: a name already in the workshop is
    // joined again (the answer's personal code is how the same person resumes instead).
    match crate::join_within_limits(&app, &client, &body.join_code, &body.name, service, true).await {
        Ok(crate::JoinOutcome::Joined(joined)) => Ok(JoinResponse::of(&app, &joined).into_response_for(&app, &joined)),
        Ok(crate::JoinOutcome::NameTaken) => Err(ApiError::from(converge_core::DomainError::AlreadyJoined)),
        Err(failure) => Err(ApiError::from(failure)),
    }
}

#[derive(Serialize, ToSchema)]
pub struct WorkshopView {
    id: Uuid,
    title: String,
    language: String,
    /// The sequence number of the last event this view includes.
    seq: u64,
    /// The hash of that event; only for the workshop's facilitator.
    head_hash: Option<String>,
    /// Only for the workshop's facilitator. A closed workshop keeps it: with a personal code, it
    /// gives a participant their place back (`resumeParticipant`); nobody joins with it any more.
    join_code: Option<String>,
    /// When the workshop was closed, in milliseconds since 1970 (UTC); null while it runs. A
    /// closed workshop takes only its follow-up.
    closed_at: Option<i64>,
    /// The caller's role in the workshop.
    your_role: String,
    /// The caller's participant id.
    your_participant_id: Option<Uuid>,
    activities: Vec<ActivityView>,
    participants: Vec<ParticipantView>,
    contributions: Vec<ContributionView>,
    /// The projection screen's address without sign-in (`issueScreenLink`), whole; only for the
    /// workshop's facilitator, and null while the screen has none.
    screen_url: Option<String>,
}

#[derive(Serialize, ToSchema)]
pub struct ActivityView {
    id: Uuid,
    kind: String,
    title: String,
    prompt: String,
    status: String,
    times_opened: u32,
    /// The contribution kinds this activity takes; empty when it takes none.
    accepts: Vec<String>,
}

#[derive(Serialize, ToSchema)]
pub struct ParticipantView {
    id: Uuid,
    role: String,
    name: Option<String>,
    /// Only for the workshop's facilitator.
    service: Option<String>,
    /// The table they sit at, numbered from 1.
    table: Option<u32>,
    /// False while they are away from the room.
    present: bool,
}

#[derive(Serialize, ToSchema)]
pub struct ContributionView {
    id: Uuid,
    activity_id: Uuid,
    /// Hidden (null) in anonymous activities, from everyone but the author (the facilitator too).
    author: Option<Uuid>,
    kind: String,
    text: String,
    links: Vec<Uuid>,
    /// Milliseconds since the Unix epoch.
    posted_at: i64,
    /// The image card picked (photo_language).
    card: Option<String>,
    /// Where the idea was written (brainwriting); in an anonymous brainwriting, only for its author.
    sheet: Option<SheetView>,
    /// Set when the facilitator merged this note into another as a duplicate.
    merged_into: Option<Uuid>,
}

#[derive(Serialize, ToSchema)]
pub struct SheetView {
    /// The table, numbered from 0 in the order tables were formed.
    table: u32,
    /// The sheet, numbered by the seat that started it.
    sheet: u32,
    /// The round it was written in, from 0.
    round: u32,
}

/// The workshop as the caller may see it.
#[utoipa::path(get, path = "/api/v1/workshops/{id}", operation_id = "getWorkshop", tag = "workshops",
    params(("id" = Uuid, Path, description = "The workshop")),
    responses((status = 200, body = WorkshopView), (status = 401, body = ErrorBody), (status = 404, body = ErrorBody)),
    security(("bearer" = [])))]
pub async fn get_workshop(
    State(app): State<AppState>,
    headers: axum::http::HeaderMap,
    ApiMember { state, actor, role }: ApiMember,
) -> Result<Json<WorkshopView>, ApiError> {
    let profiles = app.engine.profiles(state.workshop.id).await?;
    // The address opens the screen for whoever has it: it is the facilitator's to hand out.
    let screen_url = app
        .engine
        .screen_token(&state.workshop)
        .filter(|_| role == Role::Facilitator)
        .map(|token| crate::screen_url(&app, &headers, state.workshop.id, &token));
    let join_code = if role == Role::Facilitator {
        Some(app.engine.workshop_entry(state.workshop.id).await?.join_code)
    } else {
        None
    };
    let workshop = &state.workshop;
    let you = match actor {
        Actor::Participant(participant) => Some(participant),
        Actor::Account(account) => workshop.facilitator_for(account).map(|participant| participant.id),
        Actor::Newcomer => None,
    };
    let anonymous = |contribution: &Contribution| {
        matches!(contribution.author, Subject::Pseudonym(_))
            || workshop.activity(contribution.activity_id).is_none_or(|activity| activity.settings.anonymous)
    };
    let mine = |contribution: &Contribution, you: ParticipantId| {
        state.keyring.is(you, Scope::Contribution(contribution.id), &contribution.author)
    };
    Ok(Json(WorkshopView {
        id: workshop.id.as_uuid(),
        title: workshop.title.clone(),
        language: workshop.language.as_str().to_owned(),
        seq: state.seq,
        // Records kept before pseudonyms name voters in hashed events: the head's hash could be
        // matched against guesses, so it goes to the facilitator only (the report prints it).
        head_hash: (role == Role::Facilitator).then(|| state.head_hash.clone()),
        join_code,
        closed_at: workshop.closed_at.map(|at| at.0),
        your_role: role.as_str().to_owned(),
        your_participant_id: you.map(|participant| participant.as_uuid()),
        activities: workshop
            .activities
            .iter()
            .map(|activity| ActivityView {
                id: activity.id.as_uuid(),
                kind: activity.kind().as_str().to_owned(),
                title: activity.title.clone(),
                // The agenda names a draft to the room, as the home page does; its prompt, still
                // being written, is the facilitator's.
                prompt: if activity.is_visible_to(role) { activity.prompt.clone() } else { String::new() },
                status: activity.status.as_str().to_owned(),
                times_opened: activity.times_opened,
                accepts: activity.kind().accepted_contributions().iter().map(|kind| kind.as_str().to_owned()).collect(),
            })
            .collect(),
        participants: workshop
            .participants
            .values()
            .map(|participant| {
                let profile = profiles.get(&participant.id);
                ParticipantView {
                    id: participant.id.as_uuid(),
                    role: participant.role.as_str().to_owned(),
                    name: profile.map(|profile| profile.name.clone()),
                    // A service says where someone works: the facilitator needs it to form tables,
                    // the other participants do not.
                    service: profile
                        .filter(|_| role == Role::Facilitator)
                        .map(|profile| profile.service.clone())
                        .filter(|service| !service.is_empty()),
                    table: workshop.table_of(participant.id).map(|table| table + 1),
                    present: participant.present,
                }
            })
            .collect(),
        // Removed notes are gone; hidden ones are read by the facilitator and by their author.
        contributions: workshop
            .contributions
            .iter()
            .filter(|contribution| {
                !contribution.removed
                    && (contribution.hidden.is_none()
                        || role == Role::Facilitator
                        || you.is_some_and(|you| {
                            state.keyring.is(you, Scope::Contribution(contribution.id), &contribution.author)
                        }))
            })
            .map(|contribution| ContributionView {
                id: contribution.id.as_uuid(),
                activity_id: contribution.activity_id.as_uuid(),
                author: match (anonymous(contribution), you) {
                    (false, _) => contribution.author.named().map(|author| author.as_uuid()),
                    (true, Some(you)) if mine(contribution, you) => Some(you.as_uuid()),
                    (true, _) => None,
                },
                kind: contribution.kind.as_str().to_owned(),
                text: contribution.text.clone(),
                links: contribution.links.iter().map(|link| link.as_uuid()).collect(),
                posted_at: contribution.posted_at.0,
                card: contribution.card.clone(),
                sheet: contribution
                    .sheet
                    .filter(|_| !anonymous(contribution) || you.is_some_and(|you| mine(contribution, you)))
                    .map(|sheet| SheetView { table: sheet.table, sheet: sheet.sheet, round: sheet.round }),
                merged_into: contribution.merged_into.map(|into| into.as_uuid()),
            })
            .collect(),
        screen_url,
    }))
}

#[derive(Serialize, ToSchema)]
pub struct ActivityTransition {
    activity_id: Uuid,
    status: String,
    /// The sequence number of the event that recorded the change.
    seq: u64,
}

/// Open an activity (or open it again after closing it).
#[utoipa::path(post, path = "/api/v1/workshops/{id}/activities/{activity_id}/open", operation_id = "openActivity", tag = "facilitation",
    params(("id" = Uuid, Path), ("activity_id" = Uuid, Path)),
    responses((status = 200, body = ActivityTransition), (status = 401, body = ErrorBody), (status = 403, body = ErrorBody),
              (status = 404, body = ErrorBody), (status = 422, description = "Already open", body = ErrorBody)),
    security(("bearer" = [])))]
pub async fn open_activity(
    State(app): State<AppState>,
    credentials: Credentials,
    ValidPath((id, activity_id)): ValidPath<(Uuid, Uuid)>,
) -> Result<Json<ActivityTransition>, ApiError> {
    transition(&app, &credentials, id, activity_id, true).await
}

/// Close an open activity.
#[utoipa::path(post, path = "/api/v1/workshops/{id}/activities/{activity_id}/close", operation_id = "closeActivity", tag = "facilitation",
    params(("id" = Uuid, Path), ("activity_id" = Uuid, Path)),
    responses((status = 200, body = ActivityTransition), (status = 401, body = ErrorBody), (status = 403, body = ErrorBody),
              (status = 404, body = ErrorBody), (status = 422, description = "Not open", body = ErrorBody)),
    security(("bearer" = [])))]
pub async fn close_activity(
    State(app): State<AppState>,
    credentials: Credentials,
    ValidPath((id, activity_id)): ValidPath<(Uuid, Uuid)>,
) -> Result<Json<ActivityTransition>, ApiError> {
    transition(&app, &credentials, id, activity_id, false).await
}

/// Where a closed workshop's record ends: what its closure report seals.
#[derive(Serialize, ToSchema)]
pub struct WorkshopClosure {
    /// When the workshop was closed, in milliseconds since 1970 (UTC).
    closed_at: i64,
    /// The sequence number of the record's last event at the closing (the closing itself, or
    /// the last count it froze).
    seq: u64,
    /// That event's hash: `converge verify FILE --expect-head HASH` accepts the record at
    /// closure (`GET …/export?at=closure`) only when it ends there.
    head_hash: String,
}

/// Close the workshop: every open activity closes, the counts of votes and assessments are
/// frozen into the record in the same write, and nobody joins any more. From then on only the
/// follow-up of the actions goes on. Closing a closed workshop changes nothing and answers the
/// same closure.
#[utoipa::path(post, path = "/api/v1/workshops/{id}/close", operation_id = "closeWorkshop", tag = "facilitation",
    params(("id" = Uuid, Path)),
    responses((status = 200, body = WorkshopClosure), (status = 401, body = ErrorBody), (status = 403, body = ErrorBody),
              (status = 404, body = ErrorBody)),
    security(("bearer" = [])))]
pub async fn close_workshop(
    State(app): State<AppState>,
    ApiMember { state, actor, .. }: ApiMember,
) -> Result<Json<WorkshopClosure>, ApiError> {
    let workshop = state.workshop.id;
    app.engine.execute(workshop, actor, Command::CloseWorkshop).await?;
    let record = app.engine.state_at_closure(workshop).await?;
    let closure = record.and_then(|record| {
        let closed_at = record.workshop.closed_at?;
        Some(WorkshopClosure { closed_at: closed_at.0, seq: record.seq, head_hash: record.head_hash })
    });
    closure.map(Json).ok_or_else(|| ApiError::from(converge_core::DomainError::WorkshopStillOpen))
}

async fn transition(
    app: &AppState,
    credentials: &Credentials,
    id: Uuid,
    activity_id: Uuid,
    open: bool,
) -> Result<Json<ActivityTransition>, ApiError> {
    let ApiMember { actor, .. } = ApiMember::of(app, credentials, WorkshopId::from_uuid(id)).await?;
    let workshop = WorkshopId::from_uuid(id);
    let activity = ActivityId::from_uuid(activity_id);
    let command = if open {
        Command::OpenActivity { activity_id: activity }
    } else {
        Command::CloseActivity { activity_id: activity }
    };
    let events = app.engine.execute(workshop, actor, command).await?;
    // Closing a vote or an assessment records its count in the same append: its last event.
    let seq = events.last().map_or(0, |event| event.seq);
    let status = if open { "open" } else { "closed" };
    Ok(Json(ActivityTransition { activity_id, status: status.to_owned(), seq }))
}

#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ChangeRoleRequest {
    /// `participant`, `expert` (a badge; their contributions can be shown apart) or `observer`
    /// (follows without contributing).
    role: String,
}

#[derive(Serialize, ToSchema)]
pub struct RoleChanged {
    participant_id: Uuid,
    role: String,
    /// The sequence number of the event that recorded the change; absent when nothing changed.
    seq: Option<u64>,
}

/// Change a participant's role. Nobody becomes facilitator this way.
#[utoipa::path(post, path = "/api/v1/workshops/{id}/participants/{participant_id}/role", operation_id = "changeRole",
    tag = "facilitation",
    params(("id" = Uuid, Path), ("participant_id" = Uuid, Path)),
    request_body = ChangeRoleRequest,
    responses((status = 200, body = RoleChanged), (status = 400, body = ErrorBody), (status = 401, body = ErrorBody),
              (status = 403, body = ErrorBody), (status = 404, body = ErrorBody),
              (status = 422, description = "The workshop is closed: its room no longer changes", body = ErrorBody)),
    security(("bearer" = [])))]
pub async fn change_role(
    State(app): State<AppState>,
    credentials: Credentials,
    ValidPath((id, participant_id)): ValidPath<(Uuid, Uuid)>,
    ApiJson(body): ApiJson<ChangeRoleRequest>,
) -> Result<Json<RoleChanged>, ApiError> {
    let ApiMember { actor, .. } = ApiMember::of(&app, &credentials, WorkshopId::from_uuid(id)).await?;
    let role = Role::parse(&body.role)
        .ok_or_else(|| ApiError::from(Failure::BadRequest(format!("unknown role `{}`", body.role))))?;
    let participant = converge_core::ParticipantId::from_uuid(participant_id);
    let command = Command::ChangeRole { participant_id: participant, role };
    let events = app.engine.execute(WorkshopId::from_uuid(id), actor, command).await.map_err(|error| {
        // An unknown participant is a missing resource here, not a missing right.
        let failure = match error {
            EngineError::Domain(converge_core::DomainError::UnknownParticipant(_)) => Failure::NotFound,
            other => other.into(),
        };
        ApiError::from(failure)
    })?;
    Ok(Json(RoleChanged { participant_id, role: role.as_str().to_owned(), seq: events.last().map(|event| event.seq) }))
}

#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct PostContributionRequest {
    /// An id chosen by the client (a UUID), so that sending the same post again after a lost
    /// answer records it once: the retry answers 200 with the first post's `seq`.
    id: Option<Uuid>,
    activity_id: Uuid,
    /// 1 to 1,000 characters.
    text: String,
    /// Required where the activity takes several kinds (SWOT: strength, weakness, opportunity, threat).
    kind: Option<String>,
    /// Contributions this one builds on.
    links: Option<Vec<Uuid>>,
    /// The image card picked, in a photo_language activity.
    card: Option<String>,
}

#[derive(Serialize, ToSchema)]
pub struct PostedContribution {
    id: Uuid,
    /// The sequence number of the event that recorded it; it is durable when this answer arrives.
    seq: u64,
}

/// Post a contribution in an open activity.
#[utoipa::path(post, path = "/api/v1/workshops/{id}/contributions", operation_id = "postContribution", tag = "participants",
    params(("id" = Uuid, Path)),
    request_body = PostContributionRequest,
    responses((status = 201, description = "Recorded durably", body = PostedContribution),
              (status = 200, description = "Already recorded: a retry with the same `id`", body = PostedContribution),
              (status = 400, body = ErrorBody),
              (status = 401, body = ErrorBody), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody),
              (status = 409, description = "The `id` is taken by a different post", body = ErrorBody),
              (status = 422, description = "Refused: e.g. the activity is closed or the text empty", body = ErrorBody),
              (status = 429, body = ErrorBody)),
    security(("bearer" = [])))]
pub async fn post_contribution(
    State(app): State<AppState>,
    credentials: Credentials,
    ValidPath(id): ValidPath<Uuid>,
    ApiJson(body): ApiJson<PostContributionRequest>,
) -> Result<(StatusCode, Json<PostedContribution>), ApiError> {
    let ApiMember { actor, .. } = ApiMember::of(&app, &credentials, WorkshopId::from_uuid(id)).await?;
    if let Actor::Participant(participant) = actor {
        app.limits
            .post_per_participant
            .check(&participant.to_string())
            .map_err(|wait| ApiError::from(Failure::TooManyRequests(wait)))?;
    }
    let kind = match body.kind.as_deref() {
        None => None,
        Some(raw) => Some(
            ContributionKind::parse(raw)
                .ok_or_else(|| ApiError::from(Failure::BadRequest(format!("unknown kind `{raw}`"))))?,
        ),
    };
    let contribution_id = ContributionId::from_uuid(body.id.unwrap_or_else(Uuid::now_v7));
    let command = Command::PostContribution {
        contribution_id,
        activity_id: ActivityId::from_uuid(body.activity_id),
        kind,
        text: body.text,
        links: body.links.unwrap_or_default().into_iter().map(ContributionId::from_uuid).collect(),
        card: body.card,
        sheet: None,
    };
    let workshop = WorkshopId::from_uuid(id);
    let events = app.engine.execute(workshop, actor, command).await?;
    if let Some(event) = events.last() {
        return Ok((
            Answer::Created.status(),
            Json(PostedContribution { id: contribution_id.as_uuid(), seq: event.seq }),
        ));
    }
    // A retry of a post already recorded.
    let state = app.engine.state(workshop).await?;
    let seq = state.workshop.contribution(contribution_id).map_or(0, |contribution| contribution.seq);
    Ok((Answer::Ok.status(), Json(PostedContribution { id: contribution_id.as_uuid(), seq })))
}

/// A ballot in a vote, or scores of one item in an assessment. The shape follows the method the
/// facilitator chose for the activity: `dots`, `approval`, `scores` (score voting), `grades`
/// (majority judgment: 0 is the lowest grade, every item graded), `ranking` (plurality, Borda,
/// instant runoff, Copeland, Schulze, minimax: tiers best first, ties share a tier), `pairwise`
/// (Bradley–Terry: one comparison per call) or `assessment` (assess: 1 to 5 per criterion).
#[derive(Deserialize, ToSchema)]
#[serde(tag = "type", rename_all = "snake_case", deny_unknown_fields)]
pub enum BallotRequest {
    Dots { dots: std::collections::BTreeMap<Uuid, u32> },
    Approval { approved: Vec<Uuid> },
    Scores { scores: std::collections::BTreeMap<Uuid, i32> },
    Grades { grades: std::collections::BTreeMap<Uuid, u8> },
    Ranking { tiers: Vec<Vec<Uuid>> },
    Pairwise { winner: Uuid, loser: Uuid },
    Assessment { item: Uuid, scores: std::collections::BTreeMap<String, u8> },
}

impl BallotRequest {
    fn into_command(self, activity_id: ActivityId) -> Command {
        use converge_core::voting::Ballot;
        let id = ContributionId::from_uuid;
        let ballot = match self {
            BallotRequest::Assessment { item, scores } => {
                return Command::AssessItem { activity_id, item: id(item), scores };
            }
            BallotRequest::Dots { dots } => {
                Ballot::Dots { dots: dots.into_iter().map(|(item, n)| (id(item), n)).collect() }
            }
            BallotRequest::Approval { approved } => {
                Ballot::Approval { approved: approved.into_iter().map(id).collect() }
            }
            BallotRequest::Scores { scores } => {
                Ballot::Scores { scores: scores.into_iter().map(|(item, score)| (id(item), score)).collect() }
            }
            BallotRequest::Grades { grades } => {
                Ballot::Grades { grades: grades.into_iter().map(|(item, grade)| (id(item), grade)).collect() }
            }
            BallotRequest::Ranking { tiers } => {
                Ballot::Ranking { tiers: tiers.into_iter().map(|tier| tier.into_iter().map(id).collect()).collect() }
            }
            BallotRequest::Pairwise { winner, loser } => Ballot::Pairwise { winner: id(winner), loser: id(loser) },
        };
        Command::CastBallot { activity_id, ballot }
    }
}

#[derive(Serialize, ToSchema)]
pub struct BallotCast {
    /// The sequence number of the event that recorded it; absent when it changed nothing.
    seq: Option<u64>,
}

/// Cast or replace the caller's ballot while the activity is open.
#[utoipa::path(post, path = "/api/v1/workshops/{id}/activities/{activity_id}/ballots", operation_id = "castBallot",
    tag = "participants",
    params(("id" = Uuid, Path), ("activity_id" = Uuid, Path)),
    request_body = BallotRequest,
    responses((status = 201, description = "Recorded durably; it replaces the caller's previous ballot", body = BallotCast),
              (status = 200, description = "The same ballot as before: nothing changed", body = BallotCast),
              (status = 400, body = ErrorBody), (status = 401, body = ErrorBody), (status = 403, body = ErrorBody),
              (status = 404, body = ErrorBody),
              (status = 422, description = "Refused: e.g. overspent dots, a grade out of range, the vote closed", body = ErrorBody)),
    security(("bearer" = [])))]
pub async fn cast_ballot(
    State(app): State<AppState>,
    credentials: Credentials,
    ValidPath((id, activity_id)): ValidPath<(Uuid, Uuid)>,
    ApiJson(body): ApiJson<serde_json::Value>,
) -> Result<(StatusCode, Json<BallotCast>), ApiError> {
    let body: BallotRequest = decode(body)?;
    let ApiMember { actor, .. } = ApiMember::of(&app, &credentials, WorkshopId::from_uuid(id)).await?;
    let command = body.into_command(ActivityId::from_uuid(activity_id));
    let events = app.engine.execute(WorkshopId::from_uuid(id), actor, command).await?;
    match events.last() {
        Some(event) => Ok((Answer::Created.status(), Json(BallotCast { seq: Some(event.seq) }))),
        None => Ok((Answer::Ok.status(), Json(BallotCast { seq: None }))),
    }
}

/// The count of a vote or an assessment: ranking (tiers of item ids, ties share a tier), the
/// method's full result (scores, margins, tie-breaks, dispersion) and `frozen` when it is the
/// result recorded at close. It is read once the activity is closed, by everyone: a count
/// followed ballot by ballot would tell each ballot.
#[utoipa::path(get, path = "/api/v1/workshops/{id}/activities/{activity_id}/results", operation_id = "getResults",
    tag = "workshops",
    params(("id" = Uuid, Path), ("activity_id" = Uuid, Path)),
    responses((status = 200, description = "The results document", content_type = "application/json"),
              (status = 401, body = ErrorBody), (status = 404, body = ErrorBody),
              (status = 422, description = "Not a vote or an assessment, or still open", body = ErrorBody)),
    security(("bearer" = [])))]
pub async fn get_results(
    State(app): State<AppState>,
    _: ApiMember,
    ValidPath((id, activity_id)): ValidPath<(Uuid, Uuid)>,
) -> Result<Json<serde_json::Value>, ApiError> {
    let results = app
        .engine
        .results(WorkshopId::from_uuid(id), ActivityId::from_uuid(activity_id))
        .await?
        .ok_or_else(|| ApiError::from(converge_core::DomainError::WrongActivityKind))?;
    Ok(Json(results.to_value()))
}

/// Which part of the log an export holds.
#[derive(Debug, Default, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct ExportQuery {
    /// `closure`: the record up to the closing (what the closure report seals); refused while
    /// the workshop is open. Without it, the whole log, follow-up included.
    #[serde(default)]
    #[param(inline)]
    at: Option<ExportPart>,
}

#[derive(Debug, Clone, Copy, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum ExportPart {
    Closure,
}

/// The workshop's event log with its hash chain, as `converge verify` checks it: the whole log,
/// or with `at=closure` the record up to the closing.
#[utoipa::path(get, path = "/api/v1/workshops/{id}/export", operation_id = "exportWorkshop", tag = "workshops",
    params(("id" = Uuid, Path), ExportQuery),
    responses((status = 200, description = "The export (format converge-export-v1)", content_type = "application/json"),
              (status = 401, body = ErrorBody), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody),
              (status = 422, description = "`at=closure` while the workshop is open", body = ErrorBody)),
    security(("bearer" = [])))]
pub async fn export_workshop(
    State(app): State<AppState>,
    credentials: Credentials,
    ValidPath(id): ValidPath<Uuid>,
    ValidQuery(query): ValidQuery<ExportQuery>,
) -> Result<Response, ApiError> {
    let ApiMember { state, role, .. } = ApiMember::of(&app, &credentials, WorkshopId::from_uuid(id)).await?;
    if role != Role::Facilitator {
        return Err(ApiError::from(Failure::Forbidden));
    }
    let until = match query.at {
        None => u64::MAX,
        Some(ExportPart::Closure) => {
            state.workshop.closure_seq.ok_or_else(|| ApiError::from(converge_core::DomainError::WorkshopStillOpen))?
        }
    };
    let events = app.engine.log_until(WorkshopId::from_uuid(id), until).await?;
    let body = converge_report::export_json(id, &events);
    let suffix = if until == u64::MAX { "" } else { "-closure" };
    let disposition = format!("attachment; filename=\"converge-{id}{suffix}.json\"");
    Ok(([(header::CONTENT_TYPE, "application/json".to_owned()), (header::CONTENT_DISPOSITION, disposition)], body)
        .into_response())
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn a_whole_number_written_with_a_zero_fraction_is_taken_and_a_fraction_is_refused() {
        let item = Uuid::nil();
        let ballot: BallotRequest = decode(json!({"type": "dots", "dots": {item.to_string(): 3.0}}))
            .unwrap_or_else(|_| panic!("3.0 is the whole number 3"));
        assert!(matches!(ballot, BallotRequest::Dots { dots } if dots[&item] == 3));
        let refused = decode::<BallotRequest>(json!({"type": "dots", "dots": {item.to_string(): 2.5}}));
        assert!(refused.is_err(), "2.5 dots is not a number of dots");
        let negative = decode::<BallotRequest>(json!({"type": "grades", "grades": {item.to_string(): -1.0}}));
        assert!(negative.is_err(), "a grade is never negative");
    }
}
