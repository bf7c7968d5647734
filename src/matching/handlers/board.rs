//! The open job board: a worker's list of orders they may take and their "I'll take it", and
//! the manager's "open to volunteers".

use actix_web::{HttpResponse, web};
use maud::Markup;

use crate::db;
use crate::error::AppError;
use crate::matching::service::board;
use crate::orders::service::Hooks;
use crate::state::AppState;
use crate::web::ctx::{Ctx, FlashLevel, redirect_flash};

pub async fn page(ctx: Ctx, state: web::Data<AppState>) -> Result<Markup, AppError> {
    let worker_id = ctx.user()?.id;
    let settings = state.settings();
    let now = state.clock.now();
    let orders = db::run(&state.pool, move |conn| {
        board::for_worker(conn, &settings, now, worker_id)
    })
    .await?;
    Ok(crate::matching::views::board::page(&ctx, &orders))
}

pub async fn volunteer(
    ctx: Ctx,
    state: web::Data<AppState>,
    hooks: web::Data<Hooks>,
    id: web::Path<i64>,
) -> Result<HttpResponse, AppError> {
    let worker_id = ctx.user()?.id;
    let id = id.into_inner();
    let (settings, hooks) = (state.settings(), **hooks);
    let now = state.clock.now();
    let result = db::run(&state.pool, move |conn| {
        board::volunteer(conn, &settings, &hooks, now, worker_id, id)
    })
    .await;
    match result {
        Ok(()) => {
            state.jobs.kick_outbox();
            Ok(redirect_flash(
                &format!("/worker/jobs/{id}"),
                FlashLevel::Success,
                "flash-board-taken",
            ))
        }
        Err(AppError::Refused(key)) => Ok(redirect_flash("/worker/board", FlashLevel::Error, key)),
        Err(other) => Err(other),
    }
}

pub async fn open(
    ctx: Ctx,
    state: web::Data<AppState>,
    hooks: web::Data<Hooks>,
    id: web::Path<i64>,
) -> Result<HttpResponse, AppError> {
    let manager_id = ctx.user()?.id;
    let id = id.into_inner();
    let (settings, hooks) = (state.settings(), **hooks);
    let now = state.clock.now();
    let result = db::run(&state.pool, move |conn| {
        board::open(conn, (&settings, &hooks), now, manager_id, id)
    })
    .await;
    let back = format!("/manage/orders/{id}");
    match result {
        Ok(true) => Ok(redirect_flash(
            &back,
            FlashLevel::Success,
            "flash-board-opened",
        )),
        Ok(false) => Ok(redirect_flash(
            &back,
            FlashLevel::Info,
            "flash-board-already",
        )),
        Err(AppError::Refused(key)) => Ok(redirect_flash(&back, FlashLevel::Error, key)),
        Err(other) => Err(other),
    }
}
