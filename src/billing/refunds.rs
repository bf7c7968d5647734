//! An order's money on the managers' order page: what the order posted, and the refund that
//! takes it all back (reason, confirmation, audit; once per order).

use actix_web::{HttpResponse, web};
use maud::{Markup, html};
use rusqlite::{Connection, params};
use serde::Deserialize;
use serde_json::json;

use super::postings;
use super::statements::Line;
use crate::db::{self, write_tx};
use crate::error::AppError;
use crate::state::AppState;
use crate::validate::text;
use crate::web::components::csrf_field;
use crate::web::ctx::{Ctx, FlashLevel, redirect_flash};

/// The ledger transactions that reference one order, oldest first, and their effect on the
/// client's account (what the order costs the client).
pub struct OrderMoney {
    pub order_id: i64,
    pub postings: Vec<Line>,
    /// The client still pays something for the order, so a refund would change something.
    pub refundable: bool,
}

pub fn order_money(conn: &Connection, order_id: i64) -> rusqlite::Result<OrderMoney> {
    let mut stmt = conn.prepare(
        "SELECT t.kind, t.reference, t.memo, COALESCE(SUM(e.amount_minor), 0), t.created_at
         FROM ledger_transactions t
         LEFT JOIN ledger_entries e ON e.transaction_id = t.id AND e.account LIKE 'client:%'
         WHERE t.reference = ?1 GROUP BY t.id ORDER BY t.id",
    )?;
    let postings: Vec<Line> = stmt
        .query_map(params![format!("order:{order_id}")], |r| {
            Ok(Line {
                kind: r.get(0)?,
                reference: r.get(1)?,
                memo: r.get(2)?,
                amount_minor: r.get(3)?,
                at: r.get(4)?,
                quote: None,
            })
        })?
        .collect::<rusqlite::Result<_>>()?;
    let refundable = postings.iter().map(|l| l.amount_minor).sum::<i64>() > 0;
    Ok(OrderMoney {
        order_id,
        postings,
        refundable,
    })
}

/// The order's postings, and the refund form while something is left to take back.
pub fn order_section(ctx: &Ctx, money: &OrderMoney) -> Markup {
    if money.postings.is_empty() {
        return html! {};
    }
    html! {
        article #money {
            h3 { (ctx.t("refund-money")) }
            (postings_list(ctx, money))
            @if money.refundable {
                details {
                    summary { (ctx.t("refund-title")) }
                    form method="post" action={ "/manage/billing/orders/" (money.order_id) "/refund" } data-confirm=(ctx.t("refund-confirm")) {
                        (csrf_field(ctx))
                        label { (ctx.t("controls-reason")) input name="reason" required maxlength="300"; }
                        small.muted { (ctx.t("refund-help")) }
                        button.contrast type="submit" { (ctx.t("refund-post")) }
                    }
                }
            }
        }
    }
}

/// What the order posted, one line each, as it touched the client's account.
pub fn postings_list(ctx: &Ctx, money: &OrderMoney) -> Markup {
    html! {
        @if money.postings.is_empty() { p.muted { (ctx.t("refund-no-postings")) } }
        ul { @for l in &money.postings {
            li { (ctx.t(&format!("ledger-kind-{}", l.kind.replace('_', "-")))) " · " (ctx.tr.datetime(l.at)) " · "
                 strong { (ctx.tr.money(l.amount_minor, &ctx.currency)) } @if !l.memo.is_empty() { " — " (l.memo) } }
        } }
    }
}

#[derive(Deserialize, Default)]
#[serde(default)]
pub struct RefundForm {
    reason: String,
}

pub async fn refund(
    ctx: Ctx,
    state: web::Data<AppState>,
    id: web::Path<i64>,
    form: web::Form<RefundForm>,
) -> Result<HttpResponse, AppError> {
    let (actor, order_id) = (ctx.user()?.id, id.into_inner());
    let back = format!("/manage/orders/{order_id}");
    let Some(reason) = text(&form.reason, 300, true) else {
        return Ok(redirect_flash(
            &back,
            FlashLevel::Error,
            "flash-refund-reason",
        ));
    };
    let now = state.clock.now();
    let posted = db::run(&state.pool, move |conn| {
        write_tx(conn, |tx| {
            let Some(id) = postings::refund_order(tx, order_id, &reason, Some(actor), now)? else {
                return Ok(None);
            };
            crate::audit::record(
                tx,
                now,
                Some(actor),
                "billing.refund",
                &format!("order:{order_id}"),
                json!({ "reason": reason, "transaction": id }),
            )?;
            Ok(Some(id))
        })
    })
    .await?;
    Ok(match posted {
        Some(_) => redirect_flash(&back, FlashLevel::Success, "flash-refund-posted"),
        None => redirect_flash(&back, FlashLevel::Error, "flash-refund-nothing"),
    })
}
