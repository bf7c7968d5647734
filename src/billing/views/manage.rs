//! The managers' billing overview: totals, past-due invoices and failed payouts with
//! retry buttons, the runs, and the latest invoices.

use maud::{Markup, html};

use super::{money, status_badge};
use crate::billing::model::RunStatus;
use crate::billing::store::statements::{Invoice, Payout, Run, Totals};
use crate::web::components::{money_glossary, money_term_definition, post_button};
use crate::web::ctx::Ctx;
use crate::web::layout;

pub struct ManageBilling {
    pub totals: Totals,
    pub runs: Vec<Run>,
    pub past_due: Vec<Invoice>,
    pub failed_payouts: Vec<Payout>,
    pub recent: Vec<Invoice>,
}

pub fn manage(ctx: &Ctx, p: &ManageBilling) -> Markup {
    let title = ctx.t("billing-title");
    let t = &p.totals;
    let c = &ctx.currency;
    layout::page(
        ctx,
        &title,
        html! {
            hgroup.page-head { h1 { (title) } div.actions { a role="button" class="secondary" href="/manage/billing/controls" { (ctx.t("controls-title")) } " " a role="button" class="secondary outline" href="/manage/balances" { (ctx.t("balances-link")) } " " a role="button" class="secondary outline" href="/manage/billing/invoices.csv" { (ctx.t("billing-export")) } } }
            div.grid.kpis {
                article { small { (ctx.t("billing-receivables")) } p.big { (money(ctx, t.receivables_minor, c)) } }
                article { small { (ctx.t("billing-overdue")) } p.big { (money(ctx, t.overdue_minor, c)) } small.muted { (ctx.tr.t_args("billing-invoice-count", &[("count", t.overdue_count.into())])) } }
                article title=[money_term_definition(ctx, "reports-commission")] { small { (ctx.t("billing-revenue-month")) } p.big { (money(ctx, t.revenue_month_minor, c)) } }
                article { small { (ctx.t("billing-payouts-due")) } p.big { (money(ctx, t.payouts_due_minor, c)) } }
            }
            (money_glossary(ctx))
            article {
                h2 { (ctx.t("billing-past-due")) }
                @if p.past_due.is_empty() { p.muted { (ctx.t("billing-none-past-due")) } } @else { div.table-wrap tabindex="0" { table.dense.phone-cards {
                    thead { tr { th { (ctx.t("billing-invoice")) } th { (ctx.t("billing-client")) } th.num { (ctx.t("billing-total")) } th { (ctx.t("billing-next-retry")) } th { span.visually-hidden { (ctx.t("table-actions")) } } } }
                    tbody { @for i in &p.past_due { tr {
                        td { a href={ "/invoices/" (i.id) } { (i.number) } } td { (i.client_name) } td.num { (money(ctx, i.total_minor, &i.currency)) }
                        td { @if let Some(at) = i.next_retry_at { (ctx.tr.datetime(at)) } @else { "—" } }
                        td { (post_button(ctx, &format!("/manage/billing/invoices/{}/retry", i.id), &ctx.t("billing-retry"), "small", Some(&ctx.t("billing-confirm-retry")))) }
                    } } }
                } } }
            }
            article {
                h2 { (ctx.t("billing-failed-payouts")) }
                @if p.failed_payouts.is_empty() { p.muted { (ctx.t("billing-none-failed-payouts")) } } @else { div.table-wrap tabindex="0" { table.dense.phone-cards {
                    tbody { @for s in &p.failed_payouts { tr {
                        td { (s.worker_name) } td { (s.period) } td.num { (money(ctx, s.amount_minor, &s.currency)) } td { code { (s.last_error.as_deref().unwrap_or("")) } }
                        td { (post_button(ctx, &format!("/manage/billing/payouts/{}/retry", s.id), &ctx.t("billing-retry"), "small", Some(&ctx.t("billing-confirm-retry")))) }
                    } } }
                } } }
            }
            article {
                h2 { (ctx.t("billing-runs")) }
                @if p.runs.is_empty() { p.muted { (ctx.t("billing-no-runs")) } } @else { div.table-wrap tabindex="0" { table.dense.phone-cards {
                    thead { tr { th { (ctx.t("billing-run")) } th { (ctx.t("billing-period")) } th { (ctx.t("billing-when")) } th.num { (ctx.t("billing-documents")) } th.num { (ctx.t("billing-amount")) } th.num { (ctx.t("billing-succeeded")) } th.num { (ctx.t("billing-failed")) } } }
                    tbody { @for r in &p.runs { tr {
                        td { (ctx.t(r.kind.label_key())) @if r.status == RunStatus::Running { " " mark { (ctx.t("billing-running")) } } }
                        td { (r.period) } td { (ctx.tr.datetime(r.finished_at.unwrap_or(r.started_at))) }
                        td.num { (r.documents) } td.num { (money(ctx, r.amount_minor, c)) } td.num { (r.succeeded) } td.num { (r.failed) }
                    } } }
                } } }
            }
            article {
                h2 { (ctx.t("billing-recent-invoices")) }
                @if p.recent.is_empty() { p.muted { (ctx.t("billing-no-invoices")) } }
                @for i in &p.recent { a href={ "/invoices/" (i.id) } { (i.number) } " · " (i.client_name) " · " (money(ctx, i.total_minor, &i.currency)) " · " (status_badge(ctx, i.status.css_class(), i.status.label_key())) br; }
            }
        },
    )
}
