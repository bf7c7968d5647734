//! The monthly worker run: one payout statement per worker per month — earnings − fines +
//! bonuses (+ adjustments) + what was carried in. Positive → paid through Golden Hat with a
//! key persisted first; zero or negative → carried forward to the next statement.

use chrono::{DateTime, Duration, Utc};
use rusqlite::{Connection, OptionalExtension, params};

use super::cards::{self, Purpose};
use super::charging::{Outcome, classify, recheck_delay};
use super::gateway::MoneyRequest;
use super::periods::Period;
use super::postings;
use crate::auth::model::Role;
use crate::db::write_tx;
use crate::error::AppError;
use crate::i18n::Arg;
use crate::notify::model::Kind;
use crate::notify::service::{Message, notify, notify_role};
use crate::ops::failpoint;
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

    fn add(&mut self, kind: &str, amount: i64) {
        match kind {
            "order_completed" => self.earnings += amount,
            "fine" => self.fines -= amount,
            "bonus" => self.bonuses += amount,
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
            let workers: Vec<i64> = tx
                .prepare_cached(
                    "SELECT DISTINCT it.worker_id FROM payout_items it
                     WHERE it.payout_id IS NULL AND it.created_at <= ?1
                       AND NOT EXISTS (SELECT 1 FROM payouts p WHERE p.worker_id = it.worker_id AND p.period = ?2)
                     LIMIT ?3",
                )?
                .query_map(params![cutoff, period.label(), BATCH], |r| r.get(0))?
                .collect::<Result<_, _>>()?;
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
    let mut stmt = tx.prepare_cached(
        "SELECT kind, SUM(amount_minor) FROM payout_items
         WHERE worker_id = ?1 AND payout_id IS NULL AND created_at <= ?2 GROUP BY kind",
    )?;
    for row in stmt.query_map(params![worker_id, cutoff], |r| {
        Ok((r.get::<_, String>(0)?, r.get(1)?))
    })? {
        let (kind, amount) = row?;
        parts.add(&kind, amount);
    }
    // The newest earlier statement, if it was carried forward, is absorbed by this one.
    parts.carried_in = tx
        .query_row(
            "SELECT status, amount_minor FROM payouts WHERE worker_id = ?1 AND period < ?2
             ORDER BY period DESC LIMIT 1",
            params![worker_id, period.label()],
            |r| Ok((r.get::<_, String>(0)?, r.get::<_, i64>(1)?)),
        )
        .optional()?
        .filter(|(status, _)| status == "carried_forward")
        .map_or(0, |(_, amount)| amount);
    let amount = parts.amount();
    let card = cards::current(tx, worker_id, Purpose::Payout)?;
    let (status, key, card_id, error) = match (amount > 0, &card) {
        (false, _) => ("carried_forward", None, None, None),
        (true, Some(card)) => (
            "pending",
            Some(payout_key(worker_id, &period.label(), 1)),
            Some(card.id),
            None,
        ),
        (true, None) => ("failed", None, None, Some("no_card")),
    };
    tx.execute(
        "INSERT INTO payouts (worker_id, period, status, amount_minor, earnings_minor, fines_minor, bonuses_minor,
             other_minor, carried_in_minor, currency, run_id, idempotency_key, card_id, last_error, created_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15)",
        params![worker_id, period.label(), status, amount, parts.earnings, parts.fines, parts.bonuses,
            parts.other, parts.carried_in, state.settings.currency, run_id, key, card_id, error, now],
    )?;
    let payout_id = tx.last_insert_rowid();
    tx.prepare_cached(
        "UPDATE payout_items SET payout_id = ?1 WHERE worker_id = ?2 AND payout_id IS NULL AND created_at <= ?3",
    )?
    .execute(params![payout_id, worker_id, cutoff])?;
    if let Some(code) = error {
        payout_failed_notice(tx, state, worker_id, &period.label(), amount, code, now)?;
    }
    Ok(amount)
}

