//! The rest of the console's controls in the JSON API, the facilitator's alone: the agenda's
//! order and an activity's shortlist, sorting a note (its kind, its category, a duplicate merged),
//! seating the room (tables formed, one person seated, present or away) and who may still join
//! (joining locked, a new join code). Each sends the command the console's control sends, so the
//! record reads the same whichever was used; refusals have the API's one error shape.

use crate::AppState;
use crate::access::ApiMember;
use crate::api::decode;
use crate::auth::Credentials;
use crate::error::{ApiError, ErrorBody, Failure};
use crate::extract::{ApiJson, ValidPath};
use axum::Json;
use axum::extract::State;
use converge_core::config_limits::{TABLE_SIZE_MAX, TABLE_SIZE_MIN};
use converge_core::{
    ActivityId, Actor, Command, ContributionId, ContributionKind, DomainError, ParticipantId, WorkshopId,
};
use converge_engine::EngineError;
use converge_store::StoredEvent;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use uuid::Uuid;

/// What a control recorded: the sequence number of its last event; null when nothing changed.
#[derive(Serialize, ToSchema)]
pub struct Done {
    seq: Option<u64>,
}

fn done(events: &[StoredEvent]) -> Json<Done> {
    Json(Done { seq: events.last().map(|event| event.seq) })
}

/// Runs `command` in workshop `id` for the caller; an unknown activity, note or person named in
/// the path is a missing resource.
async fn control(
    app: &AppState,
    credentials: &Credentials,
    id: Uuid,
    command: Command,
) -> Result<Json<Done>, ApiError> {
    let workshop = WorkshopId::from_uuid(id);
    let ApiMember { actor, .. } = ApiMember::of(app, credentials, workshop).await?;
    let events = app.engine.execute(workshop, actor, command).await.map_err(not_found_if_unknown)?;
    Ok(done(&events))
}

fn not_found_if_unknown(error: EngineError) -> ApiError {
    ApiError::from(match error {
        EngineError::Domain(
            DomainError::UnknownActivity(_) | DomainError::UnknownContribution(_) | DomainError::UnknownParticipant(_),
        ) => Failure::NotFound,
        other => other.into(),
    })
}

/// The facilitator's account, for the controls the engine runs beside the log (seating, a new
/// join code); anyone else is refused as the domain refuses them.
fn facilitator_account(actor: &Actor) -> Result<converge_core::AccountId, ApiError> {
    match actor {
        Actor::Account(account) => Ok(*account),
        _ => Err(ApiError::from(DomainError::FacilitatorOnly)),
    }
}

#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ShortlistRequest {
    /// The items the activity is to work on, among those its sources offer; empty leaves it
    /// nothing. Replaces the shortlist as a whole.
    items: Vec<Uuid>,
}

/// Set the shortlist of an activity that takes "the facilitator's shortlist" from its sources,
/// until it first opens: what it will work on, recorded when it opens.
#[utoipa::path(post, path = "/api/v1/workshops/{id}/activities/{activity_id}/shortlist", operation_id = "setShortlist",
    tag = "facilitation",
    params(("id" = Uuid, Path), ("activity_id" = Uuid, Path)),
    request_body = ShortlistRequest,
    responses((status = 200, body = Done), (status = 400, body = ErrorBody), (status = 401, body = ErrorBody),
              (status = 403, body = ErrorBody), (status = 404, description = "No such workshop or activity", body = ErrorBody),
              (status = 422, description = "The activity takes no shortlist or has opened, an item its sources do not offer, or a closed workshop", body = ErrorBody)),
    security(("bearer" = [])))]
pub async fn set_shortlist(
    State(app): State<AppState>,
    credentials: Credentials,
    ValidPath((id, activity_id)): ValidPath<(Uuid, Uuid)>,
    ApiJson(body): ApiJson<serde_json::Value>,
) -> Result<Json<Done>, ApiError> {
    let body: ShortlistRequest = decode(body)?;
    let items = body.items.into_iter().map(ContributionId::from_uuid).collect();
    control(&app, &credentials, id, Command::SetShortlist { activity_id: ActivityId::from_uuid(activity_id), items })
        .await
}

#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct MoveActivityRequest {
    /// Its new place on the agenda, counted from 0: less than the number of activities.
    position: u32,
}

