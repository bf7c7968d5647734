//! Billing periods in the business time zone: which ISO week / month / day a moment falls
//! in, when each period's run is due (weekly client invoices Sunday 21:00, monthly worker
//! payouts on the last day at 22:00, the daily balance snapshot at 23:55 — all local
//! time), and which runs are owed after downtime. Pure rules; no I/O.
//!
//! **Local times that do not exist or exist twice.** In a zone with daylight saving time a
//! wall-clock time can fall in the spring-forward gap or in the fall-back fold:
//! - a time in a gap is moved forward past the gap, by the gap's length: it is read with
//!   the offset in force just before the gap (02:30 in a 02:00→03:00 gap is 03:30) — the
//!   convention of java.time and JavaScript's Temporal;
//! - an ambiguous time (in the fold) is the earlier of its two instants.
//!
//! So a cutoff stays at its local hour (21:00 on a spring-forward Sunday is still 21:00,
//! one hour earlier in UTC), and a period that contains a transition is an hour shorter or
//! longer in real time.

use chrono::{DateTime, Datelike, Duration, NaiveDate, NaiveTime, Utc, Weekday};
use chrono_tz::Tz;

pub use crate::calendar::local_to_utc;

/// One billing period. Build it with `parse_*`, [`period_containing`] or
/// [`Period::next`]/[`Period::prev`]: a hand-made week or month that does not exist
/// (week 53 of a 52-week year, month 13) makes the date methods panic.
///
/// Periods of one kind order chronologically.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Period {
    /// An ISO week: Monday to Sunday; week 1 is the one containing January 4th.
    Week {
        year: i32,
        week: u32,
    },
    Month {
        year: i32,
        month: u32,
    },
    Day(NaiveDate),
}

impl Period {
    /// "2026-W09", "2026-03", "2026-03-02" — these are stored in the DB `period` columns.
    pub fn label(&self) -> String {
        match *self {
            Period::Week { year, week } => format!("{year:04}-W{week:02}"),
            Period::Month { year, month } => format!("{year:04}-{month:02}"),
            Period::Day(day) => day.format("%Y-%m-%d").to_string(),
        }
    }

    /// "2026-W09" exactly as [`Period::label`] writes it, for a week that exists.
    pub fn parse_week(s: &str) -> Option<Period> {
        let (year, week) = s.split_once("-W")?;
        let (year, week) = (fixed_digits(year, 4)?, fixed_digits(week, 2)?);
        let year = i32::try_from(year).ok()?;
        let week = u32::try_from(week).ok()?;
        NaiveDate::from_isoywd_opt(year, week, Weekday::Mon)?;
        Some(Period::Week { year, week })
    }

    /// "2026-03" exactly as [`Period::label`] writes it.
    pub fn parse_month(s: &str) -> Option<Period> {
        let (year, month) = s.split_once('-')?;
        let (year, month) = (fixed_digits(year, 4)?, fixed_digits(month, 2)?);
        let year = i32::try_from(year).ok()?;
        let month = u32::try_from(month).ok()?;
        NaiveDate::from_ymd_opt(year, month, 1)?;
        Some(Period::Month { year, month })
    }

    /// "2026-03-02" exactly as [`Period::label`] writes it.
    pub fn parse_day(s: &str) -> Option<Period> {
        let day = NaiveDate::parse_from_str(s, "%Y-%m-%d").ok()?;
        let period = Period::Day(day);
        // chrono also accepts "2026-3-2"; a label has one spelling only.
        (period.label() == s).then_some(period)
    }

    /// The kind of run this period belongs to.
    pub fn kind(&self) -> RunKind {
        match self {
            Period::Week { .. } => RunKind::Weekly,
            Period::Month { .. } => RunKind::Monthly,
            Period::Day(_) => RunKind::Daily,
        }
    }

    pub fn next(&self) -> Period {
        match *self {
            Period::Week { .. } => week_of(self.first_day() + Duration::days(7)),
            Period::Month { year, month: 12 } => Period::Month {
                year: year + 1,
                month: 1,
            },
            Period::Month { year, month } => Period::Month {
                year,
                month: month + 1,
            },
            Period::Day(day) => Period::Day(day + Duration::days(1)),
        }
    }

    pub fn prev(&self) -> Period {
        match *self {
            Period::Week { .. } => week_of(self.first_day() - Duration::days(7)),
            Period::Month { year, month: 1 } => Period::Month {
                year: year - 1,
                month: 12,
            },
            Period::Month { year, month } => Period::Month {
                year,
                month: month - 1,
            },
            Period::Day(day) => Period::Day(day - Duration::days(1)),
        }
    }

