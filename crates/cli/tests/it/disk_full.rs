//! A full disk refuses writes clearly and loses nothing. The data folder is a small tmpfs that the
//! test fills with a ballast file, so SQLite meets a real `ENOSPC`, not a simulated one. While
//! participants post notes and vote through the real server, the disk runs out: every write is
//! then either acknowledged or refused with a clear answer (503, `Retry-After`, a message in the
//! user's language), the server stays up and keeps serving reads, and it logs the condition once,
//! not once per request. When the ballast is deleted, writes pass again without a restart. After
//! a SIGKILL and a restart, every acknowledged write is stored exactly once, no refused one is,
//! and every hash chain verifies.
//!
//! Mounting needs root, or a user and mount namespace:
//! `unshare -rm cargo nextest run -p converge-cli --test it disk_full::`.

use converge_test_support::*;
use serde_json::{Value, json};
use std::collections::{BTreeMap, HashSet};
use std::io::{BufRead, BufReader, Write};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::{Arc, Mutex};
use std::time::Duration;

/// Large enough for the server's files, small enough to fill in a blink.
const DISK_MEGABYTES: u64 = 24;
/// What the ballast leaves free at first: room for some writes at the edge before the refusals.
const HEADROOM_BYTES: u64 = 1024 * 1024;
const POSTERS: usize = 6;
const VOTERS: usize = 6;
const ITEMS: usize = 5;
/// More ballots than the headroom can hold: reaching it means the disk never refused a write.
const BALLOTS_PER_VOTER_AT_MOST: usize = 2_000;
/// Once the disk is full, a write of each kind must be refused within this many tries (within the
/// posting limit of one participant).
const WRITES_UNTIL_REFUSED_AT_MOST: usize = 15;

/// A tmpfs mounted on a fresh temporary folder, unmounted when dropped (even when the test fails).
struct SmallDisk {
    dir: tempfile::TempDir,
}

impl SmallDisk {
    fn mount(megabytes: u64) -> SmallDisk {
        let dir = tempfile::tempdir().expect("a temporary folder");
        let mounted = Command::new("mount")
            .args(["-t", "tmpfs", "-o", &format!("size={megabytes}m,mode=0700"), "tmpfs"])
            .arg(dir.path())
            .output();
        let failure = match mounted {
            Ok(output) if output.status.success() => return SmallDisk { dir },
            Ok(output) => String::from_utf8_lossy(&output.stderr).trim().to_owned(),
            Err(error) => format!("cannot run mount: {error}"),
        };
        panic!(
            "this test fills a real disk: it mounts a {megabytes} MB tmpfs as the data folder, which needs root \
             (or CAP_SYS_ADMIN). Run it as root, or as any user inside a user and mount namespace: \
             `unshare -rm cargo nextest run -p converge-cli --test it disk_full::`. Mounting failed: {failure}"
        );
    }

    fn path(&self) -> &Path {
        self.dir.path()
    }
}

impl Drop for SmallDisk {
    fn drop(&mut self) {
        let unmounted = Command::new("umount").arg(self.dir.path()).status();
        if !unmounted.is_ok_and(|status| status.success()) {
            // Something still holds a file there: detach it now, the kernel frees it when released.
            let _ = Command::new("umount").arg("-l").arg(self.dir.path()).status();
        }
    }
}

/// A file that takes the disk's free space.
struct Ballast {
    path: PathBuf,
}

impl Ballast {
    /// Writes until the disk refuses, then gives `headroom` bytes back.
    fn fill(disk: &SmallDisk, headroom: u64) -> Ballast {
        let ballast = Ballast { path: disk.path().join("ballast") };
        ballast.top_up();
        let file = std::fs::OpenOptions::new().write(true).open(&ballast.path).unwrap();
        let length = file.metadata().unwrap().len();
        assert!(length > headroom, "the disk was already full before the ballast");
        file.set_len(length - headroom).unwrap();
        ballast
    }

    /// Appends until the disk is full to the last byte.
    fn top_up(&self) {
        let mut file = std::fs::OpenOptions::new().create(true).append(true).open(&self.path).unwrap();
        let chunk = vec![0x5a_u8; 64 * 1024];
        loop {
            match file.write(&chunk) {
                Ok(0) => break,
                Ok(_) => {}
                Err(error) if error.kind() == std::io::ErrorKind::StorageFull => break,
                Err(error) => panic!("writing the ballast: {error}"),
            }
        }
        // Small writes take the last bytes a chunk could not.
        while let Ok(1..) = file.write(&[0x5a]) {}
    }