/// Move an activity to another place on the agenda.
#[utoipa::path(post, path = "/api/v1/workshops/{id}/activities/{activity_id}/move", operation_id = "moveActivity",
    tag = "facilitation",
    params(("id" = Uuid, Path), ("activity_id" = Uuid, Path)),
    request_body = MoveActivityRequest,
    responses((status = 200, body = Done), (status = 400, body = ErrorBody), (status = 401, body = ErrorBody),
              (status = 403, body = ErrorBody), (status = 404, description = "No such workshop or activity", body = ErrorBody),
              (status = 422, description = "A place past the agenda's end, a move that would put an activity before one it works on, or a closed workshop", body = ErrorBody)),
    security(("bearer" = [])))]
pub async fn move_activity(
    State(app): State<AppState>,
    credentials: Credentials,
    ValidPath((id, activity_id)): ValidPath<(Uuid, Uuid)>,
    ApiJson(body): ApiJson<serde_json::Value>,
) -> Result<Json<Done>, ApiError> {
    let body: MoveActivityRequest = decode(body)?;
    let command = Command::MoveActivity { activity_id: ActivityId::from_uuid(activity_id), position: body.position };
    control(&app, &credentials, id, command).await
}

#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct CategorizeRequest {
    /// The categorize activity sorting the note.
    activity_id: Uuid,
    /// The category's id on that board; null or absent takes the note out of its category.
    category: Option<u32>,
}

/// Sort a note into a category of a categorize board, or out of it. The room sorts too, where
/// the board lets it (as the phones do): a participant's token may.
#[utoipa::path(post, path = "/api/v1/workshops/{id}/contributions/{contribution_id}/categorize",
    operation_id = "categorizeContribution", tag = "facilitation",
    params(("id" = Uuid, Path), ("contribution_id" = Uuid, Path)),
    request_body = CategorizeRequest,
    responses((status = 200, body = Done), (status = 400, body = ErrorBody), (status = 401, body = ErrorBody),
              (status = 403, body = ErrorBody), (status = 404, description = "No such workshop, activity or contribution", body = ErrorBody),
              (status = 422, description = "Not a categorize activity, a note it does not sort, no such category, or a closed workshop", body = ErrorBody)),
    security(("bearer" = [])))]
pub async fn categorize_contribution(
    State(app): State<AppState>,
    credentials: Credentials,
    ValidPath((id, contribution_id)): ValidPath<(Uuid, Uuid)>,
    ApiJson(body): ApiJson<serde_json::Value>,
) -> Result<Json<Done>, ApiError> {
    let body: CategorizeRequest = decode(body)?;
    let command = Command::Categorize {
        activity_id: ActivityId::from_uuid(body.activity_id),
        contribution_id: ContributionId::from_uuid(contribution_id),
        category: body.category,
    };
    control(&app, &credentials, id, command).await
}

#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct MoveContributionRequest {
    /// The note's new kind, one its activity takes: another SWOT quadrant, say.
    #[schema(value_type = String)]
    kind: ContributionKind,
}

/// Move a note to another kind of its activity, e.g. from "weakness" to "threat".
#[utoipa::path(post, path = "/api/v1/workshops/{id}/contributions/{contribution_id}/move",
    operation_id = "moveContribution", tag = "facilitation",
    params(("id" = Uuid, Path), ("contribution_id" = Uuid, Path)),
    request_body = MoveContributionRequest,
    responses((status = 200, body = Done), (status = 400, body = ErrorBody), (status = 401, body = ErrorBody),
              (status = 403, body = ErrorBody), (status = 404, description = "No such workshop or contribution", body = ErrorBody),
              (status = 422, description = "A kind its activity does not take, or a closed workshop", body = ErrorBody)),
    security(("bearer" = [])))]
pub async fn move_contribution(
    State(app): State<AppState>,
    credentials: Credentials,
    ValidPath((id, contribution_id)): ValidPath<(Uuid, Uuid)>,
    ApiJson(body): ApiJson<serde_json::Value>,
) -> Result<Json<Done>, ApiError> {
    let body: MoveContributionRequest = decode(body)?;
    let command =
        Command::MoveContribution { contribution_id: ContributionId::from_uuid(contribution_id), kind: body.kind };
    control(&app, &credentials, id, command).await
}

#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct MergeContributionRequest {
    /// The note this one duplicates, of the same activity; it keeps its place and takes this
    /// one in (`unmergeContribution` splits it back out).
    into: Uuid,
}

