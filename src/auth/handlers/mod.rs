//! HTTP handlers for login, logout, registration and the language switch; `account` has
//! the own-account page.

pub mod account;
pub mod calendar;
pub mod guard;
pub mod invitations;
pub mod recovery;
pub mod session;
pub mod setup;
pub mod throttle;

use actix_web::cookie::time;
use actix_web::{HttpRequest, HttpResponse, web};
use serde::Deserialize;

use self::session::{
    LANG_COOKIE, client_ip, removal_cookie, session_cookie_name, start_session, user_agent,
};
use crate::auth::model::Role;
use crate::auth::service::{self, AccountError, LoginAttempt, LoginOutcome, NewAccount};
use crate::auth::{store, views};
use crate::db;
use crate::error::AppError;
use crate::i18n::Lang;
use crate::state::AppState;
use crate::validate::FormErrors;
use crate::web::ctx::{Ctx, FlashLevel, redirect, redirect_flash};
use crate::web::html;
use actix_web::http::StatusCode;

pub use crate::web::safe_path;

#[derive(Deserialize)]
pub struct NextQuery {
    #[serde(default)]
    next: String,
}

pub async fn login_page(ctx: Ctx, q: web::Query<NextQuery>) -> HttpResponse {
    if let Some(user) = &ctx.user {
        return redirect(user.role.home());
    }
    let v = views::LoginValues {
        email: "",
        next: &q.next,
        failed: false,
    };
    html(StatusCode::OK, views::login(&ctx, &v))
}

#[derive(Deserialize)]
pub struct LoginForm {
    #[serde(default)]
    email: String,
    #[serde(default)]
    password: String,
    #[serde(default)]
    next: String,
}

pub async fn login(
    ctx: Ctx,
    req: HttpRequest,
    state: web::Data<AppState>,
    form: web::Form<LoginForm>,
) -> Result<HttpResponse, AppError> {
    let form = form.into_inner();
    let settings = state.settings();
    let now = state.clock.now();
    let (ip, ua) = (client_ip(&req, &settings), user_agent(&req));
    let (email, password) = (form.email.clone(), form.password.clone());
    let device = session::device_token(&req, &settings);
    let outcome = db::run(&state.pool, move |conn| {
        let attempt = LoginAttempt {
            email: &email,
            password: &password,
            ip: &ip,
            user_agent: &ua,
            device: device.as_deref(),
        };
        service::login(conn, &settings, now, &attempt)
    })
    .await?;
    match outcome {
        LoginOutcome::LoggedIn {
            token,
            home,
            device,
        } => {
            let mut res = redirect(safe_path(&form.next).unwrap_or(home));
            start_session(&mut res, &state.settings(), token)?;
            res.add_cookie(&session::build_cookie(
                &state.settings(),
                session::device_cookie_name(&state.settings()),
                device,
                Some(time::Duration::days(service::DEVICE_DAYS)),
            ))?;
            Ok(res)
        }
        LoginOutcome::Invalid => {
            let v = views::LoginValues {
                email: form.email.trim(),
                next: &form.next,
                failed: true,
            };
            Ok(html(
                StatusCode::UNPROCESSABLE_ENTITY,
                views::login(&ctx, &v),
            ))
        }
        LoginOutcome::Throttled => Err(AppError::TooManyRequests),
    }
}

pub async fn logout(ctx: Ctx, state: web::Data<AppState>) -> Result<HttpResponse, AppError> {
    if let Some(user) = ctx.user {
        db::run(&state.pool, move |conn| {
            service::logout(conn, &user.session_hash)
        })
        .await?;
    }
    let mut res = redirect_flash("/", FlashLevel::Info, "flash-logged-out");
    res.add_cookie(&removal_cookie(
        &state.settings(),
        session_cookie_name(&state.settings()),
    ))?;
    Ok(res)
}

