//! `converge demo`: the real binary replays the Wallonia hackathon into a data folder; the
//! record it leaves is checked through the export, the offline verifier and the real server.

use converge_test_support::{Browser, DataFolder, Server, converge};
use serde_json::Value;
use std::collections::BTreeMap;

/// Where the printed links point; the tests keep only their paths.
const PUBLIC_URL: &str = "http://demo.invalid";

/// What `converge demo` printed.
struct Printed {
    workshop: String,
    email: String,
    password: String,
    follow_up_path: String,
    report_command: String,
}

fn run_demo(data: &std::path::Path) -> std::process::Output {
    converge(&["demo", "--data", data.to_str().unwrap(), "--public-url", PUBLIC_URL])
}

fn make_demo() -> (tempfile::TempDir, Printed) {
    let dir = tempfile::tempdir().unwrap();
    let started = std::time::Instant::now();
    let output = run_demo(dir.path());
    let elapsed = started.elapsed();
    let stdout = String::from_utf8(output.stdout).unwrap();
    assert!(output.status.success(), "demo failed: {}\n{stdout}", String::from_utf8_lossy(&output.stderr));
    // A newcomer sees the workshop within a minute; the replay itself takes seconds.
    assert!(elapsed < std::time::Duration::from_secs(30), "the demo took {elapsed:?}");
    let after = |label: &str| -> String {
        let line = stdout.lines().find(|line| line.trim_start().starts_with(label)).unwrap_or_else(|| {
            panic!("no line starting with {label:?} in:\n{stdout}");
        });
        line.trim_start()[label.len()..].trim().to_owned()
    };
    let link = |marker: &str| -> String {
        let word = stdout.split_whitespace().find(|word| word.contains(marker));
        word.unwrap_or_else(|| panic!("no link with {marker:?} in:\n{stdout}")).to_owned()
    };
    let console = link("/facilitator/workshops/");
    let workshop = console.rsplit('/').next().unwrap().to_owned();
    let follow_up = stdout
        .lines()
        .skip_while(|line| !line.contains("follow-up page"))
        .nth(1)
        .unwrap_or_else(|| panic!("no follow-up link in:\n{stdout}"))
        .trim()
        .to_owned();
    let report_command = stdout.lines().map(str::trim).find(|line| line.starts_with("converge report")).unwrap();
    assert!(follow_up.starts_with(PUBLIC_URL), "{follow_up}");
    let printed = Printed {
        workshop,
        email: after("email:"),
        password: after("password:"),
        follow_up_path: follow_up[PUBLIC_URL.len()..].to_owned(),
        report_command: report_command.to_owned(),
    };
    assert!(stdout.contains(&format!("converge serve --data {}", dir.path().display())), "{stdout}");
    assert!(printed.report_command.contains(&printed.workshop), "{stdout}");
    (dir, printed)
}

/// The export's events as (kind, payload).
fn exported_events(dir: &std::path::Path, workshop: &str) -> (String, Vec<(String, Value)>) {
    let file = dir.join("export.json");
    let exported = converge(&["export", workshop, "--data", dir.to_str().unwrap(), "--out", file.to_str().unwrap()]);
    assert!(exported.status.success(), "export failed: {}", String::from_utf8_lossy(&exported.stderr));
    let verified = converge(&["verify", file.to_str().unwrap()]);
    assert!(verified.status.success(), "verify refused the demo: {}", String::from_utf8_lossy(&verified.stdout));
    assert!(String::from_utf8_lossy(&verified.stdout).starts_with("OK"));
    let text = std::fs::read_to_string(&file).unwrap();
    let document: Value = serde_json::from_str(&text).unwrap();
    let events = document["events"]
        .as_array()
        .unwrap()
        .iter()
        .map(|event| {
            let payload = match &event["payload"] {
                Value::String(raw) => serde_json::from_str(raw).unwrap(),
                other => other.clone(),
            };
            (event["kind"].as_str().unwrap().to_owned(), payload)
        })
        .collect();
    (text, events)
}

