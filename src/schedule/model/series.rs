//! The dates of a series: its rule (how often, from when, until when), the changes made to
//! single visits, and the local time of each visit kept across daylight-saving changes.

use std::collections::BTreeMap;

use chrono::{Datelike, Days, Months, NaiveDate, NaiveDateTime, NaiveTime, TimeZone};
use chrono_tz::Tz;

/// How often a series repeats.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Every {
    Weekly,
    Biweekly,
    Monthly,
}

impl Every {
    pub fn as_str(self) -> &'static str {
        match self {
            Every::Weekly => "weekly",
            Every::Biweekly => "biweekly",
            Every::Monthly => "monthly",
        }
    }

    pub fn parse(s: &str) -> Option<Every> {
        [Every::Weekly, Every::Biweekly, Every::Monthly]
            .into_iter()
            .find(|e| e.as_str() == s)
    }
}

/// When a series stops: after a last date, or after a number of visits (skipped ones count).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum End {
    Until(NaiveDate),
    Visits(u32),
}

/// The most visits a series may have, and how far its last date may lie after its first.
pub const MAX_VISITS: u32 = 104;
pub const MAX_DAYS: u64 = 366;

/// The rule of a series' dates.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Rule {
    pub every: Every,
    pub first_on: NaiveDate,
    pub local_time: NaiveTime,
    pub end: End,
}

/// A change to one visit before its order exists.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Change {
    Skipped,
    Moved(NaiveDateTime),
}

/// One visit: its date under the rule, and when it happens (local) unless skipped.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Visit {
    pub on: NaiveDate,
    pub at: Option<NaiveDateTime>,
}

impl Rule {
    /// The `n`-th date (0-based) under the rule, ignoring the end. A monthly series keeps its
    /// first date's day of month, or the month's last day when the month is shorter.
    pub fn nth(&self, n: u32) -> Option<NaiveDate> {
        match self.every {
            Every::Weekly => self.first_on.checked_add_days(Days::new(7 * u64::from(n))),
            Every::Biweekly => self.first_on.checked_add_days(Days::new(14 * u64::from(n))),
            // Counted from the first date each time, so 31 Jan → 28 Feb → 31 Mar.
            Every::Monthly => self.first_on.checked_add_months(Months::new(n)),
        }
    }

    /// Every date of the series, in order.
    pub fn dates(&self) -> Vec<NaiveDate> {
        let mut out = Vec::new();
        for n in 0..MAX_VISITS {
            let Some(d) = self.nth(n) else { break };
            let within = match self.end {
                End::Until(last) => d <= last,
                End::Visits(k) => n < k,
            };
            if !within {
                break;
            }
            out.push(d);
        }
        out
    }

    /// Whether the rule is one a client may set: an end not before the first date, at most
    /// `MAX_VISITS` visits and at most a year long. The Fluent id of the problem otherwise.
    pub fn check(&self) -> Result<(), &'static str> {
        match self.end {
            End::Visits(k) if !(1..=MAX_VISITS).contains(&k) => Err("series-err-visits"),
            End::Until(last)
                if last < self.first_on || last > self.first_on + Days::new(MAX_DAYS) =>
            {
                Err("series-err-until")
            }
            _ => Ok(()),
        }
    }
}

/// The visits of a series with its changes applied: skipped ones have no time, moved ones
/// their new local date and time.
pub fn visits(rule: &Rule, changes: &BTreeMap<NaiveDate, Change>) -> Vec<Visit> {
    rule.dates()
        .into_iter()
        .map(|on| Visit {
            on,
            at: match changes.get(&on) {
                Some(Change::Skipped) => None,
                Some(Change::Moved(to)) => Some(*to),
                None => Some(on.and_time(rule.local_time)),
            },
        })
        .collect()
}

/// The local time a visit is placed at: the same wall-clock time whatever the offset that
/// day. A time that does not exist (the hour skipped when clocks go forward) becomes the
/// first minute that does, so the visit still happens that day rather than vanishing.
pub fn wall_clock(tz: Tz, local: NaiveDateTime) -> NaiveDateTime {
    let mut t = local;
    for _ in 0..=180 {
        if tz.from_local_datetime(&t).earliest().is_some() {
            return t;
        }
        t += chrono::Duration::minutes(1);
    }
    local
}

/// The local date a visit lands on when all visits from some date move to `weekday`
/// (0 = Monday): the same week as its date under the rule. Monthly visits keep their date.
pub fn on_weekday(every: Every, on: NaiveDate, weekday: Option<u32>) -> NaiveDate {
    match (every, weekday) {
        (Every::Monthly, _) | (_, None) => on,
        (_, Some(w)) => {
            let from = on.weekday().num_days_from_monday();
            on + chrono::Duration::days(i64::from(w) - i64::from(from))
        }
    }
}

#[cfg(test)]
#[path = "series_tests.rs"]
mod tests;
