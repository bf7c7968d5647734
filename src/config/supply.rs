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
    /// Where workers collect their kits, the first being the default a kit is packed for;
    /// the stock is one whichever point a kit goes to.
    pub pickup_points: Vec<String>,
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
    let pickup_points = pickup_points(raw)?;
    Ok(SupplyRules {
        bakery_url: bakery_url.map(str::to_string),
        bakery_timeout: std::time::Duration::from_millis(raw.bakery_timeout_ms),
        bakery_max_attempts: raw.bakery_max_attempts,
        pickup_points,
    })
}

/// The old single `pickup_point`, when set, is the only point; otherwise `pickup_points`.
fn pickup_points(raw: &RawSettings) -> Result<Vec<String>, SettingsError> {
    let (name, given) = match &raw.pickup_point {
        Some(one) => ("pickup_point", vec![one.clone()]),
        None => ("pickup_points", raw.pickup_points.clone()),
    };
    let points: Vec<String> = given.iter().map(|p| p.trim().to_string()).collect();
    if points.is_empty() || points.len() > 20 {
        return Err(invalid(name, "must list 1 to 20 places"));
    }
    if points
        .iter()
        .any(|p| p.is_empty() || p.chars().count() > 200)
    {
        return Err(invalid(name, "each place must be 1 to 200 characters"));
    }
    if (1..points.len()).any(|i| points[..i].contains(&points[i])) {
        return Err(invalid(name, "each place must be listed once"));
    }
    Ok(points)
}
