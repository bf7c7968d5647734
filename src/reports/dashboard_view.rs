//! The dashboard page's markup: the period picker, KPI cards with the previous period beside
//! them, the charts with their tables, the money and quality panels, stock alerts and the
//! hiring funnel.

use maud::{Markup, html};

use super::charts::{self, BarChart, Series};
use super::dashboard::{Dashboard, Step, series};
use super::kpis::{self, Kpis};
use super::period::{Period, PeriodError, Preset};
use super::rollup::Sums;
use super::snapshot::funnel_total;
use crate::i18n::Lang;
use crate::web::components::empty_state;
use crate::web::ctx::Ctx;
use crate::web::layout;

/// The orders chart's colour groups: (class, label key, statuses).
const ORDER_GROUPS: [(&str, &str, &[&str]); 4] = [
    ("completed", "status-completed", &["completed"]),
    (
        "open",
        "reports-open",
        &[
            "new",
            "offered",
            "assigned",
            "in_progress",
            "reported",
            "unassigned",
        ],
    ),
    ("disputed", "status-disputed", &["disputed"]),
    ("cancelled", "status-cancelled", &["cancelled"]),
];

/// Which way of a change is good news (colours the delta).
#[derive(Clone, Copy)]
enum Better {
    Up,
    Down,
    Neither,
}

pub fn page(ctx: &Ctx, d: &Dashboard, error: Option<PeriodError>, currency: &str) -> Markup {
    let title = ctx.t("nav-dashboard");
    let money = |m: i64| ctx.tr.money(m, currency);
    layout::page(
        ctx,
        &title,
        html! { div.dash {
            hgroup.page-head {
                h1 { (title) }
                p { (period_line(ctx, &d.period)) " · " (ctx.t("reports-compared-with")) " " (period_line(ctx, &d.previous)) }
            }
            @if let Some(e) = error {
                div.flash.error role="alert" { (ctx.t(e.message_key())) }
            }
            (picker(ctx, &d.period))
            @if d.kpis.placed == 0 && d.kpis.revenue == 0 && d.before.placed == 0 {
                (empty_state(&ctx.t("manager-empty-title"), &ctx.t("manager-empty-text")))
            }
            section aria-labelledby="orders-head" {
                h2 #orders-head { (ctx.t("reports-orders")) }
                div.stats {
                    (stat(ctx, "placed", "reports-placed", d.kpis.placed, d.before.placed, &|v| v.to_string(), Better::Up))
                    (stat(ctx, "completed", "status-completed", d.kpis.completed, d.before.completed, &|v| v.to_string(), Better::Up))
                    (opt_stat(ctx, "completion_rate", "reports-completion-rate", d.kpis.completion_bp, d.before.completion_bp, &|v| percent(ctx, v), Better::Up))
                    (opt_stat(ctx, "cancellation_rate", "reports-cancellation-rate", d.kpis.cancellation_bp, d.before.cancellation_bp, &|v| percent(ctx, v), Better::Down))
                    (opt_stat(ctx, "median_match", "reports-median-match", d.kpis.median_match_min, d.before.median_match_min, &|v| duration(ctx, v), Better::Down))
                    (opt_stat(ctx, "median_complete", "reports-median-complete", d.kpis.median_complete_min, d.before.median_complete_min, &|v| duration(ctx, v), Better::Down))
                }
                (orders_chart(ctx, d))
                (status_table(ctx, &d.kpis, &d.before))
            }
            section aria-labelledby="money-head" {
                h2 #money-head { (ctx.t("reports-money")) }
                div.stats {
                    (stat(ctx, "revenue", "reports-revenue", d.kpis.revenue, d.before.revenue, &money, Better::Up))
                    (stat(ctx, "commission", "reports-commission", d.kpis.commission, d.before.commission, &money, Better::Up))
                    (stat(ctx, "payments", "reports-payments", d.kpis.payments, d.before.payments, &money, Better::Up))
                    (stat(ctx, "refunds", "reports-refunds", d.kpis.refunds, d.before.refunds, &money, Better::Down))
                    (stat(ctx, "payouts", "reports-payouts", d.kpis.payouts, d.before.payouts, &money, Better::Neither))
                    (stat(ctx, "fines", "reports-fines", d.kpis.fines, d.before.fines, &money, Better::Neither))
                    (stat(ctx, "bonuses", "reports-bonuses", d.kpis.bonuses, d.before.bonuses, &money, Better::Neither))
                }
                h3 { (ctx.t("reports-now")) }
                div.stats {
                    a.stat href="/manage/billing" data-kpi="receivables" data-value=(d.snapshot.receivable_minor) {
                        span.stat-value { (money(d.snapshot.receivable_minor)) }
                        span.stat-label { (ctx.tr.t_args("reports-receivables", &[("count", d.snapshot.receivable_count.into())])) }
                    }
                    a.stat href="/manage/billing" data-kpi="overdue" data-value=(d.snapshot.overdue_minor) {
                        span.stat-value.(if d.snapshot.overdue_count > 0 { "danger" } else { "" }) { (money(d.snapshot.overdue_minor)) }
                        span.stat-label { (ctx.tr.t_args("reports-overdue", &[("count", d.snapshot.overdue_count.into())])) }
                    }
                }
                (revenue_chart(ctx, d, &money))
            }
            section aria-labelledby="quality-head" {
                h2 #quality-head { (ctx.t("reports-quality")) }
                div.stats {
                    (opt_stat(ctx, "rating_avg", "reports-rating-avg", d.kpis.rating_avg_x100, d.before.rating_avg_x100, &|v| score(ctx, v), Better::Up))
                    (opt_stat(ctx, "qc_avg", "reports-qc-avg", d.kpis.qc_avg_x100, d.before.qc_avg_x100, &|v| score(ctx, v), Better::Up))
                }
                p.muted { (ctx.tr.t_args("reports-scores-counted", &[("ratings", d.kpis.rating_count.into()), ("reviews", d.kpis.qc_count.into())])) }
            }
            (stock_panel(ctx, d))
            (funnel_panel(ctx, d))
            (exports(ctx, &d.period))
        } },
    )
}

