//! The end-of-day balances and the consumption archive: a period picker, a chart, the table
//! and a CSV link.

use maud::{Markup, html};

use crate::reports::model::chart_scale;
use crate::reports::model::period::{Period, PeriodError};
use crate::reports::store::archives::{DayBalances, Usage, UsageBy};
use crate::reports::views::charts::{self, BarChart, Series};
use crate::reports::views::dashboard::{period_line, picker_for};
use crate::web::components::empty_state;
use crate::web::ctx::Ctx;
use crate::web::layout;

fn day_label(ctx: &Ctx, day: chrono::NaiveDate) -> String {
    match ctx.tr.lang {
        crate::i18n::Lang::En => day.format("%-d %b").to_string(),
        crate::i18n::Lang::Ru => day.format("%d.%m").to_string(),
    }
}

fn head(ctx: &Ctx, title: &str, p: &Period, error: Option<PeriodError>, csv: &str) -> Markup {
    html! {
        hgroup.page-head {
            h1 { (title) }
            p { (period_line(ctx, p)) " · " a href=(csv) download { (ctx.t("archive-csv")) } }
        }
        @if let Some(e) = error { p.flash.error role="alert" { (ctx.t(e.message_key())) } }
    }
}

pub fn balances(ctx: &Ctx, p: &Period, error: Option<PeriodError>, days: &[DayBalances]) -> Markup {
    let title = ctx.t("balances-title");
    let money = |m: i64| ctx.tr.money(m, &ctx.currency);
    let tick = |minor: i64| chart_scale::compact(minor / 100);
    let csv = format!("/manage/balances.csv?{}", p.query());
    layout::page(
        ctx,
        &title,
        html! {
            (head(ctx, &title, p, error, &csv))
            p.muted { (ctx.t("balances-lead")) }
            (picker_for(ctx, p, "/manage/balances", &[]))
            @if days.is_empty() {
                (empty_state(&ctx.t("balances-empty-title"), &ctx.t("balances-empty-text")))
            } @else {
                @for (id, key, pick) in [
                    ("owe-chart", "balances-clients-owe", (|d: &DayBalances| d.clients_owe) as fn(&DayBalances) -> i64),
                    ("owed-chart", "balances-workers-owed", |d: &DayBalances| d.workers_owed),
                ] {
                    (charts::stacked_bars(&BarChart {
                        id,
                        title: ctx.t(key),
                        desc: ctx.tr.t_args("balances-chart-desc", &[("what", ctx.t(key).into())]),
                        x_axis: ctx.t("balances-day"),
                        y_axis: ctx.t(key),
                        labels: days.iter().map(|d| day_label(ctx, d.day)).collect(),
                        series: vec![Series { label: ctx.t(key), class: "revenue", values: days.iter().map(pick).collect() }],
                        show: &money,
                        tick: &tick,
                        table_caption: ctx.t("reports-data-table"),
                        total_label: ctx.t("balances-last"),
                    }))
                }
                div.table-wrap tabindex="0" { table.striped.dense.phone-cards {
                    thead { tr {
                        th { (ctx.t("balances-day")) } th.num { (ctx.t("balances-clients-owe")) } th.num { (ctx.t("balances-clients-credit")) }
                        th.num { (ctx.t("balances-workers-owed")) } th.num { (ctx.t("balances-income")) } th.num { (ctx.t("balances-gateway")) }
                    } }
                    tbody { @for d in days.iter().rev() { tr {
                        td { (ctx.tr.datetime_day(d.day)) }
                        td.num { (money(d.clients_owe)) } td.num { (money(d.clients_credit)) } td.num { (money(d.workers_owed)) }
                        td.num { (money(d.income)) } td.num { (money(d.gateway)) }
                    } } }
                } }
            }
        },
    )
}

