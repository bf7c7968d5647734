//! SQL of the hires' follow-up: who each policy version hired, and per hire their record
//! elsewhere, read through the published views (`worker_rating_totals`, `worker_qc_scores`,
//! `order_facts`, `order_history`, `account_changes`, `people`) one worker at a time, each
//! lookup on an index.

use chrono::{DateTime, Utc};
use rusqlite::{Connection, params};

use crate::db::QueryRowCached;
use crate::hiring::model::followup::{AccountChange, HireOutcome};

const HIRES: &str = "SELECT d.candidate_id, c.user_id, u.name, p.version, d.decided_at
     FROM hiring_decisions d
     JOIN screening_policies p ON p.id = d.policy_id
     JOIN candidates c ON c.id = d.candidate_id
     JOIN people u ON u.id = c.user_id
     WHERE d.hired = 1";

fn hire(r: &rusqlite::Row<'_>) -> rusqlite::Result<HireOutcome> {
    Ok(HireOutcome {
        candidate_id: r.get("candidate_id")?,
        worker_id: r.get("user_id")?,
        name: r.get("name")?,
        policy_version: r.get("version")?,
        hired_at: r.get("decided_at")?,
        ..HireOutcome::default()
    })
}

/// The hires (a candidate is hired once), all or those among `only`, newest version first and
/// in the order they were hired; their record is still to be read.
pub fn hires(conn: &Connection, only: Option<&[i64]>) -> rusqlite::Result<Vec<HireOutcome>> {
    let mut found = Vec::new();
    match only {
        None => {
            let mut stmt = conn.prepare_cached(HIRES)?;
            for row in stmt.query_map([], hire)? {
                found.push(row?);
            }
        }
        Some(ids) => {
            let mut stmt = conn.prepare_cached(&format!("{HIRES} AND d.candidate_id = ?1"))?;
            for id in ids {
                for row in stmt.query_map([id], hire)? {
                    found.push(row?);
                }
            }
        }
    }
    found.sort_by_key(|h| (-h.policy_version, h.hired_at, h.candidate_id));
    Ok(found)
}

/// Fills in the hire's record: ratings, QC, disputes, withdrawals and re-certifications.
pub fn read_record(conn: &Connection, h: &mut HireOutcome) -> rusqlite::Result<()> {
    let w = h.worker_id;
    (h.rating_sum, h.rating_count) = conn.query_row_cached(
        "SELECT COALESCE(SUM(rating_sum), 0) AS s, COALESCE(SUM(rating_count), 0) AS n
         FROM worker_rating_totals WHERE worker_id = ?1",
        [w],
        |r| Ok((r.get("s")?, r.get("n")?)),
    )?;
    (h.qc_sum, h.qc_count) = conn.query_row_cached(
        "SELECT COALESCE(SUM(score_sum), 0) AS s, COALESCE(SUM(score_count), 0) AS n
         FROM worker_qc_scores WHERE worker_id = ?1",
        [w],
        |r| Ok((r.get("s")?, r.get("n")?)),
    )?;
    h.disputes = conn.query_row_cached(
        "SELECT COUNT(*) AS n FROM order_facts WHERE worker_id = ?1 AND dispute_reason IS NOT NULL",
        [w],
        |r| r.get("n"),
    )?;
    h.withdrawals = conn.query_row_cached(
        "SELECT COUNT(*) AS n FROM order_history WHERE action = 'withdraw' AND actor_id = ?1",
        [w],
        |r| r.get("n"),
    )?;
    (h.recert_passed, h.recert_failed) = conn.query_row_cached(
        "SELECT COUNT(CASE recert_outcome WHEN 'passed' THEN 1 END) AS passed,
                COUNT(CASE recert_outcome WHEN 'failed' THEN 1 END) AS failed
         FROM test_assignments WHERE worker_id = ?1",
        [w],
        |r| Ok((r.get("passed")?, r.get("failed")?)),
    )?;
    Ok(())
}

/// The worker's account changes (deactivated, reactivated, another role), oldest first.
pub fn account_changes(
    conn: &Connection,
    user_id: i64,
) -> rusqlite::Result<Vec<(DateTime<Utc>, AccountChange)>> {
    let mut stmt = conn.prepare_cached(
        "SELECT at, action, role FROM account_changes WHERE user_id = ?1 ORDER BY at",
    )?;
    let rows = stmt.query_map([user_id], |r| {
        let action: String = r.get("action")?;
        let change = match action.as_str() {
            "user.deactivate" => AccountChange::Deactivated,
            "user.reactivate" => AccountChange::Reactivated,
            _ => AccountChange::Role(r.get::<_, Option<String>>("role")?.unwrap_or_default()),
        };
        Ok((r.get("at")?, change))
    })?;
    rows.collect()
}

/// Records how a re-certification attempt decided the worker's certification.
pub fn record_recert_outcome(
    tx: &Connection,
    assignment_id: i64,
    passed: bool,
) -> rusqlite::Result<()> {
    tx.execute(
        "UPDATE test_assignments SET recert_outcome = ?2 WHERE id = ?1",
        params![assignment_id, if passed { "passed" } else { "failed" }],
    )?;
    Ok(())
}
