//! As many durable votes as the server takes: many voters, each sending its next ballot as soon
//! as the previous one is acknowledged (a closed loop), each ballot a change the server must
//! record. Every 201 is a ballot on disk: the store fsyncs before it answers, and batches the
//! writes that queue meanwhile into one commit (group commit).

use crate::client::{Api, Errors, Participant, Workshop};
use crate::histogram::{Histogram, LatencySummary};
use crate::room::write_errors;
use crate::server::{Memory, Target, cpu_seconds, megabytes};
use serde_json::{Value, json};
use std::collections::BTreeMap;
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, Instant};
use tokio::task::JoinSet;

#[derive(Debug, Clone)]
pub struct VotesConfig {
    /// Voters in all, each with one ballot in flight.
    pub voters: usize,
    /// Ballot boxes (workshops) the voters are spread over; each workshop's actor decides its
    /// ballots in turn, the store commits all of them together.
    pub workshops: usize,
    pub duration: Duration,
}

impl Default for VotesConfig {
    fn default() -> Self {
        VotesConfig { voters: 256, workshops: 1, duration: Duration::from_secs(10) }
    }
}

const ITEMS: usize = 3;
const GRADES: u64 = 6;

pub struct VotesReport {
    pub config: VotesConfig,
    pub acknowledged: u64,
    pub ack: LatencySummary,
    pub errors: BTreeMap<String, u64>,
    pub memory_end: Option<Memory>,
    /// The mean size of a stored ballot's payload, when the server's database could be read.
    pub payload_bytes: Option<f64>,
    /// CPU seconds the server and this generator used while voting.
    pub server_cpu_seconds: Option<f64>,
    pub generator_cpu_seconds: Option<f64>,
}

impl VotesReport {
    pub fn per_second(&self) -> f64 {
        self.acknowledged as f64 / self.config.duration.as_secs_f64()
    }

    pub fn to_json(&self) -> Value {
        json!({
            "voters": self.config.voters,
            "workshops": self.config.workshops,
            "duration_s": self.config.duration.as_secs_f64(),
            "acknowledged": self.acknowledged,
            "acknowledged_per_second": self.per_second(),
            "ack": self.ack.to_json(),
            "errors": self.errors,
            "memory_end": self.memory_end.map(|m| json!({"rss_kb": m.rss_kb, "peak_kb": m.peak_kb})),
            "payload_bytes": self.payload_bytes,
            "server_cpu_seconds": self.server_cpu_seconds,
            "generator_cpu_seconds": self.generator_cpu_seconds,
        })
    }
}

impl std::fmt::Display for VotesReport {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let c = &self.config;
        writeln!(
            f,
            "votes: {} voters over {} ballot box(es), closed loop, {:.0} s",
            c.voters,
            c.workshops,
            c.duration.as_secs_f64()
        )?;
        writeln!(
            f,
            "  durable votes acknowledged: {} ({:.0}/s); ack {}",
            self.acknowledged,
            self.per_second(),
            self.ack
        )?;
        if let Some(bytes) = self.payload_bytes {
            writeln!(f, "  stored ballot payload: {bytes:.0} bytes on average")?;
        }
        let cores = |cpu: Option<f64>| {
            cpu.map_or("—".to_owned(), |cpu| {
                format!("{cpu:.1} s ({:.2} cores)", cpu / self.config.duration.as_secs_f64())
            })
        };
        writeln!(
            f,
            "  CPU while voting: server {}, generator {}",
            cores(self.server_cpu_seconds),
            cores(self.generator_cpu_seconds)
        )?;
        if let Some(m) = self.memory_end {
            writeln!(f, "  server after the run: RSS {} (peak {})", megabytes(m.rss_kb), megabytes(m.peak_kb))?;
        }
        write_errors(f, &self.errors)
    }
}

struct Ballots {
    workshop: Workshop,
    vote: String,
    items: Vec<String>,
}

