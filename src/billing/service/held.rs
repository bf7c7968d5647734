//! Held payouts: a month's statement that cannot be paid now (no payout card, or a card
//! the gateway declined) stays owed on its own row; the worker and managers are told, and a
//! new payout card reopens it as its next try under its own key (`payouts::payout_key`).

use chrono::{DateTime, Utc};
use rusqlite::Connection;

use super::payouts::payout_key;
use crate::auth::model::Role;
use crate::billing::store::payouts as store;
use crate::config::Settings;
use crate::db::WriteTx;
use crate::error::AppError;
use crate::i18n::Arg;
use crate::notify::model::Kind;
use crate::notify::service::{Message, notify, notify_role};

/// Why a statement is held when the worker has no payout card.
pub const NO_CARD: &str = "no_card";

/// A statement held, for the notices.
pub(super) struct Held<'a> {
    pub worker_id: i64,
    pub period: &'a str,
    pub amount: i64,
    pub code: &'a str,
}

/// The worker hears that the money waits for a card (with a link to add one), managers that
/// a payout could not be made and why.
pub(super) fn tell(
    tx: &WriteTx,
    settings: &Settings,
    h: &Held,
    now: DateTime<Utc>,
) -> Result<(), AppError> {
    let total = Arg::Money(h.amount, settings.currency.clone());
    notify(
        tx,
        settings,
        now,
        h.worker_id,
        &Message::new(Kind::PayoutHeld)
            .arg("period", h.period)
            .arg("total", total.clone())
            // The message chooses its words by the code: no card, or a declined one.
            .arg("code", h.code)
            .link("/worker/earnings#card"),
    )?;
    let worker = crate::billing::store::people::name(tx, h.worker_id)?;
    notify_role(
        tx,
        settings,
        now,
        Role::Manager,
        &Message::new(Kind::PayoutFailed)
            .arg("worker", worker)
            .arg("period", h.period)
            .arg("total", total)
            .arg("code", h.code)
            .link("/manage/billing"),
    )?;
    Ok(())
}

/// A payout card was saved: the worker's held statements reopen as their next try with it,
/// for the next billing pass to pay. Returns how many.
pub fn release(tx: &Connection, worker_id: i64, card_id: i64) -> Result<usize, AppError> {
    let held = store::held_of(tx, worker_id)?;
    for payout in &held {
        let attempt = payout.attempt + 1;
        let key = payout_key(worker_id, &payout.period, attempt);
        store::reopen(tx, payout.id, attempt, &key, card_id)?;
    }
    Ok(held.len())
}
