//! `converge-load`: loads a Converge server and prints what it held. See BENCHMARKS.md, "Load",
//! for the runs it records.

use anyhow::Context;
use clap::{Args, Parser, Subcommand};
use converge_load::raw::{self, RawConfig};
use converge_load::room::{self, RoomConfig};
use converge_load::server::{ServerProcess, Target};
use converge_load::votes::{self, VotesConfig};
use std::path::PathBuf;
use std::time::Duration;

#[derive(Parser)]
#[command(name = "converge-load", about = "Load a Converge server: a room on live streams, durable votes, raw SQLite.")]
struct Cli {
    /// Also write the figures as JSON to this file.
    #[arg(long, global = true)]
    json: Option<PathBuf>,
    #[command(subcommand)]
    command: Commands,
}

#[derive(Subcommand)]
enum Commands {
    /// N participants on live streams post notes at a set rate; delivery to every stream.
    Room {
        #[command(flatten)]
        target: TargetArgs,
        #[command(flatten)]
        room: RoomArgs,
    },
    /// As many durable votes as the server acknowledges, from many concurrent voters.
    Votes {
        #[command(flatten)]
        target: TargetArgs,
        #[command(flatten)]
        votes: VotesArgs,
    },
    /// Rows of a ballot's size into SQLite set up as the server's store: the machine's limit.
    Raw {
        /// The folder to put the database in: on the same file system as the server's data.
        #[arg(long, default_value_os_t = std::env::temp_dir())]
        dir: PathBuf,
        #[command(flatten)]
        raw: RawArgs,
        /// Rows per commit in the batched run.
        #[arg(long, default_value_t = 256)]
        batch: usize,
        /// Payload length of each row.
        #[arg(long, default_value_t = 200)]
        payload_bytes: usize,
    },
    /// The room, then the votes, then raw SQLite beside them: the whole benchmark, each part on
    /// a fresh server started from `--server`.
    All {
        /// The `converge` binary to start (a release build for figures worth recording).
        #[arg(long)]
        server: PathBuf,
        #[command(flatten)]
        room: RoomArgs,
        #[command(flatten)]
        votes: VotesArgs,
        #[command(flatten)]
        raw: RawArgs,
    },
}

#[derive(Args)]
struct TargetArgs {
    /// Start this `converge` binary on a fresh data folder and load it (its memory is read from
    /// /proc). Without it, load the server at --url as the facilitator of --token.
    #[arg(long, conflicts_with = "url")]
    server: Option<PathBuf>,
    /// A running server, e.g. http://127.0.0.1:8080.
    #[arg(long, requires = "token")]
    url: Option<String>,
    /// A facilitator's API token for --url (`converge admin token create`).
    #[arg(long, env = "CONVERGE_LOAD_TOKEN")]
    token: Option<String>,
    /// The process id of the server at --url, to read its memory.
    #[arg(long)]
    pid: Option<u32>,
}

#[derive(Args, Clone)]
struct RoomArgs {
    /// Participants, each on the live stream.
    #[arg(long, default_value_t = 2000)]
    participants: usize,
    /// Notes per second from the whole room.
    #[arg(long, default_value_t = 200.0)]
    rate: f64,
    /// Ballots cast or changed per second, in a ballot box beside the room; 0 for none.
    #[arg(long, default_value_t = 0.0)]
    vote_rate: f64,
    /// Seconds of load.
    #[arg(long, default_value_t = 60)]
    seconds: u64,
}

#[derive(Args, Clone)]
struct VotesArgs {
    /// Concurrent voters, each with one ballot in flight.
    #[arg(long, default_value_t = 256)]
    voters: usize,
    /// Ballot boxes (workshops) the voters are spread over.
    #[arg(long, default_value_t = 1)]
    workshops: usize,
    /// Seconds of voting.
    #[arg(long, default_value_t = 20)]
    vote_seconds: u64,
}

#[derive(Args, Clone)]
struct RawArgs {
    /// Seconds of each raw SQLite run (one row per commit, then batched).
    #[arg(long, default_value_t = 5)]
    raw_seconds: u64,
}

impl RoomArgs {
    fn config(&self) -> RoomConfig {
        RoomConfig {
            participants: self.participants,
            posts_per_second: self.rate,
            duration: Duration::from_secs(self.seconds),
            votes_per_second: self.vote_rate,
            ..RoomConfig::default()
        }
    }
}

