//! The managers' billing overview, its retries (an invoice's charge, a failed payout) and
//! the invoices CSV export.

use actix_web::{HttpResponse, web};
use maud::Markup;

use super::invoices::charge_now;
use crate::billing::Deps;
use crate::billing::model::periods::{RunKind, period_containing};
use crate::billing::model::{InvoiceStatus, PayoutStatus};
use crate::billing::service::charging::Reason;
use crate::billing::service::payouts;
use crate::billing::store::statements;
use crate::billing::views;
use crate::db;
use crate::error::AppError;
use crate::web::ctx::{Ctx, FlashLevel, redirect_flash};

fn month_bounds(deps: &Deps) -> (chrono::DateTime<chrono::Utc>, chrono::DateTime<chrono::Utc>) {
    let tz = deps.settings().time_zone;
    period_containing(RunKind::Monthly, tz, deps.now()).bounds(tz)
}

pub async fn manage(ctx: Ctx, deps: web::Data<Deps>) -> Result<Markup, AppError> {
    let (month_start, _) = month_bounds(&deps);
    let page = db::run(&deps.pool, move |conn| {
        Ok(views::ManageBilling {
            totals: statements::totals(conn, month_start)?,
            runs: statements::runs(conn, 20)?,
            past_due: statements::invoices(conn, None, Some(InvoiceStatus::PastDue), 100)?,
            failed_payouts: statements::payouts(conn, None, Some(PayoutStatus::Held), 100)?,
            recent: statements::invoices(conn, None, None, 20)?,
        })
    })
    .await?;
    Ok(views::manage(&ctx, &page))
}

pub async fn retry_charge(
    ctx: Ctx,
    deps: web::Data<Deps>,
    id: web::Path<i64>,
) -> Result<HttpResponse, AppError> {
    charge_now(
        &ctx,
        &deps,
        id.into_inner(),
        Reason::Manager,
        "/manage/billing",
    )
    .await
}

pub async fn retry_payout(
    deps: web::Data<Deps>,
    id: web::Path<i64>,
) -> Result<HttpResponse, AppError> {
    let id = id.into_inner();
    let reopened = db::run(&deps.pool, move |conn| {
        crate::db::write_tx(conn, |tx| payouts::retry(tx, id))
    })
    .await;
    match reopened {
        Err(AppError::Refused(key)) => {
            return Ok(redirect_flash(
                "/manage/billing",
                FlashLevel::Error,
                flash_payout(key),
            ));
        }
        other => other?,
    }
    let deps = deps.clone();
    let report = web::block(move || payouts::pay(&deps, Some(id)))
        .await
        .map_err(|e| AppError::Internal(anyhow::anyhow!(e)))??;
    let key = if report.settled == 1 {
        "flash-payout-paid"
    } else {
        "flash-payout-not-paid"
    };
    let level = if report.settled == 1 {
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

/// The most invoices the export holds, newest first.
const EXPORT_MAX: i64 = 100_000;
/// Invoices read (and sent) per page of the export.
const EXPORT_PAGE: i64 = 2_000;

/// Sends the export page by page from a blocking thread (a page of invoices in memory at a
/// time, not all of them); stops early when the client goes away.
fn stream_invoices(
    pool: db::Pool,
    tz: chrono_tz::Tz,
) -> tokio::sync::mpsc::Receiver<Result<web::Bytes, std::io::Error>> {
    let (tx, rx) = tokio::sync::mpsc::channel(4);
    actix_web::rt::task::spawn_blocking(move || {
        if tx
            .blocking_send(Ok(views::invoices_csv_header().into()))
            .is_err()
        {
            return;
        }
        let (mut before, mut sent) = (None, 0);
        while sent < EXPORT_MAX {
            let limit = EXPORT_PAGE.min(EXPORT_MAX - sent);
            let page = pool
                .get()
                .map_err(|e| std::io::Error::other(e.to_string()))
                .and_then(|conn| {
                    statements::invoices_before(&conn, before, limit)
                        .map_err(|e| std::io::Error::other(e.to_string()))
                });
            let chunk = match page {
                Ok(page) if page.is_empty() => return,
                Ok(page) => {
                    (before, sent) = (page.last().map(|i| i.id), sent + page.len() as i64);
                    Ok(views::invoices_csv_rows(tz, &page).into())
                }
                Err(error) => {
                    tracing::error!(%error, "invoice export failed part way");
                    Err(error)
                }
            };
            let failed = chunk.is_err();
            if tx.blocking_send(chunk).is_err() || failed {
                return;
            }
        }
    });
    rx
}

/// Invoices as CSV (RFC 4180, header row, times in the business time zone), the newest
/// first, streamed.
pub async fn export_invoices(ctx: Ctx, deps: web::Data<Deps>) -> HttpResponse {
    let rx = stream_invoices(deps.pool.clone(), ctx.tr.tz);
    let body = futures_util::stream::unfold(rx, |mut rx| async move {
        rx.recv().await.map(|chunk| (chunk, rx))
    });
    HttpResponse::Ok()
        .content_type("text/csv; charset=utf-8")
        .insert_header((
            "Content-Disposition",
            "attachment; filename=\"invoices.csv\"",
        ))
        .streaming(body)
}
