//! The monthly worker run: one payout statement per worker per month — earnings − fines +
//! bonuses (+ adjustments) + what was carried in. Positive → paid through Golden Hat with a
//! key persisted first; zero or negative → carried forward to the next statement. A positive
//! statement that cannot be paid (no payout card, a declined card) is held on its own row,
//! the worker and managers told; a new payout card or a manager's retry reopens it as the
//! next try under its own key, paid by the next billing pass.

use chrono::{DateTime, Duration, Utc};
use rusqlite::Connection;

use super::cards::{self, Purpose};
use super::charging::{self, Outcome, classify, recheck_delay};
use super::{held, postings};
use crate::billing::gateway::MoneyRequest;
use crate::billing::model::{Kind as LedgerKind, PayoutStatus};
use crate::billing::periods::Period;
use crate::billing::store::payouts::{self as store, NewPayout};
use crate::config::Settings;
use crate::db::write_tx;
use crate::error::AppError;
use crate::failpoint;
use crate::i18n::Arg;
use crate::notify::model::Kind;
use crate::notify::service::{Message, notify};
use crate::state::AppState;

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
    state: &AppState,
    run_id: i64,
    period: &Period,
    cutoff: DateTime<Utc>,
) -> Result<Stated, AppError> {
    let mut conn = state.pool.get().map_err(anyhow::Error::from)?;
    let mut stated = Stated::default();
    loop {
        let now = state.clock.now();
        let batch = write_tx(&mut conn, |tx| -> Result<Stated, AppError> {
            let workers = store::workers_to_state(tx, &period.label(), cutoff, BATCH)?;
            let mut batch = Stated::default();
            for worker_id in workers {
                let amount = state_one(tx, state, run_id, period, cutoff, worker_id, now)?;
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
    tx: &Connection,
    state: &AppState,
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
            currency: &state.settings.currency,
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
        held::tell(tx, &state.settings, &held, now)?;
    }
    Ok(amount)
}

struct Claimed {
    row: store::ToSend,
    request: MoneyRequest,
}

fn claim(
    conn: &mut Connection,
    only: Option<i64>,
    now: DateTime<Utc>,
    lease: Duration,
) -> Result<Vec<Claimed>, AppError> {
    write_tx(conn, |tx| {
        let ids = store::claimable(tx, only, now, charging::BATCH)?;
        let mut claimed = Vec::with_capacity(ids.len());
        for id in ids {
            let row = store::claim(tx, id, now + lease)?;
            let request = MoneyRequest {
                token: row.token.clone(),
                amount_minor: row.amount_minor,
                currency: row.currency.clone(),
                description: format!("Whiskerworks payout {}", row.period),
            };
            claimed.push(Claimed { row, request });
        }
        Ok(claimed)
    })
}

fn ask(state: &AppState, c: &Claimed) -> Outcome {
    if c.row.tries > 1 {
        match state.gateway.find_payout(&c.row.key) {
            Ok(Some(found)) => return classify(Ok(found)),
            Ok(None) => {}
            Err(e) => return Outcome::Unknown(e.to_string()),
        }
    }
    classify(state.gateway.payout(&c.row.key, &c.request))
}

#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct PayReport {
    pub paid: usize,
    pub failed: usize,
    pub unknown: usize,
    pub paid_minor: i64,
}

/// Sends every pending payout that is due (or only `only`) and records the outcomes. No
/// pooled connection is held while the gateway is asked.
pub fn pay(state: &AppState, only: Option<i64>) -> Result<PayReport, AppError> {
    let mut report = PayReport::default();
    let lease = charging::claim_lease(&state.settings);
    loop {
        let now = state.clock.now();
        let claimed = claim(&mut *charging::connection(state)?, only, now, lease)?;
        if claimed.is_empty() {
            return Ok(report);
        }
        let done: Vec<(Claimed, Outcome)> = claimed
            .into_iter()
            .map(|c| {
                let outcome = state.outside.run(|| ask(state, &c));
                (c, outcome)
            })
            .collect();
        failpoint::hit("payout-sent");
        let now = state.clock.now();
        write_tx(
            &mut *charging::connection(state)?,
            |tx| -> Result<(), AppError> {
                for (c, outcome) in &done {
                    record(tx, &state.settings, c, outcome, now, &mut report)?;
                }
                Ok(())
            },
        )?;
        if state.jobs.stopping() {
            return Ok(report); // a safe point: every claimed payout's outcome is recorded
        }
    }
}

fn record(
    tx: &Connection,
    settings: &Settings,
    c: &Claimed,
    outcome: &Outcome,
    now: DateTime<Utc>,
    report: &mut PayReport,
) -> Result<(), AppError> {
    let (row, amount) = (&c.row, c.request.amount_minor);
    match outcome {
        Outcome::Succeeded(gateway_id) => {
            if store::settle_paid(tx, row.id, gateway_id, now)? {
                postings::payout(tx, &row.key, row.worker_id, amount, &row.period, now)?;
                notify(
                    tx,
                    settings,
                    now,
                    row.worker_id,
                    &Message::new(Kind::PayoutSent)
                        .arg("period", row.period.clone())
                        .arg("total", Arg::Money(amount, c.request.currency.clone()))
                        .arg("last4", row.last4.clone())
                        .link("/worker/earnings"),
                )?;
                report.paid += 1;
                report.paid_minor += amount;
            }
        }
        Outcome::Declined(_, code) => {
            if store::settle_held(tx, row.id, code)? {
                let held = held::Held {
                    worker_id: row.worker_id,
                    period: &row.period,
                    amount,
                    code,
                };
                held::tell(tx, settings, &held, now)?;
                report.failed += 1;
            }
        }
        Outcome::Unknown(error) => {
            tracing::warn!(payout = row.id, key = %row.key, tries = row.tries, %error, "payout outcome unknown; will ask the gateway");
            store::postpone(tx, row.id, error, now + recheck_delay(row.tries))?;
            report.unknown += 1;
        }
    }
    Ok(())
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
