//! The managers' screening-test builder: tests with a time limit and questions of four
//! kinds, reordered and previewed as the candidate will see them (handlers).

use actix_web::http::StatusCode;
use actix_web::{HttpResponse, web};
use maud::Markup;
use serde::Deserialize;

use crate::db::{self, write_tx};
use crate::error::AppError;
use crate::hiring::model::builder::{QuestionForm, parse};
use crate::hiring::store::screening_tests::{self as store, Test, TestQuestion};
use crate::hiring::views::screening_tests as views;
use crate::i18n::{Lang, Texts};
use crate::state::AppState;
use crate::web::ctx::{Ctx, FlashLevel, redirect_flash};
use crate::web::{html as html_response, saved_or_missing};

/// A test's settings, its texts in each language the business uses.
#[derive(Deserialize, Default)]
#[serde(default)]
pub struct TestForm {
    title_en: String,
    title_ru: String,
    instructions_en: String,
    instructions_ru: String,
    minutes: String,
}

fn parse_test(f: &TestForm, languages: &[Lang]) -> Option<(Texts, Texts, i64)> {
    let title = Texts::new(&f.title_en, &f.title_ru);
    let instructions = Texts::new(&f.instructions_en, &f.instructions_ru);
    Some((
        Texts::typed(&title, languages, 200, true).ok()?,
        Texts::typed(&instructions, languages, 4000, false).ok()?,
        f.minutes
            .trim()
            .parse()
            .ok()
            .filter(|m| (1..=240).contains(m))?,
    ))
}

pub async fn list(ctx: Ctx, state: web::Data<AppState>) -> Result<Markup, AppError> {
    let tests = db::run(&state.pool, |conn| Ok(store::tests(conn)?)).await?;
    Ok(views::list(&ctx, &tests))
}

pub async fn create(
    state: web::Data<AppState>,
    form: web::Form<TestForm>,
) -> Result<HttpResponse, AppError> {
    let settings = state.settings();
    let Some((title, instructions, minutes)) = parse_test(&form, &settings.business.languages)
    else {
        return Ok(redirect_flash(
            "/manage/tests",
            FlashLevel::Error,
            "flash-test-invalid",
        ));
    };
    let now = state.clock.now();
    let id = db::run(&state.pool, move |conn| {
        Ok(write_tx(conn, |tx| {
            store::insert_test(tx, title, instructions, minutes, now)
        })?)
    })
    .await?;
    Ok(redirect_flash(
        &format!("/manage/tests/{id}"),
        FlashLevel::Success,
        "flash-saved",
    ))
}

pub async fn update(
    state: web::Data<AppState>,
    id: web::Path<i64>,
    form: web::Form<TestForm>,
) -> Result<HttpResponse, AppError> {
    let id = id.into_inner();
    let back = format!("/manage/tests/{id}");
    let languages = state.settings().business.languages.clone();
    let Some((title, instructions, minutes)) = parse_test(&form, &languages) else {
        return Ok(redirect_flash(
            &back,
            FlashLevel::Error,
            "flash-test-invalid",
        ));
    };
    let now = state.clock.now();
    let n = db::run(&state.pool, move |conn| {
        Ok(write_tx(conn, |tx| {
            store::update_test(tx, id, &languages, &title, &instructions, minutes, now)
        })?)
    })
    .await?;
    saved_or_missing(n > 0, &back)
}

async fn load(state: &AppState, id: i64) -> Result<(Test, Vec<TestQuestion>), AppError> {
    db::run(&state.pool, move |conn| {
        Ok((
            store::test(conn, id)?.ok_or(AppError::NotFound)?,
            store::questions(conn, id)?,
        ))
    })
    .await
}

pub async fn edit(
    ctx: Ctx,
    state: web::Data<AppState>,
    id: web::Path<i64>,
) -> Result<Markup, AppError> {
    let (test, questions) = load(&state, id.into_inner()).await?;
    Ok(views::editor(
        &ctx,
        &test,
        &questions,
        &QuestionForm::default(),
        None,
    ))
}

pub async fn add_question(
    ctx: Ctx,
    state: web::Data<AppState>,
    id: web::Path<i64>,
    form: web::Form<QuestionForm>,
) -> Result<HttpResponse, AppError> {
    let id = id.into_inner();
    let form = form.into_inner();
    match parse(&form, &state.settings().business.languages) {
        Ok((prompt, points, question)) => {
            db::run(&state.pool, move |conn| {
                write_tx(conn, |tx| -> Result<(), AppError> {
                    store::test(tx, id)?.ok_or(AppError::NotFound)?;
                    store::insert_question(tx, id, prompt, points, &question)?;
                    Ok(())
                })
            })
            .await?;
            Ok(redirect_flash(
                &format!("/manage/tests/{id}"),
                FlashLevel::Success,
                "flash-question-added",
            ))
        }
        Err(problem) => {
            let (test, questions) = load(&state, id).await?;
            Ok(html_response(
                StatusCode::UNPROCESSABLE_ENTITY,
                views::editor(&ctx, &test, &questions, &form, Some(problem)),
            ))
        }
    }
}

pub async fn question_step(
    state: web::Data<AppState>,
    path: web::Path<(i64, i64, String)>,
) -> Result<HttpResponse, AppError> {
    let (test, question, step) = path.into_inner();
    let changed = db::run(&state.pool, move |conn| {
        write_tx(conn, |tx| -> Result<bool, AppError> {
            Ok(match step.as_str() {
                "remove" => store::remove_question(tx, test, question)? > 0,
                "up" => store::move_up(tx, test, question)?,
                _ => false,
            })
        })
    })
    .await?;
    saved_or_missing(changed, &format!("/manage/tests/{test}"))
}
