//! SQL for matching: settings, the candidate facts of an order, decisions, and workers'
//! availability. Other contexts' facts come through the published views (`people`,
//! `order_facts`, `service_names`) or their owners' read functions (offers from orders, the
//! client's preferences from profile).

pub mod availability;
pub mod board;
pub mod experiments;
pub mod replay;
pub mod roster;

use crate::db::QueryRowCached;
use std::collections::{HashMap, HashSet};

use chrono::{DateTime, Duration, NaiveDate, Utc};
use rusqlite::{Connection, OptionalExtension, named_params, params};

use super::model::{Candidate, Considered, Decision, MatchingSettings, Weights};

pub fn settings(conn: &Connection) -> rusqlite::Result<MatchingSettings> {
    conn.query_row_cached(
        "SELECT version, strategy, enabled, max_attempts, daily_limit, travel_buffer_minutes,
                weight_rating, weight_qc, weight_load, weight_favourite
         FROM matching_settings WHERE id = 1",
        [],
        experiments::settings_from_row,
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
    let saved = settings(conn)?;
    experiments::keep_version(conn, &saved, now)?;
    Ok(saved.version)
}

/// Where and when the order is, as matching needs it.
pub struct Slot {
    pub order_id: i64,
    pub client_id: i64,
    pub skill: String,
    pub service_id: i64,
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
    let busy_jobs: HashSet<i64> = {
        let mut stmt = conn.prepare_cached(
            "SELECT worker_id FROM order_facts WHERE worker_id IS NOT NULL AND id <> ?1
               AND status IN ('assigned', 'in_progress', 'reported')
               AND scheduled_at >= ?2 AND scheduled_at < ?3 AND ends_at > ?4",
        )?;
        stmt.query_map(
            params![slot.order_id, earliest, busy_end, busy_start],
            |r| r.get("worker_id"),
        )?
        .collect::<rusqlite::Result<_>>()?
    };
    let busy_offers = crate::orders::store::offers::workers_with_open_offers(
        conn,
        slot.order_id,
        earliest,
        busy_end,
        busy_start,
    )?;
    let tried = crate::orders::store::offers::workers_tried(conn, slot.order_id)?;
    let mut load: HashMap<i64, i64> = HashMap::new();
    let mut stmt = conn.prepare_cached(
        "SELECT worker_id, COUNT(*) AS jobs FROM order_facts WHERE worker_id IS NOT NULL
           AND status IN ('assigned', 'in_progress', 'reported', 'completed')
           AND scheduled_at >= ?1 AND scheduled_at < ?2 GROUP BY worker_id",
    )?;
    for row in stmt.query_map(params![slot.day_start, slot.day_end], |r| {
        Ok((r.get("worker_id")?, r.get("jobs")?))
    })? {
        let (worker, n) = row?;
        load.insert(worker, n);
    }
    let prefs = crate::profile::store::worker_preferences(conn, slot.client_id)?;
    let last_worker = crate::orders::store::series::last_worker(conn, slot.order_id)?;
    let mut stmt = conn.prepare_cached(include_str!("candidates.sql"))?;
    let rows = stmt.query_map(
        named_params! {
            ":skill": slot.skill,
            ":weekday": slot.weekday,
            ":start_minute": slot.start_minute,
            ":end_minute": slot.end_minute,
            ":day": slot.day.to_string(),
            ":service": slot.service_id,

        },
        |r| {
            let id: i64 = r.get("id")?;
            Ok(Candidate {
                worker_id: id,
                active: r.get("active")?,
                on_duty: r.get("on_duty")?,
                skilled: r.get("skilled")?,
                within_hours: r.get("within_hours")?,
                busy: busy_jobs.contains(&id) || busy_offers.contains(&id),
                jobs_that_day: load.get(&id).copied().unwrap_or(0),
                blocked: prefs.get(&id).is_some_and(|k| k == "blocked"),
                favourite: prefs.get(&id).is_some_and(|k| k == "favourite"),
                last_worker: last_worker == Some(id),
                tried: tried.contains(&id),
                rating_centi: r.get("rating_centi")?,
                qc_centi: r.get("qc_centi")?,
                not_certified: r.get("not_certified")?,
                cert_centi: r.get("cert_centi")?,
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
    conn.query_row_cached(
        "SELECT COALESCE(MAX(round), 1) AS round,
                (SELECT COUNT(*) FROM matching_decisions WHERE order_id = ?1
                   AND round = (SELECT COALESCE(MAX(round), 1) FROM matching_decisions WHERE order_id = ?1))
                  AS attempts
         FROM matching_decisions WHERE order_id = ?1",
        [order_id],
        |r| Ok((r.get("round")?, r.get("attempts")?)),
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
    let json = serde_json::to_string(&Recorded::Full {
        weights: d.weights,
        considered: d.considered.clone(),
    })
    .expect("decisions serialise");
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
    pub chosen_worker_id: Option<i64>,
    /// The score weights in force; none in records made before they were kept.
    pub weights: Option<Weights>,
}

/// `candidates_json`: the candidates with the weights in force; records made before the
/// weights were kept hold the bare list.
#[derive(serde::Serialize, serde::Deserialize)]
#[serde(untagged)]
enum Recorded {
    Full {
        weights: Option<Weights>,
        considered: Vec<Considered>,
    },
    Bare(Vec<Considered>),
}

const DECISION_SELECT: &str =
    "SELECT d.id, d.order_id, d.round, d.attempt, d.at, d.strategy, d.strategy_version, d.seed,
        d.candidates_json, u.name AS chosen_worker, d.chosen_worker_id
     FROM matching_decisions d LEFT JOIN people u ON u.id = d.chosen_worker_id";

fn decision_from_row(r: &rusqlite::Row) -> rusqlite::Result<DecisionRecord> {
    let json: String = r.get("candidates_json")?;
    let (weights, considered) = match serde_json::from_str(&json) {
        Ok(Recorded::Full {
            weights,
            considered,
        }) => (weights, considered),
        Ok(Recorded::Bare(considered)) => (None, considered),
        Err(_) => (None, Vec::new()),
    };
    Ok(DecisionRecord {
        id: r.get("id")?,
        order_id: r.get("order_id")?,
        round: r.get("round")?,
        attempt: r.get("attempt")?,
        at: r.get("at")?,
        strategy: r.get("strategy")?,
        strategy_version: r.get("strategy_version")?,
        seed: r.get("seed")?,
        considered,
        chosen_worker: r.get("chosen_worker")?,
        chosen_worker_id: r.get("chosen_worker_id")?,
        weights,
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
    let total =
        conn.query_row_cached("SELECT COUNT(*) FROM matching_decisions", [], |r| r.get(0))?;
    let mut stmt = conn.prepare_cached(&format!(
        "{DECISION_SELECT} ORDER BY d.id DESC LIMIT ?1 OFFSET ?2"
    ))?;
    let rows = stmt
        .query_map([limit, offset], decision_from_row)?
        .collect::<rusqlite::Result<_>>()?;
    Ok((rows, total))
}

pub fn decision(conn: &Connection, id: i64) -> rusqlite::Result<Option<DecisionRecord>> {
    conn.query_row_cached(
        &format!("{DECISION_SELECT} WHERE d.id = ?1"),
        [id],
        decision_from_row,
    )
    .optional()
}

/// The skill a service needs (read through `service_names`); empty when the service is gone.
pub fn service_skill(conn: &Connection, service_id: i64) -> rusqlite::Result<String> {
    Ok(conn
        .query_row(
            "SELECT skill FROM service_names WHERE id = ?1",
            [service_id],
            |r| r.get("skill"),
        )
        .optional()?
        .unwrap_or_default())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn records_with_and_without_the_weights_both_read() {
        let bare = r#"[{"worker_id":3,"excluded":null,"score":null}]"#;
        let Ok(Recorded::Bare(old)) = serde_json::from_str::<Recorded>(bare) else {
            panic!("a bare list reads as an old record");
        };
        assert_eq!(old[0].facts, None);
        let full = serde_json::to_string(&Recorded::Full {
            weights: Some(Weights {
                rating: 1,
                qc: 2,
                load: 3,
                favourite: 4,
            }),
            considered: old.clone(),
        })
        .unwrap();
        assert!(full.contains(r#"{"worker_id":3,"excluded":null"#));
        let Ok(Recorded::Full {
            weights,
            considered,
        }) = serde_json::from_str::<Recorded>(&full)
        else {
            panic!("the full form reads back");
        };
        assert_eq!((weights.map(|w| w.load), considered), (Some(3), old));
    }
}
