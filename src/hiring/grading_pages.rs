//! The managers' queue of written answers to grade.

use actix_web::{HttpResponse, web};
use maud::{Markup, html};
use serde::Deserialize;

use super::attempts;
use crate::db;
use crate::error::AppError;
use crate::state::AppState;
use crate::web::components::{csrf_field, empty_state};
use crate::web::ctx::{Ctx, FlashLevel, redirect_flash};
use crate::web::layout;

pub async fn queue(ctx: Ctx, state: web::Data<AppState>) -> Result<Markup, AppError> {
    let items = db::run(&state.pool, |conn| Ok(attempts::ungraded(conn)?)).await?;
    let title = ctx.t("grading-title");
    Ok(layout::page(
        &ctx,
        &title,
        html! {
            h1 { (title) }
            @if items.is_empty() { (empty_state(&ctx.t("grading-empty-title"), &ctx.t("grading-empty-text"))) }
            @for i in &items {
                article.grading {
                    header { strong { (i.candidate) } " · " (i.test_title) }
                    p { em { (i.prompt) } }
                    blockquote { (i.text) }
                    form.inline method="post" action={ "/manage/grading/" (i.assignment_id) "/" (i.question_id) } {
                        (csrf_field(&ctx))
                        input type="number" name="points" min="0" max=(i.max_points) required aria-label=(ctx.t("tests-field-points"));
                        " / " (i.max_points) " "
                        button.small type="submit" { (ctx.t("grading-save")) }
                    }
                }
            }
        },
    ))
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
    let result = db::run(&state.pool, move |conn| {
        attempts::grade_text(conn, assignment, question, points)
    })
    .await?;
    Ok(match result {
        Ok(()) => redirect_flash("/manage/grading", FlashLevel::Success, "flash-graded"),
        Err(key) => redirect_flash("/manage/grading", FlashLevel::Error, key),
    })
}
