//! Worker statements (`payouts`, `payout_items`): a month's statement from the worker's
//! unpaid items, and the moves paying it makes (claimed, paid, failed, retried).

use crate::db::QueryRowCached;
use chrono::{DateTime, Utc};
use rusqlite::{Connection, OptionalExtension, params};

use super::outbound;
use crate::billing::model::{Kind, PayoutStatus};

/// Workers with items up to `cutoff` not yet on a statement and no statement for `period`
/// (at most `limit`).
pub fn workers_to_state(
    conn: &Connection,
    period: &str,
    cutoff: DateTime<Utc>,
    limit: i64,
) -> rusqlite::Result<Vec<i64>> {
    conn.prepare_cached(
        "SELECT DISTINCT it.worker_id FROM payout_items it
         WHERE it.payout_id IS NULL AND it.created_at <= ?1
           AND NOT EXISTS (SELECT 1 FROM payouts p WHERE p.worker_id = it.worker_id AND p.period = ?2)
         LIMIT ?3",
    )?
    .query_map(params![cutoff, period, limit], |r| r.get("worker_id"))?
    .collect()
}

/// The worker's unstated items up to `cutoff`, summed per ledger kind.
pub fn unstated_by_kind(
    conn: &Connection,
    worker_id: i64,
    cutoff: DateTime<Utc>,
) -> rusqlite::Result<Vec<(Kind, i64)>> {
    conn.prepare_cached(
        "SELECT kind, SUM(amount_minor) AS amount FROM payout_items
         WHERE worker_id = ?1 AND payout_id IS NULL AND created_at <= ?2 GROUP BY kind",
    )?
    .query_map(params![worker_id, cutoff], |r| {
        Ok((r.get("kind")?, r.get("amount")?))
    })?
    .collect()
}

/// The worker's newest statement before `period`: its status and amount.
pub fn previous(
    conn: &Connection,
    worker_id: i64,
    period: &str,
) -> rusqlite::Result<Option<(PayoutStatus, i64)>> {
    conn.query_row_cached(
        "SELECT status, amount_minor FROM payouts WHERE worker_id = ?1 AND period < ?2
         ORDER BY period DESC LIMIT 1",
        params![worker_id, period],
        |r| Ok((r.get("status")?, r.get("amount_minor")?)),
    )
    .optional()
}

/// A statement about to be written.
pub struct NewPayout<'a> {
    pub worker_id: i64,
    pub period: &'a str,
    pub status: PayoutStatus,
    pub amount_minor: i64,
    /// Earnings, fines, bonuses, other, carried in.
    pub parts: [i64; 5],
    pub currency: &'a str,
    pub run_id: i64,
    pub key: Option<String>,
    pub card_id: Option<i64>,
    pub last_error: Option<&'a str>,
}

/// Inserts the statement and attaches the worker's items up to `cutoff`; returns its id.
pub fn insert(
    conn: &Connection,
    p: &NewPayout,
    cutoff: DateTime<Utc>,
    now: DateTime<Utc>,
) -> rusqlite::Result<i64> {
    let [earnings, fines, bonuses, other, carried_in] = p.parts;
    conn.execute(
        "INSERT INTO payouts (worker_id, period, status, amount_minor, earnings_minor, fines_minor, bonuses_minor,
             other_minor, carried_in_minor, currency, run_id, idempotency_key, card_id, last_error, created_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15)",
        params![p.worker_id, p.period, p.status, p.amount_minor, earnings, fines, bonuses,
            other, carried_in, p.currency, p.run_id, p.key, p.card_id, p.last_error, now],
    )?;
    let payout_id = conn.last_insert_rowid();
    conn.prepare_cached(
        "UPDATE payout_items SET payout_id = ?1 WHERE worker_id = ?2 AND payout_id IS NULL AND created_at <= ?3",
    )?
    .execute(params![payout_id, p.worker_id, cutoff])?;
    Ok(payout_id)
}

/// What a payout adds to the row it is sent from: whose statement of which month.
pub struct Stated {
    pub worker_id: i64,
    pub period: String,
}

/// A claimed payout with what sending it needs.
pub type ToSend = outbound::ToSend<Stated>;

