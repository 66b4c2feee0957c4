//! The few API calls a run makes, as a facilitator and as participants, and the tally of what
//! went wrong by kind.

use crate::server::Target;
use anyhow::{Context, bail};
use serde_json::{Value, json};
use std::collections::BTreeMap;
use std::sync::Mutex;
use std::time::Duration;

/// One HTTP client for every request of a run except the streams (they have no time limit).
#[allow(clippy::expect_used, reason = "a client with plain settings and no TLS always builds")]
pub fn http_client() -> reqwest::Client {
    reqwest::Client::builder()
        .timeout(Duration::from_secs(30))
        .connect_timeout(Duration::from_secs(10))
        .tcp_nodelay(true)
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .expect("an HTTP client")
}

/// A workshop the run created: its id, join code and activities `(id, kind)`.
pub struct Workshop {
    pub id: String,
    pub join_code: String,
    pub activities: Vec<(String, String)>,
}

impl Workshop {
    pub fn activity(&self, kind: &str) -> anyhow::Result<&str> {
        self.activities
            .iter()
            .find(|(_, k)| k == kind)
            .map(|(id, _)| id.as_str())
            .with_context(|| format!("the workshop has no {kind} activity"))
    }
}

/// A participant who joined: the token for its calls and its stream.
#[derive(Clone)]
pub struct Participant {
    pub id: String,
    pub token: String,
}

pub struct Api {
    pub http: reqwest::Client,
    pub target: Target,
    /// Clients that join from addresses of their own, as the phones of a room do: the server
    /// limits joins per client address. On a loopback target, each speaks from its own
    /// 127.0.1.x; elsewhere there is only the one client.
    joiners: Vec<reqwest::Client>,
}

/// Participants joining from one loopback address, well within the server's joins per client.
const JOINERS_PER_ADDRESS: usize = 40;

impl Api {
    pub fn new(target: Target) -> Api {
        let loopback = target.base.starts_with("http://127.") || target.base.starts_with("http://localhost");
        #[allow(clippy::expect_used, reason = "a client with plain settings and no TLS always builds")]
        let joiners = if loopback {
            (1..=250u8)
                .map(|n| {
                    reqwest::Client::builder()
                        .local_address(std::net::IpAddr::V4(std::net::Ipv4Addr::new(127, 0, 1, n)))
                        .timeout(Duration::from_secs(30))
                        .redirect(reqwest::redirect::Policy::none())
                        .build()
                        .expect("an HTTP client")
                })
                .collect()
        } else {
            Vec::new()
        };
        Api { http: http_client(), target, joiners }
    }

    /// The client the `n`-th participant joins with.
    fn joiner(&self, n: usize) -> &reqwest::Client {
        if self.joiners.is_empty() { &self.http } else { &self.joiners[(n / JOINERS_PER_ADDRESS) % self.joiners.len()] }
    }

    pub fn url(&self, path: &str) -> String {
        format!("{}{path}", self.target.base)
    }

    /// Creates a workshop as the facilitator, from a shipped template or the default agenda.
    pub async fn create_workshop(&self, title: &str, template: Option<&str>) -> anyhow::Result<Workshop> {
        let mut body = json!({"title": title, "language": "en"});
        if let Some(template) = template {
            body["template"] = template.into();
        }
        let response =
            self.http.post(self.url("/api/v1/workshops")).bearer_auth(&self.target.token).json(&body).send().await?;
        let created = expect_json(response, 201).await.context("creating a workshop")?;
        let text = |value: &Value, key: &str| value[key].as_str().map(str::to_owned).context("an unexpected answer");
        let activities = created["activities"]
            .as_array()
            .context("no activities")?
            .iter()
            .map(|activity| Ok((text(activity, "id")?, text(activity, "kind")?)))
            .collect::<anyhow::Result<_>>()?;
        Ok(Workshop { id: text(&created, "id")?, join_code: text(&created, "join_code")?, activities })
    }

    pub async fn open(&self, workshop: &Workshop, activity: &str) -> anyhow::Result<()> {
        let url = self.url(&format!("/api/v1/workshops/{}/activities/{activity}/open", workshop.id));
        let response = self.http.post(url).bearer_auth(&self.target.token).send().await?;
        expect_json(response, 200).await.context("opening an activity")?;
        Ok(())
    }

