//! HTTP handlers for the notification list, opening one (which marks it read) and the
//! unread badge.

use actix_web::{HttpResponse, web};
use maud::Markup;
use serde::Deserialize;

use super::{service, store, views};
use crate::config::Brand;
use crate::db;
use crate::error::AppError;
use crate::state::AppState;
use crate::web::components::Paging;
use crate::web::ctx::{Ctx, redirect};
use crate::web::{layout, safe_path};

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
    let (mut items, total) = db::run(&state.pool, move |conn| {
        Ok(store::notifications_page(
            conn,
            user_id,
            paging.per_page,
            paging.offset(),
        )?)
    })
    .await?;
    let reader = ctx.user()?.name.clone();
    let brand = Brand::of(&state.settings());
    for n in &mut items {
        service::in_reader_language(&ctx.tr, (&reader, &brand), n);
    }
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

/// "Open →" on a notification: marks it read and follows its link (a local path only).
pub async fn open(
    ctx: Ctx,
    state: web::Data<AppState>,
    id: web::Path<i64>,
) -> Result<HttpResponse, AppError> {
    let (user_id, id) = (ctx.user()?.id, id.into_inner());
    let now = state.clock.now();
    let link = db::run(&state.pool, move |conn| {
        Ok(db::write_tx(conn, |tx| {
            store::mark_one_read(tx, user_id, id, now)
        })?)
    })
    .await?
    .ok_or(AppError::NotFound)?;
    let to = link
        .as_deref()
        .and_then(safe_path)
        .unwrap_or("/notifications");
    Ok(redirect(to))
}

pub async fn mark_read(ctx: Ctx, state: web::Data<AppState>) -> Result<HttpResponse, AppError> {
    let user_id = ctx.user()?.id;
    let now = state.clock.now();
    db::run(&state.pool, move |conn| {
        Ok(db::write_tx(conn, |tx| {
            store::mark_all_read(tx, user_id, now)
        })?)
    })
    .await?;
    Ok(redirect("/notifications"))
}
