//! The period a dashboard or an export covers: whole business days, from a preset or a custom
//! range, the one before it for comparison, and its bounds as stored UTC instants.

use chrono::{DateTime, Datelike, Duration, Months, NaiveDate, Utc};
use chrono_tz::Tz;
use serde::Deserialize;

pub use crate::calendar::{business_day, day_start};

/// Longest custom range accepted: ten years of days is far beyond any report, and bounds the
/// work one request can ask for.
pub const MAX_DAYS: i64 = 3660;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Preset {
    Today,
    Week,
    Month,
    Year,
    Custom,
}

impl Preset {
    pub const ALL: [Preset; 5] = [
        Preset::Today,
        Preset::Week,
        Preset::Month,
        Preset::Year,
        Preset::Custom,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Preset::Today => "today",
            Preset::Week => "week",
            Preset::Month => "month",
            Preset::Year => "year",
            Preset::Custom => "custom",
        }
    }

    fn parse(s: &str) -> Option<Preset> {
        Preset::ALL.into_iter().find(|p| p.as_str() == s)
    }
}

/// Whole business days `from..=to`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Period {
    pub preset: Preset,
    pub from: NaiveDate,
    pub to: NaiveDate,
}

/// The query string of a dashboard or export: `period=today|week|month|year|custom` and, for
/// custom, `from` and `to` as `YYYY-MM-DD` (both included).
#[derive(Debug, Default, Deserialize)]
pub struct PeriodQuery {
    pub period: Option<String>,
    pub from: Option<String>,
    pub to: Option<String>,
}

/// Why a query was refused; the caller shows the month instead, with this message.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PeriodError {
    UnknownPreset,
    BadDate,
    Reversed,
    TooLong,
}

impl PeriodError {
    pub fn message_key(self) -> &'static str {
        match self {
            PeriodError::UnknownPreset => "reports-err-preset",
            PeriodError::BadDate => "reports-err-date",
            PeriodError::Reversed => "reports-err-reversed",
            PeriodError::TooLong => "reports-err-too-long",
        }
    }
}

impl Period {
    /// The preset period containing `today` (a week starts on Monday).
    pub fn preset(preset: Preset, today: NaiveDate) -> Period {
        let from = match preset {
            Preset::Today | Preset::Custom => today,
            Preset::Week => today - Duration::days(today.weekday().num_days_from_monday() as i64),
            Preset::Month => today.with_day(1).expect("day 1 exists"),
            Preset::Year => NaiveDate::from_ymd_opt(today.year(), 1, 1).expect("1 January exists"),
        };
        Period {
            preset,
            from,
            to: today,
        }
    }

    pub fn from_query(q: &PeriodQuery, today: NaiveDate) -> Result<Period, PeriodError> {
        let preset = match q.period.as_deref().map(str::trim) {
            None | Some("") => Preset::Month,
            Some(s) => Preset::parse(s).ok_or(PeriodError::UnknownPreset)?,
        };
        if preset != Preset::Custom {
            return Ok(Period::preset(preset, today));
        }
        let date = |s: &Option<String>| {
            s.as_deref()
                .and_then(|s| NaiveDate::parse_from_str(s.trim(), "%Y-%m-%d").ok())
                .ok_or(PeriodError::BadDate)
        };
        let (from, to) = (date(&q.from)?, date(&q.to)?);
        if from > to {
            return Err(PeriodError::Reversed);
        }
        if (to - from).num_days() + 1 > MAX_DAYS {
            return Err(PeriodError::TooLong);
        }
        Ok(Period { preset, from, to })
    }

    pub fn days(&self) -> i64 {
        (self.to - self.from).num_days() + 1
    }

    /// The period to compare with. A week, month or year to date is compared with the same
    /// stretch of the one before (1 Jan–1 Dec 2025 for this year up to 1 December); a day
    /// with the day before; a custom range with as many days just before it.
    pub fn previous(&self) -> Period {
        let (from, to) = match self.preset {
            Preset::Today => (self.from - Duration::days(1), self.to - Duration::days(1)),
            Preset::Week => (self.from - Duration::days(7), self.to - Duration::days(7)),
            Preset::Month => {
                let from = self.from - Months::new(1);
                (from, same_day_in(from, self.to.day()))
            }
            Preset::Year => (self.from - Months::new(12), self.to - Months::new(12)),
            Preset::Custom => {
                let to = self.from - Duration::days(1);
                (to - Duration::days(self.days() - 1), to)
            }
        };
        Period {
            preset: self.preset,
            from,
            to,
        }
    }

