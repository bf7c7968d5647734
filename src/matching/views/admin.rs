//! Admin-only matching pages: the strategy's settings and every decision with its candidates.

use maud::{Markup, html};

use crate::i18n::Arg;
use crate::matching::model::MatchingSettings;
use crate::matching::store::DecisionRecord;
use crate::web::components::{Paging, csrf_field, empty_state, pagination};
use crate::web::ctx::Ctx;
use crate::web::layout;

pub fn page(
    ctx: &Ctx,
    s: &MatchingSettings,
    decisions: &[DecisionRecord],
    paging: Paging,
    total: i64,
    problem: Option<&str>,
) -> Markup {
    let title = ctx.t("matching-title");
    layout::page(
        ctx,
        &title,
        html! {
            h1 { (title) }
            article {
                h2 { (ctx.t("matching-settings")) " " small.muted { "v" (s.version) } }
                @if let Some(key) = problem { p.flash.error { (ctx.t(key)) } }
                form method="post" action="/admin/matching/settings" data-confirm=(ctx.t("matching-confirm")) data-shows-by="strategy" {
                    (csrf_field(ctx))
                    div.grid {
                        label { (ctx.t("matching-strategy"))
                            select name="strategy" {
                                option value="random" selected[s.strategy == "random"] { (ctx.t("matching-random")) }
                                option value="score" selected[s.strategy == "score"] { (ctx.t("matching-score")) }
                            }
                        }
                        label { input type="checkbox" role="switch" name="enabled" value="1" checked[s.enabled]; (ctx.t("matching-enabled")) }
                    }
                    div.grid {
                        label { (ctx.t("matching-max-attempts")) input type="number" name="max_attempts" min="1" max="50" value=(s.max_attempts); }
                        label { (ctx.t("matching-daily-limit")) input type="number" name="daily_limit" min="1" max="24" value=(s.daily_limit); }
                        label { (ctx.t("matching-travel-buffer")) input type="number" name="travel_buffer_minutes" min="0" max="240" value=(s.travel_buffer_minutes); }
                    }
                    // Only the score strategy weighs; app.js hides the weights for the others.
                    fieldset data-kinds="score" {
                        legend { (ctx.t("matching-weights")) }
                        div.grid {
                            label { (ctx.t("matching-w-rating")) input type="number" name="weight_rating" min="0" max="1000" value=(s.weights.rating); }
                            label { (ctx.t("matching-w-qc")) input type="number" name="weight_qc" min="0" max="1000" value=(s.weights.qc); }
                            label { (ctx.t("matching-w-load")) input type="number" name="weight_load" min="0" max="1000" value=(s.weights.load); }
                            label { (ctx.t("matching-w-favourite")) input type="number" name="weight_favourite" min="0" max="1000" value=(s.weights.favourite); }
                        }
                    }
                    button type="submit" { (ctx.t("save")) }
                }
            }
            h2 { (ctx.t("matching-decisions")) }
            p { a href="/admin/matching/replay" { (ctx.t("matching-replay-link")) } }
            @if decisions.is_empty() {
                (empty_state(&ctx.t("matching-no-decisions"), &ctx.t("matching-no-decisions-text")))
            } @else {
                div.table-wrap tabindex="0" { table.striped.dense.phone-cards {
                    thead { tr { th { "#" } th { (ctx.t("audit-when")) } th { (ctx.t("matching-order")) } th { (ctx.t("matching-what-happened")) } } }
                    tbody { @for d in decisions {
                        tr {
                            td { a href={ "/admin/matching/decisions/" (d.id) } { (d.id) } }
                            td.nowrap { (ctx.tr.datetime(d.at)) }
                            td.nowrap { a href={ "/manage/orders/" (d.order_id) } { "#" (d.order_id) } }
                            td { (sentence(ctx, d)) }
                        }
                    } }
                } }
                (pagination(ctx, paging, total, "/admin/matching?"))
            }
        },
    )
}

/// The decision in a sentence: who was offered the order, how they were picked, among how
/// many, under which settings.
fn sentence(ctx: &Ctx, d: &DecisionRecord) -> String {
    let eligible: Vec<_> = d
        .considered
        .iter()
        .filter(|c| c.excluded.is_none())
        .collect();
    let settings = d
        .strategy_version
        .rsplit_once("settings-")
        .map(|(_, v)| v.to_string())
        .unwrap_or_default();
    let common = |worker: &str| -> Vec<(&'static str, Arg)> {
        vec![
            ("worker", worker.into()),
            ("eligible", (eligible.len() as i64).into()),
            ("considered", (d.considered.len() as i64).into()),
            ("settings", settings.as_str().into()),
            ("round", d.round.to_string().into()),
            ("attempt", d.attempt.to_string().into()),
        ]
    };
    let Some(worker) = &d.chosen_worker else {
        return ctx.tr.t_args("matching-sentence-none", &common(""));
    };
    if d.strategy == "volunteer" {
        return ctx
            .tr
            .t_args("matching-sentence-volunteer", &common(worker));
    }
    if d.strategy == "score" {
        let chosen = d
            .chosen_worker_id
            .and_then(|id| d.considered.iter().find(|c| c.worker_id == id));
        let score = chosen.and_then(|c| c.score).unwrap_or(0);
        let rank = 1 + eligible
            .iter()
            .filter(|c| c.score.unwrap_or(0) > score)
            .count() as i64;
        let mut args = common(worker);
        args.push(("rank", rank.into()));
        ctx.tr.t_args("matching-sentence-score", &args)
    } else {
        ctx.tr.t_args("matching-sentence-random", &common(worker))
    }
}

pub fn decision(ctx: &Ctx, d: &DecisionRecord, names: &[String]) -> Markup {
    let title = format!("{} #{}", ctx.t("matching-decision"), d.id);
    layout::page(
        ctx,
        &title,
        html! {
            nav aria-label="breadcrumb" { ul { li { a href="/admin/matching" { (ctx.t("matching-title")) } } li { "#" (d.id) } } }
            h1 { (title) }
            p { (ctx.t("matching-order")) " " a href={ "/manage/orders/" (d.order_id) } { "#" (d.order_id) } " · " (ctx.tr.datetime(d.at)) }
            p.lead { (sentence(ctx, d)) }
            // The seed lets a developer replay the draw; it means nothing to anyone else.
            p.muted { small { (ctx.tr.t_args("matching-replay", &[("seed", d.seed.to_string().into()), ("version", d.strategy_version.as_str().into())])) } }
            div.table-wrap tabindex="0" { table.striped.dense.phone-cards {
                thead { tr { th { (ctx.t("order-worker")) } th { (ctx.t("matching-outcome")) } th.amount { (ctx.t("matching-score-col")) } } }
                tbody { @for (c, name) in d.considered.iter().zip(names) {
                    tr {
                        td { (name) " " small.muted { "#" (c.worker_id) } }
                        td { @match c.excluded { Some(e) => { (ctx.t(e.key())) } None => { strong { (ctx.t("matching-eligible-one")) } } } }
                        td.amount { (c.score.map(|s| s.to_string()).unwrap_or_default()) }
                    }
                } }
            } }
        },
    )
}
