//! Operations settings: how long a stopping server may take, and the scheduled backups.

use std::path::{Path, PathBuf};
use std::time::Duration;

use super::raw::RawSettings;
use super::{SettingsError, invalid};

#[derive(Debug, Clone)]
pub struct OperationsRules {
    /// After SIGTERM/SIGINT: requests in flight and jobs get this long to finish; then the
    /// process exits anyway.
    pub shutdown_grace: Duration,
    /// How often `serve` takes a backup by itself; `None` (0 hours) turns that off.
    pub backup_every: Option<chrono::Duration>,
    /// Where scheduled backups go (default: `backups/` in the data folder).
    pub backup_dir: PathBuf,
    /// How many scheduled backups are kept; older ones are deleted.
    pub backup_keep: usize,
}

pub(super) fn operations_rules(
    raw: &RawSettings,
    data_dir: &Path,
) -> Result<OperationsRules, SettingsError> {
    if !(1..=600).contains(&raw.shutdown_grace_seconds) {
        return Err(invalid(
            "shutdown_grace_seconds",
            "must be between 1 and 600",
        ));
    }
    if raw.backup_every_hours > 24 * 31 {
        return Err(invalid(
            "backup_every_hours",
            "must be between 0 (off) and 744",
        ));
    }
    if !(1..=1000).contains(&raw.backup_keep) {
        return Err(invalid("backup_keep", "must be between 1 and 1000"));
    }
    let backup_dir = match raw.backup_dir.as_deref().map(str::trim) {
        None | Some("") => data_dir.join("backups"),
        Some(dir) => PathBuf::from(dir),
    };
    Ok(OperationsRules {
        shutdown_grace: Duration::from_secs(raw.shutdown_grace_seconds),
        backup_every: (raw.backup_every_hours > 0)
            .then(|| chrono::Duration::hours(i64::from(raw.backup_every_hours))),
        backup_dir,
        backup_keep: raw.backup_keep as usize,
    })
}
