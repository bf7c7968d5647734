//! The workers as the dispatch board lists them: a page of active workers (optionally those
//! with a skill) in a stable order, and each one's weekly hours and days off in a period.

use chrono::NaiveDate;
use rusqlite::{Connection, params};

use crate::db::QueryRowCached;

/// A worker on the board: who, whether on duty, their weekly hours (weekday 1–7, start and
/// end minute) and their days off within the period asked for.
#[derive(Debug, Clone, Default)]
pub struct RosterWorker {
    pub id: i64,
    pub name: String,
    pub on_duty: bool,
    pub hours: Vec<(u32, i64, i64)>,
    pub days_off: Vec<NaiveDate>,
}

/// One page of active workers by name (then id, so pages never shift between equal names),
/// and how many there are in all.
pub fn page(
    conn: &Connection,
    skill: Option<&str>,
    limit: i64,
    offset: i64,
) -> rusqlite::Result<(Vec<RosterWorker>, i64)> {
    const WHO: &str = "u.role = 'worker' AND u.active = 1
        AND (?1 IS NULL OR EXISTS (SELECT 1 FROM worker_skills k
                                   WHERE k.user_id = u.id AND k.skill = ?1))";
    let total = conn.query_row_cached(
        &format!("SELECT COUNT(*) AS n FROM people u WHERE {WHO}"),
        params![skill],
        |r| r.get("n"),
    )?;
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT u.id AS id, u.name AS name, COALESCE(p.on_duty, 0) AS on_duty
         FROM people u LEFT JOIN worker_profiles p ON p.user_id = u.id
         WHERE {WHO} ORDER BY u.name, u.id LIMIT ?2 OFFSET ?3"
    ))?;
    let workers = stmt
        .query_map(params![skill, limit, offset], |r| {
            Ok(RosterWorker {
                id: r.get("id")?,
                name: r.get("name")?,
                on_duty: r.get("on_duty")?,
                ..RosterWorker::default()
            })
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    Ok((workers, total))
}

/// Fills in the workers' weekly hours and their days off from `from` to `to` (inclusive).
pub fn fill_availability(
    conn: &Connection,
    workers: &mut [RosterWorker],
    from: NaiveDate,
    to: NaiveDate,
) -> rusqlite::Result<()> {
    let mut hours = conn.prepare_cached(
        "SELECT weekday, start_minute, end_minute FROM worker_hours
         WHERE user_id = ?1 ORDER BY weekday",
    )?;
    let mut off = conn.prepare_cached(
        "SELECT day FROM worker_days_off WHERE user_id = ?1 AND day >= ?2 AND day <= ?3
         ORDER BY day",
    )?;
    for w in workers.iter_mut() {
        w.hours = hours
            .query_map([w.id], |r| {
                Ok((
                    r.get("weekday")?,
                    r.get("start_minute")?,
                    r.get("end_minute")?,
                ))
            })?
            .collect::<rusqlite::Result<_>>()?;
        let days: Vec<String> = off
            .query_map(params![w.id, from.to_string(), to.to_string()], |r| {
                r.get("day")
            })?
            .collect::<rusqlite::Result<_>>()?;
        w.days_off = days
            .iter()
            .filter_map(|d| NaiveDate::parse_from_str(d, "%Y-%m-%d").ok())
            .collect();
    }
    Ok(())
}
