//! The next step and the room's other controls through the real server: the API's `nextStep`,
//! `focusActivity`, `startTimer` and `pauseTimer`, their refusals, and the console's one-click
//! control.

use converge_test_support::*;
use serde_json::{Value, json};

/// POSTs `body` (or nothing) to `path` with `token`: (status, JSON answer).
async fn post(server: &Server, token: &str, path: &str, body: Option<Value>) -> (u16, Value) {
    server.post_api(token, path, body).await
}

fn ids(value: &Value) -> Vec<String> {
    value.as_array().unwrap().iter().map(|id| id.as_str().unwrap().to_owned()).collect()
}

fn statuses(workshop: &Value) -> Vec<String> {
    workshop["activities"].as_array().unwrap().iter().map(|activity| str(activity, "status").to_owned()).collect()
}

#[tokio::test]
async fn each_next_step_closes_the_running_activity_and_runs_the_next_to_the_end_of_the_agenda() {
    let data = DataFolder::new();
    let server = spawn_app(&data);
    let created = server.create_from_template(&data.token, "Hackathon", "smarter-democracy-hackathon").await;
    let id = str(&created, "id").to_owned();
    let agenda: Vec<String> =
        created["activities"].as_array().unwrap().iter().map(|activity| str(activity, "id").to_owned()).collect();
    let step = format!("/api/v1/workshops/{id}/next-step");
    let vote = activity_of(&created, "vote");

    // The first step, with no body: the first activity runs, nothing was open to close.
    let (status, first) = post(&server, &data.token, &step, None).await;
    assert_eq!(status, 200, "{first}");
    assert_eq!(str(&first, "activity_id"), agenda[0]);
    assert!(ids(&first["closed"]).is_empty());
    assert!(first["seq"].as_u64().is_some());
    for (n, next) in agenda.iter().enumerate().skip(1) {
        let (status, taken) = post(&server, &data.token, &step, Some(json!({"to": next}))).await;
        assert_eq!(status, 200, "step {n}: {taken}");
        assert_eq!(str(&taken, "activity_id"), next);
        assert_eq!(ids(&taken["closed"]), vec![agenda[n - 1].clone()], "step {n} closes the activity before");
        let view = server.workshop(&data.token, &id).await;
        let expected: Vec<&str> = (0..agenda.len())
            .map(|k| match k.cmp(&n) {
                std::cmp::Ordering::Less => "closed",
                std::cmp::Ordering::Equal => "open",
                std::cmp::Ordering::Greater => "draft",
            })
            .collect();
        assert_eq!(statuses(&view), expected, "after step {n}");
        // A retry of the same step (its answer lost) records nothing.
        let (status, again) = post(&server, &data.token, &step, Some(json!({"to": next}))).await;
        assert_eq!(status, 200, "{again}");
        assert_eq!(
            (str(&again, "activity_id"), &again["seq"], &again["closed"]),
            (next.as_str(), &Value::Null, &json!([]))
        );
        assert_eq!(again["timer_ends_at"], taken["timer_ends_at"], "the timer it started still runs");
        // A step named from a page the agenda has moved past is refused.
        if n + 1 < agenda.len() {
            let (status, stale) = post(&server, &data.token, &step, Some(json!({"to": agenda[n - 1]}))).await;
            assert_eq!((status, str(&stale["error"], "code")), (409, "not_the_next_activity"), "{stale}");
        }
    }
    // Stepping past the vote froze its count in the same write.
    let results = server
        .http
        .get(server.url(&format!("/api/v1/workshops/{id}/activities/{vote}/results")))
        .bearer_auth(&data.token)
        .send()
        .await
        .unwrap();
    assert_eq!(results.status(), 200);
    assert_eq!(results.json::<Value>().await.unwrap()["frozen"], true);
    // The end of the agenda: nothing comes next.
    let (status, refused) = post(&server, &data.token, &step, None).await;
    assert_eq!((status, str(&refused["error"], "code")), (422, "no_next_activity"), "{refused}");
}

