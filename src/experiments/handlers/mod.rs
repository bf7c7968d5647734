//! Experiments' pages for managers and admins: the list, a new experiment's form, one
//! experiment's report with its CSV, and the lifecycle's buttons.

mod form;

use actix_web::{HttpResponse, web};
use maud::Markup;

use crate::db;
use crate::error::AppError;
use crate::experiments::model::DecisionKind;
use crate::experiments::service::{self, report, results};
use crate::experiments::store;
use crate::experiments::views;
use crate::state::AppState;
use crate::web::ctx::{Ctx, FlashLevel, redirect_flash};

pub async fn list(ctx: Ctx, state: web::Data<AppState>) -> Result<Markup, AppError> {
    let all = db::run(&state.pool, |conn| Ok(service::list(conn)?)).await?;
    Ok(views::list(&ctx, &all))
}

#[derive(serde::Deserialize)]
pub struct NewQuery {
    decision: Option<String>,
}

pub async fn new(
    ctx: Ctx,
    state: web::Data<AppState>,
    query: web::Query<NewQuery>,
) -> Result<Markup, AppError> {
    let decision = match query.decision.as_deref() {
        None => DecisionKind::Screening,
        Some(d) => DecisionKind::parse(d).ok_or(AppError::BadRequest)?,
    };
    let choices = db::run(&state.pool, |conn| service::choices(conn)).await?;
    Ok(views::form::page(&ctx, decision, &choices))
}

pub async fn create(
    ctx: Ctx,
    state: web::Data<AppState>,
    body: web::Bytes,
) -> Result<HttpResponse, AppError> {
    let user = ctx.user()?;
    let actor = (user.id, user.role);
    let new = match form::parse(&body) {
        Ok(new) => new,
        Err(key) => {
            return Ok(redirect_flash(
                "/manage/experiments/new",
                FlashLevel::Error,
                key,
            ));
        }
    };
    let back = format!("/manage/experiments/new?decision={}", new.decision.as_str());
    let now = state.clock.now();
    match db::run(&state.pool, move |conn| {
        service::create(conn, now, actor, &new)
    })
    .await
    {
        Ok(id) => Ok(redirect_flash(
            &format!("/manage/experiments/{id}"),
            FlashLevel::Success,
            "flash-saved",
        )),
        Err(AppError::Refused(key)) => Ok(redirect_flash(&back, FlashLevel::Error, key)),
        Err(e) => Err(e),
    }
}

pub async fn show(
    ctx: Ctx,
    state: web::Data<AppState>,
    id: web::Path<i64>,
) -> Result<Markup, AppError> {
    let id = id.into_inner();
    let (e, r) = db::run(&state.pool, move |conn| {
        let e = store::experiment(conn, id)?.ok_or(AppError::NotFound)?;
        let r = report::build(&e, &store::results(conn, id)?, store::arm_totals(conn, id)?);
        Ok((e, r))
    })
    .await?;
    Ok(views::detail::page(&ctx, &e, &r))
}

pub async fn csv(
    ctx: Ctx,
    state: web::Data<AppState>,
    id: web::Path<i64>,
) -> Result<HttpResponse, AppError> {
    let id = id.into_inner();
    let (e, rows) = db::run(&state.pool, move |conn| {
        let e = store::experiment(conn, id)?.ok_or(AppError::NotFound)?;
        Ok((e, store::results(conn, id)?))
    })
    .await?;
    let body = views::csv::results(&ctx, &e, &rows);
    Ok(HttpResponse::Ok()
        .content_type("text/csv; charset=utf-8")
        .insert_header((
            "Content-Disposition",
            format!("attachment; filename=\"experiment-{id}.csv\""),
        ))
        .body(body))
}

/// What a lifecycle button asks for.
#[derive(Clone, Copy)]
enum Step {
    Start,
    Stop,
    Delete,
    Refresh,
}

#[derive(serde::Deserialize)]
pub struct StopForm {
    adopt: Option<String>,
}

async fn step(
    ctx: Ctx,
    state: web::Data<AppState>,
    id: i64,
    step: Step,
    adopt: Option<i64>,
) -> Result<HttpResponse, AppError> {
    let user = ctx.user()?;
    let actor = (user.id, user.role);
    let now = state.clock.now();
    let settings = state.settings();
    let result = db::run(&state.pool, move |conn| match step {
        Step::Start => service::start(conn, now, actor, id),
        Step::Stop => service::stop(conn, now, actor, id, adopt),
        Step::Delete => service::delete(conn, now, actor, id),
        Step::Refresh => results::refresh(conn, &settings, now, id),
    })
    .await;
    let page = format!("/manage/experiments/{id}");
    match result {
        Ok(()) => {
            let (to, key) = match step {
                Step::Start => (page.as_str(), "flash-experiment-started"),
                Step::Stop if adopt.is_some() => (page.as_str(), "flash-experiment-adopted"),
                Step::Stop => (page.as_str(), "flash-experiment-stopped"),
                Step::Delete => ("/manage/experiments", "flash-experiment-deleted"),
                Step::Refresh => (page.as_str(), "flash-experiment-refreshed"),
            };
            Ok(redirect_flash(to, FlashLevel::Success, key))
        }
        Err(AppError::Refused(key)) => Ok(redirect_flash(&page, FlashLevel::Error, key)),
        Err(e) => Err(e),
    }
}

pub async fn start(
    ctx: Ctx,
    state: web::Data<AppState>,
    id: web::Path<i64>,
) -> Result<HttpResponse, AppError> {
    step(ctx, state, id.into_inner(), Step::Start, None).await
}

pub async fn stop(
    ctx: Ctx,
    state: web::Data<AppState>,
    id: web::Path<i64>,
    f: web::Form<StopForm>,
) -> Result<HttpResponse, AppError> {
    let adopt = match f.adopt.as_deref().map(str::trim) {
        None | Some("") => None,
        Some(a) => Some(a.parse::<i64>().map_err(|_| AppError::BadRequest)?),
    };
    step(ctx, state, id.into_inner(), Step::Stop, adopt).await
}

pub async fn delete(
    ctx: Ctx,
    state: web::Data<AppState>,
    id: web::Path<i64>,
) -> Result<HttpResponse, AppError> {
    step(ctx, state, id.into_inner(), Step::Delete, None).await
}

pub async fn refresh(
    ctx: Ctx,
    state: web::Data<AppState>,
    id: web::Path<i64>,
) -> Result<HttpResponse, AppError> {
    step(ctx, state, id.into_inner(), Step::Refresh, None).await
}
