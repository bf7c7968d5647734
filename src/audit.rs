//! The audit log of sensitive actions (role and permission changes, deactivation, settings).
//! Append-only: the table's triggers refuse updates and deletes.

use crate::db::QueryRowCached;
use chrono::{DateTime, Utc};
use rusqlite::{Connection, params};

/// Records `action` by `actor` on `subject` with JSON `details`, inside the caller's transaction.
pub fn record(
    conn: &Connection,
    now: DateTime<Utc>,
    actor_id: Option<i64>,
    action: &str,
    subject: &str,
    details: serde_json::Value,
) -> rusqlite::Result<()> {
    conn.execute(
        "INSERT INTO audit_log (at, actor_id, action, subject, details) VALUES (?1, ?2, ?3, ?4, ?5)",
        params![now, actor_id, action, subject, details.to_string()],
    )?;
    Ok(())
}

#[derive(Debug, Clone)]
pub struct AuditEntry {
    pub id: i64,
    pub at: DateTime<Utc>,
    pub actor: Option<String>,
    pub action: String,
    pub subject: String,
    pub details: String,
}

/// One page of entries, newest first, optionally only those whose action starts with `action`.
pub fn page(
    conn: &Connection,
    action: &str,
    limit: i64,
    offset: i64,
) -> rusqlite::Result<(Vec<AuditEntry>, i64)> {
    let prefix = format!("{}%", action.replace('%', ""));
    let total = conn.query_row_cached(
        "SELECT COUNT(*) FROM audit_log WHERE action LIKE ?1",
        [&prefix],
        |r| r.get(0),
    )?;
    let mut stmt = conn.prepare_cached(
        "SELECT a.id, a.at, u.email, a.action, a.subject, a.details
         FROM audit_log a LEFT JOIN people u ON u.id = a.actor_id
         WHERE a.action LIKE ?1 ORDER BY a.id DESC LIMIT ?2 OFFSET ?3",
    )?;
    let rows = stmt
        .query_map(params![prefix, limit, offset], |r| {
            Ok(AuditEntry {
                id: r.get("id")?,
                at: r.get("at")?,
                actor: r.get("email")?,
                action: r.get("action")?,
                subject: r.get("subject")?,
                details: r.get("details")?,
            })
        })?
        .collect::<rusqlite::Result<_>>()?;
    Ok((rows, total))
}

/// Adds which experiment arm was adopted to an audit entry's details, when one was.
pub fn with_adoption(
    mut details: serde_json::Value,
    adopted_from: Option<&str>,
) -> serde_json::Value {
    if let (Some(from), Some(map)) = (adopted_from, details.as_object_mut()) {
        map.insert("adopted_from".into(), from.into());
    }
    details
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn entries_cannot_be_changed_or_removed() {
        let dir = tempfile::tempdir().unwrap();
        let pool = crate::db::open(dir.path()).unwrap();
        let mut conn = pool.get().unwrap();
        crate::db::write_tx(&mut conn, |tx| {
            record(
                tx,
                Utc::now(),
                None,
                "user.role",
                "user:1",
                serde_json::json!({"to": "manager"}),
            )
        })
        .unwrap();
        let mut change = |sql: &str| crate::db::write_tx(&mut conn, |tx| tx.execute(sql, []));
        assert!(change("UPDATE audit_log SET action = 'x'").is_err());
        assert!(change("DELETE FROM audit_log").is_err());
        let (rows, total) = page(&conn, "user.", 10, 0).unwrap();
        assert_eq!((rows.len(), total), (1, 1));
    }
}
