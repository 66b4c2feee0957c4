//! Runs the real `converge` binary on a random port over a fresh data folder, and speaks HTTP
//! to it as clients do.
#![allow(dead_code)]

use futures_util::StreamExt;
use serde_json::{Value, json};
use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::Duration;

pub const BIN: &str = env!("CARGO_BIN_EXE_converge");
pub const PASSWORD: &str = "correct horse battery";

pub fn converge(args: &[&str]) -> std::process::Output {
    Command::new(BIN).args(args).env("CONVERGE_LOG", "warn").output().expect("the converge binary runs")
}

/// A data folder with one facilitator account and its API token.
pub struct DataFolder {
    pub dir: tempfile::TempDir,
    pub token: String,
}

impl DataFolder {
    pub fn new() -> DataFolder {
        let dir = tempfile::tempdir().expect("a temporary folder");
        let data = dir.path().to_str().unwrap().to_owned();
        let added = Command::new(BIN)
            .args(["admin", "add-facilitator", "--data", &data, "--email", "ann@example.org", "--name", "Ann"])
            .env("CONVERGE_PASSWORD", PASSWORD)
            .env("CONVERGE_LOG", "warn")
            .output()
            .unwrap();
        assert!(added.status.success(), "add-facilitator failed: {}", String::from_utf8_lossy(&added.stderr));
        let created = converge(&["admin", "token", "create", "--data", &data]);
        assert!(created.status.success(), "token create failed: {}", String::from_utf8_lossy(&created.stderr));
        let stdout = String::from_utf8(created.stdout).unwrap();
        let token = stdout.split_whitespace().last().expect("the token is the last word").to_owned();
        DataFolder { dir, token }
    }

    pub fn path(&self) -> &Path {
        self.dir.path()
    }

    pub fn db(&self) -> PathBuf {
        self.dir.path().join("converge.db")
    }
}

/// A running server. Killed when dropped.
pub struct Server {
    child: Child,
    pub base: String,
    pub http: reqwest::Client,
}

impl Server {
    pub fn start(data: &DataFolder) -> Server {
        Server::start_with(data, &[])
    }

    /// Starts the server with more `serve` flags, e.g. `["--public-url", "https://…"]`.
    pub fn start_with(data: &DataFolder, flags: &[&str]) -> Server {
        Server::spawn(Command::new(BIN), data, flags)
    }

    /// Starts the server allowed only `open_files` descriptors (its soft and hard limit).
    pub fn start_with_open_files(data: &DataFolder, flags: &[&str], open_files: u32) -> Server {
        let mut shell = Command::new("sh");
        shell.args(["-c", &format!("ulimit -n {open_files} && exec \"$0\" \"$@\""), BIN]);
        Server::spawn(shell, data, flags)
    }

    fn spawn(mut command: Command, data: &DataFolder, flags: &[&str]) -> Server {
        let mut child = command
            .args(["serve", "--bind", "127.0.0.1:0", "--data", data.path().to_str().unwrap()])
            .args(flags)
            .env("CONVERGE_LOG", "warn")
            .stdout(Stdio::piped())
            .stderr(Stdio::inherit())
            .spawn()
            .expect("the server starts");
        let stdout = child.stdout.take().unwrap();
        let mut lines = BufReader::new(stdout).lines();
        let base = loop {
            let line = lines.next().expect("the server prints its address").unwrap();
            if let Some(address) = line.split("listening on ").nth(1) {
                break address.trim().to_owned();
            }
        };
        // Keep draining stdout so the server never blocks on a full pipe.
        std::thread::spawn(move || for _ in lines {});
        let http = reqwest::Client::builder().redirect(reqwest::redirect::Policy::none()).build().unwrap();
        Server { child, base, http }
    }

    pub fn url(&self, path: &str) -> String {
        format!("{}{path}", self.base)
    }

    /// Stops the server the hard way: nothing gets a chance to flush.
    pub fn kill(mut self) {
        self.child.kill().unwrap();
        self.child.wait().unwrap();
    }

    pub async fn create_workshop(&self, token: &str, title: &str) -> Value {
        self.create_workshop_with(token, &json!({"title": title})).await
    }

