//! What the `converge` binary is made of beside its argument parsing: opening a data folder,
//! starting the server (`serve`), and the `tally` and `demo` commands.
//!
//! # The commands
//!
//! `serve` (which first indexes follow-up pages published before the index existed), `export`, `verify`, `report` (HTML, CSV tables, PDF or the JSON record), `demo`,
//! `backup`, `restore`, `template check | list`, `tally` (a voting method's full result for
//! PrefLib or CSV ballots, through `converge-methods`), `admin add-facilitator | setup-link | token
//! create | erase-participant | end-sessions | reset-totp`. `backup.rs` copies and restores data folders through the store's
//! checked online backup. `lib.rs` opens a
//! data folder (`converge.db` and `secret.key`; `export` and `report` only an existing one) and locks it for `serve`: each server runs its own
//! actors, so two on one folder would not see each other's writes live. Exit codes: 0 success, 1 `verify` found a broken
//! record (or one that does not end at `--expect-head`) or `template check` a bad template, 2 any
//! other failure. `export --at-closure` writes a closed workshop's record up to its closing; logs are
//! plain lines (no colour codes) unless standard error is a terminal.
//!
//! `demo.rs` plays `demo/wallonia.toml` (the content, in French: 25 people, what each wrote in every
//! activity of the flagship template, the 19 actions with their sources, stances, risks, fates and
//! follow-up) into a data folder through `Engine`: a demo facilitator account with a random
//! password printed once, joins by join code, and one `Command` per act, as the room would send
//! them; independent commands go together so the actor writes them in a few batches (about 2,000
//! events in about a second). Scores, ballots and ratings come from a hash of the names involved,
//! so every run tells the same story. It takes the serve lock, and refuses a folder that already
//! holds the demo account.

pub mod backup;
pub mod demo;
pub mod report;
pub mod serve;
pub mod tally;

use anyhow::Context;
use converge_engine::Engine;
use converge_store_sqlite::SqliteStore;
use std::io::Write;
use std::path::Path;
use std::sync::Arc;

/// Opens the data folder: its store and the secret that signs participant tokens.
pub fn open(data: &Path) -> anyhow::Result<Engine> {
    std::fs::create_dir_all(data).with_context(|| format!("cannot create the data folder {}", data.display()))?;
    let secret = load_or_create_secret(&data.join("secret.key"))?;
    let store = SqliteStore::open(&data.join("converge.db"))
        .with_context(|| format!("cannot open the database in {}", data.display()))?;
    Ok(Engine::new(Arc::new(store), secret))
}

/// Opens a data folder that must already exist, for the commands that only read one (`export`,
/// `report`): a mistyped `--data` is an error that names the folder, not a new empty one.
pub fn open_existing(data: &Path) -> anyhow::Result<Engine> {
    if !data.join("converge.db").is_file() {
        anyhow::bail!(
            "{} is not a Converge data folder (no converge.db in it): give the folder `converge serve` uses with --data",
            data.display()
        );
    }
    open(data)
}

fn load_or_create_secret(path: &Path) -> anyhow::Result<[u8; 32]> {
    if let Ok(text) = std::fs::read_to_string(path) {
        let bytes = parse_hex_32(text.trim())
            .with_context(|| format!("{} is damaged: expected 64 hex digits", path.display()))?;
        return Ok(bytes);
    }
    let secret = converge_engine::random::bytes::<32>();
    write_private(path, &converge_store::chain::hex(&secret))
        .with_context(|| format!("cannot write the server secret to {}", path.display()))?;
    Ok(secret)
}

fn parse_hex_32(text: &str) -> Option<[u8; 32]> {
    if text.len() != 64 || !text.is_ascii() {
        return None;
    }
    let mut bytes = [0u8; 32];
    for (index, byte) in bytes.iter_mut().enumerate() {
        *byte = u8::from_str_radix(&text[index * 2..index * 2 + 2], 16).ok()?;
    }
    Some(bytes)
}

fn write_private(path: &Path, contents: &str) -> std::io::Result<()> {
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
    let mut file = options.open(path)?;
    file.write_all(contents.as_bytes())?;
    file.sync_all()
}

/// Keeps a second `converge serve` off the same data folder: each server runs its own workshop
/// actors, and one would not see the other's writes live. Held until the returned file is dropped.
pub fn lock_for_serving(data: &Path) -> anyhow::Result<std::fs::File> {
    let path = data.join("serve.lock");
    let file = std::fs::OpenOptions::new()
        .create(true)
        .truncate(false)
        .write(true)
        .open(&path)
        .with_context(|| format!("cannot open {}", path.display()))?;
    match file.try_lock() {
        Ok(()) => Ok(file),
        Err(std::fs::TryLockError::WouldBlock) => anyhow::bail!(
            "another `converge serve` is already using {}; stop it first, or give this one its own --data folder",
            data.display()
        ),
        Err(std::fs::TryLockError::Error(error)) => {
            Err(error).with_context(|| format!("cannot lock {}", path.display()))
        }
    }
}
