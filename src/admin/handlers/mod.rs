//! HTTP handlers of the admin area: overview, users (search, role, permissions, activation),
//! the mail queue and the audit log.

pub mod invitations;
pub mod settings;

use actix_web::{HttpResponse, web};
use maud::Markup;
use serde::Deserialize;

use super::{service, store, views};
use crate::audit;
use crate::auth::service::reauth::{REAUTH_NEEDED, fresh_password};
use crate::auth::service::{AdminChange, admin_change};
use crate::auth::store as users;
use crate::db;
use crate::error::AppError;
use crate::identity::{Permission, Role};
use crate::notify::model::OutboxStatus;
use crate::notify::{service as notify, store as outbox};
use crate::state::AppState;
use crate::web::components::Paging;
use crate::web::ctx::{Ctx, FlashLevel, redirect_flash};
use crate::web::parse_flag;

pub async fn overview(ctx: Ctx, state: web::Data<AppState>) -> Result<Markup, AppError> {
    let overview = db::run(&state.pool, |conn| Ok(store::overview(conn)?)).await?;
    let dir = state.settings().operations.backup_dir.clone();
    let backups = web::block(move || crate::db::backup::list(&dir))
        .await
        .map_err(|e| AppError::Internal(anyhow::anyhow!(e)))?
        .unwrap_or_else(|error| {
            tracing::warn!(%error, "cannot list the backup folder");
            Vec::new()
        });
    let backups = views::Backups {
        files: &backups,
        rules: &state.settings().operations,
        now: state.clock.now(),
    };
    Ok(views::overview(
        &ctx,
        &overview,
        &state.jobs.status(),
        &backups,
    ))
}

#[derive(Deserialize)]
pub struct UsersQuery {
    #[serde(default)]
    q: String,
    #[serde(default)]
    role: String,
    page: Option<i64>,
}

pub async fn users_list(
    ctx: Ctx,
    state: web::Data<AppState>,
    query: web::Query<UsersQuery>,
) -> Result<Markup, AppError> {
    let query = query.into_inner();
    let role = Role::parse(&query.role);
    let paging = Paging::new(query.page, 25);
    let search = query.q.trim().chars().take(100).collect::<String>();
    let s = search.clone();
    let (rows, total) = db::run(&state.pool, move |conn| {
        Ok(users::search_users(
            conn,
            &s,
            role,
            paging.per_page,
            paging.offset(),
        )?)
    })
    .await?;
    Ok(views::users(&ctx, &rows, &search, role, paging, total))
}

pub async fn user_detail(
    ctx: Ctx,
    state: web::Data<AppState>,
    id: web::Path<i64>,
) -> Result<Markup, AppError> {
    let id = id.into_inner();
    let (user, perms, worker) = db::run(&state.pool, move |conn| {
        let user = users::user_by_id(conn, id)?.ok_or(AppError::NotFound)?;
        let worker = views::WorkerSetup {
            held: crate::matching::store::availability::availability(conn, id)?.skills,
            list: crate::catalogue::store::skills::all(conn)?,
            gaps: crate::matching::service::readiness::gaps(conn, id)?,
        };
        Ok((user, users::permissions(conn, id)?, worker))
    })
    .await?;
    Ok(views::user(&ctx, &user, &perms, &worker))
}

/// A worker's skills (what matching checks against each service's required skill).
pub async fn set_skills(
    ctx: Ctx,
    state: web::Data<AppState>,
    id: web::Path<i64>,
    body: web::Bytes,
) -> Result<HttpResponse, AppError> {
    let actor = ctx.user()?.id;
    let id = id.into_inner();
    let back = format!("/admin/users/{id}");
    let skills = service::skills_from_form(&body)?;
    let now = state.clock.now();
    let saved = db::run(&state.pool, move |conn| {
        service::set_skills(conn, now, actor, id, &skills)
    })
    .await;
    match saved {
        Ok(()) => Ok(redirect_flash(
            &back,
            FlashLevel::Success,
            "flash-skills-saved",
        )),
        Err(AppError::Refused(key)) => Ok(redirect_flash(&back, FlashLevel::Error, key)),
        Err(e) => Err(e),
    }
}

/// To the password check, which comes back to `back`; nothing was changed.
pub fn confirm_password_first(back: &str) -> HttpResponse {
    let confirm = format!("/account/confirm-password?next={back}");
    redirect_flash(&confirm, FlashLevel::Info, REAUTH_NEEDED)
}

#[derive(Deserialize)]
pub struct ChangeForm {
    #[serde(default)]
    role: String,
    #[serde(default)]
    permission: String,
    #[serde(default)]
    granted: String,
    #[serde(default)]
    active: String,
}

