//! Collecting invoices through Golden Hat. Each try is a `charges` row written (with its
//! idempotency key) before the gateway is called; the outcome is recorded after. A lost
//! reply leaves the row `pending`, and the next pass asks the gateway about that key before
//! charging, so a retry never charges twice. Declines start the dunning schedule.

use chrono::{DateTime, Duration, Utc};
use rusqlite::{Connection, OptionalExtension, params};

use super::cards::{self, Purpose};
use super::dunning;
use super::gateway::{ChargeResult, ChargeStatus, GatewayError, MoneyRequest, SharedGateway};
use super::postings;
use crate::auth::model::Role;
use crate::db::write_tx;
use crate::error::AppError;
use crate::i18n::Arg;
use crate::notify::model::Kind;
use crate::notify::service::{Message, notify, notify_role};
use crate::ops::failpoint;
use crate::state::AppState;

/// Charges claimed and sent per batch; their outcomes are recorded in one transaction.
const BATCH: i64 = 200;

/// Why a try was made (kept on the row; notices differ).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Reason {
    Weekly,
    Dunning,
    Client,
    Manager,
}

impl Reason {
    pub fn as_str(self) -> &'static str {
        match self {
            Reason::Weekly => "weekly",
            Reason::Dunning => "dunning",
            Reason::Client => "client",
            Reason::Manager => "manager",
        }
    }
}

/// What opening a try found.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Opened {
    Charge(i64),
    AlreadyPending,
    NothingDue,
    NoCard,
}

struct InvoiceRow {
    client_id: i64,
    number: String,
    status: String,
    total_minor: i64,
    currency: String,
    first_declined_at: Option<DateTime<Utc>>,
    retries_done: u32,
}

fn invoice_row(conn: &Connection, id: i64) -> rusqlite::Result<Option<InvoiceRow>> {
    conn.query_row(
        "SELECT client_id, number, status, total_minor, currency, first_declined_at, retries_done
         FROM invoices WHERE id = ?1",
        [id],
        |r| {
            Ok(InvoiceRow {
                client_id: r.get(0)?,
                number: r.get(1)?,
                status: r.get(2)?,
                total_minor: r.get(3)?,
                currency: r.get(4)?,
                first_declined_at: r.get(5)?,
                retries_done: r.get(6)?,
            })
        },
    )
    .optional()
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
    let invoice = invoice_row(conn, invoice_id)?.ok_or(AppError::NotFound)?;
    if !matches!(invoice.status.as_str(), "due" | "past_due") || invoice.total_minor <= 0 {
        return Ok(Opened::NothingDue);
    }
    let pending: bool = conn.query_row(
        "SELECT EXISTS (SELECT 1 FROM charges WHERE invoice_id = ?1 AND status = 'pending')",
        [invoice_id],
        |r| r.get(0),
    )?;
    if pending {
        return Ok(Opened::AlreadyPending);
    }
    let Some(card) = cards::current(conn, invoice.client_id, Purpose::Charge)? else {
        return Ok(Opened::NoCard);
    };
    let attempt: i64 = conn.query_row(
        "SELECT COALESCE(MAX(attempt), 0) + 1 FROM charges WHERE invoice_id = ?1",
        [invoice_id],
        |r| r.get(0),
    )?;
    let key = if attempt == 1 {
        invoice.number.clone()
    } else {
        format!("{}-{attempt}", invoice.number)
    };
    conn.execute(
        "INSERT INTO charges (invoice_id, attempt, idempotency_key, card_id, amount_minor, currency,
             status, reason, actor_id, created_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, 'pending', ?7, ?8, ?9)",
        params![invoice_id, attempt, key, card.id, invoice.total_minor, invoice.currency,
            reason.as_str(), actor_id, now],
    )?;
    Ok(Opened::Charge(conn.last_insert_rowid()))
}