fn period_line(ctx: &Ctx, p: &Period) -> String {
    let fmt = |d: chrono::NaiveDate| match ctx.tr.lang {
        Lang::En => d.format("%-d %b %Y").to_string(),
        Lang::Ru => d.format("%d.%m.%Y").to_string(),
    };
    if p.from == p.to {
        fmt(p.from)
    } else {
        format!("{} – {}", fmt(p.from), fmt(p.to))
    }
}

fn picker(ctx: &Ctx, p: &Period) -> Markup {
    html! {
        nav.tabs aria-label=(ctx.t("reports-period")) { ul {
            @for preset in [Preset::Today, Preset::Week, Preset::Month, Preset::Year] {
                li { a href={ "/manage?period=" (preset.as_str()) }
                    aria-current=[(p.preset == preset).then_some("page")] { (ctx.t(&format!("reports-preset-{}", preset.as_str()))) } }
            }
        } }
        form.period-form method="get" action="/manage" {
            input type="hidden" name="period" value="custom";
            label { (ctx.t("reports-from")) input type="date" name="from" value=(p.from) required; }
            label { (ctx.t("reports-to")) input type="date" name="to" value=(p.to) required; }
            button type="submit" class=(if p.preset == Preset::Custom { "" } else { "secondary" }) { (ctx.t("reports-show")) }
        }
    }
}

/// A KPI card: the value, and the previous period's with the change between them.
fn stat(
    ctx: &Ctx,
    id: &str,
    label: &str,
    now: i64,
    before: i64,
    show: &dyn Fn(i64) -> String,
    better: Better,
) -> Markup {
    opt_stat(ctx, id, label, Some(now), Some(before), show, better)
}

fn opt_stat(
    ctx: &Ctx,
    id: &str,
    label: &str,
    now: Option<i64>,
    before: Option<i64>,
    show: &dyn Fn(i64) -> String,
    better: Better,
) -> Markup {
    let change = match (now, before) {
        (Some(n), Some(b)) if n != b => Some(n - b),
        _ => None,
    };
    let tone = match (change, better) {
        (Some(c), Better::Up) if c > 0 => "good",
        (Some(c), Better::Down) if c < 0 => "good",
        (Some(_), Better::Up | Better::Down) => "bad",
        _ => "same",
    };
    html! {
        article.stat data-kpi=(id) data-value=[now] {
            span.stat-value { (now.map(show).unwrap_or_else(|| "—".into())) }
            span.stat-label { (ctx.t(label)) }
            span.delta.(tone) {
                @match change {
                    Some(c) if c > 0 => { "▲ " }
                    Some(_) => { "▼ " }
                    None => {}
                }
                (ctx.tr.t_args("reports-was", &[("value", before.map(show).unwrap_or_else(|| "—".into()).into())]))
            }
        }
    }
}

