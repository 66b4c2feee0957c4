//! Live updates: one Server-Sent Events stream per workshop. Each event carries `id: <seq>`, so
//! a browser that lost the venue Wi-Fi reconnects with `Last-Event-ID` and receives exactly
//! what it missed, read back from the log.

use crate::AppState;
use crate::auth::Credentials;
use crate::error::{ApiError, ErrorBody, Failure};
use crate::extract::{ValidPath, ValidQuery};
use crate::i18n::Lang;
use axum::extract::State;
use axum::http::HeaderMap;
use axum::response::sse::{Event, KeepAlive, Sse};
use axum::response::{IntoResponse, Response};
use converge_core::{Actor, ParticipantId, Role, WorkshopId};
use converge_engine::Engine;
use converge_store::StoredEvent;
use futures_util::Stream;
use serde::Deserialize;
use std::collections::VecDeque;
use std::convert::Infallible;
use std::sync::Arc;
use tokio::sync::broadcast;
use tokio_util::sync::CancellationToken;
use uuid::Uuid;

/// How many events one read of the backlog takes.
const BACKLOG_PAGE: usize = 500;

#[derive(Deserialize)]
pub struct StreamQuery {
    /// Start after this sequence number when no `Last-Event-ID` is sent.
    after: Option<u64>,
}

/// Follow a workshop's events live.
#[utoipa::path(get, path = "/api/v1/workshops/{id}/events", operation_id = "streamEvents", tag = "workshops",
    params(("id" = Uuid, Path), ("after" = Option<u64>, Query, description = "Start after this sequence number"),
           ("Last-Event-ID" = Option<u64>, Header, description = "Resume after this sequence number; wins over `after`")),
    responses((status = 200, description = "An event stream; each event has `id: <seq>` and JSON data {seq, kind, recorded_at, hash, payload}",
               content_type = "text/event-stream"),
              (status = 401, body = ErrorBody), (status = 404, body = ErrorBody)),
    security(("bearer" = [])))]
pub async fn stream_events(
    State(app): State<AppState>,
    lang: Lang,
    credentials: Credentials,
    headers: HeaderMap,
    ValidPath(id): ValidPath<Uuid>,
    ValidQuery(query): ValidQuery<StreamQuery>,
) -> Result<Response, ApiError> {
    let id = WorkshopId::from_uuid(id);
    let state = app.engine.state(id).await.map_err(|error| ApiError::in_lang(error, lang))?;
    if state.workshop.deleted {
        return Err(ApiError::in_lang(Failure::NotFound, lang));
    }
    let (actor, role) = credentials.actor_in(&app, &state).map_err(|failure| {
        let failure = if matches!(failure, Failure::Forbidden) { Failure::NotFound } else { failure };
        ApiError::in_lang(failure, lang)
    })?;
    let viewer = Viewer {
        participant: match actor {
            Actor::Participant(participant) => Some(participant),
            Actor::Account(account) => state.workshop.facilitator_for(account).map(|participant| participant.id),
            Actor::Newcomer => None,
        },
        sees_everyone: role == Role::Facilitator,
    };
    let last_event_id =
        headers.get("last-event-id").and_then(|value| value.to_str().ok()).and_then(|raw| raw.trim().parse().ok());
    let requested = last_event_id.or(query.after).unwrap_or(0);
    // A position past the end (the database was restored from an older backup) would skip
    // whatever comes next; start again from the beginning instead.
    let after = if requested > state.seq { 0 } else { requested };
    // Subscribe before the first backlog read, so nothing falls between the two.
    let live = app.engine.subscribe(id).await.map_err(|error| ApiError::in_lang(error, lang))?;
    let follower = Follower {
        engine: app.engine.clone(),
        workshop: id,
        after,
        backlog: VecDeque::new(),
        must_read_log: true,
        live,
        shutdown: app.shutdown.clone(),
        viewer,
    };
    let mut response = Sse::new(follower.into_stream()).keep_alive(KeepAlive::default()).into_response();
    // Reverse proxies must pass events through as they come.
    response.headers_mut().insert("x-accel-buffering", axum::http::HeaderValue::from_static("no"));
    Ok(response)
}

struct Follower {
    engine: Engine,
    workshop: WorkshopId,
    /// The last sequence number sent.
    after: u64,
    backlog: VecDeque<StoredEvent>,
    /// True when the log may hold events not yet sent: at the start, after a gap or a lag.
    must_read_log: bool,
    live: broadcast::Receiver<Arc<StoredEvent>>,
    shutdown: CancellationToken,
    viewer: Viewer,
}

/// Who follows the stream, for what they may see of who did what.
#[derive(Clone, Copy)]
struct Viewer {
    participant: Option<ParticipantId>,
    /// The facilitator sees every author, for moderation; participants do not see the authors
    /// of anonymous contributions, nor who cast which ballot.
    sees_everyone: bool,
}