#[tokio::test]
async fn the_next_step_starts_the_planned_timer_and_records_what_the_separate_controls_would() {
    let data = DataFolder::new();
    let server = spawn_app(&data);
    let created = server.create_from_template(&data.token, "Hackathon", "smarter-democracy-hackathon").await;
    let id = str(&created, "id").to_owned();
    let first = created["activities"][0]["id"].as_str().unwrap().to_owned();
    let second = created["activities"][1]["id"].as_str().unwrap().to_owned();
    // Separately: open the first, send the screens there, start its timer.
    server.open(&data.token, &id, &first).await;
    let (status, focus) =
        post(&server, &data.token, &format!("/api/v1/workshops/{id}/focus"), Some(json!({"activity_id": first}))).await;
    assert_eq!((status, str(&focus, "focus")), (200, first.as_str()), "{focus}");
    let (status, timer) =
        post(&server, &data.token, &format!("/api/v1/workshops/{id}/activities/{first}/timer/start"), None).await;
    assert_eq!(status, 200, "{timer}");
    let planned = timer["remaining_ms"].as_u64().unwrap();
    let before = server.workshop(&data.token, &id).await["seq"].as_u64().unwrap();
    // In one step: the second activity.
    let (status, taken) =
        post(&server, &data.token, &format!("/api/v1/workshops/{id}/next-step"), Some(json!({"to": second}))).await;
    assert_eq!(status, 200, "{taken}");
    let ends_at = taken["timer_ends_at"].as_i64().expect("the second activity has a planned time");
    let export: Value = serde_json::from_str(&server.export(&data.token, &id).await).unwrap();
    let events = export["events"].as_array().unwrap();
    let step: Vec<&Value> = events.iter().filter(|event| event["seq"].as_u64().unwrap() > before).collect();
    let kinds: Vec<&str> = step.iter().map(|event| event["kind"].as_str().unwrap()).collect();
    assert_eq!(kinds, ["activity_closed", "activity_opened", "focus_changed", "timer_started"]);
    assert_eq!(step[0]["payload"]["activity_id"], json!(first));
    for event in &step[1..] {
        assert_eq!(event["payload"]["activity_id"], json!(second));
    }
    let remaining = step[3]["payload"]["remaining_ms"].as_i64().unwrap();
    assert_eq!(ends_at, step[3]["recorded_at"].as_i64().unwrap() + remaining);
    assert!(planned > 0 && remaining > 0);
    assert_eq!(taken["seq"], step[3]["seq"]);
}

#[tokio::test]
async fn the_focus_and_the_timers_through_the_api() {
    let data = DataFolder::new();
    let server = spawn_app(&data);
    let room = server.workshop_with_people(&data.token, "Atelier", &[]).await;
    let (id, first, second) = (&room.id, &room.activities[0], &room.activities[1]);
    let focus = format!("/api/v1/workshops/{id}/focus");
    let (status, set) = post(&server, &data.token, &focus, Some(json!({"activity_id": first}))).await;
    assert_eq!((status, str(&set, "focus")), (200, first.as_str()), "{set}");
    assert!(set["seq"].as_u64().is_some());
    let (status, again) = post(&server, &data.token, &focus, Some(json!({"activity_id": first}))).await;
    assert_eq!((status, &again["seq"]), (200, &Value::Null), "nothing changed: {again}");
    let (status, unknown) =
        post(&server, &data.token, &focus, Some(json!({"activity_id": "00000000-0000-7000-8000-000000000000"}))).await;
    assert_eq!((status, str(&unknown["error"], "code")), (404, "unknown_activity"));
    let (status, released) = post(&server, &data.token, &focus, Some(json!({"activity_id": null}))).await;
    assert_eq!((status, &released["focus"]), (200, &Value::Null), "{released}");

    let timer = |activity: &str, action: &str| format!("/api/v1/workshops/{id}/activities/{activity}/timer/{action}");
    let (status, started) = post(&server, &data.token, &timer(first, "start"), Some(json!({"minutes": 3}))).await;
    assert_eq!(status, 200, "{started}");
    assert_eq!((started["running"].as_bool(), started["remaining_ms"].as_u64()), (Some(true), Some(180_000)));
    assert!(started["ends_at"].as_i64().is_some());
    let (status, paused) = post(&server, &data.token, &timer(first, "pause"), None).await;
    assert_eq!(status, 200, "{paused}");
    assert_eq!((paused["running"].as_bool(), &paused["ends_at"]), (Some(false), &Value::Null));
    assert!(paused["remaining_ms"].as_u64().is_some_and(|left| left <= 180_000));
    let (status, refused) = post(&server, &data.token, &timer(first, "pause"), None).await;
    assert_eq!((status, str(&refused["error"], "code")), (422, "timer_not_running"));
    // With no body (or a null one), the timer resumes what was left.
    let (status, resumed) = post(&server, &data.token, &timer(first, "start"), None).await;
    assert_eq!((status, &resumed["remaining_ms"]), (200, &paused["remaining_ms"]), "{resumed}");
    let (status, _) = post(&server, &data.token, &timer(first, "pause"), None).await;
    assert_eq!(status, 200);
    let (status, resumed) = post(&server, &data.token, &timer(first, "start"), Some(Value::Null)).await;
    assert_eq!(status, 200, "{resumed}");
    let (status, refused) = post(&server, &data.token, &timer(first, "start"), Some(json!({"minutes": 0}))).await;
    assert_eq!((status, str(&refused["error"], "code")), (422, "invalid_config"));
    let (status, refused) = post(&server, &data.token, &timer(first, "start"), Some(json!({"seconds": 3}))).await;
    assert_eq!(status, 400, "an unknown field: {refused}");
    // A closed activity's time is over.
    server.open(&data.token, id, second).await;
    let (status, _) =
        post(&server, &data.token, &format!("/api/v1/workshops/{id}/activities/{second}/close"), None).await;
    assert_eq!(status, 200);
    let (status, refused) = post(&server, &data.token, &timer(second, "start"), None).await;
    assert_eq!((status, str(&refused["error"], "code")), (422, "activity_not_open"));
}

