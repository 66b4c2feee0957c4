//! Live updates: one Server-Sent Events stream per workshop. Each event carries `id: <seq>`, so
//! a browser that lost the venue Wi-Fi reconnects with `Last-Event-ID` and receives exactly
//! what it missed, read back from the log.

use crate::AppState;
use crate::auth::Credentials;
use crate::error::{ApiError, ErrorBody, Failure};
use crate::extract::{ValidPath, ValidQuery};
use crate::i18n::Lang;
use axum::body::{Body, Bytes};
use axum::extract::State;
use axum::http::{HeaderMap, HeaderValue, header};
use axum::response::{IntoResponse, Response};
use converge_core::{Actor, ParticipantId, Role, WorkshopId};
use converge_engine::Engine;
use converge_store::StoredEvent;
use futures_util::Stream;
use serde::Deserialize;
use std::collections::VecDeque;
use std::convert::Infallible;
use std::sync::{Arc, Mutex};
use std::time::Duration;
use tokio::sync::broadcast;
use tokio_util::sync::CancellationToken;
use uuid::Uuid;

/// How many events one read of the backlog takes.
const BACKLOG_PAGE: usize = 500;

/// A stream sends every event already waiting in one write, up to this many events or bytes: a
/// busy room of a thousand phones costs a write per phone per burst, not per event, and one
/// write stays small enough not to hold the others back.
const CHUNK_EVENTS: usize = 64;
const CHUNK_BYTES: usize = 256 * 1024;

/// A quiet stream sends a comment this often, so that proxies and phones keep the connection.
const KEEP_ALIVE: Duration = Duration::from_secs(15);
const KEEP_ALIVE_COMMENT: &[u8] = b":\n\n";

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
    let headers = [
        (header::CONTENT_TYPE, HeaderValue::from_static("text/event-stream")),
        (header::CACHE_CONTROL, HeaderValue::from_static("no-cache")),
        // Reverse proxies must pass events through as they come.
        (header::HeaderName::from_static("x-accel-buffering"), HeaderValue::from_static("no")),
    ];
    Ok((headers, Body::from_stream(follower.into_chunks())).into_response())
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

/// Whether to wait for the next event or take only one already at hand.
#[derive(Clone, Copy)]
enum Wait {
    Yes,
    No,
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
    /// The body of the stream: each chunk holds the next event and every event already waiting
    /// behind it, or a keep-alive comment when nothing came for a while.
    fn into_chunks(self) -> impl Stream<Item = Result<Bytes, Infallible>> {
        // One timer per stream, pushed back after each chunk: pushing a timer later is cheap,
        // a new timer per chunk would cost a registration each.
        let keep_alive = Box::pin(tokio::time::sleep(KEEP_ALIVE));
        futures_util::stream::unfold(Some((self, keep_alive)), |state| async move {
            let (mut follower, mut keep_alive) = state?;
            // Waiting for the next event can stop at any await and start again: the follower
            // changes only once a log read or a broadcast receive has completed.
            let next = tokio::select! {
                next = follower.next_event(Wait::Yes) => next,
                () = keep_alive.as_mut() => {
                    keep_alive.as_mut().reset(tokio::time::Instant::now() + KEEP_ALIVE);
                    return Some((Ok(Bytes::from_static(KEEP_ALIVE_COMMENT)), Some((follower, keep_alive))));
                }
            };
            let (event, live) = next?;
            let mut chunk = String::new();
            let mut events = 1;
            let mut ended = follower.append(&mut chunk, event, live).await;
            while !ended && events < CHUNK_EVENTS && chunk.len() < CHUNK_BYTES {
                let Some((event, live)) = follower.next_event(Wait::No).await else { break };
                ended = follower.append(&mut chunk, event, live).await;
                events += 1;
            }
            keep_alive.as_mut().reset(tokio::time::Instant::now() + KEEP_ALIVE);
            Some((Ok(Bytes::from(chunk)), if ended { None } else { Some((follower, keep_alive)) }))
        })
    }

    /// Add an event to the chunk as this follower may see it; true when the stream ends with it.
    async fn append(&mut self, chunk: &mut String, event: Arc<StoredEvent>, live: bool) -> bool {
        self.after = event.seq;
        let views = if live {
            shared_views(&event, &self.engine).await
        } else {
            Arc::new(Views::of(&event, &self.engine).await)
        };
        frame_event(chunk, event.seq, views.for_viewer(self.viewer));
        // A deleted workshop's stream ends after telling its followers.
        event.kind == "workshop_deleted"
    }

