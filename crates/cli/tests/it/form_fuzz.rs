//! Every form of the pages answers any body a browser (or anyone) can send with a page, never a
//! server error: random field names from the forms' own vocabulary, with values that are empty,
//! huge, not numbers, numbers out of range, unknown ids, control characters, broken percent
//! escapes or invalid UTF-8, posted with a valid form token so that they reach the handlers.
//!
//! Seeded and replayable: `CONVERGE_FORM_FUZZ_SEED=N`; `CONVERGE_FORM_FUZZ_CASES=N` per route
//! for a longer run (default 12).

use converge_test_support::*;

/// The names the page forms use (a changed form keeps this list honest: unknown names are fine).
const FIELDS: &[&str] = &[
    "title",
    "code",
    "back",
    "activity_id",
    "text",
    "source",
    "kind",
    "action_id",
    "table_size",
    "stance",
    "return",
    "reason",
    "publish",
    "prompt",
    "present",
    "pending",
    "next_update_due",
    "name",
    "link",
    "contribution_id",
    "winner",
    "was_source",
    "vote_method",
    "template",
    "table",
    "status",
    "service",
    "round_minutes",
    "role",
    "rank",
    "note",
    "minutes",
    "loser",
    "language",
    "jurisdictions",
    "jurisdiction",
    "join_code",
    "item",
    "into",
    "impact_threshold",
    "ideas_per_round",
    "grades",
    "feasibility_threshold",
    "dots_cap",
    "dots_budget",
    "deck",
    "decision",
    "criteria",
    "contribution",
    "category",
    "categories",
    "card",
    "base_revision",
    "approve",
    "answerable",
    "anonymous",
    "action",
    "likelihood",
    "impact",
    "summary",
    "owner",
];

/// A small deterministic generator: the same seed sends the same bodies.
struct Dice(u64);

impl Dice {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
}

/// One value, already percent-encoded as it goes on the wire.
fn value(dice: &mut Dice, ids: &[String]) -> String {
    let plain = |text: &str| form_encode(&[("x", text)])[2..].to_owned();
    match dice.below(14) {
        0 => String::new(),
        1 => plain(&"é".repeat(dice.below(3000))),
        2 => plain(&ids[dice.below(ids.len())]),
        3 => plain(&uuid::Uuid::from_u128(u128::from(dice.next())).to_string()),
        4 => plain(&format!("-{}", dice.next())),
        5 => plain(&dice.next().to_string()),
        6 => plain(
            ["0", "1", "5", "6", "255", "65536", "1e9", "NaN", "true", "on", "2026-02-30", "9999-99-99"]
                [dice.below(12)],
        ),
        7 => "%FF%FE%80".to_owned(),                 // invalid UTF-8
        8 => "%E9t%C3".to_owned(),                   // a cut sequence
        9 => "%ZZ%4".to_owned(),                     // broken escapes
        10 => plain("\u{0}\u{7}\u{1b}[31m\u{202e}"), // control and bidi characters
        11 => plain("<script>alert(1)</script>\"'&"),
        12 => plain(&format!("{},{},{}", ids[dice.below(ids.len())], dice.next(), ids[dice.below(ids.len())])),
        _ => plain(&"x".repeat(dice.below(200))),
    }
}