/// Merge a note into another as a duplicate.
#[utoipa::path(post, path = "/api/v1/workshops/{id}/contributions/{contribution_id}/merge",
    operation_id = "mergeContribution", tag = "facilitation",
    params(("id" = Uuid, Path), ("contribution_id" = Uuid, Path)),
    request_body = MergeContributionRequest,
    responses((status = 200, body = Done), (status = 400, body = ErrorBody), (status = 401, body = ErrorBody),
              (status = 403, body = ErrorBody), (status = 404, description = "No such workshop or contribution", body = ErrorBody),
              (status = 422, description = "Notes of different activities or kinds, a note into itself, or a closed workshop", body = ErrorBody)),
    security(("bearer" = [])))]
pub async fn merge_contribution(
    State(app): State<AppState>,
    credentials: Credentials,
    ValidPath((id, contribution_id)): ValidPath<(Uuid, Uuid)>,
    ApiJson(body): ApiJson<serde_json::Value>,
) -> Result<Json<Done>, ApiError> {
    let body: MergeContributionRequest = decode(body)?;
    let command = Command::MergeContributions {
        into: ContributionId::from_uuid(body.into),
        merged: vec![ContributionId::from_uuid(contribution_id)],
    };
    control(&app, &credentials, id, command).await
}

#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct TablesRequest {
    /// How many people sit at a table, 2 to 12; people of one service are spread across tables.
    #[schema(minimum = 2, maximum = 12)]
    table_size: u32,
}

/// Seat the room at tables of a size: everyone present but the facilitators, people of one
/// service spread across tables.
#[utoipa::path(post, path = "/api/v1/workshops/{id}/tables", operation_id = "formTables", tag = "facilitation",
    params(("id" = Uuid, Path)),
    request_body = TablesRequest,
    responses((status = 200, body = Done), (status = 400, body = ErrorBody), (status = 401, body = ErrorBody),
              (status = 403, body = ErrorBody), (status = 404, body = ErrorBody),
              (status = 422, description = "A table size out of range, or a closed workshop", body = ErrorBody)),
    security(("bearer" = [])))]
pub async fn form_tables(
    State(app): State<AppState>,
    ApiMember { state, actor, .. }: ApiMember,
    ApiJson(body): ApiJson<serde_json::Value>,
) -> Result<Json<Done>, ApiError> {
    let body: TablesRequest = decode(body)?;
    let account = facilitator_account(&actor)?;
    if !(TABLE_SIZE_MIN..=TABLE_SIZE_MAX).contains(&body.table_size) {
        return Err(ApiError::from(DomainError::InvalidConfig { reason: "table_size" }));
    }
    let workshop = state.workshop.id;
    app.engine.seat_room(workshop, account, body.table_size as usize).await?;
    let seq = app.engine.state(workshop).await?.seq;
    Ok(Json(Done { seq: Some(seq) }))
}

#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct SeatRequest {
    /// The table, numbered from 0 as the record holds it; null or absent seats them at none.
    table: Option<u32>,
}

/// Seat one person at a table, or at none.
#[utoipa::path(post, path = "/api/v1/workshops/{id}/participants/{participant_id}/seat", operation_id = "seatParticipant",
    tag = "facilitation",
    params(("id" = Uuid, Path), ("participant_id" = Uuid, Path)),
    request_body = SeatRequest,
    responses((status = 200, body = Done), (status = 400, body = ErrorBody), (status = 401, body = ErrorBody),
              (status = 403, body = ErrorBody), (status = 404, description = "No such workshop or participant", body = ErrorBody),
              (status = 422, description = "No such table, or a closed workshop", body = ErrorBody)),
    security(("bearer" = [])))]
pub async fn seat_participant(
    State(app): State<AppState>,
    credentials: Credentials,
    ValidPath((id, participant_id)): ValidPath<(Uuid, Uuid)>,
    ApiJson(body): ApiJson<serde_json::Value>,
) -> Result<Json<Done>, ApiError> {
    let body: SeatRequest = decode(body)?;
    let command =
        Command::SeatParticipant { participant_id: ParticipantId::from_uuid(participant_id), table: body.table };
    control(&app, &credentials, id, command).await
}

#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct PresenceRequest {
    /// False: they have left the room (brainwriting passes their seat by, counts leave them
    /// out); true: they are back.
    present: bool,
}

