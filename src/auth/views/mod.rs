//! Login and registration pages, and the user's own account page.

use maud::{Markup, html};

use crate::error::AppError;
use crate::notify::model::Kind;
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
                p { a href="/forgot-password" { (ctx.t("login-forgot")) } }
                p { (ctx.t("login-no-account")) " " a href="/register" { (ctx.t("nav-register")) } }
            }
        },
    )
}

/// The password asked again before a sensitive action; `next` is where it goes after.
pub fn confirm_password(ctx: &Ctx, next: &str, errors: &FormErrors) -> Markup {
    let title = ctx.t("reauth-title");
    layout::page(
        ctx,
        &title,
        html! {
            article.narrow {
                h1 { (title) }
                p { (ctx.t("reauth-lead")) }
                form method="post" action="/account/confirm-password" {
                    (csrf_field(ctx))
                    input type="hidden" name="next" value=(next);
                    label { (ctx.t("field-password"))
                        input type="password" name="password" autocomplete="current-password"
                            required autofocus aria-invalid=[errors.invalid("password")]; }
                    (field_error(ctx, errors, "password"))
                    button type="submit" { (ctx.t("reauth-submit")) }
                }
            }
        },
    )
}

/// "Forgot password?": the email form, or (`sent`) the same answer for every email.
pub fn forgot_password(ctx: &Ctx, sent: bool) -> Markup {
    let title = ctx.t("forgot-title");
    layout::page(
        ctx,
        &title,
        html! {
            article.narrow {
                h1 { (title) }
                @if sent {
                    p.flash.info role="status" { (ctx.t("forgot-sent")) }
                    p { a href="/login" { (ctx.t("forgot-back-to-login")) } }
                } @else {
                    p { (ctx.t("forgot-lead")) }
                    form method="post" action="/forgot-password" {
                        (csrf_field(ctx))
                        label { (ctx.t("field-email"))
                            input type="email" name="email" autocomplete="username" required autofocus; }
                        button type="submit" { (ctx.t("forgot-submit")) }
                    }
                }
            }
        },
    )
}

/// The new password through an emailed link; a dead link says so and offers a new one.
pub fn reset_password(ctx: &Ctx, token: Option<&str>, errors: &FormErrors) -> Markup {
    let title = ctx.t("reset-title");
    layout::page(
        ctx,
        &title,
        html! {
            article.narrow {
                h1 { (title) }
                @match token {
                    Some(token) => {
                        form method="post" action="/reset-password" {
                            (csrf_field(ctx))
                            input type="hidden" name="token" value=(token);
                            label { (ctx.t("reset-new-password"))
                                input type="password" name="password" autocomplete="new-password" required autofocus
                                    aria-invalid=[errors.invalid("password")]; }
                            (field_error(ctx, errors, "password"))
                            small.muted { (ctx.t("password-hint")) }
                            button type="submit" { (ctx.t("reset-submit")) }
                        }
                    }
                    None => {
                        p.flash.error role="alert" { (ctx.t("reset-dead-link")) }
                        p { a href="/forgot-password" { (ctx.t("reset-ask-again")) } }
                    }
                }
            }
        },
    )
}

/// The invited person's page: their name and password, or why the link no longer works.
pub fn accept_invitation(
    ctx: &Ctx,
    open: Option<&crate::auth::store::Invitation>,
    token: &str,
    name: &str,
    errors: &FormErrors,
) -> Markup {
    let title = ctx.tr.t_args(
        "invite-accept-title",
        &[("company", crate::i18n::Arg::Str(ctx.company.clone()))],
    );
    layout::page(
        ctx,
        &title,
        html! {
            article.narrow {
                h1 { (title) }
                @match open {
                    Some(inv) => {
                        p { (ctx.tr.t_args("invite-accept-lead", &[
                            ("role", ctx.t(&format!("role-{}", inv.role)).into()),
                            ("email", inv.email.as_str().into()),
                        ])) }
                        form method="post" action="/invite" {
                            (csrf_field(ctx))
                            input type="hidden" name="token" value=(token);
                            label { (ctx.t("field-name"))
                                input type="text" name="name" required maxlength="100" autocomplete="name"
                                    value=(if name.is_empty() { inv.name.as_str() } else { name }) aria-invalid=[errors.invalid("name")]; }
                            (field_error(ctx, errors, "name"))
                            label { (ctx.t("field-password"))
                                input type="password" name="password" autocomplete="new-password" required aria-invalid=[errors.invalid("password")]; }
                            (field_error(ctx, errors, "password"))
                            small.muted { (ctx.t("password-hint")) }
                            button type="submit" { (ctx.t("invite-accept-submit")) }
                        }
                    }
                    None => { p.flash.error role="alert" { (ctx.t("invite-dead-link")) } }
                }
            }
        },
    )
}

