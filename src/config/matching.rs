//! Matching settings read from the file and environment: how long an offer waits for the
//! worker. (Matching's strategy and weights live in the database, edited by admins.)

use super::raw::RawSettings;
use super::{SettingsError, invalid};

/// Minutes a worker has to accept an offer; kept on `OrderRules` (`settings.orders`), where
/// the order service reads it.
pub(super) fn offer_expiry_minutes(raw: &RawSettings) -> Result<i64, SettingsError> {
    if !(1..=24 * 60).contains(&raw.offer_expiry_minutes) {
        return Err(invalid(
            "offer_expiry_minutes",
            "must be between 1 and 1440",
        ));
    }
    Ok(raw.offer_expiry_minutes)
}
