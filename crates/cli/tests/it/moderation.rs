//! Moderation over HTTP: the facilitator hides a note with a reason (gone from the projection
//! and other phones, its author reads why), shows it again, corrects a typo (marked as edited,
//! the original kept in the record), removes spam; a participant corrects and deletes their own
//! note until the activity closes; a merge is undone. The API's operations do the same.

use converge_test_support::*;
use serde_json::json;

async fn screen(room: &mut Room) -> String {
    let answer = room.facilitator.get(&room.console("/screen")).await;
    assert_eq!(answer.status, 200, "{}", answer.body);
    answer.body
}

async fn phone(room: &mut Room, index: usize, activity: &str) -> String {
    let path = format!("/w/{}/a/{activity}", room.workshop);
    let answer = room.people[index].browser.get(&path).await;
    assert_eq!(answer.status, 200, "{}", answer.body);
    answer.body
}

async fn api(room: &Room, token: &str, path: &str, body: Option<serde_json::Value>) -> (u16, serde_json::Value) {
    let url = room.server.url(&format!("/api/v1/workshops/{}/contributions/{path}", room.workshop));
    let request = room.server.http.post(url).bearer_auth(token);
    let request = match body {
        Some(body) => request.json(&body),
        None => request,
    };
    let response = request.send().await.unwrap();
    let status = response.status().as_u16();
    (status, response.json().await.unwrap_or_default())
}

#[tokio::test]
async fn the_facilitator_hides_corrects_and_removes_and_the_room_sees_only_what_stays() {
    let mut room = Room::new("Modération").people(&[("Bea Dumont", "SPW"), ("Tom Leroy", "SPW")]).build().await;
    let challenges = room.add_activity("challenges", "Les défis", "").await;
    room.open(&challenges).await;
    room.facilitator.post_form(&room.console("/focus"), &[("activity_id", challenges.as_str())]).await;
    let offensive = room.post_note(0, &challenges, "Une remarque déplacée").await;
    let typo = room.post_note(1, &challenges, "Les délais sont trop courst").await;
    let spam = room.post_note(1, &challenges, "Achetez des montres").await;

    // Hiding takes a reason.
    let hide = room.console(&format!("/contributions/{offensive}/hide"));
    let refused = room.facilitator.post_form(&hide, &[("reason", " ")]).await;
    assert_eq!(refused.status, 422, "{}", refused.body);
    assert!(refused.body.contains("son auteur lira la raison"), "a worded refusal: {}", refused.body);
    let hidden = room.facilitator.post_form(&hide, &[("reason", "Propos blessants")]).await;
    assert_eq!(hidden.status, 303, "{}", hidden.body);

    let projected = screen(&mut room).await;
    assert!(!projected.contains("Une remarque déplacée"), "the screen no longer shows it");
    let other_phone = phone(&mut room, 1, &challenges).await;
    assert!(!other_phone.contains("Une remarque déplacée"), "nor do other phones");
    let author_phone = phone(&mut room, 0, &challenges).await;
    assert!(author_phone.contains("Une remarque déplacée") && author_phone.contains("Propos blessants"));
    let mine = room.people[0].browser.get(&format!("/w/{}/mine", room.workshop)).await;
    assert!(mine.body.contains("Propos blessants"), "my contributions say why: {}", mine.body);
    let console = room.facilitator.get(&room.console(&format!("/activities/{challenges}"))).await;
    assert!(console.body.contains("Notes masquées à la salle") && console.body.contains("Propos blessants"));

    // Shown again.
    let shown = room.facilitator.post_form(&room.console(&format!("/contributions/{offensive}/show")), &[]).await;
    assert_eq!(shown.status, 303);
    assert!(screen(&mut room).await.contains("Une remarque déplacée"));

    // A typo corrected: the page shows the new text, marked; the record keeps both.
    let edit = room.console(&format!("/contributions/{typo}/edit"));
    assert_eq!(room.facilitator.post_form(&edit, &[("text", "Les délais sont trop courts")]).await.status, 303);
    let projected = screen(&mut room).await;
    assert!(projected.contains("Les délais sont trop courts") && !projected.contains("courst"));
    assert!(projected.contains("(modifiée)"), "a discreet mark");
    let export = room
        .server
        .http
        .get(room.server.url(&format!("/api/v1/workshops/{}/export", room.workshop)))
        .bearer_auth(room.token())
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(export.contains("trop courst") && export.contains("contribution_edited"), "both versions in the record");

    // Spam removed: gone from every page and from the workshop's view.
    let remove = room.console(&format!("/contributions/{spam}/remove"));
    assert_eq!(room.facilitator.post_form(&remove, &[]).await.status, 303);
    assert!(!screen(&mut room).await.contains("Achetez des montres"));
    assert!(!phone(&mut room, 1, &challenges).await.contains("Achetez des montres"), "even its author's");
    let view = room.view().await;
    assert!(view["contributions"].as_array().unwrap().iter().all(|note| note["id"] != spam.as_str()));
}

