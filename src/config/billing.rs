//! Billing settings: the Golden Hat payment gateway.

use super::raw::RawSettings;
use super::{SettingsError, invalid};

#[derive(Debug, Clone)]
pub struct BillingRules {
    /// The Golden Hat gateway's base URL; none means the built-in simulator, which keeps
    /// its memory in a journal file in the data folder.
    pub golden_hat_url: Option<String>,
    pub golden_hat_timeout: std::time::Duration,
}

pub(super) fn billing_rules(raw: &RawSettings) -> Result<BillingRules, SettingsError> {
    let url = raw
        .golden_hat_url
        .as_deref()
        .map(str::trim)
        .filter(|u| !u.is_empty());
    if let Some(url) = url
        && !(url.starts_with("http://") || url.starts_with("https://"))
    {
        return Err(invalid(
            "golden_hat_url",
            "must start with http:// or https://",
        ));
    }
    if !(100..=60_000).contains(&raw.golden_hat_timeout_ms) {
        return Err(invalid(
            "golden_hat_timeout_ms",
            "must be between 100 and 60000",
        ));
    }
    Ok(BillingRules {
        golden_hat_url: url.map(str::to_string),
        golden_hat_timeout: std::time::Duration::from_millis(raw.golden_hat_timeout_ms),
    })
}
