//! A small live workshop through the real server: create, join, post, follow live, resume,
//! restart, export and verify.

use converge_test_support::*;
use serde_json::Value;
use std::time::{Duration, Instant};

/// A workshop with its first activity open, Anne joined with the join code as shown and Bruno
/// with it in lower case (codes match whatever their case).
async fn room(server: &Server, facilitator: &str) -> ApiWorkshop {
    let mut room = server.workshop_with_people(facilitator, "Atelier démocratie 2029", &["Anne"]).await;
    let bruno = server.join(&room.join_code.to_lowercase(), "Bruno").await;
    room.people.push(str(&bruno, "token").to_owned());
    room
}

#[tokio::test]
async fn a_note_reaches_another_participant_live_within_a_second() {
    let data = DataFolder::new();
    let server = spawn_app(&data);
    let room = room(&server, &data.token).await;
    let bruno_view = server.workshop(&room.people[1], &room.id).await;
    let mut stream = server.events(&room.people[1], &room.id, Some(bruno_view["seq"].as_u64().unwrap())).await;

    let sent = Instant::now();
    let posted =
        server.post_note(&room.people[0], &room.id, &room.activities[0], "Une charte contre le civic washing").await;
    assert_eq!(posted.status(), 201);
    let posted: Value = posted.json().await.unwrap();

    let event = stream.next_within(Duration::from_secs(1)).await.expect("the note arrives within a second");
    assert!(sent.elapsed() < Duration::from_secs(1));
    assert_eq!(event.id, posted["seq"].as_u64().unwrap());
    assert_eq!(event.data["kind"], "contribution_posted");
    assert_eq!(event.data["payload"]["text"], "Une charte contre le civic washing");
    assert_eq!(event.data["payload"]["contribution_id"], posted["id"]);
}

#[tokio::test]
async fn a_client_resuming_with_last_event_id_gets_exactly_what_it_missed() {
    let data = DataFolder::new();
    let server = spawn_app(&data);
    let room = room(&server, &data.token).await;
    let mut first = server.events(&room.people[1], &room.id, None).await;
    let history = first.drain(Duration::from_millis(300)).await;
    let last_seen = history.last().unwrap().id;
    assert_eq!(history.iter().map(|event| event.id).collect::<Vec<_>>(), (1..=last_seen).collect::<Vec<_>>());
    drop(first);

    // Bruno's phone is off the Wi-Fi while three notes are posted.
    let mut missed = Vec::new();
    for text in ["Une communauté de pratique", "Former les agents à l'écoute", "Un cadre légal clair"] {
        let posted: Value =
            server.post_note(&room.people[0], &room.id, &room.activities[0], text).await.json().await.unwrap();
        missed.push(posted["seq"].as_u64().unwrap());
    }

    let mut resumed = server.events(&room.people[1], &room.id, Some(last_seen)).await;
    let caught_up = resumed.drain(Duration::from_millis(300)).await;
    assert_eq!(caught_up.iter().map(|event| event.id).collect::<Vec<_>>(), missed);
    assert_eq!(caught_up[2].data["payload"]["text"], "Un cadre légal clair");

    // And the stream goes on live after the catch-up.
    let posted: Value =
        server.post_note(&room.people[0], &room.id, &room.activities[0], "Et ensuite").await.json().await.unwrap();
    let live = resumed.next_within(Duration::from_secs(1)).await.unwrap();
    assert_eq!(live.id, posted["seq"].as_u64().unwrap());
}

#[tokio::test]
async fn a_killed_and_restarted_server_has_the_same_state_and_hashes() {
    let data = DataFolder::new();
    let server = Server::start(&data);
    let room = room(&server, &data.token).await;
    for n in 0..20 {
        let response = server.post_note(&room.people[0], &room.id, &room.activities[0], &format!("idée {n}")).await;
        assert_eq!(response.status(), 201);
    }
    let before = server.workshop(&data.token, &room.id).await;
    let export_before = server.export(&data.token, &room.id).await;
    server.kill();

    let server = Server::start(&data);
    let after = server.workshop(&data.token, &room.id).await;
    assert_eq!(after, before);
    assert_eq!(server.export(&data.token, &room.id).await, export_before);
    assert_eq!(after["contributions"].as_array().unwrap().len(), 20);
    // The participants' tokens survive the restart too.
    let response = server.post_note(&room.people[1], &room.id, &room.activities[0], "après le redémarrage").await;
    assert_eq!(response.status(), 201);
}

