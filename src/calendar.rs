//! Business days in the business time zone: the one place that turns a local date or wall-clock
//! time into an instant, so every page, filter, report and run agrees on when a day starts.
//!
//! **Local times that do not exist or exist twice.** In a zone with daylight saving time a
//! wall-clock time can fall in the spring-forward gap or in the fall-back fold:
//! - a time in a gap is moved forward past the gap, by the gap's length: it is read with the
//!   offset in force just before the gap (02:30 in a 02:00→03:00 gap is 03:30) — the
//!   convention of java.time and JavaScript's Temporal;
//! - an ambiguous time (in the fold) is the earlier of its two instants.
//!
//! So a day whose midnight is skipped (Chile, Cuba) starts at the first instant after the gap.

use chrono::{DateTime, Duration, NaiveDate, NaiveDateTime, NaiveTime, Offset, TimeZone, Utc};
use chrono_tz::Tz;

/// A wall-clock time in `tz` as an instant, by the gap/fold rule in the module doc.
pub fn local_to_utc(tz: Tz, local: NaiveDateTime) -> DateTime<Utc> {
    if let Some(t) = tz.from_local_datetime(&local).earliest() {
        return t.with_timezone(&Utc);
    }
    // In a gap. The offset a day earlier is the one in force just before the gap: no zone
    // changes its offset twice within a day.
    let before = tz
        .offset_from_utc_datetime(&(local - Duration::days(1)))
        .fix();
    Utc.from_utc_datetime(&(local - Duration::seconds(i64::from(before.local_minus_utc()))))
}

/// The first instant of a business day (midnight, or the first instant after a DST gap).
pub fn day_start(tz: Tz, day: NaiveDate) -> DateTime<Utc> {
    local_to_utc(tz, day.and_time(NaiveTime::MIN))
}

/// The business day an instant falls on.
pub fn business_day(tz: Tz, at: DateTime<Utc>) -> NaiveDate {
    at.with_timezone(&tz).date_naive()
}

/// The start of the business day `at` falls on ("today" on a worker's or manager's page).
pub fn start_of_day_containing(tz: Tz, at: DateTime<Utc>) -> DateTime<Utc> {
    day_start(tz, business_day(tz, at))
}

#[cfg(test)]
mod tests {
    use chrono::Timelike;
    use chrono_tz::America::Santiago;
    use chrono_tz::Europe::{Berlin, Moscow};

    use super::*;

    fn utc(y: i32, m: u32, d: u32, h: u32, min: u32) -> DateTime<Utc> {
        Utc.with_ymd_and_hms(y, m, d, h, min, 0).unwrap()
    }

    fn date(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    #[test]
    fn an_ordinary_day_starts_at_local_midnight() {
        assert_eq!(
            day_start(Moscow, date(2026, 12, 1)),
            utc(2026, 11, 30, 21, 0)
        );
    }

    #[test]
    fn a_day_whose_midnight_is_skipped_starts_after_the_gap() {
        // Chile springs forward at midnight (2024-09-08 00:00 → 01:00).
        assert!(
            Santiago
                .from_local_datetime(&date(2024, 9, 8).and_time(NaiveTime::MIN))
                .earliest()
                .is_none()
        );
        let start = day_start(Santiago, date(2024, 9, 8));
        assert_eq!(start, utc(2024, 9, 8, 4, 0));
        assert_eq!(start.with_timezone(&Santiago).hour(), 1);
    }

    #[test]
    fn gap_moves_forward_and_fold_takes_the_earlier() {
        let local = |h, min| date(2026, 3, 29).and_hms_opt(h, min, 0).unwrap();
        assert_eq!(local_to_utc(Berlin, local(2, 30)), utc(2026, 3, 29, 1, 30));
        let fold = date(2026, 10, 25).and_hms_opt(2, 30, 0).unwrap();
        assert_eq!(local_to_utc(Berlin, fold), utc(2026, 10, 25, 0, 30));
    }

    #[test]
    fn the_day_containing_an_instant_is_the_local_day() {
        // 00:30 in Moscow is still the previous day in UTC.
        let at = utc(2026, 11, 30, 21, 30);
        assert_eq!(business_day(Moscow, at), date(2026, 12, 1));
        assert_eq!(
            start_of_day_containing(Moscow, at),
            utc(2026, 11, 30, 21, 0)
        );
    }
}