    /// `[start, end)` of the period as UTC instants.
    pub fn bounds(&self, tz: Tz) -> (DateTime<Utc>, DateTime<Utc>) {
        (
            day_start(tz, self.from),
            day_start(tz, self.to + Duration::days(1)),
        )
    }

    /// The query string that selects this period again (for links and exports).
    pub fn query(&self) -> String {
        match self.preset {
            Preset::Custom => format!("period=custom&from={}&to={}", self.from, self.to),
            p => format!("period={}", p.as_str()),
        }
    }
}

/// `day` of the month that `first` begins, or its last day when the month is shorter.
fn same_day_in(first: NaiveDate, day: u32) -> NaiveDate {
    (0..4)
        .find_map(|back| first.with_day(day - back))
        .expect("every month has 28 days")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    fn q(period: &str, from: &str, to: &str) -> PeriodQuery {
        PeriodQuery {
            period: Some(period.into()),
            from: Some(from.into()),
            to: Some(to.into()),
        }
    }

    #[test]
    fn presets_end_today_and_start_at_their_boundary() {
        let today = d("2026-11-19"); // a Thursday
        assert_eq!(Period::preset(Preset::Today, today).from, today);
        assert_eq!(Period::preset(Preset::Week, today).from, d("2026-11-16"));
        assert_eq!(Period::preset(Preset::Month, today).from, d("2026-11-01"));
        assert_eq!(Period::preset(Preset::Year, today).from, d("2026-01-01"));
        let none = PeriodQuery::default();
        assert_eq!(
            Period::from_query(&none, today).unwrap().preset,
            Preset::Month
        );
    }

    #[test]
    fn a_period_to_date_is_compared_with_the_same_stretch_before() {
        let today = d("2026-12-01");
        let year = Period::preset(Preset::Year, today).previous();
        assert_eq!((year.from, year.to), (d("2025-01-01"), d("2025-12-01")));
        let march = Period::preset(Preset::Month, d("2026-03-31")).previous();
        assert_eq!((march.from, march.to), (d("2026-02-01"), d("2026-02-28")));
        let week = Period::preset(Preset::Week, d("2026-11-19")).previous();
        assert_eq!((week.from, week.to), (d("2026-11-09"), d("2026-11-12")));
        let day = Period::preset(Preset::Today, today).previous();
        assert_eq!((day.from, day.to), (d("2026-11-30"), d("2026-11-30")));
        let leap = Period::preset(Preset::Year, d("2028-02-29")).previous();
        assert_eq!(leap.to, d("2027-02-28"));
    }

    #[test]
    fn custom_ranges_are_checked() {
        let today = d("2026-11-19");
        let p = Period::from_query(&q("custom", "2026-10-01", "2026-10-31"), today).unwrap();
        assert_eq!(p.days(), 31);
        assert_eq!(p.previous().from, d("2026-08-31"));
        assert_eq!(p.previous().to, d("2026-09-30"));
        let err = |a, b, c| Period::from_query(&q(a, b, c), today).unwrap_err();
        assert_eq!(
            err("custom", "2026-10-31", "2026-10-01"),
            PeriodError::Reversed
        );
        assert_eq!(
            err("custom", "2026-02-30", "2026-03-01"),
            PeriodError::BadDate
        );
        assert_eq!(err("custom", "", "2026-03-01"), PeriodError::BadDate);
        assert_eq!(
            err("custom", "1990-01-01", "2026-03-01"),
            PeriodError::TooLong
        );
        assert_eq!(err("decade", "", ""), PeriodError::UnknownPreset);
    }

    #[test]
    fn bounds_follow_the_business_time_zone() {
        let p =
            Period::from_query(&q("custom", "2026-03-29", "2026-03-29"), d("2026-11-19")).unwrap();
        // Moscow is UTC+3 all year.
        let (start, end) = p.bounds(chrono_tz::Europe::Moscow);
        assert_eq!(start.to_rfc3339(), "2026-03-28T21:00:00+00:00");
        assert_eq!(end.to_rfc3339(), "2026-03-29T21:00:00+00:00");
        // Berlin moves to summer time that day: the day is 23 hours long.
        let (start, end) = p.bounds(chrono_tz::Europe::Berlin);
        assert_eq!((end - start).num_hours(), 23);
        assert_eq!(
            business_day(chrono_tz::Europe::Moscow, start),
            d("2026-03-29")
        );
    }
}