#[tokio::test]
async fn participants_are_refused_the_rooms_controls() {
    let data = DataFolder::new();
    let server = spawn_app(&data);
    let room = server.workshop_with_people(&data.token, "Atelier", &["Anne"]).await;
    let (id, first) = (&room.id, &room.activities[0]);
    let anne = &room.people[0];
    let calls = [
        (format!("/api/v1/workshops/{id}/next-step"), None),
        (format!("/api/v1/workshops/{id}/focus"), Some(json!({"activity_id": first}))),
        (format!("/api/v1/workshops/{id}/activities/{first}/timer/start"), None),
        (format!("/api/v1/workshops/{id}/activities/{first}/timer/pause"), None),
    ];
    let before = server.workshop(&data.token, id).await["seq"].clone();
    for (path, body) in calls {
        let (status, refused) = post(&server, anne, &path, body).await;
        assert_eq!((status, str(&refused["error"], "code")), (403, "facilitator_only"), "{path}: {refused}");
    }
    assert_eq!(server.workshop(&data.token, id).await["seq"], before, "nothing was recorded");
}

/// The console's control: from one activity running to the next running, screens there and
/// its timer started, in one form post; a second post of the same form records nothing.
#[tokio::test]
async fn one_click_on_the_console_moves_the_room_on() {
    let data = DataFolder::new();
    let server = spawn_app(&data);
    let created = server.create_from_template(&data.token, "Hackathon", "smarter-democracy-hackathon").await;
    let id = str(&created, "id").to_owned();
    let first = created["activities"][0]["id"].as_str().unwrap().to_owned();
    let second = created["activities"][1]["id"].as_str().unwrap().to_owned();
    let second_title = created["activities"][1]["title"].as_str().unwrap().to_owned();
    server.open(&data.token, &id, &first).await;
    let (status, _) =
        post(&server, &data.token, &format!("/api/v1/workshops/{id}/focus"), Some(json!({"activity_id": first}))).await;
    assert_eq!(status, 200);
    let mut facilitator = Browser::open(&server, "fr").await;
    facilitator.sign_in("ann@example.org", PASSWORD).await;
    let console = facilitator.get(&format!("/facilitator/workshops/{id}")).await;
    let form_at = console.body.find("data-next-step").expect("the console shows the next step");
    let form = &console.body[form_at..console.body[form_at..].find("</form>").unwrap() + form_at];
    assert!(form.contains(&format!("value=\"{second}\"")), "it names the second activity: {form}");
    assert!(form.contains(&format!("Étape suivante\u{a0}: {second_title}")), "{form}");
    assert!(
        console.body.find("data-next-step").unwrap() < console.body.find("id=\"agenda-live\"").unwrap(),
        "it comes before the agenda"
    );

    let fields = [("to", second.as_str()), ("back", "console")];
    let clicked = facilitator.post_form(&format!("/facilitator/workshops/{id}/next-step"), &fields).await;
    assert_eq!(
        (clicked.status, clicked.location.as_deref()),
        (303, Some(format!("/facilitator/workshops/{id}").as_str()))
    );
    let view = server.workshop(&data.token, &id).await;
    assert_eq!(&statuses(&view)[..3], ["closed", "open", "draft"]);
    let seq = view["seq"].clone();
    // A double click: the second post finds the room already there.
    let again = facilitator.post_form(&format!("/facilitator/workshops/{id}/next-step"), &fields).await;
    assert_eq!(again.status, 303);
    assert_eq!(server.workshop(&data.token, &id).await["seq"], seq, "the second click recorded nothing");

    // The activity page of the activity now running offers the step after it, and comes back
    // to the page of the activity the room moves to.
    let third = created["activities"][2]["id"].as_str().unwrap().to_owned();
    let page = facilitator.get(&format!("/facilitator/workshops/{id}/activities/{second}")).await;
    assert!(page.body.contains(&format!("name=\"to\" value=\"{third}\"")), "the step from the running activity's page");
    let other = facilitator.get(&format!("/facilitator/workshops/{id}/activities/{first}")).await;
    assert!(!other.body.contains("data-next-step"), "not on the page of an activity the room has left");
    let fields = [("to", third.as_str()), ("back", "activity")];
    let clicked = facilitator.post_form(&format!("/facilitator/workshops/{id}/next-step"), &fields).await;
    assert_eq!(clicked.location.as_deref(), Some(format!("/facilitator/workshops/{id}/activities/{third}").as_str()));
}

