//! SQL of screening policies, the cohort's scores, hiring decisions and the funnel.

use crate::db::QueryRowCached;
use std::collections::BTreeMap;

use chrono::{DateTime, Utc};
use rusqlite::{Connection, OptionalExtension, params};

use crate::hiring::model::policy::{Policy, Ranked, Rule};
use crate::hiring::model::{AttemptStatus, CandidateStatus, PolicyStatus};

#[derive(Debug, Clone)]
pub struct StoredPolicy {
    pub id: i64,
    pub version: i64,
    pub status: PolicyStatus,
    pub window_days: i64,
    pub policy: Policy,
}

pub fn policies(conn: &Connection) -> rusqlite::Result<Vec<StoredPolicy>> {
    let ids: Vec<i64> = {
        let mut stmt =
            conn.prepare_cached("SELECT id FROM screening_policies ORDER BY version DESC")?;
        stmt.query_map([], |r| r.get("id"))?
            .collect::<rusqlite::Result<_>>()?
    };
    ids.into_iter()
        .filter_map(|id| policy(conn, id).transpose())
        .collect()
}

pub fn policy(conn: &Connection, id: i64) -> rusqlite::Result<Option<StoredPolicy>> {
    let row = conn
        .query_row(
            "SELECT version, status, rule, percent, threshold_bp, floor_bp, window_days FROM screening_policies WHERE id = ?1",
            [id],
            |r| {
                Ok((
                    r.get::<_, i64>("version")?,
                    r.get::<_, PolicyStatus>("status")?,
                    r.get::<_, String>("rule")?,
                    r.get::<_, i64>("percent")?,
                    r.get::<_, i64>("threshold_bp")?,
                    r.get::<_, i64>("floor_bp")?,
                    r.get::<_, i64>("window_days")?,
                ))
            },
        )
        .optional()?;
    let Some((version, status, rule, percent, threshold_bp, floor_bp, window_days)) = row else {
        return Ok(None);
    };
    let mut stmt = conn.prepare_cached(
        "SELECT test_id, weight FROM screening_policy_tests WHERE policy_id = ?1 ORDER BY test_id",
    )?;
    let tests = stmt
        .query_map([id], |r| Ok((r.get("test_id")?, r.get("weight")?)))?
        .collect::<rusqlite::Result<_>>()?;
    let rule = if rule == "min_score" {
        Rule::MinScore { threshold_bp }
    } else {
        Rule::TopPercent { percent }
    };
    Ok(Some(StoredPolicy {
        id,
        version,
        status,
        window_days,
        policy: Policy {
            tests,
            rule,
            floor_bp,
        },
    }))
}

pub fn active(conn: &Connection) -> rusqlite::Result<Option<StoredPolicy>> {
    let id: Option<i64> = conn
        .query_row(
            "SELECT id FROM screening_policies WHERE status = ?1",
            [PolicyStatus::Active],
            |r| r.get("id"),
        )
        .optional()?;
    id.map(|id| policy(conn, id))
        .transpose()
        .map(Option::flatten)
}

/// Saves a validated policy as the next draft version; returns its id.
pub fn insert_draft(
    tx: &Connection,
    now: DateTime<Utc>,
    p: &Policy,
    window_days: i64,
) -> rusqlite::Result<i64> {
    let version: i64 = tx.query_row_cached(
        "SELECT COALESCE(MAX(version), 0) + 1 AS version FROM screening_policies",
        [],
        |r| r.get("version"),
    )?;
    let (rule, percent, threshold) = match p.rule {
        Rule::TopPercent { percent } => ("top_percent", percent, 0),
        Rule::MinScore { threshold_bp } => ("min_score", 0, threshold_bp),
    };
    tx.execute(
        "INSERT INTO screening_policies (version, status, rule, percent, threshold_bp, floor_bp, window_days, created_at)
         VALUES (?1, ?8, ?2, ?3, ?4, ?5, ?6, ?7)",
        params![version, rule, percent, threshold, p.floor_bp, window_days, now, PolicyStatus::Draft],
    )?;
    let id = tx.last_insert_rowid();
    for (test, weight) in &p.tests {
        tx.execute(
            "INSERT INTO screening_policy_tests (policy_id, test_id, weight) VALUES (?1, ?2, ?3)",
            params![id, test, weight],
        )?;
    }
    Ok(id)
}

