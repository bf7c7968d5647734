//! The managers' stock table: what is on hand and what is low, receiving goods, adjusting
//! with a reason, and adding consumables.

use actix_web::http::StatusCode;
use actix_web::{HttpResponse, web};
use maud::{Markup, html};
use serde::Deserialize;

use super::done;
use crate::db::{self, write_tx};
use crate::error::AppError;
use crate::state::AppState;
use crate::supply::model::{parse_adjustment, parse_quantity};
use crate::supply::stock::{self, NewConsumable};
use crate::supply::store::{self, Consumable};
use crate::validate::text;
use crate::web::components::{FormErrors, csrf_field, empty_state, input};
use crate::web::ctx::{Ctx, FlashLevel, redirect_flash};
use crate::web::{html as respond, layout};

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
    sku: String,
    name: String,
    unit: String,
    reorder_level: String,
    opening: String,
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
    let (settings, now, actor) = (state.settings.clone(), state.clock.now(), ctx.user()?.id);
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
        return Ok(done("/manage/stock", Err("refuse-bad-quantity"), ""));
    };
    let note = text(&form.note, 200, false).unwrap_or_default();
    let (settings, now, actor, id) = (
        state.settings.clone(),
        state.clock.now(),
        ctx.user()?.id,
        *id,
    );
    let result = db::run(&state.pool, move |conn| {
        stock::receive(conn, &settings, now, actor, id, quantity, &note)
    })
    .await?;
    if result.is_ok() {
        // Kits waiting short may now be packed.
        state.jobs.kick_packing().await;
    }
    Ok(done("/manage/stock", result, "flash-stock-received"))
}

pub async fn adjust(
    ctx: Ctx,
    state: web::Data<AppState>,
    id: web::Path<i64>,
    form: web::Form<MoveForm>,
) -> Result<HttpResponse, AppError> {
    let Some(delta) = parse_adjustment(&form.quantity) else {
        return Ok(done("/manage/stock", Err("refuse-bad-adjustment"), ""));
    };
    let Some(reason) = text(&form.note, 200, true) else {
        return Ok(done("/manage/stock", Err("refuse-reason-required"), ""));
    };
    let (settings, now, actor, id) = (
        state.settings.clone(),
        state.clock.now(),
        ctx.user()?.id,
        *id,
    );
    let result = db::run(&state.pool, move |conn| {
        stock::adjust(conn, &settings, now, actor, id, delta, &reason)
    })
    .await?;
    if delta > 0 && result.is_ok() {
        state.jobs.kick_packing().await;
    }
    Ok(done("/manage/stock", result, "flash-stock-adjusted"))
}

fn view(ctx: &Ctx, items: &[Consumable], form: &AddForm, errors: &FormErrors) -> Markup {
    let title = ctx.t("stock-title");
    let low = items.iter().filter(|c| c.is_low()).count() as i64;
    layout::page(
        ctx,
        &title,
        html! {
            hgroup.page-head {
                h1 { (title) }
                p { a href="/manage/stock/movements" { (ctx.t("movements-title")) } " · " a href="/manage/packs" { (ctx.t("packs-title")) } }
            }
            p.muted { (ctx.t("stock-lead")) }
            @if low > 0 { p.flash.warning role="status" { (ctx.tr.t_args("stock-low-count", &[("count", low.into())])) } }
            @if items.is_empty() {
                (empty_state(&ctx.t("stock-empty-title"), &ctx.t("stock-empty-text")))
            } @else {
                div.table-wrap { table.striped.dense.stock {
                    thead { tr {
                        th { (ctx.t("stock-sku")) } th { (ctx.t("stock-name")) } th.num { (ctx.t("stock-on-hand")) }
                        th.num { (ctx.t("stock-reorder-level")) } th { (ctx.t("stock-receive")) } th { (ctx.t("stock-adjust")) }
                    } }
                    tbody { @for c in items { (row(ctx, c)) } }
                } }
            }
            article {
                h2 { (ctx.t("stock-add-title")) }
                form method="post" action="/manage/stock" novalidate {
                    (csrf_field(ctx))
                    div.grid {
                        (input(ctx, errors, "sku", "stock-sku", &form.sku, "text"))
                        (input(ctx, errors, "name", "stock-name", &form.name, "text"))
                        (input(ctx, errors, "unit", "stock-unit", &form.unit, "text"))
                    }
                    div.grid {
                        (input(ctx, errors, "reorder_level", "stock-reorder-level", &form.reorder_level, "number"))
                        (input(ctx, errors, "opening", "stock-opening", &form.opening, "number"))
                    }
                    button type="submit" { (ctx.t("stock-add")) }
                }
            }
        },
    )
}

fn row(ctx: &Ctx, c: &Consumable) -> Markup {
    let base = format!("/manage/stock/{}", c.id);
    html! {
        tr.low[c.is_low()] {
            td { code { (c.sku) } }
            td { (c.name) }
            td.num {
                strong { (c.on_hand) } " " (c.unit)
                @if c.is_low() { " " span.status-badge.disputed { (ctx.t("stock-low")) } }
            }
            td.num { (c.reorder_level) }
            td {
                form.row-form method="post" action={ (base) "/receive" } {
                    (csrf_field(ctx))
                    input type="number" name="quantity" min="1" required aria-label=(ctx.t("stock-quantity")) placeholder=(ctx.t("stock-quantity"));
                    input type="text" name="note" maxlength="200" aria-label=(ctx.t("stock-note")) placeholder=(ctx.t("stock-note"));
                    button.small type="submit" { (ctx.t("stock-receive")) }
                }
            }
            td {
                form.row-form method="post" action={ (base) "/adjust" } data-confirm=(ctx.t("stock-confirm-adjust")) {
                    (csrf_field(ctx))
                    input type="number" name="quantity" required aria-label=(ctx.t("stock-delta")) placeholder=(ctx.t("stock-delta"));
                    input type="text" name="note" maxlength="200" required aria-label=(ctx.t("stock-reason")) placeholder=(ctx.t("stock-reason"));
                    button.small.secondary.outline type="submit" { (ctx.t("stock-adjust")) }
                }
                a.small href={ "/manage/stock/movements?item=" (c.id) } { (ctx.t("stock-history")) }
            }
        }
    }
}
