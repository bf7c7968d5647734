//! HTTP handlers of quality control: the queue, one review, assignment, the decision, the
//! navigation badge and the insights page. Managers only (the `/manage` scope checks).

use actix_web::{HttpResponse, web};
use chrono::{Duration, NaiveDate};
use maud::Markup;

use super::model::Filter;
use super::model::review::ReviewForm;
use super::service::{insights, profile, queue, review};
use super::store::reviews::{self, History};
use super::views::{self, ReviewPage};
use crate::db::{self, write_tx};
use crate::error::AppError;
use crate::orders::handlers::load_details;
use crate::orders::model::Actor;
use crate::orders::service::Hooks;
use crate::state::AppState;
use crate::web::components::Paging;
use crate::web::ctx::{Ctx, FlashLevel, redirect_flash};

/// Reviews per page of the queue, as many as a page of the orders table.
pub const QUEUE_PAGE_SIZE: i64 = crate::orders::handlers::manage::PAGE_SIZE;

pub async fn queue_page(
    ctx: Ctx,
    state: web::Data<AppState>,
    filter: web::Query<Filter>,
) -> Result<Markup, AppError> {
    let me = ctx.user()?.id;
    let mut filter = filter.into_inner();
    // The queue opens on what needs doing; "any" shows the done ones too.
    if filter.status.is_empty() {
        filter.status = "open".into();
    }
    let f = filter.clone();
    let paging = Paging::new(filter.page, QUEUE_PAGE_SIZE);
    let (rows, total) = db::run(&state.pool, move |conn| {
        Ok(reviews::list(
            conn,
            &f,
            me,
            paging.per_page,
            paging.offset(),
        )?)
    })
    .await?;
    let page = views::QueuePage {
        rows: &rows,
        total,
        paging,
    };
    Ok(views::queue(&ctx, &filter, &page, state.clock.now()))
}

pub async fn badge(ctx: Ctx, state: web::Data<AppState>) -> Result<Markup, AppError> {
    let open = db::run(&state.pool, |conn| Ok(reviews::open_count(conn)?)).await?;
    Ok(views::badge(&ctx, open))
}

/// Everything one screen shows about a queued order.
pub async fn review_page(
    ctx: Ctx,
    state: web::Data<AppState>,
    id: web::Path<i64>,
) -> Result<Markup, AppError> {
    let id = id.into_inner();
    let me = ctx.user()?.id;
    let window = state.settings().quality.insights.window_days;
    let now = state.clock.now();
    let (review, managers) = db::run(&state.pool, move |conn| {
        let review = reviews::review(conn, id)?.ok_or(AppError::NotFound)?;
        Ok((review, reviews::active_managers(conn)?))
    })
    .await?;
    let details = load_details(&state, Actor::Manager(me), review.order_id).await?;
    let (order_id, client_id, worker_id) =
        (review.order_id, details.order.client_id, review.worker_id);
    let page = db::run(&state.pool, move |conn| {
        Ok(ReviewPage {
            matching: crate::matching::service::order_summary(conn, order_id)?,
            money: crate::billing::store::statements::order_money(conn, order_id)?,
            client_history: History::of_client(conn, client_id, order_id)?,
            worker_history: match worker_id {
                Some(w) => Some((
                    History::of_worker(conn, w, order_id)?,
                    profile::profile(conn, w, now, window)?,
                )),
                None => None,
            },
            review,
            managers,
        })
    })
    .await?;
    Ok(views::review_page(&ctx, &page, &details))
}

#[derive(Debug, Default, serde::Deserialize)]
#[serde(default)]
pub struct AssignForm {
    reviewer: String,
    due: String,
}

pub async fn assign(
    state: web::Data<AppState>,
    id: web::Path<i64>,
    form: web::Form<AssignForm>,
) -> Result<HttpResponse, AppError> {
    let id = id.into_inner();
    let back = format!("/manage/qc/{id}");
    let tz = state.settings().time_zone;
    let reviewer = form.reviewer.trim().parse::<i64>().ok();
    // The end of the chosen day in the business time zone.
    let due = NaiveDate::parse_from_str(form.due.trim(), "%Y-%m-%d")
        .ok()
        .map(|d| crate::calendar::day_start(tz, d + Duration::days(1)));
    let (Some(reviewer), Some(due)) = (reviewer, due) else {
        return Ok(redirect_flash(
            &back,
            FlashLevel::Error,
            "flash-review-assign-invalid",
        ));
    };
    let (settings, now) = (state.settings(), state.clock.now());
    let done = db::run(&state.pool, move |conn| {
        write_tx(conn, |tx| {
            queue::assign(tx, &settings, now, id, reviewer, due)
        })
    })
    .await;
    Ok(match done {
        Err(AppError::Refused(key)) => redirect_flash(&back, FlashLevel::Error, key),
        other => {
            other?;
            redirect_flash(&back, FlashLevel::Success, "flash-review-assigned")
        }
    })
}

pub async fn decide(
    ctx: Ctx,
    state: web::Data<AppState>,
    hooks: web::Data<Hooks>,
    id: web::Path<i64>,
    form: web::Form<ReviewForm>,
) -> Result<HttpResponse, AppError> {
    let (id, me) = (id.into_inner(), ctx.user()?.id);
    let back = format!("/manage/qc/{id}");
    let (settings, now, hooks) = (state.settings(), state.clock.now(), **hooks);
    let form = form.into_inner();
    let done = db::run(&state.pool, move |conn| {
        write_tx(conn, |tx| {
            review::submit(tx, &settings, &hooks, now, me, id, &form)
        })
    })
    .await;
    Ok(match done {
        Err(AppError::Refused(key)) => redirect_flash(&back, FlashLevel::Error, key),
        other => {
            other?;
            redirect_flash(&back, FlashLevel::Success, "flash-review-done")
        }
    })
}

pub async fn insights_page(ctx: Ctx, state: web::Data<AppState>) -> Result<Markup, AppError> {
    let rules = state.settings().quality.insights.clone();
    let (tz, now) = (state.settings().time_zone, state.clock.now());
    let pool = state.pool.clone();
    let (found, hours) = web::block(move || insights::page(&pool, &rules, tz, now))
        .await
        .map_err(|e| AppError::Internal(anyhow::anyhow!(e)))??;
    Ok(views::insights::insights(
        &ctx,
        &state.settings().quality.insights,
        &found,
        &hours,
        now,
    ))
}
