//! Every kind of response carries the same protective headers: pages, errors, refusals, static
//! files, the event stream, the API, downloads. A strict policy without inline script, no
//! sniffing, no framing, no referrer outside the site, and nothing cached that is not meant for
//! everyone; over HTTPS, browsers are told to stay on HTTPS.

use converge_test_support::*;
use reqwest::Method;
use reqwest::header::HeaderMap;

fn header<'a>(headers: &'a HeaderMap, name: &str) -> &'a str {
    headers.get(name).and_then(|value| value.to_str().ok()).unwrap_or("")
}

/// The protections every response must carry, whatever its route or status.
fn assert_protected(what: &str, status: u16, headers: &HeaderMap) {
    let policy = header(headers, "content-security-policy");
    assert!(!policy.is_empty(), "{what} ({status}): no Content-Security-Policy");
    assert!(!policy.contains("unsafe-inline") && !policy.contains("unsafe-eval"), "{what}: {policy}");
    assert!(policy.contains("frame-ancestors 'none'"), "{what}: framing allowed: {policy}");
    let script_src = policy.split(';').map(str::trim).find(|directive| directive.starts_with("script-src"));
    assert!(
        script_src.is_none_or(|directive| directive == "script-src 'self'" || directive == "script-src 'none'"),
        "{what}: scripts from elsewhere: {policy}"
    );
    assert!(policy.contains("default-src 'none'"), "{what}: {policy}");
    assert_eq!(header(headers, "x-content-type-options"), "nosniff", "{what}");
    assert_eq!(header(headers, "x-frame-options"), "DENY", "{what}");
    assert_eq!(header(headers, "referrer-policy"), "same-origin", "{what}");
    assert!(!header(headers, "permissions-policy").is_empty(), "{what}: no Permissions-Policy");
}

/// Pages and answers that belong to one person or change all the time are never cached.
fn assert_not_stored(what: &str, headers: &HeaderMap) {
    assert_eq!(header(headers, "cache-control"), "no-store", "{what}");
}

async fn fetch(browser: &Browser, method: Method, path: &str) -> (u16, HeaderMap, String) {
    let response = browser.build(method, path).send().await.unwrap();
    let (status, headers) = (response.status().as_u16(), response.headers().clone());
    let body = if header(&headers, "content-type").starts_with("text/event-stream") {
        String::new() // the stream never ends; its headers are what is checked
    } else {
        response.text().await.unwrap()
    };
    (status, headers, body)
}

fn first_link<'a>(html: &'a str, prefix: &str) -> &'a str {
    let start = html.find(prefix).unwrap_or_else(|| panic!("no link starting with {prefix}"));
    let rest = &html[start..];
    &rest[..rest.find('"').unwrap()]
}