    fn remove(self) {
        std::fs::remove_file(&self.path).unwrap();
    }
}

/// `converge serve` with its log captured, to count what it says about the disk.
struct LoggedServer {
    child: Child,
    base: String,
    http: reqwest::Client,
    log: Arc<Mutex<Vec<String>>>,
}

impl LoggedServer {
    fn start(data: &Path) -> LoggedServer {
        let mut child = Command::new(binary())
            .args(["serve", "--bind", "127.0.0.1:0", "--data", data.to_str().unwrap()])
            .env("CONVERGE_LOG", "warn")
            .env("NO_COLOR", "1")
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("the server starts");
        let mut lines = BufReader::new(child.stdout.take().unwrap()).lines();
        let base = loop {
            let line = lines.next().expect("the server prints its address").unwrap();
            if let Some(address) = line.split("listening on ").nth(1) {
                break address.trim().to_owned();
            }
        };
        std::thread::spawn(move || for _ in lines {});
        let log: Arc<Mutex<Vec<String>>> = Arc::default();
        let (sink, stderr) = (log.clone(), child.stderr.take().unwrap());
        std::thread::spawn(move || {
            for line in BufReader::new(stderr).lines().map_while(Result::ok) {
                eprintln!("server: {line}");
                sink.lock().unwrap().push(line);
            }
        });
        let http = reqwest::Client::builder().redirect(reqwest::redirect::Policy::none()).build().unwrap();
        LoggedServer { child, base, http, log }
    }

    fn url(&self, path: &str) -> String {
        format!("{}{path}", self.base)
    }

    fn kill(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }

    /// The log lines at warning level or above.
    fn warnings(&self) -> Vec<String> {
        self.log
            .lock()
            .unwrap()
            .iter()
            .filter(|line| line.contains("WARN") || line.contains("ERROR"))
            .cloned()
            .collect()
    }

    /// Posts JSON in English, with the bearer token unless it is empty.
    async fn post(&self, path: &str, token: &str, body: Value) -> PageAnswer {
        let mut request = self.http.post(self.url(path)).header("Accept-Language", "en").json(&body);
        if !token.is_empty() {
            request = request.bearer_auth(token);
        }
        PageAnswer::read(request.send().await.unwrap()).await
    }

    async fn get_json(&self, path: &str, token: &str) -> Value {
        let response = self.http.get(self.url(path)).bearer_auth(token).send().await.unwrap();
        assert_eq!(response.status(), 200, "GET {path}");
        response.json().await.unwrap()
    }
}

impl Drop for LoggedServer {
    fn drop(&mut self) {
        self.kill();
    }
}

/// What one participant's writes came to.
#[derive(Default)]
struct Outcomes {
    /// Note ids the server acknowledged.
    notes: Vec<String>,
    /// Ballots acknowledged, with the sequence number each got.
    ballots: Vec<(u64, BTreeMap<String, u8>)>,
    /// Note ids the server refused because the disk was full.
    refused_notes: Vec<String>,
    refused_ballots: usize,
}

/// A refusal says, by its code, that the disk is full, and when to try again.
fn assert_disk_full_refusal(answer: &PageAnswer) {
    assert_eq!(answer.status, 503, "a full disk is answered 503: {}", answer.body);
    assert_eq!(answer.error_code(), "disk_full", "{}", answer.body);
    let wait: u64 = answer.retry_after.as_deref().and_then(|raw| raw.parse().ok()).expect("a Retry-After in seconds");
    assert!(wait >= 1, "Retry-After {wait}");
}

fn note_text(label: &str) -> String {
    // Long notes reach the end of the disk sooner.
    format!("{label} : {}", "une idée développée longuement, ".repeat(28))
}

