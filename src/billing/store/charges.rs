//! Charge tries (`charges`): each row is written with its idempotency key before the
//! gateway is called, claimed for a while by the pass that sends it, and settled once.

use crate::db::QueryRowCached;
use chrono::{DateTime, Utc};
use rusqlite::{Connection, params};

use super::outbound;
use crate::billing::model::{ChargeState, Reason};

pub fn has_pending(conn: &Connection, invoice_id: i64) -> rusqlite::Result<bool> {
    conn.query_row_cached(
        "SELECT EXISTS (SELECT 1 FROM charges WHERE invoice_id = ?1 AND status = ?2) AS pending",
        params![invoice_id, ChargeState::Pending],
        |r| r.get("pending"),
    )
}

/// The number of the invoice's next try (1 for the first).
pub fn next_attempt(conn: &Connection, invoice_id: i64) -> rusqlite::Result<i64> {
    conn.query_row_cached(
        "SELECT COALESCE(MAX(attempt), 0) + 1 AS attempt FROM charges WHERE invoice_id = ?1",
        [invoice_id],
        |r| r.get("attempt"),
    )
}

/// A try about to be sent.
pub struct NewCharge<'a> {
    pub invoice_id: i64,
    pub attempt: i64,
    pub key: &'a str,
    pub card_id: i64,
    pub amount_minor: i64,
    pub currency: &'a str,
    pub reason: Reason,
    pub actor_id: Option<i64>,
}

/// Inserts the try as pending; returns its id.
pub fn insert(conn: &Connection, c: &NewCharge, now: DateTime<Utc>) -> rusqlite::Result<i64> {
    conn.execute(
        "INSERT INTO charges (invoice_id, attempt, idempotency_key, card_id, amount_minor, currency,
             status, reason, actor_id, created_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
        params![c.invoice_id, c.attempt, c.key, c.card_id, c.amount_minor, c.currency,
            ChargeState::Pending, c.reason, c.actor_id, now],
    )?;
    Ok(conn.last_insert_rowid())
}

/// What a charge try adds to the row it is sent from: the invoice it pays.
pub struct Invoiced {
    pub invoice_id: i64,
    pub client_id: i64,
    pub number: String,
    pub reason: Reason,
}

/// A claimed try with what sending it needs.
pub type ToSend = outbound::ToSend<Invoiced>;

pub fn to_send(conn: &Connection, id: i64) -> rusqlite::Result<ToSend> {
    conn.query_row_cached(
        "SELECT c.id, c.invoice_id, c.idempotency_key, c.tries, p.token, c.amount_minor,
                c.currency, i.client_id, i.number, c.reason, p.last4
         FROM charges c JOIN invoices i ON i.id = c.invoice_id
         JOIN payment_cards p ON p.id = c.card_id WHERE c.id = ?1",
        [id],
        |r| {
            let of = Invoiced {
                invoice_id: r.get("invoice_id")?,
                client_id: r.get("client_id")?,
                number: r.get("number")?,
                reason: r.get("reason")?,
            };
            ToSend::read(r, of)
        },
    )
}

/// Records a decline while the try is still pending; false if it was settled before.
pub fn settle_declined(
    conn: &Connection,
    id: i64,
    gateway_id: &str,
    code: &str,
    now: DateTime<Utc>,
) -> rusqlite::Result<bool> {
    Ok(conn.execute(
        "UPDATE charges SET status = ?5, gateway_id = NULLIF(?2, ''), decline_code = ?3,
             settled_at = ?4, claimed_until = NULL WHERE id = ?1 AND status = ?6",
        params![
            id,
            gateway_id,
            code,
            now,
            ChargeState::Declined,
            ChargeState::Pending
        ],
    )? == 1)
}
