//! Login and registration pages.

use maud::{Markup, html};

use crate::web::components::{FormErrors, csrf_field, field_error};
use crate::web::ctx::Ctx;
use crate::web::layout;

pub struct LoginValues<'a> {
    pub email: &'a str,
    pub next: &'a str,
    pub failed: bool,
}

pub fn login(ctx: &Ctx, v: &LoginValues) -> Markup {
    let title = ctx.t("login-title");
    layout::page(
        ctx,
        &title,
        html! {
            article.narrow {
                h1 { (title) }
                @if v.failed {
                    p.flash.error role="alert" { (ctx.t("login-failed")) }
                }
                form method="post" action="/login" {
                    (csrf_field(ctx))
                    input type="hidden" name="next" value=(v.next);
                    label { (ctx.t("field-email"))
                        input type="email" name="email" value=(v.email) autocomplete="username" required autofocus; }
                    label { (ctx.t("field-password"))
                        input type="password" name="password" autocomplete="current-password" required; }
                    button type="submit" { (ctx.t("login-submit")) }
                }
                p { (ctx.t("login-no-account")) " " a href="/register" { (ctx.t("nav-register")) } }
            }
        },
    )
}

pub struct RegisterValues<'a> {
    pub name: &'a str,
    pub email: &'a str,
    pub errors: &'a FormErrors,
}

pub fn register(ctx: &Ctx, v: &RegisterValues) -> Markup {
    let title = ctx.t("register-title");
    let e = v.errors;
    layout::page(
        ctx,
        &title,
        html! {
            article.narrow {
                h1 { (title) }
                p { (ctx.t("register-lead")) }
                form method="post" action="/register" novalidate {
                    (csrf_field(ctx))
                    label { (ctx.t("field-name"))
                        input type="text" name="name" value=(v.name) autocomplete="name" required maxlength="100"
                            aria-invalid=[e.invalid("name")] aria-describedby="name-error"; }
                    (field_error(ctx, e, "name"))
                    label { (ctx.t("field-email"))
                        input type="email" name="email" value=(v.email) autocomplete="email" required
                            aria-invalid=[e.invalid("email")] aria-describedby="email-error"; }
                    (field_error(ctx, e, "email"))
                    label { (ctx.t("field-password"))
                        input type="password" name="password" autocomplete="new-password" required minlength="8"
                            aria-invalid=[e.invalid("password")] aria-describedby="password-error"; }
                    (field_error(ctx, e, "password"))
                    @if e.get("password").is_none() { small { (ctx.t("password-hint")) } }
                    button type="submit" { (ctx.t("register-submit")) }
                }
                p { (ctx.t("register-have-account")) " " a href="/login" { (ctx.t("nav-login")) } }
            }
        },
    )
}
