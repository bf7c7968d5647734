//! The monthly worker run: one payout statement per worker per month — earnings − fines +
//! bonuses (+ adjustments) + what was carried in. Positive → paid through Golden Hat with a
//! key persisted first; zero or negative → carried forward to the next statement. A positive
//! statement that cannot be paid (no payout card, a declined card) is held on its own row,
//! the worker and managers told; a new payout card or a manager's retry reopens it as the
//! next try under its own key, paid by the next billing pass.

use chrono::{DateTime, Utc};
use rusqlite::Connection;

use super::Deps;
use super::cards::{self, Purpose};
use super::outbound::{self, Answer, Payment, Sent};
use super::{held, postings};
use crate::billing::model::periods::Period;
use crate::billing::model::{Kind as LedgerKind, PayoutStatus};
use crate::billing::service::gateway::{ChargeResult, GatewayError, GoldenHat, MoneyRequest};
use crate::billing::store::outbound::{self as outbound_store, Table};
use crate::billing::store::payouts::{self as store, NewPayout, ToSend};
use crate::config::Settings;
use crate::db::{WriteTx, write_tx};
use crate::error::AppError;
use crate::failpoint;
use crate::i18n::Arg;
use crate::notify::model::Kind;
use crate::notify::service::{Message, notify};

const BATCH: i64 = 200;

/// A statement's parts, in minor units (fines as a positive number taken off).
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct Parts {
    pub earnings: i64,
    pub fines: i64,
    pub bonuses: i64,
    pub other: i64,
    pub carried_in: i64,
}

impl Parts {
    /// What the statement pays: earnings − fines + bonuses + other + carried in.
    pub fn amount(&self) -> i64 {
        self.earnings - self.fines + self.bonuses + self.other + self.carried_in
    }

    fn add(&mut self, kind: LedgerKind, amount: i64) {
        match kind {
            LedgerKind::OrderCompleted => self.earnings += amount,
            LedgerKind::Fine => self.fines -= amount,
            LedgerKind::Bonus => self.bonuses += amount,
            _ => self.other += amount,
        }
    }
}

pub fn payout_key(worker_id: i64, period: &str, attempt: i64) -> String {
    match attempt {
        1 => format!("payout-{worker_id}-{period}"),
        n => format!("payout-{worker_id}-{period}-{n}"),
    }
}

#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct Stated {
    pub statements: usize,
    pub to_pay_minor: i64,
}

/// Writes the statements of `period` that do not exist yet, in batches.
pub fn state_period(
    deps: &Deps,
    run_id: i64,
    period: &Period,
    cutoff: DateTime<Utc>,
) -> Result<Stated, AppError> {
    let mut conn = deps.connection()?;
    let mut stated = Stated::default();
    loop {
        let now = deps.now();
        let batch = write_tx(&mut conn, |tx| -> Result<Stated, AppError> {
            let workers = store::workers_to_state(tx, &period.label(), cutoff, BATCH)?;
            let mut batch = Stated::default();
            for worker_id in workers {
                let amount = state_one(tx, deps, run_id, period, cutoff, worker_id, now)?;
                batch.statements += 1;
                batch.to_pay_minor += amount.max(0);
            }
            Ok(batch)
        })?;
        if batch.statements == 0 {
            return Ok(stated);
        }
        stated.statements += batch.statements;
        stated.to_pay_minor += batch.to_pay_minor;
        failpoint::hit("monthly-batch-stated");
    }
}

fn state_one(
    tx: &WriteTx,
    deps: &Deps,
    run_id: i64,
    period: &Period,
    cutoff: DateTime<Utc>,
    worker_id: i64,
    now: DateTime<Utc>,
) -> Result<i64, AppError> {
    let mut parts = Parts::default();
    for (kind, amount) in store::unstated_by_kind(tx, worker_id, cutoff)? {
        parts.add(kind, amount);
    }
    // The newest earlier statement, if it was carried forward, is absorbed by this one.
    parts.carried_in = store::previous(tx, worker_id, &period.label())?
        .filter(|(status, _)| *status == PayoutStatus::CarriedForward)
        .map_or(0, |(_, amount)| amount);
    let amount = parts.amount();
    let card = cards::current(tx, worker_id, Purpose::Payout)?;
    let (status, key, card_id, error) = match (amount > 0, &card) {
        (false, _) => (PayoutStatus::CarriedForward, None, None, None),
        (true, Some(card)) => (
            PayoutStatus::Pending,
            Some(payout_key(worker_id, &period.label(), 1)),
            Some(card.id),
            None,
        ),
        (true, None) => (PayoutStatus::Held, None, None, Some(held::NO_CARD)),
    };
    store::insert(
        tx,
        &NewPayout {
            worker_id,
            period: &period.label(),
            status,
            amount_minor: amount,
            parts: [
                parts.earnings,
                parts.fines,
                parts.bonuses,
                parts.other,
                parts.carried_in,
            ],
            currency: &deps.settings().currency,
            run_id,
            key,
            card_id,
            last_error: error,
        },
        cutoff,
        now,
    )?;
    if let Some(code) = error {
        let held = held::Held {
            worker_id,
            period: &period.label(),
            amount,
            code,
        };
        held::tell(tx, &deps.settings(), &held, now)?;
    }
    Ok(amount)
}

