//! The first-run set-up link's pages: the form that makes the first admin and signs them in,
//! and the next steps after it.

use actix_web::http::StatusCode;
use actix_web::{HttpRequest, HttpResponse, web};
use maud::Markup;
use serde::Deserialize;

use crate::auth::handlers::session::{client_ip, start_session, user_agent};
use crate::auth::service::setup::{self, FirstAdmin, SetUp};
use crate::auth::views::setup as views;
use crate::db;
use crate::error::AppError;
use crate::state::AppState;
use crate::validate::FormErrors;
use crate::web::ctx::{Ctx, FlashLevel, redirect_flash};
use crate::web::html;

#[derive(Deserialize, Default)]
#[serde(default)]
pub struct SetupForm {
    token: String,
    name: String,
    email: String,
    password: String,
}

fn plausible(token: &str) -> bool {
    token.len() == 64 && token.bytes().all(|b| b.is_ascii_hexdigit())
}

async fn open(state: &AppState, token: &str) -> Result<bool, AppError> {
    if !plausible(token) {
        return Ok(false);
    }
    let (token, now) = (token.to_string(), state.clock.now());
    db::run(&state.pool, move |conn| setup::link_open(conn, &token, now)).await
}

fn form_page(ctx: &Ctx, state: &AppState, form: &SetupForm, errors: &FormErrors) -> Markup {
    let s = &state.settings();
    let defaults = views::Defaults {
        time_zone: s.time_zone.name(),
        currency: &s.currency,
        language: s.default_language.native_name(),
    };
    let values = views::SetupValues {
        token: &form.token,
        name: &form.name,
        email: &form.email,
        errors,
    };
    views::form(ctx, &values, &defaults)
}

/// The form while the link is open; a refusal (404) once it is used, expired or wrong, or
/// an admin exists.
pub async fn page(
    ctx: Ctx,
    state: web::Data<AppState>,
    q: web::Query<SetupForm>,
) -> Result<HttpResponse, AppError> {
    if !open(&state, &q.token).await? {
        return Ok(html(StatusCode::NOT_FOUND, views::refused(&ctx)));
    }
    let page = form_page(&ctx, &state, &q, &FormErrors::default());
    Ok(html(StatusCode::OK, page))
}

pub async fn submit(
    ctx: Ctx,
    req: HttpRequest,
    state: web::Data<AppState>,
    form: web::Form<SetupForm>,
) -> Result<HttpResponse, AppError> {
    let form = form.into_inner();
    if !plausible(&form.token) {
        return Ok(html(StatusCode::NOT_FOUND, views::refused(&ctx)));
    }
    let (settings, now) = (state.settings(), state.clock.now());
    let (ip, ua) = (client_ip(&req, &settings), user_agent(&req));
    let language = ctx.tr.lang;
    let (token, name, email, password) = (
        form.token.clone(),
        form.name.clone(),
        form.email.clone(),
        form.password.clone(),
    );
    let outcome = db::run(&state.pool, move |conn| {
        let typed = FirstAdmin {
            name: &name,
            email: &email,
            password: &password,
            language,
        };
        setup::complete(conn, &settings, now, &token, &typed, (&ip, &ua))
    })
    .await?;
    match outcome {
        SetUp::Done { session } => {
            let mut res = redirect_flash("/admin/settings?setup=1", FlashLevel::Success, "flash-setup-done");
            start_session(&mut res, &state.settings(), session)?;
            Ok(res)
        }
        SetUp::DeadLink => Ok(html(StatusCode::NOT_FOUND, views::refused(&ctx))),
        SetUp::Invalid(errors) => {
            let page = form_page(&ctx, &state, &form, &errors);
            Ok(html(StatusCode::UNPROCESSABLE_ENTITY, page))
        }
    }
}

/// What to set next, with links to the pages that set it (admins only).
pub async fn next(ctx: Ctx) -> Markup {
    views::next_steps(&ctx)
}
