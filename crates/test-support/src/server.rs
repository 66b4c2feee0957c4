//! The application on `127.0.0.1:0` over a throwaway data folder, and the API calls most tests
//! make. Two ways to run it, with the same start-up (`converge_cli::serve::prepare`):
//!
//! * [`spawn_app`]: in this process, on a runtime of its own in a thread of its own, so a test
//!   may block (run a command, sleep) without stalling the server. Ready as soon as its
//!   listener is bound; stopped and joined when the [`Server`] is dropped.
//! * [`Server::start`] and friends: the real `converge serve` binary, for the tests about the
//!   binary itself (commands, exit codes, signals, kill/restart cycles, logs, file limits).
//!   Ready once it prints its address; killed when dropped.

use crate::sse::EventStream;
use serde_json::{Value, json};
use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::mpsc;
use std::time::Duration;
use tokio_util::sync::CancellationToken;

/// The password of every facilitator account the tests add.
pub const PASSWORD: &str = "correct horse battery";

/// The `converge` binary of this build. Cargo and nextest name it in the environment of the
/// test run; failing that, it lies next to the `deps` folder of the test binary.
pub fn binary() -> PathBuf {
    for name in ["NEXTEST_BIN_EXE_converge", "CARGO_BIN_EXE_converge"] {
        if let Some(path) = std::env::var_os(name) {
            return PathBuf::from(path);
        }
    }
    let test = std::env::current_exe().expect("the test binary's path");
    let profile = test.parent().and_then(Path::parent).expect("a test binary lies in <target>/<profile>/deps");
    let path = profile.join(format!("converge{}", std::env::consts::EXE_SUFFIX));
    assert!(path.is_file(), "no converge binary at {}: build it with `cargo build -p converge-cli`", path.display());
    path
}

/// Runs `converge ARGS` to the end, with quiet logs.
pub fn converge(args: &[&str]) -> std::process::Output {
    Command::new(binary()).args(args).env("CONVERGE_LOG", "warn").output().expect("the converge binary runs")
}

/// A data folder with one facilitator account and its API token.
pub struct DataFolder {
    pub dir: tempfile::TempDir,
    pub token: String,
}

impl DataFolder {
    pub fn new() -> DataFolder {
        let dir = tempfile::tempdir().expect("a temporary folder");
        let data = dir.path().to_str().expect("a UTF-8 temporary path").to_owned();
        let added = Command::new(binary())
            .args(["admin", "add-facilitator", "--data", &data, "--email", "ann@example.org", "--name", "Ann"])
            .env("CONVERGE_PASSWORD", PASSWORD)
            .env("CONVERGE_LOG", "warn")
            .output()
            .expect("the converge binary runs");
        assert!(added.status.success(), "add-facilitator failed: {}", String::from_utf8_lossy(&added.stderr));
        let created = converge(&["admin", "token", "create", "--data", &data]);
        assert!(created.status.success(), "token create failed: {}", String::from_utf8_lossy(&created.stderr));
        let stdout = String::from_utf8(created.stdout).expect("UTF-8 output");
        let token = stdout.split_whitespace().last().expect("the token is the last word").to_owned();
        DataFolder { dir, token }
    }

    pub fn path(&self) -> &Path {
        self.dir.path()
    }

    pub fn db(&self) -> PathBuf {
        self.dir.path().join("converge.db")
    }

    /// Adds another facilitator account (password [`PASSWORD`]) with the admin commands;
    /// returns its API token.
    pub fn add_facilitator(&self, email: &str, name: &str) -> String {
        let data = self.path().to_str().expect("a UTF-8 temporary path").to_owned();
        let added = Command::new(binary())
            .args(["admin", "add-facilitator", "--data", &data, "--email", email, "--name", name])
            .env("CONVERGE_PASSWORD", PASSWORD)
            .env("CONVERGE_LOG", "warn")
            .output()
            .expect("the converge binary runs");
        assert!(added.status.success(), "add-facilitator failed: {}", String::from_utf8_lossy(&added.stderr));
        let created = converge(&["admin", "token", "create", "--email", email, "--data", &data]);
        assert!(created.status.success(), "token create failed: {}", String::from_utf8_lossy(&created.stderr));
        String::from_utf8(created.stdout)
            .expect("UTF-8 output")
            .split_whitespace()
            .last()
            .expect("the token is the last word")
            .to_owned()
    }

