//! Order settings: working hours, how far ahead and how late orders may be placed, and the
//! cancellation fee.

use chrono::{DateTime, NaiveTime, Utc};

use super::raw::RawSettings;
use super::{SettingsError, invalid};

#[derive(Debug, Clone)]
pub struct OrderRules {
    /// Working hours in the business time zone: a job must start and end inside them.
    pub opens_at: NaiveTime,
    pub closes_at: NaiveTime,
    pub min_lead_minutes: i64,
    pub max_days_ahead: i64,
    pub cancellation_fee_percent: i64,
    pub offer_expiry_minutes: i64,
    /// How long before its slot a job may be started.
    pub start_window_minutes: i64,
    /// A report sent this soon after the start asks the worker to confirm the job is done.
    pub quick_report_minutes: i64,
    /// A worker withdrawing from a job this close to its slot puts the slot at risk: the
    /// client is told and quality control reviews the withdrawal.
    pub withdraw_late_hours: i64,
    /// An order still without a worker this close to its slot joins the managers' unplaced
    /// queue (as does every order matching gave up on).
    pub unplaced_hours: i64,
    /// A visit of a series becomes an ordinary order this many days before its date (at most
    /// `max_days_ahead`: read it through `series_lead_days`).
    pub series_days_ahead: i64,
    /// The client and the worker are reminded of a visit this many hours before it.
    pub reminder_hours: i64,
    /// Moving an assigned order this close to its slot is charged the cancellation fee.
    pub cancellation_window_hours: i64,
}

impl OrderRules {
    /// How many days before its date a series visit is placed as an order.
    pub fn series_lead_days(&self) -> i64 {
        self.series_days_ahead.min(self.max_days_ahead)
    }

    /// When the reminder of a visit at `scheduled_at` goes out, or `None` when its slot was
    /// set (placed or moved) at `slot_set_at`, already inside the reminder window.
    pub fn reminder_at(
        &self,
        scheduled_at: DateTime<Utc>,
        slot_set_at: DateTime<Utc>,
    ) -> Option<DateTime<Utc>> {
        let at = scheduled_at - chrono::Duration::hours(self.reminder_hours);
        (slot_set_at < at).then_some(at)
    }

    /// Whether moving an assigned order at `now` is late enough to be charged the
    /// cancellation fee.
    pub fn move_is_late(&self, scheduled_at: DateTime<Utc>, now: DateTime<Utc>) -> bool {
        now >= scheduled_at - chrono::Duration::hours(self.cancellation_window_hours)
    }
}

pub(super) fn order_rules(raw: &RawSettings) -> Result<OrderRules, SettingsError> {
    let time = |name: &str, v: &str| {
        NaiveTime::parse_from_str(v, "%H:%M")
            .map_err(|_| invalid(name, "must be a time like 08:00"))
    };
    let mut orders = OrderRules {
        opens_at: time("working_hours_start", &raw.working_hours_start)?,
        closes_at: time("working_hours_end", &raw.working_hours_end)?,
        min_lead_minutes: raw.min_lead_minutes,
        max_days_ahead: raw.max_days_ahead,
        cancellation_fee_percent: raw.cancellation_fee_percent,
        offer_expiry_minutes: raw.offer_expiry_minutes,
        start_window_minutes: raw.start_window_minutes,
        quick_report_minutes: raw.quick_report_minutes,
        withdraw_late_hours: raw.withdraw_late_hours,
        unplaced_hours: raw.unplaced_hours,
        series_days_ahead: raw.series_days_ahead,
        reminder_hours: raw.reminder_hours,
        cancellation_window_hours: raw.cancellation_window_hours,
    };
    if orders.opens_at >= orders.closes_at {
        return Err(invalid(
            "working_hours_end",
            "must be later than working_hours_start",
        ));
    }
    if !(0..=7 * 24 * 60).contains(&orders.min_lead_minutes) {
        return Err(invalid(
            "min_lead_minutes",
            "must be between 0 and one week",
        ));
    }
    if !(1..=366).contains(&orders.max_days_ahead) {
        return Err(invalid("max_days_ahead", "must be between 1 and 366"));
    }
    if !(0..=100).contains(&orders.cancellation_fee_percent) {
        return Err(invalid(
            "cancellation_fee_percent",
            "must be between 0 and 100",
        ));
    }
    if !(0..=24 * 60).contains(&orders.start_window_minutes) {
        return Err(invalid(
            "start_window_minutes",
            "must be between 0 and 1440",
        ));
    }
    if !(0..=24 * 60).contains(&orders.quick_report_minutes) {
        return Err(invalid(
            "quick_report_minutes",
            "must be between 0 and 1440",
        ));
    }
    if !(0..=24 * 14).contains(&orders.withdraw_late_hours) {
        return Err(invalid("withdraw_late_hours", "must be between 0 and 336"));
    }
    if !(0..=24 * 14).contains(&orders.unplaced_hours) {
        return Err(invalid("unplaced_hours", "must be between 0 and 336"));
    }
    // Never further ahead than a client may book (a lower `max_days_ahead` set in the app
    // wins rather than refusing the save).
    if !(1..=366).contains(&orders.series_days_ahead) {
        return Err(invalid("series_days_ahead", "must be between 1 and 366"));
    }
    if !(1..=24 * 7).contains(&orders.reminder_hours) {
        return Err(invalid("reminder_hours", "must be between 1 and 168"));
    }
    if !(0..=24 * 14).contains(&orders.cancellation_window_hours) {
        return Err(invalid(
            "cancellation_window_hours",
            "must be between 0 and 336",
        ));
    }
    orders.offer_expiry_minutes = super::matching::offer_expiry_minutes(raw)?;
    Ok(orders)
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    fn rules() -> OrderRules {
        order_rules(&RawSettings::default()).unwrap()
    }

    #[test]
    fn a_reminder_is_due_a_window_before_unless_the_slot_was_set_inside_it() {
        let r = rules();
        let slot = Utc.with_ymd_and_hms(2026, 5, 10, 9, 0, 0).unwrap();
        let early = Utc.with_ymd_and_hms(2026, 5, 1, 12, 0, 0).unwrap();
        assert_eq!(
            r.reminder_at(slot, early),
            Some(Utc.with_ymd_and_hms(2026, 5, 9, 9, 0, 0).unwrap())
        );
        let late = Utc.with_ymd_and_hms(2026, 5, 9, 9, 0, 0).unwrap();
        assert_eq!(r.reminder_at(slot, late), None);
    }

    #[test]
    fn a_move_inside_the_cancellation_window_is_late() {
        let r = rules();
        let slot = Utc.with_ymd_and_hms(2026, 5, 10, 9, 0, 0).unwrap();
        assert!(!r.move_is_late(slot, Utc.with_ymd_and_hms(2026, 5, 9, 8, 59, 0).unwrap()));
        assert!(r.move_is_late(slot, Utc.with_ymd_and_hms(2026, 5, 9, 9, 0, 0).unwrap()));
    }

    #[test]
    fn series_visits_are_never_placed_further_ahead_than_a_client_may_book() {
        let mut r = rules();
        assert_eq!(r.series_lead_days(), 14);
        r.max_days_ahead = 7;
        assert_eq!(r.series_lead_days(), 7);
    }
}
