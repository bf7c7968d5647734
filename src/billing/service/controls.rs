//! Managers' money controls as use cases: a manual adjustment (fine, bonus, debit, credit)
//! posted once per form and audited, new pricing settings, and promo codes. Each runs in
//! the caller's transaction.

use chrono::{DateTime, Utc};
use rusqlite::Connection;
use serde_json::json;

use super::postings::{self, WorkerMove};
use crate::billing::model::Account;
use crate::billing::model::discounts::{self, PromoRules, PromoTerms};
use crate::billing::store::{ledger, people, pricing};
use crate::config::Settings;
use crate::db::WriteTx;
use crate::error::AppError;
use crate::i18n::Arg;
use crate::identity::Role;
use crate::notify::model::Kind as NotifyKind;
use crate::notify::service::{Message, notify};

/// What an adjustment does to the person's account.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AdjustKind {
    Fine,
    Bonus,
    Debit,
    Credit,
}

impl AdjustKind {
    pub const ALL: [AdjustKind; 4] = [
        AdjustKind::Fine,
        AdjustKind::Bonus,
        AdjustKind::Debit,
        AdjustKind::Credit,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            AdjustKind::Fine => "fine",
            AdjustKind::Bonus => "bonus",
            AdjustKind::Debit => "debit",
            AdjustKind::Credit => "credit",
        }
    }

    pub fn parse(s: &str) -> Option<AdjustKind> {
        Self::ALL.into_iter().find(|k| k.as_str() == s)
    }
}

/// A manual adjustment as the form gave it; `kind` is `None` for one the form does not offer.
pub struct Adjustment {
    pub email: String,
    pub kind: Option<AdjustKind>,
    pub amount_minor: i64,
    pub reason: String,
    /// The form's nonce: a double submit posts once.
    pub key: String,
}

/// Posts the adjustment, audits it and tells the person whose balance it changed. A resubmitted
/// form is already done. Refused with the flash key when there is no such person or the
/// kind does not fit their role.
pub fn adjust(
    tx: &WriteTx,
    settings: &Settings,
    a: &Adjustment,
    actor_id: i64,
    now: DateTime<Utc>,
) -> Result<(), AppError> {
    let Some((user_id, role)) = people::by_email(tx, &a.email)? else {
        return Err(AppError::Refused("flash-adjustment-no-person"));
    };
    if ledger::transaction_by_key(tx, &a.key)?.is_some() {
        // A double submit of the same form: posted, audited and told already.
        return Ok(());
    }
    let (key, reason, amount, actor) = (
        a.key.as_str(),
        a.reason.as_str(),
        a.amount_minor,
        Some(actor_id),
    );
    let posted = match (role, a.kind) {
        (Role::Worker, Some(AdjustKind::Fine)) => postings::worker_move(
            tx,
            key,
            (WorkerMove::Fine, user_id, amount),
            reason,
            actor,
            now,
        )?,
        (Role::Worker, Some(AdjustKind::Bonus)) => postings::worker_move(
            tx,
            key,
            (WorkerMove::Bonus, user_id, amount),
            reason,
            actor,
            now,
        )?,
        (Role::Client, Some(AdjustKind::Debit)) => postings::adjustment(
            tx,
            key,
            &Account::Client(user_id),
            amount,
            reason,
            actor,
            now,
        )?,
        (Role::Client, Some(AdjustKind::Credit)) => postings::adjustment(
            tx,
            key,
            &Account::Client(user_id),
            -amount,
            reason,
            actor,
            now,
        )?,
        (Role::Worker, Some(AdjustKind::Debit)) => postings::adjustment(
            tx,
            key,
            &Account::Worker(user_id),
            amount,
            reason,
            actor,
            now,
        )?,
        (Role::Worker, Some(AdjustKind::Credit)) => postings::adjustment(
            tx,
            key,
            &Account::Worker(user_id),
            -amount,
            reason,
            actor,
            now,
        )?,
        _ => return Err(AppError::Refused("flash-adjustment-invalid")),
    };
    let kind = a.kind.map_or("", AdjustKind::as_str);
    crate::audit::record(
        tx,
        now,
        actor,
        "billing.adjustment",
        &format!("user:{user_id}"),
        json!({ "kind": kind, "amount_minor": amount, "reason": reason, "transaction": posted }),
    )?;
    let worker_move = match a.kind {
        Some(AdjustKind::Fine) => Some(WorkerMove::Fine),
        Some(AdjustKind::Bonus) => Some(WorkerMove::Bonus),
        _ => None,
    };
    match (role, worker_move, a.kind) {
        (Role::Worker, Some(how), _) => {
            postings::tell_worker(tx, settings, now, (how, user_id, amount), reason)?;
        }
        (_, None, Some(kind @ (AdjustKind::Debit | AdjustKind::Credit))) => {
            tell_adjusted(tx, settings, now, (user_id, role), (kind, amount), reason)?;
        }
        _ => {}
    }
    Ok(())
}

