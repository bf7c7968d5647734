//! Managers' money controls: manual adjustments (fines, bonuses, debits and credits, with a
//! reason, a confirmation and the audit log), promo codes, and the pricing settings
//! (commission, loyalty tiers, first-order discount; new orders only, audited).

use actix_web::{HttpResponse, web};
use chrono::NaiveDate;
use maud::{Markup, html};
use serde::Deserialize;
use serde_json::json;

use super::discounts::{self, PromoRules, PromoTerms, PromoValue};
use super::model::Account;
use super::postings::{self, WorkerMove};
use super::pricing::{self, PricingSettings};
use crate::auth::model::Role;
use crate::db::{self, write_tx};
use crate::error::AppError;
use crate::i18n::Arg;
use crate::money::parse_minor;
use crate::notify::model::Kind;
use crate::notify::service::{Message, notify};
use crate::state::AppState;
use crate::validate::text;
use crate::web::components::{csrf_field, post_button};
use crate::web::ctx::{Ctx, FlashLevel, redirect_flash};
use crate::web::layout;

const BACK: &str = "/manage/billing/controls";

/// The largest adjustment a form may post: 1,000,000 major units.
const MAX_ADJUSTMENT_MINOR: i64 = 100_000_000;

pub async fn page(ctx: Ctx, state: web::Data<AppState>) -> Result<Markup, AppError> {
    let (settings, promos) = db::run(&state.pool, |conn| {
        Ok((pricing::settings(conn)?, pricing::promos(conn)?))
    })
    .await?;
    let title = ctx.t("controls-title");
    Ok(layout::page(
        &ctx,
        &title,
        html! {
            h1 { (title) }
            article {
                h2 { (ctx.t("controls-adjust")) }
                form method="post" action="/manage/billing/adjustments" data-confirm=(ctx.t("controls-confirm-adjust")) {
                    (csrf_field(&ctx))
                    // One posting per form shown: a double submit reuses the same key.
                    input type="hidden" name="nonce" value=(uuid::Uuid::new_v4().simple().to_string());
                    div.grid {
                        label { (ctx.t("controls-person")) input name="email" type="email" required placeholder="worker@example.com"; }
                        label { (ctx.t("controls-kind")) select name="kind" {
                            @for k in ["fine", "bonus", "debit", "credit"] { option value=(k) { (ctx.t(&format!("controls-kind-{k}"))) } }
                        } }
                        label { (ctx.t("billing-amount")) input name="amount" inputmode="decimal" required placeholder="500.00"; }
                    }
                    label { (ctx.t("controls-reason")) input name="reason" required maxlength="300"; }
                    small.muted { (ctx.t("controls-adjust-help")) }
                    button type="submit" { (ctx.t("controls-post")) }
                }
            }
            article {
                h2 { (ctx.t("controls-pricing")) }
                form method="post" action="/manage/billing/settings" data-confirm=(ctx.t("controls-confirm-settings")) {
                    (csrf_field(&ctx))
                    div.grid {
                        label { (ctx.t("controls-commission")) input name="commission" value=(discounts::format_percent(settings.commission_bp)) required; }
                        label { (ctx.t("controls-first-order")) input name="first_order" value=(discounts::format_percent(settings.first_order_bp)) required; }
                    }
                    label { (ctx.t("controls-tiers")) input name="tiers" value=(discounts::format_tiers(&settings.tiers)) placeholder="5:5, 20:10"; }
                    small.muted { (ctx.t("controls-pricing-help")) }
                    button.secondary type="submit" { (ctx.t("save")) }
                }
            }
            article {
                h2 { (ctx.t("controls-promos")) }
                @if promos.is_empty() { p.muted { (ctx.t("controls-no-promos")) } } @else { div.table-wrap { table.dense {
                    tbody { @for p in &promos { tr {
                        td { code { (p.terms.code) } } td { (match p.terms.value { PromoValue::PercentBp(bp) => format!("{}%", discounts::format_percent(bp)), PromoValue::FixedMinor(m) => ctx.tr.money(m, &ctx.currency) }) }
                        td { (p.rules.valid_from.map(|d| d.to_string()).unwrap_or_default()) " – " (p.rules.valid_until.map(|d| d.to_string()).unwrap_or_default()) }
                        td.num { (p.uses) @if let Some(max) = p.rules.max_uses { " / " (max) } }
                        td { @if p.terms.stacks { (ctx.t("controls-stacks")) } }
                        td { (post_button(&ctx, &format!("/manage/billing/promos/{}/active", p.id), &ctx.t(if p.rules.active { "controls-deactivate" } else { "controls-activate" }), "secondary outline small", None)) }
                    } } }
                } } }
                details { summary { (ctx.t("controls-new-promo")) }
                    form method="post" action="/manage/billing/promos" {
                        (csrf_field(&ctx))
                        div.grid {
                            label { (ctx.t("controls-code")) input name="code" required maxlength="32" placeholder="SPRING10"; }
                            label { (ctx.t("controls-promo-kind")) select name="kind" { option value="percent" { "%" } option value="fixed" { (ctx.currency) } } }
                            label { (ctx.t("controls-value")) input name="value" required placeholder="10"; }
                        }
                        div.grid {
                            label { (ctx.t("controls-from")) input type="date" name="valid_from"; }
                            label { (ctx.t("controls-until")) input type="date" name="valid_until"; }
                            label { (ctx.t("controls-max-uses")) input name="max_uses" inputmode="numeric"; }
                        }
                        label { input type="checkbox" name="once_per_client" value="1" checked; (ctx.t("controls-once")) }
                        label { input type="checkbox" name="stacks" value="1"; (ctx.t("controls-stacks")) }
                        button type="submit" { (ctx.t("controls-create-promo")) }
                    }
                }
            }
            p { a href="/manage/billing" { "← " (ctx.t("billing-title")) } }
        },
    ))
}

