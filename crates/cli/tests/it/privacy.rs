//! A participant's personal data can be erased without breaking the record: their name and
//! service leave every page and the database files (the write-ahead log included), their
//! contributions stay, and the export still verifies.

use converge_test_support::*;

const NAME: &str = "Zéphyrine Quetzalcoatl";
const SERVICE: &str = "Bureau des Lanternes Magiques";

fn files_mention(data: &DataFolder, needle: &str) -> Vec<String> {
    std::fs::read_dir(data.path())
        .unwrap()
        .filter_map(Result::ok)
        .filter(|entry| {
            let bytes = std::fs::read(entry.path()).unwrap_or_default();
            bytes.windows(needle.len()).any(|window| window == needle.as_bytes())
        })
        .map(|entry| entry.file_name().to_string_lossy().into_owned())
        .collect()
}

#[tokio::test]
async fn an_erased_participant_leaves_no_name_behind_and_the_record_still_verifies() {
    let data = DataFolder::new();
    let server = spawn_app(&data);
    let created = server.create_workshop(&data.token, "Effacement").await;
    let workshop = str(&created, "id").to_owned();
    let activity = created["activities"][0]["id"].as_str().unwrap().to_owned();
    server.open(&data.token, &workshop, &activity).await;
    let joined = server
        .http
        .post(server.url("/api/v1/join"))
        .json(&serde_json::json!({"join_code": str(&created, "join_code"), "name": NAME, "service": SERVICE}))
        .send()
        .await
        .unwrap();
    assert_eq!(joined.status(), 200);
    let joined: serde_json::Value = joined.json().await.unwrap();
    let token = str(&joined, "token").to_owned();
    assert_eq!(server.post_note(&token, &workshop, &activity, "Une note qui reste").await.status(), 201);
    let participant = str(&server.workshop(&data.token, &workshop).await["contributions"][0], "author").to_owned();

    let mut facilitator = Browser::open(&server, "fr").await;
    facilitator.sign_in("ann@example.org", PASSWORD).await;
    let console = facilitator.get(&format!("/facilitator/workshops/{workshop}")).await;
    assert!(console.body.contains(NAME), "the console shows who joined before the erasure");
    assert!(!files_mention(&data, NAME).is_empty(), "the name was never stored: the test proves nothing");

    let erased = converge(&[
        "admin",
        "erase-participant",
        "--workshop",
        &workshop,
        "--participant",
        &participant,
        "--data",
        data.path().to_str().unwrap(),
    ]);
    assert!(erased.status.success(), "{}", String::from_utf8_lossy(&erased.stderr));

    let console = facilitator.get(&format!("/facilitator/workshops/{workshop}")).await;
    assert!(!console.body.contains(NAME), "the console still shows the erased name");
    assert_eq!(files_mention(&data, NAME), Vec::<String>::new(), "the name lingers in the data files");
    assert_eq!(files_mention(&data, SERVICE), Vec::<String>::new(), "the service lingers in the data files");
    let state = server.workshop(&data.token, &workshop).await;
    assert_eq!(state["contributions"][0]["text"], "Une note qui reste");
    let export = data.path().join("after-erasure.json");
    std::fs::write(&export, server.export(&data.token, &workshop).await).unwrap();
    let verified = converge(&["verify", export.to_str().unwrap()]);
    assert!(verified.status.success(), "{}", String::from_utf8_lossy(&verified.stdout));

    let unknown = converge(&[
        "admin",
        "erase-participant",
        "--workshop",
        &workshop,
        "--participant",
        &workshop,
        "--data",
        data.path().to_str().unwrap(),
    ]);
    assert_eq!(unknown.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&unknown.stderr).contains("not part of this workshop"));
}
