//! The dispatch board's rules, pure: what its query string asks for (a bad value falls back
//! to the default and is named), which days a view covers, and where a job sits on a
//! worker's row.

use chrono::{Datelike, Duration, NaiveDate, NaiveDateTime, NaiveTime};
use serde::Deserialize;

use crate::orders::model::Status;

/// Workers shown on one page of the board.
pub const WORKERS_PER_PAGE: i64 = 25;
/// Orders listed beside the board; more are counted and reached through the orders table.
pub const OPEN_LIMIT: i64 = 100;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum View {
    Day,
    Week,
}

impl View {
    pub fn as_str(self) -> &'static str {
        match self {
            View::Day => "day",
            View::Week => "week",
        }
    }
}

/// The query string as typed: every field text, so a bad value is ours to explain rather
/// than a bare 400.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default)]
pub struct BoardQuery {
    pub view: String,
    pub date: String,
    pub skill: String,
    pub status: String,
    pub area: String,
    pub page: String,
}

/// What the board shows, each value valid.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Asked {
    pub view: View,
    pub date: NaiveDate,
    pub skill: Option<String>,
    pub status: Option<Status>,
    pub area: Option<String>,
    pub page: i64,
    /// Message ids of the values that were not understood and fell back to their default.
    pub ignored: Vec<&'static str>,
}

impl Asked {
    /// The first day shown: the date itself, or the Monday of its week.
    pub fn first_day(&self) -> NaiveDate {
        match self.view {
            View::Day => self.date,
            View::Week => {
                self.date - Duration::days(i64::from(self.date.weekday().num_days_from_monday()))
            }
        }
    }

    pub fn days(&self) -> Vec<NaiveDate> {
        let n = match self.view {
            View::Day => 1,
            View::Week => 7,
        };
        (0..n)
            .map(|i| self.first_day() + Duration::days(i))
            .collect()
    }

    /// The date one view earlier or later (`step` −1 or 1).
    pub fn shifted(&self, step: i64) -> NaiveDate {
        let days = match self.view {
            View::Day => 1,
            View::Week => 7,
        };
        self.date + Duration::days(step * days)
    }

    /// The query string of this board with another date and page (filters kept).
    pub fn query(&self, date: NaiveDate, page: i64) -> String {
        let date = date.to_string();
        let page = page.to_string();
        let mut q: Vec<(&str, &str)> = vec![("view", self.view.as_str()), ("date", &date)];
        if let Some(s) = &self.skill {
            q.push(("skill", s));
        }
        if let Some(s) = self.status {
            q.push(("status", s.as_str()));
        }
        if let Some(a) = &self.area {
            q.push(("area", a));
        }
        if page != "1" {
            q.push(("page", &page));
        }
        serde_urlencoded::to_string(q).unwrap_or_default()
    }
}

/// Reads the query: `today` is the default date, `skills` the codes a filter may name.
pub fn read(q: &BoardQuery, today: NaiveDate, skills: &[String]) -> Asked {
    let mut ignored = Vec::new();
    let mut bad = |present: bool, key: &'static str| {
        if present {
            ignored.push(key);
        }
    };
    let view = match q.view.as_str() {
        "" | "week" => View::Week,
        "day" => View::Day,
        _ => {
            bad(true, "dispatch-bad-view");
            View::Week
        }
    };
    let date = NaiveDate::parse_from_str(q.date.trim(), "%Y-%m-%d").ok();
    bad(date.is_none() && !q.date.is_empty(), "dispatch-bad-date");
    let skill = Some(q.skill.trim()).filter(|s| !s.is_empty());
    let known = skill.filter(|s| skills.iter().any(|k| k == s));
    bad(skill.is_some() && known.is_none(), "dispatch-bad-skill");
    let status = Status::parse(q.status.trim());
    bad(
        status.is_none() && !q.status.is_empty(),
        "dispatch-bad-status",
    );
    let page = q.page.trim().parse::<i64>().ok().filter(|p| *p >= 1);
    bad(page.is_none() && !q.page.is_empty(), "dispatch-bad-page");
    let area: String = q.area.trim().chars().take(100).collect();
    Asked {
        view,
        date: date.unwrap_or(today),
        skill: known.map(str::to_string),
        status,
        area: Some(area).filter(|a| !a.is_empty()),
        page: page.unwrap_or(1).min(100_000),
        ignored,
    }
}

