//! The rest of the console's controls through the API: the agenda's order and a shortlist,
//! sorting notes (kind, category, duplicates), seating the room and who may join; each records
//! what the console's control records, and refuses in the API's one error shape.

use converge_test_support::*;
use serde_json::{Value, json};

/// POSTs `body` (or nothing) to `path` with `token`: (status, JSON answer).
async fn post(server: &Server, token: &str, path: &str, body: Option<Value>) -> (u16, Value) {
    server.post_api(token, path, body).await
}

fn code(answer: &Value) -> &str {
    answer["error"]["code"].as_str().unwrap_or("?")
}

/// A note posted through the API by `token`: its id.
async fn note(room: &Room, token: &str, body: Value) -> String {
    let (status, posted) =
        post(&room.server, token, &format!("/api/v1/workshops/{}/contributions", room.workshop), Some(body)).await;
    assert_eq!(status, 201, "{posted}");
    str(&posted, "id").to_owned()
}

#[tokio::test]
async fn the_agenda_a_shortlist_and_sorting_through_the_api() {
    let room = Room::new("Hackathon")
        .from_template("smarter-democracy-hackathon")
        .people(&[("Alice Martin", "SPW"), ("Bruno Lambert", "SPW")])
        .build()
        .await;
    let (server, token, id) = (&room.server, room.token(), room.workshop.as_str());
    let api = |rest: &str| format!("/api/v1/workshops/{id}{rest}");
    let agenda = room.activities();
    let (swot, challenges, reformulation, priorities) =
        (room.activity("swot"), room.activity("challenges"), room.activity("reformulate"), room.activity("categorize"));
    let ideas = room.activity("brainwriting");
    let assessment = room.activity("assess");
    let alice = room.people[0].token.clone();

    // moveActivity: the challenges before the SWOT, and back; past the end, or before its own
    // source, refused.
    let (status, moved) =
        post(server, token, &api(&format!("/activities/{challenges}/move")), Some(json!({"position": 1}))).await;
    assert_eq!(status, 200, "{moved}");
    assert!(moved["seq"].as_u64().is_some());
    let order: Vec<String> = room.server.workshop(token, id).await["activities"]
        .as_array()
        .unwrap()
        .iter()
        .map(|activity| str(activity, "id").to_owned())
        .collect();
    assert_eq!(&order[1..3], [challenges.clone(), swot.clone()]);
    let (status, again) =
        post(server, token, &api(&format!("/activities/{challenges}/move")), Some(json!({"position": 1}))).await;
    assert_eq!((status, &again["seq"]), (200, &Value::Null), "already there: {again}");
    let (status, _) =
        post(server, token, &api(&format!("/activities/{challenges}/move")), Some(json!({"position": 2}))).await;
    assert_eq!(status, 200);
    let past = json!({"position": agenda.len()});
    let (status, refused) = post(server, token, &api(&format!("/activities/{challenges}/move")), Some(past)).await;
    assert_eq!((status, code(&refused)), (422, "position_out_of_range"), "{refused}");
    let (status, refused) =
        post(server, token, &api(&format!("/activities/{reformulation}/move")), Some(json!({"position": 0}))).await;
    assert_eq!((status, code(&refused)), (422, "invalid_config"), "before its source: {refused}");
    let (status, refused) =
        post(server, &alice, &api(&format!("/activities/{swot}/move")), Some(json!({"position": 0}))).await;
    assert_eq!(status, 403, "a participant: {refused}");
    let unknown = "00000000-0000-7000-8000-000000000000";
    let (status, _) =
        post(server, token, &api(&format!("/activities/{unknown}/move")), Some(json!({"position": 0}))).await;
    assert_eq!(status, 404);
    let (status, _) = post(server, token, &api(&format!("/activities/{swot}/move")), Some(json!({"place": 0}))).await;
    assert_eq!(status, 400, "an unknown field");

    // moveContribution and mergeContribution on the SWOT.
    server.open(token, id, &swot).await;
    let first = note(&room, &alice, json!({"activity_id": swot, "kind": "weakness", "text": "Peu de moyens"})).await;
    let second = note(&room, &alice, json!({"activity_id": swot, "kind": "threat", "text": "Peu de moyens !"})).await;
    let (status, moved) =
        post(server, token, &api(&format!("/contributions/{first}/move")), Some(json!({"kind": "threat"}))).await;
    assert_eq!(status, 200, "{moved}");
    let (status, refused) =
        post(server, token, &api(&format!("/contributions/{first}/move")), Some(json!({"kind": "idea"}))).await;
    assert_eq!(status, 422, "a kind the SWOT does not take: {refused}");
    let (status, refused) =
        post(server, token, &api(&format!("/contributions/{first}/move")), Some(json!({"kind": "nonsense"}))).await;
    assert_eq!(status, 400, "{refused}");
    let (status, merged) =
        post(server, token, &api(&format!("/contributions/{second}/merge")), Some(json!({"into": first}))).await;
    assert_eq!(status, 200, "{merged}");
    let (status, refused) =
        post(server, token, &api(&format!("/contributions/{first}/merge")), Some(json!({"into": first}))).await;
    assert_eq!((status, code(&refused)), (422, "invalid_merge"), "{refused}");
    let (status, _) =
        post(server, token, &api(&format!("/contributions/{unknown}/merge")), Some(json!({"into": first}))).await;
    assert_eq!(status, 404);

    // categorizeContribution: the reformulations sorted into the priorities' categories.
    server.open(token, id, &challenges).await;
    let challenge = note(&room, &alice, json!({"activity_id": challenges, "text": "Former les agents"})).await;
    server.open(token, id, &reformulation).await;
    let question = note(
        &room,
        &alice,
        json!({"activity_id": reformulation, "text": "Comment former les agents ?", "links": [challenge]}),
    )
    .await;
    server.open(token, id, &priorities).await;
    let sort = |category: Value| json!({"activity_id": priorities, "category": category});
    let (status, sorted) =
        post(server, token, &api(&format!("/contributions/{question}/categorize")), Some(sort(json!(1)))).await;
    assert_eq!(status, 200, "{sorted}");
    let (status, refused) =
        post(server, token, &api(&format!("/contributions/{question}/categorize")), Some(sort(json!(99)))).await;
    assert_eq!(status, 422, "no such category: {refused}");
    let (status, unsorted) =
        post(server, token, &api(&format!("/contributions/{question}/categorize")), Some(sort(Value::Null))).await;
    assert_eq!(status, 200, "{unsorted}");
    let wrong = json!({"activity_id": swot, "category": 0});
    let (status, refused) = post(server, token, &api(&format!("/contributions/{first}/categorize")), Some(wrong)).await;
    assert_eq!((status, code(&refused)), (422, "wrong_activity_kind"), "{refused}");

    // setShortlist on the assessment, before it opens; not on an activity taking everything.
    server.open(token, id, &ideas).await;
    let (status, started) = post(server, token, &api("/next-step"), Some(json!({"to": ideas, "round": 0}))).await;
    assert_eq!((status, &started["round"]), (200, &json!(0)), "the sheets handed out: {started}");
    let idea = note(&room, &alice, json!({"activity_id": ideas, "text": "Un budget participatif"})).await;
    let (status, set) =
        post(server, token, &api(&format!("/activities/{assessment}/shortlist")), Some(json!({"items": [idea]}))).await;
    assert_eq!(status, 200, "{set}");
    assert!(set["seq"].as_u64().is_some());
    let (status, again) =
        post(server, token, &api(&format!("/activities/{assessment}/shortlist")), Some(json!({"items": [idea]}))).await;
    assert_eq!((status, &again["seq"]), (200, &Value::Null));
    let (status, refused) =
        post(server, token, &api(&format!("/activities/{assessment}/shortlist")), Some(json!({"items": [first]})))
            .await;
    assert_eq!((status, code(&refused)), (422, "not_a_source"), "{refused}");
    let (status, refused) =
        post(server, token, &api(&format!("/activities/{swot}/shortlist")), Some(json!({"items": []}))).await;
    assert_eq!((status, code(&refused)), (422, "shortlist_locked"), "{refused}");
    let (status, refused) =
        post(server, &alice, &api(&format!("/activities/{assessment}/shortlist")), Some(json!({"items": []}))).await;
    assert_eq!(status, 403, "{refused}");
}

