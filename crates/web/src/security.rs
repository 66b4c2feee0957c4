//! Cross-cutting protections applied to every request: security headers, and the CSRF check
//! on every state-changing request.
//!
//! CSRF works on plain HTTP too, where browsers send no `Sec-Fetch-*` headers: each browser
//! gets a random `cv_csrf` cookie, and every form carries `_csrf`, an HMAC of that cookie under
//! the server's secret. A forged form from another site can neither read the cookie nor compute
//! the HMAC. Requests that carry an `Origin` must also come from our own host. API calls
//! authenticated by a cookie send the same token in `X-CSRF-Token`; bearer-token calls carry no
//! ambient credential and need none. A multipart form (a card upload, a follow-up import) carries
//! its token as its first field: the first kilobytes of the body are read, checked and put back.

use crate::error::Failure;
use crate::{AppState, cookies};
use axum::body::{Body, to_bytes};
use axum::extract::{Request, State};
use axum::http::{HeaderMap, HeaderValue, Method, header};
use axum::middleware::Next;
use axum::response::Response;

/// The largest request body any route takes.
pub const BODY_LIMIT: usize = 64 * 1024;

/// The form token of the current request, for pages to embed.
#[derive(Debug, Clone)]
pub struct CsrfToken(pub String);

const CSRF_FIELD: &str = "_csrf";
const CSRF_HEADER: &str = "x-csrf-token";
/// A form token's seed lasts as long as a participant's cookie: the workshop and its
/// follow-up days. It is renewed at every sign-in and sign-out.
pub(crate) const CSRF_COOKIE_MAX_AGE: i64 = cookies::PARTICIPANT_MAX_AGE;

/// How much of a multipart body is read to find its first part, the form token.
const MULTIPART_TOKEN_PREFIX: usize = 16 * 1024;

/// The form token of a browser: its random seed signed together with its facilitator session,
/// if any, so a token learnt or planted before sign-in is worth nothing after it.
pub(crate) fn csrf_token(app: &AppState, seed: &str, headers: &HeaderMap) -> String {
    let session = cookies::get(headers, cookies::SESSION).unwrap_or_default();
    app.engine.sign(&format!("csrf\n{seed}\n{session}"))
}

pub async fn csrf(State(app): State<AppState>, request: Request, next: Next) -> Response {
    let (mut parts, body) = request.into_parts();
    let existing_seed = cookies::get(&parts.headers, cookies::CSRF);
    let seed = existing_seed.clone().unwrap_or_else(converge_engine::random::token);
    let token = csrf_token(&app, &seed, &parts.headers);
    let is_api = parts.uri.path().starts_with("/api/");
    let path = parts.uri.path().to_owned();
    let fail = |failure: Failure| -> Response { crate::error::for_path(&path, failure) };

    let mut body = body;
    if !matches!(parts.method, Method::GET | Method::HEAD | Method::OPTIONS) {
        if !same_origin(&parts.headers) {
            tracing::warn!(path = parts.uri.path(), "refused a cross-origin request");
            return fail(Failure::CrossSite);
        }
        if is_api {
            let ambient = parts.headers.get(header::AUTHORIZATION).is_none() && carries_credentials(&parts.headers);
            let presented = parts.headers.get(CSRF_HEADER).and_then(|value| value.to_str().ok());
            if ambient && !(existing_seed.is_some() && presented.is_some_and(|p| constant_time_eq(p, &token))) {
                return fail(Failure::CrossSite);
            }
        } else if let Some(boundary) = multipart_boundary(&parts.headers) {
            // A file upload is not buffered here like a small form: it may be megabytes, and its
            // route has its own body limit. The token is the form's first field, so the first
            // few kilobytes hold it; they are read, checked and put back in front of the rest.
            let mut stream = body.into_data_stream();
            let mut prefix = Vec::new();
            while prefix.len() < MULTIPART_TOKEN_PREFIX {
                match futures_util::StreamExt::next(&mut stream).await {
                    Some(Ok(chunk)) => prefix.extend_from_slice(&chunk),
                    Some(Err(_)) => return fail(Failure::BadRequest("the upload was interrupted".into())),
                    None => break,
                }
            }
            let presented = first_multipart_field(&prefix, &boundary, CSRF_FIELD);
            if existing_seed.is_none() || !presented.is_some_and(|p| constant_time_eq(&p, &token)) {
                tracing::warn!(path = parts.uri.path(), "refused an upload without a valid CSRF token");
                return fail(Failure::CrossSite);
            }
            let prefix =
                futures_util::stream::once(async move { Ok::<_, axum::Error>(axum::body::Bytes::from(prefix)) });
            body = Body::from_stream(futures_util::StreamExt::chain(prefix, stream));
        } else {
            let bytes = match to_bytes(body, BODY_LIMIT).await {
                Ok(bytes) => bytes,
                Err(_) => return fail(Failure::PayloadTooLarge),
            };
            let presented = form_field(&bytes, CSRF_FIELD);
            if existing_seed.is_none() || !presented.is_some_and(|p| constant_time_eq(&p, &token)) {
                tracing::warn!(path = parts.uri.path(), "refused a form without a valid CSRF token");
                return fail(Failure::CrossSite);
            }
            // The form decoder would replace invalid bytes silently; refuse them instead.
            if !form_is_utf8(&bytes) {
                return fail(Failure::BadRequest("the form is not valid UTF-8".into()));
            }
            body = Body::from(bytes);
        }
    }

    parts.extensions.insert(CsrfToken(token));
    let mut response = next.run(Request::from_parts(parts, body)).await;
    let is_html = response
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|value| value.to_str().ok())
        .is_some_and(|value| value.starts_with("text/html"));
    if existing_seed.is_none() && is_html {
        app.cookie_policy.add(&mut response, cookies::CSRF, &seed, CSRF_COOKIE_MAX_AGE);
    }
    response
}