pub fn consumption(
    ctx: &Ctx,
    p: &Period,
    error: Option<PeriodError>,
    by: UsageBy,
    lines: &[Usage],
) -> Markup {
    let title = ctx.t("consumption-title");
    let csv = format!("/manage/consumption.csv?{}&by={}", p.query(), by.code());
    let chart_key = if by == UsageBy::Consumable {
        "consumption-chart-items"
    } else {
        "consumption-chart-groups"
    };
    let charts = per_unit(by, lines);
    layout::page(
        ctx,
        &title,
        html! {
            (head(ctx, &title, p, error, &csv))
            p.muted { (ctx.t("consumption-lead")) }
            nav.tabs aria-label=(ctx.t("consumption-by")) { ul {
                @for b in UsageBy::ALL {
                    li { a href={ "/manage/consumption?" (p.query()) "&by=" (b.code()) } aria-current=[(b == by).then_some("page")] {
                        (ctx.t(&format!("consumption-by-{}", b.code()))) } }
                }
            } }
            (picker_for(ctx, p, "/manage/consumption", &[("by", by.code())]))
            @if lines.is_empty() {
                (empty_state(&ctx.t("consumption-empty-title"), &ctx.t("consumption-empty-text")))
            } @else {
                @for (i, (unit, totals)) in charts.iter().enumerate() {
                    @let chart_title = ctx.tr.t_args(chart_key, &[("unit", unit.as_str().into())]);
                    (charts::funnel(&format!("consumption-chart-{i}"), &chart_title, &chart_title, totals))
                }
                div.table-wrap tabindex="0" { table.striped.dense.phone-cards {
                    thead { tr {
                        @if by != UsageBy::Consumable { th { (ctx.t(&format!("consumption-by-{}", by.code()))) } }
                        th { (ctx.t("consumption-item")) } th.num { (ctx.t("consumption-used")) } th.num { (ctx.t("consumption-jobs")) }
                    } }
                    tbody { @for l in lines { tr {
                        @if by != UsageBy::Consumable { td { (l.group) } }
                        td { (l.consumable) } td.num { (l.used) " " (l.unit) } td.num { (l.jobs) }
                    } } }
                } }
            }
        },
    )
}

/// One chart per unit, each bar a group's (or an item's) total, largest first: pieces,
/// bottles and packs are never added into one bar or compared on one scale.
fn per_unit(by: UsageBy, lines: &[Usage]) -> Vec<(String, Vec<(String, i64)>)> {
    let mut charts: Vec<(String, Vec<(String, i64)>)> = Vec::new();
    for l in lines {
        let label = match by {
            UsageBy::Consumable => l.consumable.clone(),
            _ => l.group.clone(),
        };
        let at = match charts.iter().position(|(unit, _)| *unit == l.unit) {
            Some(at) => at,
            None => {
                charts.push((l.unit.clone(), Vec::new()));
                charts.len() - 1
            }
        };
        let totals = &mut charts[at].1;
        match totals.iter_mut().find(|(g, _)| *g == label) {
            Some((_, n)) => *n += l.used,
            None => totals.push((label, l.used)),
        }
    }
    charts.sort_by(|a, b| a.0.cmp(&b.0));
    for (_, totals) in &mut charts {
        totals.sort_by_key(|(_, used)| std::cmp::Reverse(*used));
    }
    charts
}

#[cfg(test)]
mod tests {
    use super::*;

    fn usage(group: &str, consumable: &str, unit: &str, used: i64) -> Usage {
        Usage {
            group: group.into(),
            consumable: consumable.into(),
            unit: unit.into(),
            used,
            jobs: 1,
        }
    }

    #[test]
    fn each_unit_gets_its_own_chart_and_no_bar_adds_two_units() {
        let lines = [
            usage("Windows", "Detergent", "bottle", 2),
            usage("Windows", "Cloth", "piece", 5),
            usage("Cleaning", "Cloth", "piece", 7),
            usage("Cleaning", "Sponge", "piece", 1),
        ];
        let by_service = per_unit(UsageBy::Service, &lines);
        assert_eq!(
            by_service,
            vec![
                ("bottle".to_string(), vec![("Windows".to_string(), 2)]),
                (
                    "piece".to_string(),
                    vec![("Cleaning".to_string(), 8), ("Windows".to_string(), 5)]
                ),
            ]
        );
        let by_item = per_unit(UsageBy::Consumable, &lines);
        assert_eq!(by_item[1].1[0], ("Cloth".to_string(), 12));
    }
}