fn payout_failed_notice(
    tx: &Connection,
    state: &AppState,
    worker_id: i64,
    period: &str,
    amount: i64,
    code: &str,
    now: DateTime<Utc>,
) -> Result<(), AppError> {
    let worker = crate::auth::store::user_by_id(tx, worker_id)?
        .map(|u| u.name)
        .unwrap_or_default();
    notify_role(
        tx,
        &state.settings,
        now,
        Role::Manager,
        &Message::new(Kind::PayoutFailed)
            .arg("worker", worker)
            .arg("period", period)
            .arg("total", Arg::Money(amount, state.settings.currency.clone()))
            .arg("code", code)
            .link("/manage/billing"),
    )?;
    Ok(())
}

struct Claimed {
    id: i64,
    worker_id: i64,
    period: String,
    key: String,
    tries: i64,
    request: MoneyRequest,
    last4: String,
}

fn claim(
    conn: &mut Connection,
    only: Option<i64>,
    now: DateTime<Utc>,
) -> Result<Vec<Claimed>, AppError> {
    write_tx(conn, |tx| {
        let ids: Vec<i64> = tx
            .prepare(
                "SELECT id FROM payouts WHERE status = 'pending'
                   AND (claimed_until IS NULL OR claimed_until <= ?1) AND (?2 IS NULL OR id = ?2)
                 ORDER BY id LIMIT ?3",
            )?
            .query_map(params![now, only, BATCH], |r| r.get(0))?
            .collect::<Result<_, _>>()?;
        let mut claimed = Vec::with_capacity(ids.len());
        for id in ids {
            tx.execute(
                "UPDATE payouts SET tries = tries + 1, claimed_until = ?2 WHERE id = ?1",
                params![id, now + Duration::seconds(60)],
            )?;
            claimed.push(tx.query_row(
                "SELECT p.id, p.worker_id, p.period, p.idempotency_key, p.tries, c.token, p.amount_minor,
                        p.currency, c.last4
                 FROM payouts p JOIN payment_cards c ON c.id = p.card_id WHERE p.id = ?1",
                [id],
                |r| {
                    let period: String = r.get(2)?;
                    Ok(Claimed {
                        id: r.get(0)?,
                        worker_id: r.get(1)?,
                        key: r.get(3)?,
                        tries: r.get(4)?,
                        request: MoneyRequest {
                            token: r.get(5)?,
                            amount_minor: r.get(6)?,
                            currency: r.get(7)?,
                            description: format!("Whiskerworks payout {period}"),
                        },
                        period,
                        last4: r.get(8)?,
                    })
                },
            )?);
        }
        Ok(claimed)
    })
}

fn ask(state: &AppState, c: &Claimed) -> Outcome {
    if c.tries > 1 {
        match state.gateway.find_payout(&c.key) {
            Ok(Some(found)) => return classify(Ok(found)),
            Ok(None) => {}
            Err(e) => return Outcome::Unknown(e.to_string()),
        }
    }
    classify(state.gateway.payout(&c.key, &c.request))
}

#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct PayReport {
    pub paid: usize,
    pub failed: usize,
    pub unknown: usize,
    pub paid_minor: i64,
}

/// Sends every pending payout that is due (or only `only`) and records the outcomes.
pub fn pay(state: &AppState, only: Option<i64>) -> Result<PayReport, AppError> {
    let mut conn = state.pool.get().map_err(anyhow::Error::from)?;
    let mut report = PayReport::default();
    loop {
        let claimed = claim(&mut conn, only, state.clock.now())?;
        if claimed.is_empty() {
            return Ok(report);
        }
        let done: Vec<(Claimed, Outcome)> = claimed
            .into_iter()
            .map(|c| {
                let outcome = ask(state, &c);
                (c, outcome)
            })
            .collect();
        failpoint::hit("payout-sent");
        let now = state.clock.now();
        write_tx(&mut conn, |tx| -> Result<(), AppError> {
            for (c, outcome) in &done {
                record(tx, state, c, outcome, now, &mut report)?;
            }
            Ok(())
        })?;
    }
}

