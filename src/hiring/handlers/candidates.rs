//! The managers' list of candidates.

use actix_web::web;
use maud::Markup;
use serde::Deserialize;

use crate::db;
use crate::error::AppError;
use crate::hiring::model::CandidateStatus;
use crate::hiring::views::candidates as views;
use crate::hiring::{store, tests_store};
use crate::state::AppState;
use crate::web::components::Paging;
use crate::web::ctx::Ctx;

#[derive(Deserialize)]
pub struct ListQuery {
    #[serde(default)]
    status: String,
    page: Option<i64>,
}

pub async fn list(
    ctx: Ctx,
    state: web::Data<AppState>,
    q: web::Query<ListQuery>,
) -> Result<Markup, AppError> {
    let status = CandidateStatus::parse(&q.status);
    let paging = Paging::new(q.page, 30);
    let ((rows, total), tests) = db::run(&state.pool, move |conn| {
        Ok((
            store::list(conn, status, paging.per_page, paging.offset())?,
            tests_store::tests(conn)?,
        ))
    })
    .await?;
    Ok(views::list(&ctx, status, &rows, total, paging, &tests))
}
