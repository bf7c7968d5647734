//! A test as the candidate (or a worker re-certifying) takes it.

use crate::i18n::Lang;
use maud::{Markup, html};

use crate::hiring::model::AttemptStatus;
use crate::hiring::model::grading::{Answer, Question};
use crate::hiring::service::attempts::Assignment;
use crate::hiring::store::screening_tests::TestQuestion;
use crate::web::components::csrf_field;
use crate::web::ctx::Ctx;
use crate::web::layout;

/// The test page. `saved` are the answers kept so far (autosaved, or typed into a refused
/// submission): they are filled in, so a reload or a return loses nothing.
pub fn page(
    ctx: &Ctx,
    a: &Assignment,
    questions: &[TestQuestion],
    saved: &[(i64, Answer)],
    problem: Option<&str>,
) -> Markup {
    let answer_to = |q: &TestQuestion| saved.iter().find(|(id, _)| *id == q.id).map(|(_, a)| a);
    // The submit button's question for each possible number of unanswered questions, so the
    // page can ask in the right plural form without knowing the language's rules.
    let confirms: Vec<String> = (0..=questions.len())
        .map(|n| match n {
            0 => ctx.t("attempt-submit-confirm"),
            n => ctx
                .tr
                .t_args("attempt-submit-unanswered", &[("count", (n as i64).into())]),
        })
        .collect();
    let confirms = serde_json::to_string(&confirms).expect("strings serialise");
    let base = a.base_path();
    layout::page(
        ctx,
        a.test_title.read(ctx.tr.lang),
        html! {
            h1 { (a.test_title.read(ctx.tr.lang)) }
            @if let Some(key) = problem { p.flash.error role="alert" { (ctx.t(key)) } }
            @let instructions = a.instructions.read(ctx.tr.lang);
            @if !instructions.is_empty() { p { (instructions) } }
            @match a.status {
                AttemptStatus::Invited => {
                    p { (ctx.tr.t_args("attempt-time-limit", &[("minutes", a.time_limit_minutes.into())])) }
                    form method="post" action={ (base) (a.id) "/start" } { (csrf_field(ctx)) button type="submit" { (ctx.t("attempt-start")) } }
                }
                AttemptStatus::Started => {
                    @if let Some(d) = a.deadline_at {
                        p.flash.info {
                            (ctx.t("attempt-deadline")) " " (ctx.tr.datetime(d))
                            // app.js counts down to the server's deadline.
                            " " strong.countdown data-deadline=(d.to_rfc3339()) data-over=(ctx.t("attempt-time-up")) {}
                        }
                    }
                    form method="post" action={ (base) (a.id) "/submit" }
                        hx-post={ (base) (a.id) "/save" } hx-trigger="change, keyup delay:1s from:textarea" hx-target="#autosave" hx-swap="outerHTML" {
                        (csrf_field(ctx))
                        small #autosave {}
                        @for (i, q) in questions.iter().enumerate() { (question_input(ctx.tr.lang, i + 1, q, answer_to(q))) }
                        button type="submit" data-unanswered-confirms=(confirms) { (ctx.t("attempt-submit")) }
                    }
                }
                status => { p { (ctx.t(status.label_key())) } }
            }
        },
    )
}

fn question_input(lang: Lang, n: usize, q: &TestQuestion, saved: Option<&Answer>) -> Markup {
    let prompt = q.prompt.read(lang);
    let name = format!("q{}", q.id);
    let picked = |i: usize| matches!(saved, Some(Answer::Choice { picked }) if picked.contains(&i));
    let number = match saved {
        Some(Answer::Number { value }) => value.to_string(),
        _ => String::new(),
    };
    let text = match saved {
        Some(Answer::Text { text }) => text.as_str(),
        _ => "",
    };
    html! {
        fieldset.question {
            legend { (n) ". " (prompt) }
            @match &q.question {
                Question::SingleChoice { options, .. } => { @for (i, o) in options.iter().enumerate() { label { input type="radio" name=(name) value=(i) checked[picked(i)]; (o.read(lang)) } } }
                Question::MultipleChoice { options, .. } => { @for (i, o) in options.iter().enumerate() { label { input type="checkbox" name=(name) value=(i) checked[picked(i)]; (o.read(lang)) } } }
                Question::Numeric { .. } => { input type="text" inputmode="decimal" name=(name) value=(number) aria-label=(prompt); }
                Question::FreeText => { textarea name=(name) rows="4" maxlength="4000" aria-label=(prompt) { (text) } }
            }
        }
    }
}

/// The autosave status line htmx swaps in after each save.
pub fn autosave(ctx: &Ctx, key: &str) -> Markup {
    html! { small #autosave { (ctx.t(key)) } }
}
