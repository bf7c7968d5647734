//! The kit on an order's pages: the worker sees where to collect it, what is in it and the
//! cookie, confirms receipt and asks for extras; managers see the same and can issue it.

use maud::{Markup, html};

use crate::supply::model::PackStatus;
use crate::supply::service::kit::Kit;
use crate::web::components::{csrf_field, post_button};
use crate::web::ctx::Ctx;

/// The kit section of the worker's job page (assigned or under way).
pub fn worker_section(ctx: &Ctx, kit: &Kit) -> Markup {
    let Some(o) = &kit.order else {
        return html! {};
    };
    let job = format!("/worker/jobs/{}", o.id);
    html! {
        @if o.assigned {
            article.kit {
                h2 { (ctx.t("kit-title")) }
                @match (o.kit_received_at, kit.pack.as_ref().map(|p| p.status)) {
                    (Some(at), _) => {
                        p { "✓ " (ctx.t("kit-received")) " " (ctx.tr.datetime(at)) }
                        (contents(ctx, kit))
                        (post_button(ctx, &format!("{job}/start"), &ctx.t("worker-start"), "", None))
                    }
                    (None, Some(PackStatus::Packed)) => {
                        p { strong { (ctx.tr.t_args("kit-ready-at", &[("place", kit.pickup_point.clone().into())])) } }
                        (contents(ctx, kit))
                        (post_button(ctx, &format!("{job}/kit"), &ctx.t("kit-confirm"), "", None))
                    }
                    (None, Some(PackStatus::Short)) => { p { (ctx.t("kit-short")) } }
                    (None, _) => { p { (ctx.t("kit-packing")) } }
                }
            }
        }
        @if o.under_way {
            (extras_section(ctx, kit, &format!("{job}/extras")))
        }
    }
}

/// The kit on the managers' order page, with "mark as handed over" once it is packed.
pub fn manager_section(ctx: &Ctx, kit: &Kit) -> Markup {
    let (Some(pack), Some(o)) = (&kit.pack, &kit.order) else {
        return html! {};
    };
    html! {
        article.kit {
            h2 { (ctx.t("kit-title")) ": " (ctx.t(pack.status.label_key())) }
            p.pickup-point { (ctx.t("pack-pickup-point")) ": " strong { (kit.pickup_point) } }
            (contents(ctx, kit))
            @if o.assigned && o.kit_received_at.is_none() && pack.status == PackStatus::Packed {
                (post_button(ctx, &format!("/manage/orders/{}/kit", o.id), &ctx.t("kit-issue"), "secondary", None))
            }
            @for r in &kit.extras { p.muted { (r.quantity) " × " (r.item.read(ctx.tr.lang)) " — " (ctx.t(r.status.label_key())) } }
            a href={ "/manage/stock/movements?order=" (o.id) } { (ctx.t("stock-history")) }
        }
    }
}

fn contents(ctx: &Ctx, kit: &Kit) -> Markup {
    let Some(pack) = &kit.pack else {
        return html! {};
    };
    html! {
        @if pack.status.holds_stock() {
            @if pack.items.is_empty() { p.muted { (ctx.t("pack-no-items")) } }
            ul.kit-items { @for i in &pack.items { li { (i.quantity) " × " (i.name.read(ctx.tr.lang)) " (" (i.unit.read(ctx.tr.lang)) ")" } } }
        }
        @if let Some(cookie) = &pack.cookie_text {
            p { (ctx.t("pack-cookie")) ": " span.cookie { (cookie) } }
        }
    }
}

fn extras_section(ctx: &Ctx, kit: &Kit, action: &str) -> Markup {
    html! {
        details.extras open[!kit.extras.is_empty()] {
            summary { (ctx.t("extra-ask-title")) }
            ul { @for r in &kit.extras {
                li {
                    (r.quantity) " × " (r.item.read(ctx.tr.lang)) " — " (ctx.t(r.status.label_key()))
                    @if let Some(reason) = &r.refuse_reason { ": " (reason) }
                }
            } }
            @if !kit.consumables.is_empty() {
                form method="post" action=(action) {
                    (csrf_field(ctx))
                    label { (ctx.t("extra-item"))
                        select name="consumable" { @for c in &kit.consumables { option value=(c.id) { (c.name.read(ctx.tr.lang)) " (" (c.unit.read(ctx.tr.lang)) ")" } } }
                    }
                    label { (ctx.t("stock-quantity")) input type="number" name="quantity" min="1" value="1" required; }
                    label { (ctx.t("extra-note")) input type="text" name="note" maxlength="300"; }
                    button type="submit" { (ctx.t("extra-ask")) }
                }
            }
        }
    }
}
