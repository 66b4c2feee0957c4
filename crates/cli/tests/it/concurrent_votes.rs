//! One person, one counted ballot, however the requests race: a phone that retries fifty times
//! at once, or changes its mind fifty times at once, is counted once, with one of the ballots it
//! sent; and nothing is counted once the vote is closed.

use converge_test_support::*;
use serde_json::{Value, json};
use std::collections::BTreeMap;

const RACERS: usize = 50;

/// Sends every ballot at once; returns each answer's status and body.
async fn race(server: &Server, vote: &VoteRoom, token: &str, ballots: Vec<BTreeMap<String, u8>>) -> Vec<(u16, Value)> {
    let url = vote.ballots_url(server);
    let requests = ballots.into_iter().map(|grades| {
        let request = server.http.post(&url).bearer_auth(token).json(&json!({"type": "grades", "grades": grades}));
        async move {
            let response = request.send().await.unwrap();
            let status = response.status().as_u16();
            (status, response.json::<Value>().await.unwrap_or(Value::Null))
        }
    });
    futures_util::future::join_all(requests).await
}

/// The ballots recorded for the vote, by voter, as the export holds them: the last one of each
/// voter is the one that counts.
async fn recorded_ballots(server: &Server, data: &DataFolder, vote: &VoteRoom) -> Vec<(u64, BTreeMap<String, u8>)> {
    let export: Value = serde_json::from_str(&server.export(&data.token, &vote.workshop).await).unwrap();
    export["events"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|event| event["kind"] == "ballot_cast")
        .map(|event| {
            (
                event["seq"].as_u64().unwrap(),
                serde_json::from_value(event["payload"]["ballot"]["grades"].clone()).unwrap(),
            )
        })
        .collect()
}

/// The count, read as it can be: once the vote is closed.
async fn counted(server: &Server, data: &DataFolder, vote: &VoteRoom) -> Value {
    let close = server.url(&format!("/api/v1/workshops/{}/activities/{}/close", vote.workshop, vote.ballot_box));
    server.http.post(close).bearer_auth(&data.token).send().await.unwrap();
    let url = server.url(&format!("/api/v1/workshops/{}/activities/{}/results", vote.workshop, vote.ballot_box));
    let response = server.http.get(url).bearer_auth(&data.token).send().await.unwrap();
    assert_eq!(response.status(), 200);
    response.json().await.unwrap()
}

#[tokio::test]
async fn fifty_identical_ballots_at_once_are_recorded_once_and_counted_once() {
    let data = DataFolder::new();
    let server = spawn_app(&data);
    let vote = VoteRoom::open(&server, &data, "Vote en rafale", 3, 3).await;
    let voters = &vote.voters;

    let same = vote.grades(1);
    let answers = race(&server, &vote, &voters[1], vec![same.clone(); RACERS]).await;
    for (status, body) in &answers {
        assert!(*status == 201 || *status == 200, "a repeated ballot got {status}: {body}");
    }
    let recorded_now: Vec<_> = answers.iter().filter(|(status, _)| *status == 201).collect();
    assert_eq!(recorded_now.len(), 1, "the same ballot was recorded {} times", recorded_now.len());

    let recorded = recorded_ballots(&server, &data, &vote).await;
    assert_eq!(recorded.len(), 1);
    assert_eq!(recorded[0].1, same);
    assert_eq!(counted(&server, &data, &vote).await["n_ballots"], 1);
}

#[tokio::test]
async fn fifty_different_ballots_at_once_count_once_with_the_last_one_recorded() {
    let data = DataFolder::new();
    let server = spawn_app(&data);
    let vote = VoteRoom::open(&server, &data, "Vote en rafale", 3, 3).await;
    let voters = &vote.voters;

    // Another voter's ballot stays counted beside the racing one.
    let steady = vote.grades(4);
    assert_eq!(race(&server, &vote, &voters[2], vec![steady]).await[0].0, 201);

    // Fifty changes of mind, six distinct ballots among them: one that repeats the voter's
    // ballot of the moment records nothing (200), any other is recorded (201).
    let ballots: Vec<_> = (0..RACERS).map(|n| vote.grades(n)).collect();
    let answers = race(&server, &vote, &voters[1], ballots.clone()).await;
    let mut acknowledged = BTreeMap::new();
    for ((status, body), sent) in answers.iter().zip(&ballots) {
        match status {
            201 => {
                acknowledged.insert(body["seq"].as_u64().expect("a recorded ballot answers its seq"), sent.clone());
            }
            200 => {}
            _ => panic!("a ballot got {status}: {body}"),
        }
    }
    assert!(!acknowledged.is_empty());

    // Every acknowledged ballot is in the log at the seq it was answered with, and the voter's
    // counted ballot is the last of them.
    let recorded: BTreeMap<u64, BTreeMap<String, u8>> =
        recorded_ballots(&server, &data, &vote).await.into_iter().collect();
    for (seq, sent) in &acknowledged {
        assert_eq!(recorded.get(seq), Some(sent), "the ballot acknowledged at seq {seq} is not the one recorded there");
    }
    let results = counted(&server, &data, &vote).await;
    assert_eq!(results["n_ballots"], 2, "two voters, two counted ballots: {results}");
}

#[tokio::test]
async fn ballots_racing_the_close_are_either_counted_or_refused_never_both() {
    let data = DataFolder::new();
    let server = spawn_app(&data);
    let vote = VoteRoom::open(&server, &data, "Vote en rafale", 3, 3).await;
    let voters = &vote.voters;
    assert_eq!(race(&server, &vote, &voters[2], vec![vote.grades(2)]).await[0].0, 201);

    let close = {
        let url = server.url(&format!("/api/v1/workshops/{}/activities/{}/close", vote.workshop, vote.ballot_box));
        let request = server.http.post(url).bearer_auth(&data.token);
        async move { request.send().await.unwrap().status().as_u16() }
    };
    let ballots: Vec<_> = (0..RACERS).map(|n| vote.grades(n + 1)).collect();
    let (answers, closed) = tokio::join!(race(&server, &vote, &voters[1], ballots), close);
    assert_eq!(closed, 200);
    for (status, body) in &answers {
        assert!(matches!(status, 200 | 201 | 409 | 422), "a ballot racing the close got {status}: {body}");
        if *status >= 400 {
            assert!(body["error"]["message"].as_str().is_some_and(|message| !message.is_empty()), "no message: {body}");
        }
    }
    let voted_before_close = answers.iter().any(|(status, _)| *status == 201);
    let frozen = counted(&server, &data, &vote).await;
    assert_eq!(frozen["n_ballots"], if voted_before_close { 2 } else { 1 }, "{frozen}");

    // After the close, nothing more is counted.
    let late = race(&server, &vote, &voters[0], vec![vote.grades(5)]).await;
    assert!(late[0].0 >= 400, "a ballot after the close was accepted: {:?}", late[0]);
    assert_eq!(counted(&server, &data, &vote).await["n_ballots"], frozen["n_ballots"]);
}
