//! Pages of the catalogue: the public list and the managers' editor.

pub mod skills;

use maud::{Markup, html};

use std::collections::HashSet;

use super::model::skills::Skills;
use super::model::{ChecklistItem, Service, ServiceForm, ServiceOption};
use crate::i18n::Texts;
use crate::money::to_input;
use crate::web::components::{
    FormErrors, LangField, csrf_field, empty_state, input, lang_fields, post_button,
};
use crate::web::ctx::Ctx;
use crate::web::layout;

pub fn browse(ctx: &Ctx, services: &[Service]) -> Markup {
    let title = ctx.t("services-title");
    let lang = ctx.tr.lang;
    layout::page(
        ctx,
        &title,
        html! {
            h1 { (title) }
            @if services.is_empty() {
                (empty_state(&ctx.t("services-empty-title"), &ctx.t("services-empty-text")))
            }
            div.cards {
                @for s in services {
                    article.service-card {
                        h2.minor { (s.name(lang)) }
                        p { (s.description(lang)) }
                        p.muted { (ctx.tr.t_args("duration-minutes", &[("minutes", s.duration_minutes.into())])) " · "
                            (ctx.t("services-from")) " " strong { (ctx.tr.money(s.base_price_minor, &ctx.currency)) } }
                        a role="button" href={ "/client/orders/new?service=" (s.id) } { (ctx.t("services-order")) }
                    }
                }
            }
        },
    )
}

/// The managers' list: each service with the skill it needs, flagged when nobody on duty
/// holds that skill (`uncovered`).
pub fn manage_list(
    ctx: &Ctx,
    services: &[Service],
    skills: &Skills,
    uncovered: &HashSet<i64>,
) -> Markup {
    let title = ctx.t("nav-catalogue");
    let lang = ctx.tr.lang;
    layout::page(
        ctx,
        &title,
        html! {
            hgroup.page-head {
                h1 { (title) }
                a role="button" href="/manage/services/new" { (ctx.t("services-new")) }
            }
            @if services.is_empty() {
                (empty_state(&ctx.t("services-empty-title"), &ctx.t("services-manage-empty-text")))
            } @else {
                div.table-wrap tabindex="0" { table.striped.phone-cards {
                    thead { tr { th { (ctx.t("field-service-name")) } th { (ctx.t("field-code")) } th { (ctx.t("field-skill")) } th { (ctx.t("field-duration")) } th { (ctx.t("field-base-price")) } th { (ctx.t("admin-status")) } } }
                    tbody { @for s in services {
                        tr {
                            td { a href={ "/manage/services/" (s.id) } { (s.name(lang)) } }
                            td { code { (s.code) } }
                            td { (skills.name(&s.skill, lang))
                                @if uncovered.contains(&s.id) { " " mark.warning data-flag="uncovered" { (ctx.t("skills-nobody")) } } }
                            td { (s.duration_minutes) }
                            td { (ctx.tr.money(s.base_price_minor, &ctx.currency)) }
                            td { @if s.active { (ctx.t("services-active")) } @else { mark { (ctx.t("services-inactive")) } } }
                        }
                    } }
                } }
            }
        },
    )
}

fn form_from(s: &Service) -> ServiceForm {
    ServiceForm {
        code: s.code.clone(),
        name_en: s.name_en.clone(),
        name_ru: s.name_ru.clone(),
        description_en: s.description_en.clone(),
        description_ru: s.description_ru.clone(),
        duration_minutes: s.duration_minutes.to_string(),
        base_price: to_input(s.base_price_minor),
        skill: s.skill.clone(),
    }
}

fn service_fields(ctx: &Ctx, f: &ServiceForm, e: &FormErrors, list: &Skills) -> Markup {
    let (names, descriptions) = (
        Texts::new(&f.name_en, &f.name_ru),
        Texts::new(&f.description_en, &f.description_ru),
    );
    let name = LangField {
        name: "name",
        label: &ctx.t("field-content-name"),
        values: &names,
        max: 100,
        required: true,
        rows: None,
    };
    let description = LangField {
        name: "description",
        label: &ctx.t("field-description"),
        values: &descriptions,
        max: 2000,
        required: false,
        rows: Some(3),
    };
    html! {
        div.grid { div { (lang_fields(ctx, e, &name)) } }
        div.grid { div { (lang_fields(ctx, e, &description)) } }
        div.grid {
            div { (input(ctx, e, "code", "field-code", &f.code, "text")) }
            div { (skills::select(ctx, list, &f.skill, e)) }
        }
        div.grid {
            div { (input(ctx, e, "duration_minutes", "field-duration", &f.duration_minutes, "number")) }
            div { (input(ctx, e, "base_price", "field-base-price", &f.base_price, "text")) }
        }
    }
}

