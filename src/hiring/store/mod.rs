//! SQL for candidates and the skills they offer.

pub mod attempts;
pub mod experiments;
pub mod followup;
pub mod invariants;
pub mod policies;
pub mod recert;
pub mod screening_tests;

use crate::db::QueryRowCached;
use chrono::{DateTime, Utc};
use rusqlite::{Connection, OptionalExtension, params};

use super::model::CandidateStatus;

#[derive(Debug, Clone)]
pub struct Candidate {
    pub id: i64,
    pub user_id: i64,
    pub name: String,
    pub email: String,
    pub phone: String,
    pub about: String,
    pub status: CandidateStatus,
    pub applied_at: DateTime<Utc>,
    /// Names of the services they offer (English, Russian).
    pub skills: Vec<(String, String)>,
}

pub fn insert(
    conn: &Connection,
    user_id: i64,
    phone: &str,
    about: &str,
    service_ids: &[i64],
    now: DateTime<Utc>,
) -> rusqlite::Result<i64> {
    conn.execute(
        "INSERT INTO candidates (user_id, phone, about, applied_at) VALUES (?1, ?2, ?3, ?4)",
        params![user_id, phone, about, now],
    )?;
    let id = conn.last_insert_rowid();
    for service in service_ids {
        conn.execute(
            "INSERT OR IGNORE INTO candidate_skills (candidate_id, service_id) VALUES (?1, ?2)",
            params![id, service],
        )?;
    }
    Ok(id)
}

const SELECT: &str =
    "SELECT c.id, c.user_id, u.name, u.email, c.phone, c.about, c.status, c.applied_at
                      FROM candidates c JOIN people u ON u.id = c.user_id";

fn with_skills(conn: &Connection, r: &rusqlite::Row) -> rusqlite::Result<Candidate> {
    let id: i64 = r.get("id")?;
    let mut stmt = conn.prepare_cached(
        "SELECT s.name_en, s.name_ru FROM candidate_skills k JOIN service_names s ON s.id = k.service_id WHERE k.candidate_id = ?1 ORDER BY s.name_en",
    )?;
    let skills = stmt
        .query_map([id], |r| Ok((r.get("name_en")?, r.get("name_ru")?)))?
        .collect::<rusqlite::Result<_>>()?;
    Ok(Candidate {
        id,
        user_id: r.get("user_id")?,
        name: r.get("name")?,
        email: r.get("email")?,
        phone: r.get("phone")?,
        about: r.get("about")?,
        status: r.get("status")?,
        applied_at: r.get("applied_at")?,
        skills,
    })
}

pub fn by_user(conn: &Connection, user_id: i64) -> rusqlite::Result<Option<Candidate>> {
    conn.query_row_cached(&format!("{SELECT} WHERE c.user_id = ?1"), [user_id], |r| {
        with_skills(conn, r)
    })
    .optional()
}

/// Newest first, optionally of one status.
pub fn list(
    conn: &Connection,
    status: Option<CandidateStatus>,
    limit: i64,
    offset: i64,
) -> rusqlite::Result<(Vec<Candidate>, i64)> {
    let total = conn.query_row_cached(
        "SELECT COUNT(*) FROM candidates WHERE ?1 IS NULL OR status = ?1",
        [status],
        |r| r.get(0),
    )?;
    let mut stmt = conn.prepare_cached(&format!(
        "{SELECT} WHERE ?1 IS NULL OR c.status = ?1 ORDER BY c.id DESC LIMIT ?2 OFFSET ?3"
    ))?;
    let rows = stmt
        .query_map(params![status, limit, offset], |r| with_skills(conn, r))?
        .collect::<rusqlite::Result<_>>()?;
    Ok((rows, total))
}

/// (candidate id, name) of the given candidates — for tables that only need to label rows.
pub fn names(conn: &Connection, ids: &[i64]) -> rusqlite::Result<Vec<(i64, String)>> {
    let mut stmt = conn.prepare_cached(
        "SELECT u.name FROM candidates c JOIN people u ON u.id = c.user_id WHERE c.id = ?1",
    )?;
    ids.iter()
        .map(|id| Ok((*id, stmt.query_row([id], |r| r.get("name"))?)))
        .collect()
}

/// Whether the candidate exists.
pub fn exists(conn: &Connection, id: i64) -> rusqlite::Result<bool> {
    conn.query_row_cached(
        "SELECT EXISTS (SELECT 1 FROM candidates WHERE id = ?1)",
        [id],
        |r| r.get(0),
    )
}

/// Blanks a closed applicant's phone and what they wrote about themselves.
pub fn anonymise_candidate(tx: &Connection, user_id: i64) -> rusqlite::Result<()> {
    tx.execute(
        "UPDATE candidates SET phone = '', about = '' WHERE user_id = ?1",
        [user_id],
    )?;
    Ok(())
}
