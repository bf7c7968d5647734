//! The managers' list of candidates.

use actix_web::web;
use maud::Markup;
use serde::Deserialize;

use crate::db;
use crate::error::AppError;
use crate::hiring::model::CandidateStatus;
use crate::hiring::store::{self, screening_tests as tests_store};
use crate::hiring::views::candidates as views;
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
    let ((rows, total), tests, given) = db::run(&state.pool, move |conn| {
        let (rows, total) = store::list(conn, status, paging.per_page, paging.offset())?;
        // The tests each candidate on the page was given (a page holds at most 30).
        let mut given = Vec::with_capacity(rows.len());
        for c in &rows {
            given.push(crate::hiring::store::attempts::for_candidate(conn, c.id)?);
        }
        Ok(((rows, total), tests_store::tests(conn)?, given))
    })
    .await?;
    Ok(views::list(
        &ctx,
        status,
        (&rows, &given),
        total,
        paging,
        &tests,
    ))
}
