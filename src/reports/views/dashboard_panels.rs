//! The dashboard's panels: orders by status against the previous period, stock alerts, the
//! hiring funnel with its table per policy version, and the export links.

use maud::{Markup, html};

use super::charts;
use crate::orders::model::Status;
use crate::reports::model::exports::KINDS;
use crate::reports::model::kpis::Kpis;
use crate::reports::model::period::Period;
use crate::reports::service::dashboard::Dashboard;
use crate::web::components::empty_state;
use crate::web::ctx::Ctx;

pub fn status_table(ctx: &Ctx, now: &Kpis, before: &Kpis) -> Markup {
    html! {
        details.chart-data {
            summary { (ctx.t("reports-by-status")) }
            div.table-wrap tabindex="0" { table {
                thead { tr { th scope="col" { (ctx.t("reports-status")) } th scope="col" { (ctx.t("reports-this-period")) } th scope="col" { (ctx.t("reports-previous-period")) } } }
                tbody {
                    @for status in Status::ALL.iter().copied() {
                        @let s = status.as_str();
                        tr data-status=(s) {
                            th scope="row" { span class={ "status-badge " (s) } { (ctx.t(status.label_key())) } }
                            td.num { (now.by_status.get(s).copied().unwrap_or(0)) }
                            td.num { (before.by_status.get(s).copied().unwrap_or(0)) }
                        }
                    }
                }
            } }
        }
    }
}

pub fn stock_panel(ctx: &Ctx, d: &Dashboard) -> Markup {
    let s = &d.snapshot;
    html! {
        section aria-labelledby="stock-head" {
            h2 #stock-head { (ctx.t("reports-stock")) }
            @if s.low_stock.is_empty() && s.short_kits == 0 {
                p.muted data-kpi="stock_alerts" data-value="0" { (ctx.t("reports-stock-ok")) }
            } @else {
                ul.alerts data-kpi="stock_alerts" data-value=(s.low_stock.len()) {
                    @for low in &s.low_stock {
                        li { a href="/manage/stock" { (low.name.read(ctx.tr.lang)) } ": "
                            (ctx.tr.t_args("reports-stock-low", &[("on_hand", low.on_hand.into()), ("unit", low.unit.read(ctx.tr.lang).into()), ("reorder", low.reorder_level.into())])) }
                    }
                    @if s.short_kits > 0 {
                        li { a href="/manage/packs" { (ctx.tr.t_args("reports-short-kits", &[("count", s.short_kits.into())])) } }
                    }
                }
            }
        }
    }
}

pub fn funnel_panel(ctx: &Ctx, d: &Dashboard) -> Markup {
    let total = &d.funnel.total;
    let stages = vec![
        (ctx.t("reports-applied"), total.applied),
        (ctx.t("reports-tested"), total.tested),
        (ctx.t("reports-decided"), total.decided),
        (ctx.t("reports-hired"), total.hired),
    ];
    let version = |v: Option<i64>| match v {
        Some(v) => ctx.tr.t_args(
            "reports-policy-version",
            &[("version", v.to_string().into())],
        ),
        None => ctx.t("reports-no-policy"),
    };
    html! {
        section aria-labelledby="hiring-head" {
            h2 #hiring-head { (ctx.t("reports-hiring")) }
            @if d.funnel.rows.is_empty() {
                (empty_state(&ctx.t("reports-hiring-empty"), &ctx.t("reports-hiring-empty-text")))
            } @else {
                (charts::funnel("funnel-chart", &ctx.t("reports-funnel-title"), &ctx.tr.t_args("reports-funnel-desc", &[("applied", total.applied.into()), ("hired", total.hired.into())]), &stages))
                div.table-wrap tabindex="0" { table #funnel-table {
                    caption { (ctx.t("reports-funnel-by-policy")) }
                    thead { tr {
                        th scope="col" { (ctx.t("reports-policy")) }
                        th scope="col" { (ctx.t("reports-applied")) }
                        th scope="col" { (ctx.t("reports-tested")) }
                        th scope="col" { (ctx.t("reports-decided")) }
                        th scope="col" { (ctx.t("reports-hired")) }
                    } }
                    tbody {
                        @for r in &d.funnel.rows {
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

pub fn exports(ctx: &Ctx, p: &Period) -> Markup {
    let q = p.query();
    html! {
        section aria-labelledby="exports-head" {
            h2 #exports-head { (ctx.t("reports-exports")) }
            p.muted { (ctx.t("reports-exports-help")) }
            ul.export-links {
                @for what in KINDS {
                    li { a href={ "/manage/reports/" (what) ".csv?" (q) } download { (ctx.t(&format!("reports-export-{what}"))) } }
                }
            }
        }
    }
}
