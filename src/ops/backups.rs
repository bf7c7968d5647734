//! Scheduled backups: every `backup_every_hours` the server takes a verified copy (SQLite's
//! online backup API, then `integrity_check`) into the backup folder, keeps the newest
//! `backup_keep`, and tells the admins when a backup fails. Copies are named by the time
//! they were taken, so listing and pruning need nothing but the folder.

use std::path::{Path, PathBuf};

use chrono::{DateTime, NaiveDateTime, Utc};

use crate::db::write_tx;
use crate::identity::Role;
use crate::notify::model::Kind;
use crate::notify::service::{Message, notify_role};
use crate::state::AppState;

const PREFIX: &str = "whiskerworks-";
const SUFFIX: &str = ".db";
const STAMP: &str = "%Y%m%d-%H%M%S";

/// One scheduled backup in the folder.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BackupFile {
    pub name: String,
    pub path: PathBuf,
    pub size_bytes: u64,
    pub taken_at: DateTime<Utc>,
}

/// What a scheduled pass did.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub enum Scheduled {
    /// Off, or the newest copy is recent enough (or a failure is being waited out).
    #[default]
    NotDue,
    Taken {
        backup: BackupFile,
        pruned: usize,
    },
    Failed(String),
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

/// Takes a backup when one is due (the newest is older than the schedule), prunes the
/// folder to `backup_keep`, and tells the admins about a failure — at most once per
/// schedule interval (and at least an hour apart), so a full disk does not flood them.
/// Blocking.
pub fn run_due(state: &AppState) -> anyhow::Result<Scheduled> {
    let ops = &state.settings.operations;
    let Some(every) = ops.backup_every else {
        return Ok(Scheduled::NotDue);
    };
    let now = state.clock.now();
    let newest = list(&ops.backup_dir)
        .ok()
        .and_then(|b| b.first().map(|b| b.taken_at));
    if newest.is_some_and(|at| now - at < every) {
        return Ok(Scheduled::NotDue);
    }
    let retry_after = every.min(chrono::Duration::hours(1));
    if state
        .backup_failed_at()
        .is_some_and(|at| now - at < retry_after)
    {
        return Ok(Scheduled::NotDue);
    }
    match take(&state.settings.data_dir, &ops.backup_dir, now) {
        Ok(backup) => {
            let pruned = prune(&ops.backup_dir, ops.backup_keep)?;
            tracing::info!(file = %backup.name, size_bytes = backup.size_bytes, pruned, "scheduled backup taken");
            state.set_backup_failed_at(None);
            Ok(Scheduled::Taken { backup, pruned })
        }
        Err(error) => {
            let error = format!("{error:#}");
            tracing::error!(%error, dir = %ops.backup_dir.display(), "scheduled backup failed");
            state.set_backup_failed_at(Some(now));
            tell_admins(state, now, &error)?;
            Ok(Scheduled::Failed(error))
        }
    }
}

/// Copies the live database into `dir` under a name of its time, verified before it gets
/// that name (a crash midway leaves only a `.partial` file, never a listed backup).
fn take(data_dir: &Path, dir: &Path, now: DateTime<Utc>) -> anyhow::Result<BackupFile> {
    std::fs::create_dir_all(dir)?;
    let name = file_name(now);
    let path = dir.join(&name);
    let partial = dir.join(format!("{name}.partial"));
    if partial.exists() {
        std::fs::remove_file(&partial)?;
    }
    super::backup::backup(data_dir, &partial)?;
    std::fs::rename(&partial, &path)?;
    Ok(BackupFile {
        size_bytes: std::fs::metadata(&path)?.len(),
        path,
        name,
        taken_at: now,
    })
}

/// Deletes all but the newest `keep` backups; how many went.
fn prune(dir: &Path, keep: usize) -> std::io::Result<usize> {
    let old = list(dir)?.into_iter().skip(keep).collect::<Vec<_>>();
    for backup in &old {
        std::fs::remove_file(&backup.path)?;
    }
    Ok(old.len())
}

fn tell_admins(state: &AppState, now: DateTime<Utc>, error: &str) -> anyhow::Result<()> {
    let msg = Message::new(Kind::BackupFailed)
        .arg("at", crate::i18n::Arg::Time(now))
        .arg(
            "error",
            error.chars().take(300).collect::<String>().as_str(),
        )
        .arg(
            "dir",
            state
                .settings
                .operations
                .backup_dir
                .display()
                .to_string()
                .as_str(),
        )
        .link("/admin");
    let mut conn = state.pool.get()?;
    write_tx(&mut conn, |tx| {
        notify_role(tx, &state.settings, now, Role::Admin, &msg)
    })?;
    Ok(())
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
