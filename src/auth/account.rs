//! The user's own account page: details, language, password change and email preferences.

use actix_web::http::StatusCode;
use actix_web::{HttpResponse, web};
use maud::{Markup, html};
use serde::Deserialize;

use super::service::{self, PasswordChange};
use crate::db;
use crate::error::AppError;
use crate::notify::model::Kind;
use crate::notify::service as notify;
use crate::state::AppState;
use crate::web::components::{FormErrors, csrf_field, field_error};
use crate::web::ctx::{Ctx, FlashLevel, redirect_flash};
use crate::web::{html as html_response, layout};

fn page(ctx: &Ctx, prefs: &[(Kind, bool)], errors: &FormErrors) -> Result<Markup, AppError> {
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
                                (ctx.t(&kind.title_key()))
                            }
                        }
                    }
                    button.secondary type="submit" { (ctx.t("save")) }
                }
            }
        },
    ))
}

async fn load_prefs(ctx: &Ctx, state: &AppState) -> Result<Vec<(Kind, bool)>, AppError> {
    let user = ctx.user()?;
    let (id, role) = (user.id, user.role);
    db::run(&state.pool, move |conn| {
        Ok(notify::email_prefs(conn, id, role)?)
    })
    .await
}

pub async fn show(ctx: Ctx, state: web::Data<AppState>) -> Result<Markup, AppError> {
    let prefs = load_prefs(&ctx, &state).await?;
    page(&ctx, &prefs, &FormErrors::default())
}

#[derive(Deserialize)]
pub struct PasswordForm {
    #[serde(default)]
    current: String,
    #[serde(default)]
    new: String,
}

pub async fn change_password(
    ctx: Ctx,
    state: web::Data<AppState>,
    form: web::Form<PasswordForm>,
) -> Result<HttpResponse, AppError> {
    let user = ctx.user()?;
    let (id, session) = (user.id, user.session_hash.clone());
    let PasswordForm { current, new } = form.into_inner();
    let outcome = db::run(&state.pool, move |conn| {
        service::change_password(conn, id, &session, &current, &new)
    })
    .await?;
    let mut errors = FormErrors::default();
    match outcome {
        PasswordChange::Changed => {
            return Ok(redirect_flash(
                "/account",
                FlashLevel::Success,
                "flash-password-changed",
            ));
        }
        PasswordChange::WrongCurrent => errors.add("current", "err-password-wrong"),
        PasswordChange::Invalid(e) => errors.add("new", e.0),
    }
    let prefs = load_prefs(&ctx, &state).await?;
    Ok(html_response(
        StatusCode::UNPROCESSABLE_ENTITY,
        page(&ctx, &prefs, &errors)?,
    ))
}

pub async fn save_notifications(
    ctx: Ctx,
    state: web::Data<AppState>,
    body: web::Bytes,
) -> Result<HttpResponse, AppError> {
    let user = ctx.user()?;
    let (id, role) = (user.id, user.role);
    // Checkbox groups repeat a key, which serde_urlencoded reads as a list of pairs.
    let pairs: Vec<(String, String)> =
        serde_urlencoded::from_bytes(&body).map_err(|_| AppError::BadRequest)?;
    let enabled: Vec<String> = pairs
        .into_iter()
        .filter(|(k, _)| k == "email")
        .map(|(_, v)| v)
        .collect();
    db::run(&state.pool, move |conn| {
        Ok(notify::set_email_prefs(conn, id, role, &enabled)?)
    })
    .await?;
    Ok(redirect_flash(
        "/account",
        FlashLevel::Success,
        "flash-saved",
    ))
}
