//! The managers' queue of written answers to grade.

use maud::{Markup, html};

use crate::hiring::service::attempts::Ungraded;
use crate::web::components::{csrf_field, empty_state};
use crate::web::ctx::Ctx;
use crate::web::layout;

pub fn queue(ctx: &Ctx, items: &[Ungraded]) -> Markup {
    let title = ctx.t("grading-title");
    layout::page(
        ctx,
        &title,
        html! {
            h1 { (title) }
            @if items.is_empty() { (empty_state(&ctx.t("grading-empty-title"), &ctx.t("grading-empty-text"))) }
            @for i in items {
                article.grading {
                    header { strong { (i.candidate) } " · " (i.test_title.read(ctx.tr.lang)) }
                    p { em { (i.prompt.read(ctx.tr.lang)) } }
                    blockquote { (i.text) }
                    form.inline method="post" action={ "/manage/grading/" (i.assignment_id) "/" (i.question_id) } {
                        (csrf_field(ctx))
                        label.inline-field { span { (ctx.t("tests-field-points")) } input type="number" name="points" min="0" max=(i.max_points) required; }
                        " / " (i.max_points) " "
                        button.small type="submit" { (ctx.t("grading-save")) }
                    }
                }
            }
        },
    )
}
