//! A room: N participants each on the workshop's live stream, posting notes at a set total rate
//! (and, if asked, changing their votes in a ballot box beside it). Measures how fast notes are
//! acknowledged, how long each takes to reach every other participant's stream, what never
//! arrives, and the server's memory before and during the load.

use crate::client::{Api, Errors, Participant, Workshop};
use crate::histogram::{Histogram, LatencySummary, format_duration};
use crate::server::{Memory, Target, cpu_seconds, megabytes};
use crate::stream::{self, Deliveries, StreamOutcome};
use serde_json::{Value, json};
use std::collections::BTreeMap;
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, Instant};
use tokio::sync::{Semaphore, watch};
use tokio::task::JoinSet;

#[derive(Debug, Clone)]
pub struct RoomConfig {
    pub participants: usize,
    /// Notes posted per second by the whole room, spread evenly over the participants.
    pub posts_per_second: f64,
    pub duration: Duration,
    /// Ballots cast or changed per second in the ballot box; 0 for none.
    pub votes_per_second: f64,
    /// How long to wait, after the last note, for notes still on their way to streams.
    pub drain: Duration,
}

impl Default for RoomConfig {
    fn default() -> Self {
        RoomConfig {
            participants: 50,
            posts_per_second: 20.0,
            duration: Duration::from_secs(5),
            votes_per_second: 0.0,
            drain: Duration::from_secs(30),
        }
    }
}

/// Lessons in the ballot box: what its vote is about.
const BALLOT_ITEMS: usize = 3;
/// The vote's grades (majority judgment, the template's default): 0 to 5.
const GRADES: usize = 6;
/// Participants of the room who also vote: all of a room up to the size the server lets join
/// in one go.
const MAX_VOTERS: usize = 300;
/// Notes and ballots in flight beyond which the run stops sending (the server is not keeping up).
const MAX_IN_FLIGHT: usize = 20_000;

pub struct RoomReport {
    pub config: RoomConfig,
    /// Notes scheduled, and acknowledged (201).
    pub posts_sent: u64,
    pub posts_acknowledged: u64,
    pub post_ack: LatencySummary,
    pub votes_sent: u64,
    pub votes_acknowledged: u64,
    pub vote_ack: LatencySummary,
    /// From a note's send to its arrival on each other participant's stream.
    pub delivery: LatencySummary,
    pub streams_connected: u64,
    /// Acknowledged notes × connected streams.
    pub deliveries_expected: u64,
    /// Acknowledged notes that some connected stream never received, counted once per stream.
    pub deliveries_missed: u64,
    pub duplicate_deliveries: u64,
    /// Seconds the joins took (the server paces joins per workshop).
    pub join_seconds: f64,
    pub errors: BTreeMap<String, u64>,
    pub memory_fresh: Option<Memory>,
    pub memory_joined: Option<Memory>,
    pub memory_streams: Option<Memory>,
    pub memory_end: Option<Memory>,
    /// CPU seconds the server and this generator used from the first note to the last delivery,
    /// and the wall-clock seconds of that span.
    pub server_cpu_seconds: Option<f64>,
    pub generator_cpu_seconds: Option<f64>,
    pub load_wall_seconds: f64,
}

impl RoomReport {
    pub fn posts_per_second(&self) -> f64 {
        self.posts_acknowledged as f64 / self.config.duration.as_secs_f64()
    }

    pub fn votes_per_second(&self) -> f64 {
        self.votes_acknowledged as f64 / self.config.duration.as_secs_f64()
    }

    pub fn error_count(&self) -> u64 {
        self.errors.values().sum()
    }

