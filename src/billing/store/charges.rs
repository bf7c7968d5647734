//! Charge tries (`charges`): each row is written with its idempotency key before the
//! gateway is called, claimed for a while by the pass that sends it, and settled once.

use chrono::{DateTime, Utc};
use rusqlite::{Connection, params};

use crate::billing::model::{ChargeState, Reason};

pub fn has_pending(conn: &Connection, invoice_id: i64) -> rusqlite::Result<bool> {
    conn.query_row(
        "SELECT EXISTS (SELECT 1 FROM charges WHERE invoice_id = ?1 AND status = ?2) AS pending",
        params![invoice_id, ChargeState::Pending],
        |r| r.get("pending"),
    )
}

/// The number of the invoice's next try (1 for the first).
pub fn next_attempt(conn: &Connection, invoice_id: i64) -> rusqlite::Result<i64> {
    conn.query_row(
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

/// Pending tries whose lease or backoff has run out (optionally of one invoice), oldest
/// first, at most `limit`.
pub fn claimable(
    conn: &Connection,
    only_invoice: Option<i64>,
    now: DateTime<Utc>,
    limit: i64,
) -> rusqlite::Result<Vec<i64>> {
    conn.prepare_cached(
        "SELECT id FROM charges WHERE status = ?4
           AND (claimed_until IS NULL OR claimed_until <= ?1)
           AND (?2 IS NULL OR invoice_id = ?2)
         ORDER BY id LIMIT ?3",
    )?
    .query_map(
        params![now, only_invoice, limit, ChargeState::Pending],
        |r| r.get("id"),
    )?
    .collect()
}

/// A claimed try with what sending it needs.
pub struct ToSend {
    pub id: i64,
    pub invoice_id: i64,
    pub key: String,
    pub tries: i64,
    pub token: String,
    pub amount_minor: i64,
    pub currency: String,
    pub client_id: i64,
    pub number: String,
    pub reason: Reason,
    pub last4: String,
}

/// Counts a try and holds it until `until`; returns what sending it needs.
pub fn claim(conn: &Connection, id: i64, until: DateTime<Utc>) -> rusqlite::Result<ToSend> {
    conn.execute(
        "UPDATE charges SET tries = tries + 1, claimed_until = ?2 WHERE id = ?1",
        params![id, until],
    )?;
    conn.query_row(
        "SELECT c.id, c.invoice_id, c.idempotency_key, c.tries, p.token, c.amount_minor,
                c.currency, i.client_id, i.number, c.reason, p.last4
         FROM charges c JOIN invoices i ON i.id = c.invoice_id
         JOIN payment_cards p ON p.id = c.card_id WHERE c.id = ?1",
        [id],
        |r| {
            Ok(ToSend {
                id: r.get("id")?,
                invoice_id: r.get("invoice_id")?,
                key: r.get("idempotency_key")?,
                tries: r.get("tries")?,
                token: r.get("token")?,
                amount_minor: r.get("amount_minor")?,
                currency: r.get("currency")?,
                client_id: r.get("client_id")?,
                number: r.get("number")?,
                reason: r.get("reason")?,
                last4: r.get("last4")?,
            })
        },
    )
}

/// Records a success while the try is still pending; false if it was settled before.
pub fn settle_succeeded(
    conn: &Connection,
    id: i64,
    gateway_id: &str,
    now: DateTime<Utc>,
) -> rusqlite::Result<bool> {
    Ok(conn.execute(
        "UPDATE charges SET status = ?4, gateway_id = ?2, settled_at = ?3,
             last_error = NULL, claimed_until = NULL WHERE id = ?1 AND status = ?5",
        params![
            id,
            gateway_id,
            now,
            ChargeState::Succeeded,
            ChargeState::Pending
        ],
    )? == 1)
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

/// An unknown outcome: the error kept, asked about again at `recheck_at`.
pub fn postpone(
    conn: &Connection,
    id: i64,
    error: &str,
    recheck_at: DateTime<Utc>,
) -> rusqlite::Result<()> {
    conn.execute(
        "UPDATE charges SET last_error = ?2, claimed_until = ?3 WHERE id = ?1 AND status = ?4",
        params![id, error, recheck_at, ChargeState::Pending],
    )?;
    Ok(())
}

/// Drops every lease on pending tries (at process start).
pub fn release_claims(conn: &Connection) -> rusqlite::Result<()> {
    conn.execute(
        "UPDATE charges SET claimed_until = NULL WHERE status = ?1 AND claimed_until IS NOT NULL",
        [ChargeState::Pending],
    )?;
    Ok(())
}
