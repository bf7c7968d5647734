//! The worker's earnings page: what they are owed, the month's entries, their monthly
//! statements part by part, and the payout card.

use maud::{Markup, html};

use super::{card_box, entries_by_month, money, status_badge};
use crate::billing::store::cards::Card;
use crate::billing::store::statements::Payout;
use crate::web::ctx::Ctx;
use crate::web::layout;

pub struct WorkerEarnings {
    pub owed_minor: i64,
    pub card: Option<Card>,
    pub payouts: Vec<Payout>,
    pub statement: super::Statement,
}

pub fn worker_earnings(ctx: &Ctx, p: &WorkerEarnings) -> Markup {
    let title = ctx.t("earnings-title");
    layout::page(
        ctx,
        &title,
        html! {
            h1 { (title) }
            article { h2 { (ctx.t("earnings-owed")) } p.big { (money(ctx, p.owed_minor, &ctx.currency)) } small.muted { (ctx.t("earnings-owed-help")) } }
            (entries_by_month(ctx, &p.statement, "/worker/earnings"))
            article {
                h2 { (ctx.t("earnings-payouts")) }
                @if p.payouts.is_empty() { p.muted { (ctx.t("earnings-no-payouts")) } }
                @for s in &p.payouts {
                    details {
                        summary { strong { (s.period) } " · " (money(ctx, s.amount_minor, &s.currency)) " · " (status_badge(ctx, s.status.css_class(), s.status.label_key())) }
                        (payout_parts(ctx, s))
                    }
                }
            }
            (card_box(ctx, p.card.as_ref(), "/worker/earnings/card", "billing-card-payout-help", None))
        },
    )
}

fn payout_parts(ctx: &Ctx, s: &Payout) -> Markup {
    let row = |key: &str, minor: i64| html! { tr { td { (ctx.t(key)) } td.num { (money(ctx, minor, &s.currency)) } } };
    html! { table.dense { tbody {
        (row("earnings-earned", s.earnings_minor)) (row("earnings-fines", -s.fines_minor)) (row("earnings-bonuses", s.bonuses_minor))
        (row("earnings-other", s.other_minor)) (row("earnings-carried-in", s.carried_in_minor))
        tr { th { (ctx.t("billing-total")) } th.num { (money(ctx, s.amount_minor, &s.currency)) } }
    } } }
}

/// The worker's home asks for a payout card until there is one (a new hire has none), with
/// what is already waiting for it.
pub fn card_prompt(ctx: &Ctx, held_minor: i64) -> Markup {
    html! {
        article.card-prompt role="status" {
            h2.minor { (ctx.t("earnings-card-prompt-title")) }
            p {
                (ctx.t("earnings-card-prompt-text"))
                @if held_minor > 0 {
                    " " strong { (ctx.tr.t_args("earnings-card-prompt-held", &[("total", crate::i18n::Arg::Money(held_minor, ctx.currency.clone()))])) }
                }
            }
            a role="button" href="/worker/earnings#card" { (ctx.t("billing-add-card")) }
        }
    }
}