#[derive(Deserialize, Default)]
#[serde(default)]
pub struct AdjustmentForm {
    email: String,
    kind: String,
    amount: String,
    reason: String,
    nonce: String,
}

pub async fn adjust(
    ctx: Ctx,
    state: web::Data<AppState>,
    form: web::Form<AdjustmentForm>,
) -> Result<HttpResponse, AppError> {
    let actor = ctx.user()?.id;
    let amount = parse_minor(&form.amount).filter(|a| (1..=MAX_ADJUSTMENT_MINOR).contains(a));
    let (Some(amount), Some(reason)) = (amount, text(&form.reason, 300, true)) else {
        return Ok(redirect_flash(
            BACK,
            FlashLevel::Error,
            "flash-adjustment-invalid",
        ));
    };
    let (email, kind) = (form.email.trim().to_lowercase(), form.kind.clone());
    if form.nonce.len() != 32 || !form.nonce.bytes().all(|b| b.is_ascii_hexdigit()) {
        return Err(AppError::BadRequest);
    }
    let key = format!("adjustment-{}", form.nonce);
    let settings = state.settings.clone();
    let now = state.clock.now();
    let done = db::run(&state.pool, move |conn| {
        write_tx(conn, |tx| -> Result<&'static str, AppError> {
            let Some((user, _)) = crate::auth::store::user_with_hash_by_email(tx, &email)? else {
                return Ok("flash-adjustment-no-person");
            };
            if super::ledger::transaction_by_key(tx, &key)?.is_some() {
                // A double submit of the same form: posted, audited and told already.
                return Ok("flash-adjustment-posted");
            }
            let posted = match (user.role, kind.as_str()) {
                (Role::Worker, "fine") => postings::worker_move(tx, &key, (WorkerMove::Fine, user.id, amount), &reason, Some(actor), now)?,
                (Role::Worker, "bonus") => postings::worker_move(tx, &key, (WorkerMove::Bonus, user.id, amount), &reason, Some(actor), now)?,
                (Role::Client, "debit") => postings::adjustment(tx, &key, &Account::Client(user.id), amount, &reason, Some(actor), now)?,
                (Role::Client, "credit") => postings::adjustment(tx, &key, &Account::Client(user.id), -amount, &reason, Some(actor), now)?,
                (Role::Worker, "debit") => postings::adjustment(tx, &key, &Account::Worker(user.id), amount, &reason, Some(actor), now)?,
                (Role::Worker, "credit") => postings::adjustment(tx, &key, &Account::Worker(user.id), -amount, &reason, Some(actor), now)?,
                _ => return Ok("flash-adjustment-invalid"),
            };
            crate::audit::record(tx, now, Some(actor), "billing.adjustment", &format!("user:{}", user.id),
                json!({ "kind": kind, "amount_minor": amount, "reason": reason, "transaction": posted }))?;
            if user.role == Role::Worker && matches!(kind.as_str(), "fine" | "bonus") {
                let what = if kind == "fine" { "Fine / Штраф" } else { "Bonus / Премия" };
                notify(tx, &settings, now, user.id, &Message::new(Kind::FineOrBonus).arg("what", what)
                    .arg("total", Arg::Money(amount, settings.currency.clone())).arg("reason", reason.clone()).link("/worker/earnings"))?;
            }
            Ok("flash-adjustment-posted")
        })
    })
    .await?;
    let level = if done == "flash-adjustment-posted" {
        FlashLevel::Success
    } else {
        FlashLevel::Error
    };
    Ok(redirect_flash(BACK, level, done))
}

#[derive(Deserialize, Default)]
#[serde(default)]
pub struct SettingsForm {
    commission: String,
    first_order: String,
    tiers: String,
}