/// Where a job sits on its day: from the left edge and how wide, in whole percent of the
/// working day, and whether part of it lies outside the working hours.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Span {
    pub left: u8,
    pub width: u8,
    pub outside: bool,
}

/// The job from `start` to `end` (local) on `day`'s working hours `opens`–`closes`; a job
/// outside the hours is drawn at the nearer edge, so it is never lost.
pub fn place(
    day: NaiveDate,
    (opens, closes): (NaiveTime, NaiveTime),
    start: NaiveDateTime,
    end: NaiveDateTime,
) -> Span {
    let open = day.and_time(opens);
    let total = (closes - opens).num_minutes().max(1);
    let from = (start - open).num_minutes();
    let to = (end - open).num_minutes();
    let pct = |m: i64| m.clamp(0, total) * 100 / total;
    let left = pct(from).min(98);
    let width = (pct(to) - left).clamp(2, 100 - left);
    Span {
        left: left as u8,
        width: width as u8,
        outside: from < 0 || to > total,
    }
}

/// For jobs sorted by start, as (start, end) minutes: each one's lane (0 is the first row of
/// blocks) and whether it overlaps another job.
pub fn lanes(jobs: &[(i64, i64)]) -> Vec<(usize, bool)> {
    let mut lane_ends: Vec<i64> = Vec::new();
    let mut out: Vec<(usize, bool)> = Vec::with_capacity(jobs.len());
    for (i, &(start, end)) in jobs.iter().enumerate() {
        let lane = match lane_ends.iter().position(|&e| e <= start) {
            Some(l) => {
                lane_ends[l] = end;
                l
            }
            None => {
                lane_ends.push(end);
                lane_ends.len() - 1
            }
        };
        let overlaps = jobs
            .iter()
            .enumerate()
            .any(|(j, &(s, e))| j != i && s < end && e > start);
        out.push((lane, overlaps));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    fn t(h: u32) -> NaiveTime {
        NaiveTime::from_hms_opt(h, 0, 0).unwrap()
    }

    #[test]
    fn an_empty_query_is_this_week() {
        let a = read(&BoardQuery::default(), d("2026-12-09"), &[]);
        assert_eq!(a.view, View::Week);
        assert_eq!(a.first_day(), d("2026-12-07"));
        assert_eq!(a.days().len(), 7);
        assert!(a.ignored.is_empty());
    }

    #[test]
    fn bad_values_fall_back_and_are_named() {
        let q = BoardQuery {
            view: "month".into(),
            date: "2026-13-45".into(),
            skill: "flying".into(),
            status: "lost".into(),
            page: "-3".into(),
            area: String::new(),
        };
        let a = read(&q, d("2026-12-09"), &["cleaning".into()]);
        assert_eq!((a.view, a.date, a.page), (View::Week, d("2026-12-09"), 1));
        assert_eq!((a.skill, a.status), (None, None));
        assert_eq!(a.ignored.len(), 5);
    }

    #[test]
    fn the_query_keeps_the_filters() {
        let q = BoardQuery {
            view: "day".into(),
            skill: "cleaning".into(),
            area: "Main St".into(),
            ..BoardQuery::default()
        };
        let a = read(&q, d("2026-12-09"), &["cleaning".into()]);
        assert_eq!(
            a.query(a.shifted(1), 2),
            "view=day&date=2026-12-10&skill=cleaning&area=Main+St&page=2"
        );
    }

    #[test]
    fn a_job_is_placed_by_its_start_and_length() {
        let day = d("2026-12-09");
        let s = place(day, (t(8), t(20)), day.and_time(t(11)), day.and_time(t(14)));
        assert_eq!(
            s,
            Span {
                left: 25,
                width: 25,
                outside: false
            }
        );
        let early = place(day, (t(8), t(20)), day.and_time(t(6)), day.and_time(t(7)));
        assert_eq!((early.left, early.width, early.outside), (0, 2, true));
    }

    #[test]
    fn overlapping_jobs_take_separate_lanes() {
        let l = lanes(&[(0, 60), (30, 90), (60, 120), (200, 260)]);
        assert_eq!(l, vec![(0, true), (1, true), (0, true), (0, false)]);
    }
}
