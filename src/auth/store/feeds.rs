//! SQL for calendar feed links: one per person, the token kept only as its hash.

use crate::db::QueryRowCached;
use chrono::{DateTime, Utc};
use rusqlite::{Connection, OptionalExtension, params};

use crate::auth::model::Role;

/// Makes or replaces the person's feed link (the old one stops working).
pub fn replace_feed(
    conn: &Connection,
    user_id: i64,
    token_hash: &str,
    now: DateTime<Utc>,
) -> rusqlite::Result<()> {
    conn.execute(
        "INSERT INTO calendar_feeds (user_id, token_hash, created_at) VALUES (?1, ?2, ?3)
         ON CONFLICT (user_id) DO UPDATE SET token_hash = excluded.token_hash,
                                             created_at = excluded.created_at",
        params![user_id, token_hash, now],
    )?;
    Ok(())
}

/// Removes the person's feed link; whether there was one.
pub fn delete_feed(conn: &Connection, user_id: i64) -> rusqlite::Result<bool> {
    Ok(conn.execute("DELETE FROM calendar_feeds WHERE user_id = ?1", [user_id])? > 0)
}

/// When the person's current feed link was made, if they have one.
pub fn feed_created(conn: &Connection, user_id: i64) -> rusqlite::Result<Option<DateTime<Utc>>> {
    conn.query_row_cached(
        "SELECT created_at FROM calendar_feeds WHERE user_id = ?1",
        [user_id],
        |r| r.get("created_at"),
    )
    .optional()
}

/// The active person a feed token belongs to, with their role.
pub fn feed_owner(conn: &Connection, token_hash: &str) -> rusqlite::Result<Option<(i64, Role)>> {
    conn.query_row_cached(
        "SELECT u.id, u.role FROM calendar_feeds f JOIN users u ON u.id = f.user_id
         WHERE f.token_hash = ?1 AND u.active = 1",
        [token_hash],
        |r| Ok((r.get("id")?, r.get("role")?)),
    )
    .optional()
}
