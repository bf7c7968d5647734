//! Managers' order pages: the filtered table, offering, assigning, handing over the kit,
//! cancelling with a reason and settling a dispute (the order page itself is composed in
//! `home`, with matching's and quality's parts).

use actix_web::{HttpResponse, web};
use chrono::{NaiveDate, Utc};
use maud::Markup;
use serde::Deserialize;

use super::{ReasonStep, reason_step, simple_step};
use crate::auth::model::Role;
use crate::auth::store as users;
use crate::catalogue::store as catalogue;
use crate::db;
use crate::error::AppError;
use crate::orders::model::Status;
use crate::orders::service::Command;
use crate::orders::service::Hooks;
use crate::orders::store::queries::{self, Filter, Sort};
use crate::orders::views;
use crate::state::AppState;
use crate::web::components::Paging;
use crate::web::ctx::Ctx;
use crate::web::ctx::{FlashLevel, redirect_flash};

pub const PAGE_SIZE: i64 = 25;

#[derive(Deserialize, Default, Clone)]
#[serde(default)]
pub struct TableQuery {
    pub status: String,
    pub service: String,
    pub worker: String,
    pub client: String,
    pub from: String,
    pub to: String,
    pub q: String,
    pub sort: String,
    pub page: Option<i64>,
}

/// Turns the query string into a filter; an unparsable value is a bad request, not ignored.
fn filter(q: &TableQuery, tz: chrono_tz::Tz) -> Result<Filter, AppError> {
    let opt_id = |s: &str| -> Result<Option<i64>, AppError> {
        if s.is_empty() {
            Ok(None)
        } else {
            s.parse().map(Some).map_err(|_| AppError::BadRequest)
        }
    };
    let day_start = |s: &str, plus_days: i64| -> Result<Option<chrono::DateTime<Utc>>, AppError> {
        if s.is_empty() {
            return Ok(None);
        }
        let d = NaiveDate::parse_from_str(s, "%Y-%m-%d").map_err(|_| AppError::BadRequest)?
            + chrono::Duration::days(plus_days);
        Ok(Some(crate::calendar::day_start(tz, d)))
    };
    Ok(Filter {
        status: if q.status.is_empty() {
            None
        } else {
            Some(Status::parse(&q.status).ok_or(AppError::BadRequest)?)
        },
        service_id: opt_id(&q.service)?,
        worker_id: opt_id(&q.worker)?,
        client: q.client.trim().chars().take(100).collect(),
        from: day_start(&q.from, 0)?,
        to: day_start(&q.to, 1)?,
        search: q.q.trim().chars().take(100).collect(),
        sort: if q.sort.is_empty() {
            Sort::default()
        } else {
            Sort::parse(&q.sort).ok_or(AppError::BadRequest)?
        },
    })
}

pub async fn table(
    ctx: Ctx,
    state: web::Data<AppState>,
    q: web::Query<TableQuery>,
) -> Result<Markup, AppError> {
    let q = q.into_inner();
    let f = filter(&q, state.settings().time_zone)?;
    let paging = Paging::new(q.page, PAGE_SIZE);
    let data = db::run(&state.pool, move |conn| {
        let (orders, total) = queries::manager_orders(conn, &f, paging.per_page, paging.offset())?;
        Ok(views::manage::Table {
            orders,
            total,
            services: catalogue::services(conn, false)?,
            workers: users::users_with_role(conn, Role::Worker, 500)?,
        })
    })
    .await?;
    Ok(views::manage::table(&ctx, &data, &q, paging))
}

#[derive(Deserialize, Default)]
#[serde(default)]
pub struct WorkerForm {
    worker: String,
}

fn order_path(id: i64) -> String {
    format!("/manage/orders/{id}")
}

/// Offer the order to a worker (who may accept) or assign it directly.
pub async fn give(
    ctx: Ctx,
    state: web::Data<AppState>,
    hooks: web::Data<Hooks>,
    path: web::Path<(i64, String)>,
    form: web::Form<WorkerForm>,
) -> Result<HttpResponse, AppError> {
    let (id, how) = path.into_inner();
    let worker_id = form.worker.parse().map_err(|_| AppError::BadRequest)?;
    let (cmd, success) = match how.as_str() {
        "offer" => (Command::Offer { worker_id }, "flash-offer-sent"),
        "assign" => (Command::Assign { worker_id }, "flash-assigned"),
        _ => return Err(AppError::NotFound),
    };
    simple_step(
        state,
        &hooks,
        ctx.user.as_ref(),
        id,
        cmd,
        &order_path(id),
        success,
    )
    .await
}

