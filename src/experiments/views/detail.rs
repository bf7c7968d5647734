//! One experiment: its arms, the verdict on the primary metric in words, guardrails, each
//! metric's chart and table, how work spread, and the lifecycle's buttons.

use maud::{Markup, html};

use super::chart::difference_chart;
use super::figures::{difference, range, value};
use crate::experiments::model::stats::{MIN_SAMPLE, Verdict};
use crate::experiments::model::{Better, DecisionKind, ExperimentStatus};
use crate::experiments::service::may_run;
use crate::experiments::service::report::{MetricReport, Report};
use crate::experiments::store::Experiment;
use crate::identity::Role;
use crate::web::components::{csrf_field, post_button};
use crate::web::ctx::Ctx;
use crate::web::layout;

fn arm_label(e: &Experiment, arm: i64) -> String {
    e.arms
        .iter()
        .find(|a| a.arm == arm)
        .map(|a| a.spec.label.clone())
        .unwrap_or_else(|| format!("#{arm}"))
}

/// The verdict on one metric, in a sentence.
pub fn verdict_words(ctx: &Ctx, e: &Experiment, m: &MetricReport) -> Vec<String> {
    let control = e
        .arms
        .first()
        .map(|a| a.spec.label.clone())
        .unwrap_or_default();
    let metric = ctx.t(m.metric.label_key());
    m.comparisons
        .iter()
        .map(|c| {
            let arm = arm_label(e, c.arm);
            let Some(d) = c.difference else {
                let counts = m
                    .arms
                    .iter()
                    .map(|a| format!("{} {}", arm_label(e, a.arm), a.sums.n))
                    .collect::<Vec<_>>()
                    .join(", ");
                return ctx.tr.t_args(
                    "experiment-verdict-not-enough",
                    &[
                        ("min", MIN_SAMPLE.into()),
                        ("counts", counts.into()),
                        ("metric", metric.clone().into()),
                    ],
                );
            };
            let args = [
                ("arm", arm.into()),
                ("control", control.clone().into()),
                ("metric", metric.clone().into()),
                ("diff", difference(ctx, m.metric, d.estimate).into()),
                ("range", range(ctx, m.metric, d.low, d.high, true).into()),
            ];
            let key = match (c.verdict, m.metric.better()) {
                (Verdict::NotEnoughData | Verdict::NoDifferenceYet, _) => {
                    "experiment-verdict-no-difference"
                }
                (Verdict::Better, Better::Neither) => "experiment-verdict-higher",
                (Verdict::Worse, Better::Neither) => "experiment-verdict-lower",
                (Verdict::Better, _) => "experiment-verdict-better",
                (Verdict::Worse, _) => "experiment-verdict-worse",
            };
            ctx.tr.t_args(key, &args)
        })
        .collect()
}

/// How to read a metric's chart, with the days it spans and how far it reaches either side.
fn chart_caption(ctx: &Ctx, m: &MetricReport) -> String {
    let (Some((first, _)), Some((last, _))) = (m.series.first(), m.series.last()) else {
        return String::new();
    };
    let known = m.series.iter().flat_map(|(_, d)| d.iter().flatten());
    let (low, high) = known.fold((0.0_f64, 0.0_f64), |(l, h), i| {
        (l.min(i.low), h.max(i.high))
    });
    ctx.tr.t_args(
        "experiment-chart-caption",
        &[
            ("first", ctx.tr.datetime_day(*first).into()),
            ("last", ctx.tr.datetime_day(*last).into()),
            ("low", difference(ctx, m.metric, low).into()),
            ("high", difference(ctx, m.metric, high).into()),
        ],
    )
}

