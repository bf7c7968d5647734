//! Whether a client may place orders: a card on file, and no invoice past due for more than
//! the grace period (dunning rule).

use chrono::{DateTime, Utc};
use rusqlite::{Connection, params};

use super::dunning::BLOCK_AFTER_DAYS;

/// The message key of why `client_id` cannot order now, or `None`.
pub fn order_block(
    conn: &Connection,
    client_id: i64,
    now: DateTime<Utc>,
) -> rusqlite::Result<Option<&'static str>> {
    if super::cards::current(conn, client_id, super::cards::Purpose::Charge)?.is_none() {
        return Ok(Some("err-no-card"));
    }
    let blocked: bool = conn.query_row(
        "SELECT EXISTS (SELECT 1 FROM invoices WHERE client_id = ?1 AND status = 'past_due'
                        AND first_declined_at < ?2)",
        params![client_id, now - chrono::Duration::days(BLOCK_AFTER_DAYS)],
        |r| r.get(0),
    )?;
    Ok(blocked.then_some("err-past-due"))
}
