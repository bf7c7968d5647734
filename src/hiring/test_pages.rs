//! The managers' screening-test builder: tests with a time limit and questions of four
//! kinds, reordered and previewed as the candidate will see them.

use actix_web::http::StatusCode;
use actix_web::{HttpResponse, web};
use maud::{Markup, html};
use serde::Deserialize;

use super::builder::{QuestionForm, parse};
use super::grading::Question;
use super::tests_store::{self as store, Test, TestQuestion};
use crate::db::{self, write_tx};
use crate::error::AppError;
use crate::state::AppState;
use crate::validate::text;
use crate::web::components::{csrf_field, empty_state, post_button};
use crate::web::ctx::{Ctx, FlashLevel, redirect_flash};
use crate::web::{html as html_response, layout, saved_or_missing};

#[derive(Deserialize, Default)]
#[serde(default)]
pub struct TestForm {
    title: String,
    instructions: String,
    minutes: String,
}

fn parse_test(f: &TestForm) -> Option<(String, String, i64)> {
    Some((
        text(&f.title, 200, true)?,
        text(&f.instructions, 4000, false)?,
        f.minutes
            .trim()
            .parse()
            .ok()
            .filter(|m| (1..=240).contains(m))?,
    ))
}

pub async fn list(ctx: Ctx, state: web::Data<AppState>) -> Result<Markup, AppError> {
    let tests = db::run(&state.pool, |conn| Ok(store::tests(conn)?)).await?;
    let title = ctx.t("tests-title");
    Ok(layout::page(
        &ctx,
        &title,
        html! {
            h1 { (title) }
            @if tests.is_empty() { (empty_state(&ctx.t("tests-empty-title"), &ctx.t("tests-empty-text"))) }
            ul { @for (t, n) in &tests {
                li { a href={ "/manage/tests/" (t.id) } { (t.title) } " " small.muted { (ctx.tr.t_args("tests-questions-count", &[("count", (*n).into())])) " · " (t.time_limit_minutes) " min" } }
            } }
            details open[tests.is_empty()] {
                summary { (ctx.t("tests-new")) }
                (test_form(&ctx, "/manage/tests", None))
            }
        },
    ))
}

fn test_form(ctx: &Ctx, action: &str, t: Option<&Test>) -> Markup {
    html! {
        form method="post" action=(action) {
            (csrf_field(ctx))
            label { (ctx.t("tests-field-title")) input name="title" required maxlength="200" value=[t.map(|t| t.title.as_str())]; }
            label { (ctx.t("tests-field-instructions")) textarea name="instructions" rows="3" maxlength="4000" { (t.map(|t| t.instructions.as_str()).unwrap_or("")) } }
            label { (ctx.t("tests-field-minutes")) input type="number" name="minutes" min="1" max="240" required value=(t.map(|t| t.time_limit_minutes).unwrap_or(20)); }
            button type="submit" { (ctx.t("save")) }
        }
    }
}