    /// Creates a workshop from a shipped template; its JSON view has its `activities`.
    pub async fn create_from_template(&self, token: &str, title: &str, template: &str) -> Value {
        self.create_workshop_with(token, &json!({"title": title, "template": template})).await
    }

    async fn create_workshop_with(&self, token: &str, body: &Value) -> Value {
        let response =
            self.http.post(self.url("/api/v1/workshops")).bearer_auth(token).json(body).send().await.unwrap();
        assert_eq!(response.status(), 201, "{}", response.text().await.unwrap());
        response.json().await.unwrap()
    }

    pub async fn join(&self, join_code: &str, name: &str) -> Value {
        let response = self
            .http
            .post(self.url("/api/v1/join"))
            .json(&json!({"join_code": join_code, "name": name, "service": "SPW Intérieur"}))
            .send()
            .await
            .unwrap();
        assert_eq!(response.status(), 200, "{}", response.text().await.unwrap());
        response.json().await.unwrap()
    }

    pub async fn open(&self, token: &str, workshop: &str, activity: &str) {
        let response = self
            .http
            .post(self.url(&format!("/api/v1/workshops/{workshop}/activities/{activity}/open")))
            .bearer_auth(token)
            .send()
            .await
            .unwrap();
        assert_eq!(response.status(), 200, "{}", response.text().await.unwrap());
    }

    pub async fn post_note(&self, token: &str, workshop: &str, activity: &str, text: &str) -> reqwest::Response {
        self.http
            .post(self.url(&format!("/api/v1/workshops/{workshop}/contributions")))
            .bearer_auth(token)
            .json(&json!({"activity_id": activity, "text": text}))
            .send()
            .await
            .unwrap()
    }

    pub async fn workshop(&self, token: &str, workshop: &str) -> Value {
        let response =
            self.http.get(self.url(&format!("/api/v1/workshops/{workshop}"))).bearer_auth(token).send().await.unwrap();
        assert_eq!(response.status(), 200);
        response.json().await.unwrap()
    }

    pub async fn export(&self, token: &str, workshop: &str) -> String {
        let response = self
            .http
            .get(self.url(&format!("/api/v1/workshops/{workshop}/export")))
            .bearer_auth(token)
            .send()
            .await
            .unwrap();
        assert_eq!(response.status(), 200);
        response.text().await.unwrap()
    }

