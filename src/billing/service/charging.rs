//! Collecting invoices through Golden Hat. Each try is a `charges` row written (with its
//! idempotency key) before the gateway is called; the outcome is recorded after. A lost
//! reply leaves the row `pending`, and the next pass asks the gateway about that key before
//! charging, so a retry never charges twice. Declines start the dunning schedule.

use chrono::{DateTime, Duration, Utc};
use rusqlite::Connection;

use super::cards::{self, Purpose};
use super::postings;
use crate::auth::model::Role;
use crate::billing::dunning;
use crate::billing::gateway::{
    ChargeResult, ChargeStatus, GatewayError, MoneyRequest, SharedGateway,
};
use crate::billing::model::InvoiceStatus;
pub use crate::billing::model::Reason;
use crate::billing::store::{charges, invoices};
use crate::config::Settings;
use crate::db::write_tx;
use crate::error::AppError;
use crate::failpoint;
use crate::i18n::Arg;
use crate::notify::model::Kind;
use crate::notify::service::{Message, notify, notify_role};
use crate::state::AppState;

/// Charges claimed and sent per batch; their outcomes are recorded in one transaction.
/// Small, so a batch's claim can outlast every call in it (see `claim_lease`).
pub(super) const BATCH: i64 = 20;

/// How long claimed tries stay off-limits to other passes: longer than a whole batch of
/// calls can take (a lookup and a charge each, at the gateway's timeout), so one try is
/// never in flight twice. After a crash, `release_claims` at start-up takes them back.
pub(super) fn claim_lease(settings: &Settings) -> Duration {
    let timeout =
        Duration::from_std(settings.billing.golden_hat_timeout).unwrap_or(Duration::seconds(5));
    Duration::seconds(60) + timeout * 2 * BATCH as i32
}

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
    conn: &Connection,
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

struct Claimed {
    row: charges::ToSend,
    request: MoneyRequest,
}

/// Takes up to `BATCH` pending tries whose lease or backoff has run out (optionally of one
/// invoice), marking them taken for a while so a concurrent pass leaves them alone.
fn claim(
    conn: &mut Connection,
    only: Option<i64>,
    now: DateTime<Utc>,
    lease: Duration,
) -> Result<Vec<Claimed>, AppError> {
    write_tx(conn, |tx| {
        let ids = charges::claimable(tx, only, now, BATCH)?;
        let mut claimed = Vec::with_capacity(ids.len());
        for id in ids {
            let row = charges::claim(tx, id, now + lease)?;
            let request = MoneyRequest {
                token: row.token.clone(),
                amount_minor: row.amount_minor,
                currency: row.currency.clone(),
                description: format!("Whiskerworks invoice {}", row.number),
            };
            claimed.push(Claimed { row, request });
        }
        Ok(claimed)
    })
}

/// What the gateway said about one try.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Outcome {
    Succeeded(String),
    Declined(String, String),
    /// No answer we can trust: ask again about the same key later.
    Unknown(String),
}

pub fn classify(result: Result<ChargeResult, GatewayError>) -> Outcome {
    match result {
        Ok(r) if r.status == ChargeStatus::Succeeded => Outcome::Succeeded(r.id),
        Ok(r) => Outcome::Declined(r.id, r.decline_code.unwrap_or_else(|| "declined".into())),
        // The gateway no longer knows the card (or the request): a decline the client can
        // fix with another card.
        Err(GatewayError::Invalid(why)) => {
            Outcome::Declined(String::new(), format!("invalid: {why}"))
        }
        Err(e) => Outcome::Unknown(e.to_string()),
    }
}

/// Asks the gateway: after an earlier try of this key, first whether it already charged.
fn ask(gateway: &SharedGateway, c: &Claimed) -> Outcome {
    if c.row.tries > 1 {
        match gateway.find_charge(&c.row.key) {
            Ok(Some(found)) => return classify(Ok(found)),
            Ok(None) => {}
            Err(e) => return Outcome::Unknown(e.to_string()),
        }
    }
    classify(gateway.charge(&c.row.key, &c.request))
}

/// How long to wait before asking again about a key whose outcome is unknown.
pub fn recheck_delay(tries: i64) -> Duration {
    Duration::seconds(30 * (1i64 << (tries.clamp(1, 7) - 1)))
}

#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct CollectReport {
    pub succeeded: usize,
    pub declined: usize,
    pub unknown: usize,
    pub collected_minor: i64,
}

