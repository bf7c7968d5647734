//! iCalendar text (RFC 5545) for calendar feeds and single appointments: escaping, line
//! folding at 75 octets, CRLF line ends. Times are written in UTC (`…Z`), so no `VTIMEZONE`
//! is needed and every calendar app shows them in its own zone.

use chrono::{DateTime, Utc};

/// One appointment. `uid` must be stable across feeds and downloads, so a calendar app
/// updates the event it already has instead of adding a second one.
#[derive(Debug, Clone)]
pub struct Event {
    pub uid: String,
    pub start: DateTime<Utc>,
    pub end: DateTime<Utc>,
    pub summary: String,
    pub location: String,
    pub description: String,
    /// A page about the event (`URL`), for readers who get the details there.
    pub url: Option<String>,
}

/// A whole `VCALENDAR` with its events; `stamp` is the `DTSTAMP` of each (when it was made).
pub fn calendar(name: &str, events: &[Event], stamp: DateTime<Utc>) -> String {
    let mut out = String::new();
    let mut line = |text: &str| {
        out.push_str(&fold(text));
        out.push_str("\r\n");
    };
    line("BEGIN:VCALENDAR");
    line("VERSION:2.0");
    line("PRODID:-//Whiskerworks//Whiskerworks//EN");
    line("CALSCALE:GREGORIAN");
    line("METHOD:PUBLISH");
    line(&format!("X-WR-CALNAME:{}", escape(name)));
    for e in events {
        line("BEGIN:VEVENT");
        line(&format!("UID:{}", escape(&e.uid)));
        line(&format!("DTSTAMP:{}", utc(stamp)));
        line(&format!("DTSTART:{}", utc(e.start)));
        line(&format!("DTEND:{}", utc(e.end)));
        line(&format!("SUMMARY:{}", escape(&e.summary)));
        if !e.location.is_empty() {
            line(&format!("LOCATION:{}", escape(&e.location)));
        }
        if !e.description.is_empty() {
            line(&format!("DESCRIPTION:{}", escape(&e.description)));
        }
        if let Some(url) = &e.url {
            line(&format!("URL:{url}"));
        }
        line("END:VEVENT");
    }
    line("END:VCALENDAR");
    out
}

/// A UTC date-time as RFC 5545 writes it: `20261202T090000Z`.
pub fn utc(at: DateTime<Utc>) -> String {
    at.format("%Y%m%dT%H%M%SZ").to_string()
}

/// A TEXT value: backslash, comma and semicolon are escaped, newlines become `\n`, other
/// control characters (which the format cannot carry) are dropped.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\\' => out.push_str("\\\\"),
            ',' => out.push_str("\\,"),
            ';' => out.push_str("\\;"),
            '\r' => {
                if chars.peek() != Some(&'\n') {
                    out.push_str("\\n");
                }
            }
            '\n' => out.push_str("\\n"),
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    out
}

/// Folds a content line into lines of at most 75 octets: each continuation starts with a
/// space (which counts). Never splits a UTF-8 character.
pub fn fold(line: &str) -> String {
    const LIMIT: usize = 75;
    let mut out = String::with_capacity(line.len() + line.len() / LIMIT * 3);
    let mut used = 0;
    for c in line.chars() {
        let width = c.len_utf8();
        if used + width > LIMIT {
            out.push_str("\r\n ");
            used = 1;
        }
        out.push(c);
        used += width;
    }
    out
}

#[cfg(test)]
mod tests {
    use chrono::TimeZone;

    use super::*;

    #[test]
    fn text_escapes_commas_semicolons_backslashes_and_newlines() {
        assert_eq!(
            escape("1 Depot Lane, floor 2; ring\\knock\nthen wait\r\nok"),
            "1 Depot Lane\\, floor 2\\; ring\\\\knock\\nthen wait\\nok"
        );
        assert_eq!(escape("bell\u{7}"), "bell");
    }

    #[test]
    fn long_lines_fold_at_75_octets_without_splitting_a_character() {
        let line = format!("SUMMARY:{}", "Генеральная уборка ".repeat(8));
        let folded = fold(&line);
        for part in folded.split("\r\n") {
            assert!(part.len() <= 75, "{} octets: {part}", part.len());
        }
        let unfolded = folded.replace("\r\n ", "");
        assert_eq!(unfolded, line);
        assert_eq!(fold("SHORT:1"), "SHORT:1");
        let exact = "X".repeat(75);
        assert_eq!(fold(&exact), exact);
        assert_eq!(fold(&"X".repeat(76)), format!("{}\r\n X", "X".repeat(75)));
    }

    #[test]
    fn a_calendar_has_crlf_lines_utc_times_and_a_stamp_per_event() {
        let at = Utc.with_ymd_and_hms(2026, 12, 2, 9, 0, 0).unwrap();
        let event = Event {
            uid: "order-7@whiskerworks".into(),
            start: at,
            end: at + chrono::Duration::hours(3),
            summary: "Deep cleaning".into(),
            location: "1 Test St, flat 2".into(),
            description: String::new(),
            url: Some("https://ww.example/manage/orders/7".into()),
        };
        let text = calendar("Jobs", &[event], at);
        assert!(text.contains("\r\nDTSTART:20261202T090000Z\r\n"));
        assert!(text.contains("\r\nDTEND:20261202T120000Z\r\n"));
        assert!(text.contains("\r\nDTSTAMP:20261202T090000Z\r\n"));
        assert!(text.contains("\r\nLOCATION:1 Test St\\, flat 2\r\n"));
        assert!(!text.contains("DESCRIPTION"));
        assert!(text.contains("\r\nURL:https://ww.example/manage/orders/7\r\n"));
        assert!(text.ends_with("END:VCALENDAR\r\n"));
        assert!(!text.replace("\r\n", "").contains('\n'), "bare LF");
    }
}