    /// Joins with the workshop's code. A room larger than the server's join budget waits as a
    /// phone would: it tries again after the Retry-After the server gives.
    pub async fn join(&self, workshop: &Workshop, name: &str, n: usize) -> anyhow::Result<Participant> {
        let body = json!({"join_code": workshop.join_code, "name": name, "service": "Load"});
        for _ in 0..1000 {
            let response = self.joiner(n).post(self.url("/api/v1/join")).json(&body).send().await?;
            if response.status() == 429 {
                let wait = retry_after(&response).unwrap_or(Duration::from_secs(1));
                tokio::time::sleep(wait).await;
                continue;
            }
            let joined = expect_json(response, 200).await.context("joining")?;
            return Ok(Participant {
                id: joined["participant_id"].as_str().context("no participant id")?.to_owned(),
                token: joined["token"].as_str().context("no token")?.to_owned(),
            });
        }
        bail!("still refused after a thousand attempts to join")
    }

    /// Joins `count` participants, a few at a time, printing progress when it takes a while.
    pub async fn join_many(&self, workshop: &Workshop, count: usize, prefix: &str) -> anyhow::Result<Vec<Participant>> {
        let started = std::time::Instant::now();
        let mut participants = Vec::with_capacity(count);
        let mut next = 0;
        while next < count {
            let batch: Vec<_> = (next..(next + 16).min(count))
                .map(|n| async move { self.join(workshop, &format!("{prefix} {n}"), n).await })
                .collect();
            next += batch.len();
            for joined in futures_util::future::join_all(batch).await {
                participants.push(joined?);
            }
            if started.elapsed() > Duration::from_secs(5) && next % 100 < 16 {
                eprintln!("  {next}/{count} joined ({:.0} s)", started.elapsed().as_secs_f64());
            }
        }
        Ok(participants)
    }

    /// Posts a note as the participant: its own seed items, not timed.
    pub async fn post_note(
        &self,
        workshop: &Workshop,
        participant: &Participant,
        activity: &str,
        kind: Option<&str>,
        text: &str,
    ) -> anyhow::Result<String> {
        let mut body = json!({"activity_id": activity, "text": text});
        if let Some(kind) = kind {
            body["kind"] = kind.into();
        }
        let url = self.url(&format!("/api/v1/workshops/{}/contributions", workshop.id));
        let response = self.http.post(url).bearer_auth(&participant.token).json(&body).send().await?;
        let posted = expect_json(response, 201).await.context("posting a note")?;
        Ok(posted["id"].as_str().context("no id")?.to_owned())
    }

    /// The workshop's sequence number now, so streams start after what exists.
    pub async fn head(&self, workshop: &Workshop) -> anyhow::Result<u64> {
        let url = self.url(&format!("/api/v1/workshops/{}", workshop.id));
        let response = self.http.get(url).bearer_auth(&self.target.token).send().await?;
        let view = expect_json(response, 200).await.context("reading the workshop")?;
        view["seq"].as_u64().context("no seq")
    }
}

async fn expect_json(response: reqwest::Response, status: u16) -> anyhow::Result<Value> {
    let got = response.status().as_u16();
    let text = response.text().await?;
    if got != status {
        bail!("HTTP {got} instead of {status}: {text}");
    }
    Ok(serde_json::from_str(&text)?)
}

pub fn retry_after(response: &reqwest::Response) -> Option<Duration> {
    let seconds: u64 = response.headers().get("retry-after")?.to_str().ok()?.trim().parse().ok()?;
    Some(Duration::from_secs(seconds.max(1)))
}

/// What went wrong during a run, counted by kind ("post: HTTP 429 too_many_requests", ...).
#[derive(Default)]
pub struct Errors(Mutex<BTreeMap<String, u64>>);

impl Errors {
    pub fn add(&self, kind: impl Into<String>) {
        *self.0.lock().unwrap_or_else(|poisoned| poisoned.into_inner()).entry(kind.into()).or_default() += 1;
    }

    /// An answer that is not the expected one, named by its status and the API's error code.
    pub async fn add_answer(&self, what: &str, response: reqwest::Response) {
        let status = response.status().as_u16();
        let code = response
            .json::<Value>()
            .await
            .ok()
            .and_then(|body| body["error"]["code"].as_str().map(str::to_owned))
            .unwrap_or_default();
        self.add(format!("{what}: HTTP {status} {code}").trim_end().to_owned());
    }

    /// A request that got no answer: timed out, refused, reset.
    pub fn add_failure(&self, what: &str, error: &reqwest::Error) {
        let kind = if error.is_timeout() {
            "timed out"
        } else if error.is_connect() {
            "could not connect"
        } else if error.is_body() || error.is_decode() {
            "answer cut short"
        } else {
            "request failed"
        };
        self.add(format!("{what}: {kind}"));
    }

    pub fn snapshot(&self) -> BTreeMap<String, u64> {
        self.0.lock().unwrap_or_else(|poisoned| poisoned.into_inner()).clone()
    }
}
