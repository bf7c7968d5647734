//! HTTP handlers for the notification list and the unread badge.

use actix_web::{HttpResponse, web};
use maud::Markup;
use serde::Deserialize;

use super::{store, views};
use crate::db;
use crate::error::AppError;
use crate::state::AppState;
use crate::web::components::Paging;
use crate::web::ctx::{Ctx, redirect};
use crate::web::layout;

#[derive(Deserialize)]
pub struct PageQuery {
    page: Option<i64>,
}

pub async fn list(
    ctx: Ctx,
    state: web::Data<AppState>,
    q: web::Query<PageQuery>,
) -> Result<Markup, AppError> {
    let user_id = ctx.user()?.id;
    let paging = Paging::new(q.page, 30);
    let (items, total) = db::run(&state.pool, move |conn| {
        Ok(store::notifications_page(
            conn,
            user_id,
            paging.per_page,
            paging.offset(),
        )?)
    })
    .await?;
    Ok(views::list(&ctx, &items, paging, total))
}

pub async fn badge(ctx: Ctx, state: web::Data<AppState>) -> Result<Markup, AppError> {
    let user_id = ctx.user()?.id;
    let unread = db::run(&state.pool, move |conn| {
        Ok(store::unread_count(conn, user_id)?)
    })
    .await?;
    Ok(layout::badge(&ctx, unread))
}

pub async fn mark_read(ctx: Ctx, state: web::Data<AppState>) -> Result<HttpResponse, AppError> {
    let user_id = ctx.user()?.id;
    let now = state.clock.now();
    db::run(&state.pool, move |conn| {
        Ok(store::mark_all_read(conn, user_id, now)?)
    })
    .await?;
    Ok(redirect("/notifications"))
}