#[tokio::test]
async fn seating_the_room_and_who_may_join_through_the_api() {
    let room = Room::new("Atelier")
        .people(&[("Alice Martin", "SPW"), ("Bruno Lambert", "SPF"), ("Chloé Dubois", "SPW"), ("David Leroy", "SPF")])
        .build()
        .await;
    let (server, token, id) = (&room.server, room.token(), room.workshop.as_str());
    let api = |rest: &str| format!("/api/v1/workshops/{id}{rest}");
    let alice = room.people[0].token.clone();
    let tables_of = |view: &Value| -> Vec<Option<u64>> {
        view["participants"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|participant| participant["role"] != "facilitator")
            .map(|participant| participant["table"].as_u64())
            .collect()
    };

    // formTables: two tables of two; out of range, refused.
    let (status, formed) = post(server, token, &api("/tables"), Some(json!({"table_size": 2}))).await;
    assert_eq!(status, 200, "{formed}");
    let view = server.workshop(token, id).await;
    let mut tables = tables_of(&view);
    tables.sort();
    assert_eq!(tables, [Some(1), Some(1), Some(2), Some(2)], "{view}");
    let (status, refused) = post(server, token, &api("/tables"), Some(json!({"table_size": 1}))).await;
    assert_eq!((status, code(&refused)), (422, "invalid_config"), "{refused}");
    let (status, _) = post(server, &alice, &api("/tables"), Some(json!({"table_size": 2}))).await;
    assert_eq!(status, 403);

    // seatParticipant and setPresence on one person.
    let someone = view["participants"]
        .as_array()
        .unwrap()
        .iter()
        .find(|participant| participant["role"] != "facilitator")
        .map(|participant| str(participant, "id").to_owned())
        .unwrap();
    let seat = api(&format!("/participants/{someone}/seat"));
    let (status, seated) = post(server, token, &seat, Some(json!({"table": null}))).await;
    assert_eq!(status, 200, "{seated}");
    let view = server.workshop(token, id).await;
    let entry = |view: &Value| {
        view["participants"].as_array().unwrap().iter().find(|p| p["id"] == someone.as_str()).cloned().unwrap()
    };
    assert_eq!(entry(&view)["table"], Value::Null);
    let (status, seated) = post(server, token, &seat, Some(json!({"table": 1}))).await;
    assert_eq!(status, 200, "{seated}");
    assert_eq!(entry(&server.workshop(token, id).await)["table"], json!(2), "numbered from 1 in the view");
    let (status, refused) = post(server, token, &seat, Some(json!({"table": 7}))).await;
    assert_eq!(status, 422, "no such table: {refused}");
    let presence = api(&format!("/participants/{someone}/presence"));
    let (status, _) = post(server, token, &presence, Some(json!({"present": false}))).await;
    assert_eq!(status, 200);
    assert_eq!(entry(&server.workshop(token, id).await)["present"], json!(false));
    let (status, _) = post(server, token, &presence, Some(json!({"present": true}))).await;
    assert_eq!(status, 200);
    let nobody = "00000000-0000-7000-8000-000000000000";
    let (status, _) =
        post(server, token, &api(&format!("/participants/{nobody}/presence")), Some(json!({"present": true}))).await;
    assert_eq!(status, 404);

    // setJoining: locked, a newcomer is refused; open again, they join. renewJoinCode: the old
    // code stops working.
    let (status, locked) = post(server, token, &api("/joining"), Some(json!({"locked": true}))).await;
    assert_eq!(status, 200, "{locked}");
    let join = |code: &str, name: &str| json!({"join_code": code, "name": name, "service": "SPW"});
    let answer =
        server.http.post(server.url("/api/v1/join")).json(&join(&room.join_code, "Eve Martin")).send().await.unwrap();
    assert!(answer.status().is_client_error(), "joining is locked: {}", answer.status());
    let (status, _) = post(server, token, &api("/joining"), Some(json!({"locked": false}))).await;
    assert_eq!(status, 200);
    let (status, renewed) = post(server, token, &api("/join-code"), None).await;
    assert_eq!(status, 200, "{renewed}");
    let new_code = str(&renewed, "join_code").to_owned();
    assert_ne!(new_code, room.join_code);
    let answer =
        server.http.post(server.url("/api/v1/join")).json(&join(&room.join_code, "Eve Martin")).send().await.unwrap();
    assert!(answer.status().is_client_error(), "the old code: {}", answer.status());
    let answer =
        server.http.post(server.url("/api/v1/join")).json(&join(&new_code, "Eve Martin")).send().await.unwrap();
    assert_eq!(answer.status(), 200, "the new code");
    let (status, _) = post(server, &alice, &api("/join-code"), None).await;
    assert_eq!(status, 403);
    let (status, _) = post(server, &alice, &api("/joining"), Some(json!({"locked": true}))).await;
    assert_eq!(status, 403);
}