fn metric_section(ctx: &Ctx, e: &Experiment, m: &MetricReport, primary: bool) -> Markup {
    let name = ctx.t(m.metric.label_key());
    html! {
        section.experiment-metric id={ "metric-" (m.metric.as_str()) } {
            h3 { (name) @if primary { " " mark { (ctx.t("experiment-primary")) } } @if m.tripped() { " " mark.danger { (ctx.t("experiment-guardrail")) } } }
            @for words in verdict_words(ctx, e, m) { p { (words) } }
            @for (i, c) in m.comparisons.iter().enumerate() {
                @let days: Vec<_> = m.series.iter().map(|(_, d)| d.get(i).copied().flatten()).collect();
                @let caption = chart_caption(ctx, m);
                (difference_chart(&ctx.tr.t_args("experiment-chart-label", &[("metric", name.clone().into()), ("arm", arm_label(e, c.arm).into())]), &caption, &days))
            }
            div.table-wrap { table.phone-cards {
                thead { tr {
                    th { (ctx.t("experiment-col-arm")) }
                    th { (ctx.t("experiment-col-measured")) }
                    th { (ctx.t("experiment-col-estimate")) }
                    th { (ctx.t("experiment-col-interval")) }
                } }
                tbody {
                    @for a in &m.arms { tr {
                        td data-label=(ctx.t("experiment-col-arm")) { (arm_label(e, a.arm)) }
                        td data-label=(ctx.t("experiment-col-measured")) { (a.sums.n) }
                        td data-label=(ctx.t("experiment-col-estimate")) { @if let Some(mean) = a.sums.mean() { (value(ctx, m.metric, mean)) } @else { "—" } }
                        td data-label=(ctx.t("experiment-col-interval")) { @if let Some(i) = a.interval { (range(ctx, m.metric, i.low, i.high, false)) } @else { (ctx.t("experiment-not-enough-short")) } }
                    } }
                    @for c in &m.comparisons { tr.difference {
                        td data-label=(ctx.t("experiment-col-arm")) { (arm_label(e, c.arm)) " − " (arm_label(e, m.arms[0].arm)) }
                        td data-label=(ctx.t("experiment-col-measured")) { "" }
                        td data-label=(ctx.t("experiment-col-estimate")) { @if let Some(d) = c.difference { (difference(ctx, m.metric, d.estimate)) } @else { "—" } }
                        td data-label=(ctx.t("experiment-col-interval")) { @if let Some(d) = c.difference { (range(ctx, m.metric, d.low, d.high, true)) } @else { (ctx.t("experiment-not-enough-short")) } }
                    } }
                }
            } }
        }
    }
}

fn arms_table(ctx: &Ctx, e: &Experiment, r: &Report, role: Role) -> Markup {
    let matching = e.decision == DecisionKind::Matching;
    html! {
        div.table-wrap { table.phone-cards {
            thead { tr {
                th { (ctx.t("experiment-col-arm")) }
                th { (ctx.t("experiment-col-share")) }
                th { (ctx.t("experiment-col-runs")) }
                th { (ctx.t("experiment-col-units")) }
                @if matching { th { (ctx.t("experiment-col-spread")) } } @else { th { (ctx.t("experiment-col-hires")) } }
            } }
            tbody { @for a in &e.arms {
                @let t = r.totals.iter().find(|t| t.arm == a.arm);
                tr {
                    td data-label=(ctx.t("experiment-col-arm")) { (a.spec.label) @if e.adopted_arm == Some(a.arm) { " " mark { (ctx.t("experiment-adopted")) } } }
                    td data-label=(ctx.t("experiment-col-share")) { (a.spec.share) "%" }
                    td data-label=(ctx.t("experiment-col-runs")) {
                        @if let Some(v) = a.spec.policy_version { (ctx.t("experiment-policy")) " v" (v) }
                        @if let (Some(s), Some(v)) = (&a.spec.strategy, a.spec.settings_version) {
                            @if role == Role::Admin { (ctx.t(&format!("matching-{s}"))) " · " (ctx.t("experiment-settings")) " v" (v) } @else { (ctx.t("experiment-strategy-secret")) }
                        }
                    }
                    td data-label=(ctx.t("experiment-col-units")) { (t.map_or(0, |t| t.units)) }
                    @if matching {
                        td data-label=(ctx.t("experiment-col-spread")) { @if let Some(t) = t.filter(|t| t.jobs > 0) {
                            (ctx.tr.t_args("experiment-spread", &[("jobs", t.jobs.into()), ("workers", t.workers.into()), ("top", (t.top_fifth_jobs * 100 / t.jobs).into())]))
                        } @else { "—" } }
                    } @else {
                        td data-label=(ctx.t("experiment-col-hires")) { (t.map_or(0, |t| t.jobs)) }
                    }
                }
            } }
        } }
    }
}

