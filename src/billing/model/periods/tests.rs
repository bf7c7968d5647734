//! Long because every period kind is tested across DST changes in several zones.
//! Unit tests of the periods rules.

use super::*;
use chrono::{TimeZone, Timelike};
use chrono_tz::{America::New_York, America::Santiago, Europe::Berlin, Europe::Moscow};

fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).unwrap()
}

fn utc(y: i32, m: u32, day: u32, h: u32, min: u32, s: u32) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(y, m, day, h, min, s).unwrap()
}

fn week(year: i32, week: u32) -> Period {
    Period::Week { year, week }
}

fn month(year: i32, month: u32) -> Period {
    Period::Month { year, month }
}

fn second() -> Duration {
    Duration::seconds(1)
}

// --- labels ---

#[test]
fn labels_round_trip() {
    assert_eq!(week(2026, 9).label(), "2026-W09");
    assert_eq!(week(2026, 53).label(), "2026-W53");
    assert_eq!(month(2026, 3).label(), "2026-03");
    assert_eq!(Period::Day(d(2026, 3, 2)).label(), "2026-03-02");
    for p in [week(2026, 9), week(2026, 53), week(2027, 1)] {
        assert_eq!(Period::parse_week(&p.label()), Some(p));
    }
    for p in [month(2026, 1), month(2026, 12), month(999, 7)] {
        assert_eq!(Period::parse_month(&p.label()), Some(p));
    }
    for p in [Period::Day(d(2026, 3, 2)), Period::Day(d(2028, 2, 29))] {
        assert_eq!(Period::parse_day(&p.label()), Some(p));
    }
}

#[test]
fn labels_have_one_spelling() {
    for bad in [
        "",
        "2026-W9",
        "2026-w09",
        "2026W09",
        "26-W09",
        "2026-W00",
        "2026-W54",
        "2025-W53",
        "2026-W+9",
        "2026-03",
        " 2026-W09",
    ] {
        assert_eq!(Period::parse_week(bad), None, "{bad:?}");
    }
    for bad in [
        "",
        "2026-3",
        "2026-00",
        "2026-13",
        "2026/03",
        "2026-03-01",
        "+202-03",
        "2026-W09",
    ] {
        assert_eq!(Period::parse_month(bad), None, "{bad:?}");
    }
    for bad in [
        "",
        "2026-3-2",
        "2026-03-2",
        "2026-02-29",
        "2026-13-01",
        "2026-03-02 ",
        "2026-03",
    ] {
        assert_eq!(Period::parse_day(bad), None, "{bad:?}");
    }
}

#[test]
fn run_kinds_round_trip() {
    for k in [RunKind::Weekly, RunKind::Monthly, RunKind::Daily] {
        assert_eq!(RunKind::parse(k.as_str()), Some(k));
    }
    assert_eq!(RunKind::parse("Weekly"), None);
    assert_eq!(RunKind::parse(""), None);
    assert_eq!(week(2026, 1).kind(), RunKind::Weekly);
    assert_eq!(month(2026, 1).kind(), RunKind::Monthly);
    assert_eq!(Period::Day(d(2026, 1, 1)).kind(), RunKind::Daily);
}

// --- ISO weeks ---

#[test]
fn week_one_contains_january_4th() {
    for year in 2015..2035 {
        let at = local_to_utc(Moscow, d(year, 1, 4).and_hms_opt(12, 0, 0).unwrap());
        assert_eq!(
            period_containing(RunKind::Weekly, Moscow, at),
            week(year, 1),
            "{year}"
        );
        assert_eq!(week(year, 1).first_day().weekday(), Weekday::Mon);
        assert!(week(year, 1).first_day() <= d(year, 1, 4));
        assert!(week(year, 1).last_day() >= d(year, 1, 4));
    }
}