    pub fn to_json(&self) -> Value {
        let memory = |memory: Option<Memory>| memory.map(|m| json!({"rss_kb": m.rss_kb, "peak_kb": m.peak_kb}));
        json!({
            "participants": self.config.participants,
            "posts_per_second_target": self.config.posts_per_second,
            "votes_per_second_target": self.config.votes_per_second,
            "duration_s": self.config.duration.as_secs_f64(),
            "posts_sent": self.posts_sent,
            "posts_acknowledged": self.posts_acknowledged,
            "posts_acknowledged_per_second": self.posts_per_second(),
            "post_ack": self.post_ack.to_json(),
            "votes_sent": self.votes_sent,
            "votes_acknowledged": self.votes_acknowledged,
            "votes_acknowledged_per_second": self.votes_per_second(),
            "vote_ack": self.vote_ack.to_json(),
            "delivery": self.delivery.to_json(),
            "streams_connected": self.streams_connected,
            "deliveries_expected": self.deliveries_expected,
            "deliveries_missed": self.deliveries_missed,
            "duplicate_deliveries": self.duplicate_deliveries,
            "join_seconds": self.join_seconds,
            "errors": self.errors,
            "memory_fresh": memory(self.memory_fresh),
            "memory_joined_no_streams": memory(self.memory_joined),
            "memory_streams_connected": memory(self.memory_streams),
            "memory_end": memory(self.memory_end),
            "server_cpu_seconds": self.server_cpu_seconds,
            "generator_cpu_seconds": self.generator_cpu_seconds,
            "load_wall_seconds": self.load_wall_seconds,
        })
    }
}

impl std::fmt::Display for RoomReport {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let c = &self.config;
        writeln!(
            f,
            "room: {} participants on live streams, {} notes/s and {} votes/s for {:.0} s",
            c.participants,
            c.posts_per_second,
            c.votes_per_second,
            c.duration.as_secs_f64()
        )?;
        writeln!(f, "  joined in {:.1} s; {} streams connected", self.join_seconds, self.streams_connected)?;
        writeln!(
            f,
            "  notes acknowledged: {} of {} sent, {:.1}/s; ack {}",
            self.posts_acknowledged,
            self.posts_sent,
            self.posts_per_second(),
            self.post_ack
        )?;
        if self.votes_sent > 0 {
            writeln!(
                f,
                "  votes acknowledged: {} of {} sent, {:.1}/s; ack {}",
                self.votes_acknowledged,
                self.votes_sent,
                self.votes_per_second(),
                self.vote_ack
            )?;
        }
        writeln!(f, "  delivery to every other stream: {}", self.delivery)?;
        writeln!(
            f,
            "  deliveries: {} expected, {} missed, {} duplicated",
            self.deliveries_expected, self.deliveries_missed, self.duplicate_deliveries
        )?;
        let memory = |label: &str, memory: Option<Memory>| match memory {
            Some(m) => format!("  {label}: RSS {} (peak so far {})\n", megabytes(m.rss_kb), megabytes(m.peak_kb)),
            None => String::new(),
        };
        write!(f, "{}", memory("server fresh, idle", self.memory_fresh))?;
        write!(f, "{}", memory("workshop open, all joined, no streams", self.memory_joined))?;
        write!(f, "{}", memory("all streams connected, idle", self.memory_streams))?;
        write!(f, "{}", memory("after the load", self.memory_end))?;
        let cores = |cpu: Option<f64>| {
            cpu.map_or("—".to_owned(), |cpu| format!("{cpu:.1} s ({:.2} cores)", cpu / self.load_wall_seconds))
        };
        writeln!(
            f,
            "  CPU over the {:.1} s of load and delivery: server {}, generator {}",
            self.load_wall_seconds,
            cores(self.server_cpu_seconds),
            cores(self.generator_cpu_seconds)
        )?;
        write_errors(f, &self.errors)
    }
}

pub fn write_errors(f: &mut std::fmt::Formatter<'_>, errors: &BTreeMap<String, u64>) -> std::fmt::Result {
    if errors.is_empty() {
        return writeln!(f, "  errors: none");
    }
    writeln!(f, "  errors:")?;
    for (kind, count) in errors {
        writeln!(f, "    {count} × {kind}")?;
    }
    Ok(())
}

/// A set of note indices that many tasks add to.
struct Acknowledged(Vec<AtomicU64>);

impl Acknowledged {
    fn new(len: u64) -> Acknowledged {
        Acknowledged((0..len.div_ceil(64)).map(|_| AtomicU64::new(0)).collect())
    }
    fn insert(&self, index: u64) {
        self.0[(index / 64) as usize].fetch_or(1 << (index % 64), Ordering::Relaxed);
    }
    fn contains(&self, index: u64) -> bool {
        self.0[(index / 64) as usize].load(Ordering::Relaxed) & (1 << (index % 64)) != 0
    }
}

