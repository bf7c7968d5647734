//! Refunding an order: everything it posted taken back, once, with the reason in the audit
//! log.

use chrono::{DateTime, Utc};
use serde_json::json;

use super::postings;
use crate::billing::model::Account;
use crate::billing::store::notices;
use crate::config::Settings;
use crate::db::WriteTx;
use crate::error::AppError;
use crate::i18n::Arg;
use crate::notify::model::Kind as NotifyKind;
use crate::notify::service::{Message, notify};

/// Refunds `order_id` inside the caller's transaction and tells the people it touched;
/// `None` when there was nothing left to take back. Telling is part of refunding, so no
/// path (the refund form, a QC review, a script) can refund without a word.
pub fn refund(
    tx: &WriteTx,
    settings: &Settings,
    (order_id, reason): (i64, &str),
    actor_id: i64,
    now: DateTime<Utc>,
) -> Result<Option<i64>, AppError> {
    let Some(id) = postings::refund_order(tx, order_id, reason, Some(actor_id), now)? else {
        return Ok(None);
    };
    tell(tx, settings, now, order_id, id, reason)?;
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

/// Tells the client what a refund posting gave back, and the worker what it took from their
/// earnings (when it touched them), inside the refund's transaction.
fn tell(
    tx: &WriteTx,
    settings: &Settings,
    now: DateTime<Utc>,
    order_id: i64,
    transaction_id: i64,
    reason: &str,
) -> Result<(), AppError> {
    let Some(order) = notices::order(tx, order_id)? else {
        return Ok(());
    };
    for (account, amount) in notices::entries(tx, transaction_id)? {
        let (user_id, link) = match Account::parse(&account) {
            Some(Account::Client(id)) => (id, format!("/client/orders/{order_id}")),
            Some(Account::Worker(id)) => (id, "/worker/earnings".to_string()),
            _ => continue,
        };
        let msg = Message::about_order(
            NotifyKind::OrderRefunded,
            order_id,
            (&order.service_en, &order.service_ru),
            order.scheduled_at,
        )
        .arg("amount", Arg::Money(amount.abs(), order.currency.clone()))
        .arg("reason", reason.to_string())
        .link(link);
        notify(tx, settings, now, user_id, &msg)?;
    }
    Ok(())
}