#[test]
fn iso_weeks_across_year_ends() {
    // 2026 starts on a Thursday: it has 53 ISO weeks; 2025 has 52.
    assert_eq!(d(2026, 12, 31).iso_week().week(), 53);
    assert!(Period::parse_week("2026-W53").is_some());
    assert!(Period::parse_week("2025-W53").is_none());
    assert_eq!(week(2026, 1).first_day(), d(2025, 12, 29));
    assert_eq!(week(2026, 53).first_day(), d(2026, 12, 28));
    assert_eq!(week(2026, 53).last_day(), d(2027, 1, 3));
    assert_eq!(week(2026, 9).first_day(), d(2026, 2, 23));
    assert_eq!(week(2026, 9).last_day(), d(2026, 3, 1));
    assert_eq!(week(2026, 53).next(), week(2027, 1));
    assert_eq!(week(2027, 1).prev(), week(2026, 53));
    assert_eq!(week(2026, 1).prev(), week(2025, 52));
    assert_eq!(week(2025, 52).next(), week(2026, 1));
    assert_eq!(week(2020, 53).next(), week(2021, 1));
    assert_eq!(week(2026, 9).next(), week(2026, 10));
    // Dates near the turn of the year belong to the ISO year, not the calendar year.
    let containing = |day: NaiveDate| {
        let at = local_to_utc(Moscow, day.and_hms_opt(12, 0, 0).unwrap());
        period_containing(RunKind::Weekly, Moscow, at)
    };
    assert_eq!(containing(d(2025, 12, 29)), week(2026, 1));
    assert_eq!(containing(d(2025, 12, 28)), week(2025, 52));
    assert_eq!(containing(d(2027, 1, 3)), week(2026, 53));
    assert_eq!(containing(d(2027, 1, 4)), week(2027, 1));
    assert_eq!(containing(d(2021, 1, 3)), week(2020, 53));
}

#[test]
fn next_and_prev_are_inverse_and_contiguous() {
    let starts = [
        week(2019, 50),
        month(2019, 10),
        Period::Day(d(2019, 12, 20)),
    ];
    for start in starts {
        let mut p = start;
        for _ in 0..400 {
            let n = p.next();
            assert!(n > p);
            assert_eq!(n.prev(), p);
            assert_eq!(n.first_day(), p.last_day() + Duration::days(1), "{p:?}");
            assert_eq!(n.kind(), p.kind());
            p = n;
        }
    }
}

// --- months and days ---

#[test]
fn month_ends() {
    assert_eq!(month(2026, 2).last_day(), d(2026, 2, 28));
    assert_eq!(month(2028, 2).last_day(), d(2028, 2, 29));
    assert_eq!(month(2100, 2).last_day(), d(2100, 2, 28));
    assert_eq!(month(2000, 2).last_day(), d(2000, 2, 29));
    assert_eq!(month(2026, 4).last_day(), d(2026, 4, 30));
    assert_eq!(month(2026, 1).last_day(), d(2026, 1, 31));
    assert_eq!(month(2026, 12).first_day(), d(2026, 12, 1));
    assert_eq!(month(2026, 12).last_day(), d(2026, 12, 31));
    assert_eq!(month(2026, 12).next(), month(2027, 1));
    assert_eq!(month(2027, 1).prev(), month(2026, 12));
    assert_eq!(month(2026, 3).prev(), month(2026, 2));
    assert_eq!(
        Period::Day(d(2026, 12, 31)).next(),
        Period::Day(d(2027, 1, 1))
    );
    assert_eq!(
        Period::Day(d(2028, 2, 28)).next(),
        Period::Day(d(2028, 2, 29))
    );
    assert_eq!(
        Period::Day(d(2028, 3, 1)).prev(),
        Period::Day(d(2028, 2, 29))
    );
    let day = Period::Day(d(2026, 3, 2));
    assert_eq!(
        (day.first_day(), day.last_day()),
        (d(2026, 3, 2), d(2026, 3, 2))
    );
}

// --- cutoffs in Moscow (UTC+3, no DST) ---

#[test]
fn moscow_cutoffs() {
    assert_eq!(week(2026, 9).cutoff(Moscow), utc(2026, 3, 1, 18, 0, 0));
    assert_eq!(month(2026, 2).cutoff(Moscow), utc(2026, 2, 28, 19, 0, 0));
    assert_eq!(month(2028, 2).cutoff(Moscow), utc(2028, 2, 29, 19, 0, 0));
    assert_eq!(month(2026, 4).cutoff(Moscow), utc(2026, 4, 30, 19, 0, 0));
    assert_eq!(month(2026, 12).cutoff(Moscow), utc(2026, 12, 31, 19, 0, 0));
    assert_eq!(
        Period::Day(d(2026, 3, 2)).cutoff(Moscow),
        utc(2026, 3, 2, 20, 55, 0)
    );
}

