//! SQL for matching: settings, the candidate facts of an order, decisions, and workers'
//! availability.

use std::collections::{HashMap, HashSet};

use chrono::{DateTime, Duration, NaiveDate, Utc};
use rusqlite::{Connection, OptionalExtension, named_params, params};

use super::model::{Candidate, Considered, Decision, MatchingSettings, Weights};

pub fn settings(conn: &Connection) -> rusqlite::Result<MatchingSettings> {
    conn.query_row(
        "SELECT version, strategy, enabled, max_attempts, daily_limit, travel_buffer_minutes,
                weight_rating, weight_qc, weight_load, weight_favourite
         FROM matching_settings WHERE id = 1",
        [],
        |r| {
            Ok(MatchingSettings {
                version: r.get(0)?,
                strategy: r.get(1)?,
                enabled: r.get(2)?,
                max_attempts: r.get(3)?,
                daily_limit: r.get(4)?,
                travel_buffer_minutes: r.get(5)?,
                weights: Weights {
                    rating: r.get(6)?,
                    qc: r.get(7)?,
                    load: r.get(8)?,
                    favourite: r.get(9)?,
                },
            })
        },
    )
}

/// Saves new settings as the next version.
pub fn save_settings(
    conn: &Connection,
    s: &MatchingSettings,
    now: DateTime<Utc>,
) -> rusqlite::Result<i64> {
    conn.execute(
        "UPDATE matching_settings SET version = version + 1, strategy = ?1, enabled = ?2, max_attempts = ?3,
             daily_limit = ?4, travel_buffer_minutes = ?5, weight_rating = ?6, weight_qc = ?7, weight_load = ?8,
             weight_favourite = ?9, updated_at = ?10 WHERE id = 1",
        params![s.strategy, s.enabled, s.max_attempts, s.daily_limit, s.travel_buffer_minutes, s.weights.rating,
            s.weights.qc, s.weights.load, s.weights.favourite, now],
    )?;
    conn.query_row(
        "SELECT version FROM matching_settings WHERE id = 1",
        [],
        |r| r.get(0),
    )
}

/// Where and when the order is, as matching needs it.
pub struct Slot {
    pub order_id: i64,
    pub client_id: i64,
    pub skill: String,
    pub start: DateTime<Utc>,
    pub end: DateTime<Utc>,
    /// In the business time zone: weekday 1–7, minutes after midnight, the date.
    pub weekday: u32,
    pub start_minute: i64,
    pub end_minute: i64,
    pub day: NaiveDate,
    /// The local day as UTC bounds, for the daily limit.
    pub day_start: DateTime<Utc>,
    pub day_end: DateTime<Utc>,
}

