//! The dashboard page's markup: the period picker and the KPI cards with the previous
//! period beside them, around the charts (`dashboard_charts.rs`) and the panels for order
//! statuses, stock, hiring and exports (`dashboard_panels.rs`).

use maud::{Markup, html};

use super::{dashboard_charts, dashboard_panels};
use crate::catalogue::model::Service;
use crate::catalogue::model::skills::Skills;
use crate::catalogue::views::skills::uncovered_panel;
use crate::i18n::Lang;
use crate::orders::model::Status;
use crate::orders::views::unplaced::{Unplaced, panel as unplaced_panel};
use crate::reports::model::period::{Period, PeriodError, Preset};
use crate::reports::service::dashboard::Dashboard;
use crate::web::components::{empty_state, money_glossary, money_term_definition};
use crate::web::ctx::Ctx;
use crate::web::layout;

/// Which way of a change is good news (colours the delta).
#[derive(Clone, Copy)]
enum Better {
    Up,
    Down,
    Neither,
}

pub fn page(
    ctx: &Ctx,
    (d, unplaced, (skills, uncovered)): (&Dashboard, &Unplaced, &(Skills, Vec<Service>)),
    error: Option<PeriodError>,
    currency: &str,
) -> Markup {
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
            (unplaced_panel(ctx, unplaced))
            (uncovered_panel(ctx, skills, uncovered))
            (picker(ctx, &d.period))
            @if d.kpis.placed == 0 && d.kpis.revenue == 0 && d.before.placed == 0 {
                (empty_state(&ctx.t("manager-empty-title"), &ctx.t("manager-empty-text")))
            }
            section aria-labelledby="orders-head" {
                h2 #orders-head { (ctx.t("reports-orders")) }
                div.stats {
                    (stat(ctx, "placed", "reports-placed", d.kpis.placed, d.before.placed, &|v| v.to_string(), Better::Up))
                    (stat(ctx, "completed", Status::Completed.label_key(), d.kpis.completed, d.before.completed, &|v| v.to_string(), Better::Up))
                    (opt_stat(ctx, "completion_rate", "reports-completion-rate", d.kpis.completion_bp, d.before.completion_bp, &|v| percent(ctx, v), Better::Up))
                    (opt_stat(ctx, "cancellation_rate", "reports-cancellation-rate", d.kpis.cancellation_bp, d.before.cancellation_bp, &|v| percent(ctx, v), Better::Down))
                    (opt_stat(ctx, "median_match", "reports-median-match", d.kpis.median_match_min, d.before.median_match_min, &|v| duration(ctx, v), Better::Down))
                    (opt_stat(ctx, "median_complete", "reports-median-complete", d.kpis.median_complete_min, d.before.median_complete_min, &|v| duration(ctx, v), Better::Down))
                }
                (dashboard_charts::orders_chart(ctx, d))
                (dashboard_panels::status_table(ctx, &d.kpis, &d.before))
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
                (money_glossary(ctx))
                h2.minor { (ctx.t("reports-now")) }
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
                (dashboard_charts::revenue_chart(ctx, d, &money))
            }
            section aria-labelledby="quality-head" {
                h2 #quality-head { (ctx.t("reports-quality")) }
                div.stats {
                    (opt_stat(ctx, "rating_avg", "reports-rating-avg", d.kpis.rating_avg_x100, d.before.rating_avg_x100, &|v| score(ctx, v), Better::Up))
                    (opt_stat(ctx, "qc_avg", "reports-qc-avg", d.kpis.qc_avg_x100, d.before.qc_avg_x100, &|v| score(ctx, v), Better::Up))
                }
                p.muted { (ctx.tr.t_args("reports-scores-counted", &[("ratings", d.kpis.rating_count.into()), ("reviews", d.kpis.qc_count.into())])) }
            }
            (dashboard_panels::stock_panel(ctx, d))
            (dashboard_panels::funnel_panel(ctx, d))
            (dashboard_panels::exports(ctx, &d.period))
        } },
    )
}

pub fn period_line(ctx: &Ctx, p: &Period) -> String {
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

/// The period tabs and the custom range form of a page at `action` (`extra` hidden fields
/// keep the page's other choices).
pub fn picker_for(ctx: &Ctx, p: &Period, action: &str, extra: &[(&str, &str)]) -> Markup {
    let keep: String = extra.iter().map(|(k, v)| format!("&{k}={v}")).collect();
    html! {
        nav.tabs aria-label=(ctx.t("reports-period")) { ul {
            @for preset in [Preset::Today, Preset::Week, Preset::Month, Preset::Year] {
                li { a href={ (action) "?period=" (preset.as_str()) (keep) }
                    aria-current=[(p.preset == preset).then_some("page")] { (ctx.t(&format!("reports-preset-{}", preset.as_str()))) } }
            }
        } }
        form.period-form method="get" action=(action) {
            input type="hidden" name="period" value="custom";
            @for (k, v) in extra { input type="hidden" name=(k) value=(v); }
            label { (ctx.t("reports-from")) input type="date" name="from" value=(p.from) required; }
            label { (ctx.t("reports-to")) input type="date" name="to" value=(p.to) required; }
            button type="submit" class=(if p.preset == Preset::Custom { "" } else { "secondary" }) { (ctx.t("reports-show")) }
        }
    }
}

fn picker(ctx: &Ctx, p: &Period) -> Markup {
    picker_for(ctx, p, "/manage", &[])
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
        article.stat data-kpi=(id) data-value=[now] title=[money_term_definition(ctx, label)] {
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
    ctx.tr.decimal(x100)
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
