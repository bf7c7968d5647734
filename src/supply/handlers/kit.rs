//! The worker asks for extra consumables on a job.

use actix_web::{HttpResponse, web};
use serde::Deserialize;

use super::{done, refused};
use crate::db;
use crate::error::AppError;
use crate::state::AppState;
use crate::supply::model::parse_quantity;
use crate::supply::service::extras::{self, ExtraAsk};
use crate::validate::text;
use crate::web::ctx::Ctx;

#[derive(Deserialize, Default)]
#[serde(default)]
pub struct AskForm {
    consumable: String,
    quantity: String,
    note: String,
}

pub async fn ask(
    ctx: Ctx,
    state: web::Data<AppState>,
    id: web::Path<i64>,
    form: web::Form<AskForm>,
) -> Result<HttpResponse, AppError> {
    let order_id = id.into_inner();
    let back = format!("/worker/jobs/{order_id}");
    let Some(quantity) = parse_quantity(&form.quantity) else {
        return refused(&back, "refuse-bad-quantity");
    };
    let Ok(consumable_id) = form.consumable.trim().parse::<i64>() else {
        return refused(&back, "refuse-unknown-consumable");
    };
    let Some(note) = text(&form.note, 300, false) else {
        return refused(&back, "refuse-reason-required");
    };
    let ask = ExtraAsk {
        order_id,
        consumable_id,
        quantity,
        note,
    };
    let (settings, now, worker) = (state.settings(), state.clock.now(), ctx.user()?.id);
    let result = match db::run(&state.pool, move |conn| {
        extras::request(conn, &settings, now, worker, &ask)
    })
    .await
    {
        Err(e) if e.refusal().is_none() => return Err(e),
        other => other.map(|_| ()),
    };
    state.jobs.kick_outbox();
    done(&back, result, "flash-extra-requested")
}