pub async fn create(
    state: web::Data<AppState>,
    form: web::Form<TestForm>,
) -> Result<HttpResponse, AppError> {
    let Some((title, instructions, minutes)) = parse_test(&form) else {
        return Ok(redirect_flash(
            "/manage/tests",
            FlashLevel::Error,
            "flash-test-invalid",
        ));
    };
    let now = state.clock.now();
    let id = db::run(&state.pool, move |conn| {
        Ok(store::insert_test(
            conn,
            &title,
            &instructions,
            minutes,
            now,
        )?)
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
    let Some((title, instructions, minutes)) = parse_test(&form) else {
        return Ok(redirect_flash(
            &back,
            FlashLevel::Error,
            "flash-test-invalid",
        ));
    };
    let now = state.clock.now();
    let n = db::run(&state.pool, move |conn| {
        Ok(store::update_test(
            conn,
            id,
            &title,
            &instructions,
            minutes,
            now,
        )?)
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
    Ok(editor(
        &ctx,
        &test,
        &questions,
        &QuestionForm::default(),
        None,
    ))
}

fn kind_label(ctx: &Ctx, q: &Question) -> String {
    let kind = match q {
        Question::SingleChoice { .. } => "single-choice",
        Question::MultipleChoice { .. } => "multiple-choice",
        Question::Numeric { .. } => "numeric",
        Question::FreeText => "free-text",
    };
    ctx.t(&format!("tests-kind-{kind}"))
}

/// How the candidate will see a question (inputs disabled: this is a preview).
pub fn preview(ctx: &Ctx, q: &TestQuestion) -> Markup {
    html! {
        fieldset.question-preview disabled {
            legend { (q.prompt) " " small.muted { "(" (ctx.tr.t_args("tests-points", &[("count", q.points.into())])) ")" } }
            @match &q.question {
                Question::SingleChoice { options, correct } => { @for (i, o) in options.iter().enumerate() { label { input type="radio" checked[i == *correct]; (o) } } }
                Question::MultipleChoice { options, correct } => { @for (i, o) in options.iter().enumerate() { label { input type="checkbox" checked[correct.contains(&i)]; (o) } } }
                Question::Numeric { answer, tolerance } => { input type="number" value=(answer); small.muted { "± " (tolerance) } }
                Question::FreeText => { textarea rows="2" {} small.muted { (ctx.t("tests-graded-by-hand")) } }
            }
        }
    }
}

fn editor(
    ctx: &Ctx,
    t: &Test,
    questions: &[TestQuestion],
    f: &QuestionForm,
    problem: Option<&str>,
) -> Markup {
    let base = format!("/manage/tests/{}", t.id);
    layout::page(
        ctx,
        &t.title,
        html! {
            nav aria-label="breadcrumb" { ul { li { a href="/manage/tests" { (ctx.t("tests-title")) } } li { (t.title) } } }
            h1 { (t.title) }
            details { summary { (ctx.t("tests-settings")) } (test_form(ctx, &base, Some(t))) }
            h2 { (ctx.t("tests-questions")) " " small.muted { "(" (questions.iter().map(|q| q.points).sum::<i64>()) " " (ctx.t("tests-points-total")) ")" } }
            @if questions.is_empty() { p.muted { (ctx.t("tests-no-questions")) } }
            @for (i, q) in questions.iter().enumerate() {
                article.question {
                    header { strong { (i + 1) ". " } (kind_label(ctx, &q.question)) " "
                        @if i > 0 { (post_button(ctx, &format!("{base}/questions/{}/up", q.id), "↑", "secondary outline small", None)) " " }
                        (post_button(ctx, &format!("{base}/questions/{}/remove", q.id), &ctx.t("remove"), "secondary outline small", Some(&ctx.t("tests-confirm-remove")))) }
                    (preview(ctx, q))
                }
            }
            article {
                h2 { (ctx.t("tests-add-question")) }
                @if let Some(key) = problem { p.flash.error role="alert" { (ctx.t(key)) } }
                form method="post" action={ (base) "/questions" } {
                    (csrf_field(ctx))
                    div.grid {
                        label { (ctx.t("tests-field-kind"))
                            select name="kind" {
                                @for (code, key) in [("single_choice", "single-choice"), ("multiple_choice", "multiple-choice"), ("numeric", "numeric"), ("free_text", "free-text")] {
                                    option value=(code) selected[f.kind == code] { (ctx.t(&format!("tests-kind-{key}"))) }
                                }
                            }
                        }
                        label { (ctx.t("tests-field-points")) input type="number" name="points" min="1" max="100" value=(if f.points.is_empty() { "1" } else { &f.points }); }
                    }
                    label { (ctx.t("tests-field-prompt")) textarea name="prompt" rows="2" required maxlength="1000" { (f.prompt) } }
                    div.grid {
                        label { (ctx.t("tests-field-options")) textarea name="options" rows="4" placeholder=(ctx.t("tests-options-hint")) { (f.options) } }
                        div {
                            label { (ctx.t("tests-field-correct")) input name="correct" value=(f.correct) placeholder="1, 3"; }
                            label { (ctx.t("tests-field-answer")) input name="answer" inputmode="decimal" value=(f.answer); }
                            label { (ctx.t("tests-field-tolerance")) input name="tolerance" inputmode="decimal" value=(f.tolerance) placeholder="0"; }
                        }
                    }
                    small.muted { (ctx.t("tests-kind-hint")) }
                    button type="submit" { (ctx.t("tests-add-question")) }
                }
            }
        },
    )
}

pub async fn add_question(
    ctx: Ctx,
    state: web::Data<AppState>,
    id: web::Path<i64>,
    form: web::Form<QuestionForm>,
) -> Result<HttpResponse, AppError> {
    let id = id.into_inner();
    let form = form.into_inner();
    match parse(&form) {
        Ok((prompt, points, question)) => {
            db::run(&state.pool, move |conn| {
                write_tx(conn, |tx| -> Result<(), AppError> {
                    store::test(tx, id)?.ok_or(AppError::NotFound)?;
                    store::insert_question(tx, id, &prompt, points, &question)?;
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
                editor(&ctx, &test, &questions, &form, Some(problem)),
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
