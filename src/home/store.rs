//! Home's one query: whether the database answers, for the health check.

use rusqlite::Connection;

use crate::db::QueryRowCached;

pub fn ping(conn: &Connection) -> rusqlite::Result<()> {
    conn.query_row_cached("SELECT 1 AS ok", [], |r| r.get::<_, i64>("ok"))?;
    Ok(())
}
