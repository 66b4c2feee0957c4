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
use std::sync::{Arc, Mutex};
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
            let (event, live) = follower.next_event().await?;
            follower.after = event.seq;
            let views = if live {
                shared_views(&event, &follower.engine).await
            } else {
                Arc::new(Views::of(&event, &follower.engine).await)
            };
            let sse = Event::default().id(event.seq.to_string()).data(views.for_viewer(follower.viewer));
            // A deleted workshop's stream ends after telling its followers.
            let next = if event.kind == "workshop_deleted" { None } else { Some(follower) };
            Some((Ok(sse), next))
        })
    }

    /// The next event to send, and whether it came live from the broadcast (shared by every
    /// follower) rather than from this follower's own read of the log.
    async fn next_event(&mut self) -> Option<(Arc<StoredEvent>, bool)> {
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
            let received = tokio::select! {
                received = self.live.recv() => received,
                () = self.shutdown.cancelled() => return None,
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
