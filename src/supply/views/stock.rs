//! The managers' stock table: what is on hand and what is low, receiving goods, adjusting
//! with a reason, and adding consumables.

use maud::{Markup, html};

use crate::supply::handlers::stock::AddForm;
use crate::supply::store::Consumable;
use crate::validate::FormErrors;
use crate::web::components::{LangField, csrf_field, empty_state, input, lang_fields};
use crate::web::ctx::Ctx;
use crate::web::layout;

pub fn view(ctx: &Ctx, items: &[Consumable], form: &AddForm, errors: &FormErrors) -> Markup {
    let title = ctx.t("stock-title");
    let low = items.iter().filter(|c| c.is_low()).count() as i64;
    let (name, unit) = (form.name(), form.unit());
    let name = LangField {
        name: "name",
        label: &ctx.t("stock-name"),
        values: &name,
        max: 100,
        required: true,
        rows: None,
    };
    let unit = LangField {
        name: "unit",
        label: &ctx.t("stock-unit"),
        values: &unit,
        max: 20,
        required: true,
        rows: None,
    };
    layout::page(
        ctx,
        &title,
        html! {
            hgroup.page-head {
                h1 { (title) }
                p { a href="/manage/stock/movements" { (ctx.t("movements-title")) } " · " a href="/manage/packs" { (ctx.t("packs-title")) } " · " a href="/manage/consumption" { (ctx.t("consumption-link")) } }
            }
            p.muted { (ctx.t("stock-lead")) }
            @if low > 0 { p.flash.warning role="status" { (ctx.tr.t_args("stock-low-count", &[("count", low.into())])) } }
            @if items.is_empty() {
                (empty_state(&ctx.t("stock-empty-title"), &ctx.t("stock-empty-text")))
            } @else {
                div.table-wrap tabindex="0" { table.striped.dense.stock.phone-cards {
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
                    }
                    div.grid { div { (lang_fields(ctx, errors, &name)) } div { (lang_fields(ctx, errors, &unit)) } }
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
            td { (c.name.read(ctx.tr.lang)) }
            td.num {
                strong { (c.on_hand) } " " (c.unit.read(ctx.tr.lang))
                @if c.is_low() { " " span.status-badge.disputed { (ctx.t("stock-low")) } }
            }
            td.num { (c.reorder_level) }
            td {
                form.row-form method="post" action={ (base) "/receive" } {
                    (csrf_field(ctx))
                    label.inline-field { span { (ctx.t("stock-quantity")) } input type="number" name="quantity" min="1" required; }
                    label.inline-field { span { (ctx.t("stock-note")) } input type="text" name="note" maxlength="200"; }
                    button.small type="submit" { (ctx.t("stock-receive")) }
                }
            }
            td {
                form.row-form method="post" action={ (base) "/adjust" } data-confirm=(ctx.t("stock-confirm-adjust")) {
                    (csrf_field(ctx))
                    label.inline-field { span { (ctx.t("stock-delta")) } input type="number" name="quantity" required; }
                    label.inline-field { span { (ctx.t("stock-reason")) } input type="text" name="note" maxlength="200" required; }
                    button.small.secondary.outline type="submit" { (ctx.t("stock-adjust")) }
                }
                a.small href={ "/manage/stock/movements?item=" (c.id) } { (ctx.t("stock-history")) }
            }
        }
    }
}
