//! Snapshots of what the server renders: the OpenAPI document (so every API change is reviewed)
//! and pages in both languages, through the real router on a real store.

use axum::body::Body;
use axum::http::{Request, StatusCode};
use converge_engine::Engine;
use converge_store_sqlite::SqliteStore;
use std::sync::Arc;
use tower::ServiceExt;

struct App {
    router: axum::Router,
    _dir: tempfile::TempDir,
}

fn app() -> App {
    let dir = tempfile::tempdir().unwrap();
    let store = SqliteStore::open(&dir.path().join("converge.db")).unwrap();
    let engine = Engine::new(Arc::new(store), [7; 32]);
    let state = converge_web::AppState::new(engine, None, tokio_util::sync::CancellationToken::new());
    App { router: converge_web::router(state), _dir: dir }
}

async fn get(app: &App, path: &str, accept_language: &str) -> (StatusCode, String) {
    let request = Request::get(path).header("accept-language", accept_language).body(Body::empty()).unwrap();
    let response = app.router.clone().oneshot(request).await.unwrap();
    let status = response.status();
    let bytes = axum::body::to_bytes(response.into_body(), usize::MAX).await.unwrap();
    (status, String::from_utf8(bytes.to_vec()).unwrap())
}

/// Makes pages readable and stable: one tag per line, asset hashes and tokens masked.
fn readable(html: &str) -> String {
    let mut out = html.replace("><", ">\n<");
    for (prefix, width) in [("/static/", 12), ("name=\"_csrf\" value=\"", 64)] {
        let mut masked = String::new();
        let mut rest = out.as_str();
        while let Some(index) = rest.find(prefix) {
            masked.push_str(&rest[..index + prefix.len()]);
            masked.push_str("[masked]");
            rest = &rest[(index + prefix.len() + width).min(rest.len())..];
        }
        masked.push_str(rest);
        out = masked;
    }
    out
}

#[tokio::test]
async fn the_openapi_document_keeps_the_contracted_operations() {
    let app = app();
    let (status, body) = get(&app, "/api/openapi.json", "en").await;
    assert_eq!(status, StatusCode::OK);
    let document: serde_json::Value = serde_json::from_str(&body).unwrap();
    let mut operations = Vec::new();
    for (path, item) in document["paths"].as_object().unwrap() {
        for (method, operation) in item.as_object().unwrap() {
            operations.push(format!("{} {method} {path}", operation["operationId"].as_str().unwrap_or("?")));
        }
    }
    operations.sort();
    for contracted in [
        "createWorkshop post /api/v1/workshops",
        "joinWorkshop post /api/v1/join",
        "getWorkshop get /api/v1/workshops/{id}",
        "openActivity post /api/v1/workshops/{id}/activities/{activity_id}/open",
        "closeActivity post /api/v1/workshops/{id}/activities/{activity_id}/close",
        "postContribution post /api/v1/workshops/{id}/contributions",
        "streamEvents get /api/v1/workshops/{id}/events",
        "exportWorkshop get /api/v1/workshops/{id}/export",
        "castBallot post /api/v1/workshops/{id}/activities/{activity_id}/ballots",
        "getResults get /api/v1/workshops/{id}/activities/{activity_id}/results",
    ] {
        assert!(operations.iter().any(|operation| operation == contracted), "missing {contracted}");
    }
    insta::assert_snapshot!("openapi", body);
}

#[tokio::test]
async fn the_landing_page_speaks_french_first_and_english_on_request() {
    let app = app();
    let (status, french) = get(&app, "/", "de-DE, fr;q=0.5").await;
    assert_eq!(status, StatusCode::OK);
    assert!(french.contains("<html lang=\"fr\">"));
    insta::assert_snapshot!("landing_fr", readable(&french));
    let (_, english) = get(&app, "/", "en-GB,en;q=0.9").await;
    assert!(english.contains("<html lang=\"en\">"));
    insta::assert_snapshot!("landing_en", readable(&english));
    let (_, unknown) = get(&app, "/", "nl").await;
    assert!(unknown.contains("<html lang=\"fr\">"), "French is the default");
}

#[tokio::test]
async fn the_join_page_escapes_what_the_url_carries() {
    let app = app();
    let (status, page) = get(&app, "/join?code=%22%3E%3Cscript%3Ealert(1)%3C%2Fscript%3E", "fr").await;
    assert_eq!(status, StatusCode::OK);
    assert!(!page.contains("<script>alert(1)"), "the code is echoed unescaped");
    assert!(page.contains("&quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt;"));
    insta::assert_snapshot!("join_fr", readable(&page));
}

#[tokio::test]
async fn an_unknown_page_is_a_localised_404() {
    let app = app();
    let (status, page) = get(&app, "/nowhere", "en").await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    assert!(page.contains("This page does not exist"));
    insta::assert_snapshot!("not_found_en", readable(&page));
    let (status, body) = get(&app, "/api/v1/nowhere", "fr").await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    insta::assert_snapshot!(body, @r#"{"error":{"code":"not_found","message":"Cette page n’existe pas, ou vous n’y avez pas accès."}}"#);
}

#[tokio::test]
async fn the_built_in_cards_are_static_images_cached_for_good() {
    let app = app();
    let request = Request::get("/static/0/01-bridge.svg").body(Body::empty()).unwrap();
    let response = app.router.clone().oneshot(request).await.unwrap();
    assert_eq!(response.status(), StatusCode::OK);
    assert_eq!(response.headers()["content-type"], "image/svg+xml");
    assert_eq!(response.headers()["cache-control"], "public, max-age=31536000, immutable");
    let (status, _) = get(&app, "/static/0/99-nothing.svg", "fr").await;
    assert_eq!(status, StatusCode::NOT_FOUND);
}
