//! Bets pages.

use maud::{Markup, html};

use super::model::{Payout, Proposition, Stake, Transfer};
use super::store::Book;
use crate::orders::store::Order;
use crate::web::components::{csrf_field, empty_state};
use crate::web::ctx::Ctx;
use crate::web::layout;

/// A book with the total staked on yes and on no.
pub type Pools = Vec<(Book, i64, i64)>;

pub struct Index {
    /// Orders not started yet, each with its books and their pools.
    pub open: Vec<(Order, Pools)>,
    pub recent: Vec<Book>,
}

fn proposition_label(ctx: &Ctx, p: &str) -> String {
    ctx.t(&format!("bets-prop-{}", p.replace('_', "-")))
}

fn name(names: &[(i64, String)], id: i64) -> &str {
    names
        .iter()
        .find(|(m, _)| *m == id)
        .map(|(_, n)| n.as_str())
        .unwrap_or("?")
}

pub fn index(ctx: &Ctx, p: &Index) -> Markup {
    let title = ctx.t("nav-bets");
    layout::page(
        ctx,
        &title,
        html! {
            hgroup.page-head { h1 { (title) } p { a href="/bets/standings" { (ctx.t("bets-standings")) " →" } " · " a href="/bets/log" { (ctx.t("bets-log")) " →" } } }
            p.muted { (ctx.t("bets-lead")) }
            @if p.open.is_empty() { (empty_state(&ctx.t("bets-none-title"), &ctx.t("bets-none-text"))) }
            @for (o, pools) in &p.open {
                article.bet-order {
                    header { strong { (o.service_name(ctx.tr.lang)) " #" (o.id) } " · " (ctx.tr.datetime(o.scheduled_at)) }
                    @if !pools.is_empty() {
                        ul { @for (b, yes, no) in pools {
                            li { a href={ "/bets/books/" (b.id) } { (proposition_label(ctx, &b.proposition)) } ": "
                                (ctx.t("bets-yes")) " " (ctx.tr.money(*yes, &ctx.currency)) " · " (ctx.t("bets-no")) " " (ctx.tr.money(*no, &ctx.currency)) }
                        } }
                    }
                    form.bet-form method="post" action={ "/bets/orders/" (o.id) } {
                        (csrf_field(ctx))
                        // Every field has a visible label, on a phone as well.
                        label { (ctx.t("bets-proposition"))
                            select name="proposition" {
                                @for prop in Proposition::ALL { option value=(prop.as_str()) { (proposition_label(ctx, prop.as_str())) } }
                            } }
                        label { (ctx.t("bets-side"))
                            select name="side" { option value="yes" { (ctx.t("bets-yes")) } option value="no" { (ctx.t("bets-no")) } } }
                        label { (ctx.t("bets-amount"))
                            input name="amount" inputmode="decimal" required; }
                        button type="submit" { (ctx.t("bets-place")) }
                    }
                }
            }
            @if !p.recent.is_empty() {
                h2 { (ctx.t("bets-recent")) }
                ul { @for b in &p.recent {
                    li { a href={ "/bets/books/" (b.id) } { "#" (b.order_id) " · " (proposition_label(ctx, &b.proposition)) } " — " (ctx.t(b.status.label_key())) }
                } }
            }
        },
    )
}

pub struct BookPage {
    pub book: Book,
    pub stakes: Vec<Stake>,
    pub results: Vec<Payout>,
    pub transfers: Vec<Transfer>,
    pub names: Vec<(i64, String)>,
}

fn transfers_table(ctx: &Ctx, transfers: &[Transfer], names: &[(i64, String)]) -> Markup {
    html! {
        @if transfers.is_empty() { p.muted { (ctx.t("bets-nothing-to-pay")) } } @else {
            table.striped.who-pays { thead { tr { th { (ctx.t("bets-pays")) } th { (ctx.t("bets-to")) } th.amount { (ctx.t("bets-amount")) } } }
                tbody { @for t in transfers { tr { td { (name(names, t.from)) } td { (name(names, t.to)) } td.amount { (ctx.tr.money(t.amount_minor, &ctx.currency)) } } } } }
        }
    }
}

