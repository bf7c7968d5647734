//! Screening policies for managers: drafts, the what-if table on every past candidate,
//! activation, and deciding under the active policy.

use actix_web::{HttpResponse, web};
use maud::{Markup, html};

use super::policy::{Policy, PolicyProblem, Rule};
use super::screening::{self, StoredPolicy};
use super::{store, tests_store};
use crate::db;
use crate::error::AppError;
use crate::state::AppState;
use crate::web::components::{csrf_field, empty_state, post_button};
use crate::web::ctx::{Ctx, FlashLevel, redirect_flash};
use crate::web::layout;

fn describe(ctx: &Ctx, p: &StoredPolicy) -> String {
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

pub async fn list(ctx: Ctx, state: web::Data<AppState>) -> Result<Markup, AppError> {
    let (policies, tests, funnel) = db::run(&state.pool, |conn| {
        Ok((
            screening::policies(conn)?,
            tests_store::tests(conn)?,
            screening::funnel(conn)?,
        ))
    })
    .await?;
    let title = ctx.t("policies-title");
    Ok(layout::page(
        &ctx,
        &title,
        html! {
            hgroup.page-head { h1 { (title) } (post_button(&ctx, "/manage/policies/decide", &ctx.t("policies-decide"), "secondary", Some(&ctx.t("policies-decide-confirm")))) }
            section.funnel {
            h2 { (ctx.t("funnel-title")) }
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
            ul { @for p in &policies {
                li { a href={ "/manage/policies/" (p.id) } { (describe(&ctx, p)) } " " mark { (ctx.t(&format!("policy-status-{}", p.status))) } }
            } }
            @if !tests.is_empty() {
                details open[policies.is_empty()] {
                    summary { (ctx.t("policies-new")) }
                    form method="post" action="/manage/policies" {
                        (csrf_field(&ctx))
                        fieldset { legend { (ctx.t("policies-weights")) }
                            @for (t, _) in &tests { label { (t.title) input type="number" name={ "w" (t.id) } min="0" max="100" value="0"; } }
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
    ))
}

fn parse(body: &[u8]) -> Result<Result<(Policy, i64), PolicyProblem>, AppError> {
    let pairs: Vec<(String, String)> =
        serde_urlencoded::from_bytes(body).map_err(|_| AppError::BadRequest)?;
    let get = |k: &str| {
        pairs
            .iter()
            .find(|(key, _)| key == k)
            .map(|(_, v)| v.trim().to_string())
            .unwrap_or_default()
    };
    let num = |k: &str| get(k).parse::<i64>().map_err(|_| AppError::BadRequest);
    let mut tests = Vec::new();
    for (k, v) in &pairs {
        if let Some(id) = k.strip_prefix('w').and_then(|s| s.parse::<i64>().ok()) {
            let weight: i64 = v.trim().parse().map_err(|_| AppError::BadRequest)?;
            if weight != 0 {
                tests.push((id, weight));
            }
        }
    }
    let rule = match get("rule").as_str() {
        "top_percent" => Rule::TopPercent {
            percent: num("percent")?,
        },
        "min_score" => Rule::MinScore {
            threshold_bp: num("threshold")? * 100,
        },
        _ => return Err(AppError::BadRequest),
    };
    let policy = Policy {
        tests,
        rule,
        floor_bp: num("floor")? * 100,
    };
    let window = num("window")?;
    if !(1..=3650).contains(&window) {
        return Err(AppError::BadRequest);
    }
    Ok(policy.validate().map(|()| (policy, window)))
}

pub async fn create(
    state: web::Data<AppState>,
    body: web::Bytes,
) -> Result<HttpResponse, AppError> {
    let (policy, window) = match parse(&body)? {
        Ok(p) => p,
        Err(problem) => {
            let key = match problem {
                PolicyProblem::NoTests => "flash-policy-no-tests",
                PolicyProblem::BadWeight => "flash-policy-weight",
                _ => "flash-policy-values",
            };
            return Ok(redirect_flash("/manage/policies", FlashLevel::Error, key));
        }
    };
    let now = state.clock.now();
    let id = db::run(&state.pool, move |conn| {
        for (test, _) in &policy.tests {
            tests_store::test(conn, *test)?.ok_or(AppError::BadRequest)?;
        }
        screening::create_draft(conn, now, &policy, window)
    })
    .await?;
    Ok(redirect_flash(
        &format!("/manage/policies/{id}"),
        FlashLevel::Success,
        "flash-saved",
    ))
}

/// The policy and, for a draft, what it would decide on every past candidate.
pub async fn show(
    ctx: Ctx,
    state: web::Data<AppState>,
    id: web::Path<i64>,
) -> Result<Markup, AppError> {
    let id = id.into_inner();
    let now = state.clock.now();
    let (p, ranked, current, names) = db::run(&state.pool, move |conn| {
        let p = screening::policy(conn, id)?.ok_or(AppError::NotFound)?;
        let ranked = screening::evaluate(conn, &p, now)?;
        let current = screening::current_decisions(conn)?;
        let names = store::names(
            conn,
            &ranked.iter().map(|r| r.candidate_id).collect::<Vec<_>>(),
        )?;
        Ok((p, ranked, current, names))
    })
    .await?;
    let hired = ranked.iter().filter(|r| r.hired).count();
    let changed = ranked
        .iter()
        .filter(|r| current.get(&r.candidate_id).is_some_and(|h| *h != r.hired))
        .count();
    let title = describe(&ctx, &p);
    Ok(layout::page(
        &ctx,
        &title,
        html! {
            nav aria-label="breadcrumb" { ul { li { a href="/manage/policies" { (ctx.t("policies-title")) } } li { "v" (p.version) } } }
            hgroup.page-head {
                h1 { (title) " " mark { (ctx.t(&format!("policy-status-{}", p.status))) } }
                @if p.status == "draft" { (post_button(&ctx, &format!("/manage/policies/{}/activate", p.id), &ctx.t("policies-activate"), "", Some(&ctx.t("policies-activate-confirm")))) }
            }
            p { (ctx.tr.t_args("policies-what-if", &[("hired", (hired as i64).into()), ("cohort", (ranked.len() as i64).into()), ("changed", (changed as i64).into())])) }
            @if ranked.is_empty() { (empty_state(&ctx.t("policies-no-cohort-title"), &ctx.t("policies-no-cohort-text"))) } @else {
                div.table-wrap { table.striped.dense.what-if {
                    thead { tr { th { (ctx.t("policies-rank")) } th { (ctx.t("field-name")) } th.amount { (ctx.t("policies-score")) } th { (ctx.t("policies-would")) } th { (ctx.t("policies-now")) } } }
                    tbody { @for r in &ranked {
                        tr.changed[current.get(&r.candidate_id).is_some_and(|h| *h != r.hired)] {
                            td { (r.rank) }
                            td { (names.iter().find(|(id, _)| *id == r.candidate_id).map(|(_, n)| n.as_str()).unwrap_or("?")) }
                            td.amount { (r.score_bp / 100) "." (format!("{:02}", r.score_bp % 100)) "%" }
                            td { (if r.hired { ctx.t("policies-hire") } else { ctx.t("policies-reject") }) }
                            td { @match current.get(&r.candidate_id) { Some(true) => { (ctx.t("policies-hire")) } Some(false) => { (ctx.t("policies-reject")) } None => { "—" } } }
                        }
                    } }
                } }
            }
        },
    ))
}

pub async fn activate(
    ctx: Ctx,
    state: web::Data<AppState>,
    id: web::Path<i64>,
) -> Result<HttpResponse, AppError> {
    let actor = ctx.user()?.id;
    let id = id.into_inner();
    let now = state.clock.now();
    let done = db::run(&state.pool, move |conn| {
        screening::activate(conn, now, actor, id)
    })
    .await?;
    let back = format!("/manage/policies/{id}");
    Ok(if done {
        redirect_flash(&back, FlashLevel::Success, "flash-policy-activated")
    } else {
        redirect_flash(&back, FlashLevel::Error, "flash-policy-not-draft")
    })
}

pub async fn decide(state: web::Data<AppState>) -> Result<HttpResponse, AppError> {
    let settings = state.settings.clone();
    let now = state.clock.now();
    db::run(&state.pool, move |conn| {
        screening::decide_all(conn, &settings, now)
    })
    .await?;
    state.jobs.kick_outbox().await;
    Ok(redirect_flash(
        "/manage/policies",
        FlashLevel::Success,
        "flash-decided",
    ))
}

/// Re-evaluates one candidate under the active policy (e.g. someone rejected before).
pub async fn reevaluate(
    state: web::Data<AppState>,
    candidate: web::Path<i64>,
) -> Result<HttpResponse, AppError> {
    let candidate = candidate.into_inner();
    let settings = state.settings.clone();
    let now = state.clock.now();
    let report = db::run(&state.pool, move |conn| {
        screening::decide_for(conn, &settings, now, Some(candidate))
    })
    .await?;
    state.jobs.kick_outbox().await;
    let key = if report.hired + report.rejected == 0 {
        "flash-reevaluate-nothing"
    } else {
        "flash-decided"
    };
    Ok(redirect_flash(
        "/manage/candidates",
        FlashLevel::Success,
        key,
    ))
}
