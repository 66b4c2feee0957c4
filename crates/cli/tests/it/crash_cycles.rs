//! Crash after crash, nothing acknowledged is lost: the server is killed with SIGKILL at a
//! random moment while participants post notes in one workshop and vote in another, restarted,
//! and killed again, `CONVERGE_CRASH_CYCLES` times (20 by default; set a larger count for a long
//! run). After every restart each acknowledged note is stored exactly once, each acknowledged
//! ballot is the event at the sequence number the server answered with, and both hash chains
//! verify.
//!
//! `CONVERGE_CRASH_SEED` replays a run: the kill moments come from it.

use converge_test_support::*;
use serde_json::{Value, json};
use std::collections::{BTreeMap, HashSet};
use std::sync::{Arc, Mutex};
use std::time::Duration;

const POSTERS: usize = 12;
const VOTERS: usize = 12;
const ITEMS: usize = 5;

/// What the server acknowledged: note ids, and ballots with the sequence number each got.
#[derive(Default)]
struct Acknowledged {
    notes: Vec<String>,
    ballots: Vec<(u64, BTreeMap<String, u8>)>,
}

/// A small deterministic generator, so a failing run can be replayed from its seed.
struct Moments(u64);

impl Moments {
    fn next_ms(&mut self, low: u64, high: u64) -> u64 {
        self.0 = self.0.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1_442_695_040_888_963_407);
        low + (self.0 >> 33) % (high - low)
    }
}

fn env_number(name: &str, default: u64) -> u64 {
    std::env::var(name).ok().and_then(|raw| raw.parse().ok()).unwrap_or(default)
}

#[tokio::test]
async fn repeated_kills_lose_no_acknowledged_note_or_ballot() {
    let cycles = env_number("CONVERGE_CRASH_CYCLES", 20);
    let seed = env_number("CONVERGE_CRASH_SEED", 0x5eed);
    let mut moments = Moments(seed);
    let data = DataFolder::new();
    let server = Server::start(&data);

    // Notes go to a workshop of its own, so the items of the vote stay fixed while notes flow.
    let notes = server.create_workshop(&data.token, "Pannes à répétition").await;
    let notes_id = str(&notes, "id").to_owned();
    let notes_activity = notes["activities"][0]["id"].as_str().unwrap().to_owned();
    server.open(&data.token, &notes_id, &notes_activity).await;
    let mut posters = Vec::new();
    for n in 0..POSTERS {
        posters.push(str(&server.join(str(&notes, "join_code"), &format!("Auteur {n}")).await, "token").to_owned());
    }

    let vote = VoteRoom::open(&server, &data, "Vote sous pannes", VOTERS, ITEMS).await;
    let (vote_id, ballot_box, voters, items) =
        (vote.workshop.clone(), vote.ballot_box.clone(), vote.voters.clone(), vote.items.clone());

    let acknowledged: Arc<Mutex<Acknowledged>> = Arc::default();
    let mut server = server;
    let mut cycles_with_acknowledged_writes = 0;
    for cycle in 0..cycles {
        let base = server.base.clone();
        let mut tasks = Vec::new();
        for (n, token) in posters.iter().enumerate() {
            let (acknowledged, base, token) = (acknowledged.clone(), base.clone(), token.clone());
            let (workshop, activity) = (notes_id.clone(), notes_activity.clone());
            tasks.push(tokio::spawn(async move {
                let http = reqwest::Client::new();
                for i in 0.. {
                    let body = json!({"activity_id": activity, "text": format!("note {cycle}-{n}-{i}")});
                    let url = format!("{base}/api/v1/workshops/{workshop}/contributions");
                    let Ok(response) = http.post(url).bearer_auth(&token).json(&body).send().await else { return };
                    if response.status() != 201 {
                        return;
                    }
                    let Ok(body) = response.json::<Value>().await else { return };
                    acknowledged.lock().unwrap().notes.push(str(&body, "id").to_owned());
                }
            }));
        }
        for (n, token) in voters.iter().enumerate() {
            let (acknowledged, base, token, items) = (acknowledged.clone(), base.clone(), token.clone(), items.clone());
            let (workshop, activity) = (vote_id.clone(), ballot_box.clone());
            tasks.push(tokio::spawn(async move {
                let http = reqwest::Client::new();
                for i in 0usize.. {
                    // Each ballot differs from the voter's previous one, so each is recorded.
                    let grades: BTreeMap<String, u8> = items
                        .iter()
                        .enumerate()
                        .map(|(k, item)| (item.clone(), ((cycle as usize + n + i + k) % 6) as u8))
                        .collect();
                    let url = format!("{base}/api/v1/workshops/{workshop}/activities/{activity}/ballots");
                    let body = json!({"type": "grades", "grades": grades});
                    let Ok(response) = http.post(url).bearer_auth(&token).json(&body).send().await else { return };
                    if response.status() != 201 {
                        return;
                    }
                    let Ok(answer) = response.json::<Value>().await else { return };
                    let Some(seq) = answer["seq"].as_u64() else { return };
                    acknowledged.lock().unwrap().ballots.push((seq, grades));
                }
            }));
        }
        tokio::time::sleep(Duration::from_millis(moments.next_ms(30, 400))).await;
        server.kill();
        for task in tasks {
            let _ = task.await;
        }

        server = Server::start(&data);
        let (notes, ballots) = {
            let acknowledged = acknowledged.lock().unwrap();
            (acknowledged.notes.clone(), acknowledged.ballots.clone())
        };
        check_notes(&server, &data, &notes_id, &notes).await;
        check_ballots(&server, &data, &vote_id, &ballots).await;
        if !notes.is_empty() || !ballots.is_empty() {
            cycles_with_acknowledged_writes += 1;
        }
    }
    let acknowledged = acknowledged.lock().unwrap();
    assert!(
        cycles_with_acknowledged_writes * 2 > cycles
            && !acknowledged.notes.is_empty()
            && !acknowledged.ballots.is_empty(),
        "the kills came before any write was acknowledged: the test proved nothing"
    );
    eprintln!(
        "{cycles} kill cycles (seed {seed}): {} notes and {} ballots acknowledged, none lost",
        acknowledged.notes.len(),
        acknowledged.ballots.len()
    );
}