pub async fn run(target: Target, config: VotesConfig) -> anyhow::Result<VotesReport> {
    crate::raise_open_file_limit();
    let api = Arc::new(Api::new(target.clone()));
    let errors = Arc::new(Errors::default());
    let workshops = config.workshops.max(1);
    let mut voters: Vec<(Arc<Ballots>, Participant)> = Vec::new();
    for w in 0..workshops {
        let workshop = api.create_workshop(&format!("Load: votes {w}"), Some("lessons-learned-retrospective")).await?;
        let lessons = workshop.activity("swot")?.to_owned();
        let vote = workshop.activity("vote")?.to_owned();
        api.open(&workshop, &lessons).await?;
        let count = config.voters / workshops + usize::from(w < config.voters % workshops);
        let joined = api.join_many(&workshop, count.max(1), "Voter").await?;
        let mut items = Vec::new();
        for n in 0..ITEMS {
            items.push(api.post_note(&workshop, &joined[0], &lessons, Some("strength"), &format!("Lesson {n}")).await?);
        }
        api.open(&workshop, &vote).await?;
        let ballot_box = Arc::new(Ballots { workshop, vote, items });
        voters.extend(joined.into_iter().map(|voter| (ballot_box.clone(), voter)));
    }

    let acknowledged = Arc::new(AtomicU64::new(0));
    let ack = Arc::new(Histogram::default());
    let deadline = Instant::now() + config.duration;
    let cpu_before = (cpu_seconds(target.pid), cpu_seconds(None));
    let mut tasks = JoinSet::new();
    for (n, (ballot_box, voter)) in voters.into_iter().enumerate() {
        let (api, errors, acknowledged, ack) = (api.clone(), errors.clone(), acknowledged.clone(), ack.clone());
        tasks.spawn(async move {
            let url = api
                .url(&format!("/api/v1/workshops/{}/activities/{}/ballots", ballot_box.workshop.id, ballot_box.vote));
            let mut round = n as u64;
            while Instant::now() < deadline {
                // Each ballot grades the items differently from the voter's previous one.
                let grades: serde_json::Map<String, Value> = ballot_box
                    .items
                    .iter()
                    .enumerate()
                    .map(|(k, item)| (item.clone(), Value::from((round + k as u64) % GRADES)))
                    .collect();
                round += 1;
                let body = json!({"type": "grades", "grades": grades});
                let sent = Instant::now();
                match api.http.post(&url).bearer_auth(&voter.token).json(&body).send().await {
                    Ok(response) if response.status() == 201 => {
                        // Counted only if acknowledged within the run's time.
                        if Instant::now() <= deadline {
                            ack.record(sent.elapsed());
                            acknowledged.fetch_add(1, Ordering::Relaxed);
                        }
                    }
                    Ok(response) => errors.add_answer("vote", response).await,
                    Err(error) => {
                        errors.add_failure("vote", &error);
                        tokio::time::sleep(Duration::from_millis(20)).await;
                    }
                }
            }
        });
    }
    while tasks.join_next().await.is_some() {}
    let used = |before: Option<f64>, after: Option<f64>| Some(after? - before?);
    let server_cpu_seconds = used(cpu_before.0, cpu_seconds(target.pid));
    let generator_cpu_seconds = used(cpu_before.1, cpu_seconds(None));
    let memory_end = target.pid.and_then(Memory::of);
    let payload_bytes = target.database.as_deref().and_then(|database| mean_ballot_payload(database).ok());
    Ok(VotesReport {
        config,
        acknowledged: acknowledged.load(Ordering::Relaxed),
        ack: ack.summary(),
        errors: errors.snapshot(),
        memory_end,
        payload_bytes,
        server_cpu_seconds,
        generator_cpu_seconds,
    })
}

/// The mean payload length of the ballots stored, read from the server's database beside it.
fn mean_ballot_payload(database: &std::path::Path) -> rusqlite::Result<f64> {
    let connection = rusqlite::Connection::open_with_flags(database, rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY)?;
    connection.busy_timeout(Duration::from_secs(5))?;
    connection.query_row("select avg(length(payload)) from event where kind = 'ballot_cast'", [], |row| row.get(0))
}
