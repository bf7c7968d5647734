//! `restore FILE`: puts a backup back as the database. Refused while a server holds the data
//! folder (the lock `serve` keeps for its whole life) and while a billing run (`run-billing`,
//! which runs beside a server) holds billing's lock; the file must pass `integrity_check`
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

/// A billing run holds billing's lock: restoring now would set its charges and payouts aside
/// with the old database. Nothing was changed.
#[derive(Debug)]
pub struct BillingRunning {
    pub owner: String,
    pub until: DateTime<Utc>,
}

impl std::fmt::Display for BillingRunning {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "a billing run is in progress ({}, its lock lapses at {}); nothing was restored: \
             try again once it has finished, or stop the process running it",
            self.owner,
            self.until
                .to_rfc3339_opts(chrono::SecondsFormat::Secs, true)
        )
    }
}

impl std::error::Error for BillingRunning {}

/// Restores `file` into `data_dir`. `now` names the copy kept aside. Fails with
/// `BillingRunning` while a billing run holds its lock.
pub fn restore(data_dir: &Path, file: &Path, now: DateTime<Utc>) -> anyhow::Result<Restored> {
    let _lock = lock_folder(data_dir)?;
    let pending_migrations = verify(file)?;
    let database = db_path(data_dir);
    // Held from here on: no billing run starts on the database while it is swapped. The lock
    // stays with the copy kept aside, so a process still holding that file cannot bill there.
    let paused = pause_billing(data_dir, now)?;
    let kept_aside = match keep_aside(data_dir, now) {
        Ok(kept) => kept,
        Err(error) => {
            resume_billing(data_dir, paused);
            return Err(error);
        }
    };
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

/// Takes billing's lock in the current database (through billing's own functions), or fails
/// with `BillingRunning`. The owner, when taken; `None` when there is no database yet, or
/// one too damaged to open (nothing can be billing on it; restoring is then the remedy).
fn pause_billing(data_dir: &Path, now: DateTime<Utc>) -> anyhow::Result<Option<String>> {
    if !db_path(data_dir).exists() {
        return Ok(None);
    }
    let pool = match crate::db::open(data_dir) {
        Ok(pool) => pool,
        Err(error) if is_damaged(&error) => {
            eprintln!("the current database cannot be read ({error:#}); restoring over it");
            return Ok(None);
        }
        Err(error) => return Err(error.context("cannot open the current database")),
    };
    let mut conn = pool.get()?;
    match crate::billing::runs::pause(&mut conn, "restore", now)
        .map_err(|e| anyhow::anyhow!("cannot take the billing lock: {e:?}"))?
    {
        Ok(owner) => Ok(Some(owner)),
        Err((owner, until)) => Err(BillingRunning { owner, until }.into()),
    }
}

/// Gives billing's lock back after a restore that changed nothing.
fn resume_billing(data_dir: &Path, owner: Option<String>) {
    let Some(owner) = owner else { return };
    let resumed = crate::db::open(data_dir).and_then(|pool| {
        crate::billing::runs::resume(&mut *pool.get()?, &owner)
            .map_err(|e| anyhow::anyhow!("{e:?}"))
    });
    if let Err(error) = resumed {
        eprintln!("could not give the billing lock back ({error:#}); it lapses by itself");
    }
}

/// Whether opening failed because the file is not a sound database (as opposed to busy or
/// out of reach).
fn is_damaged(error: &anyhow::Error) -> bool {
    error.chain().any(|cause| {
        cause
            .downcast_ref::<rusqlite::Error>()
            .and_then(rusqlite::Error::sqlite_error_code)
            .is_some_and(|code| {
                matches!(
                    code,
                    rusqlite::ErrorCode::DatabaseCorrupt | rusqlite::ErrorCode::NotADatabase
                )
            })
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
    // Litestream's local state describes the database set aside; left in place, it would
    // ship the restored file as changes on top of the old one instead of starting afresh.
    let replica_state = data_dir.join(format!(".{DB_FILE}-litestream"));
    if replica_state.exists() {
        let to = data_dir.join(format!(".{base}-litestream"));
        std::fs::rename(&replica_state, &to)?;
        moved.push(to);
    }
    Ok(moved)
}
