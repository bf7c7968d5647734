//! The dashboard's two charts: orders per bar by status group, and revenue per week or
//! month, each with its data table.

use maud::Markup;

use super::charts::{self, BarChart, Series};
use crate::i18n::Lang;
use crate::orders::model::Status;
use crate::reports::model::chart_scale;
use crate::reports::model::kpis;
use crate::reports::model::sums::{Step, Sums, series};
use crate::reports::service::dashboard::Dashboard;
use crate::web::ctx::Ctx;

/// The orders chart's colour groups: (class, label key, statuses).
const ORDER_GROUPS: [(&str, &str, &[Status]); 4] = [
    (
        "completed",
        Status::Completed.label_key(),
        &[Status::Completed],
    ),
    (
        "open",
        "reports-open",
        &[
            Status::New,
            Status::Offered,
            Status::Assigned,
            Status::InProgress,
            Status::Reported,
            Status::Unassigned,
        ],
    ),
    (
        "disputed",
        Status::Disputed.label_key(),
        &[Status::Disputed],
    ),
    (
        "cancelled",
        Status::Cancelled.label_key(),
        &[Status::Cancelled],
    ),
];

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

pub fn orders_chart(ctx: &Ctx, d: &Dashboard) -> Markup {
    let step = Step::for_orders(&d.period);
    let mut labels = Vec::new();
    let mut groups = Vec::new();
    for (class, label, statuses) in ORDER_GROUPS {
        let count = |s: &Sums| {
            statuses
                .iter()
                .map(|st| {
                    s.get(&("orders".to_string(), st.as_str().to_string()))
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
    let tick = chart_scale::compact;
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

pub fn revenue_chart(ctx: &Ctx, d: &Dashboard, money: &dyn Fn(i64) -> String) -> Markup {
    let step = Step::for_revenue(&d.period);
    let bars = series(&d.daily, &d.period, step, kpis::billed);
    let labels = bars
        .iter()
        .map(|(start, _)| bar_label(ctx, step, *start))
        .collect();
    // The axis counts whole currency units; the table has the exact amounts.
    let tick = |minor: i64| chart_scale::compact(minor / 100);
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
