//! The facilitator directs the projection beyond the focus: one note full screen (from the
//! console or the API), the join panel large or off, the authors' names off the screen only.
//! What is asked is in the record, so every screen shows the same, and the spotlight goes when
//! the room moves on.

use converge_test_support::*;
use serde_json::json;

async fn screen(room: &mut Room) -> String {
    let answer = room.facilitator.get(&room.console("/screen")).await;
    assert_eq!(answer.status, 200, "{}", answer.body);
    answer.body
}

#[tokio::test]
async fn the_facilitator_spotlights_a_note_keeps_names_off_the_screen_and_sizes_the_join_panel() {
    let mut room = Room::new("Projection dirigée").people(&[("Bea Dumont", "SPW"), ("Tom Leroy", "SPW")]).build().await;
    let challenges = room.add_activity("challenges", "Les défis", "").await;
    let later = room.add_activity("challenges", "Plus tard", "").await;
    room.open(&challenges).await;
    let note = room.post_note(0, &challenges, "Les délais de décision sont trop courts").await;
    room.post_note(1, &challenges, "Le numérique sans règles claires").await;

    // A participant may not direct the screen; an unknown note is missing.
    let spotlight_url = room.server.url(&format!("/api/v1/workshops/{}/spotlight", room.workshop));
    let as_participant = room
        .server
        .http
        .post(&spotlight_url)
        .bearer_auth(&room.people[0].token)
        .json(&json!({"contribution_id": note}))
        .send()
        .await
        .unwrap();
    assert_eq!(as_participant.status(), 403);
    let unknown = room
        .server
        .http
        .post(&spotlight_url)
        .bearer_auth(room.token())
        .json(&json!({"contribution_id": "01a25184-49c8-7475-a8b2-2bda7e51d5fe"}))
        .send()
        .await
        .unwrap();
    assert_eq!(unknown.status(), 404);

    // Before: the board, with the named authors and the join code in a corner.
    let before = screen(&mut room).await;
    assert!(before.contains("Bea Dumont") && before.contains("data-join-code"), "{before}");
    assert!(!before.contains("data-spotlight"));

    let spotlit = room
        .server
        .http
        .post(&spotlight_url)
        .bearer_auth(room.token())
        .json(&json!({"contribution_id": note}))
        .send()
        .await
        .unwrap();
    assert_eq!(spotlit.status(), 200);
    let answer: serde_json::Value = spotlit.json().await.unwrap();
    assert_eq!(answer["contribution_id"], json!(note));
    assert!(answer["seq"].as_u64().is_some(), "{answer}");
    let full_screen = screen(&mut room).await;
    assert!(full_screen.contains(&format!("data-spotlight=\"{note}\"")), "{full_screen}");
    assert!(full_screen.contains("Les délais de décision"), "the spotlit note's text");
    assert!(!full_screen.contains("Le numérique sans règles"), "the board gives way to the spotlight");

    // Names off the screen: the note stays, its author goes; the console still shows her.
    let names = room.facilitator.post_form(&room.console("/projection/names"), &[("hidden", "true")]).await;
    assert_eq!(names.status, 303);
    let without_names = screen(&mut room).await;
    assert!(without_names.contains("Les délais de décision") && !without_names.contains("Bea Dumont"));
    let console = room.facilitator.get(&room.console(&format!("/activities/{challenges}"))).await;
    assert!(console.body.contains("Bea Dumont"), "the facilitator's board keeps the names");

    // The join panel off, then large.
    let hidden = room.facilitator.post_form(&room.console("/projection/join-panel"), &[("panel", "hidden")]).await;
    assert_eq!(hidden.status, 303);
    assert!(!screen(&mut room).await.contains("data-join-code"));
    room.facilitator.post_form(&room.console("/projection/join-panel"), &[("panel", "large")]).await;
    assert!(screen(&mut room).await.contains("data-join=\"full\""));
    let bad = room.facilitator.post_form(&room.console("/projection/join-panel"), &[("panel", "enorme")]).await;
    assert_eq!(bad.status, 400, "an unknown panel is refused: {}", bad.body);

    // From the console's board: the note's own button, and the way back to the board.
    let other = room.post_note(1, &challenges, "Une troisième note").await;
    let button = room
        .facilitator
        .post_form(
            &room.console("/projection/spotlight"),
            &[("contribution_id", &other), ("back_activity", &challenges)],
        )
        .await;
    assert_eq!(button.status, 303, "{}", button.body);
    assert_eq!(button.location.as_deref(), Some(room.console(&format!("/activities/{challenges}")).as_str()));
    assert!(screen(&mut room).await.contains(&format!("data-spotlight=\"{other}\"")));
    room.facilitator.post_form(&room.console("/projection/spotlight"), &[("back_activity", &challenges)]).await;
    assert!(!screen(&mut room).await.contains("data-spotlight"), "back to the board");
    room.facilitator.post_form(&room.console("/projection/spotlight"), &[("contribution_id", &note)]).await;

    // The room moves on: the spotlight goes with the focus.
    room.open(&later).await;
    let focus = room.facilitator.post_form(&room.console("/focus"), &[("activity_id", &later)]).await;
    assert_eq!(focus.status, 303);
    let moved_on = screen(&mut room).await;
    assert!(!moved_on.contains("data-spotlight"), "{moved_on}");
}