pub fn to_send(conn: &Connection, id: i64) -> rusqlite::Result<ToSend> {
    conn.query_row_cached(
        "SELECT p.id, p.worker_id, p.period, p.idempotency_key, p.tries, c.token, p.amount_minor,
                p.currency, c.last4
         FROM payouts p JOIN payment_cards c ON c.id = p.card_id WHERE p.id = ?1",
        [id],
        |r| {
            let of = Stated {
                worker_id: r.get("worker_id")?,
                period: r.get("period")?,
            };
            ToSend::read(r, of)
        },
    )
}

/// Holds the payout the gateway declined while it was still pending; false if it was
/// settled before.
pub fn settle_held(conn: &Connection, id: i64, code: &str) -> rusqlite::Result<bool> {
    Ok(conn.execute(
        "UPDATE payouts SET status = ?3, last_error = ?2, claimed_until = NULL
         WHERE id = ?1 AND status = ?4",
        params![id, code, PayoutStatus::Held, PayoutStatus::Pending],
    )? == 1)
}

/// The worker's held statements (id, period, try number), oldest first.
pub fn held_of(conn: &Connection, worker_id: i64) -> rusqlite::Result<Vec<HeldPayout>> {
    conn.prepare_cached(
        "SELECT id, period, attempt FROM payouts WHERE worker_id = ?1 AND status = ?2
         ORDER BY period",
    )?
    .query_map(params![worker_id, PayoutStatus::Held], |r| {
        Ok(HeldPayout {
            id: r.get("id")?,
            period: r.get("period")?,
            attempt: r.get("attempt")?,
        })
    })?
    .collect()
}

/// What the worker's held statements add up to.
pub fn held_total(conn: &Connection, worker_id: i64) -> rusqlite::Result<i64> {
    conn.query_row_cached(
        "SELECT COALESCE(SUM(amount_minor), 0) AS total FROM payouts
         WHERE worker_id = ?1 AND status = ?2",
        params![worker_id, PayoutStatus::Held],
        |r| r.get("total"),
    )
}

pub struct HeldPayout {
    pub id: i64,
    pub period: String,
    pub attempt: i64,
}

/// What a retry needs of a payout: worker, period, status and the try number.
pub struct Retryable {
    pub worker_id: i64,
    pub period: String,
    pub status: PayoutStatus,
    pub attempt: i64,
}

pub fn retryable(conn: &Connection, id: i64) -> rusqlite::Result<Option<Retryable>> {
    conn.query_row_cached(
        "SELECT worker_id, period, status, attempt FROM payouts WHERE id = ?1",
        [id],
        |r| {
            Ok(Retryable {
                worker_id: r.get("worker_id")?,
                period: r.get("period")?,
                status: r.get("status")?,
                attempt: r.get("attempt")?,
            })
        },
    )
    .optional()
}

/// Puts the payout back to pending as try `attempt` with a new key and card.
pub fn reopen(
    conn: &Connection,
    id: i64,
    attempt: i64,
    key: &str,
    card_id: i64,
) -> rusqlite::Result<()> {
    conn.execute(
        "UPDATE payouts SET status = ?5, attempt = ?2, idempotency_key = ?3, card_id = ?4,
             tries = 0, claimed_until = NULL WHERE id = ?1",
        params![id, attempt, key, card_id, PayoutStatus::Pending],
    )?;
    Ok(())
}

/// A monthly run's numbers: statements, what they pay, paid and failed.
pub fn run_counts(conn: &Connection, run_id: i64) -> rusqlite::Result<(i64, i64, i64, i64)> {
    conn.query_row_cached(
        "SELECT COUNT(*) AS n, COALESCE(SUM(MAX(amount_minor, 0)), 0) AS total,
                COUNT(*) FILTER (WHERE status = ?2) AS paid,
                COUNT(*) FILTER (WHERE status = ?3) AS failed
         FROM payouts WHERE run_id = ?1",
        params![run_id, PayoutStatus::Paid, PayoutStatus::Held],
        |r| {
            Ok((
                r.get("n")?,
                r.get("total")?,
                r.get("paid")?,
                r.get("failed")?,
            ))
        },
    )
}
