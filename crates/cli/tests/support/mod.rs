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
        let mut child = Command::new(BIN)
            .args(["serve", "--bind", "127.0.0.1:0", "--data", data.path().to_str().unwrap()])
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
        let response = self
            .http
            .post(self.url("/api/v1/workshops"))
            .bearer_auth(token)
            .json(&json!({"title": title}))
            .send()
            .await
            .unwrap();
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
        let response = self.http.get(self.url(&format!("/api/v1/workshops/{workshop}"))).bearer_auth(token).send().await.unwrap();
        assert_eq!(response.status(), 200);
        response.json().await.unwrap()
    }

    pub async fn export(&self, token: &str, workshop: &str) -> String {
        let response =
            self.http.get(self.url(&format!("/api/v1/workshops/{workshop}/export"))).bearer_auth(token).send().await.unwrap();
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

pub fn str<'a>(value: &'a Value, key: &str) -> &'a str {
    value[key].as_str().unwrap_or_else(|| panic!("{key} missing in {value}"))
}
