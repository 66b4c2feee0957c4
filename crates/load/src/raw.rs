//! The machine's limit for the same durable work: rows the size of a stored ballot inserted into
//! a SQLite file set up as the server's store (WAL, `synchronous=FULL`, `secure_delete`, the
//! same `event` table), in one process with nothing else: no HTTP, no decision, no hash chain.
//! Once one row per commit (an fsync each, as without group commit), once in batches of the
//! size group commit reaches under load.

use serde_json::{Value, json};
use std::path::Path;
use std::time::{Duration, Instant};

#[derive(Debug, Clone)]
pub struct RawConfig {
    /// How long each of the two runs lasts.
    pub duration: Duration,
    /// Rows per commit in the batched run.
    pub batch: usize,
    /// Payload length of each row.
    pub payload_bytes: usize,
}

pub struct RawReport {
    pub config: RawConfig,
    pub one_per_commit_per_second: f64,
    pub batched_per_second: f64,
    /// Mean time of one commit of one row (an fsync of the WAL, mostly).
    pub commit_latency: Duration,
}

impl RawReport {
    pub fn to_json(&self) -> Value {
        json!({
            "duration_s_each": self.config.duration.as_secs_f64(),
            "batch": self.config.batch,
            "payload_bytes": self.config.payload_bytes,
            "one_per_commit_per_second": self.one_per_commit_per_second,
            "batched_per_second": self.batched_per_second,
            "commit_latency_ms": self.commit_latency.as_secs_f64() * 1e3,
        })
    }
}

impl std::fmt::Display for RawReport {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        writeln!(f, "raw SQLite (WAL, synchronous=FULL, {}-byte payloads, one process):", self.config.payload_bytes)?;
        writeln!(
            f,
            "  one row per commit: {:.0} rows/s ({} per commit)",
            self.one_per_commit_per_second,
            crate::histogram::format_duration(self.commit_latency)
        )?;
        writeln!(f, "  {} rows per commit: {:.0} rows/s", self.config.batch, self.batched_per_second)
    }
}

/// Runs both measurements in a new database file inside `folder` (put it on the same file
/// system as the server's data), removed afterwards.
pub fn run(folder: &Path, config: RawConfig) -> anyhow::Result<RawReport> {
    let dir = tempfile::Builder::new().prefix("converge-raw-").tempdir_in(folder)?;
    let connection = rusqlite::Connection::open(dir.path().join("raw.db"))?;
    let mode: String = connection.pragma_update_and_check(None, "journal_mode", "WAL", |row| row.get(0))?;
    anyhow::ensure!(mode.eq_ignore_ascii_case("wal"), "this file system cannot hold a WAL database");
    for (pragma, value) in [("synchronous", "FULL"), ("foreign_keys", "ON"), ("secure_delete", "ON")] {
        connection.pragma_update(None, pragma, value)?;
    }
    connection.execute_batch(
        "create table event (
            workshop_id text not null, seq integer not null, kind text not null, payload text not null,
            recorded_at integer not null, hash text not null, primary key (workshop_id, seq)
        ) without rowid;",
    )?;
    let workshop = uuid::Uuid::now_v7().to_string();
    let payload = format!("{{\"grades\":\"{}\"}}", "x".repeat(config.payload_bytes.saturating_sub(13)));
    let mut seq: i64 = 0;
    let mut insert_rows = |rows: usize| -> rusqlite::Result<()> {
        connection.execute_batch("begin immediate")?;
        {
            let mut insert = connection.prepare_cached(
                "insert into event (workshop_id, seq, kind, payload, recorded_at, hash) values (?1, ?2, ?3, ?4, ?5, ?6)",
            )?;
            for _ in 0..rows {
                seq += 1;
                let hash = format!("{:064x}", (seq as u128).wrapping_mul(0x9e37_79b9_7f4a_7c15_f39c_c060_5ced_c835));
                insert.execute(rusqlite::params![workshop, seq, "ballot_cast", payload, seq, hash])?;
            }
        }
        connection.execute_batch("commit")
    };
    let measure = |insert_rows: &mut dyn FnMut(usize) -> rusqlite::Result<()>, rows: usize| {
        let start = Instant::now();
        let mut done = 0u64;
        let mut commits = 0u32;
        while start.elapsed() < config.duration {
            insert_rows(rows)?;
            done += rows as u64;
            commits += 1;
        }
        let elapsed = start.elapsed();
        Ok::<_, rusqlite::Error>((done as f64 / elapsed.as_secs_f64(), elapsed / commits.max(1)))
    };
    let (one_per_commit_per_second, commit_latency) = measure(&mut insert_rows, 1)?;
    let (batched_per_second, _) = measure(&mut insert_rows, config.batch.max(1))?;
    Ok(RawReport { config, one_per_commit_per_second, batched_per_second, commit_latency })
}

/// Converge's rate against the raw one, e.g. "0.31 (31 %)".
pub fn ratio(converge: f64, raw: f64) -> String {
    if raw <= 0.0 {
        return "—".to_owned();
    }
    let ratio = converge / raw;
    format!("{ratio:.3} ({:.1} %)", ratio * 100.0)
}
