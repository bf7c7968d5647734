//! The admin's invitations page: invite someone by email with a role, resend or revoke an
//! open invitation (handlers and view; the rules are `auth::invitations`).

use actix_web::{HttpResponse, web};
use maud::{Markup, html};
use serde::Deserialize;

use crate::admin::handlers::confirm_password_first;
use crate::auth::invitations;
use crate::auth::reauth::{REAUTH_NEEDED, fresh_password};
use crate::auth::store::{self as users, Invitation};
use crate::db;
use crate::error::AppError;
use crate::identity::Role;
use crate::state::AppState;
use crate::web::components::{csrf_field, empty_state, post_button};
use crate::web::ctx::{Ctx, FlashLevel, redirect_flash};
use crate::web::layout;

const PAGE: &str = "/admin/invitations";

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
    let (settings, now) = (state.settings.clone(), state.clock.now());
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
        fresh_password(&state.settings, ctx.user()?, now),
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

fn state_of(ctx: &Ctx, i: &Invitation, now: chrono::DateTime<chrono::Utc>) -> String {
    match (i.accepted_at, i.revoked_at) {
        (Some(at), _) => format!("{} {}", ctx.t("invite-accepted"), ctx.tr.datetime(at)),
        (_, Some(at)) => format!("{} {}", ctx.t("invite-revoked"), ctx.tr.datetime(at)),
        _ if i.expires_at <= now => ctx.t("invite-expired"),
        _ => format!(
            "{} {}",
            ctx.t("invite-open-until"),
            ctx.tr.datetime(i.expires_at)
        ),
    }
}

fn view(ctx: &Ctx, rows: &[Invitation], now: chrono::DateTime<chrono::Utc>) -> Markup {
    let title = ctx.t("invite-title");
    layout::page(
        ctx,
        &title,
        html! {
            h1 { (title) }
            article {
                h2 { (ctx.t("invite-new")) }
                form method="post" action=(PAGE) {
                    (csrf_field(ctx))
                    div.grid {
                        label { (ctx.t("field-email")) input type="email" name="email" required; }
                        label { (ctx.t("field-name")) input type="text" name="name" required maxlength="100"; }
                        label { (ctx.t("account-role"))
                            select name="role" { @for r in [Role::Worker, Role::Manager, Role::Client, Role::Admin] {
                                option value=(r.as_str()) { (ctx.t(&format!("role-{r}"))) }
                            } } }
                    }
                    button type="submit" { (ctx.t("invite-send")) }
                }
            }
            @if rows.is_empty() {
                (empty_state(&ctx.t("invite-empty-title"), &ctx.t("invite-empty-text")))
            } @else {
                div.table-wrap tabindex="0" { table.striped.phone-cards {
                    thead { tr { th { (ctx.t("field-name")) } th { (ctx.t("field-email")) } th { (ctx.t("account-role")) } th { (ctx.t("invite-by")) } th { (ctx.t("admin-status")) } th { span.visually-hidden { (ctx.t("table-actions")) } } } }
                    tbody { @for i in rows { tr {
                        td { (i.name) } td { (i.email) } td { (ctx.t(&format!("role-{}", i.role))) }
                        td { (i.invited_by_name) br; small.muted { (ctx.tr.datetime(i.created_at)) " · " (ctx.tr.t_args("invite-sent-times", &[("count", i.sent_count.into())])) } }
                        td { (state_of(ctx, i, now)) }
                        td { @if i.accepted_at.is_none() && i.revoked_at.is_none() {
                            (post_button(ctx, &format!("{PAGE}/{}/resend", i.id), &ctx.t("invite-resend"), "small secondary", None))
                            " "
                            (post_button(ctx, &format!("{PAGE}/{}/revoke", i.id), &ctx.t("invite-revoke"), "small secondary outline", Some(&ctx.t("invite-revoke-confirm"))))
                        } }
                    } } }
                } }
            }
        },
    )
}
