//! The report through the real server and the real command line: the facilitator downloads the
//! HTML page and the CSV tables, a participant cannot, anonymous authors stay anonymous, and
//! `converge report` writes every format from a data folder.

use converge_test_support::*;
use serde_json::{Value, json};

/// The service of the participant who writes only in the anonymous SWOT.
const HIDDEN_SERVICE: &str = "Cabinet Xylophone";

/// The contributions of the room: Alice's signed challenge and Zoé's two anonymous SWOT notes.
const N_CONTRIBUTIONS: usize = 3;

async fn post(room: &Room, index: usize, body: Value) {
    let answer = room.post(index, body).await;
    assert_eq!(answer.status, 201, "{}", answer.body);
}

/// The flagship template's first day, with a signed challenge and an anonymous SWOT note, on
/// the server in-process. Alice is `people[0]`, her browser holding her cookie; Zoé, who
/// writes only in the anonymous SWOT, is `people[1]`.
async fn room() -> Room {
    posted(day_one().build().await).await
}

/// The same room on the real binary, for the tests that stop it the hard way.
async fn room_on_the_binary() -> Room {
    let data = DataFolder::new();
    let server = Server::start(&data);
    posted(day_one().build_on(server, data).await).await
}

fn day_one() -> RoomBuilder {
    let people = [("Alice Dupont", "SPW Mobilité"), ("Zoé Secrète", HIDDEN_SERVICE)];
    Room::new("Atelier rapporté").from_template("smarter-democracy-hackathon").people(&people)
}

/// Opens the SWOT and the challenges, and posts the contributions.
async fn posted(room: Room) -> Room {
    let (alice, zoe) = (0, 1);
    let (swot, challenges) = (room.activity("swot"), room.activity("challenges"));
    room.server.open(room.token(), &room.workshop, &swot).await;
    room.server.open(room.token(), &room.workshop, &challenges).await;
    post(&room, zoe, json!({"activity_id": swot, "kind": "weakness", "text": "Une hiérarchie qui décide seule"})).await;
    post(&room, zoe, json!({"activity_id": swot, "kind": "strength", "text": "=1+1 des agents engagés"})).await;
    post(&room, alice, json!({"activity_id": challenges, "text": "Associer les citoyens plus tôt"})).await;
    room
}

fn csv_rows(bytes: &[u8]) -> Vec<csv::StringRecord> {
    let text = std::str::from_utf8(bytes).unwrap().strip_prefix('\u{feff}').expect("a byte-order mark");
    csv::Reader::from_reader(text.as_bytes()).records().map(Result::unwrap).collect()
}

#[tokio::test]
async fn the_facilitator_downloads_the_report_and_a_participant_cannot() {
    let mut room = room().await;
    let (seq, head_hash) = log_head(&room.server, &room.data.token, &room.workshop).await;
    let mut facilitator = Browser::open(&room.server, "fr").await;
    facilitator.sign_in("ann@example.org", PASSWORD).await;
    let base = format!("/facilitator/workshops/{}/report", room.workshop);

    let console = facilitator.get(&format!("/facilitator/workshops/{}", room.workshop)).await;
    assert!(console.body.contains(&format!("href=\"{base}\"")), "the console links to the report");
    assert!(console.body.contains(&format!("href=\"{base}/votes.csv\"")));
    assert!(console.body.contains(&format!("href=\"{base}.pdf\"")));

    let response = facilitator.send(facilitator.build(reqwest::Method::GET, &base)).await;
    assert_eq!(response.status, 200, "{}", response.body);
    let html = response.body;
    assert!(html.contains("<h1>Atelier rapporté</h1>"));
    assert!(html.contains("Une hiérarchie qui décide seule") && html.contains("Associer les citoyens plus tôt"));
    assert!(html.contains(&head_hash), "the report gives the log's head hash");
    assert!(html.contains(&format!("Nombre d’événements : {seq}")));
    assert!(!html.contains("Alice") && !html.contains("Zoé"), "nobody is named");
    assert_eq!(html.matches(HIDDEN_SERVICE).count(), 1, "the anonymous author's service is only counted");

    // Headers: shown inline, under a policy that lets its one stylesheet through and nothing else.
    let page = room
        .server
        .http
        .get(room.server.url(&base))
        .header("cookie", facilitator.cookie_header())
        .send()
        .await
        .unwrap();
    assert_eq!(page.headers()["content-type"], "text/html; charset=utf-8");
    assert!(page.headers()["content-disposition"].to_str().unwrap().starts_with("inline"));
    let policy = page.headers()["content-security-policy"].to_str().unwrap().to_owned();
    assert!(policy.contains("style-src 'sha256-") && !policy.contains("script-src"), "{policy}");

    let table = room
        .server
        .http
        .get(room.server.url(&format!("{base}/contributions.csv")))
        .header("cookie", facilitator.cookie_header())
        .send()
        .await
        .unwrap();
    assert_eq!(table.status(), 200);
    assert_eq!(table.headers()["content-type"], "text/csv; charset=utf-8");
    assert!(table.headers()["content-disposition"].to_str().unwrap().starts_with("attachment; filename="));
    let bytes = table.bytes().await.unwrap();
    let rows = csv_rows(&bytes);
    assert_eq!(rows.len(), N_CONTRIBUTIONS);
    let text = String::from_utf8(bytes.to_vec()).unwrap();
    assert!(!text.contains(HIDDEN_SERVICE), "an anonymous note carries no service");
    assert!(text.contains("SPW Mobilité"), "a signed note carries its author's service");
    assert!(text.contains("'=1+1 des agents engagés"), "a formula is made inert");

    let unknown = facilitator.get(&format!("{base}/ballots.csv")).await;
    assert_eq!(unknown.status, 404);

    // A participant is sent to sign in, for the page and every table.
    for path in [base.clone(), format!("{base}/contributions.csv"), format!("{base}/risks.csv")] {
        let answer = room.people[0].browser.get(&path).await;
        assert_eq!(answer.status, 303, "{path}");
        assert_eq!(answer.location.as_deref(), Some("/signin"), "{path}");
        assert!(!answer.body.contains("Une hiérarchie"), "{path}");
    }
}

