//! The people's own billing pages: the client's billing page, the worker's earnings, and
//! saving a card (the profile's card form posts here too).

use actix_web::{HttpResponse, web};
use maud::Markup;

use crate::billing::Deps;
use crate::billing::model::Account;
use crate::billing::model::periods::{Period, RunKind, period_containing};
use crate::billing::service::cards::{self, CardForm, Purpose};
use crate::billing::service::standing;
use crate::billing::store::{ledger, statements};
use crate::billing::views::{self, Side};
use crate::db;
use crate::error::AppError;
use crate::web::ctx::{Ctx, FlashLevel, redirect_flash};

/// Saves a card for `purpose`; the first problem found comes back as a flash message.
pub async fn save_card(
    ctx: Ctx,
    deps: web::Data<Deps>,
    form: web::Form<CardForm>,
    purpose: Purpose,
    back: &str,
) -> Result<HttpResponse, AppError> {
    let user_id = ctx.user()?.id;
    let deps = deps.clone();
    let saved = web::block(move || cards::add(&deps, user_id, purpose, &form))
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
fn shown_month(deps: &Deps, query: &MonthQuery) -> views::ShownMonth {
    let tz = deps.settings().time_zone;
    let this = period_containing(RunKind::Monthly, tz, deps.now());
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

/// A month of the account's entries with the balance at the month's end.
fn statement(
    conn: &rusqlite::Connection,
    side: Side,
    account: &Account,
    month: views::ShownMonth,
) -> rusqlite::Result<views::Statement> {
    Ok(views::Statement {
        side,
        entries: statements::entries(conn, account, month.from, month.to)?,
        closing_ledger_minor: ledger::balance_before(conn, account, month.to)?,
        month,
    })
}

pub async fn client_billing(
    ctx: Ctx,
    deps: web::Data<Deps>,
    query: web::Query<MonthQuery>,
) -> Result<Markup, AppError> {
    let client_id = ctx.user()?.id;
    let month = shown_month(&deps, &query);
    let now = deps.now();
    let page = db::run(&deps.pool, move |conn| {
        let account = Account::Client(client_id);
        Ok(views::ClientBilling {
            balance_minor: ledger::balance(conn, &account)?,
            card: cards::current(conn, client_id, Purpose::Charge)?,
            invoices: statements::invoices(conn, Some(client_id), None, 100)?,
            blocked: standing::order_block(conn, client_id, now)?,
            statement: statement(conn, Side::Client, &account, month)?,
        })
    })
    .await?;
    Ok(views::client_billing(&ctx, &page))
}

pub async fn worker_earnings(
    ctx: Ctx,
    deps: web::Data<Deps>,
    query: web::Query<MonthQuery>,
) -> Result<Markup, AppError> {
    let worker_id = ctx.user()?.id;
    let month = shown_month(&deps, &query);
    let page = db::run(&deps.pool, move |conn| {
        let account = Account::Worker(worker_id);
        Ok(views::WorkerEarnings {
            owed_minor: -ledger::balance(conn, &account)?,
            card: cards::current(conn, worker_id, Purpose::Payout)?,
            payouts: statements::payouts(conn, Some(worker_id), None, 24)?,
            statement: statement(conn, Side::Worker, &account, month)?,
        })
    })
    .await?;
    Ok(views::worker_earnings(&ctx, &page))
}

pub async fn worker_card(
    ctx: Ctx,
    deps: web::Data<Deps>,
    form: web::Form<CardForm>,
) -> Result<HttpResponse, AppError> {
    save_card(ctx, deps, form, Purpose::Payout, "/worker/earnings").await
}