/// The timer's minutes either way (`extendTimer`, `shortenTimer`) and `undo` through the API:
/// the facilitator's alone, each refusal in its own words.
#[tokio::test]
async fn the_timer_takes_minutes_either_way_and_undo_names_what_it_cannot_undo() {
    let data = DataFolder::new();
    let server = spawn_app(&data);
    let created = server.create_from_template(&data.token, "Hackathon", "smarter-democracy-hackathon").await;
    let id = str(&created, "id").to_owned();
    let first = created["activities"][0]["id"].as_str().unwrap().to_owned();
    let timer = |control: &str| format!("/api/v1/workshops/{id}/activities/{first}/timer/{control}");
    let (status, _) = post(&server, &data.token, &format!("/api/v1/workshops/{id}/next-step"), None).await;
    assert_eq!(status, 200);
    let (status, started) = post(&server, &data.token, &timer("start"), Some(json!({"minutes": 10}))).await;
    assert_eq!(status, 200, "{started}");
    let ends = started["ends_at"].as_i64().unwrap();
    let (status, shorter) = post(&server, &data.token, &timer("shorten"), Some(json!({"minutes": 3}))).await;
    assert_eq!(status, 200, "{shorter}");
    assert_eq!((shorter["running"].as_bool(), shorter["ends_at"].as_i64()), (Some(true), Some(ends - 180_000)));
    let (status, longer) = post(&server, &data.token, &timer("extend"), None).await;
    assert_eq!(status, 200, "{longer}");
    assert_eq!(longer["ends_at"].as_i64(), Some(ends - 120_000), "no body: one minute");
    let (status, refused) = post(&server, &data.token, &timer("shorten"), Some(json!({"minutes": 0}))).await;
    assert_eq!((status, str(&refused["error"], "code")), (422, "invalid_config"), "{refused}");

    // Nothing was moved: there is nothing to undo, and the answer says so.
    let undo = format!("/api/v1/workshops/{id}/undo");
    let (status, nothing) = post(&server, &data.token, &undo, Some(json!({"seq": 1}))).await;
    assert_eq!((status, str(&nothing["error"], "code")), (422, "nothing_to_undo"), "{nothing}");
    // A participant neither undoes nor touches the timer.
    let joined = server.join(str(&created, "join_code"), "Alice").await;
    let participant = str(&joined, "token").to_owned();
    assert_eq!(post(&server, &participant, &undo, Some(json!({"seq": 1}))).await.0, 403);
    assert_eq!(post(&server, &participant, &timer("shorten"), None).await.0, 403);
}

