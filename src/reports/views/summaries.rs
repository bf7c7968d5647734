//! The client's and the worker's summary panels on their home pages: a row of numbers, each
//! linking to the page that explains it.

use maud::{Markup, html};

use crate::orders::model::tabs::ClientTab;
use crate::reports::store::summaries::{ClientSummary, WorkerSummary};
use crate::web::ctx::Ctx;

/// One number: `shown` as people read it, `raw` in `data-value` for scripts and tests.
fn tile(label: &str, (shown, raw): (&str, i64), kpi: &str, href: Option<&str>) -> Markup {
    html! {
        @if let Some(href) = href {
            a.stat href=(href) data-kpi=(kpi) data-value=(raw) { span.stat-value { (shown) } span.stat-label { (label) } }
        } @else {
            div.stat data-kpi=(kpi) data-value=(raw) { span.stat-value { (shown) } span.stat-label { (label) } }
        }
    }
}

pub fn client_panel(ctx: &Ctx, s: &ClientSummary, currency: &str) -> Markup {
    let money = |m| ctx.tr.money(m, currency);
    html! {
        section.summary aria-label=(ctx.t("summary-title")) { div.stats {
            (tile(&ctx.t("summary-open-orders"), (&s.open_orders.to_string(), s.open_orders), "open_orders", None))
            (tile(&ctx.t("summary-completed-orders"), (&s.completed_orders.to_string(), s.completed_orders), "completed_orders", Some(&ClientTab::Completed.href())))
            (tile(&ctx.t("summary-spend-month"), (&money(s.spend_this_month), s.spend_this_month), "spend_month", Some("/client/billing")))
            (tile(&ctx.t("summary-spend-total"), (&money(s.spend_total), s.spend_total), "spend_total", Some("/client/billing")))
            (tile(&ctx.tr.t_args("summary-open-invoices", &[("count", s.open_invoices.into())]), (&money(s.open_invoices_minor), s.open_invoices_minor), "open_invoices", Some("/client/billing")))
        } }
    }
}

pub fn worker_panel(ctx: &Ctx, s: &WorkerSummary, currency: &str) -> Markup {
    let money = |m| ctx.tr.money(m, currency);
    let rating = s
        .rating_x100
        .map(|r| ctx.tr.decimal(r))
        .unwrap_or_else(|| "—".into());
    html! {
        section.summary {
            h2 { (ctx.t("summary-title")) }
            div.stats {
                (tile(&ctx.t("summary-upcoming-jobs"), (&s.upcoming_jobs.to_string(), s.upcoming_jobs), "upcoming_jobs", None))
                (tile(&ctx.t("summary-jobs-month"), (&s.jobs_this_month.to_string(), s.jobs_this_month), "jobs_month", None))
                (tile(&ctx.t("summary-earned-month"), (&money(s.earned_this_month), s.earned_this_month), "earned_month", Some("/worker/earnings")))
                (tile(&ctx.tr.t_args("summary-rating", &[("count", s.rating_count.into())]), (&rating, s.rating_x100.unwrap_or(0)), "rating", None))
            }
            @if !s.payouts.is_empty() {
                p.muted.payout-line {
                    (ctx.t("summary-payouts")) ": "
                    @for (i, payout) in s.payouts.iter().enumerate() {
                        @if i > 0 { " · " }
                        (payout.period) " " (money(payout.amount_minor)) " (" (ctx.t(payout.status.label_key())) ")"
                    }
                }
            }
        }
    }
}
