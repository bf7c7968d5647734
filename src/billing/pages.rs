//! HTTP handlers of billing: cards, the client's invoices and payments, the worker's
//! earnings, and the managers' billing overview with retries and the CSV export.

use actix_web::{HttpResponse, web};
use maud::Markup;

use super::cards::{self, CardForm, Purpose};
use super::charging::{self, Opened, Reason};
use super::model::Account;
use super::periods::{Period, RunKind, period_containing};
use super::{payouts, statements, views};
use crate::auth::model::Role;
use crate::db;
use crate::error::AppError;
use crate::state::AppState;
use crate::web::ctx::{Ctx, FlashLevel, redirect_flash};

/// Saves a card for `purpose`; the first problem found comes back as a flash message.
pub async fn save_card(
    ctx: Ctx,
    state: web::Data<AppState>,
    form: web::Form<CardForm>,
    purpose: Purpose,
    back: &str,
) -> Result<HttpResponse, AppError> {
    let user_id = ctx.user()?.id;
    let st = (**state).clone();
    let saved = web::block(move || cards::add(&st, user_id, purpose, &form))
        .await
        .map_err(|e| AppError::Internal(anyhow::anyhow!(e)))??;
    Ok(match saved {
        Ok(_) => redirect_flash(back, FlashLevel::Success, "flash-card-saved"),
        Err(errors) => {
            let key = ["card_number", "exp_month", "cvc"]
                .iter()
                .find_map(|f| errors.get(f))
                .map_or("flash-card-number", flash_for);
            redirect_flash(back, FlashLevel::Error, key)
        }
    })
}

fn flash_for(error_key: &str) -> &'static str {
    match error_key {
        "err-card-expiry" => "flash-card-expiry",
        "err-card-cvc" => "flash-card-cvc",
        "err-card-refused" => "flash-card-refused",
        "err-gateway-down" => "flash-gateway-down",
        _ => "flash-card-number",
    }
}

/// `?month=YYYY-MM`: which month's entries a statement lists.
#[derive(Debug, serde::Deserialize)]
pub struct MonthQuery {
    month: Option<String>,
}

/// The month a statement lists; this month when none or a bad one (then `refused`) is asked.
fn shown_month(state: &AppState, query: &MonthQuery) -> views::ShownMonth {
    let tz = state.settings.time_zone;
    let this = period_containing(RunKind::Monthly, tz, state.clock.now());
    let asked = query.month.as_deref().filter(|m| !m.is_empty());
    let parsed = asked.map(|m| Period::parse_month(m.trim()).filter(|p| *p <= this));
    let period = parsed.flatten().unwrap_or(this);
    let (from, to) = period.bounds(tz);
    views::ShownMonth {
        label: period.label(),
        prev: period.prev().label(),
        next: (period < this).then(|| period.next().label()),
        refused: matches!(parsed, Some(None)),
        from,
        to,
    }
}

pub async fn client_billing(
    ctx: Ctx,
    state: web::Data<AppState>,
    query: web::Query<MonthQuery>,
) -> Result<Markup, AppError> {
    let client_id = ctx.user()?.id;
    let month = shown_month(&state, &query);
    let (from, to) = (month.from, month.to);
    let now = state.clock.now();
    let page = db::run(&state.pool, move |conn| {
        let account = Account::Client(client_id);
        Ok(views::ClientBilling {
            balance_minor: super::ledger::balance(conn, &account)?,
            card: cards::current(conn, client_id, Purpose::Charge)?,
            invoices: statements::invoices(conn, Some(client_id), None, 100)?,
            entries: statements::entries(conn, &account, from, to)?,
            blocked: super::standing::order_block(conn, client_id, now)?,
            month,
        })
    })
    .await?;
    Ok(views::client_billing(&ctx, &page))
}

fn month_bounds(
    state: &AppState,
) -> (chrono::DateTime<chrono::Utc>, chrono::DateTime<chrono::Utc>) {
    let tz = state.settings.time_zone;
    period_containing(RunKind::Monthly, tz, state.clock.now()).bounds(tz)
}

/// The invoice, for its client or a manager; 404 for anyone else.
async fn load_invoice(
    ctx: &Ctx,
    state: &AppState,
    id: i64,
) -> Result<views::InvoicePage, AppError> {
    let user = ctx.user()?;
    let (user_id, staff) = (user.id, matches!(user.role, Role::Manager | Role::Admin));
    db::run(&state.pool, move |conn| {
        let invoice = statements::invoice(conn, id)?
            .filter(|i| staff || i.client_id == user_id)
            .ok_or(AppError::NotFound)?;
        Ok(views::InvoicePage {
            lines: statements::invoice_lines(conn, id)?,
            invoice,
        })
    })
    .await
}

pub async fn invoice(
    ctx: Ctx,
    state: web::Data<AppState>,
    id: web::Path<i64>,
) -> Result<Markup, AppError> {
    let page = load_invoice(&ctx, &state, id.into_inner()).await?;
    Ok(views::invoice_page(&ctx, &page))
}

pub async fn invoice_csv(
    ctx: Ctx,
    state: web::Data<AppState>,
    id: web::Path<i64>,
) -> Result<HttpResponse, AppError> {
    let page = load_invoice(&ctx, &state, id.into_inner()).await?;
    Ok(HttpResponse::Ok()
        .content_type("text/csv; charset=utf-8")
        .insert_header((
            "Content-Disposition",
            format!("attachment; filename=\"{}.csv\"", page.invoice.number),
        ))
        .body(views::invoice_csv(&page)))
}

