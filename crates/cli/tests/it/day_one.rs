//! Day 1 of the Wallonia hackathon, scripted over HTTP: a room of 20 civil servants from 6
//! services goes through the flagship template's first day (photo language, SWOT, challenges,
//! reformulation, sorting into four categories, brainwriting), and the record holds exactly
//! what was posted.

use converge_test_support::*;
use serde_json::{Value, json};
use std::collections::{BTreeMap, HashSet};

const SERVICES: [&str; 6] = ["Intérieur", "Mobilité", "Environnement", "Économie", "Social", "Budget"];
const CARDS: [&str; 5] = ["bridge", "lighthouse", "round-table", "seeds", "compass"];

/// The flagship template's workshop with twenty agents of six services who joined, and its
/// facilitator signed in.
struct DayOne {
    room: Room,
    /// The agenda's activities, in order.
    activities: Vec<String>,
}

impl std::ops::Deref for DayOne {
    type Target = Room;
    fn deref(&self) -> &Room {
        &self.room
    }
}

impl std::ops::DerefMut for DayOne {
    fn deref_mut(&mut self) -> &mut Room {
        &mut self.room
    }
}

impl DayOne {
    async fn post(&self, who: usize, activity: usize, body: Value) -> Value {
        let mut body = body;
        body["activity_id"] = json!(self.activities[activity]);
        let response = self
            .server
            .http
            .post(self.server.url(&format!("/api/v1/workshops/{}/contributions", self.workshop)))
            .bearer_auth(&self.people[who].token)
            .json(&body)
            .send()
            .await
            .unwrap();
        let status = response.status();
        let answer: Value = response.json().await.unwrap();
        assert_eq!(status, 201, "participant {who} in activity {activity}: {answer}");
        answer
    }

    /// Posts one of the console's forms.
    async fn console_form(&mut self, path: &str, fields: &[(&str, &str)]) {
        let path = self.room.console(path);
        let answer = self.room.facilitator.post_form(&path, fields).await;
        assert_eq!(answer.status, 303, "{path}: {}", answer.body);
    }

    async fn open(&mut self, activity: usize) {
        let path = format!("/activities/{}/open", self.activities[activity]);
        self.console_form(&path, &[]).await;
    }

    async fn state(&self) -> Value {
        self.server.workshop(&self.data.token, &self.workshop).await
    }
}

async fn room() -> DayOne {
    let template = "smarter-democracy-hackathon";
    let mut room = Room::new("Smarter Democracy Hackathon").from_template(template).build().await;
    let kinds: Vec<&str> = room.created["activities"].as_array().unwrap().iter().map(|a| str(a, "kind")).collect();
    assert_eq!(&kinds[..6], ["photo_language", "swot", "challenges", "reformulate", "categorize", "brainwriting"]);
    for n in 0..20 {
        room.join(&format!("Agent {n}"), SERVICES[n % 6]).await;
    }
    let activities = room.activities();
    DayOne { room, activities }
}

fn contributions_in<'a>(state: &'a Value, activity: &str) -> Vec<&'a Value> {
    state["contributions"].as_array().unwrap().iter().filter(|c| c["activity_id"] == activity).collect()
}

