//! Workers' availability and skills: the on-duty switch, weekly hours and days off (the
//! worker's own phone page), and skills (set at enrolment or by an admin).

use chrono::NaiveDate;
use rusqlite::{Connection, params};

#[derive(Debug, Clone, Default)]
pub struct Availability {
    pub on_duty: bool,
    /// (weekday 1–7, start minute, end minute) of working days.
    pub hours: Vec<(u32, i64, i64)>,
    pub days_off: Vec<NaiveDate>,
    pub skills: Vec<String>,
}

pub fn availability(conn: &Connection, worker_id: i64) -> rusqlite::Result<Availability> {
    let on_duty = conn
        .query_row(
            "SELECT on_duty FROM worker_profiles WHERE user_id = ?1",
            [worker_id],
            |r| r.get("on_duty"),
        )
        .unwrap_or(false);
    let mut stmt = conn.prepare_cached("SELECT weekday, start_minute, end_minute FROM worker_hours WHERE user_id = ?1 ORDER BY weekday")?;
    let hours = stmt
        .query_map([worker_id], |r| {
            Ok((
                r.get("weekday")?,
                r.get("start_minute")?,
                r.get("end_minute")?,
            ))
        })?
        .collect::<Result<_, _>>()?;
    let mut stmt =
        conn.prepare_cached("SELECT day FROM worker_days_off WHERE user_id = ?1 ORDER BY day")?;
    let days: Vec<String> = stmt
        .query_map([worker_id], |r| r.get("day"))?
        .collect::<Result<_, _>>()?;
    let mut stmt =
        conn.prepare_cached("SELECT skill FROM worker_skills WHERE user_id = ?1 ORDER BY skill")?;
    let skills = stmt
        .query_map([worker_id], |r| r.get("skill"))?
        .collect::<Result<_, _>>()?;
    Ok(Availability {
        on_duty,
        hours,
        days_off: days
            .iter()
            .filter_map(|d| NaiveDate::parse_from_str(d, "%Y-%m-%d").ok())
            .collect(),
        skills,
    })
}

pub fn set_on_duty(conn: &Connection, worker_id: i64, on_duty: bool) -> rusqlite::Result<()> {
    conn.execute(
        "INSERT INTO worker_profiles (user_id, on_duty) VALUES (?1, ?2)
         ON CONFLICT (user_id) DO UPDATE SET on_duty = excluded.on_duty",
        params![worker_id, on_duty],
    )?;
    Ok(())
}

/// Replaces the weekly hours with `hours` (weekday, start minute, end minute).
pub fn set_hours(
    conn: &Connection,
    worker_id: i64,
    hours: &[(u32, i64, i64)],
) -> rusqlite::Result<()> {
    conn.execute("DELETE FROM worker_hours WHERE user_id = ?1", [worker_id])?;
    for (weekday, start, end) in hours {
        conn.execute(
            "INSERT INTO worker_hours (user_id, weekday, start_minute, end_minute) VALUES (?1, ?2, ?3, ?4)",
            params![worker_id, weekday, start, end],
        )?;
    }
    Ok(())
}

pub fn add_day_off(conn: &Connection, worker_id: i64, day: NaiveDate) -> rusqlite::Result<()> {
    conn.execute(
        "INSERT INTO worker_days_off (user_id, day) VALUES (?1, ?2) ON CONFLICT DO NOTHING",
        params![worker_id, day.to_string()],
    )?;
    Ok(())
}

pub fn remove_day_off(
    conn: &Connection,
    worker_id: i64,
    day: NaiveDate,
) -> rusqlite::Result<usize> {
    conn.execute(
        "DELETE FROM worker_days_off WHERE user_id = ?1 AND day = ?2",
        params![worker_id, day.to_string()],
    )
}

pub fn set_skills(conn: &Connection, worker_id: i64, skills: &[String]) -> rusqlite::Result<()> {
    conn.execute("DELETE FROM worker_skills WHERE user_id = ?1", [worker_id])?;
    for skill in skills {
        conn.execute(
            "INSERT OR IGNORE INTO worker_skills (user_id, skill) VALUES (?1, ?2)",
            params![worker_id, skill],
        )?;
    }
    Ok(())
}

/// Parses "HH:MM" into minutes after midnight (24:00 allowed as the end of the day).
pub fn parse_minutes(s: &str) -> Option<i64> {
    let (h, m) = s.trim().split_once(':')?;
    let (h, m): (i64, i64) = (h.parse().ok()?, m.parse().ok()?);
    let total = h * 60 + m;
    ((0..60).contains(&m) && (0..=24 * 60).contains(&total)).then_some(total)
}

pub fn format_minutes(m: i64) -> String {
    format!("{:02}:{:02}", m / 60, m % 60)
}

/// How far workers are set up, for the admin's checklist: whether any worker holds a skill,
/// and how many active workers have no working hours yet.
pub fn setup_gaps(conn: &Connection) -> rusqlite::Result<(bool, i64)> {
    conn.query_row(
        "SELECT EXISTS (SELECT 1 FROM worker_skills) AS skilled,
                (SELECT COUNT(*) FROM people p WHERE p.role = 'worker' AND p.active = 1
                   AND NOT EXISTS (SELECT 1 FROM worker_hours h WHERE h.user_id = p.id)) AS no_hours",
        [],
        |r| Ok((r.get("skilled")?, r.get("no_hours")?)),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn times_of_day_parse_and_print() {
        assert_eq!(parse_minutes("08:30"), Some(510));
        assert_eq!(parse_minutes("24:00"), Some(1440));
        for bad in ["25:00", "8", "08:60", "-1:00", "ab:cd"] {
            assert_eq!(parse_minutes(bad), None, "{bad}");
        }
        assert_eq!(format_minutes(510), "08:30");
    }
}
