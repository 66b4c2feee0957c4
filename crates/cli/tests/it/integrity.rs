//! The record is the truth, through the real binary: a brainwriting idea is never filed on a
//! sheet its writer did not see, and a closed workshop's record ends where its closure says.

use converge_test_support::*;
use serde_json::Value;

/// The value of the hidden field `name` in a page.
fn hidden(html: &str, name: &str) -> Option<String> {
    let at = html.find(&format!("name=\"{name}\" value=\""))?;
    let rest = &html[at..];
    let start = rest.find("value=\"")? + "value=\"".len();
    let end = rest[start..].find('"')?;
    Some(rest[start..start + end].to_owned())
}

/// Voter `voter` of the room grades every item through the API.
async fn cast_grades(server: &Server, room: &VoteRoom, voter: usize) {
    let ballot = serde_json::json!({"type": "grades", "grades": room.grades(voter)});
    let cast =
        server.http.post(room.ballots_url(server)).bearer_auth(&room.voters[voter]).json(&ballot).send().await.unwrap();
    assert_eq!(cast.status(), 201, "{}", cast.text().await.unwrap());
}

fn texts(state: &Value) -> Vec<String> {
    state["contributions"].as_array().unwrap().iter().map(|c| str(c, "text").to_owned()).collect()
}

#[tokio::test]
async fn an_idea_written_before_the_sheets_turn_is_refused_with_its_text_never_filed_elsewhere() {
    let data = DataFolder::new();
    let server = spawn_app(&data);
    let created = server.create_from_template(&data.token, "Atelier", "smarter-democracy-hackathon").await;
    let workshop = str(&created, "id").to_owned();
    let brainwriting = activity_of(&created, "brainwriting");
    let mut phones = Vec::new();
    for name in ["Ana", "Ben", "Chloé"] {
        let mut phone = Browser::open(&server, "fr").await;
        phone.join(str(&created, "join_code"), name).await;
        phones.push(phone);
    }
    server.open(&data.token, &workshop, &brainwriting).await;
    let mut console = Browser::open(&server, "fr").await;
    console.sign_in("ann@example.org", PASSWORD).await;
    let actions = format!("/facilitator/workshops/{workshop}/activities/{brainwriting}");
    assert_eq!(console.post_form(&format!("{actions}/brainwriting-start"), &[]).await.status, 303);

    // Ana's phone shows her sheet of round 1; while she types, the facilitator passes the sheets.
    let page = format!("/w/{workshop}/a/{brainwriting}");
    let shown = phones[0].get(&page).await;
    let field = |name: &str| hidden(&shown.body, name).unwrap_or_else(|| panic!("no {name} in {}", shown.body));
    let (table, sheet, round, id) =
        (field("sheet_table"), field("sheet"), field("sheet_round"), field("contribution_id"));
    assert_eq!(round, "0");
    assert_eq!(console.post_form(&format!("{actions}/next-round"), &[]).await.status, 303);

    let typed = "Un guichet unique pour les démarches";
    let fields = [
        ("contribution_id", id.as_str()),
        ("sheet_table", table.as_str()),
        ("sheet", sheet.as_str()),
        ("sheet_round", round.as_str()),
        ("text", typed),
    ];
    let refused = phones[0].post_form(&format!("{page}/notes"), &fields).await;
    assert_eq!(refused.status, 422, "{}", refused.body);
    assert!(refused.body.contains("Les feuilles ont tourné pendant que vous écriviez"), "{}", refused.body);
    assert!(refused.body.contains(typed), "the typed idea is kept: {}", refused.body);
    assert!(!texts(&server.workshop(&data.token, &workshop).await).contains(&typed.to_owned()));

    // Sent again from the page she now sees, it goes on the sheet in front of her.
    let now = hidden(&refused.body, "sheet_round").unwrap();
    assert_eq!(now, "1");
    let id = hidden(&refused.body, "contribution_id").unwrap();
    let fields = [
        ("contribution_id", id.as_str()),
        ("sheet_table", &hidden(&refused.body, "sheet_table").unwrap()),
        ("sheet", &hidden(&refused.body, "sheet").unwrap()),
        ("sheet_round", now.as_str()),
        ("text", typed),
    ];
    let posted = phones[0].post_form(&format!("{page}/notes"), &fields).await;
    assert_eq!(posted.status, 303, "{}", posted.body);
    let state = server.workshop(&data.token, &workshop).await;
    let filed: Vec<&Value> = state["contributions"].as_array().unwrap().iter().filter(|c| c["text"] == typed).collect();
    assert_eq!(filed.len(), 1);
}