/// The active policy retires and `id` becomes the active one.
pub fn activate(tx: &Connection, id: i64, now: DateTime<Utc>) -> rusqlite::Result<()> {
    tx.execute(
        "UPDATE screening_policies SET status = ?1 WHERE status = ?2",
        params![PolicyStatus::Retired, PolicyStatus::Active],
    )?;
    tx.execute(
        "UPDATE screening_policies SET status = ?3, activated_at = ?2 WHERE id = ?1",
        params![id, now, PolicyStatus::Active],
    )?;
    Ok(())
}

/// Each candidate's tests (not expired) with their latest score: `None` while not graded, or
/// when graded before `since` (outside the cohort's window).
pub fn scores(
    conn: &Connection,
    since: DateTime<Utc>,
) -> rusqlite::Result<BTreeMap<i64, BTreeMap<i64, Option<i64>>>> {
    let mut stmt = conn.prepare_cached(
        "SELECT candidate_id, test_id,
                CASE WHEN status = ?2 AND submitted_at >= ?1 THEN score_bp END AS score_bp
         FROM test_assignments
         WHERE candidate_id IS NOT NULL AND status <> ?3 ORDER BY id",
    )?;
    let mut map: BTreeMap<i64, BTreeMap<i64, Option<i64>>> = BTreeMap::new();
    for row in stmt.query_map(
        params![since, AttemptStatus::Graded, AttemptStatus::Expired],
        |r| {
            Ok((
                r.get::<_, i64>("candidate_id")?,
                r.get::<_, i64>("test_id")?,
                r.get::<_, Option<i64>>("score_bp")?,
            ))
        },
    )? {
        let (candidate, test, score) = row?;
        map.entry(candidate).or_default().insert(test, score);
    }
    Ok(map)
}

/// The latest recorded decision per candidate (hired or not).
pub fn current_decisions(conn: &Connection) -> rusqlite::Result<BTreeMap<i64, bool>> {
    let mut stmt =
        conn.prepare_cached("SELECT candidate_id, hired FROM hiring_decisions ORDER BY id")?;
    let mut map = BTreeMap::new();
    for row in stmt.query_map([], |r| {
        Ok((r.get::<_, i64>("candidate_id")?, r.get::<_, bool>("hired")?))
    })? {
        let (c, h) = row?;
        map.insert(c, h);
    }
    Ok(map)
}

/// Where the candidate stands, and their user id.
pub fn candidate_status(
    tx: &Connection,
    candidate_id: i64,
) -> rusqlite::Result<(CandidateStatus, i64)> {
    tx.query_row_cached(
        "SELECT status, user_id FROM candidates WHERE id = ?1",
        [candidate_id],
        |x| Ok((x.get("status")?, x.get("user_id")?)),
    )
}

pub fn insert_decision(
    tx: &Connection,
    policy_id: i64,
    r: &Ranked,
    cohort: i64,
    now: DateTime<Utc>,
) -> rusqlite::Result<()> {
    tx.execute(
        "INSERT INTO hiring_decisions (candidate_id, policy_id, score_bp, rank, cohort_size, hired, decided_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
        params![r.candidate_id, policy_id, r.score_bp, r.rank as i64, cohort, r.hired(), now],
    )?;
    Ok(())
}

/// The candidate is hired or rejected.
pub fn decide_candidate(
    tx: &Connection,
    candidate_id: i64,
    status: CandidateStatus,
    now: DateTime<Utc>,
) -> rusqlite::Result<()> {
    tx.execute(
        "UPDATE candidates SET status = ?3, decided_at = ?2 WHERE id = ?1",
        params![candidate_id, now, status],
    )?;
    Ok(())
}

