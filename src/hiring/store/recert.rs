//! SQL of workers' certifications per service (`worker_certifications`).

use crate::db::QueryRowCached;
use chrono::{DateTime, Utc};
use rusqlite::{Connection, OptionalExtension, params};

crate::status_enum! {
    /// Where a worker stands for one service.
    pub enum CertStatus {
        Certified = "certified" => "cert-status-certified",
        Testing = "testing" => "cert-status-testing",
        Failed = "failed" => "cert-status-failed",
        Overdue = "overdue" => "cert-status-overdue",
    }
}

#[derive(Debug, Clone)]
pub struct Certification {
    pub worker_id: i64,
    pub service_id: i64,
    pub service_en: String,
    pub service_ru: String,
    pub status: CertStatus,
    pub valid_until: DateTime<Utc>,
    pub assignment_id: Option<i64>,
    pub score_bp: Option<i64>,
    pub tested_at: Option<DateTime<Utc>>,
    pub reminded_at: Option<DateTime<Utc>>,
    pub override_reason: Option<String>,
}

impl Certification {
    /// Off matching for this service: failed or past due, and no manager's override.
    pub fn blocked(&self, now: DateTime<Utc>) -> bool {
        self.override_reason.is_none()
            && (matches!(self.status, CertStatus::Failed | CertStatus::Overdue)
                || self.valid_until < now)
    }
}

const SELECT: &str = "SELECT c.worker_id, c.service_id, s.name_en, s.name_ru, c.status,
        c.valid_until, c.assignment_id, c.score_bp, c.tested_at, c.reminded_at, c.override_reason
     FROM worker_certifications c JOIN service_names s ON s.id = c.service_id";

fn from_row(r: &rusqlite::Row) -> rusqlite::Result<Certification> {
    Ok(Certification {
        worker_id: r.get("worker_id")?,
        service_id: r.get("service_id")?,
        service_en: r.get("name_en")?,
        service_ru: r.get("name_ru")?,
        status: r.get("status")?,
        valid_until: r.get("valid_until")?,
        assignment_id: r.get("assignment_id")?,
        score_bp: r.get("score_bp")?,
        tested_at: r.get("tested_at")?,
        reminded_at: r.get("reminded_at")?,
        override_reason: r.get("override_reason")?,
    })
}

pub fn get(
    conn: &Connection,
    worker_id: i64,
    service_id: i64,
) -> rusqlite::Result<Option<Certification>> {
    conn.query_row_cached(
        &format!("{SELECT} WHERE c.worker_id = ?1 AND c.service_id = ?2"),
        params![worker_id, service_id],
        from_row,
    )
    .optional()
}

pub fn for_worker(conn: &Connection, worker_id: i64) -> rusqlite::Result<Vec<Certification>> {
    let mut stmt = conn.prepare_cached(&format!(
        "{SELECT} WHERE c.worker_id = ?1 ORDER BY s.name_en"
    ))?;
    stmt.query_map([worker_id], from_row)?.collect()
}

/// Certifications whose re-certification falls due by `by`, still marked certified.
pub fn falling_due(conn: &Connection, by: DateTime<Utc>) -> rusqlite::Result<Vec<Certification>> {
    let mut stmt = conn.prepare_cached(&format!(
        "{SELECT} WHERE c.status = ?1 AND c.valid_until <= ?2 ORDER BY c.valid_until"
    ))?;
    stmt.query_map(params![CertStatus::Certified, by], from_row)?
        .collect()
}

/// Open re-certifications due by `by` whose worker has not been reminded yet.
pub fn to_remind(conn: &Connection, by: DateTime<Utc>) -> rusqlite::Result<Vec<Certification>> {
    let mut stmt = conn.prepare_cached(&format!(
        "{SELECT} WHERE c.status = ?1 AND c.reminded_at IS NULL AND c.valid_until <= ?2"
    ))?;
    stmt.query_map(params![CertStatus::Testing, by], from_row)?
        .collect()
}

/// Certifications past due and not yet marked so.
pub fn past_due(conn: &Connection, now: DateTime<Utc>) -> rusqlite::Result<Vec<Certification>> {
    let mut stmt = conn.prepare_cached(&format!(
        "{SELECT} WHERE c.status IN (?1, ?2) AND c.valid_until < ?3"
    ))?;
    stmt.query_map(
        params![CertStatus::Certified, CertStatus::Testing, now],
        from_row,
    )?
    .collect()
}