/// One-button steps: hand over the kit, settle a dispute by completing the order.
pub async fn step(
    ctx: Ctx,
    state: web::Data<AppState>,
    hooks: web::Data<Hooks>,
    path: web::Path<(i64, String)>,
) -> Result<HttpResponse, AppError> {
    let (id, step) = path.into_inner();
    let (cmd, success) = match step.as_str() {
        "kit" => (Command::ConfirmKit, "flash-kit-issued"),
        "resolve" => (
            Command::ResolveComplete {
                final_price_minor: None,
            },
            "flash-dispute-resolved",
        ),
        _ => return Err(AppError::NotFound),
    };
    simple_step(
        state,
        &hooks,
        ctx.user.as_ref(),
        id,
        cmd,
        &order_path(id),
        success,
    )
    .await
}

/// The counts typed as `returned_<consumable id>` on a started job's cancel form; `None` when
/// one is not a whole number from 0 up.
fn returned_counts(fields: &[(String, String)]) -> Option<Vec<(i64, i64)>> {
    fields
        .iter()
        .filter_map(|(name, value)| Some((name.strip_prefix("returned_")?, value)))
        .map(|(id, value)| {
            let id = id.parse::<i64>().ok()?;
            let n = value
                .trim()
                .parse::<i64>()
                .ok()
                .filter(|n| (0..=100_000).contains(n))?;
            Some((id, n))
        })
        .collect()
}

pub async fn cancel(
    ctx: Ctx,
    state: web::Data<AppState>,
    hooks: web::Data<Hooks>,
    id: web::Path<i64>,
    form: web::Form<Vec<(String, String)>>,
) -> Result<HttpResponse, AppError> {
    let id = id.into_inner();
    let back = order_path(id);
    let reason = form
        .iter()
        .find(|(name, _)| name == "reason")
        .map(|(_, v)| v.as_str())
        .unwrap_or("");
    let started = form.iter().any(|(name, _)| name.starts_with("returned_"));
    let Some(returned) = returned_counts(&form) else {
        return Ok(redirect_flash(
            &back,
            FlashLevel::Error,
            "flash-returned-invalid",
        ));
    };
    // Managers always say why: every cancellation is reviewed by quality control.
    let step = ReasonStep {
        max_chars: 500,
        required: true,
        on_problem: &back,
        problem: "flash-reason-required",
        back: &back,
        success: "flash-order-cancelled",
    };
    reason_step(
        &state,
        &hooks,
        ctx.user.as_ref(),
        id,
        reason,
        step,
        |reason| {
            if started {
                Command::CancelStarted { reason, returned }
            } else {
                Command::Cancel { reason }
            }
        },
    )
    .await
}

/// The unplaced queue's first `limit` orders (see `queries::unplaced`).
pub async fn load_unplaced(
    state: &AppState,
    limit: i64,
) -> Result<views::unplaced::Unplaced, AppError> {
    let (now, hours) = (state.clock.now(), state.settings().orders.unplaced_hours);
    let (orders, total) = db::run(&state.pool, move |conn| {
        Ok(queries::unplaced(conn, now, hours, limit)?)
    })
    .await?;
    Ok(views::unplaced::Unplaced {
        orders,
        total,
        hours,
        now,
    })
}

/// `GET /manage/unplaced`: the whole queue (the dashboard shows its head, live).
pub async fn unplaced(ctx: Ctx, state: web::Data<AppState>) -> Result<Markup, AppError> {
    let queue = load_unplaced(&state, 200).await?;
    Ok(views::unplaced::page(&ctx, &queue))
}

#[cfg(test)]
mod tests {
    use chrono::TimeZone;

    use super::*;

    #[test]
    fn a_date_filter_on_a_day_whose_midnight_is_skipped_still_filters() {
        // Chile springs forward at midnight on 2024-09-08: 00:00 does not exist that day.
        let q = TableQuery {
            from: "2024-09-08".into(),
            to: "2024-09-08".into(),
            ..TableQuery::default()
        };
        let f = filter(&q, chrono_tz::America::Santiago).expect("valid dates");
        assert_eq!(
            f.from,
            Some(Utc.with_ymd_and_hms(2024, 9, 8, 4, 0, 0).unwrap())
        );
        assert_eq!(
            f.to,
            Some(Utc.with_ymd_and_hms(2024, 9, 9, 3, 0, 0).unwrap())
        );
    }
}