#[tokio::test]
async fn verify_accepts_a_fresh_export_and_rejects_any_changed_byte() {
    let data = DataFolder::new();
    let server = spawn_app(&data);
    let room = room(&server, &data.token).await;
    server.post_note(&room.people[0], &room.id, &room.activities[0], "Un budget participatif régional").await;
    let export = server.export(&data.token, &room.id).await;
    let file = data.path().join("export.json");
    std::fs::write(&file, &export).unwrap();
    let verified = converge(&["verify", file.to_str().unwrap()]);
    assert!(verified.status.success(), "{}", String::from_utf8_lossy(&verified.stdout));
    assert!(String::from_utf8_lossy(&verified.stdout).starts_with("OK"));

    // The CLI export is the same document as the API's.
    let cli_export = converge(&["export", &room.id, "--format", "json", "--data", data.path().to_str().unwrap()]);
    assert!(cli_export.status.success());
    assert_eq!(String::from_utf8(cli_export.stdout).unwrap().trim_end(), export);

    let bytes = export.as_bytes();
    for position in [bytes.len() / 3, bytes.len() / 2, bytes.len() - 10] {
        let mut changed = bytes.to_vec();
        changed[position] = if changed[position] == b'0' { b'1' } else { b'0' };
        std::fs::write(&file, &changed).unwrap();
        let rejected = converge(&["verify", file.to_str().unwrap()]);
        assert_eq!(rejected.status.code(), Some(1), "a change at byte {position} went unnoticed");
        assert!(String::from_utf8_lossy(&rejected.stdout).starts_with("BROKEN"));
    }
}

#[tokio::test]
async fn a_stream_resumed_past_the_end_starts_over_and_bad_positions_are_refused() {
    let data = DataFolder::new();
    let server = spawn_app(&data);
    let room = room(&server, &data.token).await;
    let head = server.workshop(&room.people[1], &room.id).await["seq"].as_u64().unwrap();
    // A phone that saw a later log (the server was restored from an older backup) gets it all again.
    let mut stream = server.events(&room.people[1], &room.id, Some(head + 50)).await;
    let replayed = stream.drain(Duration::from_millis(300)).await;
    assert_eq!(replayed.first().map(|event| event.id), Some(1));
    assert_eq!(replayed.last().map(|event| event.id), Some(head));

    let url = server.url(&format!("/api/v1/workshops/{}/events?after=soon", room.id));
    let refused = server.http.get(url).bearer_auth(&room.people[1]).send().await.unwrap();
    assert_eq!(refused.status(), 400);
    let body: Value = refused.json().await.unwrap();
    assert_eq!(body["error"]["code"], "bad_request");
}

#[tokio::test]
async fn a_deleted_workshop_ends_its_streams_and_opens_no_new_ones() {
    let data = DataFolder::new();
    let server = spawn_app(&data);
    let room = room(&server, &data.token).await;
    let head = server.workshop(&room.people[1], &room.id).await["seq"].as_u64().unwrap();
    let mut stream = server.events(&room.people[1], &room.id, Some(head)).await;
    let deleted = server
        .http
        .delete(server.url(&format!("/api/v1/workshops/{}", room.id)))
        .bearer_auth(&data.token)
        .send()
        .await
        .unwrap();
    assert_eq!(deleted.status(), 405, "deleting goes through the console, not the API");
    let body: Value = deleted.json().await.unwrap();
    assert_eq!(body["error"]["code"], "method_not_allowed");

    let mut browser = Browser::open(&server, "fr").await;
    browser.sign_in("ann@example.org", PASSWORD).await;
    let answer = browser.post_form(&format!("/facilitator/workshops/{}/delete", room.id), &[]).await;
    assert_eq!(answer.status, 303);
    let last = stream.next_within(Duration::from_secs(1)).await.expect("the deletion is announced");
    assert_eq!(last.data["kind"], "workshop_deleted");
    assert_eq!(stream.next_within(Duration::from_millis(300)).await, None, "the stream ended");

    let url = server.url(&format!("/api/v1/workshops/{}/events", room.id));
    let refused = server.http.get(url).bearer_auth(&room.people[1]).send().await.unwrap();
    assert_eq!(refused.status(), 404);
}

