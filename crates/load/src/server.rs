//! The server under load: one started here from a `converge` binary on a fresh data folder (so
//! its memory can be read from `/proc`), or one already running at a URL.

use anyhow::{Context, bail};
use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};

const EMAIL: &str = "load@example.org";
/// The facilitator's password in the throwaway data folder; only its API token is used.
const PASSWORD: &str = "load generator facilitator";

/// Where to send the load, and as which facilitator.
#[derive(Clone)]
pub struct Target {
    /// `http://127.0.0.1:8080`, no trailing slash.
    pub base: String,
    /// A facilitator's API token (`converge admin token create`).
    pub token: String,
    /// The server's process id when it runs on this machine, to read its memory.
    pub pid: Option<u32>,
    /// Its database, when known: to read the size of the events the run stored.
    pub database: Option<PathBuf>,
}

/// A `converge serve` started on a new data folder; killed and its folder removed when dropped.
pub struct ServerProcess {
    child: Child,
    pub target: Target,
    data: tempfile::TempDir,
}

impl ServerProcess {
    /// Creates a data folder with a facilitator and its API token (the `admin` commands), then
    /// starts `binary serve` on a free port and waits for its address.
    pub fn start(binary: &Path) -> anyhow::Result<ServerProcess> {
        let data = tempfile::Builder::new().prefix("converge-load-").tempdir().context("a temporary data folder")?;
        let folder = data.path().to_str().context("a UTF-8 temporary path")?.to_owned();
        let admin = |args: &[&str]| -> anyhow::Result<String> {
            let output = Command::new(binary)
                .args(args)
                .env("CONVERGE_PASSWORD", PASSWORD)
                .env("CONVERGE_LOG", "warn")
                .output()
                .with_context(|| format!("running {}", binary.display()))?;
            if !output.status.success() {
                bail!("`converge {}` failed: {}", args.join(" "), String::from_utf8_lossy(&output.stderr));
            }
            Ok(String::from_utf8_lossy(&output.stdout).into_owned())
        };
        admin(&["admin", "add-facilitator", "--data", &folder, "--email", EMAIL, "--name", "Load"])?;
        let created = admin(&["admin", "token", "create", "--data", &folder, "--email", EMAIL])?;
        let token = created.split_whitespace().last().context("`admin token create` printed no token")?.to_owned();

        let mut child = Command::new(binary)
            .args(["serve", "--bind", "127.0.0.1:0", "--data", &folder])
            .env("CONVERGE_LOG", "warn")
            .stdout(Stdio::piped())
            .stderr(Stdio::inherit())
            .spawn()
            .with_context(|| format!("starting {} serve", binary.display()))?;
        let stdout = child.stdout.take().context("the server's output")?;
        let mut lines = BufReader::new(stdout).lines();
        let base = loop {
            let Some(line) = lines.next() else {
                let _ = child.kill();
                bail!("the server stopped before printing its address");
            };
            if let Some(address) = line?.split("listening on ").nth(1) {
                break address.trim().to_owned();
            }
        };
        // Keep reading its output so the server never blocks on a full pipe.
        std::thread::spawn(move || lines.for_each(drop));
        let target = Target { base, token, pid: Some(child.id()), database: Some(data.path().join("converge.db")) };
        Ok(ServerProcess { child, target, data })
    }

    /// The data folder, e.g. to put the raw SQLite baseline on the same file system.
    pub fn data_folder(&self) -> &Path {
        self.data.path()
    }
}

impl Drop for ServerProcess {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// A process's resident memory, from `/proc/PID/status`.
#[derive(Debug, Clone, Copy)]
pub struct Memory {
    /// Resident now (VmRSS), in kB.
    pub rss_kb: u64,
    /// The most it has been resident since it started (VmHWM), in kB.
    pub peak_kb: u64,
}

impl Memory {
    pub fn of(pid: u32) -> Option<Memory> {
        let status = std::fs::read_to_string(format!("/proc/{pid}/status")).ok()?;
        let field = |name: &str| {
            status
                .lines()
                .find_map(|line| line.strip_prefix(name))
                .and_then(|rest| rest.split_whitespace().next())
                .and_then(|kb| kb.parse().ok())
        };
        Some(Memory { rss_kb: field("VmRSS:")?, peak_kb: field("VmHWM:")? })
    }
}

/// CPU time (user and system) a process has used, in seconds, from `/proc/PID/stat`; `None` for
/// this process. Both the server and this generator run on the same cores: what each takes tells
/// how much of a slowdown is the generator's own.
pub fn cpu_seconds(pid: Option<u32>) -> Option<f64> {
    let path = pid.map_or_else(|| "/proc/self/stat".to_owned(), |pid| format!("/proc/{pid}/stat"));
    let stat = std::fs::read_to_string(path).ok()?;
    // The fields after the command name, which is in parentheses and may hold spaces.
    let fields: Vec<&str> = stat.rsplit_once(')')?.1.split_whitespace().collect();
    let ticks = |n: usize| fields.get(n)?.parse::<u64>().ok();
    // utime and stime (fields 14 and 15 of the whole line), in USER_HZ, 100 a second on Linux.
    Some((ticks(11)? + ticks(12)?) as f64 / 100.0)
}

/// 12.3 MB (decimal megabytes of kB counts, as `ps` users read them).
pub fn megabytes(kb: u64) -> String {
    format!("{:.1} MB", kb as f64 * 1024.0 / 1e6)
}
