//! The one outbound-payment flow charges and payouts share: claim the due rows with a
//! lease, ask Golden Hat (first whether an earlier try of the key already went through),
//! classify the reply, and record it — settled, declined, or asked about again later. Each
//! row is written with its idempotency key before the call, so a retry never moves money
//! twice; `Payment` says what differs between the two kinds.

use chrono::{DateTime, Duration, Utc};
use rusqlite::Connection;

use super::Deps;
use crate::billing::service::gateway::{
    ChargeResult, ChargeStatus, GatewayError, GoldenHat, MoneyRequest,
};
use crate::billing::store::outbound::{self as store, Table, ToSend};
use crate::config::Settings;
use crate::db::{Conn, WriteTx, write_tx};
use crate::error::AppError;
use crate::failpoint;

/// Rows claimed and sent per batch; their outcomes are recorded in one transaction. Small,
/// so a batch's claim can outlast every call in it (see `claim_lease`).
const BATCH: i64 = 20;

/// How long claimed rows stay off-limits to other passes: longer than a whole batch of
/// calls can take (a lookup and a send each, at the gateway's timeout), so one row is never
/// in flight twice. After a crash, `release_claims` at start-up takes them back.
fn claim_lease(settings: &Settings) -> Duration {
    let timeout =
        Duration::from_std(settings.billing.golden_hat_timeout).unwrap_or(Duration::seconds(5));
    Duration::seconds(60) + timeout * 2 * BATCH as i32
}

/// One kind of outbound payment: where its rows live, how the gateway is asked, and what a
/// definite answer changes.
pub(super) trait Payment {
    /// What a row of this kind adds to the shared columns.
    type Of;
    const TABLE: Table;
    /// For the log: "charge" or "payout".
    const NAME: &'static str;
    /// Crash points after the claim and after the calls (the crash tests arm them).
    const CLAIMED: &'static str;
    const SENT: &'static str;

    /// Reads a claimed row.
    fn to_send(conn: &Connection, id: i64) -> rusqlite::Result<ToSend<Self::Of>>;
    /// What the gateway shows against the money moved, naming the company.
    fn description(row: &ToSend<Self::Of>, company: &str) -> String;
    /// Asks the gateway whether it already moved the money under `key`.
    fn find(gateway: &dyn GoldenHat, key: &str) -> Result<Option<ChargeResult>, GatewayError>;
    /// Asks the gateway to move the money under `key`.
    fn send(
        gateway: &dyn GoldenHat,
        key: &str,
        request: &MoneyRequest,
    ) -> Result<ChargeResult, GatewayError>;
    /// Records a definite answer while the row is still pending; false if it was settled
    /// before.
    fn settle(
        tx: &WriteTx,
        settings: &Settings,
        row: &ToSend<Self::Of>,
        answer: Answer,
        now: DateTime<Utc>,
    ) -> Result<bool, AppError>;
}

/// A definite answer from the gateway, with its id for the row (empty when it gave none).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Answer<'a> {
    Succeeded { gateway_id: &'a str },
    Declined { gateway_id: &'a str, code: &'a str },
}

/// What the gateway said about one row.
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
        // The gateway no longer knows the card (or the request): a decline the person can
        // fix with another card.
        Err(GatewayError::Invalid(why)) => {
            Outcome::Declined(String::new(), format!("invalid: {why}"))
        }
        Err(e) => Outcome::Unknown(e.to_string()),
    }
}

/// How long to wait before asking again about a key whose outcome is unknown.
pub fn recheck_delay(tries: i64) -> Duration {
    Duration::seconds(30 * (1i64 << (tries.clamp(1, 7) - 1)))
}

/// What one pass sent: rows settled (and the money they moved), declined, and unknown.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct Sent {
    pub settled: usize,
    pub declined: usize,
    pub unknown: usize,
    pub settled_minor: i64,
}

impl std::ops::AddAssign for Sent {
    fn add_assign(&mut self, more: Sent) {
        self.settled += more.settled;
        self.declined += more.declined;
        self.unknown += more.unknown;
        self.settled_minor += more.settled_minor;
    }
}

struct Claimed<T> {
    row: ToSend<T>,
    request: MoneyRequest,
}