fn record(
    tx: &Connection,
    state: &AppState,
    c: &Claimed,
    outcome: &Outcome,
    now: DateTime<Utc>,
    report: &mut PayReport,
) -> Result<(), AppError> {
    match outcome {
        Outcome::Succeeded(gateway_id) => {
            let changed = tx.execute(
                "UPDATE payouts SET status = 'paid', gateway_id = ?2, paid_at = ?3, last_error = NULL,
                     claimed_until = NULL WHERE id = ?1 AND status = 'pending'",
                params![c.id, gateway_id, now],
            )?;
            if changed == 1 {
                postings::payout(
                    tx,
                    &c.key,
                    c.worker_id,
                    c.request.amount_minor,
                    &c.period,
                    now,
                )?;
                notify(
                    tx,
                    &state.settings,
                    now,
                    c.worker_id,
                    &Message::new(Kind::PayoutSent)
                        .arg("period", c.period.clone())
                        .arg(
                            "total",
                            Arg::Money(c.request.amount_minor, c.request.currency.clone()),
                        )
                        .arg("last4", c.last4.clone())
                        .link("/worker/earnings"),
                )?;
                report.paid += 1;
                report.paid_minor += c.request.amount_minor;
            }
        }
        Outcome::Declined(_, code) => {
            let changed = tx.execute(
                "UPDATE payouts SET status = 'failed', last_error = ?2, claimed_until = NULL
                 WHERE id = ?1 AND status = 'pending'",
                params![c.id, code],
            )?;
            if changed == 1 {
                payout_failed_notice(
                    tx,
                    state,
                    c.worker_id,
                    &c.period,
                    c.request.amount_minor,
                    code,
                    now,
                )?;
                report.failed += 1;
            }
        }
        Outcome::Unknown(error) => {
            tracing::warn!(payout = c.id, key = %c.key, tries = c.tries, %error, "payout outcome unknown; will ask the gateway");
            tx.execute(
                "UPDATE payouts SET last_error = ?2, claimed_until = ?3 WHERE id = ?1 AND status = 'pending'",
                params![c.id, error, now + recheck_delay(c.tries)],
            )?;
            report.unknown += 1;
        }
    }
    Ok(())
}

/// A manager retries a failed payout: a new try with a new key and the worker's current
/// payout card. `Err` carries the message key when it cannot be retried.
pub fn retry(conn: &Connection, payout_id: i64) -> Result<Result<(), &'static str>, AppError> {
    let row: Option<(i64, String, String, i64)> = conn
        .query_row(
            "SELECT worker_id, period, status, attempt FROM payouts WHERE id = ?1",
            [payout_id],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)),
        )
        .optional()?;
    let (worker_id, period, status, attempt) = row.ok_or(AppError::NotFound)?;
    if status != "failed" {
        return Ok(Err("err-payout-not-failed"));
    }
    let Some(card) = cards::current(conn, worker_id, Purpose::Payout)? else {
        return Ok(Err("err-payout-no-card"));
    };
    let attempt = attempt + 1;
    conn.execute(
        "UPDATE payouts SET status = 'pending', attempt = ?2, idempotency_key = ?3, card_id = ?4,
             tries = 0, claimed_until = NULL WHERE id = ?1",
        params![
            payout_id,
            attempt,
            payout_key(worker_id, &period, attempt),
            card.id
        ],
    )?;
    Ok(Ok(()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_statement_is_earnings_less_fines_plus_bonuses_and_what_was_carried() {
        let mut parts = Parts::default();
        parts.add("order_completed", 360_000);
        parts.add("fine", -50_000);
        parts.add("bonus", 20_000);
        parts.add("adjustment", -1_000);
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
