//! The open job board on a worker's phone: each order they may take, with one button.

use maud::{Markup, html};

use crate::orders::store::Order;
use crate::web::components::{empty_state, post_button};
use crate::web::ctx::Ctx;
use crate::web::layout;

pub fn page(ctx: &Ctx, orders: &[Order]) -> Markup {
    let title = ctx.t("board-title");
    layout::page(
        ctx,
        &title,
        html! {
            h1 { (title) }
            p.muted { (ctx.t("board-explain")) }
            @if orders.is_empty() {
                (empty_state(&ctx.t("board-empty-title"), &ctx.t("board-empty-text")))
            }
            @for o in orders {
                article.offer.board-order {
                    strong { (o.service_name(ctx.tr.lang)) } " #" (o.id) br;
                    (ctx.tr.datetime(o.scheduled_at)) " · "
                    (ctx.tr.t_args("duration-minutes", &[("minutes", o.duration_minutes.into())])) br;
                    small.muted { (o.address_text) }
                    div.actions {
                        (post_button(ctx, &format!("/worker/board/{}/volunteer", o.id), &ctx.t("board-volunteer"), "", Some(&ctx.t("board-volunteer-confirm"))))
                    }
                }
            }
        },
    )
}