    /// A fresh one-time setup token (the last path segment of the printed link).
    pub fn setup_token(&self) -> String {
        let created = converge(&["admin", "setup-link", "--data", self.path().to_str().expect("a UTF-8 path")]);
        assert!(created.status.success(), "setup-link failed: {}", String::from_utf8_lossy(&created.stderr));
        let stdout = String::from_utf8(created.stdout).expect("UTF-8 output");
        let link = stdout.split_whitespace().find(|word| word.contains("/setup/")).expect("a setup link is printed");
        link.rsplit('/').next().expect("a token after the last slash").to_owned()
    }
}

impl Default for DataFolder {
    fn default() -> Self {
        DataFolder::new()
    }
}

/// A running server, in-process or the binary; stopped when dropped.
pub struct Server {
    running: Running,
    pub base: String,
    pub http: reqwest::Client,
}

enum Running {
    Binary(Child),
    InProcess(InProcess),
}

/// The server thread of [`spawn_app`] and how to stop it.
struct InProcess {
    stop: CancellationToken,
    stopped: mpsc::Receiver<()>,
}

/// The server in this process over `data`, as `converge serve --bind 127.0.0.1:0` runs it.
pub fn spawn_app(data: &DataFolder) -> Server {
    spawn_app_with(data, converge_cli::serve::ServeOptions::default())
}

/// The same, with the options `converge serve`'s flags give (public address, trusted proxies).
pub fn spawn_app_with(data: &DataFolder, options: converge_cli::serve::ServeOptions) -> Server {
    let folder = data.path().to_owned();
    let stop = CancellationToken::new();
    let (ready, bound) = mpsc::channel::<Result<String, String>>();
    let (done, stopped) = mpsc::channel();
    let shutdown = stop.clone();
    std::thread::Builder::new()
        .name("converge-server".into())
        .spawn(move || {
            let runtime = match tokio::runtime::Builder::new_multi_thread().worker_threads(2).enable_all().build() {
                Ok(runtime) => runtime,
                Err(error) => {
                    let _ = ready.send(Err(format!("no runtime: {error}")));
                    return;
                }
            };
            runtime.block_on(async move {
                if let Err(error) = serve_in_process(&folder, options, shutdown, &ready).await {
                    let _ = ready.send(Err(format!("{error:#}")));
                }
            });
            drop(runtime);
            let _ = done.send(());
        })
        .expect("a thread for the server");
    let base = match bound.recv() {
        Ok(Ok(base)) => base,
        Ok(Err(error)) => panic!("the in-process server did not start: {error}"),
        Err(_) => panic!("the in-process server thread ended before listening"),
    };
    Server { running: Running::InProcess(InProcess { stop, stopped }), base, http: client() }
}

/// What `converge serve` does, on `127.0.0.1:0`: says where it listens once the listener is
/// bound, then serves until `shutdown`.
async fn serve_in_process(
    data: &Path,
    options: converge_cli::serve::ServeOptions,
    shutdown: CancellationToken,
    ready: &mpsc::Sender<Result<String, String>>,
) -> anyhow::Result<()> {
    let engine = converge_cli::open(data)?;
    let _lock = converge_cli::lock_for_serving(data)?;
    let state = converge_cli::serve::prepare(engine, options, shutdown.clone()).await?;
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await?;
    let _ = ready.send(Ok(format!("http://{}", listener.local_addr()?)));
    converge_web::serve(listener, state, converge_cli::serve::connection_limits(), shutdown.cancelled_owned()).await?;
    Ok(())
}

fn client() -> reqwest::Client {
    reqwest::Client::builder().redirect(reqwest::redirect::Policy::none()).build().expect("an HTTP client")
}

impl Server {
    /// The `converge` binary serving `data`.
    pub fn start(data: &DataFolder) -> Server {
        Server::start_with(data, &[])
    }

    /// Starts the binary with more `serve` flags, e.g. `["--public-url", "https://…"]`.
    pub fn start_with(data: &DataFolder, flags: &[&str]) -> Server {
        Server::spawn(Command::new(binary()), data, flags)
    }

    /// Starts the binary allowed only `open_files` descriptors (its soft and hard limit).
    pub fn start_with_open_files(data: &DataFolder, flags: &[&str], open_files: u32) -> Server {
        let mut shell = Command::new("sh");
        let bin = binary();
        shell.args(["-c", &format!("ulimit -n {open_files} && exec \"$0\" \"$@\"")]).arg(bin);
        Server::spawn(shell, data, flags)
    }