/// The ballot box beside the room: a vote on a few lessons, and who may vote.
struct BallotBox {
    workshop: Workshop,
    vote: String,
    items: Vec<String>,
    voters: Vec<Participant>,
}

async fn ballot_box(api: &Api, voters: usize) -> anyhow::Result<BallotBox> {
    let workshop = api.create_workshop("Load: ballot box", Some("lessons-learned-retrospective")).await?;
    let lessons = workshop.activity("swot")?.to_owned();
    let vote = workshop.activity("vote")?.to_owned();
    api.open(&workshop, &lessons).await?;
    let voters = api.join_many(&workshop, voters, "Voter").await?;
    let mut items = Vec::new();
    for n in 0..BALLOT_ITEMS {
        items.push(api.post_note(&workshop, &voters[0], &lessons, Some("strength"), &format!("Lesson {n}")).await?);
    }
    api.open(&workshop, &vote).await?;
    Ok(BallotBox { workshop, vote, items, voters })
}

/// Grades for voter's ballot number `round`: each differs from the one before, so each is a
/// change the server records.
fn grades(items: &[String], round: u64) -> Value {
    let grades: serde_json::Map<String, Value> =
        items.iter().enumerate().map(|(k, item)| (item.clone(), Value::from((round as usize + k) % GRADES))).collect();
    json!({"type": "grades", "grades": grades})
}

/// Casts one ballot; answers whether it was recorded durably (201).
async fn cast(api: &Api, ballot_box: &BallotBox, voter: &Participant, round: u64, errors: &Errors) -> bool {
    let url = api.url(&format!("/api/v1/workshops/{}/activities/{}/ballots", ballot_box.workshop.id, ballot_box.vote));
    let body = grades(&ballot_box.items, round);
    match api.http.post(url).bearer_auth(&voter.token).json(&body).send().await {
        Ok(response) if response.status() == 201 => true,
        Ok(response) => {
            errors.add_answer("vote", response).await;
            false
        }
        Err(error) => {
            errors.add_failure("vote", &error);
            false
        }
    }
}

