//! A new experiment's form: name, hypothesis, the primary metric, the planned units per arm,
//! and two to four arms (a strategy over a settings version, or a policy version, with shares).

use maud::{Markup, html};

use crate::experiments::model::{DecisionKind, MAX_ARMS, Metric};
use crate::experiments::service::{Choices, may_run};
use crate::identity::Role;
use crate::web::components::{csrf_field, flash};
use crate::web::ctx::Ctx;
use crate::web::layout;

fn arm_fields(ctx: &Ctx, decision: DecisionKind, choices: &Choices, i: usize) -> Markup {
    // Two arms filled in: the live settings or active policy against the newest alternative.
    let (label, share) = match i {
        0 => (ctx.t("experiment-arm-control"), "50"),
        1 => (ctx.t("experiment-arm-treatment"), "50"),
        _ => (String::new(), ""),
    };
    let active_policy = choices
        .policies
        .iter()
        .find(|(_, s)| *s == crate::hiring::model::PolicyStatus::Active)
        .map(|(v, _)| *v);
    let draft_policy = choices
        .policies
        .iter()
        .find(|(_, s)| *s == crate::hiring::model::PolicyStatus::Draft)
        .map(|(v, _)| *v);
    let default_policy = if i == 0 {
        active_policy
    } else {
        draft_policy.or(active_policy)
    };
    let default_strategy = if i == 0 { "random" } else { "score" };
    html! {
        fieldset.arm {
            legend { (ctx.tr.t_args("experiment-arm-n", &[("n", (i as i64 + 1).into())])) }
            div.grid {
                label { (ctx.t("experiment-arm-label")) input name={ "arm" (i) "_label" } value=(label) maxlength="60"; }
                label { (ctx.t("experiment-col-share")) input type="number" name={ "arm" (i) "_share" } value=(share) min="1" max="99" inputmode="numeric"; }
            }
            @match decision {
                DecisionKind::Matching => div.grid {
                    label { (ctx.t("matching-strategy")) select name={ "arm" (i) "_strategy" } {
                        option value="random" selected[default_strategy == "random"] { (ctx.t("matching-random")) }
                        option value="score" selected[default_strategy == "score"] { (ctx.t("matching-score")) }
                    } }
                    label { (ctx.t("experiment-settings")) select name={ "arm" (i) "_settings" } {
                        @for v in &choices.settings_versions { option value=(v) selected[*v == choices.live_settings_version] {
                            "v" (v) @if *v == choices.live_settings_version { " (" (ctx.t("experiment-live")) ")" }
                        } }
                    } }
                },
                DecisionKind::Screening => label { (ctx.t("experiment-policy")) select name={ "arm" (i) "_policy" } {
                    @for (v, status) in &choices.policies { option value=(v) selected[Some(*v) == default_policy] {
                        "v" (v) " (" (ctx.t(status.label_key())) ")"
                    } }
                } },
            }
        }
    }
}

pub fn page(ctx: &Ctx, decision: DecisionKind, choices: &Choices) -> Markup {
    let title = ctx.t(match decision {
        DecisionKind::Matching => "experiments-new-matching",
        DecisionKind::Screening => "experiments-new-screening",
    });
    let role = ctx.user.as_ref().map_or(Role::Manager, |u| u.role);
    let no_arms = decision == DecisionKind::Screening && choices.policies.is_empty();
    layout::page(
        ctx,
        &title,
        html! {
            p { a href="/manage/experiments" { "← " (ctx.t("experiments-title")) } }
            h1 { (title) }
            (flash(ctx))
            @if !may_run(role, decision) {
                p { (ctx.t("experiment-matching-admins")) }
            } @else if no_arms {
                p { (ctx.t("experiment-no-policies")) " " a href="/manage/policies" { (ctx.t("nav-policies")) } }
            } @else {
                p.muted { (ctx.t(match decision { DecisionKind::Matching => "experiment-form-matching-help", DecisionKind::Screening => "experiment-form-screening-help" })) }
                form method="post" action="/manage/experiments" {
                    (csrf_field(ctx))
                    input type="hidden" name="decision" value=(decision.as_str());
                    label { (ctx.t("experiment-name")) input name="name" required maxlength="120"; }
                    label { (ctx.t("experiment-hypothesis")) textarea name="hypothesis" rows="2" maxlength="2000" {} }
                    div.grid {
                        label { (ctx.t("experiment-primary-metric")) select name="primary_metric" {
                            @for m in Metric::of(decision) { option value=(m.as_str()) { (ctx.t(m.label_key())) } }
                        } }
                        label { (ctx.t("experiment-target")) input type="number" name="target_per_arm" value="300" min="10" max="1000000" inputmode="numeric";
                            small { (ctx.t("experiment-target-help")) } }
                    }
                    @for i in 0..MAX_ARMS { (arm_fields(ctx, decision, choices, i)) }
                    button type="submit" { (ctx.t("experiment-save-draft")) }
                }
            }
        },
    )
}
