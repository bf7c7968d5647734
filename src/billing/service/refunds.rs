//! Refunding an order: everything it posted taken back, once, with the reason in the audit
//! log.

use chrono::{DateTime, Utc};
use rusqlite::Connection;
use serde_json::json;

use super::postings;
use crate::error::AppError;

/// Refunds `order_id` inside the caller's transaction; `None` when there was nothing left
/// to take back.
pub fn refund(
    tx: &Connection,
    order_id: i64,
    reason: &str,
    actor_id: i64,
    now: DateTime<Utc>,
) -> Result<Option<i64>, AppError> {
    let Some(id) = postings::refund_order(tx, order_id, reason, Some(actor_id), now)? else {
        return Ok(None);
    };
    crate::audit::record(
        tx,
        now,
        Some(actor_id),
        "billing.refund",
        &format!("order:{order_id}"),
        json!({ "reason": reason, "transaction": id }),
    )?;
    Ok(Some(id))
}