/// Charges the invoice now with the current card (the client's "pay now", a manager's
/// retry), and reports the outcome.
async fn charge_now(
    ctx: &Ctx,
    state: &AppState,
    invoice_id: i64,
    reason: Reason,
    back: &str,
) -> Result<HttpResponse, AppError> {
    let actor = ctx.user()?.id;
    let now = state.clock.now();
    let opened = db::run(&state.pool, move |conn| {
        crate::db::write_tx(conn, |tx| {
            charging::open_attempt(tx, invoice_id, reason, Some(actor), now)
        })
    })
    .await?;
    let key = match opened {
        Opened::NothingDue => "flash-invoice-nothing-due",
        Opened::NoCard => "flash-invoice-no-card",
        Opened::AlreadyPending | Opened::Charge(_) => {
            let st = state.clone();
            web::block(move || charging::collect(&st, Some(invoice_id)))
                .await
                .map_err(|e| AppError::Internal(anyhow::anyhow!(e)))??;
            let status = db::run(&state.pool, move |conn| {
                Ok(statements::invoice(conn, invoice_id)?)
            })
            .await?
            .map(|i| i.status)
            .unwrap_or_default();
            return Ok(match status.as_str() {
                "paid" => redirect_flash(back, FlashLevel::Success, "flash-invoice-paid"),
                "past_due" => redirect_flash(back, FlashLevel::Error, "flash-invoice-declined"),
                _ => redirect_flash(back, FlashLevel::Info, "flash-invoice-pending"),
            });
        }
    };
    Ok(redirect_flash(back, FlashLevel::Error, key))
}

pub async fn pay_now(
    ctx: Ctx,
    state: web::Data<AppState>,
    id: web::Path<i64>,
) -> Result<HttpResponse, AppError> {
    let id = id.into_inner();
    // Someone else's invoice is not found, whatever its number.
    load_invoice(&ctx, &state, id).await?;
    if ctx.user()?.role != Role::Client {
        return Err(AppError::NotFound);
    }
    charge_now(&ctx, &state, id, Reason::Client, &format!("/invoices/{id}")).await
}

pub async fn worker_earnings(
    ctx: Ctx,
    state: web::Data<AppState>,
    query: web::Query<MonthQuery>,
) -> Result<Markup, AppError> {
    let worker_id = ctx.user()?.id;
    let month = shown_month(&state, &query);
    let (from, to) = (month.from, month.to);
    let page = db::run(&state.pool, move |conn| {
        let account = Account::Worker(worker_id);
        Ok(views::WorkerEarnings {
            owed_minor: -super::ledger::balance(conn, &account)?,
            card: cards::current(conn, worker_id, Purpose::Payout)?,
            payouts: statements::payouts(conn, Some(worker_id), None, 24)?,
            entries: statements::entries(conn, &account, from, to)?,
            month,
        })
    })
    .await?;
    Ok(views::worker_earnings(&ctx, &page))
}

pub async fn worker_card(
    ctx: Ctx,
    state: web::Data<AppState>,
    form: web::Form<CardForm>,
) -> Result<HttpResponse, AppError> {
    save_card(ctx, state, form, Purpose::Payout, "/worker/earnings").await
}

pub async fn manage(ctx: Ctx, state: web::Data<AppState>) -> Result<Markup, AppError> {
    let (month_start, _) = month_bounds(&state);
    let page = db::run(&state.pool, move |conn| {
        Ok(views::ManageBilling {
            totals: statements::totals(conn, month_start)?,
            runs: statements::runs(conn, 20)?,
            past_due: statements::invoices(conn, None, Some("past_due"), 100)?,
            failed_payouts: statements::payouts(conn, None, Some("failed"), 100)?,
            recent: statements::invoices(conn, None, None, 20)?,
        })
    })
    .await?;
    Ok(views::manage(&ctx, &page))
}

pub async fn retry_charge(
    ctx: Ctx,
    state: web::Data<AppState>,
    id: web::Path<i64>,
) -> Result<HttpResponse, AppError> {
    charge_now(
        &ctx,
        &state,
        id.into_inner(),
        Reason::Manager,
        "/manage/billing",
    )
    .await
}

pub async fn retry_payout(
    state: web::Data<AppState>,
    id: web::Path<i64>,
) -> Result<HttpResponse, AppError> {
    let id = id.into_inner();
    let reopened = db::run(&state.pool, move |conn| {
        crate::db::write_tx(conn, |tx| payouts::retry(tx, id))
    })
    .await?;
    if let Err(key) = reopened {
        return Ok(redirect_flash(
            "/manage/billing",
            FlashLevel::Error,
            flash_payout(key),
        ));
    }
    let st = (**state).clone();
    let report = web::block(move || payouts::pay(&st, Some(id)))
        .await
        .map_err(|e| AppError::Internal(anyhow::anyhow!(e)))??;
    let key = if report.paid == 1 {
        "flash-payout-paid"
    } else {
        "flash-payout-not-paid"
    };
    let level = if report.paid == 1 {
        FlashLevel::Success
    } else {
        FlashLevel::Error
    };
    Ok(redirect_flash("/manage/billing", level, key))
}

fn flash_payout(key: &str) -> &'static str {
    match key {
        "err-payout-no-card" => "flash-payout-no-card",
        _ => "flash-payout-not-failed",
    }
}

/// Invoices as CSV (RFC 4180, header row, times in the business time zone).
pub async fn export_invoices(
    ctx: Ctx,
    state: web::Data<AppState>,
) -> Result<HttpResponse, AppError> {
    let invoices = db::run(&state.pool, |conn| {
        Ok(statements::invoices(conn, None, None, 100_000)?)
    })
    .await?;
    Ok(HttpResponse::Ok()
        .content_type("text/csv; charset=utf-8")
        .insert_header((
            "Content-Disposition",
            "attachment; filename=\"invoices.csv\"",
        ))
        .body(views::invoices_csv(&ctx, &invoices)))
}