#[tokio::test]
async fn a_room_of_twenty_goes_through_day_one_and_the_record_holds_what_was_posted() {
    let mut room = room().await;

    // Tables that mix services: 20 people at tables of 6 give 4 tables of 5.
    room.console_form("/tables", &[("table_size", "6")]).await;
    let state = room.state().await;
    let mut tables: BTreeMap<u64, Vec<&str>> = BTreeMap::new();
    for participant in state["participants"].as_array().unwrap() {
        if let Some(table) = participant["table"].as_u64() {
            tables.entry(table).or_default().push(str(participant, "service"));
        }
    }
    assert_eq!(tables.len(), 4);
    for services in tables.values() {
        assert_eq!(services.len(), 5);
        let distinct: HashSet<&&str> = services.iter().collect();
        assert_eq!(distinct.len(), 5, "each table mixes services: {services:?}");
    }

    // Photo language: everyone picks a card and says why.
    room.open(0).await;
    for who in 0..20 {
        room.post(who, 0, json!({"text": format!("Vision {who}"), "card": CARDS[who % CARDS.len()]})).await;
    }
    // SWOT: notes in each quadrant.
    room.open(1).await;
    let quadrants = ["strength", "weakness", "opportunity", "threat"];
    for who in 0..20 {
        room.post(who, 1, json!({"text": format!("SWOT {who}"), "kind": quadrants[who % 4]})).await;
    }
    // Challenges, two of which say the same thing.
    room.open(2).await;
    let mut challenges = Vec::new();
    for who in 0..10 {
        let posted = room.post(who, 2, json!({"text": format!("Défi {who}")})).await;
        challenges.push(str(&posted, "id").to_owned());
    }
    let merge = format!("/contributions/{}/merge", challenges[1]);
    let into = challenges[0].clone();
    room.console_form(&merge, &[("into", &into)]).await;
    // Reformulations, each from a challenge.
    room.open(3).await;
    let mut questions = Vec::new();
    for who in 0..10 {
        let source = &challenges[if who == 1 { 0 } else { who }];
        let posted =
            room.post(who, 3, json!({"text": format!("Comment pourrions-nous {who} ?"), "links": [source]})).await;
        questions.push(str(&posted, "id").to_owned());
    }
    // Sorting the questions into the four categories, by participants and the facilitator.
    room.open(4).await;
    let sort_path = format!("/w/{}/a/{}/sort", room.workshop, room.activities[4]);
    let mut phone = Browser::open(&room.server, "fr").await;
    let join_code = room.state().await["join_code"].as_str().unwrap().to_owned();
    phone.join(&join_code, "Agent au téléphone").await;
    for (index, question) in questions.iter().enumerate() {
        let category = (index % 4).to_string();
        if index % 2 == 0 {
            let answer = phone.post_form(&sort_path, &[("contribution_id", question), ("category", &category)]).await;
            assert_eq!(answer.status, 303, "{}", answer.body);
        } else {
            let path = format!("/contributions/{question}/categorize");
            let activity = room.activities[4].clone();
            room.console_form(&path, &[("activity_id", &activity), ("category", &category)]).await;
        }
    }
    // Brainwriting: two rounds at the tables.
    room.open(5).await;
    let start = format!("/activities/{}/brainwriting-start", room.activities[5]);
    room.console_form(&start, &[]).await;
    for who in 0..20 {
        for idea in 0..3 {
            room.post(who, 5, json!({"text": format!("Idée {who}-0-{idea}")})).await;
        }
    }
    let refused = room
        .server
        .http
        .post(room.server.url(&format!("/api/v1/workshops/{}/contributions", room.workshop)))
        .bearer_auth(&room.people[0].token)
        .json(&json!({"activity_id": room.activities[5], "text": "une de trop"}))
        .send()
        .await
        .unwrap();
    assert_eq!(refused.status(), 422);
    assert_eq!(refused.json::<Value>().await.unwrap()["error"]["code"], "round_ideas_spent");
    let next = format!("/activities/{}/next-round", room.activities[5]);
    room.console_form(&next, &[]).await;
    for who in 0..20 {
        room.post(who, 5, json!({"text": format!("Idée {who}-1")})).await;
    }

    // The record holds exactly what was posted.
    let state = room.state().await;
    let count = |activity: usize| contributions_in(&state, &room.activities[activity]).len();
    assert_eq!([count(0), count(1), count(2), count(3), count(4), count(5)], [20, 20, 10, 10, 0, 80]);
    let texts: HashSet<&str> = state["contributions"].as_array().unwrap().iter().map(|c| str(c, "text")).collect();
    for who in 0..20 {
        assert!(texts.contains(format!("Vision {who}").as_str()));
        assert!(texts.contains(format!("Idée {who}-1").as_str()));
    }
    let by_quadrant: BTreeMap<&str, usize> =
        contributions_in(&state, &room.activities[1]).iter().fold(BTreeMap::new(), |mut counts, c| {
            *counts.entry(str(c, "kind")).or_default() += 1;
            counts
        });
    assert_eq!(by_quadrant.values().copied().collect::<Vec<_>>(), vec![5, 5, 5, 5]);
    for (question, contribution) in questions.iter().zip(contributions_in(&state, &room.activities[3])) {
        assert_eq!(str(contribution, "id"), question);
        assert_eq!(contribution["links"].as_array().unwrap().len(), 1, "each reformulation names its challenge");
    }
    // Every idea sits on a sheet, at most three per author, sheet and round.
    let export = room.server.export(&room.data.token, &room.workshop).await;
    let document: Value = serde_json::from_str(&export).unwrap();
    let mut per_sheet: BTreeMap<String, usize> = BTreeMap::new();
    let mut sorted = 0;
    let mut merged = 0;
    for event in document["events"].as_array().unwrap() {
        let payload = &event["payload"];
        match str(event, "kind") {
            "contribution_posted" if payload["activity_id"] == room.activities[5].as_str() => {
                let sheet = &payload["sheet"];
                assert!(sheet.is_object(), "an idea without its sheet: {payload}");
                *per_sheet
                    .entry(format!("{}-{}-{}-{}", payload["author"], sheet["table"], sheet["sheet"], sheet["round"]))
                    .or_default() += 1;
            }
            "contribution_categorized" => sorted += 1,
            "contributions_merged" => merged += 1,
            _ => {}
        }
    }
    assert!(per_sheet.values().all(|n| *n <= 3));
    assert_eq!(per_sheet.values().sum::<usize>(), 80);
    assert_eq!((sorted, merged), (10, 1));
    let board = format!("/facilitator/workshops/{}/activities/{}", room.workshop, room.activities[5]);
    let facilitator_board = room.facilitator.get(&board).await;
    assert_eq!(facilitator_board.status, 200);
    let file = room.data.path().join("day-one.json");
    std::fs::write(&file, export).unwrap();
    assert!(converge(&["verify", file.to_str().unwrap()]).status.success());
}
