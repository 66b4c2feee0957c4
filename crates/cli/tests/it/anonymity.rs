//! The attack of a participant who wants to name the author of anonymous notes and the voters:
//! they know every participant id (the API lists them), they follow the live stream and read
//! the API and their pages, and they hash the ids back into the events they receive. A room
//! plays every kind of act that is done in confidence: anonymous SWOT notes, an anonymous
//! brainwriting, assessments, a majority-judgment vote, action cards drafted, edited and objected to, rated
//! risks. Nothing any role receives names anyone, and the stream carries no more than each
//! role's pages show.

use converge_store::chain::event_hash;
use converge_test_support::*;
use serde_json::{Value, json};
use std::collections::{BTreeMap, BTreeSet};
use std::time::Duration;

/// What a room's member may read of each private kind of event in the stream, by role: the
/// payload's fields (besides `type`). `None`: the event comes whole.
fn allowed_fields(kind: &str, facilitator: bool) -> Option<&'static [&'static str]> {
    Some(match (kind, facilitator) {
        ("ballot_cast", _) => &["activity_id"],
        ("item_assessed", _) => &["activity_id", "item"],
        ("risk_rated", _) => &["activity_id", "risk"],
        ("consensus_given", true) => &["action_id", "reason", "stance"],
        ("consensus_given", false) => &["action_id"],
        ("action_drafted", _) => &["action_id", "activity_id", "card", "sources"],
        ("action_edited", _) => &["action_id", "card", "revision", "sources"],
        // Every note of this room is anonymous.
        ("contribution_posted", _) => &["activity_id", "card", "contribution_id", "kind", "links", "text"],
        ("brainwriting_started", _) => &["activity_id"],
        _ => return None,
    })
}

/// The kinds of event that act for someone in confidence: every one must be in the scenario.
const ACTS_IN_CONFIDENCE: [&str; 7] = [
    "contribution_posted",
    "ballot_cast",
    "item_assessed",
    "consensus_given",
    "risk_rated",
    "action_drafted",
    "action_edited",
];

/// The fields that name who acted, in the record's events.
const SUBJECT_FIELDS: [&str; 6] = ["author", "voter", "assessor", "participant", "rater", "editor"];

struct Member {
    name: &'static str,
    id: String,
    token: String,
    browser: Browser,
}

async fn member(server: &Server, workshop: &str, join_code: &str, name: &'static str) -> Member {
    let joined = server.join(join_code, name).await;
    let token = str(&joined, "token").to_owned();
    let mut browser = Browser::open(server, "fr").await;
    let workshop_uuid: uuid::Uuid = workshop.parse().unwrap();
    browser.set_cookie(&format!("cv_p_{}", workshop_uuid.simple()), &token);
    Member { name, id: str(&joined, "participant_id").to_owned(), token, browser }
}

async fn post(server: &Server, token: &str, url: &str, body: Value) -> Value {
    let response = server.http.post(server.url(url)).bearer_auth(token).json(&body).send().await.unwrap();
    let status = response.status();
    let text = response.text().await.unwrap();
    assert!(status.is_success(), "{url}: {status} {text}");
    serde_json::from_str(&text).unwrap_or(Value::Null)
}

/// Every event a stream has sent until it falls quiet.
async fn read_all(stream: &mut EventStream) -> Vec<SseEvent> {
    stream.drain(Duration::from_millis(800)).await
}