    /// Opens the workshop's event stream, resuming after `last_event_id` when given.
    pub async fn events(&self, token: &str, workshop: &str, last_event_id: Option<u64>) -> EventStream {
        let mut request = self.http.get(self.url(&format!("/api/v1/workshops/{workshop}/events"))).bearer_auth(token);
        if let Some(id) = last_event_id {
            request = request.header("Last-Event-ID", id.to_string());
        }
        let response = request.send().await.unwrap();
        assert_eq!(response.status(), 200);
        assert!(response.headers()["content-type"].to_str().unwrap().starts_with("text/event-stream"));
        EventStream { body: Box::pin(response.bytes_stream()), buffer: String::new() }
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// One Server-Sent Event.
#[derive(Debug, Clone, PartialEq)]
pub struct SseEvent {
    pub id: u64,
    pub data: Value,
}

pub struct EventStream {
    body: std::pin::Pin<Box<dyn futures_util::Stream<Item = reqwest::Result<bytes::Bytes>> + Send>>,
    buffer: String,
}

impl EventStream {
    /// The next event, or `None` if none arrives within `within`.
    pub async fn next_within(&mut self, within: Duration) -> Option<SseEvent> {
        tokio::time::timeout(within, self.next()).await.ok().flatten()
    }

    async fn next(&mut self) -> Option<SseEvent> {
        loop {
            if let Some(end) = self.buffer.find("\n\n") {
                let block: String = self.buffer.drain(..end + 2).collect();
                let mut id = None;
                let mut data = String::new();
                for line in block.lines() {
                    if let Some(value) = line.strip_prefix("id:") {
                        id = value.trim().parse().ok();
                    } else if let Some(value) = line.strip_prefix("data:") {
                        data.push_str(value.trim_start());
                    }
                }
                // Comments (keep-alives) carry neither.
                if let Some(id) = id {
                    return Some(SseEvent { id, data: serde_json::from_str(&data).unwrap() });
                }
                continue;
            }
            let chunk = self.body.next().await?.ok()?;
            self.buffer.push_str(&String::from_utf8_lossy(&chunk));
        }
    }

    /// Every event that arrives until `quiet` passes without one.
    pub async fn drain(&mut self, quiet: Duration) -> Vec<SseEvent> {
        let mut events = Vec::new();
        while let Some(event) = self.next_within(quiet).await {
            events.push(event);
        }
        events
    }
}

/// The id of the first activity of `kind` in a workshop's JSON view.
pub fn activity_of(workshop: &Value, kind: &str) -> String {
    let activities = workshop["activities"].as_array().expect("the workshop lists its activities");
    let activity = activities.iter().find(|activity| str(activity, "kind") == kind);
    str(activity.unwrap_or_else(|| panic!("no {kind} activity")), "id").to_owned()
}

/// A retrospective whose vote is open: voters joined, and lessons to grade posted in its SWOT.
pub struct VoteRoom {
    pub workshop: String,
    pub join_code: String,
    pub ballot_box: String,
    pub voters: Vec<String>,
    pub items: Vec<String>,
}

impl VoteRoom {
    pub async fn open(server: &Server, data: &DataFolder, title: &str, voters: usize, items: usize) -> VoteRoom {
        let created = server.create_from_template(&data.token, title, "lessons-learned-retrospective").await;
        let workshop = str(&created, "id").to_owned();
        let join_code = str(&created, "join_code").to_owned();
        let (lessons, ballot_box) = (activity_of(&created, "swot"), activity_of(&created, "vote"));
        server.open(&data.token, &workshop, &lessons).await;
        let mut tokens = Vec::new();
        for n in 0..voters {
            tokens.push(str(&server.join(&join_code, &format!("Votant {n}")).await, "token").to_owned());
        }
        let mut posted = Vec::new();
        for n in 0..items {
            let response = server
                .http
                .post(server.url(&format!("/api/v1/workshops/{workshop}/contributions")))
                .bearer_auth(&tokens[0])
                .json(&json!({"activity_id": lessons, "kind": "strength", "text": format!("Leçon {n}")}))
                .send()
                .await
                .unwrap();
            assert_eq!(response.status(), 201);
            posted.push(str(&response.json::<Value>().await.unwrap(), "id").to_owned());
        }
        server.open(&data.token, &workshop, &ballot_box).await;
        VoteRoom { workshop, join_code, ballot_box, voters: tokens, items: posted }
    }

    /// Grades for every item, shifted by `shift`: consecutive shifts always differ.
    pub fn grades(&self, shift: usize) -> std::collections::BTreeMap<String, u8> {
        self.items.iter().enumerate().map(|(k, item)| (item.clone(), ((shift + k) % 6) as u8)).collect()
    }

    pub fn ballots_url(&self, server: &Server) -> String {
        server.url(&format!("/api/v1/workshops/{}/activities/{}/ballots", self.workshop, self.ballot_box))
    }
}

pub fn str<'a>(value: &'a Value, key: &str) -> &'a str {
    value[key].as_str().unwrap_or_else(|| panic!("{key} missing in {value}"))
}

// ---------------------------------------------------------------------------------------------
// Browsers, extra accounts and pages: helpers for the tests that speak to the server as a
// browser does (cookies, forms with `_csrf`, no redirects followed).

impl DataFolder {
    /// Adds another facilitator account (password `PASSWORD`) and returns its API token.
    pub fn add_facilitator(&self, email: &str, name: &str) -> String {
        let data = self.path().to_str().unwrap().to_owned();
        let added = Command::new(BIN)
            .args(["admin", "add-facilitator", "--data", &data, "--email", email, "--name", name])
            .env("CONVERGE_PASSWORD", PASSWORD)
            .env("CONVERGE_LOG", "warn")
            .output()
            .unwrap();
        assert!(added.status.success(), "add-facilitator failed: {}", String::from_utf8_lossy(&added.stderr));
        let created = converge(&["admin", "token", "create", "--email", email, "--data", &data]);
        assert!(created.status.success(), "token create failed: {}", String::from_utf8_lossy(&created.stderr));
        String::from_utf8(created.stdout)
            .unwrap()
            .split_whitespace()
            .last()
            .expect("the token is the last word")
            .to_owned()
    }

