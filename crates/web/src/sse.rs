//! Live updates: one Server-Sent Events stream per workshop. Each event carries `id: <seq>`, so
//! a browser that lost the venue Wi-Fi reconnects with `Last-Event-ID` and receives exactly
//! what it missed, read back from the log.

use crate::AppState;
use crate::access::ApiMember;
use crate::auth::Credentials;
use crate::error::{ApiError, ErrorBody, Failure};
use crate::extract::{ValidPath, ValidQuery};
use crate::live_kinds::EventKinds;
use axum::body::{Body, Bytes};
use axum::extract::State;
use axum::http::{HeaderMap, HeaderValue, header};
use axum::response::{IntoResponse, Response};
use converge_core::{Actor, Audience, Disclosure, Event, WorkshopId};
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
    /// The token of the projection screen's address without sign-in: the stream as the room
    /// reads it, for a screen opened by that address.
    screen: Option<String>,
}

/// Follow a workshop's events live.
#[utoipa::path(get, path = "/api/v1/workshops/{id}/events", operation_id = "streamEvents", tag = "workshops",
    params(("id" = Uuid, Path), ("after" = Option<u64>, Query, description = "Start after this sequence number"),
           ("Last-Event-ID" = Option<u64>, Header, description = "Resume after this sequence number; wins over `after`"),
           ("screen" = Option<String>, Query, description = "The token of the projection screen's address without sign-in (the last part of `screen_url`): the stream as the room reads it, with no other credentials; it ends when the address is renewed or revoked")),
    responses((status = 200, description = "An event stream; each event has `id: <seq>` and JSON data {seq, kind, recorded_at, hash, payload}. The payload is what the caller's pages show: who acted in confidence, individual ballots, scores and ratings are left out. The record's hash comes to the facilitator only, with the events sent whole",
               content_type = "text/event-stream"),
              (status = 401, body = ErrorBody), (status = 404, body = ErrorBody)),
    // A bearer token, or none with the screen's token (`screen`).
    security(("bearer" = []), ()))]
pub async fn stream_events(
    State(app): State<AppState>,
    credentials: Credentials,
    headers: HeaderMap,
    ValidPath(id): ValidPath<Uuid>,
    ValidQuery(query): ValidQuery<StreamQuery>,
) -> Result<Response, ApiError> {
    let id = WorkshopId::from_uuid(id);
    let (state, viewer) = match &query.screen {
        // A screen opened by its address reads as the room does, until the address changes.
        Some(token) => {
            let state = app.engine.workshop_for_screen_token(id, token).await?.ok_or(Failure::NotFound)?;
            let viewer = Viewer { audience: Audience::Room, participant: None, screen_link_since: Some(state.seq) };
            (state, viewer)
        }
        None => {
            let ApiMember { state, actor, role } = ApiMember::of(&app, &credentials, id).await?;
            let participant = match actor {
                Actor::Participant(participant) => Some(participant.to_string()),
                Actor::Account(_) | Actor::Newcomer => None,
            };
            (state, Viewer { audience: Audience::of(role), participant, screen_link_since: None })
        }
    };
    let last_event_id =
        headers.get("last-event-id").and_then(|value| value.to_str().ok()).and_then(|raw| raw.trim().parse().ok());
    let requested = last_event_id.or(query.after).unwrap_or(0);
    // A position past the end (the database was restored from an older backup) would skip
    // whatever comes next; start again from the beginning instead.
    let after = if requested > state.seq { 0 } else { requested };
    // Subscribe before the first backlog read, so nothing falls between the two.
    let live = app.engine.subscribe(id).await?;
    let follower = Follower {
        engine: app.engine.clone(),
        workshop: id,
        after,
        backlog: VecDeque::new(),
        must_read_log: true,
        live,
        shutdown: app.shutdown.clone(),
        viewer,
        recent_views: app.recent_views.clone(),
    };
    let headers = [
        (header::CONTENT_TYPE, HeaderValue::from_static("text/event-stream")),
        (header::CACHE_CONTROL, HeaderValue::from_static("no-cache")),
        // Reverse proxies must pass events through as they come.
        (header::HeaderName::from_static("x-accel-buffering"), HeaderValue::from_static("no")),
    ];
    Ok((headers, Body::from_stream(follower.into_chunks())).into_response())
}

/// The events after which a stream ends: the workshop is gone.
pub(crate) const ENDS_EVERY_STREAM: EventKinds = EventKinds(&["workshop_deleted"]);

/// The events after which the stream of the participant they name ends: they are no longer
/// in the workshop as themselves.
pub(crate) const ENDS_THE_PARTICIPANTS_STREAM: EventKinds = EventKinds(&["participant_removed", "participant_merged"]);

/// The events after which a stream followed by the projection screen's address ends: the
/// address it was opened with no longer works (renewed or revoked).
pub(crate) const ENDS_A_SCREEN_LINKS_STREAM: EventKinds = EventKinds(&["screen_link_issued", "screen_link_revoked"]);

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
    recent_views: RecentViews,
}

/// Whether to wait for the next event or take only one already at hand.
#[derive(Clone, Copy)]
enum Wait {
    Yes,
    No,
}