#[test]
fn the_demo_replays_the_whole_hackathon_into_a_record_that_verifies() {
    let (dir, printed) = make_demo();
    assert_eq!(printed.email, "demo@converge.local");
    assert!(printed.password.len() >= 16, "a long random password: {}", printed.password);
    let (text, events) = exported_events(dir.path(), &printed.workshop);
    let count = |kind: &str| events.iter().filter(|(k, _)| k == kind).count();
    let payloads = |kind: &'static str| events.iter().filter(move |(k, _)| k == kind).map(|(_, payload)| payload);

    // 20 civil servants and 5 experts joined, and the facilitator account.
    assert_eq!(count("participant_joined"), 26);
    let experts = payloads("participant_role_changed").filter(|payload| payload["role"] == "expert").count();
    assert_eq!(experts, 5);
    // Names and services stay outside the log.
    assert!(!text.contains("Sophie L."), "a participant's name is in the record");
    assert!(!text.contains("SPW Mobilité"), "a participant's service is in the record");

    // Every activity of the flagship template ran, from the vision to the risks.
    assert_eq!(count("activity_added"), 10);
    assert_eq!(count("activity_opened"), 10);
    assert_eq!(count("activity_closed"), 10);
    let mut kinds: BTreeMap<String, usize> = BTreeMap::new();
    for payload in payloads("contribution_posted") {
        *kinds.entry(payload["kind"].as_str().unwrap().to_owned()).or_default() += 1;
    }
    for kind in ["vision", "strength", "weakness", "opportunity", "threat", "challenge", "question", "idea", "risk"] {
        assert!(kinds.get(kind).is_some_and(|n| *n > 0), "no {kind} in {kinds:?}");
    }
    assert_eq!(kinds["vision"], 25, "one card each");
    assert_eq!(kinds["idea"], 75, "25 sheets, three rounds");
    assert!(payloads("contribution_posted").filter(|p| p["kind"] == "vision").all(|p| p["card"].is_string()));
    let questions = payloads("contribution_posted").filter(|p| p["kind"] == "question");
    assert!(questions.clone().all(|p| p["text"].as_str().unwrap().starts_with("Comment pourrions-nous")));
    assert!(count("contributions_merged") >= 3, "duplicates merged");
    assert_eq!(count("contribution_categorized"), 13);
    let categories: std::collections::BTreeSet<u64> =
        payloads("contribution_categorized").map(|p| p["category"].as_u64().unwrap()).collect();
    assert_eq!(categories.len(), 4, "the four priority categories");
    assert_eq!(count("brainwriting_round_started"), 2);
    // Each step feeds the next: a hand shortlist of the ideas is assessed, its top ten voted
    // on, the vote's top five planned; the sheets take the four categories.
    assert_eq!(count("shortlist_set"), 1);
    assert_eq!(count("selection_recorded"), 4, "the sheets, the assessment, the vote and the plan");
    let shortlist: Vec<&serde_json::Value> =
        payloads("shortlist_set").flat_map(|p| p["items"].as_array().unwrap().iter()).collect();
    assert!((19..=30).contains(&shortlist.len()), "{} ideas shortlisted", shortlist.len());
    let carried: Vec<usize> = payloads("selection_recorded").map(|p| p["items"].as_array().unwrap().len()).collect();
    assert_eq!(carried[1..], [shortlist.len(), 10, 5], "{carried:?}");
    assert!(payloads("item_assessed").all(|p| shortlist.contains(&&p["item"])), "only the shortlist is assessed");
    assert!(count("item_assessed") > 250);
    assert_eq!(count("ballot_cast"), 25);
    assert_eq!(count("results_frozen"), 2, "the assessment and the vote");

    // The 19 actions, split between the administration, the next government and both.
    assert_eq!(count("action_drafted"), 19);
    let mut jurisdictions: BTreeMap<String, usize> = BTreeMap::new();
    for payload in payloads("action_drafted") {
        *jurisdictions.entry(payload["card"]["jurisdiction"].as_str().unwrap().to_owned()).or_default() += 1;
        assert!(!payload["sources"].as_array().unwrap().is_empty(), "every action names its sources");
    }
    assert_eq!(jurisdictions.keys().collect::<Vec<_>>(), ["administration", "government", "shared"]);
    assert_eq!(jurisdictions.values().sum::<usize>(), 19);
    assert!(count("action_edited") >= 1);
    let stances: Vec<&str> = payloads("consensus_given").map(|p| p["stance"].as_str().unwrap()).collect();
    assert_eq!(stances.iter().filter(|stance| **stance == "object").count(), 1);
    assert!(stances.iter().filter(|stance| **stance == "can_live_with").count() >= 2);
    let objection = payloads("consensus_given").find(|p| p["stance"] == "object").unwrap();
    assert!(!objection["reason"].as_str().unwrap().is_empty(), "an objection says why");

    // The map of risks, rated by everyone and linked to the actions that mitigate them.
    let risks: Vec<&str> =
        payloads("contribution_posted").filter(|p| p["kind"] == "risk").map(|p| p["text"].as_str().unwrap()).collect();
    for theme in ["intelligence artificielle", "intérêt politique", "coordination", "cadre juridique"] {
        assert!(risks.iter().any(|risk| risk.contains(theme)), "no risk about {theme}: {risks:?}");
    }
    assert!(count("risk_rated") >= 25 * 8);
    assert!(count("mitigations_linked") >= 4);

    // Fates decided in bulk, the workshop closed, every action followed up.
    let fates: Vec<&str> = payloads("fates_decided").map(|p| p["decision"]["decision"].as_str().unwrap()).collect();
    assert!(fates.contains(&"retained") && fates.contains(&"not_retained"), "{fates:?}");
    assert_eq!(count("workshop_closed"), 1);
    assert_eq!(count("commitment_set"), 19);
    let statuses: Vec<&str> = payloads("action_status_updated").map(|p| p["status"].as_str().unwrap()).collect();
    for status in ["in_progress", "done", "dropped"] {
        assert!(statuses.contains(&status), "no {status} in {statuses:?}");
    }
    let dropped = payloads("action_status_updated").find(|p| p["status"] == "dropped").unwrap();
    assert!(!dropped["note"].as_str().unwrap().is_empty(), "a dropped action says why");
    let today = today();
    let overdue =
        payloads("commitment_set").filter_map(|p| p["next_update_due"].as_str()).any(|due| due < today.as_str());
    assert!(overdue, "one commitment's next update is already late");
    let published: Vec<&Value> = payloads("follow_up_published").collect();
    assert_eq!(published.len(), 1);
    let token = published[0]["token"].as_str().unwrap();
    assert_eq!(token.len(), 32);
    assert!(printed.follow_up_path.ends_with(token), "{}", printed.follow_up_path);
}

