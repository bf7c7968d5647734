//! A test as the candidate takes it.

use maud::{Markup, html};

use crate::hiring::attempts::Assignment;
use crate::hiring::grading::Question;
use crate::hiring::model::AttemptStatus;
use crate::hiring::tests_store::TestQuestion;
use crate::web::components::csrf_field;
use crate::web::ctx::Ctx;
use crate::web::layout;

pub fn page(
    ctx: &Ctx,
    a: &Assignment,
    questions: &[TestQuestion],
    problem: Option<&str>,
) -> Markup {
    layout::page(
        ctx,
        &a.test_title,
        html! {
            h1 { (a.test_title) }
            @if let Some(key) = problem { p.flash.error role="alert" { (ctx.t(key)) } }
            @if !a.instructions.is_empty() { p { (a.instructions) } }
            @match a.status {
                AttemptStatus::Invited => {
                    p { (ctx.tr.t_args("attempt-time-limit", &[("minutes", a.time_limit_minutes.into())])) }
                    form method="post" action={ "/candidate/tests/" (a.id) "/start" } { (csrf_field(ctx)) button type="submit" { (ctx.t("attempt-start")) } }
                }
                AttemptStatus::Started => {
                    @if let Some(d) = a.deadline_at { p.flash.info { (ctx.t("attempt-deadline")) " " (ctx.tr.datetime(d)) } }
                    form method="post" action={ "/candidate/tests/" (a.id) "/submit" }
                        hx-post={ "/candidate/tests/" (a.id) "/save" } hx-trigger="change, keyup delay:1s from:textarea" hx-target="#autosave" hx-swap="outerHTML" {
                        (csrf_field(ctx))
                        small #autosave {}
                        @for (i, q) in questions.iter().enumerate() { (question_input(i + 1, q)) }
                        button type="submit" data-confirm=(ctx.t("attempt-submit-confirm")) { (ctx.t("attempt-submit")) }
                    }
                }
                status => { p { (ctx.t(status.label_key())) } }
            }
        },
    )
}

fn question_input(n: usize, q: &TestQuestion) -> Markup {
    let name = format!("q{}", q.id);
    html! {
        fieldset.question {
            legend { (n) ". " (q.prompt) }
            @match &q.question {
                Question::SingleChoice { options, .. } => { @for (i, o) in options.iter().enumerate() { label { input type="radio" name=(name) value=(i); (o) } } }
                Question::MultipleChoice { options, .. } => { @for (i, o) in options.iter().enumerate() { label { input type="checkbox" name=(name) value=(i); (o) } } }
                Question::Numeric { .. } => { input type="text" inputmode="decimal" name=(name) aria-label=(q.prompt); }
                Question::FreeText => { textarea name=(name) rows="4" maxlength="4000" aria-label=(q.prompt) {} }
            }
        }
    }
}

/// The autosave status line htmx swaps in after each save.
pub fn autosave(ctx: &Ctx, key: &str) -> Markup {
    html! { small #autosave { (ctx.t(key)) } }
}