/// The skills of the services the candidate offered (read through `service_names`).
pub fn candidate_skills(tx: &Connection, candidate_id: i64) -> rusqlite::Result<Vec<String>> {
    let mut stmt = tx.prepare_cached("SELECT DISTINCT s.skill FROM candidate_skills k JOIN service_names s ON s.id = k.service_id WHERE k.candidate_id = ?1")?;
    stmt.query_map([candidate_id], |r| r.get("skill"))?
        .collect()
}

/// The services the candidate offered.
pub fn candidate_services(tx: &Connection, candidate_id: i64) -> rusqlite::Result<Vec<i64>> {
    let mut stmt = tx.prepare_cached(
        "SELECT service_id FROM candidate_skills WHERE candidate_id = ?1 ORDER BY service_id",
    )?;
    stmt.query_map([candidate_id], |r| r.get("service_id"))?
        .collect()
}

/// Whether the scheduled screening decisions ran on this local day.
pub fn ran_on(conn: &Connection, day: chrono::NaiveDate) -> rusqlite::Result<bool> {
    conn.query_row_cached(
        "SELECT EXISTS (SELECT 1 FROM screening_runs WHERE day = ?1)",
        [day.to_string()],
        |r| r.get(0),
    )
}

pub fn record_run(
    tx: &Connection,
    day: chrono::NaiveDate,
    hired: usize,
    rejected: usize,
    now: DateTime<Utc>,
) -> rusqlite::Result<()> {
    tx.execute(
        "INSERT OR IGNORE INTO screening_runs (day, hired, rejected, ran_at) VALUES (?1, ?2, ?3, ?4)",
        params![day.to_string(), hired as i64, rejected as i64, now],
    )?;
    Ok(())
}

/// The hiring funnel: applied → tested → scored, then hired/rejected per policy version.
#[derive(Debug, Clone, Default)]
pub struct Funnel {
    pub applied: i64,
    pub tested: i64,
    pub scored: i64,
    /// (policy version, hired, rejected): each candidate the version decided counts once, as
    /// hired if it hired them at any of its decisions.
    pub by_policy: Vec<(i64, i64, i64)>,
}

pub fn funnel(conn: &Connection) -> rusqlite::Result<Funnel> {
    let count = |sql: &str| conn.query_row_cached(sql, [], |r| r.get::<_, i64>(0));
    let mut stmt = conn.prepare_cached(
        "SELECT p.version, COUNT(DISTINCT CASE WHEN d.hired THEN d.candidate_id END) AS hired,
                COUNT(DISTINCT d.candidate_id) - COUNT(DISTINCT CASE WHEN d.hired THEN d.candidate_id END) AS rejected
         FROM hiring_decisions d JOIN screening_policies p ON p.id = d.policy_id
         GROUP BY p.version ORDER BY p.version DESC",
    )?;
    let by_policy = stmt
        .query_map([], |r| {
            Ok((r.get("version")?, r.get("hired")?, r.get("rejected")?))
        })?
        .collect::<rusqlite::Result<_>>()?;
    Ok(Funnel {
        applied: count("SELECT COUNT(*) FROM candidates")?,
        tested: count(
            "SELECT COUNT(DISTINCT candidate_id) FROM test_assignments WHERE status IN ('started', 'submitted', 'graded')",
        )?,
        scored: count(
            "SELECT COUNT(DISTINCT candidate_id) FROM test_assignments WHERE status = 'graded'",
        )?,
        by_policy,
    })
}

/// Notes that `user_id` looked at the screening policies (the first look is kept).
pub fn record_review(tx: &Connection, user_id: i64, now: DateTime<Utc>) -> rusqlite::Result<()> {
    tx.execute(
        "INSERT OR IGNORE INTO screening_policy_reviews (user_id, reviewed_at) VALUES (?1, ?2)",
        params![user_id, now],
    )?;
    Ok(())
}

/// Whether anyone has looked at the screening policies yet.
pub fn reviewed(conn: &Connection) -> rusqlite::Result<bool> {
    conn.query_row_cached(
        "SELECT EXISTS (SELECT 1 FROM screening_policy_reviews)",
        [],
        |r| r.get(0),
    )
}