pub fn book(ctx: &Ctx, p: &BookPage) -> Markup {
    let b = &p.book;
    let title = format!(
        "{} · #{}",
        proposition_label(ctx, &b.proposition),
        b.order_id
    );
    layout::page(
        ctx,
        &title,
        html! {
            nav aria-label="breadcrumb" { ul { li { a href="/bets" { (ctx.t("nav-bets")) } } li { (title) } } }
            h1 { (title) }
            p { (ctx.t(b.status.label_key()))
                // A void book has no outcome to show, whatever was recorded.
                @if let (Some(o), false) = (b.outcome, b.status == crate::bets::model::BookStatus::Void) { " · " (ctx.t("bets-outcome")) ": " strong { (if o { ctx.t("bets-yes") } else { ctx.t("bets-no") }) } }
                @if let Some(reason) = &b.void_reason { " · " (ctx.t(&format!("bets-void-{}", reason.replace('_', "-")))) }
                " · " a href={ "/manage/orders/" (b.order_id) } { (ctx.t("matching-order")) " #" (b.order_id) } }
            h2 { (ctx.t("bets-stakes")) }
            table.striped { tbody { @for s in &p.stakes {
                tr { td { (name(&p.names, s.manager_id)) } td { (if s.yes { ctx.t("bets-yes") } else { ctx.t("bets-no") }) } td.amount { (ctx.tr.money(s.amount_minor, &ctx.currency)) } }
            } } }
            @if !p.results.is_empty() {
                h2 { (ctx.t("bets-results")) }
                // Four money columns overflow a phone: each bettor reads as a card there.
                div.table-wrap tabindex="0" { table.striped.results.phone-cards { thead { tr { th { (ctx.t("bets-bettor")) } th.amount { (ctx.t("bets-staked")) } th.amount { (ctx.t("bets-payout")) } th.amount { (ctx.t("bets-net")) } } }
                    tbody { @for r in &p.results {
                        tr { td data-label=(ctx.t("bets-bettor")) { (name(&p.names, r.manager_id)) } td.amount data-label=(ctx.t("bets-staked")) { (ctx.tr.money(r.staked_minor, &ctx.currency)) }
                             td.amount data-label=(ctx.t("bets-payout")) { (ctx.tr.money(r.payout_minor, &ctx.currency)) } td.amount data-label=(ctx.t("bets-net")) { strong { (ctx.tr.money(r.net(), &ctx.currency)) } } }
                    } } } }
                h2 { (ctx.t("bets-who-pays")) }
                (transfers_table(ctx, &p.transfers, &p.names))
            }
        },
    )
}

pub fn standings(
    ctx: &Ctx,
    nets: &[(i64, i64)],
    transfers: &[Transfer],
    names: &[(i64, String)],
) -> Markup {
    let title = ctx.t("bets-standings");
    layout::page(
        ctx,
        &title,
        html! {
            nav aria-label="breadcrumb" { ul { li { a href="/bets" { (ctx.t("nav-bets")) } } li { (title) } } }
            h1 { (title) }
            @if nets.is_empty() { (empty_state(&ctx.t("bets-no-results-title"), &ctx.t("bets-no-results-text"))) } @else {
                table.striped { thead { tr { th { (ctx.t("bets-bettor")) } th.amount { (ctx.t("bets-net")) } } }
                    tbody { @for (m, n) in nets { tr { td { (name(names, *m)) } td.amount { (ctx.tr.money(*n, &ctx.currency)) } } } } }
                h2 { (ctx.t("bets-who-pays")) }
                (transfers_table(ctx, transfers, names))
            }
        },
    )
}

/// Who looked at or placed what in the bets module, newest first.
pub fn access_log(
    ctx: &Ctx,
    rows: &[crate::bets::store::Access],
    names: &[(i64, String)],
    paging: crate::web::components::Paging,
    total: i64,
) -> Markup {
    let title = ctx.t("bets-log");
    layout::page(
        ctx,
        &title,
        html! {
            nav aria-label="breadcrumb" { ul { li { a href="/bets" { (ctx.t("nav-bets")) } } li { (title) } } }
            h1 { (title) }
            p.muted { (ctx.t("bets-log-lead")) }
            @if rows.is_empty() { (empty_state(&ctx.t("bets-log-empty"), &ctx.t("bets-log-lead"))) } @else {
                div.table-wrap tabindex="0" { table.striped.dense.phone-cards {
                    thead { tr { th { (ctx.t("audit-when")) } th { (ctx.t("bets-bettor")) } th { (ctx.t("bets-log-what")) } } }
                    tbody { @for a in rows {
                        tr { td.nowrap { (ctx.tr.datetime(a.at)) } td { (name(names, a.manager_id)) } td { (access_words(ctx, a)) } }
                    } }
                } }
                (crate::web::components::pagination(ctx, paging, total, "/bets/log?"))
            }
        },
    )
}

/// "Viewed the standings", "Bet on order #12 (cancelled)": the log line in words.
fn access_words(ctx: &Ctx, a: &crate::bets::store::Access) -> String {
    let parts: Vec<&str> = a.target.split(':').collect();
    match (a.action.as_str(), parts.as_slice()) {
        ("view", ["index"]) => ctx.t("bets-log-view-index"),
        ("view", ["standings"]) => ctx.t("bets-log-view-standings"),
        ("view", ["log"]) => ctx.t("bets-log-view-log"),
        ("view", ["book", id]) => ctx.tr.t_args("bets-log-view-book", &[("id", (*id).into())]),
        ("bet", ["order", id, p]) => ctx.tr.t_args(
            "bets-log-bet",
            &[
                ("id", (*id).into()),
                ("proposition", proposition_label(ctx, p).into()),
            ],
        ),
        _ => format!("{} {}", a.action, a.target),
    }
}
