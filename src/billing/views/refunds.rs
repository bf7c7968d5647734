//! An order's money on the managers' order page and in the quality review: what the order
//! posted, and the refund form while something is left to take back.

use maud::{Markup, html};

use crate::billing::store::statements::OrderMoney;
use crate::web::components::csrf_field;
use crate::web::ctx::Ctx;

/// The order's postings, and the refund form while something is left to take back.
pub fn order_section(ctx: &Ctx, money: &OrderMoney) -> Markup {
    if money.postings.is_empty() {
        return html! {};
    }
    html! {
        article #money {
            h2.minor { (ctx.t("refund-money")) }
            (postings_list(ctx, money))
            @if money.refundable {
                details {
                    summary { (ctx.t("refund-title")) }
                    form method="post" action={ "/manage/billing/orders/" (money.order_id) "/refund" } data-confirm=(ctx.t("refund-confirm")) {
                        (csrf_field(ctx))
                        label { (ctx.t("controls-reason")) input name="reason" required maxlength="300"; }
                        small.muted { (ctx.t("refund-help")) }
                        button.contrast type="submit" { (ctx.t("refund-post")) }
                    }
                }
            }
        }
    }
}

/// What the order posted, one line each, as it touched the client's account.
pub fn postings_list(ctx: &Ctx, money: &OrderMoney) -> Markup {
    html! {
        @if money.postings.is_empty() { p.muted { (ctx.t("refund-no-postings")) } }
        ul { @for l in &money.postings {
            li { (ctx.t(l.kind.label_key())) " · " (ctx.tr.datetime(l.at)) " · "
                 strong { (ctx.tr.money(l.amount_minor, &ctx.currency)) } @if !l.memo.is_empty() { " — " (l.memo) } }
        } }
    }
}
