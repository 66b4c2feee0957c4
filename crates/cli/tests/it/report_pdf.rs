//! The PDF report through the real server: the facilitator downloads it, it parses back and
//! says what the record says; a participant and a stranger get no PDF; `converge report
//! --format pdf` writes it from the data folder.

use converge_test_support::*;

const TITLE: &str = "Atelier « Réforme » de l’État";
/// Typst markup, HTML and a stray bracket, posted as a note: printed as written.
const HOSTILE: &str = r#"#panic("x") $ x $ <script>alert(1)</script> ] fin"#;
/// A participant's name: names never reach a report.
const NAME: &str = "Zéphyrine Plantedenom";

fn pdf_text(pdf: &[u8]) -> (usize, String) {
    let document = lopdf::Document::load_mem(pdf).expect("the PDF parses");
    let pages: Vec<u32> = document.get_pages().keys().copied().collect();
    let text = document.extract_text(&pages).expect("the text extracts");
    (pages.len(), text.split_whitespace().collect::<Vec<_>>().join(" "))
}

#[tokio::test]
async fn the_pdf_report_downloads_for_its_facilitator_only_and_writes_from_the_command_line() {
    let data = DataFolder::new();
    let server = Server::start(&data);
    let created = server.create_workshop(&data.token, TITLE).await;
    let workshop = str(&created, "id").to_owned();
    let activity = created["activities"][0]["id"].as_str().unwrap().to_owned();
    server.open(&data.token, &workshop, &activity).await;

    let mut participant = Browser::open(&server, "fr").await;
    participant.join(str(&created, "join_code"), NAME).await;
    let joined = server.join(str(&created, "join_code"), "Anne").await;
    let posted = server.post_note(str(&joined, "token"), &workshop, &activity, HOSTILE).await;
    assert_eq!(posted.status(), 201, "{}", posted.text().await.unwrap());
    let (_, head_hash) = log_head(&server, &data.token, &workshop).await;

    let mut facilitator = Browser::open(&server, "fr").await;
    facilitator.sign_in("ann@example.org", PASSWORD).await;
    let path = format!("/facilitator/workshops/{workshop}/report.pdf");
    let response = facilitator.build(reqwest::Method::GET, &path).send().await.unwrap();
    assert_eq!(response.status(), 200);
    let header =
        |name: &str| response.headers().get(name).and_then(|value| value.to_str().ok()).unwrap_or("").to_owned();
    assert_eq!(header("content-type"), "application/pdf");
    assert_eq!(header("content-disposition"), format!("attachment; filename=\"converge-report-{workshop}.pdf\""));
    let pdf = response.bytes().await.unwrap();
    assert!(pdf.starts_with(b"%PDF-"), "a PDF");
    let (pages, text) = pdf_text(&pdf);
    assert!(pages >= 13, "a title page, the contents and a page per section: {pages}");
    assert!(text.contains(TITLE), "the title, with its guillemets and accents");
    assert!(text.contains(HOSTILE), "the note as written");
    assert!(text.contains(&head_hash), "the log's final hash, as the API gives it");
    assert!(!text.contains(NAME) && !text.contains("Anne"), "nobody's name");

    // Not for participants, nor for anyone else.
    let answer = participant.get(&path).await;
    assert_eq!(answer.status, 303, "a participant is sent to sign in: {}", answer.body);
    assert!(!answer.body.starts_with("%PDF"));
    let mut stranger = Browser::open(&server, "fr").await;
    let answer = stranger.get(&path).await;
    assert_eq!(answer.status, 303);
    assert_eq!(answer.location.as_deref(), Some("/signin"));

    // The command line writes the same report from the data folder.
    server.kill();
    let out = tempfile::tempdir().unwrap();
    let file = out.path().join("rapport.pdf");
    let folder = data.path().to_str().unwrap();
    let written =
        converge(&["report", &workshop, "--format", "pdf", "--out", file.to_str().unwrap(), "--data", folder]);
    assert!(written.status.success(), "{}", String::from_utf8_lossy(&written.stderr));
    let (_, text) = pdf_text(&std::fs::read(&file).unwrap());
    assert!(text.contains(TITLE) && text.contains(HOSTILE) && text.contains(&head_hash));
}
