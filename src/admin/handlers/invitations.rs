//! The admin's invitations page: invite someone by email with a role, resend or revoke an
//! open invitation (the rules are `auth::service::invitations`, the page `views::invitations`).

use actix_web::{HttpResponse, web};
use maud::Markup;
use serde::Deserialize;

use crate::admin::handlers::confirm_password_first;
use crate::admin::views::invitations::{PAGE, page as view};
use crate::auth::service::invitations;
use crate::auth::service::reauth::{REAUTH_NEEDED, fresh_password};
use crate::auth::store as users;
use crate::db;
use crate::error::AppError;
use crate::identity::Role;
use crate::state::AppState;
use crate::web::ctx::{Ctx, FlashLevel, redirect_flash};

pub async fn page(ctx: Ctx, state: web::Data<AppState>) -> Result<Markup, AppError> {
    let rows = db::run(&state.pool, |conn| Ok(users::invitations(conn, 100)?)).await?;
    Ok(view(&ctx, &rows, state.clock.now()))
}

#[derive(Deserialize, Default)]
#[serde(default)]
pub struct InviteForm {
    email: String,
    name: String,
    role: String,
}

pub async fn invite(
    ctx: Ctx,
    state: web::Data<AppState>,
    form: web::Form<InviteForm>,
) -> Result<HttpResponse, AppError> {
    let role = Role::parse(&form.role).ok_or(AppError::BadRequest)?;
    let (settings, now) = (state.settings(), state.clock.now());
    let actor = (ctx.user()?.id, fresh_password(&settings, ctx.user()?, now));
    let form = form.into_inner();
    let sent = db::run(&state.pool, move |conn| {
        invitations::invite(conn, &settings, now, actor, (&form.email, &form.name, role))
    })
    .await;
    after(&state, sent, "flash-invite-sent").await
}

pub async fn resend(
    ctx: Ctx,
    state: web::Data<AppState>,
    id: web::Path<i64>,
) -> Result<HttpResponse, AppError> {
    let id = id.into_inner();
    let now = state.clock.now();
    let actor = (
        ctx.user()?.id,
        fresh_password(&state.settings(), ctx.user()?, now),
    );
    let sent = db::run(&state.pool, move |conn| {
        invitations::resend(conn, now, actor, id)
    })
    .await;
    after(&state, sent, "flash-invite-resent").await
}

pub async fn revoke(
    ctx: Ctx,
    state: web::Data<AppState>,
    id: web::Path<i64>,
) -> Result<HttpResponse, AppError> {
    let (actor, id) = (ctx.user()?.id, id.into_inner());
    let now = state.clock.now();
    let done = db::run(&state.pool, move |conn| {
        invitations::revoke(conn, now, actor, id)
    })
    .await;
    after(&state, done.map(|()| None), "flash-invite-revoked").await
}

/// Back to the page with the outcome; a mail queued is sent at once.
async fn after(
    state: &AppState,
    result: Result<Option<i64>, AppError>,
    success: &'static str,
) -> Result<HttpResponse, AppError> {
    match result {
        Ok(mail) => {
            if mail.is_some() {
                state.jobs.kick_outbox();
            }
            Ok(redirect_flash(PAGE, FlashLevel::Success, success))
        }
        Err(AppError::Refused(REAUTH_NEEDED)) => Ok(confirm_password_first(PAGE)),
        Err(AppError::Refused(key)) => Ok(redirect_flash(PAGE, FlashLevel::Error, key)),
        Err(e) => Err(e),
    }
}