/// Every worker with the facts the eligibility rules read, in id order.
pub fn candidates(
    conn: &Connection,
    slot: &Slot,
    buffer_minutes: i64,
) -> rusqlite::Result<Vec<Candidate>> {
    let busy_start = slot.start - Duration::minutes(buffer_minutes);
    let busy_end = slot.end + Duration::minutes(buffer_minutes);
    // Services last at most 12 hours (the catalogue's limit): nothing that started earlier
    // can overlap, which keeps the overlap scans to a few rows of the schedule.
    let earliest = busy_start - Duration::minutes(720);
    let ids = |sql: &str, p: &[&dyn rusqlite::ToSql]| -> rusqlite::Result<HashSet<i64>> {
        let mut stmt = conn.prepare_cached(sql)?;
        stmt.query_map(p, |r| r.get(0))?.collect()
    };
    let busy_jobs = ids(
        "SELECT worker_id FROM orders WHERE worker_id IS NOT NULL AND id <> ?1
           AND status IN ('assigned', 'in_progress', 'reported')
           AND scheduled_at >= ?2 AND scheduled_at < ?3 AND ends_at > ?4",
        &[&slot.order_id, &earliest, &busy_end, &busy_start],
    )?;
    // An open offer holds the worker's time as firmly as a job does.
    let busy_offers = ids(
        "SELECT f.worker_id FROM order_offers f JOIN orders o ON o.id = f.order_id
         WHERE f.status = 'open' AND f.order_id <> ?1
           AND o.scheduled_at >= ?2 AND o.scheduled_at < ?3 AND o.ends_at > ?4",
        &[&slot.order_id, &earliest, &busy_end, &busy_start],
    )?;
    let tried = ids(
        "SELECT worker_id FROM order_offers WHERE order_id = ?1 AND status IN ('declined', 'expired')",
        &[&slot.order_id],
    )?;
    let mut load: HashMap<i64, i64> = HashMap::new();
    let mut stmt = conn.prepare_cached(
        "SELECT worker_id, COUNT(*) FROM orders WHERE worker_id IS NOT NULL
           AND status IN ('assigned', 'in_progress', 'reported', 'completed')
           AND scheduled_at >= ?1 AND scheduled_at < ?2 GROUP BY worker_id",
    )?;
    for row in stmt.query_map(params![slot.day_start, slot.day_end], |r| {
        Ok((r.get(0)?, r.get(1)?))
    })? {
        let (worker, n) = row?;
        load.insert(worker, n);
    }
    let mut prefs: HashMap<i64, String> = HashMap::new();
    let mut stmt = conn.prepare_cached(
        "SELECT worker_id, kind FROM client_worker_preferences WHERE client_id = ?1",
    )?;
    for row in stmt.query_map([slot.client_id], |r| Ok((r.get(0)?, r.get(1)?)))? {
        let (worker, kind) = row?;
        prefs.insert(worker, kind);
    }
    let mut stmt = conn.prepare_cached(include_str!("candidates.sql"))?;
    let rows = stmt.query_map(
        named_params! {
            ":skill": slot.skill,
            ":weekday": slot.weekday,
            ":start_minute": slot.start_minute,
            ":end_minute": slot.end_minute,
            ":day": slot.day.to_string(),
        },
        |r| {
            let id: i64 = r.get(0)?;
            Ok(Candidate {
                worker_id: id,
                active: r.get(1)?,
                on_duty: r.get(2)?,
                skilled: r.get(3)?,
                within_hours: r.get(4)?,
                busy: busy_jobs.contains(&id) || busy_offers.contains(&id),
                jobs_that_day: load.get(&id).copied().unwrap_or(0),
                blocked: prefs.get(&id).is_some_and(|k| k == "blocked"),
                favourite: prefs.get(&id).is_some_and(|k| k == "favourite"),
                tried: tried.contains(&id),
                rating_centi: r.get(5)?,
                qc_centi: r.get(6)?,
            })
        },
    )?;
    rows.collect()
}

/// Adds a client's rating to the worker's running totals.
pub fn add_rating(conn: &Connection, worker_id: i64, rating: i64) -> rusqlite::Result<()> {
    conn.execute(
        "INSERT INTO worker_ratings (worker_id, rating_sum, rating_count) VALUES (?1, ?2, 1)
         ON CONFLICT (worker_id) DO UPDATE SET rating_sum = rating_sum + excluded.rating_sum, rating_count = rating_count + 1",
        params![worker_id, rating],
    )?;
    Ok(())
}

/// The current round of the order's matching and how many decisions it has had in it.
pub fn round_and_attempts(conn: &Connection, order_id: i64) -> rusqlite::Result<(i64, i64)> {
    conn.query_row(
        "SELECT COALESCE(MAX(round), 1),
                (SELECT COUNT(*) FROM matching_decisions WHERE order_id = ?1
                   AND round = (SELECT COALESCE(MAX(round), 1) FROM matching_decisions WHERE order_id = ?1))
         FROM matching_decisions WHERE order_id = ?1",
        [order_id],
        |r| Ok((r.get(0)?, r.get(1)?)),
    )
}