    /// The instant the period's run is scheduled (Sunday 21:00 / last day 22:00 / 23:55 local) as UTC; everything posted up to and including this instant belongs to the period's run.
    pub fn cutoff(&self, tz: Tz) -> DateTime<Utc> {
        local_to_utc(tz, self.last_day().and_time(self.kind().run_time()))
    }

    /// First and last local day of the period.
    pub fn first_day(&self) -> NaiveDate {
        match *self {
            Period::Week { year, week } => NaiveDate::from_isoywd_opt(year, week, Weekday::Mon)
                .expect("a period's ISO week exists"),
            Period::Month { year, month } => {
                NaiveDate::from_ymd_opt(year, month, 1).expect("a period's month exists")
            }
            Period::Day(day) => day,
        }
    }

    pub fn last_day(&self) -> NaiveDate {
        self.next().first_day() - Duration::days(1)
    }

    /// The local-midnight start of the period as UTC, and the start of the next period (half-open range), for statements "entries by period".
    pub fn bounds(&self, tz: Tz) -> (DateTime<Utc>, DateTime<Utc>) {
        let midnight = |day: NaiveDate| local_to_utc(tz, day.and_time(NaiveTime::MIN));
        (
            midnight(self.first_day()),
            midnight(self.next().first_day()),
        )
    }
}

/// Exactly `len` ASCII digits.
fn fixed_digits(s: &str, len: usize) -> Option<i64> {
    (s.len() == len && s.bytes().all(|b| b.is_ascii_digit()))
        .then(|| s.parse().ok())
        .flatten()
}

fn week_of(day: NaiveDate) -> Period {
    let iso = day.iso_week();
    Period::Week {
        year: iso.year(),
        week: iso.week(),
    }
}

crate::status_enum! {
    /// Which run a period belongs to (`billing_runs.kind`).
    pub enum RunKind {
        Weekly = "weekly" => "billing-run-weekly",
        Monthly = "monthly" => "billing-run-monthly",
        Daily = "daily" => "billing-run-daily",
    }
}

impl RunKind {
    /// The local time of day the run is scheduled, on the period's last day.
    pub fn run_time(self) -> NaiveTime {
        let (h, m) = match self {
            RunKind::Weekly => (21, 0),
            RunKind::Monthly => (22, 0),
            RunKind::Daily => (23, 55),
        };
        NaiveTime::from_hms_opt(h, m, 0).expect("a valid time of day")
    }
}

/// The week/month/day containing local time `at` in tz.
pub fn period_containing(kind: RunKind, tz: Tz, at: DateTime<Utc>) -> Period {
    let day = at.with_timezone(&tz).date_naive();
    match kind {
        RunKind::Weekly => week_of(day),
        RunKind::Monthly => Period::Month {
            year: day.year(),
            month: day.month(),
        },
        RunKind::Daily => Period::Day(day),
    }
}

/// The newest period of `kind` whose cutoff is <= now.
pub fn latest_due(kind: RunKind, tz: Tz, now: DateTime<Utc>) -> Period {
    // Start one period ahead so a cutoff pushed past midnight by a DST gap is still found;
    // this loops two or three times at most.
    let mut period = period_containing(kind, tz, now).next();
    while period.cutoff(tz) > now {
        period = period.prev();
    }
    period
}

/// Periods to run now, oldest first: every period after `last_done` whose cutoff <= now (catch-up after downtime, exactly once each); when nothing was ever run, just `latest_due`. Cap at `max` periods (the newest `max`) so a years-old gap cannot run away.
///
/// A `last_done` of another kind than `kind` is a caller's mix-up; it is treated as no
/// history (just `latest_due`) rather than compared across kinds.
pub fn due_periods(
    kind: RunKind,
    tz: Tz,
    last_done: Option<Period>,
    now: DateTime<Utc>,
    max: usize,
) -> Vec<Period> {
    if max == 0 {
        return Vec::new();
    }
    let latest = latest_due(kind, tz, now);
    let Some(done) = last_done.filter(|p| p.kind() == kind) else {
        return vec![latest];
    };
    // Walk back from the newest so the cap bounds the work, not just the result.
    let mut due = Vec::new();
    let mut period = latest;
    while period > done && due.len() < max {
        due.push(period);
        period = period.prev();
    }
    due.reverse();
    due
}

#[cfg(test)]
mod tests;
