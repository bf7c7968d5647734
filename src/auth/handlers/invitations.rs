//! The page an invitation's link opens: choose a name and a password, and be logged in.

use actix_web::http::StatusCode;
use actix_web::{HttpRequest, HttpResponse, web};
use maud::Markup;
use serde::Deserialize;

use crate::auth::handlers::session::{client_ip, start_session, user_agent};
use crate::auth::service::invitations::{self, Accepted};
use crate::auth::views;
use crate::db;
use crate::error::AppError;
use crate::state::AppState;
use crate::validate::FormErrors;
use crate::web::ctx::{Ctx, FlashLevel, redirect_flash};
use crate::web::html;

#[derive(Deserialize, Default)]
#[serde(default)]
pub struct InviteForm {
    token: String,
    name: String,
    password: String,
}

fn plausible(token: &str) -> bool {
    token.len() == 64 && token.bytes().all(|b| b.is_ascii_hexdigit())
}

/// The form for an open invitation, or why the link no longer works.
async fn form_page(
    ctx: &Ctx,
    state: &AppState,
    form: &InviteForm,
    errors: &FormErrors,
) -> Result<Markup, AppError> {
    let now = state.clock.now();
    let token = form.token.clone();
    let open = if plausible(&token) {
        db::run(&state.pool, move |conn| {
            invitations::by_link(conn, &token, now)
        })
        .await?
    } else {
        None
    };
    Ok(views::accept_invitation(
        ctx,
        open.as_ref(),
        &form.token,
        &form.name,
        errors,
    ))
}

pub async fn page(
    ctx: Ctx,
    state: web::Data<AppState>,
    q: web::Query<InviteForm>,
) -> Result<Markup, AppError> {
    form_page(&ctx, &state, &q, &FormErrors::default()).await
}

pub async fn accept(
    ctx: Ctx,
    req: HttpRequest,
    state: web::Data<AppState>,
    form: web::Form<InviteForm>,
) -> Result<HttpResponse, AppError> {
    let form = form.into_inner();
    if !plausible(&form.token) {
        let page = form_page(&ctx, &state, &form, &FormErrors::default()).await?;
        return Ok(html(StatusCode::UNPROCESSABLE_ENTITY, page));
    }
    let (settings, now) = (state.settings(), state.clock.now());
    let (ip, ua) = (client_ip(&req, &settings), user_agent(&req));
    let (token, name, password) = (form.token.clone(), form.name.clone(), form.password.clone());
    let accepted = db::run(&state.pool, move |conn| {
        invitations::accept(conn, &settings, now, &token, (&name, &password), (&ip, &ua))
    })
    .await?;
    let errors = match accepted {
        Accepted::Done { session, home } => {
            let mut res = redirect_flash(home, FlashLevel::Success, "flash-invite-welcome");
            start_session(&mut res, &state.settings(), session)?;
            return Ok(res);
        }
        Accepted::Invalid(errors) => errors,
        Accepted::DeadLink => FormErrors::default(),
    };
    let page = form_page(&ctx, &state, &form, &errors).await?;
    Ok(html(StatusCode::UNPROCESSABLE_ENTITY, page))
}