#[tokio::test]
async fn every_kind_of_response_carries_the_protective_headers() {
    let data = DataFolder::new();
    let server = spawn_app(&data);
    let workshop = server.create_workshop(&data.token, "En-têtes").await;
    let id = str(&workshop, "id");
    let participant = server.join(str(&workshop, "join_code"), "Bea").await;
    let participant_token = str(&participant, "token");

    let mut anonymous = Browser::open(&server, "fr").await;
    let mut facilitator = Browser::open(&server, "fr").await;
    facilitator.sign_in("ann@example.org", PASSWORD).await;

    // Public pages, their errors and refusals.
    let (status, headers, landing) = fetch(&anonymous, Method::GET, "/").await;
    assert_eq!(status, 200);
    assert_protected("the landing page", status, &headers);
    let stylesheet_or_script = first_link(&landing, "/static/").to_owned();
    for (what, method, path, expected) in [
        ("the join page", Method::GET, "/join", 200),
        ("the sign-in page", Method::GET, "/signin", 200),
        ("a missing page", Method::GET, "/nowhere", 404),
        ("a missing API route", Method::GET, "/api/v1/nowhere", 404),
        ("a wrong method", Method::GET, "/signout", 405),
        ("a facilitator page without a session", Method::GET, "/facilitator", 303),
        ("the health check", Method::GET, "/healthz", 200),
        ("the API description", Method::GET, "/api/openapi.json", 200),
    ] {
        let (status, headers, _) = fetch(&anonymous, method, path).await;
        assert_eq!(status, expected, "{what}");
        assert_protected(what, status, &headers);
    }

    // A form without its token is refused, with the headers still on.
    let refused = anonymous
        .build(Method::POST, "/join")
        .header("content-type", "application/x-www-form-urlencoded")
        .body(form_encode(&[("join_code", "ABC")]))
        .send()
        .await
        .unwrap();
    assert_eq!(refused.status(), 403);
    assert_protected("a refused form", 403, refused.headers());

    // A body over the limit.
    let too_large = anonymous.get("/join").await;
    let csrf = csrf_field(&too_large.body).unwrap();
    let huge = "x".repeat(200 * 1024);
    // On a connection of its own: the server closes it without reading the rest of the body.
    let refused = reqwest::Client::new()
        .post(server.url("/join"))
        .header("cookie", anonymous.cookie_header())
        .header("content-type", "application/x-www-form-urlencoded")
        .body(form_encode(&[("_csrf", csrf.as_str()), ("join_code", huge.as_str())]))
        .send()
        .await
        .unwrap();
    assert_eq!(refused.status(), 413);
    assert_protected("a body over the limit", 413, refused.headers());

    // Static files: cached for ever (their address carries the version), still protected.
    let (status, headers, _) = fetch(&anonymous, Method::GET, &stylesheet_or_script).await;
    assert_eq!(status, 200, "{stylesheet_or_script}");
    assert_protected("a static file", status, &headers);
    assert!(header(&headers, "cache-control").contains("immutable"), "{}", header(&headers, "cache-control"));

    // Signed-in pages and downloads.
    for (what, path) in [
        ("the dashboard", "/facilitator".to_owned()),
        ("the console", format!("/facilitator/workshops/{id}")),
        ("the projection screen", format!("/facilitator/workshops/{id}/screen")),
        ("the report page", format!("/facilitator/workshops/{id}/report")),
    ] {
        let (status, headers, _) = fetch(&facilitator, Method::GET, &path).await;
        assert_eq!(status, 200, "{what}");
        assert_protected(what, status, &headers);
        assert_not_stored(what, &headers);
    }
    let (_, _, console) = fetch(&facilitator, Method::GET, &format!("/facilitator/workshops/{id}")).await;
    let table = first_link(&console, &format!("/facilitator/workshops/{id}/report/")).to_owned();
    let (status, headers, _) = fetch(&facilitator, Method::GET, &table).await;
    assert_eq!(status, 200, "{table}");
    assert_protected("a CSV table", status, &headers);
    assert_not_stored("a CSV table", &headers);
    assert!(header(&headers, "content-disposition").starts_with("attachment"), "a table downloads, never renders");

    // The API and the event stream, with a participant's bearer token.
    for (what, path) in [
        ("the workshop as JSON", format!("/api/v1/workshops/{id}")),
        ("the event stream", format!("/api/v1/workshops/{id}/events")),
    ] {
        let response = server.http.get(server.url(&path)).bearer_auth(participant_token).send().await.unwrap();
        let status = response.status().as_u16();
        assert_eq!(status, 200, "{what}");
        assert_protected(what, status, response.headers());
        assert_not_stored(what, response.headers());
    }
    let forbidden = server
        .http
        .get(server.url(&format!("/api/v1/workshops/{id}/export")))
        .bearer_auth(participant_token)
        .send()
        .await
        .unwrap();
    assert_eq!(forbidden.status(), 403);
    assert_protected("a forbidden export", 403, forbidden.headers());

    // Over plain HTTP there is no HSTS: it would pin a venue's laptop to a TLS it does not have.
    let (_, headers, _) = fetch(&anonymous, Method::GET, "/").await;
    assert!(headers.get("strict-transport-security").is_none());
}

#[tokio::test]
async fn behind_https_browsers_are_told_to_stay_on_https() {
    let data = DataFolder::new();
    let server = Server::start_with(&data, &["--public-url", "https://converge.example.org"]);
    for path in ["/", "/join", "/nowhere", "/healthz"] {
        let response = server.http.get(server.url(path)).send().await.unwrap();
        let status = response.status().as_u16();
        assert_protected(path, status, response.headers());
        let hsts = header(response.headers(), "strict-transport-security");
        assert!(hsts.starts_with("max-age=") && !hsts.starts_with("max-age=0"), "{path}: {hsts:?}");
    }
}

#[tokio::test]
async fn pages_and_json_go_compressed_to_clients_that_accept_it_and_the_event_stream_never_does() {
    let data = DataFolder::new();
    let server = spawn_app(&data);
    let workshop = server.create_workshop(&data.token, "Compression").await;
    let id = str(&workshop, "id");
    let participant = server.join(str(&workshop, "join_code"), "Bea").await;
    let token = str(&participant, "token");
    let encoding = |response: &reqwest::Response| header(response.headers(), "content-encoding").to_owned();
    for accepted in ["gzip", "br"] {
        for path in ["/join".to_owned(), format!("/api/v1/workshops/{id}"), "/api/openapi.json".to_owned()] {
            let response = server
                .http
                .get(server.url(&path))
                .bearer_auth(token)
                .header("accept-encoding", accepted)
                .send()
                .await
                .unwrap();
            assert_eq!((response.status().as_u16(), encoding(&response)), (200, accepted.to_owned()), "{path}");
        }
        let stream = server
            .http
            .get(server.url(&format!("/api/v1/workshops/{id}/events")))
            .bearer_auth(token)
            .header("accept-encoding", accepted)
            .send()
            .await
            .unwrap();
        assert_eq!((stream.status().as_u16(), encoding(&stream)), (200, String::new()), "the event stream");
    }
    // A client that says nothing gets the page as it is.
    let plain = server.http.get(server.url("/join")).send().await.unwrap();
    assert_eq!(encoding(&plain), "");
}
