//! The user's own account page: details, language, password change and email preferences;
//! and the password asked again before a sensitive action.

use actix_web::http::StatusCode;
use actix_web::{HttpRequest, HttpResponse, web};
use maud::Markup;
use serde::Deserialize;

use crate::auth::handlers::safe_path;
use crate::auth::service::{self, PasswordChange};
use crate::auth::views::{account_page as page, confirm_password};
use crate::db;
use crate::error::AppError;
use crate::notify::model::Kind;
use crate::notify::service as notify;
use crate::state::AppState;
use crate::web::components::FormErrors;
use crate::web::ctx::{Ctx, FlashLevel, redirect_flash};
use crate::web::html as html_response;

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
    req: HttpRequest,
    state: web::Data<AppState>,
    form: web::Form<PasswordForm>,
) -> Result<HttpResponse, AppError> {
    let user = ctx.user()?;
    let (id, session) = (user.id, user.session_hash.clone());
    let device = crate::auth::handlers::session::device_token(&req, &state.settings());
    let now = state.clock.now();
    let PasswordForm { current, new } = form.into_inner();
    let outcome = db::run(&state.pool, move |conn| {
        let me = (id, session.as_str(), device.as_deref());
        service::change_password(conn, now, me, &current, &new)
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
        Ok(db::write_tx(conn, |tx| {
            notify::set_email_prefs(tx, id, role, &enabled)
        })?)
    })
    .await?;
    Ok(redirect_flash(
        "/account",
        FlashLevel::Success,
        "flash-saved",
    ))
}

#[derive(Deserialize)]
pub struct NextQuery {
    #[serde(default)]
    next: String,
}

/// Asks for the password again before a sensitive action (see `needs_reauth`).
pub async fn confirm_password_page(ctx: Ctx, q: web::Query<NextQuery>) -> Markup {
    confirm_password(
        &ctx,
        safe_path(&q.next).unwrap_or("/account"),
        &FormErrors::default(),
    )
}

#[derive(Deserialize)]
pub struct ConfirmForm {
    #[serde(default)]
    password: String,
    #[serde(default)]
    next: String,
}

/// A right password marks the session as freshly authenticated and goes back to `next`; a
/// wrong one counts as a failed login for the account (so it cannot be guessed at leisure).
pub async fn confirm_password_submit(
    ctx: Ctx,
    state: web::Data<AppState>,
    form: web::Form<ConfirmForm>,
) -> Result<HttpResponse, AppError> {
    let user = ctx.user()?.clone();
    let (settings, now) = (state.settings(), state.clock.now());
    let typed = form.password.clone();
    let confirmed = db::run(&state.pool, move |conn| {
        crate::auth::service::reauth::reauthenticate(conn, &settings, &user, &typed, now)
    })
    .await?;
    let next = safe_path(&form.next).unwrap_or("/account");
    if confirmed {
        return Ok(redirect_flash(
            next,
            FlashLevel::Success,
            "flash-reauth-done",
        ));
    }
    let mut errors = FormErrors::default();
    errors.add("password", "err-password-wrong-plain");
    Ok(html_response(
        StatusCode::UNPROCESSABLE_ENTITY,
        confirm_password(&ctx, next, &errors),
    ))
}
