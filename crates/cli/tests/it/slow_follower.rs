//! A follower that stops reading while the room keeps voting (a phone in a pocket, a projector
//! on a slow network) while more events are appended than the live buffer holds; when it reads
//! again it gets every event it missed, once each and in order. Whether the socket buffers held
//! them or the follower fell behind the live buffer and read them from the log, nothing differs
//! for it.

use converge_test_support::*;
use serde_json::json;
use std::time::Duration;

const VOTERS: usize = 10;
/// Well past the live buffer of the workshop (1,024 events).
const BALLOTS_PER_VOTER: usize = 250;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_follower_far_behind_gets_every_event_once_and_in_order() {
    let data = DataFolder::new();
    let server = spawn_app(&data);
    let room = VoteRoom::open(&server, &data, "Lecteur lent", VOTERS, 3).await;
    let id = room.workshop.clone();
    let (start_seq, _) = log_head(&server, &data.token, &id).await;

    // The follower connects, then reads nothing while the room votes.
    let mut follower = server.events(&room.voters[1], &id, Some(start_seq)).await;
    let url = room.ballots_url(&server);
    let votes = room.voters.iter().enumerate().map(|(n, token)| {
        let (http, url, room) = (server.http.clone(), url.clone(), &room);
        async move {
            let mut recorded = 0;
            for i in 0..BALLOTS_PER_VOTER {
                // Consecutive ballots of a voter always differ, so each one is recorded.
                let body = json!({"type": "grades", "grades": room.grades(n + i)});
                let response = http.post(&url).bearer_auth(token).json(&body).send().await.unwrap();
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