#[tokio::test]
async fn a_full_disk_refuses_writes_clearly_loses_nothing_and_recovers_when_space_returns() {
    let disk = SmallDisk::mount(DISK_MEGABYTES);
    let data = DataFolder { dir: tempfile::Builder::new().tempdir_in(disk.path()).unwrap(), token: String::new() };
    let token = data.add_facilitator("ann@example.org", "Ann");
    let mut server = LoggedServer::start(data.path());

    // Notes in one workshop, ballots in another, so the vote's items stay fixed.
    let notes = server.post("/api/v1/workshops", &token, json!({"title": "Disque plein"})).await;
    assert_eq!(notes.status, 201, "{}", notes.body);
    let notes: Value = serde_json::from_str(&notes.body).unwrap();
    let notes_id = str(&notes, "id").to_owned();
    let notes_activity = notes["activities"][0]["id"].as_str().unwrap().to_owned();
    let opened =
        server.post(&format!("/api/v1/workshops/{notes_id}/activities/{notes_activity}/open"), &token, json!({})).await;
    assert_eq!(opened.status, 200, "{}", opened.body);
    let vote = server
        .post(
            "/api/v1/workshops",
            &token,
            json!({"title": "Vote, disque plein", "template": "lessons-learned-retrospective"}),
        )
        .await;
    assert_eq!(vote.status, 201, "{}", vote.body);
    let vote: Value = serde_json::from_str(&vote.body).unwrap();
    let vote_id = str(&vote, "id").to_owned();
    let activity_of = |kind: &str| {
        let activities = vote["activities"].as_array().unwrap();
        str(activities.iter().find(|activity| str(activity, "kind") == kind).unwrap(), "id").to_owned()
    };
    let (lessons, ballot_box) = (activity_of("swot"), activity_of("vote"));
    let opened =
        server.post(&format!("/api/v1/workshops/{vote_id}/activities/{lessons}/open"), &token, json!({})).await;
    assert_eq!(opened.status, 200, "{}", opened.body);

    let join = |code: String, name: String| {
        let server = &server;
        async move {
            let joined = server.post("/api/v1/join", "", json!({"join_code": code, "name": name, "service": ""})).await;
            assert_eq!(joined.status, 200, "{}", joined.body);
            str(&serde_json::from_str(&joined.body).unwrap(), "token").to_owned()
        }
    };
    let mut posters = Vec::new();
    for n in 0..POSTERS {
        posters.push(join(str(&notes, "join_code").to_owned(), format!("Autrice {n}")).await);
    }
    // Kept out of the rush, so the checks on the full disk are not slowed by the posting limit.
    let witness = join(str(&notes, "join_code").to_owned(), "Témoin".to_owned()).await;
    let mut voters = Vec::new();
    for n in 0..VOTERS {
        voters.push(join(str(&vote, "join_code").to_owned(), format!("Votant {n}")).await);
    }
    let mut items = Vec::new();
    for n in 0..ITEMS {
        let body = json!({"activity_id": lessons, "kind": "strength", "text": format!("Leçon {n}")});
        let posted = server.post(&format!("/api/v1/workshops/{vote_id}/contributions"), &voters[0], body).await;
        assert_eq!(posted.status, 201, "{}", posted.body);
        items.push(str(&serde_json::from_str(&posted.body).unwrap(), "id").to_owned());
    }
    let opened =
        server.post(&format!("/api/v1/workshops/{vote_id}/activities/{ballot_box}/open"), &token, json!({})).await;
    assert_eq!(opened.status, 200, "{}", opened.body);
    // A participant on a phone, in French.
    let mut phone = Browser::open_at(&server.http, &server.base, "fr").await;
    let joined =
        phone.post_form("/join", &[("join_code", str(&notes, "join_code")), ("name", "Chloé"), ("service", "")]).await;
    assert_eq!(joined.status, 303, "{}", joined.body);
    let note_page = format!("/w/{notes_id}/a/{notes_activity}/notes");
    assert!(server.warnings().is_empty(), "warnings before the disk filled: {:?}", server.warnings());

    // The disk fills; everyone keeps writing until the server refuses them.
    let ballast = Ballast::fill(&disk, HEADROOM_BYTES);
    let outcomes: Arc<Mutex<Outcomes>> = Arc::default();
    let mut tasks = Vec::new();
    for (n, participant) in posters.iter().enumerate() {
        let (outcomes, http, base, participant) =
            (outcomes.clone(), server.http.clone(), server.base.clone(), participant.clone());
        let (workshop, activity) = (notes_id.clone(), notes_activity.clone());
        tasks.push(tokio::spawn(async move {
            for i in 0.. {
                let id = uuid::Uuid::new_v4().to_string();
                let body = json!({"id": id, "activity_id": activity, "text": note_text(&format!("note {n}-{i}"))});
                let url = format!("{base}/api/v1/workshops/{workshop}/contributions");
                let answer =
                    PageAnswer::read(http.post(url).bearer_auth(&participant).json(&body).send().await.unwrap()).await;
                match answer.status {
                    201 => outcomes.lock().unwrap().notes.push(id),
                    // Posting is rate limited: wait as told, the disk is what this test is about.
                    429 => tokio::time::sleep(Duration::from_secs(answer.retry_after.unwrap().parse().unwrap())).await,
                    _ => {
                        assert_disk_full_refusal(&answer);
                        outcomes.lock().unwrap().refused_notes.push(id);
                        return;
                    }
                }
            }
        }));
    }
    for (n, participant) in voters.iter().enumerate() {
        let (outcomes, http, base, participant, items) =
            (outcomes.clone(), server.http.clone(), server.base.clone(), participant.clone(), items.clone());
        let (workshop, activity) = (vote_id.clone(), ballot_box.clone());
        tasks.push(tokio::spawn(async move {
            for i in 0..BALLOTS_PER_VOTER_AT_MOST {
                // Each ballot differs from the voter's previous one, so each is recorded.
                let grades: BTreeMap<String, u8> =
                    items.iter().enumerate().map(|(k, item)| (item.clone(), ((n + i + k) % 6) as u8)).collect();
                let url = format!("{base}/api/v1/workshops/{workshop}/activities/{activity}/ballots");
                let body = json!({"type": "grades", "grades": grades});
                let answer =
                    PageAnswer::read(http.post(url).bearer_auth(&participant).json(&body).send().await.unwrap()).await;
                if answer.status == 201 {
                    let seq = serde_json::from_str::<Value>(&answer.body).unwrap()["seq"].as_u64().unwrap();
                    outcomes.lock().unwrap().ballots.push((seq, grades));
                } else {
                    assert_disk_full_refusal(&answer);
                    outcomes.lock().unwrap().refused_ballots += 1;
                    return;
                }
            }
            panic!("{BALLOTS_PER_VOTER_AT_MOST} ballots passed: the disk never filled, the test proved nothing");
        }));
    }
    for task in tasks {
        task.await.unwrap();
    }
    let (acknowledged_at_the_edge, refused_at_the_edge) = {
        let outcomes = outcomes.lock().unwrap();
        (outcomes.notes.len() + outcomes.ballots.len(), outcomes.refused_notes.len() + outcomes.refused_ballots)
    };
    assert!(acknowledged_at_the_edge > 0, "no write passed in the headroom: the edge was not exercised");

    // Full to the last byte. A write may still fit now and then (in pages of the log a checkpoint
    // freed), so each kind of write is sent until refused; what passes meanwhile counts as
    // acknowledged like any other. Every refusal is clear, and reads keep working.
    ballast.top_up();
    for attempt in 0.. {
        assert!(attempt < WRITES_UNTIL_REFUSED_AT_MOST, "ballots still pass on a full disk");
        let grades: BTreeMap<String, u8> =
            items.iter().enumerate().map(|(k, item)| (item.clone(), ((attempt + k) % 6) as u8)).collect();
        let path = format!("/api/v1/workshops/{vote_id}/activities/{ballot_box}/ballots");
        let ballot = server.post(&path, &voters[1], json!({"type": "grades", "grades": grades})).await;
        if ballot.status == 201 {
            let seq = serde_json::from_str::<Value>(&ballot.body).unwrap()["seq"].as_u64().unwrap();
            outcomes.lock().unwrap().ballots.push((seq, grades));
            continue;
        }
        if ballot.status == 200 {
            // The same grades as this voter's ballot already counted: nothing to write.
            continue;
        }
        assert_disk_full_refusal(&ballot);
        outcomes.lock().unwrap().refused_ballots += 1;
        break;
    }
    for attempt in 0.. {
        assert!(attempt < WRITES_UNTIL_REFUSED_AT_MOST, "notes still pass on a full disk");
        let id = uuid::Uuid::new_v4().to_string();
        let body = json!({"id": id, "activity_id": notes_activity, "text": format!("Sur un disque plein {attempt}")});
        let note = server.post(&format!("/api/v1/workshops/{notes_id}/contributions"), &witness, body).await;
        if note.status == 201 {
            outcomes.lock().unwrap().notes.push(id);
            continue;
        }
        assert_disk_full_refusal(&note);
        assert!(note.body.contains("disk is full"), "{}", note.body);
        outcomes.lock().unwrap().refused_notes.push(id);
        break;
    }
    for attempt in 0.. {
        assert!(attempt < WRITES_UNTIL_REFUSED_AT_MOST, "joins still pass on a full disk");
        let body =
            json!({"join_code": str(&notes, "join_code"), "name": format!("En retard {attempt}"), "service": ""});
        let latecomer = server.post("/api/v1/join", "", body).await;
        if latecomer.status != 200 {
            assert_disk_full_refusal(&latecomer);
            break;
        }
    }
    let mut phone_note = String::new();
    for attempt in 0.. {
        assert!(attempt < WRITES_UNTIL_REFUSED_AT_MOST, "the phone's notes still pass on a full disk");
        phone_note = uuid::Uuid::new_v4().to_string();
        let text = format!("Depuis mon téléphone {attempt}");
        let page = phone.post_form(&note_page, &[("text", &text), ("contribution_id", &phone_note)]).await;
        if page.status == 303 {
            outcomes.lock().unwrap().notes.push(phone_note.clone());
            continue;
        }
        assert_eq!(page.status, 503, "{}", page.body);
        assert!(page.retry_after.is_some(), "the page says when to try again");
        assert!(page.content_type.starts_with("text/html"), "{}", page.content_type);
        assert!(page.body.contains("Le disque du serveur est plein"), "{}", page.body);
        // The form comes back with what was typed, under the same id, ready to send again.
        assert!(page.body.contains(&text), "the typed note is kept on the page: {}", page.body);
        assert!(page.body.contains(&phone_note), "the note keeps its id, so sending it again is safe");
        outcomes.lock().unwrap().refused_notes.push(phone_note.clone());
        break;
    }
    let reading = phone.get(&format!("/w/{notes_id}/a/{notes_activity}")).await;
    assert_eq!(reading.status, 200, "the participant's page still reads: {}", reading.body);
    server.get_json(&format!("/api/v1/workshops/{vote_id}"), &token).await;

    // Told once, not once per refused request: writes that still fit now and then (in pages the
    // log freed) do not make the warning repeat. The engine may add that it could not erase the
    // profile of a join refused at the very edge (the profile fitted, the join's event did not).
    let warnings = server.warnings();
    let told = warnings.iter().filter(|line| line.contains("the disk is full: writes are refused")).count();
    assert_eq!(told, 1, "the operator is told once that the disk is full: {warnings:#?}");
    let others: Vec<&String> = warnings
        .iter()
        .filter(|line| {
            !line.contains("the disk is full: writes are refused")
                && !line.contains("could not erase the profile of a refused join")
        })
        .collect();
    assert!(others.is_empty(), "no line per refused request, no other warning: {others:#?}");

    // Space returns: writes pass again at once, the same server, no restart.
    ballast.remove();
    let state = server.get_json(&format!("/api/v1/workshops/{notes_id}"), &token).await;
    let stored: HashSet<String> =
        state["contributions"].as_array().unwrap().iter().map(|c| str(c, "id").to_owned()).collect();
    let refused_notes = outcomes.lock().unwrap().refused_notes.clone();
    for id in &refused_notes {
        assert!(!stored.contains(id), "refused note {id} was recorded anyway");
    }
    let retried = &refused_notes[0];
    let body = json!({"id": retried, "activity_id": notes_activity, "text": note_text("de nouveau")});
    let again = server.post(&format!("/api/v1/workshops/{notes_id}/contributions"), &witness, body).await;
    assert_eq!(again.status, 201, "a refused note sent again is recorded (201, not a replay): {}", again.body);
    let page = phone.post_form(&note_page, &[("text", "Depuis mon téléphone"), ("contribution_id", &phone_note)]).await;
    assert_eq!(page.status, 303, "the phone's note, sent again, passes once space returns: {}", page.body);
    let grades: BTreeMap<String, u8> = items.iter().map(|item| (item.clone(), 5)).collect();
    let ballot = server
        .post(
            &format!("/api/v1/workshops/{vote_id}/activities/{ballot_box}/ballots"),
            &voters[1],
            json!({"type": "grades", "grades": grades}),
        )
        .await;
    assert_eq!(ballot.status, 201, "{}", ballot.body);
    let ballot_seq = serde_json::from_str::<Value>(&ballot.body).unwrap()["seq"].as_u64().unwrap();
    {
        let mut outcomes = outcomes.lock().unwrap();
        outcomes.notes.extend([retried.clone(), phone_note.clone()]);
        outcomes.refused_notes.retain(|id| id != retried && *id != phone_note);
        outcomes.ballots.push((ballot_seq, grades));
    }
    let joined = server
        .post("/api/v1/join", "", json!({"join_code": str(&notes, "join_code"), "name": "En retard", "service": ""}))
        .await;
    assert_eq!(joined.status, 200, "{}", joined.body);

    // Killed and restarted: everything acknowledged is there once, nothing refused is, chains hold.
    server.kill();
    let server = LoggedServer::start(data.path());
    let outcomes = std::mem::take(&mut *outcomes.lock().unwrap());
    let state = server.get_json(&format!("/api/v1/workshops/{notes_id}"), &token).await;
    let stored: Vec<String> =
        state["contributions"].as_array().unwrap().iter().map(|c| str(c, "id").to_owned()).collect();
    let unique: HashSet<&String> = stored.iter().collect();
    assert_eq!(unique.len(), stored.len(), "a note is stored twice");
    for id in &outcomes.notes {
        assert!(unique.contains(id), "acknowledged note {id} was lost");
    }
    for id in &outcomes.refused_notes {
        assert!(!unique.contains(id), "refused note {id} was recorded");
    }
    assert_eq!(stored.len(), outcomes.notes.len(), "the notes stored are exactly the ones acknowledged");

    let export: Value =
        serde_json::from_str(&verified_export(&server, &token, &vote_id, data.path()).await).expect("the export");
    let ballots: BTreeMap<u64, &Value> = export["events"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|event| event["kind"] == "ballot_cast")
        .map(|event| (event["seq"].as_u64().unwrap(), event))
        .collect();
    for (seq, grades) in &outcomes.ballots {
        let event = ballots.get(seq).unwrap_or_else(|| panic!("acknowledged ballot at seq {seq} was lost"));
        let stored: BTreeMap<String, u8> =
            serde_json::from_value(event["payload"]["ballot"]["grades"].clone()).unwrap();
        assert_eq!(&stored, grades, "the ballot at seq {seq} is not the one acknowledged");
    }
    assert_eq!(ballots.len(), outcomes.ballots.len(), "the ballots stored are exactly the ones acknowledged");
    verified_export(&server, &token, &notes_id, data.path()).await;
    drop(server);
    let checked = converge_store_sqlite::check_database(&data.path().join("converge.db"))
        .expect("integrity and every hash chain of the database");
    assert_eq!(checked.workshops.len(), 2);

    eprintln!(
        "disk full: {} notes and {} ballots acknowledged ({acknowledged_at_the_edge} in the last \
         {HEADROOM_BYTES} bytes), {} notes and {} ballots refused ({refused_at_the_edge} at the edge), none lost, \
         none refused recorded",
        outcomes.notes.len(),
        outcomes.ballots.len(),
        outcomes.refused_notes.len(),
        outcomes.refused_ballots,
    );
}

/// Exports a workshop through the API, checks its hash chain with `converge verify`, returns it.
async fn verified_export(server: &LoggedServer, token: &str, workshop: &str, folder: &Path) -> String {
    let response =
        server.http.get(server.url(&format!("/api/v1/workshops/{workshop}/export"))).bearer_auth(token).send().await;
    let response = response.unwrap();
    assert_eq!(response.status(), 200);
    let file = folder.join(format!("{workshop}.json"));
    std::fs::write(&file, response.text().await.unwrap()).unwrap();
    let verified = converge(&["verify", file.to_str().unwrap()]);
    assert!(verified.status.success(), "{}", String::from_utf8_lossy(&verified.stdout));
    std::fs::read_to_string(file).unwrap()
}