#[tokio::test]
async fn the_closure_report_seals_the_record_and_verify_checks_it_against_that_head() {
    let data = DataFolder::new();
    let server = Server::start(&data);
    let room = VoteRoom::open(&server, &data, "Atelier de clôture", 3, 4).await;
    for voter in 0..3 {
        cast_grades(&server, &room, voter).await;
    }
    // Closing through the API while the vote runs: the answer is where the record ends.
    let closed = server
        .http
        .post(server.url(&format!("/api/v1/workshops/{}/close", room.workshop)))
        .bearer_auth(&data.token)
        .send()
        .await
        .unwrap();
    assert_eq!(closed.status(), 200);
    let closure: Value = closed.json().await.unwrap();
    let head = str(&closure, "head_hash").to_owned();
    let (seq, logged) = log_head(&server, &data.token, &room.workshop).await;
    assert_eq!((closure["seq"].as_u64().unwrap(), head.as_str()), (seq, logged.as_str()));
    let state = server.workshop(&data.token, &room.workshop).await;
    let vote = state["activities"].as_array().unwrap().iter().find(|a| a["id"] == room.ballot_box.as_str()).unwrap();
    assert_eq!(vote["status"], "closed");
    assert_eq!(state["closed_at"], closure["closed_at"], "the workshop says when it was closed");
    // Closing again answers the same closure and appends nothing.
    let again: Value = server
        .http
        .post(server.url(&format!("/api/v1/workshops/{}/close", room.workshop)))
        .bearer_auth(&data.token)
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(again, closure);
    assert_eq!(log_head(&server, &data.token, &room.workshop).await.0, seq);
    // The join page says so before anyone types a name, and offers what is left: resuming.
    let mut phone = Browser::open(&server, "fr").await;
    let join = phone.get(&format!("/join?code={}", room.join_code)).await;
    assert!(join.body.contains("Cet atelier est clôturé"), "{}", join.body);
    assert!(join.body.contains("id=\"resume-form\"") && !join.body.contains("id=\"join-form\""), "{}", join.body);

    let folder = data.path().to_str().unwrap().to_owned();
    let out = tempfile::tempdir().unwrap();
    let path = |name: &str| out.path().join(name).to_str().unwrap().to_owned();
    let report = |name: &str, extra: &[&str]| {
        let mut args = vec!["report", room.workshop.as_str(), "--format", "html", "--out", name, "--data", &folder];
        args.extend_from_slice(extra);
        let written = converge(&args);
        assert!(written.status.success(), "{}", String::from_utf8_lossy(&written.stderr));
        std::fs::read_to_string(name).unwrap()
    };
    let first = report(&path("first.html"), &[]);
    assert!(first.contains(&head), "the closure report prints the head at closure");
    assert!(first.contains("Empreinte du registre à la clôture"));

    // The follow-up goes on after the closing: the log grows, the closure report does not change.
    let mut console = Browser::open(&server, "fr").await;
    console.sign_in("ann@example.org", PASSWORD).await;
    let published = console
        .post_form(&format!("/facilitator/workshops/{}/follow-up/publish", room.workshop), &[("publish", "true")])
        .await;
    assert_eq!(published.status, 303, "{}", published.body);
    let (grown, _) = log_head(&server, &data.token, &room.workshop).await;
    assert!(grown > seq);
    server.kill();
    let second = report(&path("second.html"), &[]);
    assert_eq!(first, second, "the closure report is the same bytes after the follow-up moved on");
    let with_follow_up = report(&path("follow-up.html"), &["--follow-up"]);
    assert!(with_follow_up.contains("Suivi des actions au"));
    assert!(with_follow_up.contains(&head));

    // The record at closure verifies against the printed head; the whole log and a truncated
    // record do not, though both chains are sound.
    let export = |name: &str, at_closure: bool| {
        let mut args = vec!["export", room.workshop.as_str(), "--out", name, "--data", &folder];
        if at_closure {
            args.push("--at-closure");
        }
        let written = converge(&args);
        assert!(written.status.success(), "{}", String::from_utf8_lossy(&written.stderr));
    };
    export(&path("closure.json"), true);
    export(&path("whole.json"), false);
    let verify = |file: &str| converge(&["verify", file, "--expect-head", &head]);
    let accepted = verify(&path("closure.json"));
    assert!(accepted.status.success(), "{}", String::from_utf8_lossy(&accepted.stdout));
    assert!(String::from_utf8_lossy(&accepted.stdout).starts_with("OK"));
    let whole = verify(&path("whole.json"));
    assert_eq!(whole.status.code(), Some(1), "{}", String::from_utf8_lossy(&whole.stdout));
    let mut record: Value = serde_json::from_str(&std::fs::read_to_string(path("closure.json")).unwrap()).unwrap();
    let events = record["events"].as_array_mut().unwrap();
    events.pop();
    let (n, last) = (events.len(), events.last().unwrap()["hash"].clone());
    record["n_events"] = n.into();
    record["head_hash"] = last;
    std::fs::write(path("truncated.json"), record.to_string() + "\n").unwrap();
    let sound = converge(&["verify", &path("truncated.json")]);
    assert!(sound.status.success(), "a shorter chain is still a sound chain");
    let truncated = verify(&path("truncated.json"));
    assert_eq!(truncated.status.code(), Some(1), "{}", String::from_utf8_lossy(&truncated.stdout));
    assert!(String::from_utf8_lossy(&truncated.stdout).contains("not at the expected head"));
}