/// Every acknowledged note is stored exactly once, and the chain verifies.
async fn check_notes(server: &Server, data: &DataFolder, workshop: &str, acknowledged: &[String]) {
    let state = server.workshop(&data.token, workshop).await;
    let stored: Vec<&str> = state["contributions"].as_array().unwrap().iter().map(|c| str(c, "id")).collect();
    let unique: HashSet<&str> = stored.iter().copied().collect();
    assert_eq!(unique.len(), stored.len(), "a note is stored twice");
    for id in acknowledged {
        assert!(unique.contains(id.as_str()), "acknowledged note {id} was lost");
    }
    verify(server, data, workshop).await;
}

/// Every acknowledged ballot is the event at the sequence number the server answered with.
async fn check_ballots(
    server: &Server,
    data: &DataFolder,
    workshop: &str,
    acknowledged: &[(u64, BTreeMap<String, u8>)],
) {
    let export: Value = serde_json::from_str(&server.export(&data.token, workshop).await).unwrap();
    let events: BTreeMap<u64, &Value> =
        export["events"].as_array().unwrap().iter().map(|event| (event["seq"].as_u64().unwrap(), event)).collect();
    for (seq, grades) in acknowledged {
        let event = events.get(seq).unwrap_or_else(|| panic!("acknowledged ballot at seq {seq} was lost"));
        assert_eq!(event["kind"], "ballot_cast", "seq {seq} holds another event");
        let stored: BTreeMap<String, u8> =
            serde_json::from_value(event["payload"]["ballot"]["grades"].clone()).unwrap();
        assert_eq!(&stored, grades, "the ballot at seq {seq} is not the one acknowledged");
    }
    verify(server, data, workshop).await;
}

async fn verify(server: &Server, data: &DataFolder, workshop: &str) {
    let file = data.path().join(format!("{workshop}.json"));
    std::fs::write(&file, server.export(&data.token, workshop).await).unwrap();
    let verified = converge(&["verify", file.to_str().unwrap()]);
    assert!(verified.status.success(), "{}", String::from_utf8_lossy(&verified.stdout));
}
