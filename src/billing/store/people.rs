//! Who people are, as billing needs them: read through the published `people` view.

use crate::db::QueryRowCached;
use rusqlite::{Connection, OptionalExtension};

use crate::identity::Role;

/// The person's name, or empty when there is no such person.
pub fn name(conn: &Connection, id: i64) -> rusqlite::Result<String> {
    conn.query_row_cached("SELECT name FROM people WHERE id = ?1", [id], |r| {
        r.get("name")
    })
    .optional()
    .map(Option::unwrap_or_default)
}

/// The id and role of the person with `email` (lower-cased by the caller).
pub fn by_email(conn: &Connection, email: &str) -> rusqlite::Result<Option<(i64, Role)>> {
    conn.query_row_cached(
        "SELECT id, role FROM people WHERE email = ?1",
        [email],
        |r| Ok((r.get("id")?, r.get("role")?)),
    )
    .optional()
}

/// Active workers with no card to be paid on (the admin's checklist).
pub fn workers_without_payout_card(conn: &Connection) -> rusqlite::Result<i64> {
    conn.query_row_cached(
        "SELECT COUNT(*) FROM people p WHERE p.role = 'worker' AND p.active = 1
           AND NOT EXISTS (SELECT 1 FROM payment_cards c
                           WHERE c.user_id = p.id AND c.purpose = 'payout' AND c.removed_at IS NULL)",
        [],
        |r| r.get(0),
    )
}
