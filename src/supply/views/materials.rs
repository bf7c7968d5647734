//! The bill of materials on the service page: what one order takes from stock.

use maud::{Markup, html};

use crate::supply::service::materials::Bom;
use crate::web::components::{csrf_field, post_button};
use crate::web::ctx::Ctx;

pub fn section(ctx: &Ctx, bom: &Bom) -> Markup {
    let base = format!("/manage/services/{}/materials", bom.service_id);
    html! {
        article #materials {
            h2 { (ctx.t("materials-title")) }
            p.muted { (ctx.t("materials-lead")) }
            @if bom.lines.is_empty() { p { (ctx.t("materials-empty")) } }
            ul { @for m in &bom.lines {
                li {
                    (m.quantity) " × " (m.consumable.name.read(ctx.tr.lang)) " (" code { (m.consumable.sku) } ") "
                    (post_button(ctx, &format!("{base}/{}/remove", m.consumable.id), &ctx.t("materials-remove"), "secondary outline small", None))
                }
            } }
            @if !bom.consumables.is_empty() {
                form.row-form method="post" action=(base) {
                    (csrf_field(ctx))
                    label.inline-field { span { (ctx.t("extra-item")) }
                        select name="consumable" {
                            @for c in &bom.consumables { option value=(c.id) { (c.sku) " · " (c.name.read(ctx.tr.lang)) } }
                        }
                    }
                    label.inline-field { span { (ctx.t("materials-per-order")) } input type="number" name="quantity" min="1" required; }
                    button.small type="submit" { (ctx.t("materials-add")) }
                }
            }
        }
    }
}
