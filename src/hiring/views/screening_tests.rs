//! The screening-test builder's pages: the list of tests, one test's editor and the preview
//! of a question as the candidate will see it.

use maud::{Markup, html};

use crate::hiring::model::builder::QuestionForm;
use crate::hiring::model::grading::Question;
use crate::hiring::store::screening_tests::{Test, TestQuestion};
use crate::i18n::Texts;
use crate::web::components::{
    FormErrors, LangField, csrf_field, empty_state, lang_fields, post_button,
};
use crate::web::ctx::Ctx;
use crate::web::layout;

pub fn list(ctx: &Ctx, tests: &[(Test, i64)]) -> Markup {
    let title = ctx.t("tests-title");
    layout::page(
        ctx,
        &title,
        html! {
            h1 { (title) }
            @if tests.is_empty() { (empty_state(&ctx.t("tests-empty-title"), &ctx.t("tests-empty-text"))) }
            ul { @for (t, n) in tests {
                li { a href={ "/manage/tests/" (t.id) } { (t.title.read(ctx.tr.lang)) } " " small.muted { (ctx.tr.t_args("tests-questions-count", &[("count", (*n).into())])) " · " (t.time_limit_minutes) " min" } }
            } }
            details open[tests.is_empty()] {
                summary { (ctx.t("tests-new")) }
                (test_form(ctx, "/manage/tests", None))
            }
        },
    )
}

fn test_form(ctx: &Ctx, action: &str, t: Option<&Test>) -> Markup {
    let none = Texts::default();
    let no_errors = FormErrors::default();
    let title = LangField {
        name: "title",
        label: &ctx.t("tests-field-title"),
        values: t.map_or(&none, |t| &t.title),
        max: 200,
        required: true,
        rows: None,
    };
    let instructions = LangField {
        name: "instructions",
        label: &ctx.t("tests-field-instructions"),
        values: t.map_or(&none, |t| &t.instructions),
        max: 4000,
        required: false,
        rows: Some(3),
    };
    html! {
        form method="post" action=(action) {
            (csrf_field(ctx))
            (lang_fields(ctx, &no_errors, &title))
            (lang_fields(ctx, &no_errors, &instructions))
            label { (ctx.t("tests-field-minutes")) input type="number" name="minutes" min="1" max="240" required value=(t.map(|t| t.time_limit_minutes).unwrap_or(20)); }
            button type="submit" { (ctx.t("save")) }
        }
    }
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
    let lang = ctx.tr.lang;
    let prompt = q.prompt.read(lang);
    html! {
        fieldset.question-preview disabled {
            legend { (prompt) " " small.muted { "(" (ctx.tr.t_args("tests-points", &[("count", q.points.into())])) ")" } }
            @match &q.question {
                Question::SingleChoice { options, correct } => { @for (i, o) in options.iter().enumerate() { label { input type="radio" checked[i == *correct]; (o.read(lang)) } } }
                Question::MultipleChoice { options, correct } => { @for (i, o) in options.iter().enumerate() { label { input type="checkbox" checked[correct.contains(&i)]; (o.read(lang)) } } }
                Question::Numeric { answer, tolerance } => { input type="number" value=(answer) aria-label=(prompt); small.muted { "± " (tolerance) } }
                Question::FreeText => { textarea rows="2" aria-label=(prompt) {} small.muted { (ctx.t("tests-graded-by-hand")) } }
            }
        }
    }
}

pub fn editor(
    ctx: &Ctx,
    t: &Test,
    questions: &[TestQuestion],
    f: &QuestionForm,
    problem: Option<&str>,
) -> Markup {
    let base = format!("/manage/tests/{}", t.id);
    let title = t.title.read(ctx.tr.lang);
    let no_errors = FormErrors::default();
    let (prompt, options) = (f.prompt(), f.options());
    let prompt = LangField {
        name: "prompt",
        label: &ctx.t("tests-field-prompt"),
        values: &prompt,
        max: 1000,
        required: true,
        rows: Some(2),
    };
    layout::page(
        ctx,
        title,
        html! {
            nav aria-label="breadcrumb" { ul { li { a href="/manage/tests" { (ctx.t("tests-title")) } } li { (title) } } }
            h1 { (title) }
            details { summary { (ctx.t("tests-settings")) } (test_form(ctx, &base, Some(t))) }
            h2 { (ctx.t("tests-questions")) " " small.muted { "(" (ctx.tr.t_args("tests-points-total", &[("count", questions.iter().map(|q| q.points).sum::<i64>().into())])) ")" } }
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
                // app.js shows only the fields of the chosen kind (data-kinds); without it, all.
                form method="post" action={ (base) "/questions" } data-shows-by="kind" {
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
                    (lang_fields(ctx, &no_errors, &prompt))
                    div.grid {
                        div data-kinds="single_choice multiple_choice" {
                            @for lang in &ctx.languages {
                                label { (ctx.t("tests-field-options")) @if ctx.languages.len() > 1 { " (" (lang.native_name()) ")" }
                                    textarea name={ "options_" (lang.code()) } lang=(lang.code()) rows="4" placeholder=(ctx.t("tests-options-hint")) { (options.get(*lang)) } }
                            }
                        }
                        div {
                            label data-kinds="single_choice multiple_choice" { (ctx.t("tests-field-correct")) input name="correct" value=(f.correct) placeholder="1, 3"; }
                            label data-kinds="numeric" { (ctx.t("tests-field-answer")) input name="answer" inputmode="decimal" value=(f.answer); }
                            label data-kinds="numeric" { (ctx.t("tests-field-tolerance")) input name="tolerance" inputmode="decimal" value=(f.tolerance) placeholder="0"; }
                        }
                    }
                    small.muted { (ctx.t("tests-kind-hint")) }
                    button type="submit" { (ctx.t("tests-add-question")) }
                }
            }
        },
    )
}