#[test]
fn the_cutoff_instant_itself_belongs_to_the_run() {
    let cutoff = week(2026, 9).cutoff(Moscow); // Sunday 2026-03-01 21:00:00 MSK
    let at_cutoff = cutoff;
    let just_after = cutoff + second();
    assert!(
        at_cutoff <= week(2026, 9).cutoff(Moscow),
        "21:00:00 is in W09's run"
    );
    assert!(just_after > week(2026, 9).cutoff(Moscow), "21:00:01 is not");
    assert!(
        just_after <= week(2026, 10).cutoff(Moscow),
        "21:00:01 waits for W10's"
    );
    // Both are still in calendar week 9 (Sunday evening).
    assert_eq!(
        period_containing(RunKind::Weekly, Moscow, just_after),
        week(2026, 9)
    );
    // The run for W09 is due at 21:00:00, not a second earlier.
    assert_eq!(latest_due(RunKind::Weekly, Moscow, cutoff), week(2026, 9));
    assert_eq!(
        latest_due(RunKind::Weekly, Moscow, cutoff - second()),
        week(2026, 8)
    );
    assert_eq!(
        latest_due(RunKind::Weekly, Moscow, cutoff + second()),
        week(2026, 9)
    );
}

#[test]
fn latest_due_for_months_and_days() {
    let feb = month(2026, 2).cutoff(Moscow);
    assert_eq!(latest_due(RunKind::Monthly, Moscow, feb), month(2026, 2));
    assert_eq!(
        latest_due(RunKind::Monthly, Moscow, feb - second()),
        month(2026, 1)
    );
    // March 15th: February is the newest month whose payout is due.
    assert_eq!(
        latest_due(RunKind::Monthly, Moscow, utc(2026, 3, 15, 9, 0, 0)),
        month(2026, 2)
    );
    // 23:54 MSK: yesterday's snapshot; 23:55: today's; 00:10 next day: still that one.
    let day = Period::Day(d(2026, 3, 2));
    assert_eq!(
        latest_due(RunKind::Daily, Moscow, utc(2026, 3, 2, 20, 54, 0)),
        Period::Day(d(2026, 3, 1))
    );
    assert_eq!(
        latest_due(RunKind::Daily, Moscow, utc(2026, 3, 2, 20, 55, 0)),
        day
    );
    assert_eq!(
        latest_due(RunKind::Daily, Moscow, utc(2026, 3, 2, 21, 10, 0)),
        day
    );
    // Year end.
    assert_eq!(
        latest_due(RunKind::Monthly, Moscow, utc(2027, 1, 10, 0, 0, 0)),
        month(2026, 12)
    );
    assert_eq!(
        latest_due(RunKind::Weekly, Moscow, utc(2027, 1, 5, 0, 0, 0)),
        week(2026, 53)
    );
}

#[test]
fn period_containing_uses_the_local_date() {
    // 20:59:59 UTC is 23:59:59 MSK on Sunday 1 March; a second later it is Monday.
    let sunday_night = utc(2026, 3, 1, 20, 59, 59);
    let monday = sunday_night + second();
    assert_eq!(
        period_containing(RunKind::Weekly, Moscow, sunday_night),
        week(2026, 9)
    );
    assert_eq!(
        period_containing(RunKind::Weekly, Moscow, monday),
        week(2026, 10)
    );
    assert_eq!(
        period_containing(RunKind::Daily, Moscow, monday),
        Period::Day(d(2026, 3, 2))
    );
    assert_eq!(
        period_containing(RunKind::Monthly, Moscow, utc(2026, 2, 28, 21, 0, 0)),
        month(2026, 3)
    );
    assert_eq!(
        period_containing(RunKind::Monthly, Moscow, utc(2026, 2, 28, 20, 59, 59)),
        month(2026, 2)
    );
}

#[test]
fn moscow_bounds() {
    assert_eq!(
        month(2026, 3).bounds(Moscow),
        (utc(2026, 2, 28, 21, 0, 0), utc(2026, 3, 31, 21, 0, 0))
    );
    assert_eq!(
        week(2026, 9).bounds(Moscow),
        (utc(2026, 2, 22, 21, 0, 0), utc(2026, 3, 1, 21, 0, 0))
    );
    assert_eq!(
        Period::Day(d(2026, 12, 31)).bounds(Moscow),
        (utc(2026, 12, 30, 21, 0, 0), utc(2026, 12, 31, 21, 0, 0))
    );
}

#[test]
fn bounds_tile_time_and_hold_the_cutoff() {
    for tz in [Moscow, Berlin, New_York, Santiago] {
        for start in [week(2023, 1), month(2023, 1), Period::Day(d(2023, 1, 1))] {
            let mut p = start;
            while p.first_day() < d(2025, 1, 1) {
                let (from, to) = p.bounds(tz);
                assert!(from < to);
                assert!(from < p.cutoff(tz) && p.cutoff(tz) < to, "{tz} {p:?}");
                assert_eq!(to, p.next().bounds(tz).0, "{tz} {p:?}");
                assert_eq!(period_containing(p.kind(), tz, from), p, "{tz} {p:?}");
                assert_eq!(period_containing(p.kind(), tz, to - second()), p);
                assert_eq!(period_containing(p.kind(), tz, p.cutoff(tz)), p);
                assert_eq!(latest_due(p.kind(), tz, p.cutoff(tz)), p);
                assert_eq!(latest_due(p.kind(), tz, p.cutoff(tz) - second()), p.prev());
                p = p.next();
            }
        }
    }
}