fn carries_credentials(headers: &HeaderMap) -> bool {
    cookies::get(headers, cookies::SESSION).is_some()
        || headers
            .get_all(header::COOKIE)
            .iter()
            .filter_map(|value| value.to_str().ok())
            .any(|value| value.contains(cookies::PARTICIPANT_PREFIX))
}

/// False when the request says it comes from a page of another origin.
fn same_origin(headers: &HeaderMap) -> bool {
    if let Some(site) = headers.get("sec-fetch-site").and_then(|value| value.to_str().ok())
        && site != "same-origin"
        && site != "none"
    {
        return false;
    }
    let Some(origin) = headers.get(header::ORIGIN).and_then(|value| value.to_str().ok()) else {
        return true;
    };
    let host = headers.get(header::HOST).and_then(|value| value.to_str().ok()).unwrap_or_default();
    let origin_authority = origin.split_once("://").map_or("", |(_, authority)| authority);
    !host.is_empty() && origin_authority.eq_ignore_ascii_case(host)
}

/// The boundary of a `multipart/form-data` body.
fn multipart_boundary(headers: &HeaderMap) -> Option<String> {
    let value = headers.get(header::CONTENT_TYPE)?.to_str().ok()?;
    let (kind, parameters) = value.split_once(';').unwrap_or((value, ""));
    if !kind.trim().eq_ignore_ascii_case("multipart/form-data") {
        return None;
    }
    parameters.split(';').find_map(|parameter| {
        let (name, value) = parameter.trim().split_once('=')?;
        name.trim().eq_ignore_ascii_case("boundary").then(|| value.trim().trim_matches('"').to_owned())
    })
}

/// The value of the first part of a multipart body, when that part is the field `name`.
fn first_multipart_field(body: &[u8], boundary: &str, name: &str) -> Option<String> {
    let text = std::str::from_utf8(body.get(..body.len().min(MULTIPART_TOKEN_PREFIX))?).unwrap_or_else(|error| {
        // The prefix may end inside a multi-byte character of a later part: keep what is whole.
        std::str::from_utf8(&body[..error.valid_up_to()]).unwrap_or_default()
    });
    let delimiter = format!("--{boundary}");
    let part = text.strip_prefix(&delimiter)?.strip_prefix("\r\n")?;
    let (head, rest) = part.split_once("\r\n\r\n")?;
    let disposition = head.lines().find(|line| line.to_ascii_lowercase().starts_with("content-disposition:"))?;
    if !disposition.contains(&format!("name=\"{name}\"")) {
        return None;
    }
    let (value, _) = rest.split_once(&format!("\r\n{delimiter}"))?;
    Some(value.to_owned())
}

fn form_field(body: &[u8], name: &str) -> Option<String> {
    let pairs: Vec<(String, String)> = serde_urlencoded::from_bytes(body).ok()?;
    pairs.into_iter().find(|(key, _)| key == name).map(|(_, value)| value)
}

/// True when every percent-decoded key and value of a URL-encoded form is UTF-8.
fn form_is_utf8(body: &[u8]) -> bool {
    body.split(|byte| *byte == b'&').all(|pair| {
        let mut decoded = Vec::with_capacity(pair.len());
        let mut index = 0;
        while index < pair.len() {
            let byte = pair[index];
            let hex = |at: usize| pair.get(at).and_then(|digit| (*digit as char).to_digit(16));
            match (byte, hex(index + 1), hex(index + 2)) {
                (b'%', Some(high), Some(low)) => {
                    decoded.push((high * 16 + low) as u8);
                    index += 3;
                }
                _ => {
                    decoded.push(byte);
                    index += 1;
                }
            }
        }
        std::str::from_utf8(&decoded).is_ok()
    })
}

