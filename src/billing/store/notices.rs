//! What a refund's notices need: the order's service and time (through the published views)
//! and the accounts the refund posting moved.

use crate::db::QueryRowCached;
use chrono::{DateTime, Utc};
use rusqlite::{Connection, OptionalExtension};

pub struct OrderForNotice {
    pub service_en: String,
    pub service_ru: String,
    pub scheduled_at: DateTime<Utc>,
    pub currency: String,
}

pub fn order(conn: &Connection, order_id: i64) -> rusqlite::Result<Option<OrderForNotice>> {
    conn.query_row_cached(
        "SELECT s.name_en, s.name_ru, o.scheduled_at, o.currency
         FROM order_facts o JOIN service_names s ON s.id = o.service_id WHERE o.id = ?1",
        [order_id],
        |r| {
            Ok(OrderForNotice {
                service_en: r.get("name_en")?,
                service_ru: r.get("name_ru")?,
                scheduled_at: r.get("scheduled_at")?,
                currency: r.get("currency")?,
            })
        },
    )
    .optional()
}

/// The posting's entries, account by account.
pub fn entries(conn: &Connection, transaction_id: i64) -> rusqlite::Result<Vec<(String, i64)>> {
    let mut stmt = conn.prepare_cached(
        "SELECT account, SUM(amount_minor) AS amount FROM ledger_entries
         WHERE transaction_id = ?1 GROUP BY account ORDER BY account",
    )?;
    stmt.query_map([transaction_id], |r| {
        Ok((r.get("account")?, r.get("amount")?))
    })?
    .collect()
}
