//! The managers' kits: every pack with its status and contents, and the workers' requests for
//! extra consumables waiting for an answer.

use actix_web::{HttpResponse, web};
use maud::Markup;
use serde::Deserialize;

use super::{done, refused};
use crate::db;
use crate::error::AppError;
use crate::state::AppState;
use crate::supply::model::PackStatus;
use crate::supply::service::{extras, points};
use crate::supply::store::packs;
use crate::supply::views::packs as views;
use crate::web::components::Paging;
use crate::web::ctx::Ctx;

#[derive(Deserialize)]
pub struct Query {
    #[serde(default)]
    status: String,
    page: Option<i64>,
}

pub async fn page(
    ctx: Ctx,
    state: web::Data<AppState>,
    q: web::Query<Query>,
) -> Result<Markup, AppError> {
    let status = PackStatus::parse(&q.status);
    let paging = Paging::new(q.page, 30);
    let ((lines, total), requests) = db::run(&state.pool, move |conn| {
        Ok((
            packs::packs(conn, status, paging.per_page, paging.offset())?,
            packs::pending_extras(conn)?,
        ))
    })
    .await?;
    let points = &state.settings().supply.pickup_points;
    let list = views::PackList {
        status,
        lines: &lines,
        total,
        paging,
        points,
    };
    Ok(views::page(&ctx, &list, &requests))
}

#[derive(Deserialize)]
pub struct PointForm {
    point: String,
}

/// `POST /manage/packs/{id}/point`: the kit is to be collected at another pickup point.
pub async fn choose_point(
    ctx: Ctx,
    state: web::Data<AppState>,
    id: web::Path<i64>,
    form: web::Form<PointForm>,
) -> Result<HttpResponse, AppError> {
    let (settings, now, manager) = (state.settings(), state.clock.now(), ctx.user()?.id);
    let (id, point) = (id.into_inner(), form.into_inner().point);
    let result = db::run(&state.pool, move |conn| {
        points::choose(conn, &settings, now, manager, id, &point)
    })
    .await;
    state.jobs.kick_outbox();
    done("/manage/packs", result, "flash-kit-point-saved")
}

#[derive(Deserialize, Default)]
#[serde(default)]
pub struct RefuseForm {
    reason: String,
}

pub async fn decide(
    ctx: Ctx,
    state: web::Data<AppState>,
    path: web::Path<(i64, String)>,
    form: Option<web::Form<RefuseForm>>,
) -> Result<HttpResponse, AppError> {
    let (id, answer) = path.into_inner();
    let approve = match answer.as_str() {
        "approve" => true,
        "refuse" => false,
        _ => return Err(AppError::NotFound),
    };
    let reason = form.map(|f| f.into_inner().reason).unwrap_or_default();
    if reason.chars().count() > 300 {
        return refused("/manage/packs", "refuse-reason-required");
    }
    let (settings, now, manager) = (state.settings(), state.clock.now(), ctx.user()?.id);
    let result = match db::run(&state.pool, move |conn| {
        extras::decide(conn, &settings, now, manager, id, approve, &reason)
    })
    .await
    {
        Err(e) if e.refusal().is_none() => return Err(e),
        other => other,
    };
    state.jobs.kick_outbox();
    let success = if approve {
        "flash-extra-approved"
    } else {
        "flash-extra-refused"
    };
    done("/manage/packs", result, success)
}