pub async fn save_settings(
    ctx: Ctx,
    state: web::Data<AppState>,
    form: web::Form<SettingsForm>,
) -> Result<HttpResponse, AppError> {
    let actor = ctx.user()?.id;
    let percent = |s: &str| {
        discounts::parse_percent_bp(s.trim().trim_end_matches('%'))
            .filter(|bp| (0..=10_000).contains(bp))
    };
    let (Some(commission_bp), Some(first_order_bp), Ok(tiers)) = (
        percent(&form.commission),
        percent(&form.first_order),
        discounts::parse_tiers(&form.tiers),
    ) else {
        return Ok(redirect_flash(
            BACK,
            FlashLevel::Error,
            "flash-pricing-invalid",
        ));
    };
    let new = PricingSettings {
        commission_bp,
        tiers,
        first_order_bp,
    };
    let now = state.clock.now();
    db::run(&state.pool, move |conn| {
        write_tx(conn, |tx| -> Result<(), AppError> {
            let old = pricing::settings(tx)?;
            pricing::save_settings(tx, &new, actor, now)?;
            crate::audit::record(tx, now, Some(actor), "billing.pricing", "billing_settings", json!({
                "commission_bp": [old.commission_bp, new.commission_bp],
                "first_order_bp": [old.first_order_bp, new.first_order_bp],
                "tiers": [discounts::format_tiers(&old.tiers), discounts::format_tiers(&new.tiers)],
            }))?;
            Ok(())
        })
    })
    .await?;
    Ok(redirect_flash(BACK, FlashLevel::Success, "flash-saved"))
}

#[derive(Deserialize, Default)]
#[serde(default)]
pub struct PromoForm {
    code: String,
    kind: String,
    value: String,
    valid_from: String,
    valid_until: String,
    max_uses: String,
    once_per_client: String,
    stacks: String,
}

fn promo_from(form: &PromoForm) -> Option<(PromoTerms, PromoRules)> {
    let code = discounts::normalise_code(&form.code)?;
    let value = match form.kind.as_str() {
        "percent" => PromoValue::PercentBp(
            discounts::parse_percent_bp(form.value.trim())
                .filter(|bp| (1..=10_000).contains(bp))?,
        ),
        "fixed" => PromoValue::FixedMinor(
            parse_minor(&form.value).filter(|m| (1..=MAX_ADJUSTMENT_MINOR).contains(m))?,
        ),
        _ => return None,
    };
    let date = |s: &str| -> Option<Option<NaiveDate>> {
        if s.trim().is_empty() {
            Some(None)
        } else {
            NaiveDate::parse_from_str(s.trim(), "%Y-%m-%d")
                .ok()
                .map(Some)
        }
    };
    let (valid_from, valid_until) = (date(&form.valid_from)?, date(&form.valid_until)?);
    if let (Some(from), Some(until)) = (valid_from, valid_until)
        && from > until
    {
        return None;
    }
    let max_uses = if form.max_uses.trim().is_empty() {
        None
    } else {
        Some(
            form.max_uses
                .trim()
                .parse::<i64>()
                .ok()
                .filter(|n| (1..=1_000_000).contains(n))?,
        )
    };
    Some((
        PromoTerms {
            code,
            value,
            stacks: form.stacks == "1",
        },
        PromoRules {
            valid_from,
            valid_until,
            max_uses,
            once_per_client: form.once_per_client == "1",
            active: true,
        },
    ))
}

pub async fn create_promo(
    ctx: Ctx,
    state: web::Data<AppState>,
    form: web::Form<PromoForm>,
) -> Result<HttpResponse, AppError> {
    let actor = ctx.user()?.id;
    let Some((terms, rules)) = promo_from(&form) else {
        return Ok(redirect_flash(
            BACK,
            FlashLevel::Error,
            "flash-promo-invalid",
        ));
    };
    let now = state.clock.now();
    let created = db::run(&state.pool, move |conn| {
        write_tx(conn, |tx| -> Result<bool, AppError> {
            let id = pricing::insert_promo(tx, &terms, &rules, actor, now)?;
            if let Some(id) = id {
                crate::audit::record(
                    tx,
                    now,
                    Some(actor),
                    "billing.promo_created",
                    &format!("promo:{id}"),
                    json!({ "code": terms.code }),
                )?;
            }
            Ok(id.is_some())
        })
    })
    .await?;
    Ok(if created {
        redirect_flash(BACK, FlashLevel::Success, "flash-promo-created")
    } else {
        redirect_flash(BACK, FlashLevel::Error, "flash-promo-taken")
    })
}

pub async fn toggle_promo(
    ctx: Ctx,
    state: web::Data<AppState>,
    id: web::Path<i64>,
) -> Result<HttpResponse, AppError> {
    let actor = ctx.user()?.id;
    let id = id.into_inner();
    let now = state.clock.now();
    let changed = db::run(&state.pool, move |conn| {
        write_tx(conn, |tx| -> Result<bool, AppError> {
            let active: Option<bool> = rusqlite::OptionalExtension::optional(tx.query_row(
                "SELECT active FROM promo_codes WHERE id = ?1",
                [id],
                |r| r.get(0),
            ))?;
            let Some(active) = active else {
                return Ok(false);
            };
            pricing::set_promo_active(tx, id, !active)?;
            crate::audit::record(
                tx,
                now,
                Some(actor),
                "billing.promo_active",
                &format!("promo:{id}"),
                json!({ "active": !active }),
            )?;
            Ok(true)
        })
    })
    .await?;
    crate::web::saved_or_missing(changed, BACK)
}