fn body(dice: &mut Dice, csrf: &str, ids: &[String]) -> String {
    let mut pairs = vec![form_encode(&[("_csrf", csrf)])];
    for _ in 0..dice.below(7) {
        let name = if dice.below(10) == 0 { "%FF".to_owned() } else { FIELDS[dice.below(FIELDS.len())].to_owned() };
        pairs.push(format!("{name}={}", value(dice, ids)));
    }
    pairs.join("&")
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_form_answers_any_body_without_a_server_error() {
    let seed: u64 = std::env::var("CONVERGE_FORM_FUZZ_SEED").ok().and_then(|s| s.parse().ok()).unwrap_or(0x5eed_f0e5);
    let cases: usize = std::env::var("CONVERGE_FORM_FUZZ_CASES").ok().and_then(|s| s.parse().ok()).unwrap_or(12);
    let data = DataFolder::new();
    let server = spawn_app(&data);

    // A workshop with one activity of each kind, open, and a participant in it.
    let workshop = server.create_from_template(&data.token, "Formulaires", "smarter-democracy-hackathon").await;
    let id = str(&workshop, "id").to_owned();
    let activities: Vec<String> =
        workshop["activities"].as_array().unwrap().iter().map(|activity| str(activity, "id").to_owned()).collect();
    let mut facilitator = Browser::open(&server, "fr").await;
    facilitator.sign_in("ann@example.org", PASSWORD).await;
    let mut phone = Browser::open(&server, "fr").await;
    phone.join(str(&workshop, "join_code"), "Alice").await;
    let state = server.workshop(&data.token, &id).await;
    let participant =
        state["participants"].as_array().unwrap().iter().map(|p| str(p, "id").to_owned()).next_back().unwrap();

    let mut ids = activities.clone();
    ids.extend([id.clone(), participant.clone()]);
    let mut routes: Vec<(bool, String)> = vec![
        (true, "/facilitator/workshops".to_owned()),
        (true, format!("/facilitator/workshops/{id}/focus")),
        (true, format!("/facilitator/workshops/{id}/tables")),
        (true, format!("/facilitator/workshops/{id}/activities")),
        (true, format!("/facilitator/workshops/{id}/fates")),
        (true, format!("/facilitator/workshops/{id}/follow-up/status")),
        (true, format!("/facilitator/workshops/{id}/follow-up/commitment")),
        (true, format!("/facilitator/workshops/{id}/follow-up/publish")),
        (true, format!("/facilitator/workshops/{id}/participants/{participant}/role")),
        (true, format!("/facilitator/workshops/{id}/participants/{participant}/seat")),
        (true, format!("/facilitator/workshops/{id}/participants/{participant}/merge")),
        (false, format!("/w/{id}/presence")),
    ];
    for activity in &activities {
        for action in
            ["edit", "timer-start", "timer-extend", "brainwriting-start", "next-round", "move-down", "close", "open"]
        {
            routes.push((true, format!("/facilitator/workshops/{id}/activities/{activity}/{action}")));
        }
        for form in ["notes", "sort", "ballot", "assess", "actions"] {
            routes.push((false, format!("/w/{id}/a/{activity}/{form}")));
        }
    }
    // Open every activity first, so the participant forms reach their handlers' checks.
    for activity in &activities {
        server.open(&data.token, &id, activity).await;
    }

    let mut dice = Dice(seed.wrapping_mul(0x9e37_79b9_7f4a_7c15) | 1);
    let mut sent = 0;
    let mut by_status = std::collections::BTreeMap::<u16, usize>::new();
    for (as_facilitator, route) in &routes {
        let browser = if *as_facilitator { &mut facilitator } else { &mut phone };
        for _ in 0..cases {
            let body = body(&mut dice, &browser.csrf.clone(), &ids);
            let request = browser
                .build(reqwest::Method::POST, route)
                .header("content-type", "application/x-www-form-urlencoded")
                .body(body.clone());
            let answer = browser.send(request).await;
            sent += 1;
            *by_status.entry(answer.status).or_default() += 1;
            assert!(answer.status < 500, "POST {route} with `{body}` answered {}: {}", answer.status, answer.body);
            if answer.status >= 400 {
                assert!(
                    answer.content_type.starts_with("text/html"),
                    "POST {route}: an error page, not {}",
                    answer.content_type
                );
            }
        }
    }
    assert_eq!(server.http.get(server.url("/healthz")).send().await.unwrap().status(), 200);
    println!("{sent} bodies to {} routes (seed {seed}): answers {by_status:?}", routes.len());
}
