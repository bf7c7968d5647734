//! Invoices (`invoices`, `invoice_items`): issuing a week's invoice from the client's
//! uninvoiced items, and the status moves collection makes (paid, past due, retries due).

use chrono::{DateTime, Utc};
use rusqlite::{Connection, OptionalExtension, params};

use crate::billing::model::InvoiceStatus;

/// What collecting an invoice needs to know of it.
pub struct Chargeable {
    pub client_id: i64,
    pub number: String,
    pub status: InvoiceStatus,
    pub total_minor: i64,
    pub currency: String,
    pub first_declined_at: Option<DateTime<Utc>>,
    pub retries_done: u32,
}

pub fn chargeable(conn: &Connection, id: i64) -> rusqlite::Result<Option<Chargeable>> {
    conn.query_row(
        "SELECT client_id, number, status, total_minor, currency, first_declined_at, retries_done
         FROM invoices WHERE id = ?1",
        [id],
        |r| {
            Ok(Chargeable {
                client_id: r.get("client_id")?,
                number: r.get("number")?,
                status: r.get("status")?,
                total_minor: r.get("total_minor")?,
                currency: r.get("currency")?,
                first_declined_at: r.get("first_declined_at")?,
                retries_done: r.get("retries_done")?,
            })
        },
    )
    .optional()
}

/// The invoice's status, if it exists.
pub fn status(conn: &Connection, id: i64) -> rusqlite::Result<Option<InvoiceStatus>> {
    conn.query_row("SELECT status FROM invoices WHERE id = ?1", [id], |r| {
        r.get("status")
    })
    .optional()
}

/// A decline: `past_due`, the dunning clock and the next retry.
pub fn mark_past_due(
    conn: &Connection,
    id: i64,
    first_declined_at: DateTime<Utc>,
    retries_done: u32,
    next_retry_at: Option<DateTime<Utc>>,
) -> rusqlite::Result<()> {
    conn.execute(
        "UPDATE invoices SET status = ?5, first_declined_at = ?2, retries_done = ?3,
             next_retry_at = ?4 WHERE id = ?1",
        params![
            id,
            first_declined_at,
            retries_done,
            next_retry_at,
            InvoiceStatus::PastDue
        ],
    )?;
    Ok(())
}

pub fn mark_paid(conn: &Connection, id: i64, now: DateTime<Utc>) -> rusqlite::Result<()> {
    conn.execute(
        "UPDATE invoices SET status = ?3, paid_at = ?2, next_retry_at = NULL WHERE id = ?1",
        params![id, now, InvoiceStatus::Paid],
    )?;
    Ok(())
}

/// Past-due invoices whose next retry is due at `now`, oldest first.
pub fn retries_due(conn: &Connection, now: DateTime<Utc>) -> rusqlite::Result<Vec<i64>> {
    conn.prepare_cached(
        "SELECT id FROM invoices WHERE status = ?1 AND next_retry_at <= ?2 ORDER BY id",
    )?
    .query_map(params![InvoiceStatus::PastDue, now], |r| r.get("id"))?
    .collect()
}

pub fn clear_next_retry(conn: &Connection, id: i64) -> rusqlite::Result<()> {
    conn.execute(
        "UPDATE invoices SET next_retry_at = NULL WHERE id = ?1",
        [id],
    )?;
    Ok(())
}

/// Clients with items up to `cutoff` not yet invoiced and no invoice for `period` (at most
/// `limit`).
pub fn clients_to_invoice(
    conn: &Connection,
    period: &str,
    cutoff: DateTime<Utc>,
    limit: i64,
) -> rusqlite::Result<Vec<i64>> {
    conn.prepare_cached(
        "SELECT DISTINCT it.client_id FROM invoice_items it
         WHERE it.invoice_id IS NULL AND it.created_at <= ?1
           AND NOT EXISTS (SELECT 1 FROM invoices i WHERE i.client_id = it.client_id AND i.period = ?2)
         LIMIT ?3",
    )?
    .query_map(params![cutoff, period, limit], |r| r.get("client_id"))?
    .collect()
}

/// The sum of the client's items up to `cutoff` not yet invoiced.
pub fn uninvoiced_total(
    conn: &Connection,
    client_id: i64,
    cutoff: DateTime<Utc>,
) -> rusqlite::Result<i64> {
    conn.query_row(
        "SELECT COALESCE(SUM(amount_minor), 0) AS total FROM invoice_items
         WHERE client_id = ?1 AND invoice_id IS NULL AND created_at <= ?2",
        params![client_id, cutoff],
        |r| r.get("total"),
    )
}

/// A credit the client's latest invoice closed with (its total was negative), or 0.
pub fn carried_credit(conn: &Connection, client_id: i64) -> rusqlite::Result<i64> {
    conn.query_row(
        "SELECT MIN(total_minor, 0) AS credit FROM invoices WHERE client_id = ?1
         ORDER BY id DESC LIMIT 1",
        [client_id],
        |r| r.get("credit"),
    )
    .optional()
    .map(Option::unwrap_or_default)
}

/// An invoice about to be issued.
pub struct NewInvoice<'a> {
    pub client_id: i64,
    pub period: &'a str,
    pub number: &'a str,
    pub status: InvoiceStatus,
    pub total_minor: i64,
    pub carried_in_minor: i64,
    pub currency: &'a str,
    pub run_id: i64,
}

/// Inserts the invoice and attaches the client's items up to `cutoff`; returns its id.
pub fn insert(
    conn: &Connection,
    i: &NewInvoice,
    cutoff: DateTime<Utc>,
    now: DateTime<Utc>,
) -> rusqlite::Result<i64> {
    conn.execute(
        "INSERT INTO invoices (client_id, period, number, status, total_minor, carried_in_minor, currency, run_id, issued_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
        params![i.client_id, i.period, i.number, i.status, i.total_minor, i.carried_in_minor,
            i.currency, i.run_id, now],
    )?;
    let invoice_id = conn.last_insert_rowid();
    conn.prepare_cached(
        "UPDATE invoice_items SET invoice_id = ?1
         WHERE client_id = ?2 AND invoice_id IS NULL AND created_at <= ?3",
    )?
    .execute(params![invoice_id, i.client_id, cutoff])?;
    Ok(invoice_id)
}

/// A weekly run's numbers: invoices, their total, paid and past due.
pub fn run_counts(conn: &Connection, run_id: i64) -> rusqlite::Result<(i64, i64, i64, i64)> {
    conn.query_row(
        "SELECT COUNT(*) AS n, COALESCE(SUM(total_minor), 0) AS total,
                COUNT(*) FILTER (WHERE status = ?2) AS paid,
                COUNT(*) FILTER (WHERE status = ?3) AS past_due
         FROM invoices WHERE run_id = ?1",
        params![run_id, InvoiceStatus::Paid, InvoiceStatus::PastDue],
        |r| {
            Ok((
                r.get("n")?,
                r.get("total")?,
                r.get("paid")?,
                r.get("past_due")?,
            ))
        },
    )
}

/// True when the client has an invoice past due since before `since`.
pub fn past_due_since(
    conn: &Connection,
    client_id: i64,
    since: DateTime<Utc>,
) -> rusqlite::Result<bool> {
    conn.query_row(
        "SELECT EXISTS (SELECT 1 FROM invoices WHERE client_id = ?1 AND status = ?3
                        AND first_declined_at < ?2) AS blocked",
        params![client_id, since, InvoiceStatus::PastDue],
        |r| r.get("blocked"),
    )
}
