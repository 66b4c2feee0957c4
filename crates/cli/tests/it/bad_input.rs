//! Bad input through the real server: oversized, empty, non-UTF-8 and malformed bodies, unknown
//! ids, forged or missing credentials, forms without their CSRF token. Each gets a clear 4xx with
//! a message (a JSON error with a stable code on the API, a page in the reader's language
//! otherwise), never a 500, and the workshop's log is left exactly as it was.

// Case tables are tuples on purpose: one line per case reads best.
#![allow(clippy::type_complexity)]

use converge_test_support::*;
use serde_json::{Value, json};

/// A workshop with its first activity open (challenges: plain notes), its second still a draft
/// (SWOT), and one participant.
async fn room(server: &Server, facilitator: &str) -> ApiWorkshop {
    server.workshop_with_people(facilitator, "Atelier démocratie 2029", &["Anne"]).await
}

/// A join code that can never exist: `U` is outside the join-code alphabet.
const UNKNOWN_CODE: &str = "UUUUUUUU";

/// A well-formed id that names nothing.
fn random_uuid() -> String {
    uuid::Uuid::new_v4().to_string()
}

/// Asserts an API error answer: the status, a JSON body `{"error": {"code", "message"}}` with
/// this code and a non-empty message; returns the message.
#[track_caller]
fn assert_api_error(answer: &PageAnswer, status: u16, code: &str) -> String {
    assert_eq!(answer.status, status, "expected {status} {code}, got: {}", answer.body);
    assert!(answer.content_type.starts_with("application/json"), "not JSON ({}): {}", answer.content_type, answer.body);
    let value: Value = serde_json::from_str(&answer.body).unwrap_or_else(|_| panic!("not JSON: {}", answer.body));
    assert_eq!(value["error"]["code"], code, "{value}");
    let message = value["error"]["message"].as_str().unwrap_or_default();
    assert!(!message.trim().is_empty(), "an empty message: {value}");
    message.to_owned()
}

/// Asserts an error page: the status, HTML, and the message in the page.
#[track_caller]
fn assert_page(answer: &PageAnswer, status: u16, message: &str) {
    assert_eq!(answer.status, status, "expected {status} with «{message}», got: {}", answer.body);
    assert!(answer.content_type.starts_with("text/html"), "not HTML ({}): {}", answer.content_type, answer.body);
    assert!(answer.body.contains(message), "the page lacks «{message}»: {}", answer.body);
}

async fn send(request: reqwest::RequestBuilder) -> PageAnswer {
    PageAnswer::read(request.send().await.unwrap()).await
}

/// A raw POST to postContribution with the participant's bearer token.
async fn post_raw(
    server: &Server,
    room: &ApiWorkshop,
    lang: &str,
    content_type: Option<&str>,
    body: Vec<u8>,
) -> PageAnswer {
    let mut request = server
        .http
        .post(server.url(&format!("/api/v1/workshops/{}/contributions", room.id)))
        .bearer_auth(&room.people[0])
        .header("Accept-Language", lang)
        .body(body);
    if let Some(content_type) = content_type {
        request = request.header("Content-Type", content_type);
    }
    send(request).await
}

async fn post_json(server: &Server, room: &ApiWorkshop, lang: &str, body: Value) -> PageAnswer {
    post_raw(server, room, lang, Some("application/json"), serde_json::to_vec(&body).unwrap()).await
}