/// Basis points as a percentage to one decimal, rounded half up: 6667 → "66.7%".
fn percent(ctx: &Ctx, bp: i64) -> String {
    let tenths = (bp + 5) / 10;
    let s = format!("{}.{}%", tenths / 10, tenths % 10);
    match ctx.tr.lang {
        Lang::En => s,
        Lang::Ru => s.replace('.', ",").replace('%', "\u{a0}%"),
    }
}

fn score(ctx: &Ctx, x100: i64) -> String {
    let s = format!("{}.{:02}", x100 / 100, x100 % 100);
    match ctx.tr.lang {
        Lang::En => s,
        Lang::Ru => s.replace('.', ","),
    }
}

/// Minutes as "45 min", "3 h 15 min" or "2 d 4 h".
fn duration(ctx: &Ctx, minutes: i64) -> String {
    let (d, h, m) = (minutes / 1440, minutes % 1440 / 60, minutes % 60);
    let args: [(&'static str, crate::i18n::Arg); 3] =
        [("d", d.into()), ("h", h.into()), ("m", m.into())];
    let key = match (d, h) {
        (0, 0) => "reports-duration-m",
        (0, _) => "reports-duration-hm",
        _ => "reports-duration-dh",
    };
    ctx.tr.t_args(key, &args)
}

fn bar_label(ctx: &Ctx, step: Step, start: chrono::NaiveDate) -> String {
    match (step, ctx.tr.lang) {
        (Step::Month, Lang::En) => start.format("%b %Y").to_string(),
        (Step::Month, Lang::Ru) => start.format("%m.%Y").to_string(),
        (_, Lang::En) => start.format("%-d %b").to_string(),
        (_, Lang::Ru) => start.format("%d.%m").to_string(),
    }
}

fn step_key(step: Step) -> &'static str {
    match step {
        Step::Day => "reports-step-day",
        Step::Week => "reports-step-week",
        Step::Month => "reports-step-month",
    }
}

fn orders_chart(ctx: &Ctx, d: &Dashboard) -> Markup {
    let step = Step::for_orders(&d.period);
    let mut labels = Vec::new();
    let mut groups = Vec::new();
    for (class, label, statuses) in ORDER_GROUPS {
        let count = |s: &Sums| {
            statuses
                .iter()
                .map(|st| {
                    s.get(&("orders".to_string(), st.to_string()))
                        .copied()
                        .unwrap_or(0)
                })
                .sum()
        };
        let bars = series(&d.daily, &d.period, step, count);
        labels = bars
            .iter()
            .map(|(start, _)| bar_label(ctx, step, *start))
            .collect();
        groups.push(Series {
            label: ctx.t(label),
            class,
            values: bars.into_iter().map(|(_, v)| v).collect(),
        });
    }
    let show = |v: i64| v.to_string();
    let tick = charts::compact;
    let title = ctx.tr.t_args(
        "reports-orders-chart",
        &[("step", ctx.t(step_key(step)).into())],
    );
    charts::stacked_bars(&BarChart {
        id: "orders-chart",
        desc: ctx.tr.t_args(
            "reports-orders-chart-desc",
            &[("count", d.kpis.placed.into())],
        ),
        title,
        x_axis: ctx.t(step_key(step)),
        y_axis: ctx.t("reports-orders"),
        labels,
        series: groups,
        show: &show,
        tick: &tick,
        table_caption: ctx.t("reports-data-table"),
        total_label: ctx.t("reports-total"),
    })
}

fn revenue_chart(ctx: &Ctx, d: &Dashboard, money: &dyn Fn(i64) -> String) -> Markup {
    let step = Step::for_revenue(&d.period);
    let bars = series(&d.daily, &d.period, step, kpis::billed);
    let labels = bars
        .iter()
        .map(|(start, _)| bar_label(ctx, step, *start))
        .collect();
    // The axis counts whole currency units; the table has the exact amounts.
    let tick = |minor: i64| charts::compact(minor / 100);
    let title = ctx.tr.t_args(
        "reports-revenue-chart",
        &[("step", ctx.t(step_key(step)).into())],
    );
    charts::stacked_bars(&BarChart {
        id: "revenue-chart",
        desc: ctx.tr.t_args(
            "reports-revenue-chart-desc",
            &[("total", money(d.kpis.revenue).into())],
        ),
        title,
        x_axis: ctx.t(step_key(step)),
        y_axis: ctx.t("reports-revenue"),
        labels,
        series: vec![Series {
            label: ctx.t("reports-revenue"),
            class: "revenue",
            values: bars.into_iter().map(|(_, v)| v).collect(),
        }],
        show: money,
        tick: &tick,
        table_caption: ctx.t("reports-data-table"),
        total_label: ctx.t("reports-total"),
    })
}

fn status_table(ctx: &Ctx, now: &Kpis, before: &Kpis) -> Markup {
    html! {
        details.chart-data {
            summary { (ctx.t("reports-by-status")) }
            div.table-wrap { table {
                thead { tr { th scope="col" { (ctx.t("reports-status")) } th scope="col" { (ctx.t("reports-this-period")) } th scope="col" { (ctx.t("reports-previous-period")) } } }
                tbody {
                    @for s in kpis::STATUSES {
                        tr data-status=(s) {
                            th scope="row" { span class={ "status-badge " (s) } { (ctx.t(&format!("status-{}", s.replace('_', "-")))) } }
                            td.num { (now.by_status.get(s).copied().unwrap_or(0)) }
                            td.num { (before.by_status.get(s).copied().unwrap_or(0)) }
                        }
                    }
                }
            } }
        }
    }
}

fn stock_panel(ctx: &Ctx, d: &Dashboard) -> Markup {
    let s = &d.snapshot;
    html! {
        section aria-labelledby="stock-head" {
            h2 #stock-head { (ctx.t("reports-stock")) }
            @if s.low_stock.is_empty() && s.short_kits == 0 {
                p.muted data-kpi="stock_alerts" data-value="0" { (ctx.t("reports-stock-ok")) }
            } @else {
                ul.alerts data-kpi="stock_alerts" data-value=(s.low_stock.len()) {
                    @for (name, unit, on_hand, reorder) in &s.low_stock {
                        li { a href="/manage/stock" { (name) } ": "
                            (ctx.tr.t_args("reports-stock-low", &[("on_hand", (*on_hand).into()), ("unit", unit.as_str().into()), ("reorder", (*reorder).into())])) }
                    }
                    @if s.short_kits > 0 {
                        li { a href="/manage/packs" { (ctx.tr.t_args("reports-short-kits", &[("count", s.short_kits.into())])) } }
                    }
                }
            }
        }
    }
}

fn funnel_panel(ctx: &Ctx, d: &Dashboard) -> Markup {
    let total = funnel_total(&d.funnel);
    let stages = vec![
        (ctx.t("reports-applied"), total.applied),
        (ctx.t("reports-tested"), total.tested),
        (ctx.t("reports-decided"), total.decided),
        (ctx.t("reports-hired"), total.hired),
    ];
    let version = |v: Option<i64>| match v {
        Some(v) => ctx
            .tr
            .t_args("reports-policy-version", &[("version", v.into())]),
        None => ctx.t("reports-no-policy"),
    };
    html! {
        section aria-labelledby="hiring-head" {
            h2 #hiring-head { (ctx.t("reports-hiring")) }
            @if d.funnel.is_empty() {
                (empty_state(&ctx.t("reports-hiring-empty"), &ctx.t("reports-hiring-empty-text")))
            } @else {
                (charts::funnel("funnel-chart", &ctx.t("reports-funnel-title"), &ctx.tr.t_args("reports-funnel-desc", &[("applied", total.applied.into()), ("hired", total.hired.into())]), &stages))
                div.table-wrap { table #funnel-table {
                    caption { (ctx.t("reports-funnel-by-policy")) }
                    thead { tr {
                        th scope="col" { (ctx.t("reports-policy")) }
                        th scope="col" { (ctx.t("reports-applied")) }
                        th scope="col" { (ctx.t("reports-tested")) }
                        th scope="col" { (ctx.t("reports-decided")) }
                        th scope="col" { (ctx.t("reports-hired")) }
                    } }
                    tbody {
                        @for r in &d.funnel {
                            tr data-version=[r.version] {
                                th scope="row" { (version(r.version)) }
                                td.num { (r.applied) } td.num { (r.tested) } td.num { (r.decided) } td.num { (r.hired) }
                            }
                        }
                    }
                } }
            }
        }
    }
}

fn exports(ctx: &Ctx, p: &Period) -> Markup {
    let q = p.query();
    html! {
        section aria-labelledby="exports-head" {
            h2 #exports-head { (ctx.t("reports-exports")) }
            p.muted { (ctx.t("reports-exports-help")) }
            ul.export-links {
                @for what in super::exports::KINDS {
                    li { a href={ "/manage/reports/" (what) ".csv?" (q) } download { (ctx.t(&format!("reports-export-{what}"))) } }
                }
            }
        }
    }
}
