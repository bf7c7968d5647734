//! When an order may be scheduled: far enough ahead, not too far, on a 15-minute step, and
//! starting and ending inside working hours in the business time zone.

use chrono::{DateTime, Duration, NaiveDateTime, TimeZone, Utc};
use chrono_tz::Tz;

use crate::config::OrderRules;

pub const STEP_MINUTES: u32 = 15;

/// Checks a local start time; returns it in UTC or the Fluent id of the problem.
pub fn check(
    rules: &OrderRules,
    tz: Tz,
    now: DateTime<Utc>,
    local_start: NaiveDateTime,
    duration_minutes: i64,
) -> Result<DateTime<Utc>, &'static str> {
    use chrono::Timelike;
    if !local_start.minute().is_multiple_of(STEP_MINUTES) || local_start.second() != 0 {
        return Err("err-slot-step");
    }
    // A local time skipped or repeated by a DST change has no single meaning: refuse it.
    let start = tz
        .from_local_datetime(&local_start)
        .single()
        .ok_or("err-slot-invalid")?
        .with_timezone(&Utc);
    if start < now + Duration::minutes(rules.min_lead_minutes) {
        return Err("err-slot-too-soon");
    }
    if start > now + Duration::days(rules.max_days_ahead) {
        return Err("err-slot-too-far");
    }
    let local_end = local_start + Duration::minutes(duration_minutes);
    let inside = local_start.time() >= rules.opens_at
        && local_end.date() == local_start.date()
        && local_end.time() <= rules.closes_at;
    if !inside {
        return Err("err-slot-hours");
    }
    Ok(start)
}

/// A date and a time as the forms send them (`2026-03-02`, `10:00`), in the business's zone.
pub fn parse_local(date: &str, time: &str) -> Option<NaiveDateTime> {
    let d = chrono::NaiveDate::parse_from_str(date.trim(), "%Y-%m-%d").ok()?;
    let t = chrono::NaiveTime::parse_from_str(time.trim(), "%H:%M").ok()?;
    Some(d.and_time(t))
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::{NaiveDate, NaiveTime};

    fn rules() -> OrderRules {
        OrderRules {
            opens_at: NaiveTime::from_hms_opt(8, 0, 0).unwrap(),
            closes_at: NaiveTime::from_hms_opt(21, 0, 0).unwrap(),
            min_lead_minutes: 120,
            max_days_ahead: 60,
            cancellation_fee_percent: 10,
            offer_expiry_minutes: 30,
            start_window_minutes: 30,
            quick_report_minutes: 15,
            withdraw_late_hours: 24,
            unplaced_hours: 24,
            series_days_ahead: 14,
            reminder_hours: 24,
            cancellation_window_hours: 24,
        }
    }

    fn at(d: u32, h: u32, m: u32) -> NaiveDateTime {
        NaiveDate::from_ymd_opt(2026, 3, d)
            .unwrap()
            .and_hms_opt(h, m, 0)
            .unwrap()
    }

    // 2026-03-02 09:00 UTC is 12:00 in Moscow (UTC+3, no DST).
    fn now() -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2026, 3, 2, 9, 0, 0).unwrap()
    }

    const MSK: Tz = chrono_tz::Europe::Moscow;

    #[test]
    fn a_slot_two_hours_ahead_inside_hours_is_accepted_and_converted_to_utc() {
        let start = check(&rules(), MSK, now(), at(2, 14, 0), 120).unwrap();
        assert_eq!(start, Utc.with_ymd_and_hms(2026, 3, 2, 11, 0, 0).unwrap());
    }

    #[test]
    fn too_soon_or_in_the_past_is_refused() {
        assert_eq!(
            check(&rules(), MSK, now(), at(2, 13, 45), 60),
            Err("err-slot-too-soon")
        );
        assert_eq!(
            check(&rules(), MSK, now(), at(1, 10, 0), 60),
            Err("err-slot-too-soon")
        );
    }

    #[test]
    fn more_than_sixty_days_ahead_is_refused() {
        let far = NaiveDate::from_ymd_opt(2026, 5, 5)
            .unwrap()
            .and_hms_opt(10, 0, 0)
            .unwrap();
        assert_eq!(
            check(&rules(), MSK, now(), far, 60),
            Err("err-slot-too-far")
        );
    }

    #[test]
    fn the_job_must_start_and_end_within_working_hours() {
        assert_eq!(
            check(&rules(), MSK, now(), at(3, 7, 30), 60),
            Err("err-slot-hours")
        );
        assert_eq!(
            check(&rules(), MSK, now(), at(3, 20, 0), 90),
            Err("err-slot-hours")
        );
        assert!(check(&rules(), MSK, now(), at(3, 19, 30), 90).is_ok());
    }

    #[test]
    fn odd_minutes_are_refused() {
        assert_eq!(
            check(&rules(), MSK, now(), at(3, 10, 7), 60),
            Err("err-slot-step")
        );
    }

    #[test]
    fn a_local_time_skipped_by_dst_is_refused() {
        let berlin: Tz = chrono_tz::Europe::Berlin;
        let mut r = rules();
        r.opens_at = NaiveTime::from_hms_opt(0, 0, 0).unwrap();
        // 2026-03-29 02:30 does not exist in Berlin.
        let skipped = NaiveDate::from_ymd_opt(2026, 3, 29)
            .unwrap()
            .and_hms_opt(2, 30, 0)
            .unwrap();
        assert_eq!(
            check(&r, berlin, now(), skipped, 60),
            Err("err-slot-invalid")
        );
    }

    #[test]
    fn a_forms_date_and_time_read_as_a_local_moment_or_not_at_all() {
        assert_eq!(parse_local(" 2026-03-02 ", "10:00"), Some(at(2, 10, 0)));
        assert_eq!(parse_local("2026-03-02", "25:00"), None);
        assert_eq!(parse_local("02.03.2026", "10:00"), None);
        assert_eq!(parse_local("", ""), None);
    }
}
