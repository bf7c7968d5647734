//! The weekly client run: one invoice per client per ISO week with everything posted to the
//! client's account up to the week's cutoff and not yet invoiced, and its first charge try.
//! Issued in batches, each batch one transaction: a crash loses nothing and repeats nothing.

use chrono::{DateTime, Utc};
use rusqlite::{Connection, OptionalExtension, params};

use super::charging::{self, Opened, Reason};
use super::periods::Period;
use crate::db::write_tx;
use crate::error::AppError;
use crate::i18n::Arg;
use crate::notify::model::Kind;
use crate::notify::service::{Message, notify};
use crate::ops::failpoint;
use crate::state::AppState;

/// Clients invoiced per transaction.
const BATCH: i64 = 500;

/// The invoice number: the week and the client, so the same invoice always gets the same
/// number (and the same idempotency key at the gateway).
pub fn invoice_number(period: &Period, client_id: i64) -> String {
    format!("INV-{}-{client_id:06}", period.label().replace('-', ""))
}

#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct Issued {
    pub invoices: usize,
    pub total_minor: i64,
}

/// Issues the invoices of `period` that do not exist yet.
pub fn issue(
    state: &AppState,
    run_id: i64,
    period: &Period,
    cutoff: DateTime<Utc>,
) -> Result<Issued, AppError> {
    let mut conn = state.pool.get().map_err(anyhow::Error::from)?;
    let mut issued = Issued::default();
    loop {
        let now = state.clock.now();
        let batch = write_tx(&mut conn, |tx| -> Result<Issued, AppError> {
            let clients = clients_to_invoice(tx, period, cutoff)?;
            let mut batch = Issued::default();
            for client_id in clients {
                let total = issue_one(tx, state, run_id, period, cutoff, client_id, now)?;
                batch.invoices += 1;
                batch.total_minor += total;
            }
            Ok(batch)
        })?;
        if batch.invoices == 0 {
            return Ok(issued);
        }
        issued.invoices += batch.invoices;
        issued.total_minor += batch.total_minor;
        failpoint::hit("weekly-batch-issued");
    }
}

fn clients_to_invoice(
    conn: &Connection,
    period: &Period,
    cutoff: DateTime<Utc>,
) -> rusqlite::Result<Vec<i64>> {
    conn.prepare_cached(
        "SELECT DISTINCT it.client_id FROM invoice_items it
         WHERE it.invoice_id IS NULL AND it.created_at <= ?1
           AND NOT EXISTS (SELECT 1 FROM invoices i WHERE i.client_id = it.client_id AND i.period = ?2)
         LIMIT ?3",
    )?
    .query_map(params![cutoff, period.label(), BATCH], |r| r.get(0))?
    .collect()
}

fn issue_one(
    tx: &Connection,
    state: &AppState,
    run_id: i64,
    period: &Period,
    cutoff: DateTime<Utc>,
    client_id: i64,
    now: DateTime<Utc>,
) -> Result<i64, AppError> {
    let lines: i64 = tx.query_row(
        "SELECT COALESCE(SUM(amount_minor), 0) FROM invoice_items
         WHERE client_id = ?1 AND invoice_id IS NULL AND created_at <= ?2",
        params![client_id, cutoff],
        |r| r.get(0),
    )?;
    let carried_in = carried_credit(tx, client_id)?;
    let total = lines + carried_in;
    let number = invoice_number(period, client_id);
    let status = if total > 0 { "due" } else { "nothing_due" };
    tx.execute(
        "INSERT INTO invoices (client_id, period, number, status, total_minor, carried_in_minor, currency, run_id, issued_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
        params![client_id, period.label(), number, status, total, carried_in, state.settings.currency, run_id, now],
    )?;
    let invoice_id = tx.last_insert_rowid();
    tx.prepare_cached(
        "UPDATE invoice_items SET invoice_id = ?1
         WHERE client_id = ?2 AND invoice_id IS NULL AND created_at <= ?3",
    )?
    .execute(params![invoice_id, client_id, cutoff])?;
    notify(
        tx,
        &state.settings,
        now,
        client_id,
        &Message::new(Kind::InvoiceIssued)
            .arg("number", number)
            .arg("period", period.label())
            .arg("total", Arg::Money(total, state.settings.currency.clone()))
            .link(format!("/invoices/{invoice_id}")),
    )?;
    if total > 0
        && charging::open_attempt(tx, invoice_id, Reason::Weekly, None, now)? == Opened::NoCard
    {
        charging::declined(tx, state, invoice_id, Reason::Weekly, "no_card", now)?;
    }
    Ok(total)
}

/// A credit the client's latest invoice closed with (its total was negative), or 0.
fn carried_credit(tx: &Connection, client_id: i64) -> rusqlite::Result<i64> {
    tx.query_row(
        "SELECT MIN(total_minor, 0) FROM invoices WHERE client_id = ?1 ORDER BY id DESC LIMIT 1",
        [client_id],
        |r| r.get(0),
    )
    .optional()
    .map(Option::unwrap_or_default)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn invoice_numbers_name_the_week_and_the_client() {
        let week = Period::parse_week("2026-W10").unwrap();
        assert_eq!(invoice_number(&week, 42), "INV-2026W10-000042");
    }
}