pub struct RegisterValues<'a> {
    pub name: &'a str,
    pub email: &'a str,
    pub errors: &'a FormErrors,
}

/// The name, email and new password of an account being made (registration, first admin),
/// each with its error; the password is never shown back.
fn new_account_fields(ctx: &Ctx, name: &str, email: &str, e: &FormErrors) -> Markup {
    html! {
        label { (ctx.t("field-name"))
            input type="text" name="name" value=(name) autocomplete="name" required maxlength="100"
                aria-invalid=[e.invalid("name")] aria-describedby="name-error"; }
        (field_error(ctx, e, "name"))
        label { (ctx.t("field-email"))
            input type="email" name="email" value=(email) autocomplete="email" required
                aria-invalid=[e.invalid("email")] aria-describedby="email-error"; }
        (field_error(ctx, e, "email"))
        label { (ctx.t("field-password"))
            input type="password" name="password" autocomplete="new-password" required minlength="8"
                aria-invalid=[e.invalid("password")] aria-describedby="password-error"; }
        (field_error(ctx, e, "password"))
    }
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
                    (new_account_fields(ctx, v.name, v.email, e))
                    @if e.get("password").is_none() { small { (ctx.t("password-hint")) } }
                    button type="submit" { (ctx.t("register-submit")) }
                }
                p { (ctx.t("register-have-account")) " " a href="/login" { (ctx.t("nav-login")) } }
            }
        },
    )
}

/// The account page: details, the password form and the email preferences.
pub fn account_page(
    ctx: &Ctx,
    prefs: &[(Kind, bool)],
    errors: &FormErrors,
) -> Result<Markup, AppError> {
    let user = ctx.user()?;
    let title = ctx.t("account-title");
    Ok(layout::page(
        ctx,
        &title,
        html! {
            h1 { (title) }
            div.grid.account {
                article {
                    h2 { (ctx.t("account-details")) }
                    dl {
                        dt { (ctx.t("field-name")) } dd { (user.name) }
                        dt { (ctx.t("field-email")) } dd { (user.email) }
                        dt { (ctx.t("account-role")) } dd { (ctx.t(&format!("role-{}", user.role))) }
                        dt { (ctx.t("account-language")) } dd { (ctx.tr.lang.native_name()) }
                    }
                }
                article {
                    h2 { (ctx.t("account-password")) }
                    form method="post" action="/account/password" {
                        (csrf_field(ctx))
                        label { (ctx.t("field-current-password"))
                            input type="password" name="current" autocomplete="current-password" required
                                aria-invalid=[errors.invalid("current")]; }
                        (field_error(ctx, errors, "current"))
                        label { (ctx.t("field-new-password"))
                            input type="password" name="new" autocomplete="new-password" required minlength="8"
                                aria-invalid=[errors.invalid("new")]; }
                        (field_error(ctx, errors, "new"))
                        button type="submit" { (ctx.t("account-password-submit")) }
                    }
                }
            }
            article {
                h2 { (ctx.t("account-notifications")) }
                p.muted { (ctx.t("account-notifications-lead")) }
                form method="post" action="/account/notifications" {
                    (csrf_field(ctx))
                    fieldset {
                        @for (kind, on) in prefs {
                            label {
                                input type="checkbox" role="switch" name="email" value=(kind.as_str()) checked[*on];
                                (ctx.t(&kind.preference_key()))
                            }
                        }
                    }
                    button.secondary type="submit" { (ctx.t("save")) }
                }
            }
            @if crate::auth::service::feeds::may_have_feed(user.role) { (calendar::account_section(ctx)) }
        },
    ))
}

pub mod calendar;
pub mod setup;
