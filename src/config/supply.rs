//! Supply settings: the fortune bakery and where workers collect their kits.

use super::raw::RawSettings;
use super::{SettingsError, invalid};

#[derive(Debug, Clone)]
pub struct SupplyRules {
    /// The fortune bakery's base URL; none means the built-in simulator.
    pub bakery_url: Option<String>,
    pub bakery_timeout: std::time::Duration,
    /// Tries before a kit gets a cookie from the local fortune list instead.
    pub bakery_max_attempts: u32,
    /// Where workers collect their kits (shown in the "kit ready" notice).
    pub pickup_point: String,
}

pub(super) fn supply_rules(raw: &RawSettings) -> Result<SupplyRules, SettingsError> {
    let bakery_url = raw
        .bakery_url
        .as_deref()
        .map(str::trim)
        .filter(|u| !u.is_empty());
    if let Some(url) = bakery_url
        && !(url.starts_with("http://") || url.starts_with("https://"))
    {
        return Err(invalid("bakery_url", "must start with http:// or https://"));
    }
    if !(100..=60_000).contains(&raw.bakery_timeout_ms) {
        return Err(invalid(
            "bakery_timeout_ms",
            "must be between 100 and 60000",
        ));
    }
    if !(1..=20).contains(&raw.bakery_max_attempts) {
        return Err(invalid("bakery_max_attempts", "must be between 1 and 20"));
    }
    let pickup_point = raw.pickup_point.trim().to_string();
    if pickup_point.is_empty() || pickup_point.chars().count() > 200 {
        return Err(invalid("pickup_point", "must be 1 to 200 characters"));
    }
    Ok(SupplyRules {
        bakery_url: bakery_url.map(str::to_string),
        bakery_timeout: std::time::Duration::from_millis(raw.bakery_timeout_ms),
        bakery_max_attempts: raw.bakery_max_attempts,
        pickup_point,
    })
}