/// A first certification, valid until `valid_until` (at hiring, or for a service a worker
/// took up later); an existing one is left alone.
pub fn ensure(
    conn: &Connection,
    worker_id: i64,
    service_id: i64,
    valid_until: DateTime<Utc>,
    score_bp: Option<i64>,
    now: DateTime<Utc>,
) -> rusqlite::Result<bool> {
    let n = conn.execute(
        "INSERT OR IGNORE INTO worker_certifications
           (worker_id, service_id, status, valid_until, score_bp, tested_at, updated_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
        params![
            worker_id,
            service_id,
            CertStatus::Certified,
            valid_until,
            score_bp,
            score_bp.map(|_| now),
            now
        ],
    )?;
    Ok(n == 1)
}

/// A re-certification test is open: due by `valid_until` (never later than it was).
pub fn set_testing(
    conn: &Connection,
    worker_id: i64,
    service_id: i64,
    assignment_id: i64,
    due: DateTime<Utc>,
    now: DateTime<Utc>,
) -> rusqlite::Result<()> {
    conn.execute(
        "INSERT INTO worker_certifications
           (worker_id, service_id, status, valid_until, assignment_id, updated_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6)
         ON CONFLICT (worker_id, service_id) DO UPDATE SET
           status = excluded.status, assignment_id = excluded.assignment_id,
           valid_until = MIN(valid_until, excluded.valid_until), reminded_at = NULL,
           updated_at = excluded.updated_at",
        params![
            worker_id,
            service_id,
            CertStatus::Testing,
            due,
            assignment_id,
            now
        ],
    )?;
    Ok(())
}

/// Records a decision: passed (certified until `valid_until`), failed or overdue. Every
/// decision ends a manager's override.
pub fn set_decided(
    conn: &Connection,
    c: &Certification,
    status: CertStatus,
    valid_until: DateTime<Utc>,
    score_bp: Option<i64>,
    now: DateTime<Utc>,
) -> rusqlite::Result<()> {
    conn.execute(
        "UPDATE worker_certifications SET status = ?3, valid_until = ?4,
            score_bp = COALESCE(?5, score_bp), tested_at = CASE WHEN ?5 IS NULL THEN tested_at ELSE ?6 END,
            reminded_at = NULL, override_reason = NULL, override_by = NULL, override_at = NULL,
            updated_at = ?6
         WHERE worker_id = ?1 AND service_id = ?2",
        params![
            c.worker_id,
            c.service_id,
            status,
            valid_until,
            score_bp,
            now
        ],
    )?;
    Ok(())
}

pub fn set_reminded(
    conn: &Connection,
    c: &Certification,
    now: DateTime<Utc>,
) -> rusqlite::Result<()> {
    conn.execute(
        "UPDATE worker_certifications SET reminded_at = ?3 WHERE worker_id = ?1 AND service_id = ?2",
        params![c.worker_id, c.service_id, now],
    )?;
    Ok(())
}

pub fn set_override(
    conn: &Connection,
    c: &Certification,
    reason: &str,
    actor: i64,
    now: DateTime<Utc>,
) -> rusqlite::Result<()> {
    conn.execute(
        "UPDATE worker_certifications SET override_reason = ?3, override_by = ?4, override_at = ?5,
            updated_at = ?5
         WHERE worker_id = ?1 AND service_id = ?2",
        params![c.worker_id, c.service_id, reason, actor, now],
    )?;
    Ok(())
}

/// Active workers, for the sweep that gives each a certification per service they do.
pub fn active_workers(conn: &Connection) -> rusqlite::Result<Vec<i64>> {
    let mut stmt =
        conn.prepare_cached("SELECT id FROM people WHERE role = 'worker' AND active = 1")?;
    stmt.query_map([], |r| r.get("id"))?.collect()
}

/// The screening test for a service: the active policy's, else the newest naming it.
pub fn test_for_service(conn: &Connection, service_id: i64) -> rusqlite::Result<Option<i64>> {
    conn.query_row_cached(
        "SELECT t.id FROM screening_tests t
         LEFT JOIN screening_policy_tests pt ON pt.test_id = t.id
         LEFT JOIN screening_policies p ON p.id = pt.policy_id AND p.status = 'active'
         WHERE t.service_id = ?1
         ORDER BY p.id IS NULL, t.id DESC LIMIT 1",
        [service_id],
        |r| r.get("id"),
    )
    .optional()
}

/// A worker's re-certification attempts, newest first: (assignment, service id, status,
/// score, invited at).
pub fn worker_assignments(
    conn: &Connection,
    worker_id: i64,
) -> rusqlite::Result<Vec<crate::hiring::store::attempts::Assignment>> {
    let mut out = Vec::new();
    let mut stmt = conn.prepare_cached(
        "SELECT id FROM test_assignments WHERE worker_id = ?1 ORDER BY id DESC LIMIT 20",
    )?;
    let ids: Vec<i64> = stmt
        .query_map([worker_id], |r| r.get("id"))?
        .collect::<rusqlite::Result<_>>()?;
    for id in ids {
        if let Some(a) = crate::hiring::store::attempts::get(conn, id)? {
            out.push(a);
        }
    }
    Ok(out)
}

/// An active worker as managers list them.
#[derive(Debug, Clone)]
pub struct WorkerRow {
    pub id: i64,
    pub name: String,
    pub email: String,
}

pub fn workers(conn: &Connection) -> rusqlite::Result<Vec<WorkerRow>> {
    let mut stmt = conn.prepare_cached(
        "SELECT id, name, email FROM people WHERE role = 'worker' AND active = 1 ORDER BY name LIMIT 500",
    )?;
    stmt.query_map([], |r| {
        Ok(WorkerRow {
            id: r.get("id")?,
            name: r.get("name")?,
            email: r.get("email")?,
        })
    })?
    .collect()
}

pub fn worker(conn: &Connection, id: i64) -> rusqlite::Result<Option<WorkerRow>> {
    conn.query_row_cached(
        "SELECT id, name, email FROM people WHERE role = 'worker' AND id = ?1",
        [id],
        |r| {
            Ok(WorkerRow {
                id: r.get("id")?,
                name: r.get("name")?,
                email: r.get("email")?,
            })
        },
    )
    .optional()
}