    /// A fresh one-time setup token (the last path segment of the printed link).
    pub fn setup_token(&self) -> String {
        let created = converge(&["admin", "setup-link", "--data", self.path().to_str().unwrap()]);
        assert!(created.status.success(), "setup-link failed: {}", String::from_utf8_lossy(&created.stderr));
        let stdout = String::from_utf8(created.stdout).unwrap();
        let link = stdout.split_whitespace().find(|word| word.contains("/setup/")).expect("a setup link is printed");
        link.rsplit('/').next().unwrap().to_owned()
    }
}

/// An answer as a browser sees it, redirects not followed.
#[derive(Debug)]
pub struct PageAnswer {
    pub status: u16,
    pub location: Option<String>,
    pub retry_after: Option<String>,
    pub content_type: String,
    pub set_cookies: Vec<(String, String)>,
    pub body: String,
}

impl PageAnswer {
    pub async fn read(response: reqwest::Response) -> PageAnswer {
        let headers = response.headers().clone();
        let header = |name: &str| headers.get(name).and_then(|value| value.to_str().ok()).map(str::to_owned);
        let set_cookies = headers
            .get_all("set-cookie")
            .iter()
            .filter_map(|value| value.to_str().ok())
            .filter_map(|value| {
                value.split(';').next()?.trim().split_once('=').map(|(n, v)| (n.to_owned(), v.to_owned()))
            })
            .collect();
        PageAnswer {
            status: response.status().as_u16(),
            location: header("location"),
            retry_after: header("retry-after"),
            content_type: header("content-type").unwrap_or_default(),
            set_cookies,
            body: response.text().await.unwrap_or_default(),
        }
    }

    /// The JSON error code of an API error answer.
    pub fn error_code(&self) -> String {
        let value: Value = serde_json::from_str(&self.body).unwrap_or_else(|_| panic!("not JSON: {}", self.body));
        value["error"]["code"].as_str().unwrap_or_else(|| panic!("no error code in {value}")).to_owned()
    }
}

/// The value of the hidden `_csrf` field of the first form of a page.
pub fn csrf_field(html: &str) -> Option<String> {
    let at = html.find("name=\"_csrf\"")?;
    let rest = &html[at..];
    let start = rest.find("value=\"")? + "value=\"".len();
    let end = rest[start..].find('"')?;
    Some(rest[start..start + end].to_owned())
}

/// A browser: a cookie jar it sends itself, a language, and the form token of its pages.
#[derive(Clone)]
pub struct Browser {
    pub http: reqwest::Client,
    pub base: String,
    pub cookies: Vec<(String, String)>,
    pub accept_language: String,
    /// The `_csrf` value pages give this browser.
    pub csrf: String,
    /// True once a response renewed the token's seed or changed the session it is bound to:
    /// the next form reads the token a page now gives, as a browser would have it.
    csrf_stale: bool,
}

impl Browser {
    /// A browser that has opened the join page once, so it holds a `cv_csrf` cookie and its token.
    pub async fn open(server: &Server, accept_language: &str) -> Browser {
        Browser::open_at(&server.http, &server.base, accept_language).await
    }

    /// The same, for a server started some other way (its client and base URL).
    pub async fn open_at(http: &reqwest::Client, base: &str, accept_language: &str) -> Browser {
        let mut browser = Browser {
            http: http.clone(),
            base: base.to_owned(),
            cookies: Vec::new(),
            accept_language: accept_language.to_owned(),
            csrf: String::new(),
            csrf_stale: false,
        };
        let page = browser.get("/join").await;
        assert_eq!(page.status, 200, "{}", page.body);
        assert!(browser.cookie("cv_csrf").is_some(), "the join page sets cv_csrf: {:?}", page.set_cookies);
        browser.csrf = csrf_field(&page.body).expect("the join page has a _csrf field");
        browser
    }

