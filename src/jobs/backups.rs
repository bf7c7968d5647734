//! Scheduled backups: every `backup_every_hours` the jobs take a verified copy into the backup
//! folder (see `db::backup`), keep the newest `backup_keep`, and tell the admins when a
//! backup fails.

use chrono::{DateTime, Utc};

use super::Runner;
use crate::db::backup::{BackupFile, list, prune, take};
use crate::db::write_tx;
use crate::identity::Role;
use crate::notify::model::Kind;
use crate::notify::service::{Message, notify_role};
use crate::state::AppState;

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

/// Takes a backup when one is due (the newest is older than the schedule), prunes the
/// folder to `backup_keep`, and tells the admins about a failure — at most once per
/// schedule interval (and at least an hour apart), so a full disk does not flood them.
/// Blocking.
pub fn run_due(runner: &Runner) -> anyhow::Result<Scheduled> {
    let state = &runner.state;
    let ops = &state.settings().operations;
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
    if runner
        .backup_failed_at()
        .is_some_and(|at| now - at < retry_after)
    {
        return Ok(Scheduled::NotDue);
    }
    match take(&state.settings().data_dir, &ops.backup_dir, now) {
        Ok(backup) => {
            let pruned = prune(&ops.backup_dir, ops.backup_keep)?;
            tracing::info!(file = %backup.name, size_bytes = backup.size_bytes, pruned, "scheduled backup taken");
            runner.set_backup_failed_at(None);
            Ok(Scheduled::Taken { backup, pruned })
        }
        Err(error) => {
            let error = format!("{error:#}");
            tracing::error!(%error, dir = %ops.backup_dir.display(), "scheduled backup failed");
            runner.set_backup_failed_at(Some(now));
            tell_admins(state, now, &error)?;
            Ok(Scheduled::Failed(error))
        }
    }
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
                .settings()
                .operations
                .backup_dir
                .display()
                .to_string()
                .as_str(),
        )
        .link("/admin");
    let mut conn = state.pool.get()?;
    write_tx(&mut conn, |tx| {
        notify_role(tx, &state.settings(), now, Role::Admin, &msg)
    })?;
    Ok(())
}
