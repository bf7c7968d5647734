//! The managers' queue of written answers to grade.

use actix_web::{HttpResponse, web};
use maud::Markup;
use serde::Deserialize;

use crate::db;
use crate::error::AppError;
use crate::hiring::service::attempts;
use crate::hiring::views::grading as views;
use crate::state::AppState;
use crate::web::ctx::{Ctx, FlashLevel, redirect_flash};

pub async fn queue(ctx: Ctx, state: web::Data<AppState>) -> Result<Markup, AppError> {
    let items = db::run(&state.pool, |conn| Ok(attempts::ungraded(conn)?)).await?;
    Ok(views::queue(&ctx, &items))
}

#[derive(Deserialize, Default)]
#[serde(default)]
pub struct PointsForm {
    points: String,
}

pub async fn grade(
    state: web::Data<AppState>,
    path: web::Path<(i64, i64)>,
    form: web::Form<PointsForm>,
) -> Result<HttpResponse, AppError> {
    let (assignment, question) = path.into_inner();
    let points: i64 = form
        .points
        .trim()
        .parse()
        .map_err(|_| AppError::BadRequest)?;
    let (settings, now) = (state.settings(), state.clock.now());
    let result = db::run(&state.pool, move |conn| {
        attempts::grade_text(conn, &settings, now, assignment, question, points)
    })
    .await;
    Ok(match result {
        Ok(()) => redirect_flash("/manage/grading", FlashLevel::Success, "flash-graded"),
        Err(AppError::Refused(key)) => redirect_flash("/manage/grading", FlashLevel::Error, key),
        Err(e) => return Err(e),
    })
}