/// On a brainwriting, `nextStep` hands the sheets out and passes them on, round after round,
/// before it moves on; `round` makes a retry record nothing, and a round that will not come is
/// refused.
#[tokio::test]
async fn on_a_brainwriting_the_next_step_is_the_sheets_until_the_last_round() {
    let room = Room::new("Hackathon")
        .from_template("smarter-democracy-hackathon")
        .people(&[("Alice Martin", "SPW"), ("Bruno Lambert", "SPW"), ("Chloé Dubois", "SPW")])
        .build()
        .await;
    let (server, token, id) = (&room.server, room.token(), room.workshop.as_str());
    let brainwriting = room.activity("brainwriting");
    let after = room.activity("assess");
    let step = format!("/api/v1/workshops/{id}/next-step");
    server.open(token, id, &brainwriting).await;
    let (status, _) =
        post(server, token, &format!("/api/v1/workshops/{id}/focus"), Some(json!({"activity_id": brainwriting}))).await;
    assert_eq!(status, 200);

    // The sheets are handed out: round 0 begins, on the brainwriting, nothing closed.
    let (status, taken) = post(server, token, &step, None).await;
    assert_eq!(status, 200, "{taken}");
    assert_eq!((str(&taken, "activity_id"), &taken["round"]), (brainwriting.as_str(), &json!(0)));
    assert!(ids(&taken["closed"]).is_empty());
    assert!(taken["timer_ends_at"].as_i64().is_some(), "the round is timed: {taken}");
    let (status, again) = post(server, token, &step, Some(json!({"to": brainwriting, "round": 0}))).await;
    assert_eq!((status, &again["seq"], &again["round"]), (200, &Value::Null, &Value::Null), "{again}");

    // Three at one table: rounds 1 and 2, one step each, a retry recording nothing.
    for round in 1..=2 {
        let body = json!({"to": brainwriting, "round": round});
        let (status, taken) = post(server, token, &step, Some(body.clone())).await;
        assert_eq!(status, 200, "{taken}");
        assert_eq!((str(&taken, "activity_id"), &taken["round"]), (brainwriting.as_str(), &json!(round)));
        let (status, again) = post(server, token, &step, Some(body)).await;
        assert_eq!((status, &again["seq"]), (200, &Value::Null), "{again}");
    }
    let (status, refused) = post(server, token, &step, Some(json!({"to": brainwriting, "round": 3}))).await;
    assert_eq!((status, str(&refused["error"], "code")), (409, "not_the_next_activity"), "{refused}");

    // After the last round the step moves on.
    let (status, taken) = post(server, token, &step, None).await;
    assert_eq!(status, 200, "{taken}");
    assert_eq!((str(&taken, "activity_id"), &taken["round"]), (after.as_str(), &Value::Null));
    assert_eq!(ids(&taken["closed"]), vec![brainwriting.clone()]);
}

/// The lock of posting at zero, chosen as the timer starts: `startTimer`'s `lock_at_zero` and the
/// console's box beside the timer's button, ticked or not; left out, the setting stays.
#[tokio::test]
async fn the_lock_at_zero_is_chosen_at_the_timers_start() {
    let mut room = Room::new("Atelier").build().await;
    let (id, first) = (room.workshop.clone(), room.activities()[0].clone());
    room.open(&first).await;
    let console = room.console("");
    let timer = format!("/api/v1/workshops/{id}/activities/{first}/timer/start");
    let locked = |page: &str| page.contains("badge lock");
    let page = room.facilitator.get(&console).await;
    assert!(page.body.contains("name=\"lock_at_zero\""), "the timer's form offers the lock");
    assert!(!locked(&page.body));

    let (status, started) =
        post(&room.server, room.token(), &timer, Some(json!({"minutes": 2, "lock_at_zero": true}))).await;
    assert_eq!((status, started["remaining_ms"].as_u64()), (200, Some(120_000)), "{started}");
    assert!(locked(&room.facilitator.get(&console).await.body), "the API locked posting at zero");
    // Left out, the lock stays.
    let (status, _) = post(&room.server, room.token(), &timer, Some(json!({"minutes": 3}))).await;
    assert_eq!(status, 200);
    assert!(locked(&room.facilitator.get(&console).await.body));
    let (status, refused) = post(&room.server, room.token(), &timer, Some(json!({"lock_at_zero": "yes"}))).await;
    assert_eq!(status, 400, "{refused}");

    // The console's form: the box unticked lifts the lock, ticked sets it again.
    let start = room.console(&format!("/activities/{first}/timer-start"));
    let (status, _) =
        post(&room.server, room.token(), &format!("/api/v1/workshops/{id}/activities/{first}/timer/pause"), None).await;
    assert_eq!(status, 200);
    let unticked =
        room.facilitator.post_form(&start, &[("minutes", "4"), ("lock_choice", "1"), ("back", "console")]).await;
    assert_eq!(unticked.status, 303);
    assert!(!locked(&room.facilitator.get(&console).await.body), "unticked, the lock is lifted");
    let (status, _) =
        post(&room.server, room.token(), &format!("/api/v1/workshops/{id}/activities/{first}/timer/pause"), None).await;
    assert_eq!(status, 200);
    let fields = [("minutes", "4"), ("lock_choice", "1"), ("lock_at_zero", "on"), ("back", "console")];
    let ticked = room.facilitator.post_form(&start, &fields).await;
    assert_eq!(ticked.status, 303);
    assert!(locked(&room.facilitator.get(&console).await.body), "ticked, posting locks at zero");
}
