//! Online, consistent backups through SQLite's backup API, verified by `integrity_check`,
//! and the folder of scheduled copies: named by the time they were taken, so listing and
//! pruning need nothing but the folder.

use std::path::{Path, PathBuf};
use std::time::Duration;

use anyhow::{Context, bail};
use chrono::{DateTime, NaiveDateTime, Utc};
use rusqlite::{Connection, MAIN_DB, OpenFlags};

use super::db_path;

const PREFIX: &str = "whiskerworks-";
const SUFFIX: &str = ".db";
const STAMP: &str = "%Y%m%d-%H%M%S";

/// Copies the live database in `data_dir` to `dest` (which must not exist yet) while the
/// server keeps serving, then checks the copy.
pub fn backup(data_dir: &Path, dest: &Path) -> anyhow::Result<()> {
    if dest.exists() {
        bail!("{} already exists; choose a new file name", dest.display());
    }
    let source_path = db_path(data_dir);
    if !source_path.exists() {
        bail!("no database at {}", source_path.display());
    }
    let source = Connection::open_with_flags(&source_path, OpenFlags::SQLITE_OPEN_READ_ONLY)?;
    source.busy_timeout(Duration::from_secs(10))?;
    source
        .backup(MAIN_DB, dest, None)
        .with_context(|| format!("backup to {} failed", dest.display()))?;
    let copy = Connection::open(dest)?;
    // The copy is a standalone file: no WAL to carry around.
    copy.pragma_update(None, "journal_mode", "DELETE")?;
    let result: String = copy.query_row("PRAGMA integrity_check", [], |r| r.get(0))?;
    if result != "ok" {
        bail!("the copy failed integrity_check: {result}");
    }
    Ok(())
}

/// One scheduled backup in the folder.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BackupFile {
    pub name: String,
    pub path: PathBuf,
    pub size_bytes: u64,
    pub taken_at: DateTime<Utc>,
}

fn file_name(at: DateTime<Utc>) -> String {
    format!("{PREFIX}{}{SUFFIX}", at.format(STAMP))
}

fn taken_at(name: &str) -> Option<DateTime<Utc>> {
    let stamp = name.strip_prefix(PREFIX)?.strip_suffix(SUFFIX)?;
    Some(NaiveDateTime::parse_from_str(stamp, STAMP).ok()?.and_utc())
}

/// The scheduled backups in `dir`, newest first; none when the folder does not exist.
pub fn list(dir: &Path) -> std::io::Result<Vec<BackupFile>> {
    let entries = match std::fs::read_dir(dir) {
        Ok(entries) => entries,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Vec::new()),
        Err(e) => return Err(e),
    };
    let mut backups = Vec::new();
    for entry in entries {
        let entry = entry?;
        let name = entry.file_name().to_string_lossy().into_owned();
        let Some(at) = taken_at(&name) else {
            continue; // not ours (or a copy still being written: `.partial`)
        };
        backups.push(BackupFile {
            size_bytes: entry.metadata()?.len(),
            path: entry.path(),
            name,
            taken_at: at,
        });
    }
    backups.sort_by_key(|b| std::cmp::Reverse(b.taken_at));
    Ok(backups)
}

/// Copies the live database into `dir` under a name of its time, verified before it gets
/// that name (a crash midway leaves only a `.partial` file, never a listed backup).
pub fn take(data_dir: &Path, dir: &Path, now: DateTime<Utc>) -> anyhow::Result<BackupFile> {
    std::fs::create_dir_all(dir)?;
    let name = file_name(now);
    let path = dir.join(&name);
    let partial = dir.join(format!("{name}.partial"));
    if partial.exists() {
        std::fs::remove_file(&partial)?;
    }
    backup(data_dir, &partial)?;
    std::fs::rename(&partial, &path)?;
    Ok(BackupFile {
        size_bytes: std::fs::metadata(&path)?.len(),
        path,
        name,
        taken_at: now,
    })
}

/// Deletes all but the newest `keep` backups; how many went.
pub fn prune(dir: &Path, keep: usize) -> std::io::Result<usize> {
    let old = list(dir)?.into_iter().skip(keep).collect::<Vec<_>>();
    for backup in &old {
        std::fs::remove_file(&backup.path)?;
    }
    Ok(old.len())
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    #[test]
    fn names_carry_the_time_they_were_taken() {
        let at = Utc.with_ymd_and_hms(2026, 3, 2, 9, 5, 7).unwrap();
        assert_eq!(file_name(at), "whiskerworks-20260302-090507.db");
        assert_eq!(taken_at(&file_name(at)), Some(at));
        assert_eq!(taken_at("whiskerworks-20260302-090507.db.partial"), None);
        assert_eq!(taken_at("notes.txt"), None);
    }
}