impl Follower {
    fn into_stream(self) -> impl Stream<Item = Result<Event, Infallible>> {
        futures_util::stream::unfold(Some(self), |follower| async move {
            let mut follower = follower?;
            let event = follower.next_event().await?;
            follower.after = event.seq;
            let sse = follower.redacted(&event).await;
            // A deleted workshop's stream ends after telling its followers.
            let next = if event.kind == "workshop_deleted" { None } else { Some(follower) };
            Some((Ok(sse), next))
        })
    }

    /// The event as this follower may see it: the author of an anonymous contribution, the
    /// voter of a ballot, and who drafted, edited, took a stance on or rated what are hidden from
    /// everyone but themselves and the facilitator. The log and its export keep them; this is a
    /// view, like the pages.
    async fn redacted(&self, event: &StoredEvent) -> Event {
        let field = match event.kind.as_str() {
            "contribution_posted" | "action_drafted" => "author",
            "ballot_cast" => "voter",
            "item_assessed" => "assessor",
            "action_edited" => "editor",
            "consensus_given" => "participant",
            "risk_rated" => "rater",
            _ => return to_sse(event),
        };
        if self.viewer.sees_everyone {
            return to_sse(event);
        }
        let Ok(mut payload) = serde_json::from_str::<serde_json::Value>(&event.payload) else { return to_sse(event) };
        let who = payload.get(field).and_then(|value| value.as_str()).and_then(|raw| raw.parse::<ParticipantId>().ok());
        let hidden = match event.kind.as_str() {
            "contribution_posted" => {
                let anonymous =
                    match (payload.get("activity_id").and_then(|v| v.as_str()), self.engine.state(self.workshop).await)
                    {
                        (Some(activity), Ok(state)) => activity
                            .parse()
                            .ok()
                            .and_then(|activity| {
                                state.workshop.activity(activity).map(|activity| activity.config.anonymous)
                            })
                            .unwrap_or(true),
                        // When in doubt, hide.
                        _ => true,
                    };
                anonymous && who != self.viewer.participant
            }
            _ => who != self.viewer.participant,
        };
        if hidden && let Some(object) = payload.as_object_mut() {
            object.insert(field.to_owned(), serde_json::Value::Null);
        }
        let shown = StoredEvent { payload: payload.to_string(), ..event.clone() };
        to_sse(&shown)
    }

    async fn next_event(&mut self) -> Option<StoredEvent> {
        loop {
            if let Some(event) = self.backlog.pop_front() {
                if event.seq > self.after {
                    return Some(event);
                }
                continue;
            }
            if self.must_read_log {
                match self.engine.events(self.workshop, self.after, BACKLOG_PAGE).await {
                    Ok(events) if events.is_empty() => self.must_read_log = false,
                    Ok(events) => self.backlog.extend(events),
                    Err(error) => {
                        tracing::warn!(%error, "ending a live stream: the log cannot be read");
                        return None;
                    }
                }
                continue;
            }
            let received = tokio::select! {
                received = self.live.recv() => received,
                () = self.shutdown.cancelled() => return None,
            };
            match received {
                Ok(event) if event.seq <= self.after => {}
                Ok(event) if event.seq == self.after + 1 => return Some(StoredEvent::clone(&event)),
                // A gap: something was appended that this subscription did not see.
                Ok(_) | Err(broadcast::error::RecvError::Lagged(_)) => self.must_read_log = true,
                Err(broadcast::error::RecvError::Closed) => return None,
            }
        }
    }
}

fn to_sse(event: &StoredEvent) -> Event {
    Event::default().id(event.seq.to_string()).data(event_data(event))
}

/// The JSON data of an event. The payload is already JSON and goes in as it is: a room of
/// followers costs one string per follower, not a parse and a serialisation each.
fn event_data(event: &StoredEvent) -> String {
    let quoted = |text: &str| serde_json::Value::from(text).to_string();
    format!(
        "{{\"seq\":{},\"kind\":{},\"recorded_at\":{},\"hash\":{},\"payload\":{}}}",
        event.seq,
        quoted(&event.kind),
        event.recorded_at,
        quoted(&event.hash),
        event.payload
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_event_data_is_the_json_clients_expect() {
        let event = StoredEvent {
            workshop: Uuid::nil(),
            seq: 7,
            kind: "contribution_posted".into(),
            payload: r#"{"text":"a \"quoted\" note","type":"contribution_posted"}"#.into(),
            recorded_at: 1_700_000_000_000,
            hash: "ab".repeat(32),
        };
        let expected = serde_json::json!({
            "seq": 7,
            "kind": "contribution_posted",
            "recorded_at": 1_700_000_000_000_i64,
            "hash": "ab".repeat(32),
            "payload": {"text": "a \"quoted\" note", "type": "contribution_posted"},
        });
        assert_eq!(serde_json::from_str::<serde_json::Value>(&event_data(&event)).unwrap(), expected);
    }
}
