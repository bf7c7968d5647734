//! Collecting invoices through Golden Hat: opening a charge try (a `charges` row with its
//! idempotency key, written before the gateway is called), the charge side of the outbound
//! flow (`outbound`: a lost reply leaves the row `pending`, and the next pass asks the
//! gateway about that key before charging, so a retry never charges twice), and what a
//! decline starts: the dunning schedule.

use chrono::{DateTime, Utc};
use rusqlite::Connection;

use super::Deps;
use super::cards::{self, Purpose};
use super::outbound::{self, Answer, Payment, Sent};
use super::postings;
use crate::auth::model::Role;
use crate::billing::model::InvoiceStatus;
pub use crate::billing::model::Reason;
use crate::billing::model::dunning;
use crate::billing::service::gateway::{ChargeResult, GatewayError, GoldenHat, MoneyRequest};
use crate::billing::store::charges::{self, ToSend};
use crate::billing::store::invoices;
use crate::billing::store::outbound::{self as outbound_store, Table};
use crate::config::Settings;
use crate::db::{WriteTx, write_tx};
use crate::error::AppError;
use crate::i18n::Arg;
use crate::notify::model::Kind;
use crate::notify::service::{Message, notify, notify_role};

/// What opening a try found.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Opened {
    Charge(i64),
    AlreadyPending,
    NothingDue,
    NoCard,
}

/// Opens the next try for `invoice_id` with the client's current card, inside the caller's
/// transaction. The first try's key is the invoice number; later ones add the try number.
pub fn open_attempt(
    conn: &Connection,
    invoice_id: i64,
    reason: Reason,
    actor_id: Option<i64>,
    now: DateTime<Utc>,
) -> Result<Opened, AppError> {
    let invoice = invoices::chargeable(conn, invoice_id)?.ok_or(AppError::NotFound)?;
    if !invoice.status.is_payable() || invoice.total_minor <= 0 {
        return Ok(Opened::NothingDue);
    }
    if charges::has_pending(conn, invoice_id)? {
        return Ok(Opened::AlreadyPending);
    }
    let Some(card) = cards::current(conn, invoice.client_id, Purpose::Charge)? else {
        return Ok(Opened::NoCard);
    };
    let attempt = charges::next_attempt(conn, invoice_id)?;
    let key = if attempt == 1 {
        invoice.number.clone()
    } else {
        format!("{}-{attempt}", invoice.number)
    };
    let id = charges::insert(
        conn,
        &charges::NewCharge {
            invoice_id,
            attempt,
            key: &key,
            card_id: card.id,
            amount_minor: invoice.total_minor,
            currency: &invoice.currency,
            reason,
            actor_id,
        },
        now,
    )?;
    Ok(Opened::Charge(id))
}

/// Marks the invoice declined: `past_due`, the dunning clock started at the first decline,
/// the next retry scheduled, and the client (and on the first decline, managers) told.
pub fn declined(
    conn: &WriteTx,
    settings: &Settings,
    invoice_id: i64,
    reason: Reason,
    code: &str,
    now: DateTime<Utc>,
) -> Result<(), AppError> {
    let invoice = invoices::chargeable(conn, invoice_id)?.ok_or(AppError::NotFound)?;
    if invoice.status == InvoiceStatus::Paid {
        return Ok(());
    }
    let first = invoice.first_declined_at.unwrap_or(now);
    let retries = invoice.retries_done + u32::from(reason == Reason::Dunning);
    invoices::mark_past_due(
        conn,
        invoice_id,
        first,
        retries,
        dunning::next_retry_at(first, retries),
    )?;
    let total = Arg::Money(invoice.total_minor, invoice.currency.clone());
    let msg = |kind| {
        Message::new(kind)
            .arg("number", invoice.number.clone())
            .arg("total", total.clone())
            .arg("code", code)
    };
    let link = format!("/invoices/{invoice_id}");
    match reason {
        Reason::Weekly if invoice.first_declined_at.is_none() => {
            notify(
                conn,
                settings,
                now,
                invoice.client_id,
                &msg(Kind::PaymentFailed).link(link),
            )?;
            let client = crate::billing::store::people::name(conn, invoice.client_id)?;
            notify_role(
                conn,
                settings,
                now,
                Role::Manager,
                &msg(Kind::ChargeFailed)
                    .arg("client", client)
                    .link("/manage/billing"),
            )?;
        }
        Reason::Weekly | Reason::Dunning => {
            notify(
                conn,
                settings,
                now,
                invoice.client_id,
                &msg(Kind::PaymentRetryFailed).link(link),
            )?;
        }
        // Whoever pressed the button sees the outcome on the page.
        Reason::Client | Reason::Manager => {}
    }
    Ok(())
}