    pub fn cookie(&self, name: &str) -> Option<&str> {
        self.cookies.iter().find(|(n, _)| n == name).map(|(_, value)| value.as_str())
    }

    pub fn set_cookie(&mut self, name: &str, value: &str) {
        self.cookies.retain(|(n, _)| n != name);
        if !value.is_empty() {
            self.cookies.push((name.to_owned(), value.to_owned()));
        }
    }

    pub fn cookie_header(&self) -> String {
        self.cookies.iter().map(|(name, value)| format!("{name}={value}")).collect::<Vec<_>>().join("; ")
    }

    fn request(&self, method: reqwest::Method, path: &str) -> reqwest::RequestBuilder {
        let mut request =
            self.http.request(method, format!("{}{path}", self.base)).header("Accept-Language", &self.accept_language);
        if !self.cookies.is_empty() {
            request = request.header("Cookie", self.cookie_header());
        }
        request
    }

    /// Sends a request built from this browser's cookies and language, keeping the cookies it sets.
    pub async fn send(&mut self, request: reqwest::RequestBuilder) -> PageAnswer {
        let answer = PageAnswer::read(request.send().await.unwrap()).await;
        for (name, value) in &answer.set_cookies {
            if ["cv_csrf", "cv_session"].contains(&name.trim_start_matches("__Host-")) && !self.csrf.is_empty() {
                self.csrf_stale = true;
            }
            self.set_cookie(name, value);
        }
        answer
    }

    pub async fn get(&mut self, path: &str) -> PageAnswer {
        let request = self.request(reqwest::Method::GET, path);
        self.send(request).await
    }

    /// A request with this browser's cookies and language, to send or adjust.
    pub fn build(&self, method: reqwest::Method, path: &str) -> reqwest::RequestBuilder {
        self.request(method, path)
    }

    /// The form token to send now: read again from a page after a sign-in or a sign-out.
    pub async fn fresh_csrf(&mut self) -> String {
        if self.csrf_stale {
            self.refresh_csrf("/join").await;
        }
        self.csrf.clone()
    }

    /// Posts a form as the page would, with the `_csrf` field added.
    pub async fn post_form(&mut self, path: &str, fields: &[(&str, &str)]) -> PageAnswer {
        self.fresh_csrf().await;
        let mut all: Vec<(&str, &str)> = vec![("_csrf", self.csrf.as_str())];
        all.extend_from_slice(fields);
        let body = form_encode(&all);
        let request = self
            .request(reqwest::Method::POST, path)
            .header("Content-Type", "application/x-www-form-urlencoded")
            .body(body);
        self.send(request).await
    }

    /// Joins with the form, as a phone does: 303 to the workshop and a participant cookie.
    pub async fn join(&mut self, join_code: &str, name: &str) -> PageAnswer {
        let answer = self.post_form("/join", &[("join_code", join_code), ("name", name), ("service", "")]).await;
        assert_eq!(answer.status, 303, "joining failed: {}", answer.body);
        assert!(answer.set_cookies.iter().any(|(name, _)| name.starts_with("cv_p_")), "no participant cookie");
        answer
    }

    /// Signs in with the form: 303 to the dashboard and a session cookie.
    pub async fn sign_in(&mut self, email: &str, password: &str) -> PageAnswer {
        let answer = self.post_form("/signin", &[("email", email), ("password", password)]).await;
        assert_eq!(answer.status, 303, "signing in failed: {}", answer.body);
        assert!(self.cookie("cv_session").is_some(), "no session cookie");
        // Signing in renews the form token (bound to the session): read the new one now, for
        // tests that build their requests with `csrf` themselves.
        self.fresh_csrf().await;
        answer
    }

    /// Reads the form token a page now gives this browser, as a browser does on its next page.
    pub async fn refresh_csrf(&mut self, page: &str) {
        let page = self.get(page).await;
        self.csrf = csrf_field(&page.body).unwrap_or_else(|| panic!("no _csrf field on the page: {}", page.body));
        self.csrf_stale = false;
    }
}