    /// The next event to send, and whether it came live from the broadcast (shared by every
    /// follower) rather than from this follower's own read of the log. Without waiting, only an
    /// event already at hand: in the backlog, in the log, or received by the broadcast.
    async fn next_event(&mut self, wait: Wait) -> Option<(Arc<StoredEvent>, bool)> {
        loop {
            if let Some(event) = self.backlog.pop_front() {
                if event.seq > self.after {
                    return Some((Arc::new(event), false));
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
            let received = match wait {
                Wait::Yes => tokio::select! {
                    received = self.live.recv() => received,
                    () = self.shutdown.cancelled() => return None,
                },
                Wait::No if self.shutdown.is_cancelled() => return None,
                Wait::No => match self.live.try_recv() {
                    Ok(event) => Ok(event),
                    Err(broadcast::error::TryRecvError::Empty) => return None,
                    Err(broadcast::error::TryRecvError::Lagged(missed)) => {
                        Err(broadcast::error::RecvError::Lagged(missed))
                    }
                    Err(broadcast::error::TryRecvError::Closed) => Err(broadcast::error::RecvError::Closed),
                },
            };
            match received {
                Ok(event) if event.seq <= self.after => {}
                Ok(event) if event.seq == self.after + 1 => return Some((event, true)),
                // A gap: something was appended that this subscription did not see.
                Ok(_) | Err(broadcast::error::RecvError::Lagged(_)) => self.must_read_log = true,
                Err(broadcast::error::RecvError::Closed) => return None,
            }
        }
    }
}

/// An event's data as its followers may see it: the author of an anonymous contribution, the
/// voter of a ballot, and who drafted, edited, took a stance on or rated what are hidden from
/// everyone but themselves and the facilitator. The log and its export keep them; this is a
/// view, like the pages. Worked out once per event for all followers: there are only two views,
/// the whole event and the one with its subject hidden.
struct Views {
    whole: String,
    /// The data with the subject hidden, for everyone else; `None` when nothing is hidden.
    hidden: Option<String>,
    /// Who the event is about (author, voter...), who sees the whole event.
    subject: Option<ParticipantId>,
}

impl Views {
    async fn of(event: &StoredEvent, engine: &Engine) -> Views {
        let whole = event_data(event);
        let unhidden = |whole| Views { whole, hidden: None, subject: None };
        let field = match event.kind.as_str() {
            "contribution_posted" | "action_drafted" => "author",
            "ballot_cast" => "voter",
            "item_assessed" => "assessor",
            "action_edited" => "editor",
            "consensus_given" => "participant",
            "risk_rated" => "rater",
            _ => return unhidden(whole),
        };
        let Ok(mut payload) = serde_json::from_str::<serde_json::Value>(&event.payload) else { return unhidden(whole) };
        let subject =
            payload.get(field).and_then(|value| value.as_str()).and_then(|raw| raw.parse::<ParticipantId>().ok());
        if event.kind == "contribution_posted" {
            let anonymous = match (
                payload.get("activity_id").and_then(|v| v.as_str()),
                engine.state(event_workshop(event)).await,
            ) {
                (Some(activity), Ok(state)) => activity
                    .parse()
                    .ok()
                    .and_then(|activity| state.workshop.activity(activity).map(|activity| activity.config.anonymous))
                    .unwrap_or(true),
                // When in doubt, hide.
                _ => true,
            };
            if !anonymous {
                return unhidden(whole);
            }
        }
        let Some(object) = payload.as_object_mut() else { return unhidden(whole) };
        object.insert(field.to_owned(), serde_json::Value::Null);
        let hidden = event_data(&StoredEvent { payload: payload.to_string(), ..event.clone() });
        Views { whole, hidden: Some(hidden), subject }
    }

    fn for_viewer(&self, viewer: Viewer) -> &str {
        match &self.hidden {
            Some(hidden) if !viewer.sees_everyone && self.subject != viewer.participant => hidden,
            _ => &self.whole,
        }
    }
}

fn event_workshop(event: &StoredEvent) -> WorkshopId {
    WorkshopId::from_uuid(event.workshop)
}

/// How many recent live events keep their views. Followers of one workshop receive the same
/// event within moments of each other; a follower further behind works its views out again.
const SHARED_VIEWS: usize = 256;

/// The views of the latest live events, keyed by the broadcast's own allocation of the event (the
/// entry holds it, so the address cannot be reused meanwhile). A room of 2,000 phones would
/// otherwise parse and rewrite every event 2,000 times.
static RECENT_VIEWS: Mutex<VecDeque<(Arc<StoredEvent>, Arc<Views>)>> = Mutex::new(VecDeque::new());

async fn shared_views(event: &Arc<StoredEvent>, engine: &Engine) -> Arc<Views> {
    let cached = |recent: &VecDeque<(Arc<StoredEvent>, Arc<Views>)>| {
        recent.iter().rev().find(|(known, _)| Arc::ptr_eq(known, event)).map(|(_, views)| views.clone())
    };
    if let Some(views) = cached(&RECENT_VIEWS.lock().unwrap_or_else(|poisoned| poisoned.into_inner())) {
        return views;
    }
    let views = Arc::new(Views::of(event, engine).await);
    let mut recent = RECENT_VIEWS.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
    // Another follower may have worked them out meanwhile: keep one entry per event.
    if let Some(views) = cached(&recent) {
        return views;
    }
    if recent.len() == SHARED_VIEWS {
        recent.pop_front();
    }
    recent.push_back((event.clone(), views.clone()));
    views
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

/// One Server-Sent Event: its sequence number as `id`, then its data, one `data:` line per line
/// (the JSON has none, but a stray line break must not end the event early).
fn frame_event(chunk: &mut String, seq: u64, data: &str) {
    use std::fmt::Write;
    let _ = writeln!(chunk, "id: {seq}");
    for line in data.split(['\n', '\r']) {
        chunk.push_str("data: ");
        chunk.push_str(line);
        chunk.push('\n');
    }
    chunk.push('\n');
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_the_subject_and_the_facilitator_see_the_whole_event() {
        let (author, other) = (ParticipantId::from_uuid(Uuid::now_v7()), ParticipantId::from_uuid(Uuid::now_v7()));
        let views = Views { whole: "whole".into(), hidden: Some("hidden".into()), subject: Some(author) };
        let viewer = |participant, sees_everyone| Viewer { participant, sees_everyone };
        assert_eq!(views.for_viewer(viewer(Some(author), false)), "whole");
        assert_eq!(views.for_viewer(viewer(Some(other), false)), "hidden");
        assert_eq!(views.for_viewer(viewer(None, false)), "hidden");
        assert_eq!(views.for_viewer(viewer(Some(other), true)), "whole");
        let unhidden = Views { whole: "whole".into(), hidden: None, subject: Some(author) };
        assert_eq!(unhidden.for_viewer(viewer(Some(other), false)), "whole");
    }

    /// The events a browser's `EventSource` reads from a body: (last event id, data) per event.
    fn parse_events(body: &str) -> Vec<(String, String)> {
        let (mut events, mut id, mut data) = (Vec::new(), String::new(), Vec::new());
        for line in body.split('\n') {
            if line.is_empty() {
                if !data.is_empty() {
                    events.push((id.clone(), std::mem::take(&mut data).join("\n")));
                }
            } else if let Some(value) = line.strip_prefix("id: ") {
                id = value.to_owned();
            } else if let Some(value) = line.strip_prefix("data: ") {
                data.push(value.to_owned());
            } else {
                assert!(line.starts_with(':'), "unexpected line {line:?}");
            }
        }
        events
    }

    #[test]
    fn several_events_in_one_chunk_arrive_as_separate_events_with_their_ids() {
        let mut chunk = String::new();
        frame_event(&mut chunk, 41, r#"{"seq":41}"#);
        frame_event(&mut chunk, 42, r#"{"seq":42,"payload":{"text":"two words"}}"#);
        frame_event(&mut chunk, 43, "a stray\nline break");
        assert_eq!(
            parse_events(&chunk),
            [
                ("41".to_owned(), r#"{"seq":41}"#.to_owned()),
                ("42".to_owned(), r#"{"seq":42,"payload":{"text":"two words"}}"#.to_owned()),
                ("43".to_owned(), "a stray\nline break".to_owned()),
            ]
        );
        let keep_alive = std::str::from_utf8(KEEP_ALIVE_COMMENT).unwrap();
        assert_eq!(parse_events(&format!("{keep_alive}{chunk}")).len(), 3);
    }

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