#[test]
fn log_lines_are_plain_when_nobody_reads_them_at_a_terminal() {
    use std::io::{BufRead, BufReader, Read};
    let data = DataFolder::new();
    let mut child = std::process::Command::new(binary())
        .args(["serve", "--bind", "127.0.0.1:0", "--data", data.path().to_str().unwrap()])
        .env("CONVERGE_LOG", "info")
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let mut lines = BufReader::new(child.stdout.take().unwrap()).lines();
    assert!(lines.any(|line| line.unwrap().contains("listening on")));
    let stopped = std::process::Command::new("kill").args(["-TERM", &child.id().to_string()]).status().unwrap();
    assert!(stopped.success());
    child.wait().unwrap();
    let mut log = String::new();
    child.stderr.take().unwrap().read_to_string(&mut log).unwrap();
    assert!(log.contains(" INFO "), "the server logged at info: {log}");
    assert!(!log.contains('\u{1b}'), "colour codes in a piped log: {log:?}");
}

/// The personal code a participant's phone shows.
fn personal_code(html: &str) -> String {
    let at = html.find("data-resume-code>").expect("the phone shows a personal code") + "data-resume-code>".len();
    html[at..at + html[at..].find('<').unwrap()].to_owned()
}

#[tokio::test]
async fn a_personal_code_gives_a_participant_their_place_back_on_another_phone_without_a_second_voice() {
    let data = DataFolder::new();
    let server = spawn_app(&data);
    let room = VoteRoom::open(&server, &data, "Atelier", 2, 3).await;
    let mut phone = Browser::open(&server, "fr").await;
    phone.join(&room.join_code, "Anne Dupont").await;
    let home = phone.get(&format!("/w/{}", room.workshop)).await;
    let code = personal_code(&home.body);
    assert_eq!(code.len(), 9, "XXXX-XXXX: {code}");
    assert!(home.body.contains(&format!("/w/{}/resume?code={code}", room.workshop)), "and a personal link");
    let ballot = format!("/w/{}/a/{}/ballot", room.workshop, room.ballot_box);
    let grades: Vec<(String, String)> =
        room.items.iter().map(|item| (format!("grade-{item}"), "3".to_owned())).collect();
    let fields: Vec<(&str, &str)> = grades.iter().map(|(name, value)| (name.as_str(), value.as_str())).collect();
    assert_eq!(phone.post_form(&ballot, &fields).await.status, 303);

    // The cookie is lost (another browser): the same name is not joined silently again.
    let mut other = Browser::open(&server, "fr").await;
    let again =
        other.post_form("/join", &[("join_code", &room.join_code), ("name", "  anne  dupont "), ("service", "")]).await;
    assert_eq!(again.status, 200, "{}", again.body);
    assert!(
        again.body.contains("Quelqu’un a déjà rejoint cet atelier sous le nom «\u{a0}anne  dupont\u{a0}»"),
        "{}",
        again.body
    );
    let before = log_head(&server, &data.token, &room.workshop).await;
    // A wrong code is refused, the right one (typed loosely) gives the place back.
    let wrong = other.post_form("/resume", &[("join_code", &room.join_code), ("resume_code", "2222-2222")]).await;
    assert_eq!(wrong.status, 404, "{}", wrong.body);
    let typed = code.to_lowercase().replace('-', " ");
    let resumed = other.post_form("/resume", &[("join_code", &room.join_code), ("resume_code", &typed)]).await;
    assert_eq!(resumed.status, 303, "{}", resumed.body);
    assert_eq!(log_head(&server, &data.token, &room.workshop).await, before, "resuming adds nobody");
    let page = other.get(&format!("/w/{}/a/{}", room.workshop, room.ballot_box)).await;
    assert_eq!(personal_code(&other.get(&format!("/w/{}", room.workshop)).await.body), code);
    assert!(page.body.contains("Remplacer mon bulletin"), "the ballot is theirs: {}", page.body);
    // A second ballot from the second phone replaces the first: still one voice.
    assert_eq!(other.post_form(&ballot, &fields).await.status, 303);
    let state = server.workshop(&data.token, &room.workshop).await;
    let joined = state["participants"].as_array().unwrap().len();
    assert_eq!(joined, 1 + 2 + 1, "the facilitator, the two voters and Anne, once");

    // The personal link, for years: the API and the link page say the same.
    let api: Value = server
        .http
        .post(server.url("/api/v1/resume"))
        .json(&serde_json::json!({"join_code": room.join_code, "resume_code": code}))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(api["resume_code"], code.as_str(), "{api}");
    let mut third = Browser::open(&server, "fr").await;
    let link = third.get(&format!("/w/{}/resume?code={code}", room.workshop)).await;
    assert_eq!(link.status, 200);
    let by_link = third.post_form(&format!("/w/{}/resume", room.workshop), &[("resume_code", &code)]).await;
    assert_eq!(by_link.status, 303, "{}", by_link.body);
    assert_eq!(third.get(&format!("/w/{}/mine", room.workshop)).await.status, 200);
    // Someone else with the same name joins when they say so.
    let namesake = other
        .post_form(
            "/join",
            &[("join_code", &room.join_code), ("name", "Anne Dupont"), ("service", ""), ("another_person", "1")],
        )
        .await;
    assert_eq!(namesake.status, 303, "{}", namesake.body);
}