pub async fn run(target: Target, config: RoomConfig) -> anyhow::Result<RoomReport> {
    crate::raise_open_file_limit();
    let memory = |pid: Option<u32>| pid.and_then(Memory::of);
    let api = Arc::new(Api::new(target.clone()));
    let errors = Arc::new(Errors::default());
    let memory_fresh = memory(target.pid);

    let room = api.create_workshop("Load: room", None).await?;
    let notes = room.activity("challenges")?.to_owned();
    api.open(&room, &notes).await?;
    let joining = Instant::now();
    let ballot_box = if config.votes_per_second > 0.0 {
        Some(Arc::new(ballot_box(&api, config.participants.clamp(1, MAX_VOTERS)).await?))
    } else {
        None
    };
    let participants = Arc::new(api.join_many(&room, config.participants, "Participant").await?);
    let join_seconds = joining.elapsed().as_secs_f64();
    tokio::time::sleep(Duration::from_secs(1)).await;
    let memory_joined = memory(target.pid);

    // Every participant follows the room from here on, as their phone's page does.
    let after = api.head(&room).await?;
    let epoch = Instant::now();
    let deliveries = Arc::new(Deliveries::new(epoch, config.participants));
    let (stop, stopped) = watch::channel(false);
    #[allow(clippy::expect_used, reason = "a client with plain settings and no TLS always builds")]
    let stream_http = reqwest::Client::builder()
        .connect_timeout(Duration::from_secs(10))
        .tcp_nodelay(true)
        .build()
        .expect("an HTTP client");
    let mut streams = JoinSet::new();
    let opening = Arc::new(Semaphore::new(64));
    let mut opened = JoinSet::new();
    for (me, participant) in participants.iter().enumerate() {
        let (http, base, workshop, token) =
            (stream_http.clone(), target.base.clone(), room.id.clone(), participant.token.clone());
        let opening = opening.clone();
        opened.spawn(async move {
            let _permit = opening.acquire_owned().await;
            (me, stream::open(&http, &base, &workshop, &token, after).await)
        });
    }
    let mut streams_connected = 0;
    while let Some(result) = opened.join_next().await {
        let (me, result) = result?;
        match result {
            Ok(open) => {
                streams_connected += 1;
                streams.spawn(open.follow(me as u64, deliveries.clone(), stopped.clone()));
            }
            Err(kind) => errors.add(kind),
        }
    }
    tokio::time::sleep(Duration::from_secs(2)).await;
    let memory_streams = memory(target.pid);

    // The load: notes on a fixed schedule (an open loop, like phones that do not wait for each
    // other), and ballots on theirs.
    let posts_total = (config.posts_per_second * config.duration.as_secs_f64()).round() as u64;
    let votes_total = (config.votes_per_second * config.duration.as_secs_f64()).round() as u64;
    let acknowledged = Arc::new(Acknowledged::new(posts_total.max(1)));
    let post_ack = Arc::new(Histogram::default());
    let vote_ack = Arc::new(Histogram::default());
    let votes_acknowledged = Arc::new(AtomicU64::new(0));
    let in_flight = Arc::new(Semaphore::new(MAX_IN_FLIGHT));
    let start = tokio::time::Instant::now();
    let cpu_before = (cpu_seconds(target.pid), cpu_seconds(None));
    let mut senders = JoinSet::new();
    {
        let (api, errors, participants, acknowledged, post_ack, in_flight, deliveries, notes, room_id) = (
            api.clone(),
            errors.clone(),
            participants.clone(),
            acknowledged.clone(),
            post_ack.clone(),
            in_flight.clone(),
            deliveries.clone(),
            notes.clone(),
            room.id.clone(),
        );
        let period = Duration::from_secs_f64(1.0 / config.posts_per_second.max(1e-9));
        senders.spawn(async move {
            let mut posts = JoinSet::new();
            for index in 0..posts_total {
                tokio::time::sleep_until(start + period.mul_f64(index as f64)).await;
                let Ok(permit) = in_flight.clone().try_acquire_owned() else {
                    errors.add("post: not sent, too many in flight");
                    continue;
                };
                let poster = &participants[(index % participants.len() as u64) as usize];
                let (api, errors, acknowledged, post_ack, deliveries, token) = (
                    api.clone(),
                    errors.clone(),
                    acknowledged.clone(),
                    post_ack.clone(),
                    deliveries.clone(),
                    poster.token.clone(),
                );
                let url = api.url(&format!("/api/v1/workshops/{room_id}/contributions"));
                let activity = notes.clone();
                posts.spawn(async move {
                    let _permit = permit;
                    let sent = Instant::now();
                    let text = stream::note_text(index, deliveries.micros_since_epoch());
                    let body = json!({"id": uuid::Uuid::new_v4(), "activity_id": activity, "text": text});
                    match api.http.post(url).bearer_auth(token).json(&body).send().await {
                        Ok(response) if response.status() == 201 => {
                            post_ack.record(sent.elapsed());
                            acknowledged.insert(index);
                        }
                        Ok(response) => errors.add_answer("post", response).await,
                        Err(error) => errors.add_failure("post", &error),
                    }
                });
            }
            while posts.join_next().await.is_some() {}
        });
    }
    if let Some(ballot_box) = ballot_box.clone() {
        let (api, errors, vote_ack, votes_acknowledged, in_flight) =
            (api.clone(), errors.clone(), vote_ack.clone(), votes_acknowledged.clone(), in_flight.clone());
        let period = Duration::from_secs_f64(1.0 / config.votes_per_second);
        senders.spawn(async move {
            let mut votes = JoinSet::new();
            // One ballot per voter in flight at a time: a phone waits for its answer.
            let voters: Vec<Arc<tokio::sync::Mutex<u64>>> = ballot_box.voters.iter().map(|_| Arc::default()).collect();
            for index in 0..votes_total {
                tokio::time::sleep_until(start + period.mul_f64(index as f64)).await;
                let Ok(permit) = in_flight.clone().try_acquire_owned() else {
                    errors.add("vote: not sent, too many in flight");
                    continue;
                };
                let n = (index % voters.len() as u64) as usize;
                let (api, errors, vote_ack, votes_acknowledged, ballot_box, rounds) = (
                    api.clone(),
                    errors.clone(),
                    vote_ack.clone(),
                    votes_acknowledged.clone(),
                    ballot_box.clone(),
                    voters[n].clone(),
                );
                votes.spawn(async move {
                    let _permit = permit;
                    let mut round = rounds.lock().await;
                    let sent = Instant::now();
                    if cast(&api, &ballot_box, &ballot_box.voters[n], *round + n as u64, &errors).await {
                        vote_ack.record(sent.elapsed());
                        votes_acknowledged.fetch_add(1, Ordering::Relaxed);
                    }
                    *round += 1;
                });
            }
            while votes.join_next().await.is_some() {}
        });
    }
    while senders.join_next().await.is_some() {}
    let posts_acknowledged = (0..posts_total).filter(|index| acknowledged.contains(*index)).count() as u64;

    // Notes still on their way: wait until the streams have at least every acknowledged note
    // and nothing more arrives for a moment (a note whose answer timed out may be stored and
    // delivered too, so the count alone does not tell), or the drain time is up.
    let deliveries_expected = posts_acknowledged * streams_connected;
    let drain_until = Instant::now() + config.drain;
    let mut last_count = deliveries.delivered.load(Ordering::Relaxed);
    let mut quiet_since = Instant::now();
    while Instant::now() < drain_until {
        tokio::time::sleep(Duration::from_millis(50)).await;
        let count = deliveries.delivered.load(Ordering::Relaxed);
        if count != last_count {
            (last_count, quiet_since) = (count, Instant::now());
        } else if count >= deliveries_expected && quiet_since.elapsed() >= Duration::from_millis(500) {
            break;
        }
    }
    let memory_end = memory(target.pid);
    let load_wall_seconds = start.elapsed().as_secs_f64();
    let used = |before: Option<f64>, after: Option<f64>| Some(after? - before?);
    let server_cpu_seconds = used(cpu_before.0, cpu_seconds(target.pid));
    let generator_cpu_seconds = used(cpu_before.1, cpu_seconds(None));
    let _ = stop.send(true);
    let mut outcomes: Vec<StreamOutcome> = Vec::new();
    while let Some(outcome) = streams.join_next().await {
        outcomes.push(outcome?);
    }
    let mut deliveries_missed = 0;
    for outcome in &outcomes {
        if let Some(failure) = &outcome.failure {
            errors.add(failure.clone());
        }
        deliveries_missed +=
            (0..posts_total).filter(|index| acknowledged.contains(*index) && !outcome.saw(*index)).count() as u64;
    }
    Ok(RoomReport {
        config,
        posts_sent: posts_total,
        posts_acknowledged,
        post_ack: post_ack.summary(),
        votes_sent: votes_total,
        votes_acknowledged: votes_acknowledged.load(Ordering::Relaxed),
        vote_ack: vote_ack.summary(),
        delivery: deliveries.latency.summary(),
        streams_connected,
        deliveries_expected,
        deliveries_missed,
        duplicate_deliveries: deliveries.duplicates.load(Ordering::Relaxed),
        join_seconds,
        errors: errors.snapshot(),
        memory_fresh,
        memory_joined,
        memory_streams,
        memory_end,
        server_cpu_seconds,
        generator_cpu_seconds,
        load_wall_seconds,
    })
}

/// One line for logs: the figures a reader looks for first.
pub fn headline(report: &RoomReport) -> String {
    let show = |value: Option<Duration>| value.map_or("—".to_owned(), format_duration);
    format!(
        "{} participants, {:.0} notes/s acknowledged, delivery p50 {} p99 {}, {} missed, {} errors",
        report.config.participants,
        report.posts_per_second(),
        show(report.delivery.p50),
        show(report.delivery.p99),
        report.deliveries_missed,
        report.error_count()
    )
}
