//! Pages and pieces of the skills list: the admins' list, the skill a service needs chosen
//! from it, and the services nobody on duty can do (their page and the dashboard).

use std::collections::HashMap;

use maud::{Markup, html};

use crate::catalogue::model::Service;
use crate::catalogue::model::skills::{SkillForm, Skills};
use crate::i18n::Texts;
use crate::web::components::{
    FormErrors, LangField, csrf_field, empty_state, field_error, input, lang_fields,
};
use crate::web::ctx::Ctx;
use crate::web::layout;

pub struct SkillsPage {
    pub skills: Skills,
    /// The services needing each skill, by code.
    pub services: HashMap<String, Vec<Service>>,
    /// Active workers on duty holding each skill, by code.
    pub on_duty: HashMap<String, i64>,
}

pub fn page(ctx: &Ctx, p: &SkillsPage, typed: &SkillForm, e: &FormErrors) -> Markup {
    let title = ctx.t("skills-title");
    let lang = ctx.tr.lang;
    layout::page(
        ctx,
        &title,
        html! {
            h1 { (title) }
            p.muted { (ctx.t("skills-intro")) }
            @if p.skills.0.is_empty() {
                (empty_state(&ctx.t("skills-empty-title"), &ctx.t("skills-empty-text")))
            }
            @for s in &p.skills.0 {
                @let services = p.services.get(&s.code).map_or(&[][..], Vec::as_slice);
                @let on_duty = p.on_duty.get(&s.code).copied().unwrap_or(0);
                article.skill id={ "skill-" (s.code) } {
                    header {
                        strong { (s.name(lang)) } " " code { (s.code) }
                        @if !s.active { " " mark { (ctx.t("skills-retired")) } }
                    }
                    p {
                        (ctx.tr.t_args("skills-on-duty", &[("count", on_duty.into())]))
                        @if on_duty == 0 && !services.is_empty() { " " mark.warning { (ctx.t("skills-nobody")) } }
                    }
                    p { (ctx.t("skills-services")) ": "
                        @if services.is_empty() { span.muted { (ctx.t("skills-no-services")) } }
                        @for (i, svc) in services.iter().enumerate() {
                            @if i > 0 { ", " }
                            a href={ "/manage/services/" (svc.id) } { (svc.name(lang)) }
                        }
                    }
                    form method="post" action={ "/admin/skills/" (s.id) } {
                        (csrf_field(ctx))
                        div.grid { div { (names(ctx, &Texts::new(&s.name_en, &s.name_ru), &FormErrors::default())) } }
                        button.secondary.small type="submit" { (ctx.t("skills-rename")) }
                    }
                    form.inline method="post" action={ "/admin/skills/" (s.id) "/active" }
                        data-confirm=[s.active.then(|| ctx.t("skills-confirm-retire"))] {
                        (csrf_field(ctx))
                        input type="hidden" name="active" value=(if s.active { "0" } else { "1" });
                        button.secondary.outline.small type="submit" { (if s.active { ctx.t("skills-retire") } else { ctx.t("skills-restore") }) }
                    }
                }
            }
            article {
                h2 { (ctx.t("skills-add")) }
                form method="post" action="/admin/skills" novalidate {
                    (csrf_field(ctx))
                    (input(ctx, e, "code", "field-code", &typed.code, "text"))
                    small.muted { (ctx.t("skills-code-help")) }
                    div.grid { div { (names(ctx, &typed.typed_names(), e)) } }
                    button type="submit" { (ctx.t("skills-add")) }
                }
            }
        },
    )
}

/// A skill's name in each language the business uses (a rename keeps the others).
fn names(ctx: &Ctx, values: &Texts, e: &FormErrors) -> Markup {
    let field = LangField {
        name: "name",
        label: &ctx.t("field-content-name"),
        values,
        max: 100,
        required: true,
        rows: None,
    };
    lang_fields(ctx, e, &field)
}

/// The skill a service needs, chosen from the list by name: the skills not retired, and the
/// one already chosen even if it has been retired since.
pub fn select(ctx: &Ctx, skills: &Skills, chosen: &str, e: &FormErrors) -> Markup {
    let lang = ctx.tr.lang;
    html! {
        label {
            (ctx.t("field-skill"))
            select name="skill" aria-invalid=[e.invalid("skill")] {
                @if chosen.is_empty() { option value="" selected { "—" } }
                @for s in skills.0.iter().filter(|s| s.active || s.code == chosen) {
                    option value=(s.code) selected[s.code == chosen] {
                        (s.name(lang)) @if !s.active { " (" (ctx.t("skills-retired")) ")" }
                    }
                }
            }
        }
        (field_error(ctx, e, "skill"))
        @if ctx.user.as_ref().is_some_and(|u| u.role == crate::identity::Role::Admin) {
            small.muted { a href="/admin/skills" { (ctx.t("skills-keep-list")) } }
        }
    }
}

/// The warning on a service nobody on duty can do.
pub fn nobody_warning(ctx: &Ctx, skills: &Skills, service: &Service) -> Markup {
    let name = skills.name(&service.skill, ctx.tr.lang).to_string();
    html! {
        div.flash.warning role="status" data-flag="uncovered" {
            (ctx.tr.t_args("skills-uncovered", &[("skill", name.into())]))
        }
    }
}

/// The dashboard's list of services nobody on duty can do, each a link to its page.
pub fn uncovered_panel(ctx: &Ctx, skills: &Skills, services: &[Service]) -> Markup {
    let lang = ctx.tr.lang;
    html! {
        @if !services.is_empty() {
            section.attention aria-labelledby="uncovered-head" data-flag="uncovered" {
                h2 #uncovered-head { (ctx.t("skills-uncovered-title")) }
                ul { @for s in services {
                    li { a href={ "/manage/services/" (s.id) } { (s.name(lang)) } " · "
                        (ctx.tr.t_args("skills-needs", &[("skill", skills.name(&s.skill, lang).to_string().into())])) }
                } }
            }
        }
    }
}
