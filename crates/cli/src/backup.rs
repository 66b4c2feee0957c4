//! `converge backup` and `converge restore`: a data folder copied while the server runs, and
//! brought back, each copy checked (SQLite integrity, every hash chain) before it is trusted.

use anyhow::{Context, bail};
use converge_store_sqlite::{BackupSummary, backup_database, check_database};
use std::path::Path;

const DATABASE: &str = "converge.db";
const SECRET: &str = "secret.key";

/// Copies the data folder `data` into the new folder `out`: the database as of one moment
/// (the server may keep running) and the secret that signs participant tokens, so that the copy
/// serves as it is.
pub fn backup(data: &Path, out: &Path) -> anyhow::Result<BackupSummary> {
    let database = data.join(DATABASE);
    if !database.is_file() {
        bail!("{} holds no Converge database", data.display());
    }
    if out.exists() && std::fs::read_dir(out).map(|mut entries| entries.next().is_some()).unwrap_or(true) {
        bail!("{} already exists and is not empty; choose a new folder for the backup", out.display());
    }
    std::fs::create_dir_all(out).with_context(|| format!("cannot create {}", out.display()))?;
    let summary = backup_database(&database, &out.join(DATABASE)).context("the backup failed")?;
    copy_private(&data.join(SECRET), &out.join(SECRET))?;
    Ok(summary)
}

/// Brings the backup folder `from` back as the data folder `data`. The backup is checked first;
/// a data folder that already holds a database is replaced only with `replace`, and its old
/// files are kept beside it, renamed, rather than deleted.
pub fn restore(from: &Path, data: &Path, replace: bool) -> anyhow::Result<BackupSummary> {
    let source = from.join(DATABASE);
    if !source.is_file() {
        bail!("{} is not a Converge backup: it has no {DATABASE}", from.display());
    }
    check_database(&source).context("the backup cannot be restored")?;
    std::fs::create_dir_all(data).with_context(|| format!("cannot create {}", data.display()))?;
    // A server on the folder would keep writing to the file being replaced.
    let _lock = crate::lock_for_serving(data)?;
    let database = data.join(DATABASE);
    if database.exists() {
        if !replace {
            bail!(
                "{} already holds a database; add --replace to replace it (the current files are kept, renamed)",
                data.display()
            );
        }
        let stamp = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map_or(0, |d| d.as_secs());
        for name in [DATABASE, "converge.db-wal", "converge.db-shm", SECRET] {
            let path = data.join(name);
            if path.exists() {
                let aside = data.join(format!("{name}.before-restore-{stamp}"));
                std::fs::rename(&path, &aside).with_context(|| format!("cannot move {} aside", path.display()))?;
            }
        }
    }
    let summary = backup_database(&source, &database).context("the restore failed")?;
    if data.join(SECRET).exists() {
        std::fs::remove_file(data.join(SECRET)).with_context(|| format!("cannot replace {SECRET}"))?;
    }
    copy_private(&from.join(SECRET), &data.join(SECRET))?;
    Ok(summary)
}

fn copy_private(from: &Path, to: &Path) -> anyhow::Result<()> {
    let secret = std::fs::read_to_string(from).with_context(|| format!("cannot read {}", from.display()))?;
    crate::write_private(to, &secret).with_context(|| format!("cannot write {}", to.display()))
}