fn record(
    settings: &Settings,
    conn: &mut Connection,
    done: &[(Claimed, Outcome)],
    now: DateTime<Utc>,
    report: &mut CollectReport,
) -> Result<(), AppError> {
    write_tx(conn, |tx| -> Result<(), AppError> {
        for (c, outcome) in done {
            let (row, amount) = (&c.row, c.request.amount_minor);
            match outcome {
                Outcome::Succeeded(gateway_id) => {
                    if !charges::settle_succeeded(tx, row.id, gateway_id, now)? {
                        continue;
                    }
                    invoices::mark_paid(tx, row.invoice_id, now)?;
                    postings::payment(tx, &row.key, row.client_id, amount, &row.number, now)?;
                    let total = Arg::Money(amount, c.request.currency.clone());
                    notify(
                        tx,
                        settings,
                        now,
                        row.client_id,
                        &Message::new(Kind::PaymentSucceeded)
                            .arg("number", row.number.clone())
                            .arg("total", total)
                            .arg("last4", row.last4.clone())
                            .link(format!("/invoices/{}", row.invoice_id)),
                    )?;
                    report.succeeded += 1;
                    report.collected_minor += amount;
                }
                Outcome::Declined(gateway_id, code) => {
                    if charges::settle_declined(tx, row.id, gateway_id, code, now)? {
                        declined(tx, settings, row.invoice_id, row.reason, code, now)?;
                        report.declined += 1;
                    }
                }
                Outcome::Unknown(error) => {
                    tracing::warn!(charge = row.id, key = %row.key, tries = row.tries, %error, "charge outcome unknown; will ask the gateway");
                    charges::postpone(tx, row.id, error, now + recheck_delay(row.tries))?;
                    report.unknown += 1;
                }
            }
        }
        Ok(())
    })
}

/// Sends every pending try that is due (or only `only`'s) to the gateway and records what
/// it said. Safe to run twice or in two processes at once: the key makes the gateway charge
/// once, and an outcome is recorded only while the row is still pending.
/// No pooled connection is held while the gateway is asked.
pub fn collect(state: &AppState, only: Option<i64>) -> Result<CollectReport, AppError> {
    let mut report = CollectReport::default();
    let lease = claim_lease(&state.settings);
    loop {
        let now = state.clock.now();
        let claimed = claim(&mut *connection(state)?, only, now, lease)?;
        if claimed.is_empty() {
            return Ok(report);
        }
        failpoint::hit("charge-claimed");
        let done: Vec<(Claimed, Outcome)> = claimed
            .into_iter()
            .map(|c| {
                let outcome = state.outside.run(|| ask(&state.gateway, &c));
                (c, outcome)
            })
            .collect();
        failpoint::hit("charge-sent");
        record(
            &state.settings,
            &mut *connection(state)?,
            &done,
            state.clock.now(),
            &mut report,
        )?;
        if state.jobs.stopping() {
            return Ok(report); // a safe point: every claimed try's outcome is recorded
        }
    }
}

pub(super) fn connection(state: &AppState) -> Result<crate::db::PooledConn, AppError> {
    Ok(state.pool.get().map_err(anyhow::Error::from)?)
}

/// Opens the dunning retries that are due, in one transaction (the pass that follows sends
/// them). A client without a card counts as another decline.
pub fn open_due_retries(state: &AppState, now: DateTime<Utc>) -> Result<usize, AppError> {
    let mut conn = state.pool.get().map_err(anyhow::Error::from)?;
    write_tx(&mut conn, |tx| {
        let due = invoices::retries_due(tx, now)?;
        for &id in &due {
            invoices::clear_next_retry(tx, id)?;
            match open_attempt(tx, id, Reason::Dunning, None, now)? {
                Opened::NoCard => {
                    declined(tx, &state.settings, id, Reason::Dunning, "no_card", now)?;
                }
                Opened::Charge(_) | Opened::AlreadyPending | Opened::NothingDue => {}
            }
        }
        Ok(due.len())
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unknown_outcomes_are_asked_about_again_with_growing_pauses() {
        let secs: Vec<i64> = (1..=9).map(|t| recheck_delay(t).num_seconds()).collect();
        assert_eq!(secs, vec![30, 60, 120, 240, 480, 960, 1920, 1920, 1920]);
    }

    #[test]
    fn gateway_answers_become_outcomes() {
        let ok = ChargeResult {
            id: "ch_1".into(),
            status: ChargeStatus::Succeeded,
            decline_code: None,
        };
        assert_eq!(classify(Ok(ok)), Outcome::Succeeded("ch_1".into()));
        let no = ChargeResult {
            id: "ch_2".into(),
            status: ChargeStatus::Declined,
            decline_code: Some("card_declined".into()),
        };
        assert_eq!(
            classify(Ok(no)),
            Outcome::Declined("ch_2".into(), "card_declined".into())
        );
        assert!(matches!(
            classify(Err(GatewayError::Unavailable("x".into()))),
            Outcome::Unknown(_)
        ));
        assert!(matches!(
            classify(Err(GatewayError::Conflict)),
            Outcome::Unknown(_)
        ));
        assert!(matches!(
            classify(Err(GatewayError::Invalid("token".into()))),
            Outcome::Declined(_, _)
        ));
    }
}