pub fn insert_decision(
    conn: &Connection,
    order_id: i64,
    round: i64,
    attempt: i64,
    d: &Decision,
    now: DateTime<Utc>,
) -> rusqlite::Result<i64> {
    let json = serde_json::to_string(&d.considered).expect("decisions serialise");
    conn.execute(
        "INSERT INTO matching_decisions (order_id, round, attempt, at, strategy, strategy_version, seed, candidates_json, chosen_worker_id)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
        params![order_id, round, attempt, now, d.strategy, d.version, d.seed as i64, json, d.chosen],
    )?;
    Ok(conn.last_insert_rowid())
}

#[derive(Debug, Clone)]
pub struct DecisionRecord {
    pub id: i64,
    pub order_id: i64,
    pub round: i64,
    pub attempt: i64,
    pub at: DateTime<Utc>,
    pub strategy: String,
    pub strategy_version: String,
    pub seed: i64,
    pub considered: Vec<Considered>,
    pub chosen_worker: Option<String>,
}

const DECISION_SELECT: &str = "SELECT d.id, d.order_id, d.round, d.attempt, d.at, d.strategy, d.strategy_version, d.seed,
        d.candidates_json, u.name FROM matching_decisions d LEFT JOIN users u ON u.id = d.chosen_worker_id";

fn decision_from_row(r: &rusqlite::Row) -> rusqlite::Result<DecisionRecord> {
    let json: String = r.get(8)?;
    Ok(DecisionRecord {
        id: r.get(0)?,
        order_id: r.get(1)?,
        round: r.get(2)?,
        attempt: r.get(3)?,
        at: r.get(4)?,
        strategy: r.get(5)?,
        strategy_version: r.get(6)?,
        seed: r.get(7)?,
        considered: serde_json::from_str(&json).unwrap_or_default(),
        chosen_worker: r.get(9)?,
    })
}

pub fn decisions_for_order(
    conn: &Connection,
    order_id: i64,
) -> rusqlite::Result<Vec<DecisionRecord>> {
    let mut stmt = conn.prepare_cached(&format!(
        "{DECISION_SELECT} WHERE d.order_id = ?1 ORDER BY d.id DESC LIMIT 20"
    ))?;
    stmt.query_map([order_id], decision_from_row)?.collect()
}

pub fn decisions_page(
    conn: &Connection,
    limit: i64,
    offset: i64,
) -> rusqlite::Result<(Vec<DecisionRecord>, i64)> {
    let total = conn.query_row("SELECT COUNT(*) FROM matching_decisions", [], |r| r.get(0))?;
    let mut stmt = conn.prepare(&format!(
        "{DECISION_SELECT} ORDER BY d.id DESC LIMIT ?1 OFFSET ?2"
    ))?;
    let rows = stmt
        .query_map([limit, offset], decision_from_row)?
        .collect::<rusqlite::Result<_>>()?;
    Ok((rows, total))
}

pub fn decision(conn: &Connection, id: i64) -> rusqlite::Result<Option<DecisionRecord>> {
    conn.query_row(
        &format!("{DECISION_SELECT} WHERE d.id = ?1"),
        [id],
        decision_from_row,
    )
    .optional()
}

/// Orders waiting for matching: `new` with no open offer.
pub fn orders_to_match(conn: &Connection, limit: i64) -> rusqlite::Result<Vec<i64>> {
    let mut stmt = conn.prepare_cached(
        "SELECT o.id FROM orders o WHERE o.status = 'new'
           AND NOT EXISTS (SELECT 1 FROM order_offers f WHERE f.order_id = o.id AND f.status = 'open')
         ORDER BY o.scheduled_at, o.id LIMIT ?1",
    )?;
    stmt.query_map([limit], |r| r.get(0))?.collect()
}

/// Orders whose open offer has run out.
pub fn expired_offers(
    conn: &Connection,
    now: DateTime<Utc>,
    limit: i64,
) -> rusqlite::Result<Vec<i64>> {
    let mut stmt = conn.prepare_cached(
        "SELECT order_id FROM order_offers WHERE status = 'open' AND expires_at <= ?1 ORDER BY expires_at, id LIMIT ?2",
    )?;
    stmt.query_map(params![now, limit], |r| r.get(0))?.collect()
}
