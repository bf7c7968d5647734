//! The stock movement history, newest first, filtered by consumable, kind or order.

use maud::{Markup, html};

use crate::supply::model::MovementKind;
use crate::supply::store::{Consumable, Movement, MovementFilter};
use crate::web::components::{Paging, pagination};
use crate::web::ctx::Ctx;
use crate::web::layout;

pub fn page(
    ctx: &Ctx,
    filter: &MovementFilter,
    rows: &[Movement],
    total: i64,
    paging: Paging,
    items: &[Consumable],
) -> Markup {
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
    layout::page(
        ctx,
        &title,
        html! {
            nav aria-label="breadcrumb" { ul { li { a href="/manage/stock" { (ctx.t("stock-title")) } } li { (title) } } }
            h1 { (title) }
            form.filters method="get" action="/manage/stock/movements" {
                div.grid {
                    label.inline-field { span { (ctx.t("stock-name")) }
                        select name="item" {
                            option value="" { (ctx.t("movement-all-items")) }
                            @for c in items { option value=(c.id) selected[filter.consumable_id == Some(c.id)] { (c.sku) " · " (c.name.read(ctx.tr.lang)) } }
                        }
                    }
                    label.inline-field { span { (ctx.t("movement-kind")) }
                        select name="kind" {
                            option value="" { (ctx.t("movement-all-kinds")) }
                            @for k in MovementKind::ALL { option value=(k.as_str()) selected[filter.kind == Some(*k)] { (ctx.t(k.label_key())) } }
                        }
                    }
                    label.inline-field { span { (ctx.t("movement-order")) } input type="number" name="order" min="1" value=[filter.order_id]; }
                    button type="submit" { (ctx.t("movement-filter")) }
                }
            }
            @if rows.is_empty() {
                p.muted { (ctx.t("movements-empty")) }
            } @else {
                div.table-wrap tabindex="0" { table.striped.dense.phone-cards {
                    thead { tr {
                        th { (ctx.t("movement-at")) } th { (ctx.t("stock-sku")) } th { (ctx.t("movement-kind")) }
                        th.num { (ctx.t("stock-quantity")) } th { (ctx.t("stock-reason")) } th { (ctx.t("movement-order")) } th { (ctx.t("movement-by")) }
                    } }
                    tbody { @for m in rows { tr {
                        td { (ctx.tr.datetime(m.at)) }
                        td { code { (m.sku) } " " (m.name.read(ctx.tr.lang)) }
                        td { (ctx.t(m.kind.label_key())) }
                        td.num { @if m.quantity > 0 { "+" } (m.quantity) }
                        td { (m.reason) }
                        td { @if let Some(o) = m.order_id { a href={ "/manage/orders/" (o) } { "#" (o) } } }
                        td { (m.actor.as_deref().unwrap_or("—")) }
                    } } }
                } }
                (pagination(ctx, paging, total, &base))
            }
        },
    )
}