/// Say that someone has left the room, or is back.
#[utoipa::path(post, path = "/api/v1/workshops/{id}/participants/{participant_id}/presence", operation_id = "setPresence",
    tag = "facilitation",
    params(("id" = Uuid, Path), ("participant_id" = Uuid, Path)),
    request_body = PresenceRequest,
    responses((status = 200, body = Done), (status = 400, body = ErrorBody), (status = 401, body = ErrorBody),
              (status = 403, body = ErrorBody), (status = 404, description = "No such workshop or participant", body = ErrorBody),
              (status = 422, description = "A closed workshop", body = ErrorBody)),
    security(("bearer" = [])))]
pub async fn set_presence(
    State(app): State<AppState>,
    credentials: Credentials,
    ValidPath((id, participant_id)): ValidPath<(Uuid, Uuid)>,
    ApiJson(body): ApiJson<serde_json::Value>,
) -> Result<Json<Done>, ApiError> {
    let body: PresenceRequest = decode(body)?;
    let command =
        Command::SetPresence { participant_id: ParticipantId::from_uuid(participant_id), present: body.present };
    control(&app, &credentials, id, command).await
}

#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct JoiningRequest {
    /// True: nobody new may join (those who joined come back as they like); false: joining is
    /// open again.
    locked: bool,
}

/// Lock joining, or open it again.
#[utoipa::path(post, path = "/api/v1/workshops/{id}/joining", operation_id = "setJoining", tag = "facilitation",
    params(("id" = Uuid, Path)),
    request_body = JoiningRequest,
    responses((status = 200, body = Done), (status = 400, body = ErrorBody), (status = 401, body = ErrorBody),
              (status = 403, body = ErrorBody), (status = 404, body = ErrorBody),
              (status = 422, description = "A closed workshop", body = ErrorBody)),
    security(("bearer" = [])))]
pub async fn set_joining(
    State(app): State<AppState>,
    ApiMember { state, actor, .. }: ApiMember,
    ApiJson(body): ApiJson<serde_json::Value>,
) -> Result<Json<Done>, ApiError> {
    let body: JoiningRequest = decode(body)?;
    let events = app.engine.execute(state.workshop.id, actor, Command::LockJoining { locked: body.locked }).await?;
    Ok(done(&events))
}

#[derive(Serialize, ToSchema)]
pub struct JoinCode {
    /// The new join code; the old one stops working at once.
    join_code: String,
}

/// Give the workshop a new join code, for one that went round too widely.
#[utoipa::path(post, path = "/api/v1/workshops/{id}/join-code", operation_id = "renewJoinCode", tag = "facilitation",
    params(("id" = Uuid, Path)),
    responses((status = 200, body = JoinCode), (status = 401, body = ErrorBody),
              (status = 403, body = ErrorBody), (status = 404, body = ErrorBody),
              (status = 422, description = "A closed workshop", body = ErrorBody)),
    security(("bearer" = [])))]
pub async fn renew_join_code(
    State(app): State<AppState>,
    ApiMember { state, actor, .. }: ApiMember,
) -> Result<Json<JoinCode>, ApiError> {
    let account = facilitator_account(&actor)?;
    let join_code = app.engine.rotate_join_code(state.workshop.id, account).await?;
    Ok(Json(JoinCode { join_code }))
}

/// Take an activity off the agenda; `undo` puts it back where it was.
#[utoipa::path(post, path = "/api/v1/workshops/{id}/activities/{activity_id}/remove", operation_id = "removeActivity",
    tag = "facilitation",
    params(("id" = Uuid, Path), ("activity_id" = Uuid, Path)),
    responses((status = 200, body = Done), (status = 401, body = ErrorBody),
              (status = 403, body = ErrorBody), (status = 404, description = "No such workshop or activity", body = ErrorBody),
              (status = 422, description = "An activity the room has worked in or others work on, or a closed workshop", body = ErrorBody)),
    security(("bearer" = [])))]
pub async fn remove_activity(
    State(app): State<AppState>,
    credentials: Credentials,
    ValidPath((id, activity_id)): ValidPath<(Uuid, Uuid)>,
) -> Result<Json<Done>, ApiError> {
    control(&app, &credentials, id, Command::RemoveActivity { activity_id: ActivityId::from_uuid(activity_id) }).await
}

