//! The calendar feed page: see whether there is a link, make or renew one (shown once, on
//! the answer to that request), or revoke it.

use actix_web::{HttpResponse, web};
use maud::Markup;

use crate::auth::service::feeds;
use crate::auth::views::calendar::{FeedPage, page};
use crate::db;
use crate::error::AppError;
use crate::state::AppState;
use crate::web::ctx::{Ctx, FlashLevel, redirect_flash};

pub async fn show(ctx: Ctx, state: web::Data<AppState>) -> Result<Markup, AppError> {
    let user = ctx.user()?;
    if !feeds::may_have_feed(user.role) {
        return Err(AppError::NotFound);
    }
    let id = user.id;
    let created = db::run(&state.pool, move |conn| feeds::created(conn, id)).await?;
    let view = FeedPage {
        role: user.role,
        created,
        new_url: None,
    };
    Ok(page(&ctx, &view))
}

/// Makes a new link (the old one, if any, stops working) and shows it this once.
pub async fn renew(ctx: Ctx, state: web::Data<AppState>) -> Result<Markup, AppError> {
    let user = ctx.user()?;
    let (id, role, now) = (user.id, user.role, state.clock.now());
    let token = db::run(&state.pool, move |conn| feeds::renew(conn, id, role, now)).await?;
    let url = format!(
        "{}/calendar/{token}.ics",
        state.settings().base_url.trim_end_matches('/')
    );
    let view = FeedPage {
        role,
        created: Some(now),
        new_url: Some(&url),
    };
    Ok(page(&ctx, &view))
}

pub async fn revoke(ctx: Ctx, state: web::Data<AppState>) -> Result<HttpResponse, AppError> {
    let id = ctx.user()?.id;
    db::run(&state.pool, move |conn| feeds::revoke(conn, id)).await?;
    Ok(redirect_flash(
        "/account/calendar",
        FlashLevel::Success,
        "flash-calendar-revoked",
    ))
}
