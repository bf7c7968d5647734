//! The weekly client run: one invoice per client per ISO week with everything posted to the
//! client's account up to the week's cutoff and not yet invoiced, and its first charge try.
//! Issued in batches, each batch one transaction: a crash loses nothing and repeats nothing.

use chrono::{DateTime, Utc};

use super::Deps;
use super::charging::{self, Opened, Reason};
use crate::billing::model::InvoiceStatus;
use crate::billing::model::periods::Period;
use crate::billing::store::invoices::{self, NewInvoice};
use crate::db::{WriteTx, write_tx};
use crate::error::AppError;
use crate::failpoint;
use crate::i18n::Arg;
use crate::notify::model::Kind;
use crate::notify::service::{Message, notify};

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
    deps: &Deps,
    run_id: i64,
    period: &Period,
    cutoff: DateTime<Utc>,
) -> Result<Issued, AppError> {
    let mut conn = deps.connection()?;
    let mut issued = Issued::default();
    loop {
        let now = deps.now();
        let batch = write_tx(&mut conn, |tx| -> Result<Issued, AppError> {
            let clients = invoices::clients_to_invoice(tx, &period.label(), cutoff, BATCH)?;
            let mut batch = Issued::default();
            for client_id in clients {
                let total = issue_one(tx, deps, run_id, period, cutoff, client_id, now)?;
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

fn issue_one(
    tx: &WriteTx,
    deps: &Deps,
    run_id: i64,
    period: &Period,
    cutoff: DateTime<Utc>,
    client_id: i64,
    now: DateTime<Utc>,
) -> Result<i64, AppError> {
    let lines = invoices::uninvoiced_total(tx, client_id, cutoff)?;
    let carried_in = invoices::carried_credit(tx, client_id)?;
    let total = lines + carried_in;
    let number = invoice_number(period, client_id);
    let status = if total > 0 {
        InvoiceStatus::Due
    } else {
        InvoiceStatus::NothingDue
    };
    let invoice_id = invoices::insert(
        tx,
        &NewInvoice {
            client_id,
            period: &period.label(),
            number: &number,
            status,
            total_minor: total,
            carried_in_minor: carried_in,
            currency: &deps.settings().currency,
            run_id,
        },
        cutoff,
        now,
    )?;
    notify(
        tx,
        &deps.settings(),
        now,
        client_id,
        &Message::new(Kind::InvoiceIssued)
            .arg("number", number)
            .arg("period", period.label())
            .arg("total", Arg::Money(total, deps.settings().currency.clone()))
            .link(format!("/invoices/{invoice_id}")),
    )?;
    if total > 0
        && charging::open_attempt(tx, invoice_id, Reason::Weekly, None, now)? == Opened::NoCard
    {
        charging::declined(
            tx,
            &deps.settings(),
            invoice_id,
            Reason::Weekly,
            "no_card",
            now,
        )?;
    }
    Ok(total)
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
