//! The worker's history on a phone: filter chips, then one card per job.

use maud::{Markup, html};

use super::status_badge;
use crate::orders::store::history::{HistoryFilter, HistoryLine};
use crate::web::components::{Paging, empty_state, pagination};
use crate::web::ctx::Ctx;
use crate::web::layout;

pub fn page(
    ctx: &Ctx,
    lines: &[HistoryLine],
    filter: HistoryFilter,
    paging: Paging,
    total: i64,
) -> Markup {
    let title = ctx.t("history-title");
    layout::page(
        ctx,
        &title,
        html! {
            h1 { (title) }
            nav.history-filters aria-label=(ctx.t("history-filter")) {
                ul {
                    @for f in HistoryFilter::ALL {
                        li {
                            a role="button" class=(if f == filter { "" } else { "secondary outline" })
                                aria-current=[(f == filter).then_some("page")]
                                href={ "/worker/history?status=" (f.code()) } { (ctx.t(f.label_key())) }
                        }
                    }
                }
            }
            @if lines.is_empty() {
                (empty_state(&ctx.t("history-empty-title"), &ctx.t("history-empty-text")))
            }
            div.order-cards {
                @for line in lines { (card(ctx, line)) }
            }
            (pagination(ctx, paging, total, &format!("/worker/history?status={}&", filter.code())))
        },
    )
}

fn card(ctx: &Ctx, line: &HistoryLine) -> Markup {
    let o = &line.order;
    let inner = html! {
        span {
            strong { (o.service_name(ctx.tr.lang)) } " #" (o.id) " "
            @if line.withdrawn { span.badge.withdrawn { (ctx.t("history-you-withdrew")) } }
            @else { (status_badge(ctx, o.status)) }
        }
        span { (ctx.tr.datetime(o.scheduled_at)) }
        small.muted { (o.address_text) }
    };
    html! {
        // A job given up is no longer the worker's to open.
        @if line.withdrawn { div.order-card { (inner) } }
        @else { a.order-card href={ "/worker/jobs/" (o.id) } { (inner) } }
    }
}