/// `application/x-www-form-urlencoded` encoding of name/value pairs.
pub fn form_encode(pairs: &[(&str, &str)]) -> String {
    fn encode(text: &str) -> String {
        let mut out = String::new();
        for byte in text.bytes() {
            match byte {
                b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'*' => out.push(byte as char),
                b' ' => out.push('+'),
                other => out.push_str(&format!("%{other:02X}")),
            }
        }
        out
    }
    pairs.iter().map(|(name, value)| format!("{}={}", encode(name), encode(value))).collect::<Vec<_>>().join("&")
}

/// The head of a workshop's log as its facilitator sees it: (seq, head_hash).
pub async fn log_head(server: &Server, facilitator_token: &str, workshop: &str) -> (u64, String) {
    let view = server.workshop(facilitator_token, workshop).await;
    (view["seq"].as_u64().expect("seq"), view["head_hash"].as_str().expect("head_hash").to_owned())
}

// ---------------------------------------------------------------------------------------------
// Uploads: multipart forms and images made on the spot.

/// A file in a multipart form.
pub struct FilePart<'a> {
    pub field: &'a str,
    pub file_name: &'a str,
    pub content_type: &'a str,
    pub bytes: &'a [u8],
}

const BOUNDARY: &str = "converge-test-boundary-5b1f0c9e";

/// `multipart/form-data` encoding of text fields and files: (Content-Type, body).
pub fn multipart_encode(fields: &[(&str, &str)], files: &[FilePart<'_>]) -> (String, Vec<u8>) {
    let mut body = Vec::new();
    for (name, value) in fields {
        body.extend_from_slice(
            format!("--{BOUNDARY}\r\nContent-Disposition: form-data; name=\"{name}\"\r\n\r\n").as_bytes(),
        );
        body.extend_from_slice(value.as_bytes());
        body.extend_from_slice(b"\r\n");
    }
    for file in files {
        body.extend_from_slice(
            format!(
                "--{BOUNDARY}\r\nContent-Disposition: form-data; name=\"{}\"; filename=\"{}\"\r\nContent-Type: {}\r\n\r\n",
                file.field, file.file_name, file.content_type
            )
            .as_bytes(),
        );
        body.extend_from_slice(file.bytes);
        body.extend_from_slice(b"\r\n");
    }
    body.extend_from_slice(format!("--{BOUNDARY}--\r\n").as_bytes());
    (format!("multipart/form-data; boundary={BOUNDARY}"), body)
}

impl Browser {
    /// Posts a multipart form as the upload form does: its `_csrf` token in the action's query.
    pub async fn post_multipart(&mut self, path: &str, fields: &[(&str, &str)], files: &[FilePart<'_>]) -> PageAnswer {
        // The form token first, as the page's form puts it.
        self.fresh_csrf().await;
        let mut all: Vec<(&str, &str)> = vec![("_csrf", self.csrf.as_str())];
        all.extend_from_slice(fields);
        let (content_type, body) = multipart_encode(&all, files);
        let request = self.request(reqwest::Method::POST, path).header("Content-Type", content_type).body(body);
        self.send(request).await
    }
}

/// A PNG of `width` × `height` with a gradient, made with the image crate.
pub fn png(width: u32, height: u32) -> Vec<u8> {
    let image = image::RgbImage::from_fn(width, height, |x, y| image::Rgb([(x % 256) as u8, (y % 256) as u8, 90]));
    let mut out = Vec::new();
    image.write_to(&mut std::io::Cursor::new(&mut out), image::ImageFormat::Png).unwrap();
    out
}

/// The first uploaded card an HTML page shows: the id in `/w/{workshop}/cards/{id}`.
pub fn first_card_id(html: &str, workshop: &str) -> Option<String> {
    let prefix = format!("/w/{workshop}/cards/");
    let at = html.find(&prefix)? + prefix.len();
    Some(html[at..].chars().take_while(char::is_ascii_alphanumeric).collect())
}
