//! `restore FILE`: puts a backup back as the database. Refused while a server holds the data
//! folder (the lock `serve` keeps for its whole life); the file must pass `integrity_check`
//! and know no migration this binary lacks; the current database is kept aside, renamed,
//! never deleted.

use std::fs::{File, OpenOptions, TryLockError};
use std::path::{Path, PathBuf};

use anyhow::{Context, bail};
use chrono::{DateTime, Utc};
use rusqlite::{Connection, MAIN_DB, OpenFlags};

use crate::db::{DB_FILE, MIGRATIONS, db_path};

/// The lock file in the data folder; whoever holds it owns the database.
pub const LOCK_FILE: &str = "whiskerworks.lock";

/// Held by `serve` (and `restore`) for as long as it runs; the operating system lets go when
/// the process ends, however it ends, so a killed server never leaves a stale lock.
pub struct FolderLock {
    _file: File,
}

/// Takes the data folder's lock, or says that another process holds it.
pub fn lock_folder(data_dir: &Path) -> anyhow::Result<FolderLock> {
    std::fs::create_dir_all(data_dir)
        .with_context(|| format!("cannot create data directory {}", data_dir.display()))?;
    let path = data_dir.join(LOCK_FILE);
    let file = OpenOptions::new()
        .create(true)
        .truncate(false)
        .write(true)
        .open(&path)
        .with_context(|| format!("cannot open {}", path.display()))?;
    match file.try_lock() {
        Ok(()) => Ok(FolderLock { _file: file }),
        Err(TryLockError::WouldBlock) => bail!(
            "a server (or another restore) is running on {}; stop it first",
            data_dir.display()
        ),
        Err(TryLockError::Error(e)) => Err(e).context("cannot lock the data folder"),
    }
}

/// What a restore did, for the operator.
#[derive(Debug)]
pub struct Restored {
    pub database: PathBuf,
    /// The previous database (and its WAL files), renamed beside it.
    pub kept_aside: Vec<PathBuf>,
    /// Migrations the restored copy lacks; the next start applies them.
    pub pending_migrations: Vec<&'static str>,
}

/// Restores `file` into `data_dir`. `now` names the copy kept aside.
pub fn restore(data_dir: &Path, file: &Path, now: DateTime<Utc>) -> anyhow::Result<Restored> {
    let _lock = lock_folder(data_dir)?;
    let pending_migrations = verify(file)?;
    let database = db_path(data_dir);
    let kept_aside = keep_aside(data_dir, now)?;
    // Through the backup API into a temporary name, then renamed: never a half-copied
    // database under the real name, and a WAL-mode source is read whole.
    let incoming = data_dir.join(format!("{DB_FILE}.restoring"));
    if incoming.exists() {
        std::fs::remove_file(&incoming)?;
    }
    let source = Connection::open_with_flags(file, OpenFlags::SQLITE_OPEN_READ_ONLY)?;
    source
        .backup(MAIN_DB, &incoming, None)
        .with_context(|| format!("cannot copy {}", file.display()))?;
    drop(source);
    std::fs::rename(&incoming, &database)?;
    Ok(Restored {
        database,
        kept_aside,
        pending_migrations,
    })
}

/// The file is a sound Whiskerworks database this binary can run: `integrity_check` passes
/// and every migration it recorded is one this binary knows. Returns the ones it lacks.
fn verify(file: &Path) -> anyhow::Result<Vec<&'static str>> {
    if !file.is_file() {
        bail!("{} is not a file", file.display());
    }
    let conn = Connection::open_with_flags(file, OpenFlags::SQLITE_OPEN_READ_ONLY)
        .with_context(|| format!("{} is not a SQLite database", file.display()))?;
    let integrity: String = conn
        .query_row("PRAGMA integrity_check", [], |r| r.get(0))
        .with_context(|| format!("{} is not a SQLite database", file.display()))?;
    if integrity != "ok" {
        bail!("{} fails integrity_check: {integrity}", file.display());
    }
    let recorded: Vec<String> = conn
        .prepare_cached("SELECT name FROM schema_migrations ORDER BY name")
        .and_then(|mut s| s.query_map([], |r| r.get(0))?.collect())
        .with_context(|| format!("{} is not a Whiskerworks database", file.display()))?;
    let known: Vec<&str> = MIGRATIONS.iter().map(|(name, _)| *name).collect();
    if let Some(unknown) = recorded.iter().find(|m| !known.contains(&m.as_str())) {
        bail!(
            "{} comes from a newer version (migration {unknown}); restore it with that version",
            file.display()
        );
    }
    Ok(known
        .into_iter()
        .filter(|m| !recorded.iter().any(|r| r == m))
        .collect())
}

/// Renames the current database and its WAL files to `whiskerworks-before-restore-<time>.db`
/// (and `-wal`, `-shm`), which together still open as the database they were.
fn keep_aside(data_dir: &Path, now: DateTime<Utc>) -> anyhow::Result<Vec<PathBuf>> {
    let base = format!(
        "whiskerworks-before-restore-{}.db",
        now.format("%Y%m%d-%H%M%S")
    );
    let mut moved = Vec::new();
    for suffix in ["", "-wal", "-shm"] {
        let from = data_dir.join(format!("{DB_FILE}{suffix}"));
        if from.exists() {
            let to = data_dir.join(format!("{base}{suffix}"));
            if to.exists() {
                bail!("{} already exists; try again in a second", to.display());
            }
            std::fs::rename(&from, &to)?;
            moved.push(to);
        }
    }
    Ok(moved)
}
