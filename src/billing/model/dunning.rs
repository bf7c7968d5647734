//! The dunning schedule: when a declined weekly charge is retried, and when an unpaid
//! invoice stops its client from placing new orders. Pure rules; no I/O.
//!
//! A declined charge makes the invoice `past_due`; it is retried (with an email each time)
//! 1, 3 and 7 days after the *first* decline, so a decline on a retry does not push the
//! schedule back. A client whose invoice has been past due for strictly more than 7 days
//! cannot order until it is paid (they may pay with another card at any time).
//!
//! Days are exact 24-hour spans of real time, not calendar days in the business zone:
//! the schedule needs no time zone and a DST change neither shortens nor lengthens it.

use chrono::{DateTime, Duration, Utc};

/// Days after the first decline at which each retry is due.
pub const RETRY_DAYS: [i64; 3] = [1, 3, 7];

/// Past due for more than this many days blocks new orders.
pub const BLOCK_AFTER_DAYS: i64 = 7;

/// When retry number `retries_done + 1` is due, counted from the first decline; None after the last.
pub fn next_retry_at(first_declined_at: DateTime<Utc>, retries_done: u32) -> Option<DateTime<Utc>> {
    let index = usize::try_from(retries_done).ok()?;
    RETRY_DAYS
        .get(index)
        .map(|&days| first_declined_at + Duration::days(days))
}

/// True when an invoice past due since `first_declined_at` blocks new orders at `now` (strictly more than 7 days).
pub fn blocks_orders(first_declined_at: DateTime<Utc>, now: DateTime<Utc>) -> bool {
    now - first_declined_at > Duration::days(BLOCK_AFTER_DAYS)
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    fn declined() -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2026, 3, 1, 18, 0, 5).unwrap()
    }

    #[test]
    fn retries_fall_1_3_and_7_days_after_the_first_decline() {
        let first = declined();
        assert_eq!(
            next_retry_at(first, 0),
            Some(Utc.with_ymd_and_hms(2026, 3, 2, 18, 0, 5).unwrap())
        );
        assert_eq!(
            next_retry_at(first, 1),
            Some(Utc.with_ymd_and_hms(2026, 3, 4, 18, 0, 5).unwrap())
        );
        assert_eq!(
            next_retry_at(first, 2),
            Some(Utc.with_ymd_and_hms(2026, 3, 8, 18, 0, 5).unwrap())
        );
        assert_eq!(next_retry_at(first, 3), None, "after the last retry");
        assert_eq!(next_retry_at(first, u32::MAX), None);
    }

    #[test]
    fn retry_days_are_exact_24_hour_spans_across_month_ends() {
        let first = Utc.with_ymd_and_hms(2028, 2, 27, 23, 59, 59).unwrap();
        assert_eq!(
            next_retry_at(first, 2),
            Some(Utc.with_ymd_and_hms(2028, 3, 5, 23, 59, 59).unwrap())
        );
        for (done, days) in RETRY_DAYS.iter().enumerate() {
            let at = next_retry_at(first, u32::try_from(done).unwrap()).unwrap();
            assert_eq!((at - first).num_seconds(), days * 86_400);
        }
    }

    #[test]
    fn blocking_starts_strictly_after_7_days() {
        let first = declined();
        let seven_days = first + Duration::days(7);
        assert!(!blocks_orders(first, first));
        assert!(!blocks_orders(first, first + Duration::days(3)));
        assert!(!blocks_orders(first, seven_days - Duration::seconds(1)));
        assert!(!blocks_orders(first, seven_days), "exactly 7 days: not yet");
        assert!(blocks_orders(first, seven_days + Duration::seconds(1)));
        assert!(blocks_orders(first, first + Duration::days(30)));
        // A clock behind the decline never blocks.
        assert!(!blocks_orders(first, first - Duration::days(10)));
    }

    #[test]
    fn the_last_retry_comes_before_the_block() {
        // The 7-day retry happens at the very instant the block would otherwise start, so
        // a client whose card works at that retry is never blocked.
        let first = declined();
        let last = next_retry_at(first, 2).unwrap();
        assert!(!blocks_orders(first, last));
        assert_eq!(RETRY_DAYS[RETRY_DAYS.len() - 1], BLOCK_AFTER_DAYS);
    }
}