pub(crate) fn constant_time_eq(a: &str, b: &str) -> bool {
    a.len() == b.len() && a.bytes().zip(b.bytes()).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}

/// The Content-Security-Policy: our own scripts and styles only, no inline script, no framing.
pub const CONTENT_SECURITY_POLICY: &str = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; \
     connect-src 'self'; font-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

pub async fn headers(State(app): State<AppState>, request: Request, next: Next) -> Response {
    let mut response = next.run(request).await;
    let headers = response.headers_mut();
    // A page that sets its own, stricter policy keeps it (the downloadable report).
    if !headers.contains_key(header::CONTENT_SECURITY_POLICY) {
        headers.insert(header::CONTENT_SECURITY_POLICY, HeaderValue::from_static(CONTENT_SECURITY_POLICY));
    }
    headers.insert(header::X_CONTENT_TYPE_OPTIONS, HeaderValue::from_static("nosniff"));
    headers.insert(header::X_FRAME_OPTIONS, HeaderValue::from_static("DENY"));
    headers.insert(header::REFERRER_POLICY, HeaderValue::from_static("same-origin"));
    headers.insert("permissions-policy", HeaderValue::from_static("camera=(), microphone=(), geolocation=()"));
    // The event stream comes with `no-cache`, but what it carries is as private as the pages.
    let is_event_stream =
        headers.get(header::CONTENT_TYPE).is_some_and(|value| value.as_bytes().starts_with(b"text/event-stream"));
    if is_event_stream || !headers.contains_key(header::CACHE_CONTROL) {
        headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    }
    if app.cookie_policy.secure {
        headers
            .insert(header::STRICT_TRANSPORT_SECURITY, HeaderValue::from_static("max-age=31536000; includeSubDomains"));
    }
    response
}

#[cfg(test)]
mod tests {
    use super::*;

    fn headers(pairs: &[(&'static str, &'static str)]) -> HeaderMap {
        let mut map = HeaderMap::new();
        for (name, value) in pairs {
            map.insert(*name, HeaderValue::from_static(value));
        }
        map
    }

    #[test]
    fn origin_must_match_host_when_present() {
        assert!(same_origin(&headers(&[("host", "10.0.0.2:8080")])));
        assert!(same_origin(&headers(&[("host", "10.0.0.2:8080"), ("origin", "http://10.0.0.2:8080")])));
        assert!(!same_origin(&headers(&[("host", "10.0.0.2:8080"), ("origin", "http://evil.example")])));
        assert!(!same_origin(&headers(&[("host", "a"), ("sec-fetch-site", "cross-site")])));
        assert!(!same_origin(&headers(&[("host", "a"), ("origin", "null")])));
    }

    #[test]
    fn form_fields_are_decoded() {
        assert_eq!(form_field(b"a=1&_csrf=x%2By&b=2", "_csrf").as_deref(), Some("x+y"));
        assert_eq!(form_field(b"a=1", "_csrf"), None);
        assert_eq!(form_field(b"\xff\xfe", "_csrf"), None);
    }

    #[test]
    fn an_upload_carries_its_token_in_the_query() {
        assert_eq!(
            multipart_boundary(&headers(&[("content-type", "multipart/form-data; boundary=x")])).as_deref(),
            Some("x")
        );
        assert_eq!(
            multipart_boundary(&headers(&[("content-type", "Multipart/Form-Data; boundary=\"a b\"")])).as_deref(),
            Some("a b")
        );
        assert_eq!(multipart_boundary(&headers(&[("content-type", "application/x-www-form-urlencoded")])), None);
        assert_eq!(multipart_boundary(&headers(&[])), None);
        let body = b"--x\r\nContent-Disposition: form-data; name=\"_csrf\"\r\n\r\ntok\r\n--x\r\nContent-Disposition: form-data; name=\"file\"\r\n\r\n\xff\xfe\r\n--x--\r\n";
        assert_eq!(first_multipart_field(body, "x", "_csrf").as_deref(), Some("tok"));
        assert_eq!(first_multipart_field(body, "x", "file"), None, "only the first part counts");
        assert_eq!(first_multipart_field(&body[..20], "x", "_csrf"), None, "a cut part is no token");
    }

    #[test]
    fn forms_with_invalid_utf8_are_recognised() {
        assert!(form_is_utf8(b"text=caf%C3%A9&a=b+c"));
        assert!(form_is_utf8(b"text=100%"), "a stray percent sign is literal");
        assert!(!form_is_utf8(b"text=%FF%FE"));
        assert!(!form_is_utf8(b"text=\xff"));
    }

    #[test]
    fn constant_time_eq_compares_whole_strings() {
        assert!(constant_time_eq("abc", "abc"));
        assert!(!constant_time_eq("abc", "abd"));
        assert!(!constant_time_eq("abc", "ab"));
    }
}