#[tokio::test]
async fn malformed_bodies_to_post_contribution_get_a_clear_4xx_and_leave_the_log_unchanged() {
    let data = DataFolder::new();
    let server = spawn_app(&data);
    let room = room(&server, &data.token).await;
    let before = log_head(&server, &data.token, &room.id).await;
    let activity = room.activities[0].as_str();
    let huge = serde_json::to_vec(&json!({"activity_id": activity, "text": "a".repeat(100 * 1024)})).unwrap();
    let valid = serde_json::to_vec(&json!({"activity_id": activity, "text": "Une idée"})).unwrap();
    let json_type = Some("application/json");
    // (what, content type, body, status, code, a piece of the English message)
    let cases: Vec<(&str, Option<&str>, Vec<u8>, u16, &str, &str)> = vec![
        ("a 100 KB body", json_type, huge, 413, "payload_too_large", "too large"),
        ("an empty body", json_type, Vec::new(), 400, "bad_request", "could not be read"),
        ("a body that is not UTF-8", json_type, b"\xff\xfe".to_vec(), 400, "bad_request", "could not be read"),
        ("truncated JSON", json_type, br#"{"text":"#.to_vec(), 400, "bad_request", "could not be read"),
        ("a JSON array", json_type, b"[]".to_vec(), 400, "bad_request", "could not be read"),
        ("JSON null", json_type, b"null".to_vec(), 400, "bad_request", "could not be read"),
        ("a missing required field", json_type, br#"{"text":"Une idee"}"#.to_vec(), 400, "bad_request", "activity_id"),
        (
            "an unknown field",
            json_type,
            serde_json::to_vec(&json!({"activity_id": activity, "text": "x", "colour": "red"})).unwrap(),
            400,
            "bad_request",
            "colour",
        ),
        (
            "a field of the wrong type",
            json_type,
            serde_json::to_vec(&json!({"activity_id": activity, "text": 42})).unwrap(),
            400,
            "bad_request",
            "could not be read",
        ),
        (
            "an activity id that is not a UUID",
            json_type,
            serde_json::to_vec(&json!({"activity_id": "not-a-uuid", "text": "x"})).unwrap(),
            400,
            "bad_request",
            "could not be read",
        ),
        (
            "an unknown contribution kind",
            json_type,
            serde_json::to_vec(&json!({"activity_id": activity, "text": "x", "kind": "banana"})).unwrap(),
            400,
            "bad_request",
            "banana",
        ),
        (
            "valid JSON sent as text/plain",
            Some("text/plain"),
            valid.clone(),
            415,
            "unsupported_media_type",
            "content type",
        ),
        (
            "valid JSON sent as a form",
            Some("application/x-www-form-urlencoded"),
            valid.clone(),
            415,
            "unsupported_media_type",
            "content type",
        ),
        ("valid JSON without a content type", None, valid, 415, "unsupported_media_type", "content type"),
    ];
    for (what, content_type, body, status, code, english) in cases {
        let answer = post_raw(&server, &room, "en", content_type, body.clone()).await;
        let message = assert_api_error(&answer, status, code);
        assert!(message.contains(english), "{what}: the English message «{message}» lacks «{english}»");
        let answer = post_raw(&server, &room, "fr", content_type, body).await;
        let message = assert_api_error(&answer, status, code);
        let french = match code {
            "payload_too_large" => "Ce contenu est trop volumineux.",
            "unsupported_media_type" => "Ce type de contenu n’est pas accepté.",
            _ => "La requête n’a pas pu être lue",
        };
        assert!(message.contains(french), "{what}: the French message «{message}» lacks «{french}»");
        assert_eq!(log_head(&server, &data.token, &room.id).await, before, "{what} changed the log");
    }
}

#[tokio::test]
async fn contributions_the_rules_refuse_get_a_stable_code_and_leave_the_log_unchanged() {
    let data = DataFolder::new();
    let server = spawn_app(&data);
    let room = room(&server, &data.token).await;
    let before = log_head(&server, &data.token, &room.id).await;
    let open = room.activities[0].as_str();
    let cases: Vec<(&str, Value, u16, &str, &str)> = vec![
        (
            "empty text",
            json!({"activity_id": open, "text": ""}),
            422,
            "text_empty",
            "Le champ «\u{a0}texte\u{a0}» est vide.",
        ),
        (
            "blank text",
            json!({"activity_id": open, "text": "  \n\t "}),
            422,
            "text_empty",
            "Le champ «\u{a0}texte\u{a0}» est vide.",
        ),
        (
            "text over 1000 characters",
            json!({"activity_id": open, "text": "é".repeat(1001)}),
            422,
            "text_too_long",
            "la limite est de 1000",
        ),
        (
            "text with control characters",
            json!({"activity_id": open, "text": "une idée\u{7}"}),
            422,
            "control_characters",
            "caractères invisibles",
        ),
        (
            "a note into a draft activity",
            json!({"activity_id": room.activities[1], "text": "Une force", "kind": "strength"}),
            422,
            "activity_not_open",
            "Cette activité n’est pas ouverte",
        ),
        (
            "a kind the activity does not take",
            json!({"activity_id": open, "text": "x", "kind": "strength"}),
            422,
            "contribution_kind_not_accepted",
            "Ce type de contribution ne correspond pas",
        ),
        (
            "a link to an unknown contribution",
            json!({"activity_id": open, "text": "x", "links": [random_uuid()]}),
            422,
            "unknown_contribution",
            "Une contribution liée n’existe pas",
        ),
        (
            "an unknown activity",
            json!({"activity_id": random_uuid(), "text": "x"}),
            404,
            "unknown_activity",
            "Cette activité n’existe pas",
        ),
    ];
    for (what, body, status, code, french) in cases {
        let answer = post_json(&server, &room, "fr", body).await;
        let message = assert_api_error(&answer, status, code);
        assert!(message.contains(french), "{what}: «{message}» lacks «{french}»");
        assert_eq!(log_head(&server, &data.token, &room.id).await, before, "{what} changed the log");
    }

    // The limits are exact: 1000 characters pass, and only then does the log move.
    let answer = post_json(&server, &room, "fr", json!({"activity_id": open, "text": "é".repeat(1000)})).await;
    assert_eq!(answer.status, 201, "{}", answer.body);
    assert_eq!(log_head(&server, &data.token, &room.id).await.0, before.0 + 1);
}

#[tokio::test]
async fn bad_values_when_creating_or_joining_create_nothing() {
    let data = DataFolder::new();
    let server = spawn_app(&data);
    let room = room(&server, &data.token).await;
    let before = log_head(&server, &data.token, &room.id).await;
    let list = || async {
        let answer = send(server.http.get(server.url("/api/v1/workshops")).bearer_auth(&data.token)).await;
        assert_eq!(answer.status, 200);
        answer.body
    };
    let workshops_before = list().await;
    let create_cases: Vec<(Value, u16, &str)> = vec![
        (json!({"title": ""}), 422, "text_empty"),
        (json!({"title": "t".repeat(121)}), 422, "text_too_long"),
        (json!({"title": "Atelier", "template": "no-such-template"}), 422, "unknown_template"),
        (json!({"title": "Atelier", "language": "klingon"}), 400, "bad_request"),
        (json!({"title": "Atelier", "owner": "someone else"}), 400, "bad_request"),
        (json!({}), 400, "bad_request"),
    ];
    for (body, status, code) in create_cases {
        let answer = send(server.http.post(server.url("/api/v1/workshops")).bearer_auth(&data.token).json(&body)).await;
        assert_api_error(&answer, status, code);
    }
    assert_eq!(list().await, workshops_before, "a refused creation created a workshop");

    let join_cases: Vec<(Value, u16, &str)> = vec![
        (json!({"join_code": room.join_code, "name": ""}), 422, "text_empty"),
        (json!({"join_code": room.join_code, "name": "n".repeat(61)}), 422, "text_too_long"),
        (json!({"join_code": room.join_code, "name": "Anne\u{0}"}), 422, "control_characters"),
        (json!({"join_code": room.join_code}), 400, "bad_request"),
        (json!({"join_code": room.join_code, "name": "Anne", "role": "facilitator"}), 400, "bad_request"),
    ];
    for (body, status, code) in join_cases {
        let answer = send(server.http.post(server.url("/api/v1/join")).json(&body)).await;
        assert_api_error(&answer, status, code);
        assert!(answer.set_cookies.is_empty(), "a refused join set a cookie: {:?}", answer.set_cookies);
    }
    assert_eq!(log_head(&server, &data.token, &room.id).await, before, "a refused join changed the log");
}

#[tokio::test]
async fn unknown_or_malformed_ids_are_404_on_the_api_and_on_localised_pages() {
    let data = DataFolder::new();
    let server = spawn_app(&data);
    let room = room(&server, &data.token).await;
    let before = log_head(&server, &data.token, &room.id).await;
    let (w, open) = (room.id.as_str(), room.activities[0].as_str());
    let unknown = random_uuid();
    let u = unknown.as_str();

    let note = json!({"activity_id": open, "text": "x"});
    let api: Vec<(reqwest::Method, String, &str)> = vec![
        (reqwest::Method::GET, format!("/api/v1/workshops/{u}"), "not_found"),
        (reqwest::Method::GET, "/api/v1/workshops/not-a-uuid".into(), "not_found"),
        (reqwest::Method::POST, format!("/api/v1/workshops/{u}/contributions"), "not_found"),
        (reqwest::Method::POST, "/api/v1/workshops/not-a-uuid/contributions".into(), "not_found"),
        (reqwest::Method::GET, format!("/api/v1/workshops/{u}/events"), "not_found"),
        (reqwest::Method::GET, "/api/v1/workshops/not-a-uuid/events".into(), "not_found"),
        (reqwest::Method::GET, format!("/api/v1/workshops/{u}/export"), "not_found"),
        (reqwest::Method::POST, format!("/api/v1/workshops/{u}/activities/{open}/open"), "not_found"),
        (reqwest::Method::POST, format!("/api/v1/workshops/{w}/activities/not-a-uuid/open"), "not_found"),
        (reqwest::Method::POST, format!("/api/v1/workshops/{w}/activities/{u}/open"), "unknown_activity"),
        (reqwest::Method::POST, format!("/api/v1/workshops/{w}/activities/{u}/close"), "unknown_activity"),
        (reqwest::Method::GET, "/api/v1/no-such-thing".into(), "not_found"),
    ];
    for (method, path, code) in api {
        let is_post = method == reqwest::Method::POST;
        let mut request =
            server.http.request(method, server.url(&path)).bearer_auth(&data.token).header("Accept-Language", "fr");
        if is_post {
            request = request.json(&note);
        }
        let answer = send(request).await;
        let message = assert_api_error(&answer, 404, code);
        assert!(!message.is_empty(), "{path}");
    }

    let mut anne = Browser::open(&server, "fr").await;
    anne.join(&room.join_code, "Anne B.").await;
    let mut ann = Browser::open(&server, "fr").await;
    ann.sign_in("ann@example.org", PASSWORD).await;
    let anne_before = log_head(&server, &data.token, w).await;
    // (as the facilitator?, path)
    let pages: Vec<(bool, String)> = vec![
        (false, "/w/not-a-uuid".into()),
        (false, format!("/w/{u}")),
        (false, format!("/w/{w}/a/not-a-uuid")),
        (false, format!("/w/{w}/a/{u}")),
        (false, "/no/such/page".into()),
        (true, format!("/facilitator/workshops/{u}")),
        (true, "/facilitator/workshops/not-a-uuid".into()),
        (true, format!("/facilitator/workshops/{u}/screen")),
    ];
    for (as_facilitator, path) in pages {
        let browser = if as_facilitator { &mut ann } else { &mut anne };
        browser.accept_language = "fr".into();
        assert_page(&browser.get(&path).await, 404, "Cette page n’existe pas, ou vous n’y avez pas accès.");
        browser.accept_language = "en".into();
        assert_page(&browser.get(&path).await, 404, "This page does not exist, or you do not have access to it.");
    }
    // Forms aimed at nothing are 404 too, with a valid form token.
    let answer = anne.post_form(&format!("/w/{u}/a/{open}/notes"), &[("text", "x")]).await;
    assert_page(&answer, 404, "This page does not exist");
    let answer = ann.post_form(&format!("/facilitator/workshops/{u}/activities/{open}/open"), &[]).await;
    assert_page(&answer, 404, "This page does not exist");
    // A control the console does not have, and a control on an activity the workshop does not have.
    let answer = ann.post_form(&format!("/facilitator/workshops/{w}/activities/{open}/launch"), &[]).await;
    assert_page(&answer, 404, "This page does not exist");
    let answer = ann.post_form(&format!("/facilitator/workshops/{w}/activities/{u}/close"), &[]).await;
    assert_page(&answer, 404, "This page does not exist");
    let answer = ann.post_form(&format!("/facilitator/workshops/{u}/delete"), &[]).await;
    assert_page(&answer, 404, "This page does not exist");
    assert_eq!(log_head(&server, &data.token, w).await, anne_before, "a request for nothing changed the log");
    assert_eq!(anne_before.0, before.0 + 1, "only Anne's join moved the log");
}

#[tokio::test]
async fn an_unknown_join_code_is_404_on_the_api_and_a_localised_message_on_the_join_page() {
    let data = DataFolder::new();
    let server = spawn_app(&data);
    let room = room(&server, &data.token).await;
    let before = log_head(&server, &data.token, &room.id).await;

    let join = |lang: &'static str| {
        server
            .http
            .post(server.url("/api/v1/join"))
            .header("Accept-Language", lang)
            .json(&json!({"join_code": UNKNOWN_CODE, "name": "Zoé"}))
    };
    let message = assert_api_error(&send(join("fr")).await, 404, "unknown_join_code");
    assert!(message.contains("Aucun atelier ne correspond à ce code"), "{message}");
    let message = assert_api_error(&send(join("en")).await, 404, "unknown_join_code");
    assert!(message.contains("No workshop has this code"), "{message}");

    let mut phone = Browser::open(&server, "fr").await;
    let answer = phone.post_form("/join", &[("join_code", UNKNOWN_CODE), ("name", "Zoé"), ("service", "")]).await;
    assert_page(&answer, 404, "Aucun atelier ne correspond à ce code");
    assert!(answer.body.contains("value=\"Zoé\""), "the form keeps the name typed: {}", answer.body);
    assert!(
        !phone.cookies.iter().any(|(name, _)| name.starts_with("cv_p_")),
        "no participant cookie for a failed join"
    );
    phone.accept_language = "en".into();
    let answer = phone.post_form("/join", &[("join_code", UNKNOWN_CODE), ("name", "Zoé"), ("service", "")]).await;
    assert_page(&answer, 404, "No workshop has this code");

    // A known code with an empty name is refused on the page too, in the reader's language.
    phone.accept_language = "fr".into();
    let answer = phone.post_form("/join", &[("join_code", &room.join_code), ("name", "  "), ("service", "")]).await;
    assert_page(&answer, 422, "Le champ «\u{a0}nom\u{a0}» est vide.");
    assert_eq!(log_head(&server, &data.token, &room.id).await, before);
}

#[tokio::test]
async fn forged_missing_or_foreign_credentials_are_refused_without_a_500_or_a_leak() {
    let data = DataFolder::new();
    let server = spawn_app(&data);
    let room = room(&server, &data.token).await;
    // Workshop B, with its own participant.
    let other = self::room(&server, &data.token).await;
    let before = log_head(&server, &data.token, &room.id).await;
    let w = room.id.as_str();
    let simple = w.replace('-', "");
    let note = json!({"activity_id": room.activities[0], "text": "x"});

    // A forged participant cookie is not a participant, and not a crash.
    let forged_cookies = [
        format!("cv_p_{simple}=cvp_x.y.zz"),
        format!("cv_p_{simple}=cvp_{simple}.{}.{}", random_uuid().replace('-', ""), "0".repeat(64)),
        // A genuine token of workshop B, presented under workshop A's cookie name.
        format!("cv_p_{simple}={}", other.people[0]),
    ];
    let browser = Browser::open(&server, "fr").await;
    for cookie in &forged_cookies {
        let answer =
            send(server.http.get(server.url(&format!("/api/v1/workshops/{w}"))).header("Cookie", cookie)).await;
        assert_api_error(&answer, 401, "unauthenticated");
        let answer =
            send(server.http.get(server.url(&format!("/api/v1/workshops/{w}/events"))).header("Cookie", cookie)).await;
        assert_api_error(&answer, 401, "unauthenticated");
        // Pages treat it as no cookie at all: the browser is sent to join, shown nothing.
        for path in [format!("/w/{w}"), format!("/w/{w}/a/{}", room.activities[0])] {
            let answer =
                send(server.http.get(server.url(&path)).header("Cookie", cookie).header("Accept-Language", "fr")).await;
            assert_eq!(
                (answer.status, answer.location.as_deref()),
                (303, Some("/join")),
                "a forged participant cookie on {path}: {}",
                answer.body
            );
            assert!(!answer.body.contains("Atelier démocratie 2029"), "the workshop leaked: {}", answer.body);
        }
        // Nor does it post: a form with a valid token but a forged cookie records nothing.
        let mut forger = browser.clone();
        let (name, value) = cookie.split_once('=').unwrap();
        forger.set_cookie(name, value);
        let answer = forger.post_form(&format!("/w/{w}/a/{}/notes", room.activities[0]), &[("text", "forgé")]).await;
        assert_eq!((answer.status, answer.location.as_deref()), (303, Some("/join")), "{}", answer.body);
    }

    // A participant of workshop B learns nothing about workshop A.
    let foreign: Vec<(reqwest::Method, String)> = vec![
        (reqwest::Method::GET, format!("/api/v1/workshops/{w}")),
        (reqwest::Method::POST, format!("/api/v1/workshops/{w}/contributions")),
        (reqwest::Method::GET, format!("/api/v1/workshops/{w}/events")),
        (reqwest::Method::GET, format!("/api/v1/workshops/{w}/export")),
        (reqwest::Method::POST, format!("/api/v1/workshops/{w}/activities/{}/close", room.activities[0])),
    ];
    for (method, path) in &foreign {
        let answer =
            send(server.http.request(method.clone(), server.url(path)).bearer_auth(&other.people[0]).json(&note)).await;
        assert_api_error(&answer, 404, "not_found");
    }

    // No credentials, or credentials that are not ours.
    let protected: Vec<(reqwest::Method, String)> = vec![
        (reqwest::Method::GET, "/api/v1/workshops".into()),
        (reqwest::Method::POST, "/api/v1/workshops".into()),
        (reqwest::Method::GET, format!("/api/v1/workshops/{w}")),
        (reqwest::Method::POST, format!("/api/v1/workshops/{w}/contributions")),
        (reqwest::Method::GET, format!("/api/v1/workshops/{w}/events")),
        (reqwest::Method::GET, format!("/api/v1/workshops/{w}/export")),
        (reqwest::Method::POST, format!("/api/v1/workshops/{w}/activities/{}/close", room.activities[0])),
    ];
    let authorizations: [Option<&str>; 7] = [
        None,
        Some("Bearer nonsense"),
        Some("Bearer cvf_forged0000000000000000"),
        Some("Bearer cvp_x.y.zz"),
        Some("Bearer "),
        Some("Basic YW5uQGV4YW1wbGUub3JnOnB3"),
        Some("cvf_without_the_scheme"),
    ];
    for (method, path) in &protected {
        for authorization in authorizations {
            let mut request = server.http.request(method.clone(), server.url(path)).header("Accept-Language", "fr");
            if let Some(authorization) = authorization {
                request = request.header("Authorization", authorization);
            }
            if *method == reqwest::Method::POST {
                // A body the operation takes, so only the credentials are wrong.
                let body = if path == "/api/v1/workshops" { json!({"title": "Atelier"}) } else { note.clone() };
                request = request.json(&body);
            }
            let answer = send(request).await;
            let message = assert_api_error(&answer, 401, "unauthenticated");
            assert!(message.contains("Connectez-vous"), "{method} {path} with {authorization:?}: {message}");
        }
    }

    // A forged session cookie is no session: the API says 401, the pages send to sign in.
    let forged_session = "cv_session=forged-session-token";
    let answer = send(server.http.get(server.url("/api/v1/workshops")).header("Cookie", forged_session)).await;
    assert_api_error(&answer, 401, "unauthenticated");
    for path in ["/facilitator".to_owned(), format!("/facilitator/workshops/{w}")] {
        let answer = send(server.http.get(server.url(&path)).header("Cookie", forged_session)).await;
        assert_eq!((answer.status, answer.location.as_deref()), (303, Some("/signin")), "{path}");
    }
    assert_eq!(log_head(&server, &data.token, w).await, before, "refused credentials changed the log");
}

#[tokio::test]
async fn a_valid_form_round_trip_posts_a_note_that_appears_on_the_activity_page() {
    let data = DataFolder::new();
    let server = spawn_app(&data);
    let room = room(&server, &data.token).await;
    let mut phone = Browser::open(&server, "fr").await;
    let joined = phone.join(&room.join_code, "Bruno").await;
    // One activity is open: joining lands on it, where the room is.
    let activity_path = format!("/w/{}/a/{}", room.id, room.activities[0]);
    assert_eq!(joined.location.as_deref(), Some(activity_path.as_str()));
    let home = phone.get(&format!("/w/{}", room.id)).await;
    assert_eq!(home.status, 200, "{}", home.body);
    assert!(home.body.contains("Bruno"), "the home page greets the participant");

    let page = phone.get(&activity_path).await;
    assert_eq!(page.status, 200);
    assert_eq!(
        csrf_field(&page.body).as_deref(),
        Some(phone.csrf.as_str()),
        "the note form carries the browser's token"
    );
    let before = log_head(&server, &data.token, &room.id).await;
    let posted =
        phone.post_form(&format!("{activity_path}/notes"), &[("text", "Une charte contre le civic washing")]).await;
    let back = format!("{activity_path}?sent=1#text");
    assert_eq!((posted.status, posted.location.as_deref()), (303, Some(back.as_str())), "{}", posted.body);
    assert_eq!(log_head(&server, &data.token, &room.id).await.0, before.0 + 1);
    let page = phone.get(&activity_path).await;
    assert_eq!(page.status, 200);
    assert!(page.body.contains("Une charte contre le civic washing"), "the note is on the page");
}

#[tokio::test]
async fn forms_without_a_valid_csrf_token_or_from_another_site_are_refused_with_a_localised_page() {
    let data = DataFolder::new();
    let server = spawn_app(&data);
    let room = room(&server, &data.token).await;
    let mut phone = Browser::open(&server, "fr").await;
    phone.join(&room.join_code, "Chloé").await;
    let stranger = Browser::open(&server, "fr").await;
    let before = log_head(&server, &data.token, &room.id).await;
    let notes = format!("/w/{}/a/{}/notes", room.id, room.activities[0]);
    let expired_fr = "Ce formulaire a expiré";
    let expired_en = "This form has expired";
    let form = |fields: &[(&str, &str)]| form_encode(fields);

    let without = form(&[("text", "sans jeton")]);
    let wrong = form(&[("_csrf", "0000"), ("text", "mauvais jeton")]);
    let someone_elses = form(&[("_csrf", &stranger.csrf), ("text", "le jeton d'un autre")]);
    let valid = form(&[("_csrf", &phone.csrf), ("text", "un bon jeton")]);
    let no_seed_cookie: Vec<(String, String)> =
        phone.cookies.iter().filter(|(name, _)| name != "cv_csrf").cloned().collect();
    let no_seed = no_seed_cookie.iter().map(|(n, v)| format!("{n}={v}")).collect::<Vec<_>>().join("; ");

    // (what, body, extra headers, cookie header override)
    let cases: Vec<(&str, String, Vec<(&str, &str)>, Option<String>)> = vec![
        ("no _csrf field", without, vec![], None),
        ("a wrong _csrf", wrong, vec![], None),
        ("another browser's _csrf", someone_elses, vec![], None),
        ("a valid _csrf without its cv_csrf cookie", valid.clone(), vec![], Some(no_seed)),
        ("a cross-origin Origin", valid.clone(), vec![("Origin", "http://evil.example")], None),
        ("Origin null", valid.clone(), vec![("Origin", "null")], None),
        ("Sec-Fetch-Site cross-site", valid.clone(), vec![("Sec-Fetch-Site", "cross-site")], None),
    ];
    for (what, body, headers, cookies) in cases {
        for (lang, message) in [("fr", expired_fr), ("en", expired_en)] {
            let mut request = server
                .http
                .post(server.url(&notes))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("Accept-Language", lang)
                .header("Cookie", cookies.clone().unwrap_or_else(|| phone.cookie_header()))
                .body(body.clone());
            for (name, value) in &headers {
                request = request.header(*name, *value);
            }
            let answer = send(request).await;
            assert_eq!(answer.status, 403, "{what}: {}", answer.body);
            assert_page(&answer, 403, message);
        }
        assert_eq!(log_head(&server, &data.token, &room.id).await, before, "{what} changed the log");
    }

    // Signing out is a form too: without its token the session survives.
    let mut ann = Browser::open(&server, "fr").await;
    ann.sign_in("ann@example.org", PASSWORD).await;
    let answer = send(
        server
            .http
            .post(server.url("/signout"))
            .header("Cookie", ann.cookie_header())
            .header("Content-Type", "application/x-www-form-urlencoded")
            .body(""),
    )
    .await;
    assert_page(&answer, 403, expired_fr);
    assert_eq!(ann.get("/facilitator").await.status, 200, "the session survived a forged sign-out");

    // The API with only a cookie needs X-CSRF-Token; with the right one it works.
    let api = server.url(&format!("/api/v1/workshops/{}/contributions", room.id));
    let note = json!({"activity_id": room.activities[0], "text": "par le cookie"});
    for token in [None, Some("0000"), Some(stranger.csrf.as_str())] {
        let mut request = server.http.post(&api).header("Cookie", phone.cookie_header()).json(&note);
        if let Some(token) = token {
            request = request.header("X-CSRF-Token", token);
        }
        assert_api_error(&send(request).await, 403, "cross_site_request");
    }
    let answer = send(
        server
            .http
            .post(&api)
            .header("Cookie", phone.cookie_header())
            .header("Origin", "http://evil.example")
            .header("X-CSRF-Token", &phone.csrf)
            .json(&note),
    )
    .await;
    assert_api_error(&answer, 403, "cross_site_request");
    assert_eq!(log_head(&server, &data.token, &room.id).await, before, "a cross-site API call changed the log");

    let answer = send(
        server.http.post(&api).header("Cookie", phone.cookie_header()).header("X-CSRF-Token", &phone.csrf).json(&note),
    )
    .await;
    assert_eq!(answer.status, 201, "a same-site cookie call with its token works: {}", answer.body);
    let answer = phone.post_form(&notes, &[("text", "un bon jeton")]).await;
    assert_eq!(answer.status, 303, "the same form with its token works: {}", answer.body);
}

#[tokio::test]
async fn bad_form_bodies_get_a_localised_page_and_leave_the_log_unchanged() {
    let data = DataFolder::new();
    let server = spawn_app(&data);
    let room = room(&server, &data.token).await;
    let mut phone = Browser::open(&server, "fr").await;
    phone.join(&room.join_code, "Chloé").await;
    let before = log_head(&server, &data.token, &room.id).await;
    let notes = format!("/w/{}/a/{}/notes", room.id, room.activities[0]);
    let draft_notes = format!("/w/{}/a/{}/notes", room.id, room.activities[1]);

    let answer = phone.post_form(&notes, &[("text", "")]).await;
    assert_page(&answer, 422, "Le champ «\u{a0}texte\u{a0}» est vide.");
    let answer = phone.post_form(&notes, &[("text", &"é".repeat(1001))]).await;
    assert_page(&answer, 422, "la limite est de 1000");
    assert!(answer.body.contains(&"é".repeat(1001)), "the refused text is given back, not lost");
    // A draft is not there yet for participants: refused, and its page is not shown.
    let answer = phone.post_form(&draft_notes, &[("text", "Une force"), ("kind", "strength")]).await;
    assert_page(&answer, 404, "Cette page n’existe pas");
    let answer = phone.post_form(&notes, &[("text", "x"), ("kind", "banana")]).await;
    assert_page(&answer, 400, "La requête n’a pas pu être lue");
    let answer = phone.post_form(&notes, &[("text", &"a".repeat(100 * 1024))]).await;
    assert_page(&answer, 413, "Ce contenu est trop volumineux.");
    phone.accept_language = "en".into();
    let answer = phone.post_form(&notes, &[("text", &"a".repeat(100 * 1024))]).await;
    assert_page(&answer, 413, "This content is too large.");
    let answer = phone.post_form(&notes, &[("text", "")]).await;
    assert_page(&answer, 422, "The text is empty.");

    // The right token in a body that is not a form.
    let body = form_encode(&[("_csrf", &phone.csrf), ("text", "du texte brut")]);
    let request = phone.build(reqwest::Method::POST, &notes).header("Content-Type", "text/plain").body(body);
    let answer = phone.send(request).await;
    assert_page(&answer, 415, "This content type is not accepted.");
    assert_eq!(log_head(&server, &data.token, &room.id).await, before, "a refused form changed the log");
}

#[tokio::test]
async fn a_form_whose_text_is_not_utf8_is_refused_rather_than_stored_altered() {
    let data = DataFolder::new();
    let server = spawn_app(&data);
    let room = room(&server, &data.token).await;
    let mut phone = Browser::open(&server, "en").await;
    phone.join(&room.join_code, "Chloé").await;
    let before = log_head(&server, &data.token, &room.id).await;
    let notes = format!("/w/{}/a/{}/notes", room.id, room.activities[0]);
    // Raw bytes, and the same bytes percent-encoded as a form encodes them.
    for tail in [&b"&text=\xff\xfe"[..], &b"&text=%FF%FE"[..]] {
        let mut body = form_encode(&[("_csrf", &phone.csrf)]).into_bytes();
        body.extend_from_slice(tail);
        let request = phone
            .build(reqwest::Method::POST, &notes)
            .header("Content-Type", "application/x-www-form-urlencoded")
            .body(body);
        let answer = phone.send(request).await;
        let stored = server.workshop(&data.token, &room.id).await["contributions"].to_string();
        assert_eq!(log_head(&server, &data.token, &room.id).await, before, "a non-UTF-8 form was stored: {stored}");
        assert_page(&answer, 400, "The request could not be read");
    }
}

#[tokio::test]
async fn six_wrong_passwords_in_a_row_for_one_email_are_slowed_down_with_a_localised_message() {
    let data = DataFolder::new();
    data.add_facilitator("bob@example.org", "Bob");
    let server = spawn_app(&data);
    let mut browser = Browser::open(&server, "fr").await;
    for attempt in 1..=5 {
        let answer =
            browser.post_form("/signin", &[("email", "ann@example.org"), ("password", "wrong password")]).await;
        assert_page(&answer, 401, "L’adresse e-mail ou le mot de passe est incorrect.");
        assert!(answer.retry_after.is_none(), "attempt {attempt} is not limited yet");
    }
    let answer = browser.post_form("/signin", &[("email", "ann@example.org"), ("password", "wrong password")]).await;
    assert_page(&answer, 429, "Trop de tentatives");
    let wait: u64 = answer.retry_after.as_deref().expect("a Retry-After header").parse().expect("seconds");
    assert!((1..=60).contains(&wait), "Retry-After: {wait}");
    browser.accept_language = "en".into();
    let answer = browser.post_form("/signin", &[("email", "ann@example.org"), ("password", PASSWORD)]).await;
    assert_page(&answer, 429, "Too many attempts");
    assert!(browser.cookie("cv_session").is_none(), "no session while limited, even with the right password");
    // Another account is not slowed down by the guesses at Ann's.
    browser.sign_in("bob@example.org", PASSWORD).await;
}

#[tokio::test]
async fn sixty_participants_joining_one_workshop_from_one_client_within_a_minute_all_get_in() {
    let data = DataFolder::new();
    let server = spawn_app(&data);
    let room = room(&server, &data.token).await;
    for n in 0..60 {
        let answer = send(
            server
                .http
                .post(server.url("/api/v1/join"))
                .json(&json!({"join_code": room.join_code, "name": format!("Agent {n}")})),
        )
        .await;
        assert_eq!(answer.status, 200, "join {n}: {}", answer.body);
    }
    let view = server.workshop(&data.token, &room.id).await;
    // Ann the facilitator, Anne from the room fixture, and the sixty.
    assert_eq!(view["participants"].as_array().unwrap().len(), 62);
}
