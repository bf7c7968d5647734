//! Reading the app's timestamps fast. rusqlite reads a `DateTime<Utc>` by parsing a chrono
//! format string for every value; list pages read hundreds, so the form the app writes
//! (`2026-12-02 10:30:00[.fraction]+00:00`, chrono's `ToSql`) is read here by hand, and any
//! other form is left to rusqlite.

use chrono::{DateTime, NaiveDate, Utc};
use rusqlite::Row;

/// Reads a timestamp column, quickly when it is in the app's own form.
pub trait RowInstant {
    fn instant(&self, idx: usize) -> rusqlite::Result<DateTime<Utc>>;
    fn instant_opt(&self, idx: usize) -> rusqlite::Result<Option<DateTime<Utc>>>;
}

impl RowInstant for Row<'_> {
    fn instant(&self, idx: usize) -> rusqlite::Result<DateTime<Utc>> {
        match self.get_ref(idx)? {
            rusqlite::types::ValueRef::Text(text) => match parse(text) {
                Some(at) => Ok(at),
                None => self.get(idx),
            },
            _ => self.get(idx),
        }
    }

    fn instant_opt(&self, idx: usize) -> rusqlite::Result<Option<DateTime<Utc>>> {
        match self.get_ref(idx)? {
            rusqlite::types::ValueRef::Null => Ok(None),
            _ => self.instant(idx).map(Some),
        }
    }
}

/// `YYYY-MM-DD HH:MM:SS[.f]+00:00` (or with `T`), else `None`.
fn parse(s: &[u8]) -> Option<DateTime<Utc>> {
    let num = |range: std::ops::Range<usize>| -> Option<u32> {
        s.get(range)?.iter().try_fold(0u32, |n, b| {
            b.is_ascii_digit().then(|| n * 10 + u32::from(b - b'0'))
        })
    };
    let (year, month, day) = (num(0..4)?, num(5..7)?, num(8..10)?);
    let (hour, minute, second) = (num(11..13)?, num(14..16)?, num(17..19)?);
    let separators = [(4, b'-'), (7, b'-'), (13, b':'), (16, b':')];
    if separators.iter().any(|&(i, c)| s.get(i) != Some(&c))
        || !matches!(s.get(10), Some(b' ' | b'T'))
    {
        return None;
    }
    let mut at = 19;
    let mut nanos = 0u32;
    if s.get(at) == Some(&b'.') {
        at += 1;
        let digits = s[at..].iter().take_while(|b| b.is_ascii_digit()).count();
        if digits == 0 || digits > 9 {
            return None;
        }
        nanos = num(at..at + digits)? * 10u32.pow(9 - digits as u32);
        at += digits;
    }
    if &s[at..] != b"+00:00" {
        return None;
    }
    let date = NaiveDate::from_ymd_opt(i32::try_from(year).ok()?, month, day)?;
    Some(
        date.and_hms_nano_opt(hour, minute, second, nanos)?
            .and_utc(),
    )
}

/// What rusqlite itself makes of the text (for the tests).
#[cfg(test)]
fn slow(s: &str) -> Option<DateTime<Utc>> {
    <DateTime<Utc> as rusqlite::types::FromSql>::column_result(rusqlite::types::ValueRef::Text(
        s.as_bytes(),
    ))
    .ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_apps_own_form_reads_as_rusqlite_reads_it() {
        for s in [
            "2026-12-02 10:30:00+00:00",
            "2026-12-02T10:30:00+00:00",
            "2026-12-02 10:30:00.5+00:00",
            "2026-12-02 10:30:00.123456789+00:00",
            "2024-02-29 23:59:59+00:00",
        ] {
            assert_eq!(parse(s.as_bytes()), slow(s), "{s}");
            assert!(parse(s.as_bytes()).is_some(), "{s}");
        }
    }

    #[test]
    fn any_other_form_is_left_to_rusqlite() {
        for s in [
            "2026-12-02 10:30:00",
            "2026-12-02 13:30:00+03:00",
            "2026-02-30 10:30:00+00:00",
            "2026-12-02 24:30:00+00:00",
            "2026-12-02 10:30:00.+00:00",
            "2026-12-02 10:30:00+00:00 ",
            "2026-12-0210:30:00+00:00",
            "",
            "yesterday",
        ] {
            assert_eq!(parse(s.as_bytes()), None, "{s}");
        }
    }

    #[test]
    fn a_row_reads_both_forms_and_null() {
        let conn = rusqlite::Connection::open_in_memory().unwrap();
        let (fast, other, none) = conn
            .query_row(
                "SELECT '2026-12-02 10:30:00+00:00', '2026-12-02 13:30:00+03:00', NULL",
                [],
                |r| Ok((r.instant(0)?, r.instant(1)?, r.instant_opt(2)?)),
            )
            .unwrap();
        assert_eq!(fast, other);
        assert_eq!(none, None);
    }
}