#[tokio::test]
async fn the_turnout_counts_those_who_vote_and_the_facilitator_does_not_vote() {
    let data = DataFolder::new();
    let server = spawn_app(&data);
    let room = VoteRoom::open(&server, &data, "Atelier", 3, 3).await;
    // An observer follows without voting, and is not counted either.
    let observer = server.join(&room.join_code, "Olivia Observe").await;
    let role = server
        .http
        .post(server.url(&format!(
            "/api/v1/workshops/{}/participants/{}/role",
            room.workshop,
            str(&observer, "participant_id")
        )))
        .bearer_auth(&data.token)
        .json(&serde_json::json!({"role": "observer"}))
        .send()
        .await
        .unwrap();
    assert_eq!(role.status(), 200);
    for voter in 0..3 {
        cast_grades(&server, &room, voter).await;
    }
    let ballot = serde_json::json!({"type": "grades", "grades": room.grades(0)});
    let by_facilitator =
        server.http.post(room.ballots_url(&server)).bearer_auth(&data.token).json(&ballot).send().await.unwrap();
    assert_eq!(by_facilitator.status(), 403);
    assert_eq!(by_facilitator.json::<Value>().await.unwrap()["error"]["code"], "not_a_voter");
    let mut console = Browser::open(&server, "fr").await;
    console.sign_in("ann@example.org", PASSWORD).await;
    let page = console.get(&format!("/facilitator/workshops/{}/activities/{}", room.workshop, room.ballot_box)).await;
    assert!(page.body.contains("3 participants sur 3 ont voté."), "{}", page.body);
}