/// One endpoint per kind of change keeps each form tiny; all go through `admin_change`,
/// after the password is asked again when it was typed too long ago (nothing changes then:
/// the admin confirms and repeats the change).
async fn apply(
    ctx: Ctx,
    state: web::Data<AppState>,
    id: i64,
    change: AdminChange,
) -> Result<HttpResponse, AppError> {
    let actor = ctx.user()?;
    let now = state.clock.now();
    let back = format!("/admin/users/{id}");
    let Some(fresh) = fresh_password(&state.settings(), actor, now) else {
        return Ok(confirm_password_first(&back));
    };
    let actor = actor.id;
    let result = db::run(&state.pool, move |conn| {
        admin_change(conn, now, (actor, fresh), id, change)
    })
    .await;
    Ok(match result {
        Ok(()) => redirect_flash(&back, FlashLevel::Success, "flash-saved"),
        Err(AppError::Refused(key)) => redirect_flash(&back, FlashLevel::Error, key),
        Err(e) => return Err(e),
    })
}

pub async fn set_role(
    ctx: Ctx,
    state: web::Data<AppState>,
    id: web::Path<i64>,
    form: web::Form<ChangeForm>,
) -> Result<HttpResponse, AppError> {
    let role = Role::parse(&form.role).ok_or(AppError::BadRequest)?;
    apply(ctx, state, id.into_inner(), AdminChange::Role(role)).await
}

pub async fn set_permission(
    ctx: Ctx,
    state: web::Data<AppState>,
    id: web::Path<i64>,
    form: web::Form<ChangeForm>,
) -> Result<HttpResponse, AppError> {
    let permission = Permission::parse(&form.permission).ok_or(AppError::BadRequest)?;
    let granted = parse_flag(&form.granted)?;
    apply(
        ctx,
        state,
        id.into_inner(),
        AdminChange::Permission(permission, granted),
    )
    .await
}

pub async fn set_active(
    ctx: Ctx,
    state: web::Data<AppState>,
    id: web::Path<i64>,
    form: web::Form<ChangeForm>,
) -> Result<HttpResponse, AppError> {
    let active = parse_flag(&form.active)?;
    apply(ctx, state, id.into_inner(), AdminChange::Active(active)).await
}

#[derive(Deserialize)]
pub struct MailQuery {
    #[serde(default)]
    status: String,
    page: Option<i64>,
}

pub async fn mail_queue(
    ctx: Ctx,
    state: web::Data<AppState>,
    query: web::Query<MailQuery>,
) -> Result<Markup, AppError> {
    let status = OutboxStatus::parse(&query.status);
    let paging = Paging::new(query.page, 30);
    let (mut rows, total, counts) = db::run(&state.pool, move |conn| {
        let (rows, total) = outbox::mail_page(conn, status, paging.per_page, paging.offset())?;
        Ok((rows, total, outbox::mail_counts(conn)?))
    })
    .await?;
    for mail in &mut rows {
        notify::in_recipient_language(&state.settings(), mail);
    }
    Ok(views::mail(&ctx, &rows, status, counts, paging, total))
}

/// One mail as it was (or will be) sent: headers, text, attempts and the last error.
pub async fn mail_detail(
    ctx: Ctx,
    state: web::Data<AppState>,
    id: web::Path<i64>,
) -> Result<Markup, AppError> {
    let id = id.into_inner();
    let mut mail = db::run(&state.pool, move |conn| Ok(outbox::mail(conn, id)?))
        .await?
        .ok_or(AppError::NotFound)?;
    notify::in_recipient_language(&state.settings(), &mut mail);
    Ok(views::mail_detail(
        &ctx,
        &mail,
        &state.settings().mail_from.to_string(),
    ))
}

pub async fn retry_mail(
    ctx: Ctx,
    state: web::Data<AppState>,
    id: web::Path<i64>,
) -> Result<HttpResponse, AppError> {
    let actor = ctx.user()?.id;
    let now = state.clock.now();
    let id = id.into_inner();
    let revived = db::run(&state.pool, move |conn| {
        notify::retry_dead_mail(conn, now, actor, id)
    })
    .await?;
    if !revived {
        return Ok(redirect_flash(
            "/admin/mail?status=dead",
            FlashLevel::Error,
            "flash-mail-not-dead",
        ));
    }
    state.jobs.kick_outbox();
    Ok(redirect_flash(
        "/admin/mail?status=dead",
        FlashLevel::Success,
        "flash-mail-requeued",
    ))
}

#[derive(Deserialize)]
pub struct AuditQuery {
    #[serde(default)]
    action: String,
    page: Option<i64>,
}

pub async fn audit_log(
    ctx: Ctx,
    state: web::Data<AppState>,
    query: web::Query<AuditQuery>,
) -> Result<Markup, AppError> {
    let paging = Paging::new(query.page, 50);
    let action: String = query
        .action
        .chars()
        .filter(|c| c.is_ascii_alphanumeric() || *c == '.' || *c == '_')
        .take(40)
        .collect();
    let a = action.clone();
    let (rows, total) = db::run(&state.pool, move |conn| {
        Ok(audit::page(conn, &a, paging.per_page, paging.offset())?)
    })
    .await?;
    Ok(views::audit(&ctx, &rows, &action, paging, total))
}