/// Hand out a brainwriting's sheets: the room's tables (or tables of its size) and the first
/// round, timed. Until the first idea is written, starting again seats the room afresh.
#[utoipa::path(post, path = "/api/v1/workshops/{id}/activities/{activity_id}/brainwriting/start",
    operation_id = "startBrainwriting", tag = "facilitation",
    params(("id" = Uuid, Path), ("activity_id" = Uuid, Path)),
    responses((status = 200, body = Done), (status = 401, body = ErrorBody),
              (status = 403, body = ErrorBody), (status = 404, description = "No such workshop or activity", body = ErrorBody),
              (status = 422, description = "Not a brainwriting, ideas already written, or a closed workshop", body = ErrorBody)),
    security(("bearer" = [])))]
pub async fn start_brainwriting(
    State(app): State<AppState>,
    credentials: Credentials,
    ValidPath((id, activity_id)): ValidPath<(Uuid, Uuid)>,
) -> Result<Json<Done>, ApiError> {
    control(&app, &credentials, id, Command::StartBrainwriting { activity_id: ActivityId::from_uuid(activity_id) })
        .await
}

/// Pass a brainwriting's sheets on: the next round begins, its timer restarted.
#[utoipa::path(post, path = "/api/v1/workshops/{id}/activities/{activity_id}/brainwriting/next-round",
    operation_id = "nextRound", tag = "facilitation",
    params(("id" = Uuid, Path), ("activity_id" = Uuid, Path)),
    responses((status = 200, body = Done), (status = 401, body = ErrorBody),
              (status = 403, body = ErrorBody), (status = 404, description = "No such workshop or activity", body = ErrorBody),
              (status = 422, description = "Sheets not handed out, every sheet already round its table, or a closed workshop", body = ErrorBody)),
    security(("bearer" = [])))]
pub async fn next_round(
    State(app): State<AppState>,
    credentials: Credentials,
    ValidPath((id, activity_id)): ValidPath<(Uuid, Uuid)>,
) -> Result<Json<Done>, ApiError> {
    control(&app, &credentials, id, Command::NextRound { activity_id: ActivityId::from_uuid(activity_id) }).await
}

/// Take someone out of the room: they can no longer act in it; what they posted stays.
#[utoipa::path(post, path = "/api/v1/workshops/{id}/participants/{participant_id}/remove",
    operation_id = "removeParticipant", tag = "facilitation",
    params(("id" = Uuid, Path), ("participant_id" = Uuid, Path)),
    responses((status = 200, body = Done), (status = 401, body = ErrorBody),
              (status = 403, body = ErrorBody), (status = 404, description = "No such workshop or participant", body = ErrorBody),
              (status = 422, description = "The facilitator, or a closed workshop", body = ErrorBody)),
    security(("bearer" = [])))]
pub async fn remove_participant(
    State(app): State<AppState>,
    credentials: Credentials,
    ValidPath((id, participant_id)): ValidPath<(Uuid, Uuid)>,
) -> Result<Json<Done>, ApiError> {
    let command = Command::RemoveParticipant { participant_id: ParticipantId::from_uuid(participant_id) };
    control(&app, &credentials, id, command).await
}

#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct MergeParticipantRequest {
    /// The participant the one in the path is a duplicate of (someone who joined twice).
    into: Uuid,
}

/// Merge someone who joined twice into the one they are.
#[utoipa::path(post, path = "/api/v1/workshops/{id}/participants/{participant_id}/merge",
    operation_id = "mergeParticipant", tag = "facilitation",
    params(("id" = Uuid, Path), ("participant_id" = Uuid, Path)),
    request_body = MergeParticipantRequest,
    responses((status = 200, body = Done), (status = 400, body = ErrorBody), (status = 401, body = ErrorBody),
              (status = 403, body = ErrorBody), (status = 404, description = "No such workshop or participant", body = ErrorBody),
              (status = 422, description = "Someone into themselves, the facilitator, or a closed workshop", body = ErrorBody)),
    security(("bearer" = [])))]
pub async fn merge_participant(
    State(app): State<AppState>,
    credentials: Credentials,
    ValidPath((id, duplicate)): ValidPath<(Uuid, Uuid)>,
    ApiJson(body): ApiJson<serde_json::Value>,
) -> Result<Json<Done>, ApiError> {
    let body: MergeParticipantRequest = decode(body)?;
    let command = Command::MergeParticipant {
        duplicate: ParticipantId::from_uuid(duplicate),
        into: ParticipantId::from_uuid(body.into),
    };
    control(&app, &credentials, id, command).await
}
