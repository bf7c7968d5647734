//! The managers' stock table: what is on hand and what is low, receiving goods, adjusting
//! with a reason, and adding consumables.

use actix_web::http::StatusCode;
use actix_web::{HttpResponse, web};
use maud::Markup;
use serde::Deserialize;

use super::{done, refused};
use crate::db::{self, write_tx};
use crate::error::AppError;
use crate::state::AppState;
use crate::supply::model::{parse_adjustment, parse_quantity};
use crate::supply::service::stock::{self, NewConsumable};
use crate::supply::store::{self, Consumable};
use crate::supply::views::stock::view;
use crate::validate::{FormErrors, text};
use crate::web::ctx::{Ctx, FlashLevel, redirect_flash};
use crate::web::html as respond;

pub async fn page(ctx: Ctx, state: web::Data<AppState>) -> Result<Markup, AppError> {
    let items = db::run(&state.pool, |conn| Ok(store::consumables(conn)?)).await?;
    Ok(view(
        &ctx,
        &items,
        &AddForm::default(),
        &FormErrors::default(),
    ))
}

#[derive(Deserialize, Default, Clone)]
#[serde(default)]
pub struct AddForm {
    pub sku: String,
    pub name: String,
    pub unit: String,
    pub reorder_level: String,
    pub opening: String,
}

impl AddForm {
    fn parse(&self) -> Result<NewConsumable, FormErrors> {
        let mut e = FormErrors::default();
        let sku = self.sku.trim().to_uppercase();
        let sku_ok = (2..=32).contains(&sku.len())
            && sku.chars().all(|c| c.is_ascii_alphanumeric() || c == '-');
        if !sku_ok {
            e.add("sku", "err-sku");
        }
        let name = text(&self.name, 100, true);
        if name.is_none() {
            e.add("name", "err-required-100");
        }
        let unit = text(&self.unit, 20, true);
        if unit.is_none() {
            e.add("unit", "err-unit");
        }
        let level = whole(&self.reorder_level);
        if level.is_none() {
            e.add("reorder_level", "err-level");
        }
        let opening = whole(&self.opening);
        if opening.is_none() {
            e.add("opening", "err-level");
        }
        match (name, unit, level, opening) {
            (Some(name), Some(unit), Some(reorder_level), Some(opening)) if e.is_empty() => {
                Ok(NewConsumable {
                    sku,
                    name,
                    unit,
                    reorder_level,
                    opening,
                })
            }
            _ => Err(e),
        }
    }
}

/// A whole number from 0 to a million; blank means 0.
fn whole(raw: &str) -> Option<i64> {
    if raw.trim().is_empty() {
        return Some(0);
    }
    let n: i64 = raw.trim().parse().ok()?;
    (0..=crate::supply::model::MAX_QUANTITY)
        .contains(&n)
        .then_some(n)
}

pub async fn add(
    ctx: Ctx,
    state: web::Data<AppState>,
    form: web::Form<AddForm>,
) -> Result<HttpResponse, AppError> {
    let form = form.into_inner();
    let unprocessable = |items: &[Consumable], errors: &FormErrors| {
        respond(
            StatusCode::UNPROCESSABLE_ENTITY,
            view(&ctx, items, &form, errors),
        )
    };
    let new = match form.parse() {
        Ok(new) => new,
        Err(errors) => {
            let items = db::run(&state.pool, |conn| Ok(store::consumables(conn)?)).await?;
            return Ok(unprocessable(&items, &errors));
        }
    };
    let (settings, now, actor) = (state.settings(), state.clock.now(), ctx.user()?.id);
    let (added, items) = db::run(&state.pool, move |conn| {
        let added = write_tx(conn, |tx| {
            stock::add_consumable(tx, &settings, now, &new, Some(actor))
        })?;
        Ok((added, store::consumables(conn)?))
    })
    .await?;
    if added.is_none() {
        let mut errors = FormErrors::default();
        errors.add("sku", "err-sku-taken");
        return Ok(unprocessable(&items, &errors));
    }
    Ok(redirect_flash(
        "/manage/stock",
        FlashLevel::Success,
        "flash-saved",
    ))
}

#[derive(Deserialize, Default)]
#[serde(default)]
pub struct MoveForm {
    quantity: String,
    note: String,
}

pub async fn receive(
    ctx: Ctx,
    state: web::Data<AppState>,
    id: web::Path<i64>,
    form: web::Form<MoveForm>,
) -> Result<HttpResponse, AppError> {
    let Some(quantity) = parse_quantity(&form.quantity) else {
        return refused("/manage/stock", "refuse-bad-quantity");
    };
    let note = text(&form.note, 200, false).unwrap_or_default();
    let (settings, now, actor, id) = (state.settings(), state.clock.now(), ctx.user()?.id, *id);
    let result = db::run(&state.pool, move |conn| {
        stock::receive(conn, &settings, now, actor, id, quantity, &note)
    })
    .await;
    if result.is_ok() {
        // Kits waiting short may now be packed.
        state.jobs.kick_packing();
    }
    done("/manage/stock", result, "flash-stock-received")
}

pub async fn adjust(
    ctx: Ctx,
    state: web::Data<AppState>,
    id: web::Path<i64>,
    form: web::Form<MoveForm>,
) -> Result<HttpResponse, AppError> {
    let Some(delta) = parse_adjustment(&form.quantity) else {
        return refused("/manage/stock", "refuse-bad-adjustment");
    };
    let Some(reason) = text(&form.note, 200, true) else {
        return refused("/manage/stock", "refuse-reason-required");
    };
    let (settings, now, actor, id) = (state.settings(), state.clock.now(), ctx.user()?.id, *id);
    let result = db::run(&state.pool, move |conn| {
        stock::adjust(conn, &settings, now, actor, id, delta, &reason)
    })
    .await;
    if delta > 0 && result.is_ok() {
        state.jobs.kick_packing();
    }
    done("/manage/stock", result, "flash-stock-adjusted")
}
