//! `converge backup` copies a live data folder while participants keep posting, and
//! `converge restore` brings it back: the restored server has every note acknowledged before
//! the backup began, its chains verify, and the tokens signed before still work.

use converge_test_support::*;
use serde_json::Value;
use std::sync::{Arc, Mutex};
use std::time::Duration;

#[tokio::test]
async fn a_backup_taken_under_load_restores_to_a_working_record() {
    let data = DataFolder::new();
    let server = Server::start(&data);
    let created = server.create_workshop(&data.token, "Sauvegarde à chaud").await;
    let workshop = str(&created, "id").to_owned();
    let activity = created["activities"][0]["id"].as_str().unwrap().to_owned();
    server.open(&data.token, &workshop, &activity).await;
    let mut participants = Vec::new();
    for n in 0..10 {
        participants.push(str(&server.join(str(&created, "join_code"), &format!("P{n}")).await, "token").to_owned());
    }
    let participant = participants[0].clone();

    let acknowledged: Arc<Mutex<Vec<String>>> = Arc::default();
    let stop = Arc::new(std::sync::atomic::AtomicBool::new(false));
    let mut posters = Vec::new();
    for participant in participants {
        let (acknowledged, stop, base) = (acknowledged.clone(), stop.clone(), server.base.clone());
        let (workshop, activity) = (workshop.clone(), activity.clone());
        posters.push(tokio::spawn(async move {
            let http = reqwest::Client::new();
            let mut n = 0;
            while !stop.load(std::sync::atomic::Ordering::Relaxed) {
                let response = http
                    .post(format!("{base}/api/v1/workshops/{workshop}/contributions"))
                    .bearer_auth(&participant)
                    .json(&serde_json::json!({"activity_id": activity, "text": format!("note {n}")}))
                    .send()
                    .await
                    .unwrap();
                // One person posting flat out meets the rate limit; they wait, as a phone would.
                if response.status() == 429 {
                    tokio::time::sleep(Duration::from_millis(100)).await;
                    continue;
                }
                assert_eq!(response.status(), 201);
                let body: Value = response.json().await.unwrap();
                acknowledged.lock().unwrap().push(str(&body, "id").to_owned());
                n += 1;
            }
        }));
    }
    while acknowledged.lock().unwrap().len() < 20 {
        assert!(!posters.iter().any(|poster| poster.is_finished()), "a poster stopped");
        tokio::time::sleep(Duration::from_millis(5)).await;
    }
    let before_backup: Vec<String> = acknowledged.lock().unwrap().clone();
    let backup_folder = data.path().join("backup");
    // The backup runs beside the poster, not instead of it.
    let backup = {
        let (data, out) = (data.path().to_str().unwrap().to_owned(), backup_folder.to_str().unwrap().to_owned());
        tokio::task::spawn_blocking(move || {
            std::thread::sleep(Duration::from_millis(50));
            converge(&["backup", "--data", &data, "--out", &out])
        })
        .await
        .unwrap()
    };
    let printed = String::from_utf8_lossy(&backup.stdout);
    assert!(backup.status.success(), "{printed}{}", String::from_utf8_lossy(&backup.stderr));
    assert!(printed.contains("every hash chain verified"), "{printed}");
    stop.store(true, std::sync::atomic::Ordering::Relaxed);
    for poster in posters {
        poster.await.unwrap();
    }
    assert!(
        acknowledged.lock().unwrap().len() > before_backup.len(),
        "nobody posted during the backup: the test proved nothing about a live copy"
    );

    // A second backup into the same folder is refused rather than mixed with the first.
    let again =
        converge(&["backup", "--data", data.path().to_str().unwrap(), "--out", backup_folder.to_str().unwrap()]);
    assert_eq!(again.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&again.stderr).contains("not empty"));

    // Restoring over the running server's folder is refused.
    let over_live =
        converge(&["restore", backup_folder.to_str().unwrap(), "--data", data.path().to_str().unwrap(), "--replace"]);
    assert_eq!(over_live.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&over_live.stderr).contains("already using"));
    server.kill();

    // An empty folder, used with the original facilitator's token (it lives in the backup).
    let restored = DataFolder { dir: tempfile::tempdir().unwrap(), token: data.token.clone() };
    let restore = converge(&["restore", backup_folder.to_str().unwrap(), "--data", restored.path().to_str().unwrap()]);
    assert!(restore.status.success(), "{}", String::from_utf8_lossy(&restore.stderr));
    let server = Server::start(&restored);
    // The facilitator's token and the participant's token were made before the backup: both work.
    let state = server.workshop(&data.token, &workshop).await;
    let stored: Vec<&str> = state["contributions"].as_array().unwrap().iter().map(|c| str(c, "id")).collect();
    for id in &before_backup {
        assert!(stored.contains(&id.as_str()), "note {id} acknowledged before the backup is missing");
    }
    assert_eq!(server.post_note(&participant, &workshop, &activity, "après restauration").await.status(), 201);
    let export = data.path().join("restored.json");
    std::fs::write(&export, server.export(&data.token, &workshop).await).unwrap();
    let verified = converge(&["verify", export.to_str().unwrap()]);
    assert!(verified.status.success(), "{}", String::from_utf8_lossy(&verified.stdout));
    server.kill();

    // A folder that already holds a database is replaced only when asked, its files kept aside.
    let refused = converge(&["restore", backup_folder.to_str().unwrap(), "--data", restored.path().to_str().unwrap()]);
    assert_eq!(refused.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&refused.stderr).contains("--replace"));
    let replaced = converge(&[
        "restore",
        backup_folder.to_str().unwrap(),
        "--data",
        restored.path().to_str().unwrap(),
        "--replace",
    ]);
    assert!(replaced.status.success(), "{}", String::from_utf8_lossy(&replaced.stderr));
    let kept_aside = std::fs::read_dir(restored.path())
        .unwrap()
        .filter_map(Result::ok)
        .any(|entry| entry.file_name().to_string_lossy().starts_with("converge.db.before-restore-"));
    assert!(kept_aside, "the replaced database was not kept");
}

#[test]
fn a_damaged_backup_is_refused() {
    let data = DataFolder::new();
    let backup = data.path().join("not-a-backup");
    std::fs::create_dir_all(&backup).unwrap();
    std::fs::write(backup.join("converge.db"), b"this is not a database, just some bytes that say so").unwrap();
    std::fs::write(backup.join("secret.key"), "00".repeat(32)).unwrap();
    let target = data.path().join("target");
    let restore = converge(&["restore", backup.to_str().unwrap(), "--data", target.to_str().unwrap()]);
    assert_eq!(restore.status.code(), Some(2));
    assert!(
        String::from_utf8_lossy(&restore.stderr).contains("cannot be restored"),
        "{}",
        String::from_utf8_lossy(&restore.stderr)
    );
    assert!(!target.join("converge.db").exists(), "a damaged backup left a database behind");
}
