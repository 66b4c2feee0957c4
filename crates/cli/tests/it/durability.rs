//! Nothing acknowledged is ever lost: the server is killed (SIGKILL) while many participants
//! are posting, and every post it acknowledged is there after the restart, exactly once, with
//! the hash chain intact.

use converge_test_support::*;
use serde_json::Value;
use std::collections::HashSet;
use std::sync::{Arc, Mutex};
use std::time::Duration;

#[tokio::test]
async fn every_post_acknowledged_before_a_kill_survives_the_restart() {
    let data = DataFolder::new();
    let server = Server::start(&data);
    let created = server.create_workshop(&data.token, "Résistance aux pannes").await;
    let workshop = str(&created, "id").to_owned();
    let activity = created["activities"][0]["id"].as_str().unwrap().to_owned();
    server.open(&data.token, &workshop, &activity).await;
    let mut tokens = Vec::new();
    for n in 0..20 {
        tokens.push(str(&server.join(str(&created, "join_code"), &format!("P{n}")).await, "token").to_owned());
    }

    let acknowledged: Arc<Mutex<Vec<String>>> = Arc::default();
    let base = server.base.clone();
    let mut posters = Vec::new();
    for (n, token) in tokens.into_iter().enumerate() {
        let (acknowledged, base, workshop, activity) =
            (acknowledged.clone(), base.clone(), workshop.clone(), activity.clone());
        posters.push(tokio::spawn(async move {
            let http = reqwest::Client::new();
            for i in 0..15 {
                let sent = http
                    .post(format!("{base}/api/v1/workshops/{workshop}/contributions"))
                    .bearer_auth(&token)
                    .json(&serde_json::json!({"activity_id": activity, "text": format!("note {n}-{i}")}))
                    .send()
                    .await;
                let Ok(response) = sent else { return };
                if response.status() != 201 {
                    return;
                }
                let Ok(body) = response.json::<Value>().await else { return };
                acknowledged.lock().unwrap().push(str(&body, "id").to_owned());
            }
        }));
    }
    // Kill while posts are in flight: after a good share were acknowledged, before all were.
    while acknowledged.lock().unwrap().len() < 120 {
        tokio::time::sleep(Duration::from_millis(2)).await;
    }
    server.kill();
    for poster in posters {
        let _ = poster.await;
    }
    let acknowledged: Vec<String> = acknowledged.lock().unwrap().clone();
    assert!(acknowledged.len() < 300, "the kill came after every post: the test proved nothing");

    let server = Server::start(&data);
    let state = server.workshop(&data.token, &workshop).await;
    let stored: Vec<&str> = state["contributions"].as_array().unwrap().iter().map(|c| str(c, "id")).collect();
    let unique: HashSet<&str> = stored.iter().copied().collect();
    assert_eq!(unique.len(), stored.len(), "a contribution is stored twice");
    for id in &acknowledged {
        assert!(unique.contains(id.as_str()), "acknowledged contribution {id} was lost");
    }
    let export = server.export(&data.token, &workshop).await;
    let file = data.path().join("after-kill.json");
    std::fs::write(&file, export).unwrap();
    let verified = converge(&["verify", file.to_str().unwrap()]);
    assert!(verified.status.success(), "{}", String::from_utf8_lossy(&verified.stdout));
}

#[tokio::test]
async fn a_second_server_on_the_same_data_folder_is_refused_clearly() {
    let data = DataFolder::new();
    let _first = Server::start(&data);
    let second = converge(&["serve", "--bind", "127.0.0.1:0", "--data", data.path().to_str().unwrap()]);
    assert_eq!(second.status.code(), Some(2));
    let message = String::from_utf8_lossy(&second.stderr);
    assert!(message.contains("another `converge serve` is already using"), "{message}");
}
