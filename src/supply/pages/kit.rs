//! The kit on an order's pages: the worker sees where to collect it, what is in it and the
//! cookie, confirms receipt and asks for extras; managers see the same and can issue it.

use actix_web::{HttpResponse, web};
use maud::{Markup, html};
use serde::Deserialize;

use super::done;
use crate::db;
use crate::error::AppError;
use crate::orders::model::Status;
use crate::orders::store::Order;
use crate::state::AppState;
use crate::supply::extras::{self, ExtraAsk};
use crate::supply::model::{PackStatus, parse_quantity};
use crate::supply::pack_store::{self as packs, ExtraRequest, Pack};
use crate::supply::store::{self, Consumable};
use crate::validate::text;
use crate::web::components::{csrf_field, post_button};
use crate::web::ctx::Ctx;

/// An order's kit as its pages show it.
#[derive(Debug, Clone, Default)]
pub struct Kit {
    pub pack: Option<Pack>,
    pub extras: Vec<ExtraRequest>,
    pub consumables: Vec<Consumable>,
    pub pickup_point: String,
}

pub fn load(
    conn: &rusqlite::Connection,
    order_id: i64,
    pickup_point: &str,
) -> rusqlite::Result<Kit> {
    Ok(Kit {
        pack: packs::pack_for_order(conn, order_id)?,
        extras: packs::extras_for_order(conn, order_id)?,
        consumables: store::consumables(conn)?,
        pickup_point: pickup_point.to_string(),
    })
}

/// The kit section of the worker's job page (assigned or under way).
pub fn worker_section(ctx: &Ctx, kit: &Kit, o: &Order) -> Markup {
    let job = format!("/worker/jobs/{}", o.id);
    html! {
        @if o.status == Status::Assigned {
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
        @if matches!(o.status, Status::Assigned | Status::InProgress) {
            (extras_section(ctx, kit, &format!("{job}/extras")))
        }
    }
}

/// The kit on the managers' order page, with "mark as handed over" once it is packed.
pub fn manager_section(ctx: &Ctx, kit: &Kit, o: &Order) -> Markup {
    let Some(pack) = &kit.pack else {
        return html! {};
    };
    html! {
        article.kit {
            h2 { (ctx.t("kit-title")) ": " (ctx.t(&format!("pack-status-{}", pack.status.as_str()))) }
            (contents(ctx, kit))
            @if o.status == Status::Assigned && o.kit_received_at.is_none() && pack.status == PackStatus::Packed {
                (post_button(ctx, &format!("/manage/orders/{}/kit", o.id), &ctx.t("kit-issue"), "secondary", None))
            }
            @for r in &kit.extras { p.muted { (r.quantity) " × " (r.item) " — " (ctx.t(&format!("extra-status-{}", r.status))) } }
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
            ul.kit-items { @for i in &pack.items { li { (i.quantity) " × " (i.name) " (" (i.unit) ")" } } }
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
                    (r.quantity) " × " (r.item) " — " (ctx.t(&format!("extra-status-{}", r.status)))
                    @if let Some(reason) = &r.refuse_reason { ": " (reason) }
                }
            } }
            @if !kit.consumables.is_empty() {
                form method="post" action=(action) {
                    (csrf_field(ctx))
                    label { (ctx.t("extra-item"))
                        select name="consumable" { @for c in &kit.consumables { option value=(c.id) { (c.name) " (" (c.unit) ")" } } }
                    }
                    label { (ctx.t("stock-quantity")) input type="number" name="quantity" min="1" value="1" required; }
                    label { (ctx.t("extra-note")) input type="text" name="note" maxlength="300"; }
                    button type="submit" { (ctx.t("extra-ask")) }
                }
            }
        }
    }
}

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
        return Ok(done(&back, Err("refuse-bad-quantity"), ""));
    };
    let Ok(consumable_id) = form.consumable.trim().parse::<i64>() else {
        return Ok(done(&back, Err("refuse-unknown-consumable"), ""));
    };
    let Some(note) = text(&form.note, 300, false) else {
        return Ok(done(&back, Err("refuse-reason-required"), ""));
    };
    let ask = ExtraAsk {
        order_id,
        consumable_id,
        quantity,
        note,
    };
    let (settings, now, worker) = (state.settings.clone(), state.clock.now(), ctx.user()?.id);
    let result = db::run(&state.pool, move |conn| {
        extras::request(conn, &settings, now, worker, &ask)
    })
    .await?;
    state.jobs.kick_outbox().await;
    Ok(done(&back, result.map(|_| ()), "flash-extra-requested"))
}