/// Who follows the stream, for what they may read of it.
#[derive(Clone)]
struct Viewer {
    audience: Audience,
    /// The participant following, whose stream ends if the facilitator removes them.
    participant: Option<String>,
    /// For a screen following by its address without sign-in: the position at which the address
    /// was checked. Any change of the address recorded after it ends the stream.
    screen_link_since: Option<u64>,
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
            shared_views(&self.recent_views, &event, &self.engine).await
        } else {
            Arc::new(Views::of(&event, &self.engine).await)
        };
        frame_event(chunk, event.seq, views.for_viewer(&self.viewer));
        // A deleted workshop's stream ends after telling its followers, and a removed or merged
        // participant's after telling them (a merged one's page comes back as the person), and a
        // screen's opened by an address that was renewed or revoked since (its page, fetched
        // again, is then a 404).
        ENDS_EVERY_STREAM.0.contains(&event.kind.as_str())
            || (ENDS_THE_PARTICIPANTS_STREAM.0.contains(&event.kind.as_str())
                && self.viewer.participant.as_deref().is_some_and(|participant| event.payload.contains(participant)))
            || (ENDS_A_SCREEN_LINKS_STREAM.0.contains(&event.kind.as_str())
                && self.viewer.screen_link_since.is_some_and(|since| event.seq > since))
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

/// An event's data as each audience may read it, by the one rule of `Event::disclosure`: who
/// acted in confidence is read by nobody (not the facilitator either), individual ballots,
/// scores and ratings by nobody, stances and objection reasons by the facilitator only. The log
/// and its export keep everything; this is a view, like the pages. The record's hashes go to
/// the facilitator only, and only with events sent whole: with a hash, a hidden field could be
/// guessed and checked against it, or against the next event's hash that chains it (on records
/// kept before pseudonyms, a participant id is a guess among a room). Worked out once per
/// event for all its followers: there are only two audiences.
struct Views {
    facilitator: String,
    room: String,
}

impl Views {
    async fn of(event: &StoredEvent, engine: &Engine) -> Views {
        let parsed = serde_json::from_str::<Event>(&event.payload).ok();
        let state = engine.state(event_workshop(event)).await.ok();
        let view = |audience| match (&parsed, &state) {
            (Some(parsed), Some(state)) => {
                disclosed_data(event, parsed.disclosure(&state.workshop, audience), audience == Audience::Facilitator)
            }
            // When in doubt, only that something happened.
            _ => disclosed_data(event, Disclosure::Only(&[]), false),
        };
        Views { facilitator: view(Audience::Facilitator), room: view(Audience::Room) }
    }

    fn for_viewer(&self, viewer: &Viewer) -> &str {
        match viewer.audience {
            Audience::Facilitator => &self.facilitator,
            Audience::Room => &self.room,
        }
    }
}

/// The JSON data of an event as `disclosure` lets it be read: whole, with its hash when
/// `with_hash`; or with fields left out, and never with the hash.
fn disclosed_data(event: &StoredEvent, disclosure: Disclosure, with_hash: bool) -> String {
    if disclosure == Disclosure::Whole && with_hash {
        return event_data(event);
    }
    let mut payload =
        serde_json::from_str::<serde_json::Map<String, serde_json::Value>>(&event.payload).unwrap_or_default();
    payload.retain(|field, _| {
        field == "type"
            || match disclosure {
                Disclosure::Whole => true,
                Disclosure::Without(hidden) => !hidden.contains(&field.as_str()),
                Disclosure::Only(shown) => shown.contains(&field.as_str()),
            }
    });
    payload.insert("type".to_owned(), serde_json::Value::from(event.kind.as_str()));
    serde_json::json!({
        "seq": event.seq,
        "kind": event.kind,
        "recorded_at": event.recorded_at,
        "payload": payload,
    })
    .to_string()
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
/// One per server, in [`crate::AppState`].
#[derive(Clone, Default)]
pub struct RecentViews(Arc<Mutex<VecDeque<ViewsOfEvent>>>);

/// A live event and its views.
type ViewsOfEvent = (Arc<StoredEvent>, Arc<Views>);

async fn shared_views(recent_views: &RecentViews, event: &Arc<StoredEvent>, engine: &Engine) -> Arc<Views> {
    let cached = |recent: &VecDeque<ViewsOfEvent>| {
        recent.iter().rev().find(|(known, _)| Arc::ptr_eq(known, event)).map(|(_, views)| views.clone())
    };
    if let Some(views) = cached(&recent_views.0.lock().unwrap_or_else(|poisoned| poisoned.into_inner())) {
        return views;
    }
    let views = Arc::new(Views::of(event, engine).await);
    let mut recent = recent_views.0.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
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
    fn what_is_left_out_takes_the_hash_with_it() {
        let event = StoredEvent {
            workshop: Uuid::nil(),
            seq: 3,
            kind: "ballot_cast".into(),
            payload: r#"{"activity_id":"a","ballot":{"type":"dots"},"type":"ballot_cast","voter":"v"}"#.into(),
            recorded_at: 5,
            hash: "cd".repeat(32),
        };
        let read =
            |disclosure| serde_json::from_str::<serde_json::Value>(&disclosed_data(&event, disclosure, true)).unwrap();
        assert_eq!(read(Disclosure::Whole)["hash"], "cd".repeat(32));
        let room: serde_json::Value = serde_json::from_str(&disclosed_data(&event, Disclosure::Whole, false)).unwrap();
        assert!(room.get("hash").is_none() && room["payload"]["voter"] == "v", "whole, without the hash");
        let only = read(Disclosure::Only(&["activity_id"]));
        assert_eq!(only["payload"], serde_json::json!({"activity_id": "a", "type": "ballot_cast"}));
        assert!(only.get("hash").is_none());
        let without = read(Disclosure::Without(&["voter"]));
        assert_eq!(
            without["payload"],
            serde_json::json!({"activity_id": "a", "ballot": {"type": "dots"}, "type": "ballot_cast"})
        );
        assert!(without.get("hash").is_none());
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
