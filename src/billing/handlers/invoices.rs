//! One invoice: the printable page and its CSV for its client or a manager, and paying it
//! now (the client's button; a manager's retry goes through the same charge).

use actix_web::{HttpResponse, web};
use maud::Markup;

use crate::billing::Deps;
use crate::billing::model::InvoiceStatus;
use crate::billing::service::charging::{self, Opened, Reason};
use crate::billing::store::{invoices, statements};
use crate::billing::views;
use crate::db;
use crate::error::AppError;
use crate::identity::Role;
use crate::web::ctx::{Ctx, FlashLevel, redirect_flash};

/// The invoice, for its client or a manager; 404 for anyone else.
async fn load_invoice(ctx: &Ctx, deps: &Deps, id: i64) -> Result<views::InvoicePage, AppError> {
    let user = ctx.user()?;
    let (user_id, staff) = (user.id, matches!(user.role, Role::Manager | Role::Admin));
    db::run(&deps.pool, move |conn| {
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
    deps: web::Data<Deps>,
    id: web::Path<i64>,
) -> Result<Markup, AppError> {
    let page = load_invoice(&ctx, &deps, id.into_inner()).await?;
    Ok(views::invoice_page(&ctx, &page))
}

pub async fn invoice_csv(
    ctx: Ctx,
    deps: web::Data<Deps>,
    id: web::Path<i64>,
) -> Result<HttpResponse, AppError> {
    let page = load_invoice(&ctx, &deps, id.into_inner()).await?;
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
pub(super) async fn charge_now(
    ctx: &Ctx,
    deps: &Deps,
    invoice_id: i64,
    reason: Reason,
    back: &str,
) -> Result<HttpResponse, AppError> {
    let actor = ctx.user()?.id;
    let now = deps.now();
    let opened = db::run(&deps.pool, move |conn| {
        crate::db::write_tx(conn, |tx| {
            charging::open_attempt(tx, invoice_id, reason, Some(actor), now)
        })
    })
    .await?;
    let key = match opened {
        Opened::NothingDue => "flash-invoice-nothing-due",
        Opened::NoCard => "flash-invoice-no-card",
        Opened::AlreadyPending | Opened::Charge(_) => {
            let owned = deps.clone();
            web::block(move || charging::collect(&owned, Some(invoice_id)))
                .await
                .map_err(|e| AppError::Internal(anyhow::anyhow!(e)))??;
            let status = db::run(&deps.pool, move |conn| {
                Ok(invoices::status(conn, invoice_id)?)
            })
            .await?;
            return Ok(match status {
                Some(InvoiceStatus::Paid) => {
                    redirect_flash(back, FlashLevel::Success, "flash-invoice-paid")
                }
                Some(InvoiceStatus::PastDue) => {
                    redirect_flash(back, FlashLevel::Error, "flash-invoice-declined")
                }
                _ => redirect_flash(back, FlashLevel::Info, "flash-invoice-pending"),
            });
        }
    };
    Ok(redirect_flash(back, FlashLevel::Error, key))
}

pub async fn pay_now(
    ctx: Ctx,
    deps: web::Data<Deps>,
    id: web::Path<i64>,
) -> Result<HttpResponse, AppError> {
    let id = id.into_inner();
    // Someone else's invoice is not found, whatever its number.
    load_invoice(&ctx, &deps, id).await?;
    if ctx.user()?.role != Role::Client {
        return Err(AppError::NotFound);
    }
    charge_now(&ctx, &deps, id, Reason::Client, &format!("/invoices/{id}")).await
}
