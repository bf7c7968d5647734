//! The worker's history page: every job in every status, filtered, a page at a time.

use actix_web::web;
use maud::Markup;
use serde::Deserialize;

use crate::db;
use crate::error::AppError;
use crate::orders::store::history::{HistoryFilter, worker_history};
use crate::orders::views;
use crate::state::AppState;
use crate::web::components::Paging;
use crate::web::ctx::Ctx;

const PER_PAGE: i64 = 20;

#[derive(Deserialize, Default)]
#[serde(default)]
pub struct HistoryQuery {
    status: String,
    page: Option<i64>,
}

pub async fn page(
    ctx: Ctx,
    state: web::Data<AppState>,
    query: web::Query<HistoryQuery>,
) -> Result<Markup, AppError> {
    let worker_id = ctx.user()?.id;
    // An unknown filter shows everything rather than an error: it only narrows a list.
    let filter = HistoryFilter::parse(&query.status).unwrap_or(HistoryFilter::All);
    let paging = Paging::new(query.page, PER_PAGE);
    let (lines, total) = db::run(&state.pool, move |conn| {
        Ok(worker_history(
            conn,
            worker_id,
            filter,
            (paging.per_page, paging.offset()),
        )?)
    })
    .await?;
    Ok(views::history::page(&ctx, &lines, filter, paging, total))
}
