//! Operations settings: how long a stopping server may take, the scheduled backups, the
//! metrics endpoint, the log format and whether Litestream replicates the database.

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
    /// The bearer token `/metrics` asks for; `None` keeps the endpoint off (404).
    pub metrics_token: Option<String>,
    pub log_format: LogFormat,
    /// Litestream replicates the database and owns its checkpoints: the app never copies the
    /// write-ahead log back itself, so Litestream sees every frame before it leaves the log.
    pub litestream: bool,
}

/// How log lines are written: for people, or one JSON object per line for log shippers.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LogFormat {
    Text,
    Json,
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
    let metrics_token = raw
        .metrics_token
        .as_deref()
        .map(str::trim)
        .filter(|t| !t.is_empty())
        .map(str::to_string);
    if metrics_token
        .as_ref()
        .is_some_and(|t| t.len() < 16 || t.len() > 200 || !t.chars().all(|c| c.is_ascii_graphic()))
    {
        return Err(invalid(
            "metrics_token",
            "must be 16 to 200 printable characters without spaces",
        ));
    }
    let log_format = match raw.log_format.as_str() {
        "text" => LogFormat::Text,
        "json" => LogFormat::Json,
        _ => return Err(invalid("log_format", "must be `text` or `json`")),
    };
    Ok(OperationsRules {
        metrics_token,
        log_format,
        litestream: raw.litestream,
        shutdown_grace: Duration::from_secs(raw.shutdown_grace_seconds),
        backup_every: (raw.backup_every_hours > 0)
            .then(|| chrono::Duration::hours(i64::from(raw.backup_every_hours))),
        backup_dir,
        backup_keep: raw.backup_keep as usize,
    })
}
