//! When a visit's reminder is decided, and when a decided-or-not reminder counts as missed.

use chrono::{DateTime, Duration, Utc};

use crate::config::OrderRules;

/// What the reminder pass does with one order's present slot.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Decision {
    /// Its time has not come (or the visit has begun): leave it.
    NotDue,
    /// The slot was set inside the window: record that there is none.
    Skip,
    /// Its time has come: record it and tell the client and the worker.
    Send,
}

/// The pass's rule at `now` for a slot at `scheduled_at` set at `slot_set_at`.
pub fn decide(
    rules: &OrderRules,
    scheduled_at: DateTime<Utc>,
    slot_set_at: DateTime<Utc>,
    now: DateTime<Utc>,
) -> Decision {
    if now >= scheduled_at {
        return Decision::NotDue;
    }
    match rules.reminder_at(scheduled_at, slot_set_at) {
        None => Decision::Skip,
        Some(at) if at <= now => Decision::Send,
        Some(_) => Decision::NotDue,
    }
}

/// How long after its time a reminder may still be on its way: one pass of the reconciler,
/// whatever drives it.
pub const ONE_PASS: Duration = Duration::minutes(1);

/// Whether a live slot's reminder was missed, as of `as_of` (the latest time the pass is known
/// to have run): it was due more than one pass before then and no reminder went out.
pub fn missed(
    rules: &OrderRules,
    (scheduled_at, slot_set_at): (DateTime<Utc>, DateTime<Utc>),
    sent: bool,
    as_of: DateTime<Utc>,
) -> bool {
    match rules.reminder_at(scheduled_at, slot_set_at) {
        Some(at) => !sent && at + ONE_PASS < as_of,
        None => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    fn rules() -> OrderRules {
        crate::config::Settings::defaults(std::path::Path::new("unused")).orders
    }

    fn at(day: u32, hour: u32) -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2026, 5, day, hour, 0, 0).unwrap()
    }

    #[test]
    fn a_reminder_goes_out_from_its_time_until_the_visit() {
        let (r, slot, placed) = (rules(), at(10, 9), at(1, 9));
        assert_eq!(decide(&r, slot, placed, at(9, 8)), Decision::NotDue);
        assert_eq!(decide(&r, slot, placed, at(9, 9)), Decision::Send);
        assert_eq!(decide(&r, slot, placed, at(10, 8)), Decision::Send);
        assert_eq!(decide(&r, slot, placed, at(10, 9)), Decision::NotDue);
    }

    #[test]
    fn a_slot_set_inside_the_window_is_skipped() {
        let r = rules();
        assert_eq!(decide(&r, at(10, 9), at(9, 12), at(9, 12)), Decision::Skip);
    }

    #[test]
    fn a_reminder_is_missed_only_once_a_pass_has_gone_by_without_it() {
        let (r, slot, placed) = (rules(), at(10, 9), at(1, 9));
        assert!(!missed(&r, (slot, placed), false, at(9, 9)));
        assert!(missed(&r, (slot, placed), false, at(9, 10)));
        assert!(!missed(&r, (slot, placed), true, at(9, 10)));
        assert!(!missed(&r, (slot, at(9, 12)), false, at(9, 20)), "skipped");
    }
}