    fn spawn(mut command: Command, data: &DataFolder, flags: &[&str]) -> Server {
        let mut child = command
            .args(["serve", "--bind", "127.0.0.1:0", "--data", data.path().to_str().expect("a UTF-8 path")])
            .args(flags)
            .env("CONVERGE_LOG", "warn")
            .stdout(Stdio::piped())
            .stderr(Stdio::inherit())
            .spawn()
            .expect("the server starts");
        let stdout = child.stdout.take().expect("the server's stdout");
        let mut lines = BufReader::new(stdout).lines();
        let base = loop {
            let line = lines.next().expect("the server prints its address").expect("a line of output");
            if let Some(address) = line.split("listening on ").nth(1) {
                break address.trim().to_owned();
            }
        };
        // Keep draining stdout so the server never blocks on a full pipe.
        std::thread::spawn(move || for _ in lines {});
        Server { running: Running::Binary(child), base, http: client() }
    }

    pub fn url(&self, path: &str) -> String {
        format!("{}{path}", self.base)
    }

    /// Stops the binary the hard way: nothing gets a chance to flush.
    pub fn kill(mut self) {
        match &mut self.running {
            Running::Binary(child) => {
                child.kill().expect("the server is killed");
                child.wait().expect("the killed server is reaped");
            }
            Running::InProcess(_) => panic!("only the binary can be killed: start it with Server::start"),
        }
    }

    /// A workshop made through the API with its first activity opened and `people` joined by its
    /// join code, as an API client holds it.
    pub async fn workshop_with_people(&self, facilitator: &str, title: &str, people: &[&str]) -> ApiWorkshop {
        let created = self.create_workshop(facilitator, title).await;
        let id = str(&created, "id").to_owned();
        let join_code = str(&created, "join_code").to_owned();
        let activities: Vec<String> =
            created["activities"].as_array().unwrap().iter().map(|activity| str(activity, "id").to_owned()).collect();
        for activity in created["activities"].as_array().unwrap() {
            assert_eq!(activity["status"], "draft", "a new workshop's activities wait to be opened");
        }
        self.open(facilitator, &id, &activities[0]).await;
        let mut tokens = Vec::new();
        for name in people {
            tokens.push(str(&self.join(&join_code, name).await, "token").to_owned());
        }
        ApiWorkshop { id, join_code, activities, people: tokens }
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

    /// POSTs `body` (or nothing) to `path` with `token`: the status and the JSON answer (null
    /// when there is none), whatever the status.
    pub async fn post_api(&self, token: &str, path: &str, body: Option<Value>) -> (u16, Value) {
        let mut request = self.http.post(self.url(path)).bearer_auth(token);
        if let Some(body) = body {
            request = request.json(&body);
        }
        let response = request.send().await.unwrap();
        let status = response.status().as_u16();
        (status, response.json().await.unwrap_or(Value::Null))
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
        EventStream::new(response)
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        match &mut self.running {
            Running::Binary(child) => {
                let _ = child.kill();
                let _ = child.wait();
            }
            Running::InProcess(server) => {
                server.stop.cancel();
                // Requests in flight finish; a stuck one does not hold the test up for long.
                let _ = server.stopped.recv_timeout(Duration::from_secs(10));
            }
        }
    }
}

/// The head of a workshop's log as its facilitator sees it: (seq, head_hash).
pub async fn log_head(server: &Server, facilitator_token: &str, workshop: &str) -> (u64, String) {
    let view = server.workshop(facilitator_token, workshop).await;
    (view["seq"].as_u64().expect("seq"), view["head_hash"].as_str().expect("head_hash").to_owned())
}

/// The id of the first activity of `kind` in a workshop's JSON view.
pub fn activity_of(workshop: &Value, kind: &str) -> String {
    let activities = workshop["activities"].as_array().expect("the workshop lists its activities");
    let activity = activities.iter().find(|activity| str(activity, "kind") == kind);
    str(activity.unwrap_or_else(|| panic!("no {kind} activity")), "id").to_owned()
}

/// The string `key` of a JSON object, which must be there.
pub fn str<'a>(value: &'a Value, key: &str) -> &'a str {
    value[key].as_str().unwrap_or_else(|| panic!("{key} missing in {value}"))
}

/// A workshop as an API client holds it: its id, its join code, its activities' ids in agenda
/// order, and the tokens of the people who joined, in the order they joined.
pub struct ApiWorkshop {
    pub id: String,
    pub join_code: String,
    pub activities: Vec<String>,
    pub people: Vec<String>,
}