fn actions(ctx: &Ctx, e: &Experiment, role: Role) -> Markup {
    let base = format!("/manage/experiments/{}", e.id);
    if !may_run(role, e.decision) {
        return html! {};
    }
    html! {
        div.actions {
            @match e.status {
                ExperimentStatus::Draft => {
                    (post_button(ctx, &format!("{base}/start"), &ctx.t("experiment-start"), "", Some(&ctx.t("experiment-start-confirm"))))
                    (post_button(ctx, &format!("{base}/delete"), &ctx.t("experiment-delete"), "secondary", Some(&ctx.t("experiment-delete-confirm"))))
                }
                ExperimentStatus::Running => {
                    form method="post" action={ (base) "/stop" } data-confirm=(ctx.t("experiment-stop-confirm")) {
                        (csrf_field(ctx))
                        label { (ctx.t("experiment-adopt")) select name="adopt" {
                            option value="" { (ctx.t("experiment-adopt-none")) }
                            @for a in &e.arms { option value=(a.arm) { (a.spec.label) } }
                        } }
                        button type="submit" { (ctx.t("experiment-stop")) }
                    }
                }
                ExperimentStatus::Stopped => {}
            }
        }
    }
}

pub fn page(ctx: &Ctx, e: &Experiment, r: &Report) -> Markup {
    let role = ctx.user.as_ref().map_or(Role::Manager, |u| u.role);
    let base = format!("/manage/experiments/{}", e.id);
    let primary = r.primary(e);
    let tripped = r.tripped();
    let few_hires =
        e.decision == DecisionKind::Screening && r.totals.iter().any(|t| t.jobs < MIN_SAMPLE);
    layout::page(
        ctx,
        &e.name,
        html! {
            p { a href="/manage/experiments" { "← " (ctx.t("experiments-title")) } }
            hgroup.page-head { h1 { (e.name) } (super::status_badge(ctx, e.status)) }
            p.muted {
                (ctx.t(e.decision.label_key()))
                @if let Some(at) = e.started_at { " · " (ctx.t("experiment-started")) " " (ctx.tr.datetime(at)) }
                @if let Some(at) = e.stopped_at { " · " (ctx.t("experiment-stopped")) " " (ctx.tr.datetime(at)) }
            }
            @if !e.hypothesis.is_empty() { blockquote { (e.hypothesis) } }
            section.verdict aria-live="polite" {
                h2 { (ctx.t("experiment-verdict")) }
                @match (e.status, primary) {
                    (ExperimentStatus::Draft, _) => p { (ctx.t("experiment-draft-text")) },
                    (_, Some(m)) => { @for words in verdict_words(ctx, e, m) { p.lead { strong { (words) } } } },
                    (_, None) => {},
                }
                @for m in &tripped { p.flash.error role="alert" { (ctx.tr.t_args("experiment-guardrail-tripped", &[("metric", ctx.t(m.label_key()).into())])) } }
                @if few_hires && e.status != ExperimentStatus::Draft { p.muted { (ctx.t("experiment-screening-power")) } }
                p.muted.small {
                    (ctx.t("experiment-method")) " "
                    @if let Some(at) = e.results_at { (ctx.tr.t_args("experiment-figures-at", &[("at", ctx.tr.datetime(at).into())])) }
                }
            }
            (arms_table(ctx, e, r, role))
            div.actions {
                @if e.status != ExperimentStatus::Draft {
                    a role="button" .secondary href={ (base) "/results.csv" } download { (ctx.t("experiment-csv")) }
                    (post_button(ctx, &format!("{base}/refresh"), &ctx.t("experiment-refresh"), "secondary", None))
                }
            }
            (actions(ctx, e, role))
            @if e.status != ExperimentStatus::Draft {
                @if let Some(m) = primary { (metric_section(ctx, e, m, true)) }
                h2 { (ctx.t("experiment-secondary")) }
                @for m in r.metrics.iter().filter(|m| m.metric != e.primary_metric) { (metric_section(ctx, e, m, false)) }
            }
        },
    )
}
