//! A follower that stops reading while the room keeps voting (a phone in a pocket, a projector
//! on a slow network) while more events are appended than the live buffer holds; when it reads
//! again it gets every event it missed, once each and in order. Whether the socket buffers held
//! them or the follower fell behind the live buffer and read them from the log, nothing differs
//! for it.

mod support;

use serde_json::{Value, json};
use std::time::Duration;
use support::*;

const VOTERS: usize = 10;
/// Well past the live buffer of the workshop (1,024 events).
const BALLOTS_PER_VOTER: usize = 250;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_follower_far_behind_gets_every_event_once_and_in_order() {
    let data = DataFolder::new();
    let server = Server::start(&data);
    let response = server
        .http
        .post(server.url("/api/v1/workshops"))
        .bearer_auth(&data.token)
        .json(&json!({"title": "Lecteur lent", "template": "lessons-learned-retrospective"}))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 201);
    let workshop: Value = response.json().await.unwrap();
    let id = str(&workshop, "id").to_owned();
    let activity_of = |kind: &str| {
        let activities = workshop["activities"].as_array().unwrap();
        str(activities.iter().find(|activity| str(activity, "kind") == kind).unwrap(), "id").to_owned()
    };
    let (lessons, ballot_box) = (activity_of("swot"), activity_of("vote"));
    server.open(&data.token, &id, &lessons).await;
    let mut voters = Vec::new();
    for n in 0..VOTERS {
        voters.push(str(&server.join(str(&workshop, "join_code"), &format!("Votant {n}")).await, "token").to_owned());
    }
    let mut items = Vec::new();
    for n in 0..3 {
        let posted = server
            .http
            .post(server.url(&format!("/api/v1/workshops/{id}/contributions")))
            .bearer_auth(&voters[0])
            .json(&json!({"activity_id": lessons, "kind": "strength", "text": format!("Leçon {n}")}))
            .send()
            .await
            .unwrap();
        assert_eq!(posted.status(), 201);
        items.push(str(&posted.json::<Value>().await.unwrap(), "id").to_owned());
    }
    server.open(&data.token, &id, &ballot_box).await;
    let (start_seq, _) = log_head(&server, &data.token, &id).await;

    // The follower connects, then reads nothing while the room votes.
    let mut follower = server.events(&voters[1], &id, Some(start_seq)).await;
    let url = server.url(&format!("/api/v1/workshops/{id}/activities/{ballot_box}/ballots"));
    let votes = voters.iter().enumerate().map(|(n, token)| {
        let (http, url, items) = (server.http.clone(), url.clone(), items.clone());
        let token = token.clone();
        async move {
            let mut recorded = 0;
            for i in 0..BALLOTS_PER_VOTER {
                // Consecutive ballots of a voter always differ, so each one is recorded.
                let grades: serde_json::Map<String, Value> =
                    items.iter().enumerate().map(|(k, item)| (item.clone(), json!((n + i + k) % 6))).collect();
                let body = json!({"type": "grades", "grades": grades});
                let response = http.post(&url).bearer_auth(&token).json(&body).send().await.unwrap();
                assert_eq!(response.status(), 201, "{}", response.text().await.unwrap());
                recorded += 1;
            }
            recorded
        }
    });
    let recorded: usize = futures_util::future::join_all(votes).await.into_iter().sum();
    assert_eq!(recorded, VOTERS * BALLOTS_PER_VOTER);
    let (end_seq, _) = log_head(&server, &data.token, &id).await;
    assert_eq!(end_seq - start_seq, recorded as u64);

    // Now it reads: everything after where it started, each once, in order, nothing more.
    let mut expected = start_seq + 1;
    while expected <= end_seq {
        let event = follower
            .next_within(Duration::from_secs(30))
            .await
            .unwrap_or_else(|| panic!("the stream stopped at seq {} of {end_seq}", expected - 1));
        assert_eq!(event.id, expected, "the stream skipped or repeated an event");
        expected += 1;
    }
    assert!(follower.next_within(Duration::from_millis(500)).await.is_none(), "an event came twice");
}