// --- a DST zone ---

#[test]
fn berlin_cutoffs_stay_at_21_local_across_dst() {
    // Spring forward: Sunday 2026-03-29 02:00 CET → 03:00 CEST, in week 13.
    assert_eq!(
        week(2026, 12).cutoff(Berlin),
        utc(2026, 3, 22, 20, 0, 0),
        "CET"
    );
    assert_eq!(
        week(2026, 13).cutoff(Berlin),
        utc(2026, 3, 29, 19, 0, 0),
        "CEST"
    );
    // Fall back: Sunday 2026-10-25 03:00 CEST → 02:00 CET, in week 43.
    assert_eq!(
        week(2026, 42).cutoff(Berlin),
        utc(2026, 10, 18, 19, 0, 0),
        "CEST"
    );
    assert_eq!(
        week(2026, 43).cutoff(Berlin),
        utc(2026, 10, 25, 20, 0, 0),
        "CET"
    );
    for p in [
        week(2026, 12),
        week(2026, 13),
        week(2026, 42),
        week(2026, 43),
    ] {
        let local = p.cutoff(Berlin).with_timezone(&Berlin);
        assert_eq!((local.hour(), local.minute()), (21, 0), "{p:?}");
        assert_eq!(local.weekday(), Weekday::Sun);
    }
    // The weeks holding a transition are an hour shorter / longer in real time.
    let hours = |p: Period| {
        let (from, to) = p.bounds(Berlin);
        (to - from).num_hours()
    };
    assert_eq!(hours(week(2026, 13)), 167);
    assert_eq!(hours(week(2026, 43)), 169);
    assert_eq!(hours(week(2026, 20)), 168);
    assert_eq!(
        week(2026, 13).bounds(Berlin),
        (utc(2026, 3, 22, 23, 0, 0), utc(2026, 3, 29, 22, 0, 0))
    );
    // Month and day runs too.
    assert_eq!(month(2026, 3).cutoff(Berlin), utc(2026, 3, 31, 20, 0, 0));
    assert_eq!(month(2026, 10).cutoff(Berlin), utc(2026, 10, 31, 21, 0, 0));
    assert_eq!(
        Period::Day(d(2026, 3, 29)).cutoff(Berlin),
        utc(2026, 3, 29, 21, 55, 0)
    );
}

#[test]
fn new_york_cutoffs_fall_on_monday_utc() {
    // DST starts Sunday 2026-03-08 and ends Sunday 2026-11-01.
    let spring = week(2026, 10);
    assert_eq!(spring.last_day(), d(2026, 3, 8));
    assert_eq!(
        spring.cutoff(New_York),
        utc(2026, 3, 9, 1, 0, 0),
        "21:00 EDT"
    );
    assert_eq!(
        week(2026, 9).cutoff(New_York),
        utc(2026, 3, 2, 2, 0, 0),
        "21:00 EST"
    );
    let fall = week(2026, 44);
    assert_eq!(fall.last_day(), d(2026, 11, 1));
    assert_eq!(
        fall.cutoff(New_York),
        utc(2026, 11, 2, 2, 0, 0),
        "21:00 EST"
    );
    // The cutoff is Monday in UTC but Sunday locally: still week 10.
    assert_eq!(
        period_containing(RunKind::Weekly, New_York, spring.cutoff(New_York)),
        spring
    );
    assert_eq!(
        latest_due(RunKind::Weekly, New_York, spring.cutoff(New_York)),
        spring
    );
    assert_eq!(
        Period::Day(d(2026, 3, 8)).cutoff(New_York),
        utc(2026, 3, 9, 3, 55, 0)
    );
}