/// Takes up to `BATCH` pending rows whose lease or backoff has run out (or only those
/// `only` names), marking them taken for a while so a concurrent pass leaves them alone.
fn claim<P: Payment>(
    conn: &mut Conn,
    (only, company): (Option<i64>, &str),
    now: DateTime<Utc>,
    lease: Duration,
) -> Result<Vec<Claimed<P::Of>>, AppError> {
    write_tx(conn, |tx| {
        let ids = store::claimable(tx, P::TABLE, only, now, BATCH)?;
        let mut claimed = Vec::with_capacity(ids.len());
        for id in ids {
            store::lease(tx, P::TABLE, id, now + lease)?;
            let row = P::to_send(tx, id)?;
            let request = MoneyRequest {
                token: row.token.clone(),
                amount_minor: row.amount_minor,
                currency: row.currency.clone(),
                description: P::description(&row, company),
            };
            claimed.push(Claimed { row, request });
        }
        Ok(claimed)
    })
}

/// Asks the gateway: after an earlier try of this key, first whether it already went through.
fn ask<P: Payment>(gateway: &dyn GoldenHat, c: &Claimed<P::Of>) -> Outcome {
    if c.row.tries > 1 {
        match P::find(gateway, &c.row.key) {
            Ok(Some(found)) => return classify(Ok(found)),
            Ok(None) => {}
            Err(e) => return Outcome::Unknown(e.to_string()),
        }
    }
    classify(P::send(gateway, &c.row.key, &c.request))
}

fn record<P: Payment>(
    tx: &WriteTx,
    settings: &Settings,
    (c, outcome): &(Claimed<P::Of>, Outcome),
    now: DateTime<Utc>,
    sent: &mut Sent,
) -> Result<(), AppError> {
    let row = &c.row;
    match outcome {
        Outcome::Succeeded(gateway_id) => {
            let answer = Answer::Succeeded { gateway_id };
            if P::settle(tx, settings, row, answer, now)? {
                sent.settled += 1;
                sent.settled_minor += row.amount_minor;
            }
        }
        Outcome::Declined(gateway_id, code) => {
            let answer = Answer::Declined { gateway_id, code };
            if P::settle(tx, settings, row, answer, now)? {
                sent.declined += 1;
            }
        }
        Outcome::Unknown(error) => {
            tracing::warn!(id = row.id, key = %row.key, tries = row.tries, %error, "{} outcome unknown; will ask the gateway", P::NAME);
            store::postpone(tx, P::TABLE, row.id, error, now + recheck_delay(row.tries))?;
            sent.unknown += 1;
        }
    }
    Ok(())
}

/// Sends every pending row of `P` that is due (or only those `only` names) and records what
/// the gateway said. Safe to run twice or in two processes at once: the key makes the
/// gateway move the money once, and an outcome is recorded only while the row is still
/// pending. No pooled connection is held while the gateway is asked.
pub(super) fn send<P: Payment>(deps: &Deps, only: Option<i64>) -> Result<Sent, AppError> {
    let mut sent = Sent::default();
    let lease = claim_lease(&deps.settings());
    loop {
        let now = deps.now();
        let company = deps.settings().business.company_name.clone();
        let claimed = claim::<P>(&mut *deps.connection()?, (only, &company), now, lease)?;
        if claimed.is_empty() {
            return Ok(sent);
        }
        failpoint::hit(P::CLAIMED);
        let done: Vec<(Claimed<P::Of>, Outcome)> = claimed
            .into_iter()
            .map(|c| {
                let outcome = deps.outside.run(|| ask::<P>(deps.gateway.as_ref(), &c));
                (c, outcome)
            })
            .collect();
        failpoint::hit(P::SENT);
        let now = deps.now();
        write_tx(&mut *deps.connection()?, |tx| -> Result<(), AppError> {
            for one in &done {
                record::<P>(tx, &deps.settings(), one, now, &mut sent)?;
            }
            Ok(())
        })?;
        if deps.stopping() {
            return Ok(sent); // a safe point: every claimed row's outcome is recorded
        }
    }
}

/// At process start: leases held by a process that is gone would otherwise run out first.
/// Taking them over early is safe — the gateway dedupes by key and an outcome is recorded
/// only while the row is still pending.
pub fn release_claims(conn: &mut Conn) -> rusqlite::Result<()> {
    write_tx(conn, |tx| {
        store::release_claims(tx, Table::Charges)?;
        store::release_claims(tx, Table::Payouts)
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