#[tokio::test]
async fn converge_report_writes_every_format_from_a_data_folder() {
    let room = room_on_the_binary().await;
    let workshop = room.workshop.clone();
    let (seq, head_hash) = log_head(&room.server, &room.data.token, &workshop).await;
    let data = room.data;
    room.server.kill();
    let folder = data.path().to_str().unwrap().to_owned();
    let out = tempfile::tempdir().unwrap();
    let path = |name: &str| out.path().join(name).to_str().unwrap().to_owned();

    let html = path("report.html");
    let written = converge(&["report", &workshop, "--format", "html", "--out", &html, "--data", &folder]);
    assert!(written.status.success(), "{}", String::from_utf8_lossy(&written.stderr));
    let page = std::fs::read_to_string(&html).unwrap();
    assert!(page.starts_with("<!DOCTYPE html>") && page.contains(&head_hash));

    let tables = path("tables");
    let written = converge(&["report", &workshop, "--format", "csv", "--out", &tables, "--data", &folder]);
    assert!(written.status.success(), "{}", String::from_utf8_lossy(&written.stderr));
    for name in ["contributions", "assessments", "votes", "actions", "risks"] {
        let file = std::path::Path::new(&tables).join(format!("{name}.csv"));
        let rows = csv_rows(&std::fs::read(&file).unwrap());
        if name == "contributions" {
            assert_eq!(rows.len(), 3);
        }
    }

    let json = path("record.json");
    let written = converge(&["report", &workshop, "--format", "json", "--out", &json, "--data", &folder]);
    assert!(written.status.success(), "{}", String::from_utf8_lossy(&written.stderr));
    let verified = converge(&["verify", &json]);
    let said = String::from_utf8_lossy(&verified.stdout);
    assert!(
        verified.status.success() && said.contains(&format!("{seq} events")) && said.contains(&head_hash),
        "{said}"
    );

    let unknown = converge(&[
        "report",
        "00000000-0000-0000-0000-000000000000",
        "--format",
        "html",
        "--out",
        &path("none.html"),
        "--data",
        &folder,
    ]);
    assert!(!unknown.status.success());
    assert!(String::from_utf8_lossy(&unknown.stderr).contains("no workshop"));
}

#[test]
fn read_only_commands_name_a_missing_data_folder_and_create_none() {
    let dir = tempfile::tempdir().unwrap();
    let missing = dir.path().join("nowhere");
    let missing = missing.to_str().unwrap();
    let out = dir.path().join("report.json");
    let workshop = "01900000-0000-7000-8000-000000000001";
    for args in [
        vec!["export", workshop, "--data", missing],
        vec!["report", workshop, "--format", "json", "--out", out.to_str().unwrap(), "--data", missing],
    ] {
        let output = converge(&args);
        assert_eq!(output.status.code(), Some(2), "{args:?}");
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert!(stderr.contains("is not a Converge data folder") && stderr.contains("nowhere"), "{stderr}");
        assert!(!std::path::Path::new(missing).exists(), "{args:?} created the folder");
    }
    let empty = dir.path().join("empty");
    let output = converge(&["admin", "token", "create", "--data", empty.to_str().unwrap()]);
    assert_eq!(output.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("converge admin add-facilitator"), "{stderr}");
}

#[tokio::test]
async fn an_export_read_by_a_reader_that_stops_early_ends_quietly() {
    let data = DataFolder::new();
    let server = Server::start(&data);
    let created = server.create_workshop(&data.token, "Atelier").await;
    let workshop = str(&created, "id").to_owned();
    server.kill();
    // The reader is gone before the export writes anything, as `converge export W | head -c 0`.
    let mut child = std::process::Command::new(binary())
        .args(["export", &workshop, "--data", data.path().to_str().unwrap()])
        .env("CONVERGE_LOG", "warn")
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    drop(child.stdout.take());
    let output = child.wait_with_output().unwrap();
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(!stderr.contains("panicked"), "{stderr}");
    assert_eq!(output.status.code(), Some(0), "{stderr}");
    // `--out -` is standard output too.
    let written = converge(&["export", &workshop, "--data", data.path().to_str().unwrap(), "--out", "-"]);
    assert!(written.status.success());
    assert!(String::from_utf8_lossy(&written.stdout).starts_with("{\"events\":"));
}