impl VotesArgs {
    fn config(&self) -> VotesConfig {
        VotesConfig { voters: self.voters, workshops: self.workshops, duration: Duration::from_secs(self.vote_seconds) }
    }
}

/// The server to load: started here (kept alive by the returned process) or already running.
fn target(args: &TargetArgs) -> anyhow::Result<(Target, Option<ServerProcess>)> {
    if let Some(binary) = &args.server {
        let server = ServerProcess::start(binary)?;
        return Ok((server.target.clone(), Some(server)));
    }
    let base = args.url.clone().context("give --server BINARY or --url URL --token TOKEN")?;
    let token = args.token.clone().context("--token is needed with --url")?;
    Ok((Target { base: base.trim_end_matches('/').to_owned(), token, pid: args.pid, database: None }, None))
}

/// The machine's load, as `uptime` shows it: other work on the two cores skews every figure.
fn load_average() -> String {
    std::fs::read_to_string("/proc/loadavg")
        .map(|text| text.split_whitespace().take(3).collect::<Vec<_>>().join(" "))
        .unwrap_or_default()
}

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    let cli = Cli::parse();
    let open_files = converge_load::raise_open_file_limit();
    eprintln!("open-file limit {}; load average {}", open_files.map_or("?".into(), |n| n.to_string()), load_average());
    let mut json = serde_json::json!({"load_average_before": load_average()});
    match &cli.command {
        Commands::Room { target: args, room: room_args } => {
            let (target, _server) = target(args)?;
            let report = room::run(target, room_args.config()).await?;
            print!("{report}");
            json["room"] = report.to_json();
        }
        Commands::Votes { target: args, votes: votes_args } => {
            let (target, _server) = target(args)?;
            let report = votes::run(target, votes_args.config()).await?;
            print!("{report}");
            json["votes"] = report.to_json();
        }
        Commands::Raw { dir, raw: raw_args, batch, payload_bytes } => {
            let config = RawConfig {
                duration: Duration::from_secs(raw_args.raw_seconds),
                batch: *batch,
                payload_bytes: *payload_bytes,
            };
            let dir = dir.clone();
            let report = tokio::task::spawn_blocking(move || raw::run(&dir, config)).await??;
            print!("{report}");
            json["raw"] = report.to_json();
        }
        Commands::All { server, room: room_args, votes: votes_args, raw: raw_args } => {
            let room_report = {
                let process = ServerProcess::start(server)?;
                room::run(process.target.clone(), room_args.config()).await?
            };
            print!("{room_report}");
            eprintln!("load average {}", load_average());
            let process = ServerProcess::start(server)?;
            let votes_report = votes::run(process.target.clone(), votes_args.config()).await?;
            print!("{votes_report}");
            eprintln!("load average {}", load_average());
            let config = RawConfig {
                duration: Duration::from_secs(raw_args.raw_seconds),
                batch: votes_args.voters,
                payload_bytes: votes_report.payload_bytes.map_or(200, |bytes| bytes.round() as usize),
            };
            // Beside the server's data, on the same file system.
            let folder = process.data_folder().to_owned();
            let raw_report = tokio::task::spawn_blocking(move || raw::run(&folder, config)).await??;
            drop(process);
            print!("{raw_report}");
            println!(
                "converge / raw: {} of the batched rate, {} of one row per commit",
                raw::ratio(votes_report.per_second(), raw_report.batched_per_second),
                raw::ratio(votes_report.per_second(), raw_report.one_per_commit_per_second)
            );
            json["room"] = room_report.to_json();
            json["votes"] = votes_report.to_json();
            json["raw"] = raw_report.to_json();
            json["converge_over_raw_batched"] = (votes_report.per_second() / raw_report.batched_per_second).into();
            json["converge_over_raw_one_per_commit"] =
                (votes_report.per_second() / raw_report.one_per_commit_per_second).into();
        }
    }
    let after = load_average();
    eprintln!("load average {after}");
    json["load_average_after"] = after.into();
    if let Some(path) = &cli.json {
        std::fs::write(path, serde_json::to_string_pretty(&json)?)
            .with_context(|| format!("writing {}", path.display()))?;
    }
    Ok(())
}