#[test]
fn gap_moves_forward_and_fold_takes_the_earlier() {
    let local = |y, m, day, h, min| d(y, m, day).and_hms_opt(h, min, 0).unwrap();
    // 02:30 does not exist on 2026-03-29 in Berlin: it becomes 03:30 CEST.
    let gap = local_to_utc(Berlin, local(2026, 3, 29, 2, 30));
    assert_eq!(gap, utc(2026, 3, 29, 1, 30, 0));
    assert_eq!(gap.with_timezone(&Berlin).hour(), 3);
    // 02:30 happens twice on 2026-10-25: the first time, still CEST.
    assert_eq!(
        local_to_utc(Berlin, local(2026, 10, 25, 2, 30)),
        utc(2026, 10, 25, 0, 30, 0)
    );
    // Chile springs forward at midnight (2024-09-08 00:00 → 01:00): that day starts at
    // 01:00 local, and the day before is still 24 hours long.
    let sept8 = Period::Day(d(2024, 9, 8));
    assert_eq!(sept8.bounds(Santiago).0, utc(2024, 9, 8, 4, 0, 0));
    let sept7 = Period::Day(d(2024, 9, 7));
    assert_eq!(
        sept7.bounds(Santiago),
        (utc(2024, 9, 7, 4, 0, 0), utc(2024, 9, 8, 4, 0, 0))
    );
    assert_eq!(
        (sept8.bounds(Santiago).1 - sept8.bounds(Santiago).0).num_hours(),
        23
    );
}

// --- catching up ---

#[test]
fn due_periods_without_history_runs_just_the_latest() {
    let now = utc(2026, 3, 4, 12, 0, 0);
    assert_eq!(
        due_periods(RunKind::Weekly, Moscow, None, now, 10),
        [week(2026, 9)]
    );
    assert_eq!(
        due_periods(RunKind::Monthly, Moscow, None, now, 10),
        [month(2026, 2)]
    );
    assert_eq!(
        due_periods(RunKind::Daily, Moscow, None, now, 10),
        [Period::Day(d(2026, 3, 3))]
    );
    assert_eq!(due_periods(RunKind::Weekly, Moscow, None, now, 0), []);
}

#[test]
fn due_periods_catches_up_a_gap_exactly_once_each() {
    let now = utc(2026, 3, 4, 12, 0, 0); // Wednesday of W10
    assert_eq!(
        due_periods(RunKind::Weekly, Moscow, Some(week(2026, 6)), now, 10),
        [week(2026, 7), week(2026, 8), week(2026, 9)]
    );
    // Nothing new since the last run.
    assert_eq!(
        due_periods(RunKind::Weekly, Moscow, Some(week(2026, 9)), now, 10),
        []
    );
    // A last run newer than anything due (a clock set back) runs nothing.
    assert_eq!(
        due_periods(RunKind::Weekly, Moscow, Some(week(2026, 11)), now, 10),
        []
    );
    // Across the year end with its 53rd week.
    assert_eq!(
        due_periods(
            RunKind::Weekly,
            Moscow,
            Some(week(2026, 52)),
            utc(2027, 1, 10, 18, 0, 0),
            10
        ),
        [week(2026, 53), week(2027, 1)]
    );
    assert_eq!(
        due_periods(
            RunKind::Monthly,
            Moscow,
            Some(month(2026, 10)),
            utc(2027, 1, 2, 0, 0, 0),
            10
        ),
        [month(2026, 11), month(2026, 12)]
    );
}

#[test]
fn due_periods_at_the_cutoff_exactly() {
    let cutoff = week(2026, 9).cutoff(Moscow);
    let last = Some(week(2026, 8));
    assert_eq!(
        due_periods(RunKind::Weekly, Moscow, last, cutoff - second(), 10),
        []
    );
    assert_eq!(
        due_periods(RunKind::Weekly, Moscow, last, cutoff, 10),
        [week(2026, 9)]
    );
}

#[test]
fn due_periods_is_capped_to_the_newest() {
    let now = utc(2026, 3, 4, 12, 0, 0);
    assert_eq!(
        due_periods(RunKind::Weekly, Moscow, Some(week(2020, 1)), now, 3),
        [week(2026, 7), week(2026, 8), week(2026, 9)]
    );
    assert_eq!(
        due_periods(
            RunKind::Daily,
            Moscow,
            Some(Period::Day(d(2000, 1, 1))),
            now,
            2
        ),
        [Period::Day(d(2026, 3, 2)), Period::Day(d(2026, 3, 3))]
    );
    assert_eq!(
        due_periods(RunKind::Weekly, Moscow, Some(week(2026, 6)), now, 0),
        []
    );
}

#[test]
fn due_periods_ignores_a_last_run_of_another_kind() {
    let now = utc(2026, 3, 4, 12, 0, 0);
    assert_eq!(
        due_periods(RunKind::Weekly, Moscow, Some(month(2026, 1)), now, 10),
        [week(2026, 9)]
    );
}
