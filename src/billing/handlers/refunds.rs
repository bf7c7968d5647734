//! The managers' refund of an order: a reason, then everything the order posted taken
//! back once (the form is on the order page).

use actix_web::{HttpResponse, web};
use serde::Deserialize;

use crate::billing::Deps;
use crate::billing::service::refunds;
use crate::db::{self, write_tx};
use crate::error::AppError;
use crate::validate::text;
use crate::web::ctx::{Ctx, FlashLevel, redirect_flash};

#[derive(Deserialize, Default)]
#[serde(default)]
pub struct RefundForm {
    reason: String,
}

pub async fn refund(
    ctx: Ctx,
    deps: web::Data<Deps>,
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
    let now = deps.now();
    let settings = deps.settings();
    let posted = db::run(&deps.pool, move |conn| {
        write_tx(conn, |tx| {
            refunds::refund(tx, &settings, (order_id, &reason), actor, now)
        })
    })
    .await?;
    deps.wake_mail();
    Ok(match posted {
        Some(_) => redirect_flash(&back, FlashLevel::Success, "flash-refund-posted"),
        None => redirect_flash(&back, FlashLevel::Error, "flash-refund-nothing"),
    })
}