/// Today's date (UTC) as `YYYY-MM-DD`, from the same rule the engine uses.
fn today() -> String {
    let now = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).unwrap().as_millis() as i64;
    converge_core::CalendarDate::of(converge_core::Timestamp(now)).to_string()
}

#[test]
fn a_second_demo_in_the_same_folder_is_refused() {
    let (dir, _) = make_demo();
    let again = run_demo(dir.path());
    assert_eq!(again.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&again.stderr);
    assert!(stderr.contains("already holds the demo"), "{stderr}");
    assert!(again.stdout.is_empty(), "nothing printed as if it worked");
}

#[tokio::test]
async fn the_demo_opens_in_the_server_with_the_printed_password() {
    let (dir, printed) = make_demo();
    let data = DataFolder { dir, token: String::new() };
    let server = Server::start(&data);
    let mut browser = Browser::open(&server, "fr").await;
    browser.sign_in(&printed.email, &printed.password).await;
    let console = browser.get(&format!("/facilitator/workshops/{}", printed.workshop)).await;
    assert_eq!(console.status, 200, "{}", console.body);
    assert!(console.body.contains("Wallonie (démonstration)"), "the console shows the demo workshop");

    let mut stranger = Browser::open(&server, "fr").await;
    let wrong = stranger.post_form("/signin", &[("email", &printed.email), ("password", "demo")]).await;
    assert_ne!(wrong.status, 303, "no fixed, guessable password");
}

