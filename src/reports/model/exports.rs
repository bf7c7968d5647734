//! CSV exports of a period's orders, ledger entries, invoices and payouts, for managers:
//! RFC 4180 (quoted where needed, CRLF), a header row, times in the business time zone, money
//! in integer minor units. This file holds the format (pure); the queries are in
//! `store/exports.rs`, the streaming download in `handlers/exports.rs`. Bets have no ledger
//! postings and no column here: exports never show them.

use chrono::{DateTime, SecondsFormat, Utc};
use chrono_tz::Tz;

pub use crate::csv_out::{field, row};

pub const KINDS: [&str; 4] = ["orders", "ledger", "invoices", "payouts"];

/// A stored UTC time as RFC 3339 in the business time zone; other text as it is.
pub fn local_time(tz: Tz, stored: &str) -> String {
    match stored.parse::<DateTime<Utc>>() {
        Ok(at) => at
            .with_timezone(&tz)
            .to_rfc3339_opts(SecondsFormat::Secs, false),
        Err(_) => stored.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stored_times_are_written_in_the_business_zone() {
        assert_eq!(
            local_time(chrono_tz::Europe::Moscow, "2026-11-23 21:30:00+00:00"),
            "2026-11-24T00:30:00+03:00"
        );
        assert_eq!(
            local_time(chrono_tz::Europe::Moscow, "2026-W47"),
            "2026-W47"
        );
    }
}
