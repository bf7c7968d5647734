//! Screening policies for managers: drafts, the what-if table on every past candidate,
//! activation, and deciding under the active policy.

use actix_web::{HttpResponse, web};
use maud::Markup;

use crate::db;
use crate::error::AppError;
use crate::hiring::model::policy::{Policy, PolicyProblem, Rule};
use crate::hiring::service::screening;
use crate::hiring::store::{self, screening_tests as tests_store};
use crate::hiring::views::policies as views;
use crate::state::AppState;
use crate::web::ctx::{Ctx, FlashLevel, redirect_flash};

pub async fn list(ctx: Ctx, state: web::Data<AppState>) -> Result<Markup, AppError> {
    let (viewer, now) = (ctx.user()?.id, state.clock.now());
    let (policies, tests, funnel) = db::run(&state.pool, move |conn| {
        screening::note_review(conn, viewer, now)?;
        Ok((
            screening::policies(conn)?,
            tests_store::tests(conn)?,
            screening::funnel(conn)?,
        ))
    })
    .await?;
    Ok(views::list(&ctx, &policies, &tests, &funnel))
}

/// The policy and its window in days; a policy that breaks a rule is refused with its flash.
fn parse(body: &[u8]) -> Result<(Policy, i64), AppError> {
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
    policy.validate().map_err(|problem| {
        AppError::Refused(match problem {
            PolicyProblem::NoTests => "flash-policy-no-tests",
            PolicyProblem::BadWeight => "flash-policy-weight",
            _ => "flash-policy-values",
        })
    })?;
    Ok((policy, window))
}

pub async fn create(
    state: web::Data<AppState>,
    body: web::Bytes,
) -> Result<HttpResponse, AppError> {
    let (policy, window) = match parse(&body) {
        Err(AppError::Refused(key)) => {
            return Ok(redirect_flash("/manage/policies", FlashLevel::Error, key));
        }
        other => other?,
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
    Ok(views::show(&ctx, &p, &ranked, &current, &names))
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
    let settings = state.settings();
    let now = state.clock.now();
    db::run(&state.pool, move |conn| {
        screening::decide_all(conn, &settings, now)
    })
    .await?;
    state.jobs.kick_outbox();
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
    let settings = state.settings();
    let now = state.clock.now();
    let report = db::run(&state.pool, move |conn| {
        screening::decide_for(conn, &settings, now, Some(candidate))
    })
    .await?;
    state.jobs.kick_outbox();
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
