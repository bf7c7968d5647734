//! Markup of the insights page: each recommendation in words with a link to its rows, the
//! hourly matching table behind the slow-hours rule, and the thresholds in force.

use std::collections::BTreeMap;

use chrono::{DateTime, Duration, Utc};
use maud::{Markup, html};

use super::points;
use crate::config::InsightThresholds;
use crate::quality::model::insights::{Insight, Score};
use crate::web::components::empty_state;
use crate::web::ctx::Ctx;
use crate::web::layout;

fn insight_text(ctx: &Ctx, i: &Insight) -> (String, String) {
    let pct = |a: i64, b: i64| format!("{}%", a * 100 / b.max(1));
    match i {
        Insight::Cancellations {
            service_id,
            service,
            orders,
            cancelled,
        } => (
            ctx.tr.t_args(
                "insight-cancellations",
                &[
                    ("service", service.as_str().into()),
                    ("rate", pct(*cancelled, *orders).into()),
                    ("cancelled", (*cancelled).into()),
                    ("orders", (*orders).into()),
                ],
            ),
            format!("/manage/orders?service={service_id}&status=cancelled"),
        ),
        Insight::FallingScore {
            worker_id,
            worker,
            what,
            before_centi,
            now_centi,
            count,
        } => (
            ctx.tr.t_args(
                if *what == Score::Qc {
                    "insight-falling-qc"
                } else {
                    "insight-falling-rating"
                },
                &[
                    ("worker", worker.as_str().into()),
                    ("before", points(ctx, *before_centi).into()),
                    ("now", points(ctx, *now_centi).into()),
                    ("count", (*count).into()),
                ],
            ),
            format!("/manage/orders?worker={worker_id}"),
        ),
        Insight::Shortages {
            service,
            short_kits,
            ..
        } => (
            ctx.tr.t_args(
                "insight-shortages",
                &[
                    ("service", service.as_str().into()),
                    ("count", (*short_kits).into()),
                ],
            ),
            "/manage/stock".to_string(),
        ),
        Insight::SlowMatching {
            hour,
            orders,
            avg_minutes,
        } => (
            ctx.tr.t_args(
                "insight-slow-matching",
                &[
                    ("hour", format!("{hour:02}:00").into()),
                    ("minutes", (*avg_minutes).into()),
                    ("orders", (*orders).into()),
                ],
            ),
            "#hours".to_string(),
        ),
        Insight::Disputes {
            client_id,
            client,
            disputes,
        } => (
            ctx.tr.t_args(
                "insight-disputes",
                &[
                    ("client", client.as_str().into()),
                    ("count", (*disputes).into()),
                ],
            ),
            format!("/manage/orders?client={client_id}"),
        ),
    }
}

pub fn insights(
    ctx: &Ctx,
    t: &InsightThresholds,
    found: &[Insight],
    hours: &BTreeMap<u32, (i64, i64)>,
    now: DateTime<Utc>,
) -> Markup {
    let title = ctx.t("nav-insights");
    let since = now - Duration::days(t.window_days);
    layout::page(
        ctx,
        &title,
        html! {
            h1 { (title) }
            p.muted { (ctx.tr.t_args("insights-window", &[("days", t.window_days.into()), ("since", ctx.tr.datetime(since).into())])) }
            @if found.is_empty() { (empty_state(&ctx.t("insights-none"), &ctx.t("insights-none-help"))) }
            @for i in found {
                @let (text, link) = insight_text(ctx, i);
                article.insight { p { (text) } a href=(link) { (ctx.t("insights-rows")) " →" } }
            }
            article #hours {
                h2.minor { (ctx.t("insights-hours")) }
                @if hours.is_empty() { p.muted { (ctx.t("insights-no-hours")) } } @else {
                    div.table-wrap tabindex="0" { table.dense {
                        thead { tr { th { (ctx.t("insights-hour")) } th.num { (ctx.t("insights-orders")) } th.num { (ctx.t("insights-avg-wait")) } } }
                        tbody { @for (h, (n, avg)) in hours { tr { td { (format!("{h:02}:00")) } td.num { (n) } td.num { (avg) } } } }
                    } }
                }
            }
            details {
                summary { (ctx.t("insights-thresholds")) }
                ul {
                    li { (ctx.tr.t_args("insights-t-cancel", &[("rate", t.cancel_rate_percent.into()), ("orders", t.min_orders.into())])) }
                    li { (ctx.tr.t_args("insights-t-drop", &[("points", ctx.tr.decimal(t.score_drop_tenths * 10).into())])) }
                    li { (ctx.tr.t_args("insights-t-shortages", &[("count", t.shortages.into())])) }
                    li { (ctx.tr.t_args("insights-t-matching", &[("minutes", t.match_minutes.into())])) }
                    li { (ctx.tr.t_args("insights-t-disputes", &[("count", t.disputes.into())])) }
                }
            }
        },
    )
}