/// Charge tries: the client's card charged for an invoice.
struct Charges;

impl Payment for Charges {
    type Of = charges::Invoiced;
    const TABLE: Table = Table::Charges;
    const NAME: &'static str = "charge";
    const CLAIMED: &'static str = "charge-claimed";
    const SENT: &'static str = "charge-sent";

    fn to_send(conn: &Connection, id: i64) -> rusqlite::Result<ToSend> {
        charges::to_send(conn, id)
    }

    fn description(row: &ToSend, company: &str) -> String {
        format!("{company} invoice {}", row.of.number)
    }

    fn find(gateway: &dyn GoldenHat, key: &str) -> Result<Option<ChargeResult>, GatewayError> {
        gateway.find_charge(key)
    }

    fn send(
        gateway: &dyn GoldenHat,
        key: &str,
        request: &MoneyRequest,
    ) -> Result<ChargeResult, GatewayError> {
        gateway.charge(key, request)
    }

    /// A success pays the invoice, posts the payment and tells the client; a decline
    /// starts or moves on the dunning schedule.
    fn settle(
        tx: &WriteTx,
        settings: &Settings,
        row: &ToSend,
        answer: Answer,
        now: DateTime<Utc>,
    ) -> Result<bool, AppError> {
        let invoice = &row.of;
        match answer {
            Answer::Succeeded { gateway_id } => {
                if !outbound_store::settle_succeeded(tx, Self::TABLE, row.id, gateway_id, now)? {
                    return Ok(false);
                }
                let amount = row.amount_minor;
                invoices::mark_paid(tx, invoice.invoice_id, now)?;
                postings::payment(
                    tx,
                    &row.key,
                    invoice.client_id,
                    amount,
                    &invoice.number,
                    now,
                )?;
                notify(
                    tx,
                    settings,
                    now,
                    invoice.client_id,
                    &Message::new(Kind::PaymentSucceeded)
                        .arg("number", invoice.number.clone())
                        .arg("total", Arg::Money(amount, row.currency.clone()))
                        .arg("last4", row.last4.clone())
                        .link(format!("/invoices/{}", invoice.invoice_id)),
                )?;
            }
            Answer::Declined { gateway_id, code } => {
                if !charges::settle_declined(tx, row.id, gateway_id, code, now)? {
                    return Ok(false);
                }
                declined(tx, settings, invoice.invoice_id, invoice.reason, code, now)?;
            }
        }
        Ok(true)
    }
}

/// Sends every pending try that is due (or only `only`'s invoice's) to the gateway and
/// records what it said (see `outbound::send`).
pub fn collect(deps: &Deps, only: Option<i64>) -> Result<Sent, AppError> {
    outbound::send::<Charges>(deps, only)
}

/// Opens the dunning retries that are due, in one transaction (the pass that follows sends
/// them). A client without a card counts as another decline.
pub fn open_due_retries(deps: &Deps, now: DateTime<Utc>) -> Result<usize, AppError> {
    let mut conn = deps.connection()?;
    write_tx(&mut conn, |tx| {
        let due = invoices::retries_due(tx, now)?;
        for &id in &due {
            invoices::clear_next_retry(tx, id)?;
            match open_attempt(tx, id, Reason::Dunning, None, now)? {
                Opened::NoCard => {
                    declined(tx, &deps.settings(), id, Reason::Dunning, "no_card", now)?;
                }
                Opened::Charge(_) | Opened::AlreadyPending | Opened::NothingDue => {}
            }
        }
        Ok(due.len())
    })
}