/// The "new service" page.
pub fn service_form(ctx: &Ctx, f: &ServiceForm, e: &FormErrors, list: &Skills) -> Markup {
    let title = ctx.t("services-new");
    layout::page(
        ctx,
        &title,
        html! {
            nav aria-label="breadcrumb" { ul { li { a href="/manage/services" { (ctx.t("nav-catalogue")) } } li { (title) } } }
            h1 { (title) }
            form method="post" action="/manage/services/new" novalidate {
                (csrf_field(ctx))
                (service_fields(ctx, f, e, list))
                button type="submit" { (ctx.t("save")) }
            }
        },
    )
}

pub struct Editor {
    pub service: Service,
    pub options: Vec<ServiceOption>,
    pub checklist: Vec<ChecklistItem>,
    pub materials: crate::supply::service::materials::Bom,
    pub skills: Skills,
    /// Active, and no active worker on duty holds its skill.
    pub uncovered: bool,
}

/// A new option's or checklist item's text: an input per business language, empty.
fn new_text(ctx: &Ctx, name: &str, label: &str, max: usize) -> Markup {
    let empty = Texts::default();
    let field = LangField {
        name,
        label,
        values: &empty,
        max,
        required: true,
        rows: None,
    };
    lang_fields(ctx, &FormErrors::default(), &field)
}

pub fn editor(ctx: &Ctx, ed: &Editor, e: &FormErrors, typed: Option<&ServiceForm>) -> Markup {
    let s = &ed.service;
    let lang = ctx.tr.lang;
    let f = typed.cloned().unwrap_or_else(|| form_from(s));
    let base = format!("/manage/services/{}", s.id);
    layout::page(
        ctx,
        s.name(lang),
        html! {
            nav aria-label="breadcrumb" { ul { li { a href="/manage/services" { (ctx.t("nav-catalogue")) } } li { (s.name(lang)) } } }
            hgroup.page-head {
                h1 { (s.name(lang)) @if !s.active { " " mark { (ctx.t("services-inactive")) } } }
                form.inline method="post" action={ (base) "/active" } data-confirm=[s.active.then(|| ctx.t("services-confirm-deactivate"))] {
                    (csrf_field(ctx))
                    input type="hidden" name="active" value=(if s.active { "0" } else { "1" });
                    button.secondary.outline type="submit" { (if s.active { ctx.t("services-deactivate") } else { ctx.t("services-activate") }) }
                }
            }
            @if ed.uncovered { (skills::nobody_warning(ctx, &ed.skills, s)) }
            article {
                form method="post" action=(base) novalidate {
                    (csrf_field(ctx))
                    (service_fields(ctx, &f, e, &ed.skills))
                    button type="submit" { (ctx.t("save")) }
                }
            }
            div.grid {
                article {
                    h2 { (ctx.t("services-options")) }
                    @if ed.options.is_empty() { p.muted { (ctx.t("services-no-options")) } }
                    ul { @for o in &ed.options {
                        li {
                            (o.name(lang)) " — " (ctx.tr.money(o.price_minor, &ctx.currency))
                            @if !o.active { " " mark { (ctx.t("services-inactive")) } }
                            " "
                            form.inline method="post" action={ (base) "/options/" (o.id) "/active" } {
                                (csrf_field(ctx))
                                input type="hidden" name="active" value=(if o.active { "0" } else { "1" });
                                button.secondary.outline.small type="submit" { (if o.active { ctx.t("services-deactivate") } else { ctx.t("services-activate") }) }
                            }
                        }
                    } }
                    form method="post" action={ (base) "/options" } {
                        (csrf_field(ctx))
                        div.grid {
                            div { (new_text(ctx, "name", &ctx.t("field-content-name"), 100)) }
                            label { (ctx.t("field-price")) input name="price" required; }
                        }
                        button.secondary type="submit" { (ctx.t("services-add-option")) }
                    }
                }
                article {
                    h2 { (ctx.t("services-checklist")) }
                    @if ed.checklist.is_empty() { p.muted { (ctx.t("services-no-checklist")) } }
                    ol { @for item in &ed.checklist {
                        li { (item.text(lang)) " "
                            (post_button(ctx, &format!("{base}/checklist/{}/remove", item.id), &ctx.t("remove"), "secondary outline small", None)) }
                    } }
                    form method="post" action={ (base) "/checklist" } {
                        (csrf_field(ctx))
                        (new_text(ctx, "text", &ctx.t("field-item-text"), 200))
                        button.secondary type="submit" { (ctx.t("services-add-item")) }
                    }
                }
            }
            (crate::supply::views::materials::section(ctx, &ed.materials))
        },
    )
}
