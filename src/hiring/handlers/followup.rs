//! The follow-up page of every screening-policy version: whom each hired and how they did.

use actix_web::web;
use maud::Markup;

use crate::db;
use crate::error::AppError;
use crate::hiring::service::followup;
use crate::hiring::views::followup as views;
use crate::state::AppState;
use crate::web::ctx::Ctx;

pub async fn page(ctx: Ctx, state: web::Data<AppState>) -> Result<Markup, AppError> {
    let now = state.clock.now();
    let versions = db::run(&state.pool, move |conn| followup::by_version(conn, now)).await?;
    Ok(views::page(&ctx, &versions))
}