#[tokio::test]
async fn a_post_sent_again_with_its_id_is_recorded_once() {
    let data = DataFolder::new();
    let server = spawn_app(&data);
    let room = room(&server, &data.token).await;
    let id = "01900000-0000-7000-8000-000000000001";
    let send = |text: &'static str| {
        server
            .http
            .post(server.url(&format!("/api/v1/workshops/{}/contributions", room.id)))
            .bearer_auth(&room.people[0])
            .json(&serde_json::json!({"id": id, "activity_id": room.activities[0], "text": text}))
            .send()
    };
    let first = send("Une charte de la participation").await.unwrap();
    assert_eq!(first.status(), 201);
    let first: Value = first.json().await.unwrap();
    let again = send("Une charte de la participation").await.unwrap();
    assert_eq!(again.status(), 200, "a retry is accepted");
    let again: Value = again.json().await.unwrap();
    assert_eq!(again, first, "and answered with the first post's id and seq");
    let other = send("Autre chose").await.unwrap();
    assert_eq!(other.status(), 409);
    let state = server.workshop(&data.token, &room.id).await;
    assert_eq!(state["contributions"].as_array().unwrap().len(), 1);

    // A form sent twice (a double tap, a resubmitted page) also gives one note.
    let mut phone = Browser::open(&server, "fr").await;
    let code = state["join_code"].as_str().unwrap().to_owned();
    phone.join(&code, "Chloé").await;
    let page = phone.get(&format!("/w/{}/a/{}", room.id, room.activities[0])).await;
    let contribution_id =
        page.body.split("name=\"contribution_id\" value=\"").nth(1).unwrap().split('"').next().unwrap().to_owned();
    for _ in 0..2 {
        let answer = phone
            .post_form(
                &format!("/w/{}/a/{}/notes", room.id, room.activities[0]),
                &[("contribution_id", &contribution_id), ("text", "Former les agents")],
            )
            .await;
        assert_eq!(answer.status, 303);
    }
    let state = server.workshop(&data.token, &room.id).await;
    assert_eq!(state["contributions"].as_array().unwrap().len(), 2);
}

#[tokio::test]
async fn nobody_but_the_author_learns_who_wrote_an_anonymous_note() {
    let data = DataFolder::new();
    let server = spawn_app(&data);
    let room = room(&server, &data.token).await;
    let mut facilitator = Browser::open(&server, "fr").await;
    facilitator.sign_in("ann@example.org", PASSWORD).await;
    let edit = format!("/facilitator/workshops/{}/activities/{}/edit", room.id, room.activities[0]);
    let answer = facilitator.post_form(&edit, &[("title", "Défis"), ("prompt", ""), ("anonymous", "on")]).await;
    assert_eq!(answer.status, 303);
    let head = server.workshop(&room.people[1], &room.id).await["seq"].as_u64().unwrap();
    let mut bruno_stream = server.events(&room.people[1], &room.id, Some(head)).await;
    let posted = server.post_note(&room.people[0], &room.id, &room.activities[0], "Un avis sans nom").await;
    assert_eq!(posted.status(), 201);

    let event = bruno_stream.next_within(Duration::from_secs(1)).await.unwrap();
    assert_eq!(event.data["payload"]["text"], "Un avis sans nom");
    assert!(event.data["payload"].get("author").is_none(), "the stream names the author: {}", event.data);
    assert!(event.data.get("hash").is_none(), "the hash would let the author be guessed back: {}", event.data);
    let bruno_view = server.workshop(&room.people[1], &room.id).await;
    assert!(bruno_view["contributions"][0]["author"].is_null());
    let anne_view = server.workshop(&room.people[0], &room.id).await;
    assert!(anne_view["contributions"][0]["author"].is_string(), "the author sees their own note as theirs");
    let facilitator_view = server.workshop(&data.token, &room.id).await;
    assert!(
        facilitator_view["contributions"][0]["author"].is_null(),
        "the facilitator moderates the text, not the person"
    );
    // Anonymity is switched on at any time, but never off once notes were posted under it.
    let answer = facilitator.post_form(&edit, &[("title", "Défis"), ("prompt", "")]).await;
    assert_eq!(answer.status, 422, "{}", answer.body);
    assert!(answer.body.contains("l’anonymat ne peut plus être retiré"), "{}", answer.body);
    assert!(server.workshop(&room.people[0], &room.id).await["contributions"][0]["author"].is_string());
    assert!(server.workshop(&room.people[1], &room.id).await["contributions"][0]["author"].is_null());
}
