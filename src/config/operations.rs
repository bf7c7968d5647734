//! Operations settings: how long a stopping server may take.

use std::time::Duration;

use super::raw::RawSettings;
use super::{SettingsError, invalid};

#[derive(Debug, Clone)]
pub struct OperationsRules {
    /// After SIGTERM/SIGINT: requests in flight and jobs get this long to finish; then the
    /// process exits anyway.
    pub shutdown_grace: Duration,
}

pub(super) fn operations_rules(raw: &RawSettings) -> Result<OperationsRules, SettingsError> {
    if !(1..=600).contains(&raw.shutdown_grace_seconds) {
        return Err(invalid(
            "shutdown_grace_seconds",
            "must be between 1 and 600",
        ));
    }
    Ok(OperationsRules {
        shutdown_grace: Duration::from_secs(raw.shutdown_grace_seconds),
    })
}