#[tokio::test]
async fn the_demo_refuses_a_folder_a_running_server_uses() {
    let data = DataFolder::new();
    let _server = Server::start(&data);
    let output = run_demo(data.path());
    assert_eq!(output.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("already using"), "{stderr}");
}

#[tokio::test]
async fn the_public_follow_up_page_shows_the_nineteen_actions_by_jurisdiction_with_their_progress() {
    let (dir, printed) = make_demo();
    let data = DataFolder { dir, token: String::new() };
    let server = Server::start(&data);
    // No sign-in: the printed link is all a reader needs.
    let response = server.http.get(server.url(&printed.follow_up_path)).send().await.unwrap();
    assert_eq!(response.status(), 200);
    let page = response.text().await.unwrap();

    let sections: Vec<&str> = page.split("<section class=\"jurisdiction\">").skip(1).collect();
    let headings: Vec<&str> = sections
        .iter()
        .map(|section| section.split("<h2>").nth(1).and_then(|rest| rest.split("</h2>").next()).unwrap())
        .collect();
    assert_eq!(headings, ["L’administration elle-même", "Le prochain gouvernement", "Partagée"]);
    let actions_in = |section: &str| section.matches("data-action=\"").count();
    assert_eq!(sections.iter().map(|section| actions_in(section)).collect::<Vec<_>>(), [8, 6, 5]);

    let article_of = |title: &str| -> &str {
        let at = page.find(title).unwrap_or_else(|| panic!("{title:?} is not on the follow-up page"));
        let start = page[..at].rfind("data-action=\"").unwrap();
        let end = page[at..].find("data-action=\"").map_or(page.len(), |next| at + next);
        &page[start..end]
    };
    let done = article_of("Un inventaire public des démarches participatives du SPW");
    assert!(done.contains("data-status=\"done\""), "the inventory is done");
    let dropped = article_of("Une plateforme numérique régionale de participation");
    assert!(dropped.contains("data-status=\"dropped\""), "the platform was dropped");
    assert!(dropped.contains("une plateforme de plus ferait doublon"), "with its reason");
    let late = article_of("Une grille commune d’évaluation des démarches participatives");
    assert!(late.contains("data-overdue"), "the evaluation grid's update is overdue");
    assert_eq!(page.matches("data-overdue").count(), 1, "only that one");
    assert!(article_of("Un décret-cadre wallon sur la participation citoyenne").contains("data-status=\"planned\""));
    assert!(!page.contains("Sophie L."), "no participant's name on a public page");
}

#[test]
fn the_printed_report_command_writes_the_report_of_the_demo() {
    let (dir, printed) = make_demo();
    let out = dir.path().join("rapport.html");
    // The command as printed, with the report written into the test's folder.
    let mut words: Vec<String> = printed.report_command.split_whitespace().skip(1).map(str::to_owned).collect();
    let out_at = words.iter().position(|word| word == "--out").unwrap() + 1;
    words[out_at] = out.to_str().unwrap().to_owned();
    let words: Vec<&str> = words.iter().map(String::as_str).collect();
    let written = converge(&words);
    assert!(written.status.success(), "report failed: {}", String::from_utf8_lossy(&written.stderr));
    let report = std::fs::read_to_string(&out).unwrap();
    for title in [
        "Une communauté de pratique transversale de la participation citoyenne",
        "Un programme de formation des agents à la participation et à l’écoute",
        "Une charte wallonne de la participation contre le « civic washing »",
        "Un décret-cadre wallon sur la participation citoyenne",
    ] {
        assert!(report.contains(title), "{title:?} is not in the report");
    }
    assert!(report.contains("Cartographie partagée des risques"));
    assert!(!report.contains("Sophie L."), "no participant's name in the report");
}