#[tokio::test(flavor = "multi_thread")]
async fn nobody_in_the_room_can_name_an_anonymous_author_or_a_voter() {
    let data = DataFolder::new();
    let server = spawn_app(&data);
    let facilitator = &data.token;
    let created = server.create_from_template(facilitator, "Atelier anonyme", "smarter-democracy-hackathon").await;
    let workshop = str(&created, "id").to_owned();
    let join_code = str(&created, "join_code").to_owned();
    let api = |path: &str| format!("/api/v1/workshops/{workshop}{path}");
    let [swot, ideas, assess, vote, plan, risks] =
        ["swot", "brainwriting", "assess", "vote", "action_plan", "risk_map"].map(|kind| activity_of(&created, kind));

    // The attacker is in the room from the start, and so is an observer.
    let mut eve = member(&server, &workshop, &join_code, "Ève").await;
    let mut live_eve = server.events(&eve.token, &workshop, None).await;
    let mut live_facilitator = server.events(facilitator, &workshop, None).await;
    let mut people = Vec::new();
    for name in ["Alice", "Bruno", "Chloé", "David"] {
        people.push(member(&server, &workshop, &join_code, name).await);
    }
    let observer = member(&server, &workshop, &join_code, "Oscar").await;
    post(&server, facilitator, &api(&format!("/participants/{}/role", observer.id)), json!({"role": "observer"})).await;
    let mut live_observer = server.events(&observer.token, &workshop, None).await;

    // The brainwriting is made anonymous from the console, as a facilitator would.
    let mut console = Browser::open(&server, "fr").await;
    console.sign_in("ann@example.org", PASSWORD).await;
    let settings = format!("/facilitator/workshops/{workshop}/activities/{ideas}");
    let page = console.get(&settings).await;
    assert_eq!(page.status, 200);
    let answer = console
        .post_form(
            &format!("{settings}/edit"),
            &[
                ("title", "Brainwriting"),
                ("prompt", ""),
                ("anonymous", "on"),
                ("ideas_per_round", "3"),
                ("round_minutes", "5"),
                ("table_size", "6"),
            ],
        )
        .await;
    assert_eq!(answer.status, 303, "{}", answer.body);

    // Day one: anonymous SWOT notes and an anonymous brainwriting of two rounds.
    server.open(facilitator, &workshop, &swot).await;
    let everyone: Vec<&Member> = people.iter().chain([&eve]).collect();
    for (n, person) in everyone.iter().enumerate() {
        let body = json!({"activity_id": swot, "kind": "weakness", "text": format!("Mon directeur ne lit jamais nos rapports ({n})")});
        post(&server, &person.token, &api("/contributions"), body).await;
    }
    server.open(facilitator, &workshop, &ideas).await;
    let start = console.post_form(&format!("{settings}/brainwriting-start"), &[]).await;
    assert_eq!(start.status, 303, "{}", start.body);
    let mut idea_ids = Vec::new();
    for round in 0..2 {
        if round > 0 {
            let next = console.post_form(&format!("{settings}/next-round"), &[]).await;
            assert_eq!(next.status, 303, "{}", next.body);
        }
        for person in &everyone {
            let body = json!({"activity_id": ideas, "text": format!("Idée de {} au tour {round}", person.name.len())});
            idea_ids.push(str(&post(&server, &person.token, &api("/contributions"), body).await, "id").to_owned());
        }
    }

    // Day two: scores, dots, cards drafted, edited and objected to, rated risks. The flagship's
    // flow: the facilitator shortlists every idea, and the vote takes every assessed one (not the
    // top ten), so each ballot below is over every idea.
    let shortlist: Vec<(&str, &str)> = idea_ids.iter().map(|id| ("item", id.as_str())).collect();
    let answer = console
        .post_form(&format!("/facilitator/workshops/{workshop}/activities/{assess}/shortlist"), &shortlist)
        .await;
    assert_eq!(answer.status, 303, "{}", answer.body);
    // The flagship votes with dots; this room grades every idea (majority judgment).
    let everything = [
        ("title", "Vote"),
        ("prompt", ""),
        ("source", assess.as_str()),
        ("take", "all"),
        ("vote_method", "majority_judgment"),
    ];
    let answer =
        console.post_form(&format!("/facilitator/workshops/{workshop}/activities/{vote}/edit"), &everything).await;
    assert_eq!(answer.status, 303, "{}", answer.body);
    server.open(facilitator, &workshop, &assess).await;
    for (n, person) in everyone.iter().enumerate() {
        for item in idea_ids.iter().take(3) {
            let scores = json!({"impact": 1 + n % 5, "feasibility": 2, "cost": 3, "speed": 4});
            let body = json!({"type": "assessment", "item": item, "scores": scores});
            post(&server, &person.token, &api(&format!("/activities/{assess}/ballots")), body).await;
        }
    }
    server.open(facilitator, &workshop, &vote).await;
    for (n, person) in everyone.iter().enumerate() {
        let grades: BTreeMap<&String, usize> =
            idea_ids.iter().enumerate().map(|(k, item)| (item, (n + k) % 6)).collect();
        let body = json!({"type": "grades", "grades": grades});
        post(&server, &person.token, &api(&format!("/activities/{vote}/ballots")), body).await;
    }
    // Nobody follows the count while the vote runs, the facilitator neither: each change
    // of it would tell a ballot.
    let results = api(&format!("/activities/{vote}/results"));
    for token in [&eve.token, facilitator] {
        let early = server.http.get(server.url(&results)).bearer_auth(token).send().await.unwrap();
        assert_eq!(early.status(), 422, "a count is followed while voting");
    }
    server.open(facilitator, &workshop, &plan).await;
    let card = |title: &str| json!({"title": title, "jurisdiction": "administration"});
    let drafted = post(
        &server,
        &people[0].token,
        &api("/actions"),
        json!({"activity_id": plan, "card": card("Former le personnel à l’écoute"), "sources": [idea_ids[0]]}),
    )
    .await;
    let action = str(&drafted, "id").to_owned();
    for (person, stance, reason) in [
        (&people[1], "agree", ""),
        (&people[2], "object", "Le coût n’est pas chiffré"),
        (&people[3], "can_live_with", ""),
    ] {
        let mut browser = person.browser.clone();
        let answer = browser
            .post_form(
                &format!("/w/{workshop}/a/{plan}/actions/{action}/consensus"),
                &[("stance", stance), ("reason", reason), ("revision", "1"), ("return", "card")],
            )
            .await;
        assert_eq!(answer.status, 303, "{}", answer.body);
    }
    let plan_board = console.get(&format!("/facilitator/workshops/{workshop}/activities/{plan}")).await;
    assert!(plan_board.body.contains("Le coût n’est pas chiffré"), "the facilitator reads objections");
    post(
        &server,
        &people[1].token,
        &api(&format!("/actions/{action}")),
        json!({"base_revision": 1, "card": card("Former tout le personnel à l’écoute"), "sources": [idea_ids[0]]}),
    )
    .await;
    server.open(facilitator, &workshop, &risks).await;
    let risk = str(
        &post(
            &server,
            &people[0].token,
            &api("/contributions"),
            json!({"activity_id": risks, "text": "Une IA non maîtrisée"}),
        )
        .await,
        "id",
    )
    .to_owned();
    for (n, person) in people.iter().enumerate() {
        let mut browser = person.browser.clone();
        let likelihood = (1 + n).to_string();
        let answer = browser
            .post_form(
                &format!("/w/{workshop}/a/{risks}/risks/{risk}/rating"),
                &[("likelihood", &likelihood), ("impact", "4")],
            )
            .await;
        assert_eq!(answer.status, 303, "{}", answer.body);
    }

    // What Eve knows: every participant id, from the API.
    let eve_view = server.workshop(&eve.token, &workshop).await;
    let ids: BTreeSet<String> =
        eve_view["participants"].as_array().unwrap().iter().map(|p| str(p, "id").to_owned()).collect();
    assert!(ids.len() >= 7, "the API lists the room: {eve_view}");
    assert!(eve_view["head_hash"].is_null(), "the head's hash is the facilitator's");

    // The stream, as it came live and as a late joiner reads it from the log.
    let live: Vec<SseEvent> = read_all(&mut live_eve).await;
    let mut backlog_stream = server.events(&eve.token, &workshop, None).await;
    let backlog = read_all(&mut backlog_stream).await;
    assert_eq!(live.len(), backlog.len(), "live and read back, the same events");
    let facilitator_events = read_all(&mut live_facilitator).await;
    let observer_events = read_all(&mut live_observer).await;

    let uuid = |raw: &str| raw.parse::<uuid::Uuid>().unwrap();
    let mut recomputed = 0;
    let mut attempts = 0;
    for (role, events) in [
        ("participant", &live),
        ("participant", &backlog),
        ("observer", &observer_events),
        ("facilitator", &facilitator_events),
    ] {
        let facilitating = role == "facilitator";
        let mut previous_hash: Option<String> = None;
        let mut kinds = BTreeSet::new();
        for event in events.iter() {
            let kind = str(&event.data, "kind").to_owned();
            let payload = event.data["payload"].as_object().expect("a payload");
            let text = event.data.to_string();
            if let Some(allowed) = allowed_fields(&kind, facilitating) {
                kinds.insert(kind.clone());
                // Per role, nothing the role's pages do not show.
                let fields: BTreeSet<&str> =
                    payload.keys().map(String::as_str).filter(|field| *field != "type").collect();
                let extra: Vec<&&str> = fields.iter().filter(|field| !allowed.contains(field)).collect();
                assert!(extra.is_empty(), "{role} reads {extra:?} of {kind}: {text}");
                for id in &ids {
                    assert!(!text.contains(id.as_str()), "{role} reads a participant id in {kind}: {text}");
                }
                assert!(event.data.get("hash").is_none(), "{kind} is read in part: its hash would let it be guessed");
            }
            // The attack itself: wherever a hash comes, put every id back into every field that
            // could name someone and hash again.
            if let (Some(hash), Some(previous)) = (event.data["hash"].as_str(), previous_hash.as_deref()) {
                let workshop_id = uuid(&workshop);
                let seq = event.data["seq"].as_u64().unwrap();
                let at = event.data["recorded_at"].as_i64().unwrap();
                let sorted: BTreeMap<&str, &Value> = payload.iter().map(|(k, v)| (k.as_str(), v)).collect();
                let as_sent = serde_json::to_string(&sorted).unwrap();
                if event_hash(workshop_id, seq, at, &kind, previous, &as_sent) == hash {
                    recomputed += 1;
                }
                for field in SUBJECT_FIELDS {
                    for id in &ids {
                        // Keys sorted, as the record writes them.
                        let mut guess: BTreeMap<&str, &Value> = payload.iter().map(|(k, v)| (k.as_str(), v)).collect();
                        let id_value = Value::from(id.as_str());
                        guess.insert(field, &id_value);
                        let guess = serde_json::to_string(&guess).unwrap();
                        attempts += 1;
                        assert_ne!(
                            event_hash(workshop_id, seq, at, &kind, previous, &guess),
                            hash,
                            "{role} named the {field} of {kind}"
                        );
                    }
                }
            }
            previous_hash = event.data["hash"].as_str().map(str::to_owned);
            // The room gets no hash at all: the next event's hash chains the one before it.
            assert!(facilitating || event.data.get("hash").is_none(), "{role} reads a hash: {text}");
        }
        for kind in ACTS_IN_CONFIDENCE.into_iter().chain(["brainwriting_started"]) {
            assert!(kinds.contains(kind), "{role}'s stream has no {kind}: the scenario must cover it");
        }
    }
    // The attack's machinery works: whole events do hash back to what was sent (the
    // facilitator's stream has hashes).
    assert!(recomputed > 20, "only {recomputed} whole events were checked");
    assert!(attempts > 100);

    // The API: no author, no sheet of anyone else's idea, no id in a contribution.
    let contributions = eve_view["contributions"].as_array().unwrap();
    for contribution in contributions {
        let mine = contribution["author"].as_str() == Some(eve.id.as_str());
        assert!(contribution["author"].is_null() || mine, "the API names an author: {contribution}");
        if contribution["activity_id"] == ideas.as_str() && !mine {
            assert!(contribution["sheet"].is_null(), "another's sheet tells their seat: {contribution}");
        }
    }
    assert_eq!(
        contributions.iter().filter(|c| c["author"].as_str() == Some(eve.id.as_str())).count(),
        3,
        "Eve sees her own SWOT note and her two ideas as hers"
    );

    // The pages Eve and the projection can open name nobody else; her own page knows her notes.
    let others: Vec<&str> = people.iter().map(|person| person.name).chain(["Oscar"]).collect();
    for activity in [&swot, &ideas, &assess, &vote, &plan, &risks] {
        let page = eve.browser.get(&format!("/w/{workshop}/a/{activity}")).await;
        assert_eq!(page.status, 200, "{}", page.body);
        for name in &others {
            assert!(!page.body.contains(name), "Eve's page of {activity} names {name}");
        }
        for id in &ids {
            assert!(!page.body.contains(id.as_str()) || *id == eve.id, "Eve's page of {activity} holds an id");
        }
    }
    let mine = eve.browser.get(&format!("/w/{workshop}/mine")).await;
    assert_eq!(mine.body.matches("Idée de").count(), 2, "her two ideas");
    assert_eq!(mine.body.matches("Mon directeur").count(), 1, "her one note");

    // The facilitator's boards do not sign anonymous notes or objections either.
    for activity in [&swot, &ideas, &risks, &plan] {
        let board = console.get(&format!("/facilitator/workshops/{workshop}/activities/{activity}")).await;
        assert_eq!(board.status, 200);
        for name in people.iter().map(|person| person.name).chain(["Ève"]) {
            assert!(!board.body.contains(&format!("class=\"note-author\">{name}")), "the board signs a note by {name}");
            assert!(!board.body.contains(&format!("— {name}")), "the board names {name}");
        }
        assert!(!board.body.contains("bw-holder"), "who holds which sheet is the server's secret");
    }
    let plan_board = console.get(&format!("/facilitator/workshops/{workshop}/activities/{plan}")).await;
    assert!(plan_board.body.contains("3 avis ont été donnés sur une version antérieure"), "{}", plan_board.body);
    // The anonymous brainwriting on the board and the screen: a table's ideas, without sheet or
    // round (together they tell the seat an idea was written from).
    let answer =
        console.post_form(&format!("/facilitator/workshops/{workshop}/focus"), &[("activity_id", &ideas)]).await;
    assert_eq!(answer.status, 303);
    let screen = console.get(&format!("/facilitator/workshops/{workshop}/screen")).await;
    let ideas_board = console.get(&settings).await;
    for (name, page) in [("screen", &screen.body), ("board", &ideas_board.body)] {
        assert!(page.contains("Idée de"), "{name} shows the ideas");
        assert!(!page.contains("bw-idea-meta") && !page.contains("bw-sheet"), "{name} tells sheets or rounds: {page}");
    }
    // Its anonymity can no longer change, nor can the SWOT's, which the room has seen.
    let refused = console.post_form(&format!("{settings}/edit"), &[("title", "Brainwriting"), ("prompt", "")]).await;
    assert_eq!(refused.status, 422, "{}", refused.body);

    // The record itself names nobody who acted in confidence: the export's subjects are
    // pseudonyms, none of which is a participant id, and it still verifies offline.
    let export = server.export(facilitator, &workshop).await;
    let export_json: Value = serde_json::from_str(&export).unwrap();
    let mut pseudonyms = BTreeMap::new();
    for event in export_json["events"].as_array().expect("the export lists its events") {
        let payload: Value = match &event["payload"] {
            Value::String(raw) => serde_json::from_str(raw).unwrap(),
            other => other.clone(),
        };
        let kind = str(event, "kind");
        if allowed_fields(kind, false).is_some() {
            for field in SUBJECT_FIELDS {
                if let Some(subject) = payload[field].as_str() {
                    assert!(!ids.contains(subject), "the record names the {field} of {kind}");
                    assert_eq!(subject.len(), 64, "a pseudonym: {subject}");
                    *pseudonyms.entry(kind.to_owned()).or_insert(0) += 1;
                }
            }
            for seats in payload["tables"].as_array().into_iter().flatten() {
                for seat in seats.as_array().unwrap() {
                    assert!(!ids.contains(seat.as_str().unwrap()), "a brainwriting seat is a participant id");
                }
            }
        }
    }
    for kind in ACTS_IN_CONFIDENCE {
        assert!(pseudonyms.get(kind).is_some_and(|n| *n > 0), "no pseudonym in {kind}: {pseudonyms:?}");
    }
    let file = data.path().join("export.json");
    std::fs::write(&file, &export).unwrap();
    let verified = converge(&["verify", file.to_str().unwrap()]);
    assert!(verified.status.success(), "{}", String::from_utf8_lossy(&verified.stdout));
}
