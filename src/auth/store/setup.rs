//! The first-run set-up link: one row at most, its token stored only hashed.

use chrono::{DateTime, Utc};
use rusqlite::{Connection, OptionalExtension, params};

/// Whether any active admin exists (the set-up link is refused from then on).
pub fn active_admin_exists(conn: &Connection) -> rusqlite::Result<bool> {
    conn.query_row(
        "SELECT EXISTS (SELECT 1 FROM users WHERE role = 'admin' AND active = 1)",
        [],
        |r| r.get(0),
    )
}

/// Replaces the link: whatever token came before stops working.
pub fn replace_setup_link(
    conn: &Connection,
    token_hash: &str,
    now: DateTime<Utc>,
    expires_at: DateTime<Utc>,
) -> rusqlite::Result<()> {
    conn.execute(
        "INSERT OR REPLACE INTO setup_links (id, token_hash, created_at, expires_at, used_at)
         VALUES (1, ?1, ?2, ?3, NULL)",
        params![token_hash, now, expires_at],
    )?;
    Ok(())
}

/// Removes the link (an admin exists, so it can never be used).
pub fn delete_setup_link(conn: &Connection) -> rusqlite::Result<()> {
    conn.execute("DELETE FROM setup_links", [])?;
    Ok(())
}

/// Whether `token_hash` is the link's and it is neither used nor expired.
pub fn setup_link_open(
    conn: &Connection,
    token_hash: &str,
    now: DateTime<Utc>,
) -> rusqlite::Result<bool> {
    Ok(conn
        .query_row(
            "SELECT 1 FROM setup_links
             WHERE token_hash = ?1 AND used_at IS NULL AND expires_at > ?2",
            params![token_hash, now],
            |_| Ok(()),
        )
        .optional()?
        .is_some())
}

/// Marks the open link used; false when it was not open.
pub fn use_setup_link(
    conn: &Connection,
    token_hash: &str,
    now: DateTime<Utc>,
) -> rusqlite::Result<bool> {
    Ok(conn.execute(
        "UPDATE setup_links SET used_at = ?2
         WHERE token_hash = ?1 AND used_at IS NULL AND expires_at > ?2",
        params![token_hash, now],
    )? == 1)
}
