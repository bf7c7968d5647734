//! The application form and the candidate's own page.

use maud::{Markup, html};

use crate::catalogue::model::Service;
use crate::hiring::service::apply::ApplyForm;
use crate::hiring::service::attempts::Assignment;
use crate::hiring::store::Candidate;
use crate::validate::FormErrors;
use crate::web::components::{csrf_field, empty_state, field_error, input, textarea};
use crate::web::ctx::Ctx;
use crate::web::layout;

pub fn page(ctx: &Ctx, services: &[Service], f: &ApplyForm, e: &FormErrors) -> Markup {
    let title = ctx.tr.t_args(
        "apply-title",
        &[("company", crate::i18n::Arg::Str(ctx.company.clone()))],
    );
    layout::page(
        ctx,
        &title,
        html! {
            article.narrow {
                h1 { (title) }
                p { (ctx.t("apply-lead")) }
                form method="post" action="/apply" novalidate {
                    (csrf_field(ctx))
                    (input(ctx, e, "name", "field-name", &f.name, "text"))
                    (input(ctx, e, "email", "field-email", &f.email, "email"))
                    (input(ctx, e, "password", "field-password", "", "password"))
                    (input(ctx, e, "phone", "field-phone", &f.phone, "tel"))
                    fieldset {
                        legend { (ctx.t("apply-skills")) }
                        @for s in services {
                            label { input type="checkbox" name="skills" value=(s.id) checked[f.skills.contains(&s.id.to_string())]; (s.name(ctx.tr.lang)) }
                        }
                    }
                    (field_error(ctx, e, "skills"))
                    (textarea(ctx, e, "about", "apply-about", &f.about))
                    button type="submit" { (ctx.t("apply-submit")) }
                }
            }
        },
    )
}

pub fn candidate_home(
    ctx: &Ctx,
    candidate: Option<&Candidate>,
    assignments: &[Assignment],
) -> Markup {
    let title = ctx.t("nav-my-application");
    layout::page(
        ctx,
        &title,
        html! {
            h1 { (title) }
            @match candidate {
                Some(c) => {
                    article {
                        p { (ctx.t("apply-status")) ": " strong { (ctx.t(c.status.label_key())) } }
                        p.muted { (ctx.t("apply-applied-at")) " " (ctx.tr.datetime(c.applied_at)) }
                        p { (ctx.t("apply-skills")) ": " (c.skills.iter().map(|(en, ru)| if ctx.tr.lang == crate::i18n::Lang::Ru { ru.as_str() } else { en.as_str() }).collect::<Vec<_>>().join(", ")) }
                    }
                    @if assignments.is_empty() {
                        (empty_state(&ctx.t("candidate-empty-title"), &ctx.t("candidate-empty-text")))
                    } @else {
                        h2 { (ctx.t("attempt-my-tests")) }
                        ul { @for a in assignments {
                            li { a href={ "/candidate/tests/" (a.id) } { (a.test_title.read(ctx.tr.lang)) } " — " (ctx.t(a.status.label_key())) }
                        } }
                    }
                }
                None => { (empty_state(&ctx.t("candidate-empty-title"), &ctx.t("candidate-empty-text"))) }
            }
        },
    )
}