#[tokio::test]
async fn a_participant_changes_their_own_note_until_the_activity_closes() {
    let mut room = Room::new("Mes notes").people(&[("Bea Dumont", "SPW"), ("Tom Leroy", "SPW")]).build().await;
    let challenges = room.add_activity("challenges", "Les défis", "").await;
    room.open(&challenges).await;
    let mine = room.post_note(0, &challenges, "Ma note avec une fote").await;
    let gone = room.post_note(0, &challenges, "Une note de trop").await;
    let workshop = room.workshop.clone();

    let page = phone(&mut room, 0, &challenges).await;
    assert!(page.contains("Modifier ma note"), "the author is offered to change it");
    assert!(!phone(&mut room, 1, &challenges).await.contains("Modifier ma note"), "nobody else");

    // Someone else's note: refused, in words.
    let theirs = room.people[1].browser.post_form(&format!("/w/{workshop}/notes/{mine}/edit"), &[("text", "x")]).await;
    assert_eq!(theirs.status, 403);
    assert!(theirs.body.contains("Seuls son auteur et l’animateur"), "{}", theirs.body);
    let (status, body) = api(&room, &room.people[1].token.clone(), &format!("{mine}/remove"), None).await;
    assert_eq!((status, body["error"]["code"].as_str()), (403, Some("not_your_contribution")));

    let path = format!("/w/{workshop}/notes/{mine}/edit");
    let edited = room.people[0].browser.post_form(&path, &[("text", "Ma note sans faute")]).await;
    assert_eq!(edited.status, 303, "{}", edited.body);
    let deleted = room.people[0].browser.post_form(&format!("/w/{workshop}/notes/{gone}/remove"), &[]).await;
    assert_eq!(deleted.status, 303, "{}", deleted.body);
    let page = phone(&mut room, 1, &challenges).await;
    assert!(page.contains("Ma note sans faute") && !page.contains("Une note de trop"));

    // Once the activity closes, the author's changes are refused with a reason.
    room.act(&challenges, "close", &[]).await;
    let (status, body) =
        api(&room, &room.people[0].token.clone(), &format!("{mine}/edit"), Some(json!({"text": "Trop tard"}))).await;
    assert_eq!((status, body["error"]["code"].as_str()), (422, Some("activity_not_open_for_changes")));
    let late = room.people[0].browser.post_form(&path, &[("text", "Trop tard")]).await;
    assert_eq!(late.status, 422);
    assert!(late.body.contains("L’activité est close"), "{}", late.body);
}

