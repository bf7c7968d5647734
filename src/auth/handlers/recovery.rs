//! "Forgot password?" and the page an emailed reset link opens.

use actix_web::http::StatusCode;
use actix_web::{HttpRequest, HttpResponse, web};
use maud::Markup;
use serde::Deserialize;

use crate::auth::handlers::session::client_ip;
use crate::auth::service::recovery::{self, ResetOutcome};
use crate::auth::views;
use crate::db;
use crate::error::AppError;
use crate::state::AppState;
use crate::validate::FormErrors;
use crate::web::ctx::{Ctx, FlashLevel, redirect_flash};
use crate::web::html;

pub async fn forgot_page(ctx: Ctx) -> Markup {
    views::forgot_password(&ctx, false)
}

#[derive(Deserialize)]
pub struct ForgotForm {
    #[serde(default)]
    email: String,
}

/// Always the same answer, whether the email is someone's or not.
pub async fn forgot_submit(
    ctx: Ctx,
    req: HttpRequest,
    state: web::Data<AppState>,
    form: web::Form<ForgotForm>,
) -> Result<Markup, AppError> {
    let (settings, now) = (state.settings(), state.clock.now());
    let ip = client_ip(&req, &settings);
    let email: String = form.email.chars().take(254).collect();
    db::run(&state.pool, move |conn| {
        recovery::request(conn, now, &email, &ip)
    })
    .await?;
    // Asked for every request alike: the mail job finds out whether a mail is owed.
    state.jobs.kick_outbox();
    Ok(views::forgot_password(&ctx, true))
}

#[derive(Deserialize)]
pub struct TokenQuery {
    #[serde(default)]
    token: String,
}

fn plausible(token: &str) -> bool {
    token.len() == 64 && token.bytes().all(|b| b.is_ascii_hexdigit())
}

pub async fn reset_page(
    ctx: Ctx,
    state: web::Data<AppState>,
    q: web::Query<TokenQuery>,
) -> Result<Markup, AppError> {
    let token = q.into_inner().token;
    let now = state.clock.now();
    let live = plausible(&token) && {
        let token = token.clone();
        db::run(&state.pool, move |conn| {
            recovery::link_is_live(conn, &token, now)
        })
        .await?
    };
    let errors = FormErrors::default();
    Ok(views::reset_password(
        &ctx,
        live.then_some(token.as_str()),
        &errors,
    ))
}

#[derive(Deserialize)]
pub struct ResetForm {
    #[serde(default)]
    token: String,
    #[serde(default)]
    password: String,
}

pub async fn reset_submit(
    ctx: Ctx,
    state: web::Data<AppState>,
    form: web::Form<ResetForm>,
) -> Result<HttpResponse, AppError> {
    let ResetForm { token, password } = form.into_inner();
    let now = state.clock.now();
    let outcome = if plausible(&token) {
        let token = token.clone();
        db::run(&state.pool, move |conn| {
            recovery::reset(conn, now, &token, &password)
        })
        .await?
    } else {
        ResetOutcome::DeadLink
    };
    let mut errors = FormErrors::default();
    let shown_token = match outcome {
        ResetOutcome::Done => {
            return Ok(redirect_flash(
                "/login",
                FlashLevel::Success,
                "flash-password-reset",
            ));
        }
        ResetOutcome::DeadLink => None,
        ResetOutcome::Invalid(e) => {
            errors.add("password", e.0);
            Some(token.as_str())
        }
    };
    Ok(html(
        StatusCode::UNPROCESSABLE_ENTITY,
        views::reset_password(&ctx, shown_token, &errors),
    ))
}
