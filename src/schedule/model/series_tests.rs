use super::*;
use chrono::Utc;

fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).unwrap()
}

fn rule(every: Every, first_on: NaiveDate, end: End) -> Rule {
    Rule {
        every,
        first_on,
        local_time: NaiveTime::from_hms_opt(10, 0, 0).unwrap(),
        end,
    }
}

#[test]
fn weekly_and_biweekly_series_step_seven_and_fourteen_days() {
    let w = rule(Every::Weekly, d(2026, 3, 2), End::Visits(3));
    assert_eq!(
        w.dates(),
        vec![d(2026, 3, 2), d(2026, 3, 9), d(2026, 3, 16)]
    );
    let b = rule(Every::Biweekly, d(2026, 3, 2), End::Until(d(2026, 3, 30)));
    assert_eq!(
        b.dates(),
        vec![d(2026, 3, 2), d(2026, 3, 16), d(2026, 3, 30)]
    );
}

#[test]
fn a_monthly_series_falls_on_the_last_day_of_shorter_months_and_comes_back() {
    let m = rule(Every::Monthly, d(2026, 1, 31), End::Visits(4));
    assert_eq!(
        m.dates(),
        vec![
            d(2026, 1, 31),
            d(2026, 2, 28),
            d(2026, 3, 31),
            d(2026, 4, 30)
        ]
    );
    let leap = rule(Every::Monthly, d(2028, 1, 30), End::Visits(2));
    assert_eq!(leap.dates(), vec![d(2028, 1, 30), d(2028, 2, 29)]);
}

#[test]
fn an_end_date_is_inclusive_and_a_count_counts_skipped_visits() {
    let r = rule(Every::Weekly, d(2026, 3, 2), End::Visits(3));
    let changes = BTreeMap::from([(d(2026, 3, 9), Change::Skipped)]);
    let v = visits(&r, &changes);
    assert_eq!(v.len(), 3);
    assert_eq!(v[1].at, None);
    assert_eq!(v[2].on, d(2026, 3, 16));
    let u = rule(Every::Weekly, d(2026, 3, 2), End::Until(d(2026, 3, 15)));
    assert_eq!(u.dates().len(), 2);
}

#[test]
fn a_moved_visit_keeps_its_rule_date_and_takes_its_new_time() {
    let r = rule(Every::Weekly, d(2026, 3, 2), End::Visits(2));
    let to = d(2026, 3, 10).and_hms_opt(15, 30, 0).unwrap();
    let v = visits(&r, &BTreeMap::from([(d(2026, 3, 9), Change::Moved(to))]));
    assert_eq!(
        v[1],
        Visit {
            on: d(2026, 3, 9),
            at: Some(to)
        }
    );
    assert_eq!(v[0].at, Some(d(2026, 3, 2).and_hms_opt(10, 0, 0).unwrap()));
}

#[test]
fn rules_beyond_the_bounds_are_refused() {
    assert_eq!(
        rule(Every::Weekly, d(2026, 3, 2), End::Visits(105)).check(),
        Err("series-err-visits")
    );
    assert_eq!(
        rule(Every::Weekly, d(2026, 3, 2), End::Visits(0)).check(),
        Err("series-err-visits")
    );
    assert_eq!(
        rule(Every::Weekly, d(2026, 3, 2), End::Until(d(2026, 3, 1))).check(),
        Err("series-err-until")
    );
    assert_eq!(
        rule(Every::Weekly, d(2026, 3, 2), End::Until(d(2027, 6, 1))).check(),
        Err("series-err-until")
    );
    assert!(
        rule(Every::Monthly, d(2026, 3, 2), End::Visits(104))
            .check()
            .is_ok()
    );
}

#[test]
fn the_wall_clock_time_holds_across_a_daylight_saving_change() {
    let tz = chrono_tz::Europe::Berlin;
    let r = rule(Every::Weekly, d(2026, 3, 23), End::Visits(2));
    let utc: Vec<_> = visits(&r, &BTreeMap::new())
        .iter()
        .map(|v| {
            let local = wall_clock(tz, v.at.unwrap());
            tz.from_local_datetime(&local)
                .unwrap()
                .with_timezone(&Utc)
                .to_rfc3339()
        })
        .collect();
    // Winter time (UTC+1), then summer time (UTC+2) from 29 March: still 10:00 in Berlin.
    assert_eq!(
        utc,
        ["2026-03-23T09:00:00+00:00", "2026-03-30T08:00:00+00:00"]
    );
}

#[test]
fn a_time_skipped_when_clocks_go_forward_becomes_the_first_minute_after_the_gap() {
    let tz = chrono_tz::Europe::Berlin;
    let gap = d(2026, 3, 29).and_hms_opt(2, 30, 0).unwrap();
    assert_eq!(
        wall_clock(tz, gap),
        d(2026, 3, 29).and_hms_opt(3, 0, 0).unwrap()
    );
    let fine = d(2026, 3, 29).and_hms_opt(10, 0, 0).unwrap();
    assert_eq!(wall_clock(tz, fine), fine);
}

#[test]
fn moving_all_visits_to_another_weekday_keeps_each_in_its_week() {
    // 2026-03-04 is a Wednesday; Friday is 4.
    assert_eq!(
        on_weekday(Every::Weekly, d(2026, 3, 4), Some(4)),
        d(2026, 3, 6)
    );
    assert_eq!(
        on_weekday(Every::Biweekly, d(2026, 3, 4), Some(0)),
        d(2026, 3, 2)
    );
    assert_eq!(
        on_weekday(Every::Monthly, d(2026, 3, 4), Some(0)),
        d(2026, 3, 4)
    );
    assert_eq!(
        on_weekday(Every::Weekly, d(2026, 3, 4), None),
        d(2026, 3, 4)
    );
}
