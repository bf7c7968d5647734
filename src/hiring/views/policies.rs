//! Screening policies for managers: the list with the funnel and the draft form, and one
//! policy with what it would decide on every past candidate.

use std::collections::BTreeMap;

use maud::{Markup, html};

use crate::hiring::model::PolicyStatus;
use crate::hiring::model::policy::{Ranked, Rule};
use crate::hiring::service::screening::{Funnel, StoredPolicy};
use crate::hiring::store::screening_tests::Test;
use crate::web::components::{csrf_field, empty_state, post_button};
use crate::web::ctx::Ctx;
use crate::web::layout;

pub fn describe(ctx: &Ctx, p: &StoredPolicy) -> String {
    let rule = match p.policy.rule {
        Rule::TopPercent { percent } => ctx
            .tr
            .t_args("policy-rule-top", &[("percent", percent.into())]),
        Rule::MinScore { threshold_bp } => ctx
            .tr
            .t_args("policy-rule-min", &[("score", (threshold_bp / 100).into())]),
    };
    format!(
        "v{} · {rule} · {} {}%",
        p.version,
        ctx.t("policy-floor"),
        p.policy.floor_bp / 100
    )
}

pub fn list(
    ctx: &Ctx,
    policies: &[StoredPolicy],
    tests: &[(Test, i64)],
    funnel: &Funnel,
) -> Markup {
    let title = ctx.t("policies-title");
    layout::page(
        ctx,
        &title,
        html! {
            hgroup.page-head { h1 { (title) } (post_button(ctx, "/manage/policies/decide", &ctx.t("policies-decide"), "secondary", Some(&ctx.t("policies-decide-confirm")))) }
            section.funnel {
            h2 { (ctx.t("funnel-title")) }
            p { a href="/manage/policies/followup" { (ctx.t("followup-link")) } }
            div.stats {
                div.stat { span.stat-value { (funnel.applied) } span.stat-label { (ctx.t("funnel-applied")) } }
                div.stat { span.stat-value { (funnel.tested) } span.stat-label { (ctx.t("funnel-tested")) } }
                div.stat { span.stat-value { (funnel.scored) } span.stat-label { (ctx.t("funnel-scored")) } }
                @for (version, hired, rejected) in &funnel.by_policy {
                    div.stat { span.stat-value { (hired) " / " (rejected) } span.stat-label { "v" (version) ": " (ctx.t("funnel-hired-rejected")) } }
                }
            }
        }
        @if policies.is_empty() { (empty_state(&ctx.t("policies-empty-title"), &ctx.t("policies-empty-text"))) }
            ul { @for p in policies {
                li { a href={ "/manage/policies/" (p.id) } { (describe(ctx, p)) } " " mark { (ctx.t(p.status.label_key())) } }
            } }
            @if !tests.is_empty() {
                details open[policies.is_empty()] {
                    summary { (ctx.t("policies-new")) }
                    form method="post" action="/manage/policies" {
                        (csrf_field(ctx))
                        fieldset { legend { (ctx.t("policies-weights")) }
                            @for (t, _) in tests { label { (t.title.read(ctx.tr.lang)) input type="number" name={ "w" (t.id) } min="0" max="100" value="0"; } }
                        }
                        div.grid {
                            label { (ctx.t("policies-rule")) select name="rule" { option value="top_percent" { (ctx.t("policies-rule-top")) } option value="min_score" { (ctx.t("policies-rule-min")) } } }
                            label { (ctx.t("policies-percent")) input type="number" name="percent" min="1" max="100" value="3"; }
                            label { (ctx.t("policies-threshold")) input type="number" name="threshold" min="0" max="100" value="70"; }
                        }
                        div.grid {
                            label { (ctx.t("policy-floor")) " %" input type="number" name="floor" min="0" max="100" value="50"; }
                            label { (ctx.t("policies-window")) input type="number" name="window" min="1" max="3650" value="90"; }
                        }
                        button type="submit" { (ctx.t("policies-save-draft")) }
                    }
                }
            }
        },
    )
}

pub fn show(
    ctx: &Ctx,
    p: &StoredPolicy,
    ranked: &[Ranked],
    current: &BTreeMap<i64, bool>,
    names: &[(i64, String)],
) -> Markup {
    let hired = ranked.iter().filter(|r| r.hired()).count();
    let changed = ranked
        .iter()
        .filter(|r| {
            current
                .get(&r.candidate_id)
                .is_some_and(|h| *h != r.hired())
        })
        .count();
    let title = describe(ctx, p);
    layout::page(
        ctx,
        &title,
        html! {
            nav aria-label="breadcrumb" { ul { li { a href="/manage/policies" { (ctx.t("policies-title")) } } li { "v" (p.version) } } }
            hgroup.page-head {
                h1 { (title) " " mark { (ctx.t(p.status.label_key())) } }
                @if p.status == PolicyStatus::Draft { (post_button(ctx, &format!("/manage/policies/{}/activate", p.id), &ctx.t("policies-activate"), "", Some(&ctx.t("policies-activate-confirm")))) }
            }
            p { (ctx.tr.t_args("policies-what-if", &[("hired", (hired as i64).into()), ("cohort", (ranked.len() as i64).into()), ("changed", (changed as i64).into())])) }
            @if ranked.is_empty() { (empty_state(&ctx.t("policies-no-cohort-title"), &ctx.t("policies-no-cohort-text"))) } @else {
                div.table-wrap tabindex="0" { table.striped.dense.what-if {
                    thead { tr { th { (ctx.t("policies-rank")) } th { (ctx.t("field-name")) } th.amount { (ctx.t("policies-score")) } th { (ctx.t("policies-would")) } th { (ctx.t("policies-now")) } } }
                    tbody { @for r in ranked {
                        tr.changed[current.get(&r.candidate_id).is_some_and(|h| *h != r.hired())] {
                            td { (r.rank) }
                            td { (names.iter().find(|(id, _)| *id == r.candidate_id).map(|(_, n)| n.as_str()).unwrap_or("?")) }
                            td.amount { (ctx.tr.decimal(r.score_bp)) "%" }
                            td { (if r.hired() { ctx.t("policies-hire") } else { ctx.t("policies-reject") }) }
                            td { @match current.get(&r.candidate_id) { Some(true) => { (ctx.t("policies-hire")) } Some(false) => { (ctx.t("policies-reject")) } None => { "—" } } }
                        }
                    } }
                } }
            }
        },
    )
}