/// Marks the invoice declined: `past_due`, the dunning clock started at the first decline,
/// the next retry scheduled, and the client (and on the first decline, managers) told.
pub fn declined(
    conn: &Connection,
    state: &AppState,
    invoice_id: i64,
    reason: Reason,
    code: &str,
    now: DateTime<Utc>,
) -> Result<(), AppError> {
    let invoice = invoice_row(conn, invoice_id)?.ok_or(AppError::NotFound)?;
    if invoice.status == "paid" {
        return Ok(());
    }
    let first = invoice.first_declined_at.unwrap_or(now);
    let retries = invoice.retries_done + u32::from(reason == Reason::Dunning);
    conn.execute(
        "UPDATE invoices SET status = 'past_due', first_declined_at = ?2, retries_done = ?3,
             next_retry_at = ?4 WHERE id = ?1",
        params![
            invoice_id,
            first,
            retries,
            dunning::next_retry_at(first, retries)
        ],
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
                &state.settings,
                now,
                invoice.client_id,
                &msg(Kind::PaymentFailed).link(link),
            )?;
            let client = crate::auth::store::user_by_id(conn, invoice.client_id)?
                .map(|u| u.name)
                .unwrap_or_default();
            notify_role(
                conn,
                &state.settings,
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
                &state.settings,
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
    id: i64,
    invoice_id: i64,
    key: String,
    tries: i64,
    request: MoneyRequest,
    client_id: i64,
    number: String,
    reason: Reason,
    last4: String,
}

/// Takes up to `BATCH` pending tries whose lease or backoff has run out (optionally of one
/// invoice), marking them taken for a while so a concurrent pass leaves them alone.
fn claim(
    conn: &mut Connection,
    only: Option<i64>,
    now: DateTime<Utc>,
) -> Result<Vec<Claimed>, AppError> {
    write_tx(conn, |tx| {
        let ids: Vec<i64> = tx
            .prepare(
                "SELECT id FROM charges WHERE status = 'pending'
                   AND (claimed_until IS NULL OR claimed_until <= ?1)
                   AND (?2 IS NULL OR invoice_id = ?2)
                 ORDER BY id LIMIT ?3",
            )?
            .query_map(params![now, only, BATCH], |r| r.get(0))?
            .collect::<Result<_, _>>()?;
        let mut claimed = Vec::with_capacity(ids.len());
        for id in ids {
            tx.execute(
                "UPDATE charges SET tries = tries + 1, claimed_until = ?2 WHERE id = ?1",
                params![id, now + Duration::seconds(60)],
            )?;
            claimed.push(tx.query_row(
                "SELECT c.id, c.invoice_id, c.idempotency_key, c.tries, p.token, c.amount_minor,
                        c.currency, i.client_id, i.number, c.reason, p.last4
                 FROM charges c JOIN invoices i ON i.id = c.invoice_id
                 JOIN payment_cards p ON p.id = c.card_id WHERE c.id = ?1",
                [id],
                |r| {
                    let number: String = r.get(8)?;
                    let reason: String = r.get(9)?;
                    Ok(Claimed {
                        id: r.get(0)?,
                        invoice_id: r.get(1)?,
                        key: r.get(2)?,
                        tries: r.get(3)?,
                        request: MoneyRequest {
                            token: r.get(4)?,
                            amount_minor: r.get(5)?,
                            currency: r.get(6)?,
                            description: format!("Whiskerworks invoice {number}"),
                        },
                        client_id: r.get(7)?,
                        number,
                        reason: match reason.as_str() {
                            "dunning" => Reason::Dunning,
                            "client" => Reason::Client,
                            "manager" => Reason::Manager,
                            _ => Reason::Weekly,
                        },
                        last4: r.get(10)?,
                    })
                },
            )?);
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
    if c.tries > 1 {
        match gateway.find_charge(&c.key) {
            Ok(Some(found)) => return classify(Ok(found)),
            Ok(None) => {}
            Err(e) => return Outcome::Unknown(e.to_string()),
        }
    }
    classify(gateway.charge(&c.key, &c.request))
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
    state: &AppState,
    conn: &mut Connection,
    done: &[(Claimed, Outcome)],
    now: DateTime<Utc>,
    report: &mut CollectReport,
) -> Result<(), AppError> {
    write_tx(conn, |tx| -> Result<(), AppError> {
        for (c, outcome) in done {
            match outcome {
                Outcome::Succeeded(gateway_id) => {
                    let changed = tx.execute(
                        "UPDATE charges SET status = 'succeeded', gateway_id = ?2, settled_at = ?3,
                             last_error = NULL, claimed_until = NULL WHERE id = ?1 AND status = 'pending'",
                        params![c.id, gateway_id, now],
                    )?;
                    if changed == 0 {
                        continue;
                    }
                    tx.execute(
                        "UPDATE invoices SET status = 'paid', paid_at = ?2, next_retry_at = NULL WHERE id = ?1",
                        params![c.invoice_id, now],
                    )?;
                    postings::payment(
                        tx,
                        &c.key,
                        c.client_id,
                        c.request.amount_minor,
                        &c.number,
                        now,
                    )?;
                    let total = Arg::Money(c.request.amount_minor, c.request.currency.clone());
                    notify(
                        tx,
                        &state.settings,
                        now,
                        c.client_id,
                        &Message::new(Kind::PaymentSucceeded)
                            .arg("number", c.number.clone())
                            .arg("total", total)
                            .arg("last4", c.last4.clone())
                            .link(format!("/invoices/{}", c.invoice_id)),
                    )?;
                    report.succeeded += 1;
                    report.collected_minor += c.request.amount_minor;
                }
                Outcome::Declined(gateway_id, code) => {
                    let changed = tx.execute(
                        "UPDATE charges SET status = 'declined', gateway_id = NULLIF(?2, ''), decline_code = ?3,
                             settled_at = ?4, claimed_until = NULL WHERE id = ?1 AND status = 'pending'",
                        params![c.id, gateway_id, code, now],
                    )?;
                    if changed == 1 {
                        declined(tx, state, c.invoice_id, c.reason, code, now)?;
                        report.declined += 1;
                    }
                }
                Outcome::Unknown(error) => {
                    tracing::warn!(charge = c.id, key = %c.key, tries = c.tries, %error, "charge outcome unknown; will ask the gateway");
                    tx.execute(
                        "UPDATE charges SET last_error = ?2, claimed_until = ?3 WHERE id = ?1 AND status = 'pending'",
                        params![c.id, error, now + recheck_delay(c.tries)],
                    )?;
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
pub fn collect(state: &AppState, only: Option<i64>) -> Result<CollectReport, AppError> {
    let mut conn = state.pool.get().map_err(anyhow::Error::from)?;
    let mut report = CollectReport::default();
    loop {
        let now = state.clock.now();
        let claimed = claim(&mut conn, only, now)?;
        if claimed.is_empty() {
            return Ok(report);
        }
        failpoint::hit("charge-claimed");
        let done: Vec<(Claimed, Outcome)> = claimed
            .into_iter()
            .map(|c| {
                let outcome = ask(&state.gateway, &c);
                (c, outcome)
            })
            .collect();
        failpoint::hit("charge-sent");
        record(state, &mut conn, &done, state.clock.now(), &mut report)?;
    }
}

/// Opens the dunning retries that are due, in one transaction (the pass that follows sends
/// them). A client without a card counts as another decline.
pub fn open_due_retries(state: &AppState, now: DateTime<Utc>) -> Result<usize, AppError> {
    let mut conn = state.pool.get().map_err(anyhow::Error::from)?;
    write_tx(&mut conn, |tx| {
        let due: Vec<i64> = tx
            .prepare("SELECT id FROM invoices WHERE status = 'past_due' AND next_retry_at <= ?1 ORDER BY id")?
            .query_map([now], |r| r.get(0))?
            .collect::<Result<_, _>>()?;
        for &id in &due {
            tx.execute(
                "UPDATE invoices SET next_retry_at = NULL WHERE id = ?1",
                [id],
            )?;
            match open_attempt(tx, id, Reason::Dunning, None, now)? {
                Opened::NoCard => declined(tx, state, id, Reason::Dunning, "no_card", now)?,
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
