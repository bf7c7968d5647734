//! Whether a client may place orders: a card on file, and no invoice past due for more than
//! the grace period (dunning rule).

use chrono::{DateTime, Utc};
use rusqlite::Connection;

use crate::billing::model::Purpose;
use crate::billing::model::dunning::BLOCK_AFTER_DAYS;
use crate::billing::store::{cards, invoices};

/// The message key of why `client_id` cannot order now, or `None`.
pub fn order_block(
    conn: &Connection,
    client_id: i64,
    now: DateTime<Utc>,
) -> rusqlite::Result<Option<&'static str>> {
    if cards::current(conn, client_id, Purpose::Charge)?.is_none() {
        return Ok(Some("err-no-card"));
    }
    let since = now - chrono::Duration::days(BLOCK_AFTER_DAYS);
    Ok(invoices::past_due_since(conn, client_id, since)?.then_some("err-past-due"))
}