#[tokio::test]
async fn the_api_hides_shows_and_unmerges_and_a_merge_lists_every_note() {
    let mut room = Room::new("API de modération").people(&[("Bea Dumont", "SPW")]).build().await;
    let challenges = room.add_activity("challenges", "Les défis", "").await;
    room.open(&challenges).await;
    let kept = room.post_note(0, &challenges, "Simplifier les formulaires").await;
    let first = room.post_note(0, &challenges, "Des formulaires plus simples").await;
    let second = room.post_note(0, &challenges, "Moins de formulaires").await;
    let token = room.token().to_owned();

    let (status, body) = api(&room, &token, &format!("{first}/hide"), Some(json!({"reason": ""}))).await;
    assert_eq!((status, body["error"]["code"].as_str()), (422, Some("hide_reason_required")));
    let (status, body) = api(&room, &token, &format!("{first}/hide"), Some(json!({"reason": "Doublon"}))).await;
    assert_eq!(status, 200, "{body}");
    assert!(body["seq"].as_u64().is_some());
    let (status, _) = api(&room, &token, &format!("{first}/show"), None).await;
    assert_eq!(status, 200);
    let (status, _) =
        api(&room, &token, "01a25184-49c8-7475-a8b2-2bda7e51d5fe/hide", Some(json!({"reason": "x"}))).await;
    assert_eq!(status, 404, "an unknown note is missing");

    // The merge control preselects no target: the facilitator picks one.
    let console = room.facilitator.get(&room.console(&format!("/activities/{challenges}"))).await;
    assert!(
        console.body.contains(r#"<option value="" selected>— choisir la note gardée —</option>"#),
        "{}",
        console.body
    );
    // Two duplicates merged into the kept note: the card lists both, and counts two.
    for duplicate in [&first, &second] {
        let merge = room.console(&format!("/contributions/{duplicate}/merge"));
        assert_eq!(room.facilitator.post_form(&merge, &[("into", kept.as_str())]).await.status, 303);
    }
    let console = room.facilitator.get(&room.console(&format!("/activities/{challenges}"))).await;
    assert!(console.body.contains("2 notes fusionnées dans celle-ci"), "{}", console.body);
    assert!(console.body.contains("Des formulaires plus simples") && console.body.contains("Moins de formulaires"));

    let (status, _) = api(&room, &token, &format!("{first}/unmerge"), None).await;
    assert_eq!(status, 200);
    let (status, body) = api(&room, &token, &format!("{first}/unmerge"), None).await;
    assert_eq!((status, body["error"]["code"].as_str()), (422, Some("not_merged")));
    let view = room.view().await;
    let merged_into = |id: &str| {
        view["contributions"].as_array().unwrap().iter().find(|note| note["id"] == id).unwrap()["merged_into"].clone()
    };
    assert!(merged_into(&first).is_null(), "split back out");
    assert_eq!(merged_into(&second), json!(kept));
    let console = room.facilitator.get(&room.console(&format!("/activities/{challenges}"))).await;
    assert!(console.body.contains("1 note fusionnée dans celle-ci"), "{}", console.body);
}

/// The moderation a board offers for an item, on the facilitator's page of `activity`.
fn offers_moderation(page: &str, item: &str) -> bool {
    page.contains(&format!("/contributions/{item}/hide")) && page.contains(&format!("/contributions/{item}/remove"))
}

#[tokio::test]
async fn sorted_notes_brainwriting_ideas_and_risks_are_moderated_and_hidden_ones_leave_the_room_and_the_report() {
    let mut room = Room::new("Tableaux modérés")
        .people(&[("Bea Dumont", "SPW"), ("Tom Leroy", "SPW"), ("Léa Petit", "SPW"), ("Noé Roux", "SPW")])
        .build()
        .await;
    let workshop = room.workshop.clone();

    // The categorize board: its notes are its sources' (here a challenges activity).
    let challenges = room.add_activity("challenges", "Les défis", "").await;
    room.open(&challenges).await;
    room.post_note(0, &challenges, "Former les agents").await;
    let off_topic = room.post_note(1, &challenges, "Une remarque hors sujet").await;
    let categorize = room.add_activity("categorize", "Catégories", "").await;
    room.edit(
        &categorize,
        &[("title", "Catégories"), ("prompt", ""), ("source", challenges.as_str()), ("categories", "Culture\nOutils")],
    )
    .await;
    room.open(&categorize).await;
    let board_path = room.console(&format!("/activities/{categorize}"));
    let board = room.facilitator.get(&board_path).await.body;
    assert!(offers_moderation(&board, &off_topic), "the sorting board moderates its notes: {board}");
    assert!(
        board.contains(&format!("name=\"back_activity\" value=\"{categorize}\"")),
        "and comes back to the board, not the challenges' page"
    );
    let hide = room.console(&format!("/contributions/{off_topic}/hide"));
    let hidden =
        room.facilitator.post_form(&hide, &[("reason", "Hors sujet"), ("back_activity", categorize.as_str())]).await;
    assert_eq!((hidden.status, hidden.location.as_deref()), (303, Some(board_path.as_str())), "{}", hidden.body);
    let board = room.facilitator.get(&board_path).await.body;
    let sorting = board.split("hidden-notes-live").next().unwrap_or_default();
    assert!(!sorting.contains("Une remarque hors sujet"), "off the sorting board");
    assert!(board.contains("Notes masquées à la salle") && board.contains("Hors sujet"), "listed to show it again");
    let on_a_phone = phone(&mut room, 0, &categorize).await;
    assert!(!on_a_phone.contains("Une remarque hors sujet") && on_a_phone.contains("Former les agents"));
    room.facilitator.post_form(&room.console("/focus"), &[("activity_id", categorize.as_str())]).await;
    let projected = screen(&mut room).await;
    assert!(!projected.contains("Une remarque hors sujet") && projected.contains("Former les agents"));

    // A risk map: each risk is a note of its own activity.
    let risks = room.add_activity("risk_map", "Les risques", "").await;
    room.open(&risks).await;
    room.post_note(2, &risks, "Manque de coordination").await;
    let spam = room.post_note(3, &risks, "Achetez des montres").await;
    let risk_page = room.facilitator.get(&room.console(&format!("/activities/{risks}"))).await.body;
    assert!(offers_moderation(&risk_page, &spam), "the risk map moderates its risks: {risk_page}");
    let hide = room.console(&format!("/contributions/{spam}/hide"));
    let hidden = room.facilitator.post_form(&hide, &[("reason", "Publicité")]).await;
    assert_eq!(hidden.status, 303, "{}", hidden.body);
    room.facilitator.post_form(&room.console("/focus"), &[("activity_id", risks.as_str())]).await;
    let projected = screen(&mut room).await;
    assert!(!projected.contains("Achetez des montres") && projected.contains("Manque de coordination"));
    let author = phone(&mut room, 3, &risks).await;
    assert!(author.contains("Achetez des montres") && author.contains("Publicité"), "its author reads why");

    // Brainwriting: each idea written on a sheet.
    room.form_tables(4).await;
    let brainwriting = room.add_activity("brainwriting", "Des idées", "").await;
    room.open(&brainwriting).await;
    room.act(&brainwriting, "brainwriting-start", &[]).await;
    room.post_note(0, &brainwriting, "Une charte de la participation").await;
    let rude = room.post_note(1, &brainwriting, "Une idée blessante").await;
    let sheets = room.facilitator.get(&room.console(&format!("/activities/{brainwriting}"))).await.body;
    assert!(offers_moderation(&sheets, &rude), "the sheets moderate their ideas: {sheets}");
    let hide = room.console(&format!("/contributions/{rude}/hide"));
    assert_eq!(room.facilitator.post_form(&hide, &[("reason", "Propos blessants")]).await.status, 303);
    room.facilitator.post_form(&room.console("/focus"), &[("activity_id", brainwriting.as_str())]).await;
    let projected = screen(&mut room).await;
    assert!(!projected.contains("Une idée blessante") && projected.contains("Une charte de la participation"));

    // The report is made from what the room saw.
    let report = room.facilitator.get(&format!("/facilitator/workshops/{workshop}/report")).await;
    assert_eq!(report.status, 200, "{}", report.body);
    for gone in ["Une remarque hors sujet", "Achetez des montres", "Une idée blessante"] {
        assert!(!report.body.contains(gone), "the report leaves out {gone}");
    }
    for kept in ["Former les agents", "Manque de coordination", "Une charte de la participation"] {
        assert!(report.body.contains(kept), "the report keeps {kept}");
    }
}