#[tokio::test]
async fn the_sheets_an_activity_removed_and_people_merged_or_removed_through_the_api() {
    let mut room = Room::new("Hackathon")
        .from_template("smarter-democracy-hackathon")
        .people(&[("Alice Martin", "SPW"), ("Bruno Lambert", "SPW"), ("Chloé Dubois", "SPW")])
        .build()
        .await;
    room.join("Alice Martin", "SPW").await;
    let (server, token, id) = (&room.server, room.token(), room.workshop.as_str());
    let api = |rest: &str| format!("/api/v1/workshops/{id}{rest}");
    let (ideas, swot, risks) = (room.activity("brainwriting"), room.activity("swot"), room.activity("risk_map"));
    let alice = room.people[0].token.clone();

    // Alice joined twice: the second merged into the first (before anything she did would make
    // it tell); Chloé taken out of the room.
    let view = server.workshop(token, id).await;
    let ids_of = |view: &Value, name: &str| -> Vec<String> {
        view["participants"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|participant| participant["name"] == name)
            .map(|participant| str(participant, "id").to_owned())
            .collect()
    };
    let alices = ids_of(&view, "Alice Martin");
    assert_eq!(alices.len(), 2, "{view}");
    let (status, refused) =
        post(server, token, &api(&format!("/participants/{}/merge", alices[1])), Some(json!({"into": alices[1]})))
            .await;
    assert_eq!(status, 422, "into themselves: {refused}");
    let (status, merged) =
        post(server, token, &api(&format!("/participants/{}/merge", alices[1])), Some(json!({"into": alices[0]})))
            .await;
    assert_eq!(status, 200, "{merged}");
    assert_eq!(ids_of(&server.workshop(token, id).await, "Alice Martin").len(), 1);
    let chloe = ids_of(&view, "Chloé Dubois").remove(0);
    let (status, removed) = post(server, token, &api(&format!("/participants/{chloe}/remove")), None).await;
    assert_eq!(status, 200, "{removed}");
    assert!(ids_of(&server.workshop(token, id).await, "Chloé Dubois").is_empty());
    let (status, _) = post(server, token, &api(&format!("/participants/{chloe}/remove")), None).await;
    assert_eq!(status, 404, "already out of the room");

    // The sheets: handed out, passed on until every sheet has been round its table.
    server.open(token, id, &ideas).await;
    let (status, refused) =
        post(server, token, &api(&format!("/activities/{ideas}/brainwriting/next-round")), None).await;
    assert_eq!((status, code(&refused)), (422, "brainwriting_not_started"), "{refused}");
    let (status, started) = post(server, token, &api(&format!("/activities/{ideas}/brainwriting/start")), None).await;
    assert_eq!(status, 200, "{started}");
    assert!(started["seq"].as_u64().is_some());
    let mut rounds = 1;
    loop {
        let (status, passed) =
            post(server, token, &api(&format!("/activities/{ideas}/brainwriting/next-round")), None).await;
        if status != 200 {
            assert_eq!((status, code(&passed)), (422, "brainwriting_complete"), "{passed}");
            break;
        }
        rounds += 1;
        assert!(rounds <= 12, "the rounds end");
    }
    assert!(rounds >= 2, "{rounds} rounds");
    let (status, refused) = post(server, token, &api(&format!("/activities/{swot}/brainwriting/start")), None).await;
    assert_eq!((status, code(&refused)), (422, "wrong_activity_kind"), "{refused}");
    let (status, _) = post(server, &alice, &api(&format!("/activities/{ideas}/brainwriting/start")), None).await;
    assert_eq!(status, 403);

    // An activity taken off the agenda; then it is no longer there.
    let before = server.workshop(token, id).await["activities"].as_array().unwrap().len();
    let (status, removed) = post(server, token, &api(&format!("/activities/{risks}/remove")), None).await;
    assert_eq!(status, 200, "{removed}");
    assert_eq!(server.workshop(token, id).await["activities"].as_array().unwrap().len(), before - 1);
    let (status, _) = post(server, token, &api(&format!("/activities/{risks}/remove")), None).await;
    assert_eq!(status, 404, "already removed");
}
