//! `converge serve --templates DIR`: the folder's templates are offered besides the shipped
//! ones, and a bad file stops the start with its name and line (status 1, like a broken record).

use converge_test_support::*;

const EXTRA: &str = r#"id = "our-retro"
title.fr = "Notre rétrospective"
title.en = "Our retrospective"
description.fr = "Une heure."
description.en = "One hour."

[[day]]
title.fr = "Séance"
title.en = "Session"

[[day.activity]]
key = "lessons"
kind = "swot"
title.fr = "Leçons"
title.en = "Lessons"
prompt.fr = "Qu'avons-nous appris ?"
prompt.en = "What did we learn?"

[[day.activity]]
key = "vote"
kind = "vote"
title.fr = "Priorités"
title.en = "Priorities"
prompt.fr = ""
prompt.en = ""
sources = ["lessons"]
take = "shortlist"
"#;

#[tokio::test]
async fn a_template_from_the_folder_creates_a_workshop_beside_the_shipped_ones() {
    let data = DataFolder::new();
    let folder = tempfile::tempdir().unwrap();
    std::fs::write(folder.path().join("our-retro.toml"), EXTRA).unwrap();
    let server = Server::start_with(&data, &["--templates", folder.path().to_str().unwrap()]);
    let created = server.create_from_template(&data.token, "Rétro", "our-retro").await;
    let activities = created["activities"].as_array().unwrap();
    assert_eq!(activities.len(), 2, "{created}");
    // The shipped ones are still offered.
    server.create_from_template(&data.token, "Hackathon", "smarter-democracy-hackathon").await;
    server.kill();
}

#[test]
fn a_bad_template_in_the_folder_stops_the_start_naming_its_file_and_line() {
    let data = DataFolder::new();
    let folder = tempfile::tempdir().unwrap();
    std::fs::write(folder.path().join("our-retro.toml"), EXTRA.replace("take = \"shortlist\"", "take = \"best 3\""))
        .unwrap();
    let output = converge(&[
        "serve",
        "--data",
        data.path().to_str().unwrap(),
        "--bind",
        "127.0.0.1:0",
        "--templates",
        folder.path().to_str().unwrap(),
    ]);
    assert_eq!(output.status.code(), Some(1), "{output:?}");
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("our-retro.toml:27:8:"), "{stderr}");
    assert!(stderr.contains("`take`"), "{stderr}");
}
