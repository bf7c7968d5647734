//! Applying to become a worker (`/apply`, open to anyone) and the candidate's own page.

use actix_web::http::StatusCode;
use actix_web::{HttpRequest, HttpResponse, web};
use maud::Markup;

use crate::auth::handlers::session::{client_ip, start_session, user_agent};
use crate::auth::model::Role;
use crate::auth::service as accounts;
use crate::catalogue::store as catalogue;
use crate::db;
use crate::error::AppError;
use crate::hiring::service::apply::{ApplyForm, submit};
use crate::hiring::service::attempts;
use crate::hiring::store;
use crate::hiring::views::apply as views;
use crate::state::AppState;
use crate::validate::FormErrors;
use crate::web::ctx::{Ctx, FlashLevel, redirect, redirect_flash};
use crate::web::html as html_response;

pub async fn form(ctx: Ctx, state: web::Data<AppState>) -> Result<HttpResponse, AppError> {
    if let Some(user) = &ctx.user {
        return Ok(redirect(user.role.home()));
    }
    let services = db::run(&state.pool, |conn| Ok(catalogue::services(conn, true)?)).await?;
    Ok(html_response(
        StatusCode::OK,
        views::page(
            &ctx,
            &services,
            &ApplyForm::default(),
            &FormErrors::default(),
        ),
    ))
}

pub async fn submit_form(
    ctx: Ctx,
    req: HttpRequest,
    state: web::Data<AppState>,
    body: web::Bytes,
) -> Result<HttpResponse, AppError> {
    let f = ApplyForm::parse(&body)?;
    let settings = state.settings();
    let now = state.clock.now();
    let (lang, form) = (ctx.tr.lang, f.clone());
    let (ip, ua) = (client_ip(&req, &settings), user_agent(&req));
    let result = db::run(&state.pool, move |conn| {
        Ok(match submit(conn, &settings, now, &form, lang, &ip)? {
            Ok(user_id) => Ok(db::write_tx(conn, |tx| {
                accounts::open_session(tx, &settings, now, user_id, &ip, &ua)
            })?),
            Err(errors) => Err(errors),
        })
    })
    .await?;
    match result {
        Ok(token) => {
            state.jobs.kick_outbox();
            let mut res =
                redirect_flash(Role::Candidate.home(), FlashLevel::Success, "flash-applied");
            start_session(&mut res, &state.settings(), token)?;
            Ok(res)
        }
        Err(errors) => {
            let services =
                db::run(&state.pool, |conn| Ok(catalogue::services(conn, true)?)).await?;
            Ok(html_response(
                StatusCode::UNPROCESSABLE_ENTITY,
                views::page(&ctx, &services, &f, &errors),
            ))
        }
    }
}

/// The candidate's home: where their application stands.
pub async fn candidate_home(ctx: Ctx, state: web::Data<AppState>) -> Result<Markup, AppError> {
    let user_id = ctx.user()?.id;
    let (candidate, assignments) = db::run(&state.pool, move |conn| {
        let candidate = store::by_user(conn, user_id)?;
        let assignments = match &candidate {
            Some(c) => attempts::for_candidate(conn, c.id)?,
            None => Vec::new(),
        };
        Ok((candidate, assignments))
    })
    .await?;
    Ok(views::candidate_home(
        &ctx,
        candidate.as_ref(),
        &assignments,
    ))
}
