//! The stock movement history, newest first, filtered by consumable, kind or order.

use actix_web::web;
use maud::{Markup, html};
use serde::Deserialize;

use crate::db;
use crate::error::AppError;
use crate::state::AppState;
use crate::supply::model::MovementKind;
use crate::supply::store::{self, MovementFilter};
use crate::web::components::{Paging, pagination};
use crate::web::ctx::Ctx;
use crate::web::layout;

#[derive(Deserialize)]
pub struct Query {
    #[serde(default)]
    item: String,
    #[serde(default)]
    kind: String,
    #[serde(default)]
    order: String,
    page: Option<i64>,
}

pub async fn page(
    ctx: Ctx,
    state: web::Data<AppState>,
    q: web::Query<Query>,
) -> Result<Markup, AppError> {
    // Unknown filter values are ignored rather than refused: a stale link still shows a list.
    let filter = MovementFilter {
        consumable_id: q.item.parse().ok(),
        kind: MovementKind::parse(&q.kind),
        order_id: q.order.parse().ok(),
    };
    let paging = Paging::new(q.page, 50);
    let f = filter.clone();
    let ((rows, total), items) = db::run(&state.pool, move |conn| {
        Ok((
            store::movements(conn, &f, paging.per_page, paging.offset())?,
            store::consumables(conn)?,
        ))
    })
    .await?;
    let title = ctx.t("movements-title");
    let base = format!(
        "/manage/stock/movements?item={}&kind={}&order={}&",
        filter
            .consumable_id
            .map(|i| i.to_string())
            .unwrap_or_default(),
        filter.kind.map(|k| k.as_str()).unwrap_or(""),
        filter.order_id.map(|i| i.to_string()).unwrap_or_default()
    );
    Ok(layout::page(
        &ctx,
        &title,
        html! {
            nav aria-label="breadcrumb" { ul { li { a href="/manage/stock" { (ctx.t("stock-title")) } } li { (title) } } }
            h1 { (title) }
            form.filters method="get" action="/manage/stock/movements" {
                div.grid {
                    select name="item" aria-label=(ctx.t("stock-name")) {
                        option value="" { (ctx.t("movement-all-items")) }
                        @for c in &items { option value=(c.id) selected[filter.consumable_id == Some(c.id)] { (c.sku) " · " (c.name) } }
                    }
                    select name="kind" aria-label=(ctx.t("movement-kind")) {
                        option value="" { (ctx.t("movement-all-kinds")) }
                        @for k in MovementKind::ALL { option value=(k.as_str()) selected[filter.kind == Some(k)] { (ctx.t(&format!("movement-kind-{}", k.as_str()))) } }
                    }
                    input type="number" name="order" min="1" value=[filter.order_id] placeholder=(ctx.t("movement-order")) aria-label=(ctx.t("movement-order"));
                    button type="submit" { (ctx.t("movement-filter")) }
                }
            }
            @if rows.is_empty() {
                p.muted { (ctx.t("movements-empty")) }
            } @else {
                div.table-wrap { table.striped.dense {
                    thead { tr {
                        th { (ctx.t("movement-at")) } th { (ctx.t("stock-sku")) } th { (ctx.t("movement-kind")) }
                        th.num { (ctx.t("stock-quantity")) } th { (ctx.t("stock-reason")) } th { (ctx.t("movement-order")) } th { (ctx.t("movement-by")) }
                    } }
                    tbody { @for m in &rows { tr {
                        td { (ctx.tr.datetime(m.at)) }
                        td { code { (m.sku) } " " (m.name) }
                        td { (ctx.t(&format!("movement-kind-{}", m.kind))) }
                        td.num { @if m.quantity > 0 { "+" } (m.quantity) }
                        td { (m.reason) }
                        td { @if let Some(o) = m.order_id { a href={ "/manage/orders/" (o) } { "#" (o) } } }
                        td { (m.actor.as_deref().unwrap_or("—")) }
                    } } }
                } }
                (pagination(&ctx, paging, total, &base))
            }
        },
    ))
}