pub async fn register_page(ctx: Ctx) -> HttpResponse {
    if let Some(user) = &ctx.user {
        return redirect(user.role.home());
    }
    let errors = FormErrors::default();
    html(
        StatusCode::OK,
        views::register(
            &ctx,
            &views::RegisterValues {
                name: "",
                email: "",
                errors: &errors,
            },
        ),
    )
}

#[derive(Deserialize)]
pub struct RegisterForm {
    #[serde(default)]
    name: String,
    #[serde(default)]
    email: String,
    #[serde(default)]
    password: String,
}

pub async fn register(
    ctx: Ctx,
    req: HttpRequest,
    state: web::Data<AppState>,
    form: web::Form<RegisterForm>,
) -> Result<HttpResponse, AppError> {
    let form = form.into_inner();
    let rerender = |errors: Vec<AccountError>| {
        let mut fe = FormErrors::default();
        for e in errors {
            match e {
                AccountError::Field(field, key) => fe.add(field, key.0),
                AccountError::EmailTaken => fe.add("email", "err-email-taken"),
            }
        }
        let v = views::RegisterValues {
            name: &form.name,
            email: &form.email,
            errors: &fe,
        };
        html(StatusCode::UNPROCESSABLE_ENTITY, views::register(&ctx, &v))
    };
    let (name, email) = match service::validate_account(&form.name, &form.email, &form.password) {
        Ok(valid) => valid,
        Err(errors) => return Ok(rerender(errors)),
    };
    let account = NewAccount {
        name,
        email,
        password: form.password.clone(),
        role: Role::Client,
        language: ctx.tr.lang,
    };
    let settings = state.settings();
    let now = state.clock.now();
    let (ip, ua) = (client_ip(&req, &settings), user_agent(&req));
    let created = db::run(&state.pool, move |conn| {
        let (user_id, mail) = service::register(conn, &settings, now, &account, &ip)?;
        Ok((
            db::write_tx(conn, |tx| {
                service::open_session(tx, &settings, now, user_id, &ip, &ua)
            })?,
            mail,
        ))
    })
    .await;
    match created {
        Ok((token, mail)) => {
            if mail.is_some() {
                state.jobs.kick_outbox();
            }
            let mut res = redirect_flash(Role::Client.home(), FlashLevel::Success, "flash-welcome");
            start_session(&mut res, &state.settings(), token)?;
            Ok(res)
        }
        Err(AppError::Refused(_)) => Ok(rerender(vec![AccountError::EmailTaken])),
        Err(e) => Err(e),
    }
}

#[derive(Deserialize)]
pub struct LangForm {
    #[serde(default)]
    lang: String,
    #[serde(default)]
    back: String,
}

pub async fn switch_language(
    ctx: Ctx,
    state: web::Data<AppState>,
    form: web::Form<LangForm>,
) -> Result<HttpResponse, AppError> {
    let lang = Lang::from_code(&form.lang)
        .filter(|l| ctx.languages.contains(l))
        .ok_or(AppError::BadRequest)?;
    if let Some(user) = &ctx.user {
        let id = user.id;
        db::run(&state.pool, move |conn| {
            Ok(db::write_tx(conn, |tx| store::set_language(tx, id, lang))?)
        })
        .await?;
    }
    let mut res = redirect(safe_path(&form.back).unwrap_or("/"));
    let cookie = session::build_cookie(
        &state.settings(),
        LANG_COOKIE,
        lang.code().into(),
        Some(time::Duration::days(365)),
    );
    res.add_cookie(&cookie)?;
    Ok(res)
}

#[cfg(test)]
mod tests {
    use super::safe_path;

    #[test]
    fn only_local_paths_are_followed() {
        assert_eq!(safe_path("/manage?x=1"), Some("/manage?x=1"));
        for bad in [
            "https://evil.example",
            "//evil.example",
            "/\\evil",
            "/\t/evil.example/phish",
            "/\n/evil.example",
            "/ /evil.example",
            "/account\u{7f}",
            "/\u{0}",
            "manage",
            "",
        ] {
            assert_eq!(safe_path(bad), None, "{bad}");
        }
    }
}
