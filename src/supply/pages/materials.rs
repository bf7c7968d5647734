//! The bill of materials on the service page: what one order takes from stock.

use actix_web::{HttpResponse, web};
use maud::{Markup, html};
use serde::Deserialize;

use super::done;
use crate::db::{self, write_tx};
use crate::error::AppError;
use crate::state::AppState;
use crate::supply::model::parse_quantity;
use crate::supply::store::{self, Consumable, Material};
use crate::web::components::{csrf_field, post_button};
use crate::web::ctx::Ctx;

/// What the section shows: the service's lines and every consumable to choose from.
pub struct Bom {
    pub service_id: i64,
    pub lines: Vec<Material>,
    pub consumables: Vec<Consumable>,
}

pub fn load(conn: &rusqlite::Connection, service_id: i64) -> rusqlite::Result<Bom> {
    Ok(Bom {
        service_id,
        lines: store::materials(conn, service_id)?,
        consumables: store::consumables(conn)?,
    })
}

pub fn section(ctx: &Ctx, bom: &Bom) -> Markup {
    let base = format!("/manage/services/{}/materials", bom.service_id);
    html! {
        article #materials {
            h2 { (ctx.t("materials-title")) }
            p.muted { (ctx.t("materials-lead")) }
            @if bom.lines.is_empty() { p { (ctx.t("materials-empty")) } }
            ul { @for m in &bom.lines {
                li {
                    (m.quantity) " × " (m.consumable.name) " (" code { (m.consumable.sku) } ") "
                    (post_button(ctx, &format!("{base}/{}/remove", m.consumable.id), &ctx.t("materials-remove"), "secondary outline small", None))
                }
            } }
            @if !bom.consumables.is_empty() {
                form.row-form method="post" action=(base) {
                    (csrf_field(ctx))
                    select name="consumable" aria-label=(ctx.t("extra-item")) {
                        @for c in &bom.consumables { option value=(c.id) { (c.sku) " · " (c.name) } }
                    }
                    input type="number" name="quantity" min="1" required aria-label=(ctx.t("materials-per-order")) placeholder=(ctx.t("materials-per-order"));
                    button.small type="submit" { (ctx.t("materials-add")) }
                }
            }
        }
    }
}

#[derive(Deserialize, Default)]
#[serde(default)]
pub struct LineForm {
    consumable: String,
    quantity: String,
}

pub async fn set(
    state: web::Data<AppState>,
    id: web::Path<i64>,
    form: web::Form<LineForm>,
) -> Result<HttpResponse, AppError> {
    let service_id = id.into_inner();
    let back = format!("/manage/services/{service_id}#materials");
    let Some(quantity) = parse_quantity(&form.quantity) else {
        return Ok(done(&back, Err("refuse-bad-quantity"), ""));
    };
    let Ok(consumable_id) = form.consumable.trim().parse::<i64>() else {
        return Ok(done(&back, Err("refuse-unknown-consumable"), ""));
    };
    let result = db::run(&state.pool, move |conn| {
        write_tx(conn, |tx| -> Result<_, AppError> {
            crate::catalogue::store::service(tx, service_id)?.ok_or(AppError::NotFound)?;
            if store::consumable(tx, consumable_id)?.is_none() {
                return Ok(Err("refuse-unknown-consumable"));
            }
            store::set_material(tx, service_id, consumable_id, quantity)?;
            Ok(Ok(()))
        })
    })
    .await?;
    Ok(done(&back, result, "flash-material-saved"))
}

pub async fn remove(
    state: web::Data<AppState>,
    path: web::Path<(i64, i64)>,
) -> Result<HttpResponse, AppError> {
    let (service_id, consumable_id) = path.into_inner();
    let removed = db::run(&state.pool, move |conn| {
        Ok(store::remove_material(conn, service_id, consumable_id)?)
    })
    .await?;
    if !removed {
        return Err(AppError::NotFound);
    }
    Ok(done(
        &format!("/manage/services/{service_id}#materials"),
        Ok(()),
        "flash-material-removed",
    ))
}
