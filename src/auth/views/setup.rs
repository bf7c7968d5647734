//! The first-run set-up pages: the form that makes the first admin, the refusal of a dead
//! link, and what to set next.

use maud::{Markup, html};

use crate::web::components::{FormErrors, csrf_field};
use crate::web::ctx::Ctx;
use crate::web::layout;

/// The business settings the form shows as what will be used (edited, for now, in the
/// settings file or the environment).
pub struct Defaults<'a> {
    pub time_zone: &'a str,
    pub currency: &'a str,
    pub language: &'a str,
}

pub struct SetupValues<'a> {
    pub token: &'a str,
    pub name: &'a str,
    pub email: &'a str,
    pub errors: &'a FormErrors,
}

pub fn form(ctx: &Ctx, v: &SetupValues, d: &Defaults) -> Markup {
    let title = ctx.t("setup-title");
    let e = v.errors;
    layout::page(
        ctx,
        &title,
        html! {
            article.narrow {
                h1 { (title) }
                p { (ctx.t("setup-lead")) }
                form method="post" action="/setup" novalidate {
                    (csrf_field(ctx))
                    input type="hidden" name="token" value=(v.token);
                    fieldset {
                        legend { (ctx.t("setup-admin-legend")) }
                        (super::new_account_fields(ctx, v.name, v.email, e))
                        small.muted { (ctx.t("password-hint")) }
                    }
                    fieldset {
                        legend { (ctx.t("setup-business-legend")) }
                        dl {
                            dt { (ctx.t("setup-time-zone")) } dd { (d.time_zone) }
                            dt { (ctx.t("setup-currency")) } dd { (d.currency) }
                            dt { (ctx.t("setup-language")) } dd { (d.language) }
                        }
                        small.muted { (ctx.t("setup-business-hint")) }
                    }
                    button type="submit" { (ctx.t("setup-submit")) }
                }
            }
        },
    )
}

/// A used, expired or wrong link, or one that came after an admin exists.
pub fn refused(ctx: &Ctx) -> Markup {
    let title = ctx.t("setup-title");
    layout::page(
        ctx,
        &title,
        html! {
            article.narrow {
                h1 { (title) }
                p.flash.error role="alert" { (ctx.t("setup-refused")) }
                p { a href="/login" { (ctx.t("setup-refused-login")) } }
            }
        },
    )
}

/// The second step: where each first setting is made.
pub fn next_steps(ctx: &Ctx) -> Markup {
    let title = ctx.t("setup-next-title");
    let steps = [
        ("/admin/matching", "setup-next-matching"),
        ("/manage/services", "setup-next-services"),
        ("/manage/stock", "setup-next-stock"),
        ("/manage/policies", "setup-next-screening"),
        ("/admin/invitations", "setup-next-invitations"),
    ];
    layout::page(
        ctx,
        &title,
        html! {
            article.narrow {
                h1 { (title) }
                p { (ctx.t("setup-next-lead")) }
                ol {
                    @for (href, key) in steps {
                        li { a href=(href) { (ctx.t(&format!("{key}-link"))) } " — " (ctx.t(key)) }
                    }
                }
                p { a href="/admin" role="button" { (ctx.t("setup-next-done")) } }
            }
        },
    )
}
