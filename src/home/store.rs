//! Home's queries: whether the database answers (the health check) and takes a write (the
//! readiness check).

use rusqlite::Connection;

use crate::db::QueryRowCached;

pub fn ping(conn: &Connection) -> rusqlite::Result<()> {
    conn.query_row_cached("SELECT 1 AS ok", [], |r| r.get::<_, i64>("ok"))?;
    Ok(())
}

/// Rewrites the readiness row: a real page written and committed.
pub fn probe_write(conn: &Connection, now: chrono::DateTime<chrono::Utc>) -> rusqlite::Result<()> {
    conn.execute(
        "INSERT INTO readiness_probe (id, at) VALUES (1, ?1) ON CONFLICT (id) DO UPDATE SET at = excluded.at",
        [now],
    )?;
    Ok(())
}
