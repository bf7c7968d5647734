//! Reports written on the phone, possibly without signal: the draft id the browser makes
//! (so a resend is recognised) and the time the worker finished on the device, checked
//! against the server's clock.

use chrono::{DateTime, Duration, Utc};

/// How far a phone's clock may run ahead of or behind the server's.
pub const CLOCK_SKEW_MINUTES: i64 = 5;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TimeProblem {
    Unreadable,
    InTheFuture,
    BeforeStart,
}

impl TimeProblem {
    pub fn message_key(self) -> &'static str {
        match self {
            TimeProblem::Unreadable => "err-report-finished-unreadable",
            TimeProblem::InTheFuture => "err-report-finished-future",
            TimeProblem::BeforeStart => "err-report-finished-before-start",
        }
    }
}

/// A draft id that is not a UUID: not made by our page.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct BadDraftId;

/// A draft id as the browser sends it: empty (no script, or an old page) is none; anything
/// else must be a UUID, kept in its lower-case hyphenated form.
pub fn draft_id(raw: &str) -> Result<Option<String>, BadDraftId> {
    let raw = raw.trim();
    if raw.is_empty() {
        return Ok(None);
    }
    uuid::Uuid::try_parse(raw)
        .map(|id| Some(id.hyphenated().to_string()))
        .map_err(|_| BadDraftId)
}

/// When the report was finished: the device's time (RFC 3339) when sent, else its arrival.
/// It may not lie in the future or before the job started beyond the clock skew; within
/// the skew it is pulled back inside [start, arrival], so the times always read in order.
pub fn finished_at(
    raw: &str,
    started: Option<DateTime<Utc>>,
    arrived: DateTime<Utc>,
) -> Result<DateTime<Utc>, TimeProblem> {
    let raw = raw.trim();
    if raw.is_empty() {
        return Ok(arrived);
    }
    let at = DateTime::parse_from_rfc3339(raw)
        .map_err(|_| TimeProblem::Unreadable)?
        .with_timezone(&Utc);
    let skew = Duration::minutes(CLOCK_SKEW_MINUTES);
    if at > arrived + skew {
        return Err(TimeProblem::InTheFuture);
    }
    if let Some(start) = started {
        if at < start - skew {
            return Err(TimeProblem::BeforeStart);
        }
        return Ok(at.clamp(start.min(arrived), arrived));
    }
    Ok(at.min(arrived))
}

#[cfg(test)]
mod tests {
    use chrono::TimeZone;

    use super::*;

    fn at(h: u32, m: u32) -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2026, 12, 2, h, m, 0).unwrap()
    }

    #[test]
    fn a_draft_id_is_a_uuid_or_nothing() {
        assert_eq!(draft_id(""), Ok(None));
        assert_eq!(
            draft_id(" 6F9619FF-8B86-D011-B42D-00C04FC964FF "),
            Ok(Some("6f9619ff-8b86-d011-b42d-00c04fc964ff".into()))
        );
        assert_eq!(draft_id("'; DROP TABLE orders"), Err(BadDraftId));
    }

    #[test]
    fn the_device_time_is_kept_when_it_is_between_the_start_and_the_arrival() {
        let finished = finished_at("2026-12-02T10:30:00+03:00", Some(at(6, 0)), at(9, 0));
        assert_eq!(finished, Ok(at(7, 30)), "a report sent 90 minutes late");
        assert_eq!(finished_at("", Some(at(6, 0)), at(9, 0)), Ok(at(9, 0)));
    }

    #[test]
    fn a_device_time_in_the_future_or_before_the_start_is_refused() {
        assert_eq!(
            finished_at("2026-12-02T09:06:00Z", Some(at(6, 0)), at(9, 0)),
            Err(TimeProblem::InTheFuture)
        );
        assert_eq!(
            finished_at("2026-12-02T05:54:00Z", Some(at(6, 0)), at(9, 0)),
            Err(TimeProblem::BeforeStart)
        );
        assert_eq!(
            finished_at("yesterday", Some(at(6, 0)), at(9, 0)),
            Err(TimeProblem::Unreadable)
        );
    }

    #[test]
    fn a_clock_slightly_off_is_pulled_inside_the_job() {
        assert_eq!(
            finished_at("2026-12-02T09:04:00Z", Some(at(6, 0)), at(9, 0)),
            Ok(at(9, 0))
        );
        assert_eq!(
            finished_at("2026-12-02T05:56:00Z", Some(at(6, 0)), at(9, 0)),
            Ok(at(6, 0))
        );
    }
}