#[tokio::test]
async fn a_duplicate_who_only_signed_is_merged_and_one_who_voted_is_not() {
    let data = DataFolder::new();
    let server = spawn_app(&data);
    // A workshop whose challenges are signed: Anne joined twice and signed a note the second time.
    let created = server.create_workshop(&data.token, "Atelier signé").await;
    let workshop = str(&created, "id").to_owned();
    let challenges = str(&created["activities"][0], "id").to_owned();
    server.open(&data.token, &workshop, &challenges).await;
    let anne = server.join(str(&created, "join_code"), "Anne").await;
    let twice = server.join(str(&created, "join_code"), "Anne (téléphone 2)").await;
    let note = server.post_note(str(&twice, "token"), &workshop, &challenges, "Un défi signé").await;
    assert_eq!(note.status(), 201);
    let room = VoteRoom::open(&server, &data, "Atelier", 1, 2).await;
    let mut console = Browser::open(&server, "fr").await;
    console.sign_in("ann@example.org", PASSWORD).await;
    let merge =
        |workshop: &str, duplicate: &str| format!("/facilitator/workshops/{workshop}/participants/{duplicate}/merge");
    let merged = console
        .post_form(&merge(&workshop, str(&twice, "participant_id")), &[("into", str(&anne, "participant_id"))])
        .await;
    assert_eq!(merged.status, 303, "{}", merged.body);
    let state = server.workshop(&data.token, &workshop).await;
    let signed = state["contributions"].as_array().unwrap().iter().find(|c| c["text"] == "Un défi signé").unwrap();
    assert_eq!(signed["author"], anne["participant_id"], "the signed note follows the person");
    let ids: Vec<&str> = state["participants"].as_array().unwrap().iter().map(|p| str(p, "id")).collect();
    assert!(!ids.contains(&str(&twice, "participant_id")), "the duplicate is gone");
    // The duplicate's phone now acts as the person.
    let seen: Value = server
        .http
        .get(server.url(&format!("/api/v1/workshops/{workshop}")))
        .bearer_auth(str(&twice, "token"))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(seen["your_participant_id"], anne["participant_id"]);

    // A duplicate who voted is not merged: that would tell how they voted.
    let other = server.join(&room.join_code, "Bruno").await;
    let voter = room.voters[0].clone();
    let me: Value = server
        .http
        .get(server.url(&format!("/api/v1/workshops/{}", room.workshop)))
        .bearer_auth(&voter)
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    cast_grades(&server, &room, 0).await;
    let before = log_head(&server, &data.token, &room.workshop).await;
    let refused = console
        .post_form(&merge(&room.workshop, str(&me, "your_participant_id")), &[("into", str(&other, "participant_id"))])
        .await;
    assert_eq!(refused.status, 422, "{}", refused.body);
    assert!(refused.body.contains("le fusionner révélerait ses choix"), "{}", refused.body);
    assert_eq!(log_head(&server, &data.token, &room.workshop).await, before);
}
