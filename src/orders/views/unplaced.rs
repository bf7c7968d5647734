//! The managers' unplaced queue: orders matching gave up on and orders still without a
//! worker close to their slot, as a panel (on the dashboard, refreshed live) and a page.

use chrono::{DateTime, Utc};
use maud::{Markup, html};

use super::status_badge;
use crate::orders::model::Status;
use crate::orders::store::Order;
use crate::web::ctx::Ctx;
use crate::web::layout;

/// What the queue shows: its first orders, how many there are, and the hours setting.
pub struct Unplaced {
    pub orders: Vec<Order>,
    pub total: i64,
    pub hours: i64,
    pub now: DateTime<Utc>,
}

/// The panel, live on the `queue` topic (it reloads `/manage/unplaced` and keeps itself).
pub fn panel(ctx: &Ctx, u: &Unplaced) -> Markup {
    let lang = ctx.tr.lang;
    layout::live(
        "unplaced",
        "/manage/unplaced",
        &["queue"],
        html! {
            section aria-labelledby="unplaced-head" data-kpi="unplaced" data-value=(u.total) {
                h2 #unplaced-head { (ctx.tr.t_args("unplaced-title", &[("count", u.total.into())])) }
                @if u.orders.is_empty() {
                    p.muted { (ctx.tr.t_args("unplaced-none", &[("hours", u.hours.into())])) }
                } @else {
                    p.muted { (ctx.tr.t_args("unplaced-lead", &[("hours", u.hours.into())])) }
                    div.table-wrap tabindex="0" { table.dense.phone-cards {
                        thead { tr {
                            th scope="col" { (ctx.t("field-service-name")) }
                            th scope="col" { (ctx.t("order-when")) }
                            th scope="col" { (ctx.t("order-client")) }
                            th scope="col" { (ctx.t("unplaced-why")) }
                        } }
                        tbody { @for o in &u.orders { tr {
                            td { a href={ "/manage/orders/" (o.id) } { "#" (o.id) " " (o.service_name(lang)) } }
                            td { (ctx.tr.datetime(o.scheduled_at)) }
                            td { (o.client_name) }
                            td { (status_badge(ctx, o.status)) " " small.muted { (why(ctx, o, u.now)) } }
                        } } }
                    } }
                    @if u.total > i64::try_from(u.orders.len()).unwrap_or(i64::MAX) {
                        p { a href="/manage/unplaced" { (ctx.t("unplaced-all")) " →" } }
                    }
                }
            }
        },
    )
}

fn why(ctx: &Ctx, o: &Order, now: DateTime<Utc>) -> String {
    if o.status == Status::Unassigned {
        ctx.t("unplaced-gave-up")
    } else {
        let hours = (o.scheduled_at - now).num_hours().max(0);
        ctx.tr.t_args("unplaced-soon", &[("hours", hours.into())])
    }
}

/// `/manage/unplaced`: the whole queue on a page of its own.
pub fn page(ctx: &Ctx, u: &Unplaced) -> Markup {
    let title = ctx.t("unplaced-page-title");
    layout::page(
        ctx,
        &title,
        html! {
            nav aria-label="breadcrumb" { ul { li { a href="/manage" { (ctx.t("nav-dashboard")) } } li { (title) } } }
            (panel(ctx, u))
        },
    )
}