/// Payouts: a worker's statement paid to their payout card.
struct Payouts;

impl Payment for Payouts {
    type Of = store::Stated;
    const TABLE: Table = Table::Payouts;
    const NAME: &'static str = "payout";
    const CLAIMED: &'static str = "payout-claimed";
    const SENT: &'static str = "payout-sent";

    fn to_send(conn: &Connection, id: i64) -> rusqlite::Result<ToSend> {
        store::to_send(conn, id)
    }

    fn description(row: &ToSend, company: &str) -> String {
        format!("{company} payout {}", row.of.period)
    }

    fn find(gateway: &dyn GoldenHat, key: &str) -> Result<Option<ChargeResult>, GatewayError> {
        gateway.find_payout(key)
    }

    fn send(
        gateway: &dyn GoldenHat,
        key: &str,
        request: &MoneyRequest,
    ) -> Result<ChargeResult, GatewayError> {
        gateway.payout(key, request)
    }

    /// A success posts the payout and tells the worker; a decline holds the statement on
    /// its row, the worker and managers told.
    fn settle(
        tx: &WriteTx,
        settings: &Settings,
        row: &ToSend,
        answer: Answer,
        now: DateTime<Utc>,
    ) -> Result<bool, AppError> {
        let (statement, amount) = (&row.of, row.amount_minor);
        match answer {
            Answer::Succeeded { gateway_id } => {
                if !outbound_store::settle_succeeded(tx, Self::TABLE, row.id, gateway_id, now)? {
                    return Ok(false);
                }
                postings::payout(
                    tx,
                    &row.key,
                    statement.worker_id,
                    amount,
                    &statement.period,
                    now,
                )?;
                notify(
                    tx,
                    settings,
                    now,
                    statement.worker_id,
                    &Message::new(Kind::PayoutSent)
                        .arg("period", statement.period.clone())
                        .arg("total", Arg::Money(amount, row.currency.clone()))
                        .arg("last4", row.last4.clone())
                        .link("/worker/earnings"),
                )?;
            }
            Answer::Declined { code, .. } => {
                if !store::settle_held(tx, row.id, code)? {
                    return Ok(false);
                }
                let held = held::Held {
                    worker_id: statement.worker_id,
                    period: &statement.period,
                    amount,
                    code,
                };
                held::tell(tx, settings, &held, now)?;
            }
        }
        Ok(true)
    }
}

/// Sends every pending payout that is due (or only `only`) and records the outcomes (see
/// `outbound::send`).
pub fn pay(deps: &Deps, only: Option<i64>) -> Result<Sent, AppError> {
    outbound::send::<Payouts>(deps, only)
}

/// A manager retries a held payout: a new try with a new key and the worker's current
/// payout card. Refused (`err-payout-not-failed`, `err-payout-no-card`) when it cannot be.
pub fn retry(conn: &Connection, payout_id: i64) -> Result<(), AppError> {
    let payout = store::retryable(conn, payout_id)?.ok_or(AppError::NotFound)?;
    if !matches!(payout.status, PayoutStatus::Held | PayoutStatus::Failed) {
        return Err(AppError::Refused("err-payout-not-failed"));
    }
    let Some(card) = cards::current(conn, payout.worker_id, Purpose::Payout)? else {
        return Err(AppError::Refused("err-payout-no-card"));
    };
    let attempt = payout.attempt + 1;
    let key = payout_key(payout.worker_id, &payout.period, attempt);
    store::reopen(conn, payout_id, attempt, &key, card.id)?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_statement_is_earnings_less_fines_plus_bonuses_and_what_was_carried() {
        let mut parts = Parts::default();
        parts.add(LedgerKind::OrderCompleted, 360_000);
        parts.add(LedgerKind::Fine, -50_000);
        parts.add(LedgerKind::Bonus, 20_000);
        parts.add(LedgerKind::Adjustment, -1_000);
        parts.carried_in = -30_000;
        assert_eq!(
            (parts.earnings, parts.fines, parts.bonuses, parts.other),
            (360_000, 50_000, 20_000, -1_000)
        );
        assert_eq!(parts.amount(), 299_000);
    }

    #[test]
    fn payout_keys_are_stable_per_try() {
        assert_eq!(payout_key(7, "2026-03", 1), "payout-7-2026-03");
        assert_eq!(payout_key(7, "2026-03", 2), "payout-7-2026-03-2");
    }
}