/// What a credit or debit changed reaches the person whose balance it is, with the reason.
fn tell_adjusted(
    tx: &WriteTx,
    settings: &Settings,
    now: DateTime<Utc>,
    (user_id, role): (i64, Role),
    (kind, amount): (AdjustKind, i64),
    reason: &str,
) -> Result<(), AppError> {
    let link = if role == Role::Worker {
        "/worker/earnings"
    } else {
        "/client/billing"
    };
    let msg = Message::new(NotifyKind::BalanceAdjusted)
        .arg("total", Arg::Money(amount, settings.currency.clone()))
        .arg("direction", kind.as_str())
        .arg("reason", reason.to_string())
        .link(link);
    notify(tx, settings, now, user_id, &msg)?;
    Ok(())
}

/// Saves new pricing settings (new orders only) and audits the change.
pub fn save_settings(
    tx: &Connection,
    new: &pricing::PricingSettings,
    actor_id: i64,
    now: DateTime<Utc>,
) -> Result<(), AppError> {
    let old = pricing::settings(tx)?;
    pricing::save_settings(tx, new, actor_id, now)?;
    crate::audit::record(
        tx,
        now,
        Some(actor_id),
        "billing.pricing",
        "billing_settings",
        json!({
            "commission_bp": [old.commission_bp, new.commission_bp],
            "first_order_bp": [old.first_order_bp, new.first_order_bp],
            "tiers": [discounts::format_tiers(&old.tiers), discounts::format_tiers(&new.tiers)],
        }),
    )?;
    Ok(())
}

/// Creates a promo code; refused with `flash-promo-taken` when the code exists.
pub fn create_promo(
    tx: &Connection,
    terms: &PromoTerms,
    rules: &PromoRules,
    actor_id: i64,
    now: DateTime<Utc>,
) -> Result<i64, AppError> {
    let id = pricing::insert_promo(tx, terms, rules, actor_id, now)?
        .ok_or(AppError::Refused("flash-promo-taken"))?;
    crate::audit::record(
        tx,
        now,
        Some(actor_id),
        "billing.promo_created",
        &format!("promo:{id}"),
        json!({ "code": terms.code }),
    )?;
    Ok(id)
}

/// Turns a promo code on or off; false when there is no such code.
pub fn toggle_promo(
    tx: &Connection,
    id: i64,
    actor_id: i64,
    now: DateTime<Utc>,
) -> Result<bool, AppError> {
    let Some(active) = pricing::promo_active(tx, id)? else {
        return Ok(false);
    };
    pricing::set_promo_active(tx, id, !active)?;
    crate::audit::record(
        tx,
        now,
        Some(actor_id),
        "billing.promo_active",
        &format!("promo:{id}"),
        json!({ "active": !active }),
    )?;
    Ok(true)
}
