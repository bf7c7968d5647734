//! Managers' money controls: manual adjustments (fines, bonuses, debits and credits, with a
//! reason, a confirmation and the audit log), promo codes, and the pricing settings
//! (commission, loyalty tiers, first-order discount; new orders only, audited).

use actix_web::{HttpResponse, web};
use chrono::NaiveDate;
use maud::Markup;
use serde::Deserialize;

use crate::billing::Deps;
use crate::billing::model::discounts::{self, PromoRules, PromoTerms, PromoValue};
use crate::billing::service::controls::{self, AdjustKind, Adjustment};
use crate::billing::service::pricing::{self, PricingSettings};
use crate::billing::views;
use crate::db::{self, write_tx};
use crate::error::AppError;
use crate::money::parse_minor;
use crate::validate::text;
use crate::web::ctx::{Ctx, FlashLevel, redirect_flash};

const BACK: &str = "/manage/billing/controls";

/// The largest adjustment a form may post: 1,000,000 major units.
const MAX_ADJUSTMENT_MINOR: i64 = 100_000_000;

pub async fn page(ctx: Ctx, deps: web::Data<Deps>) -> Result<Markup, AppError> {
    let (settings, promos) = db::run(&deps.pool, |conn| {
        Ok((pricing::settings(conn)?, pricing::promos(conn)?))
    })
    .await?;
    Ok(views::controls::page(&ctx, &settings, &promos))
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
    deps: web::Data<Deps>,
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
    if form.nonce.len() != 32 || !form.nonce.bytes().all(|b| b.is_ascii_hexdigit()) {
        return Err(AppError::BadRequest);
    }
    let adjustment = Adjustment {
        email: form.email.trim().to_lowercase(),
        kind: AdjustKind::parse(&form.kind),
        amount_minor: amount,
        reason,
        key: format!("adjustment-{}", form.nonce),
    };
    let settings = deps.settings();
    let now = deps.now();
    let done = db::run(&deps.pool, move |conn| {
        write_tx(conn, |tx| {
            controls::adjust(tx, &settings, &adjustment, actor, now)
        })
    })
    .await;
    Ok(match done {
        Err(AppError::Refused(key)) => redirect_flash(BACK, FlashLevel::Error, key),
        other => {
            other?;
            redirect_flash(BACK, FlashLevel::Success, "flash-adjustment-posted")
        }
    })
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
    deps: web::Data<Deps>,
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
    let now = deps.now();
    db::run(&deps.pool, move |conn| {
        write_tx(conn, |tx| controls::save_settings(tx, &new, actor, now))
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
    deps: web::Data<Deps>,
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
    let now = deps.now();
    let created = db::run(&deps.pool, move |conn| {
        write_tx(conn, |tx| {
            controls::create_promo(tx, &terms, &rules, actor, now)
        })
    })
    .await;
    Ok(match created {
        Err(AppError::Refused(key)) => redirect_flash(BACK, FlashLevel::Error, key),
        other => {
            other?;
            redirect_flash(BACK, FlashLevel::Success, "flash-promo-created")
        }
    })
}

pub async fn toggle_promo(
    ctx: Ctx,
    deps: web::Data<Deps>,
    id: web::Path<i64>,
) -> Result<HttpResponse, AppError> {
    let actor = ctx.user()?.id;
    let id = id.into_inner();
    let now = deps.now();
    let changed = db::run(&deps.pool, move |conn| {
        write_tx(conn, |tx| controls::toggle_promo(tx, id, actor, now))
    })
    .await?;
    crate::web::saved_or_missing(changed, BACK)
}
