//! Server-side sessions and the per-request context: the session middleware reads the cookie,
//! loads the user (active only), picks the language and the CSRF token, and puts them in the
//! request's extensions for extractors, guards and error pages.

use actix_web::body::MessageBody;
use actix_web::cookie::{Cookie, SameSite, time};
use actix_web::dev::{ServiceRequest, ServiceResponse};
use actix_web::middleware::Next;
use actix_web::{HttpMessage, HttpRequest, web};
use chrono::{DateTime, Utc};

use crate::auth::model::tokens::{hash_token, random_token};
use crate::auth::store;
use crate::config::Settings;
use crate::i18n::Lang;
use crate::state::AppState;

pub use crate::identity::{CurrentUser, FLASH_COOKIE, LANG_COOKIE, RequestCtx, request_ctx};

/// Session cookies get the `__Host-` prefix over https (no Domain, Path=/, Secure).
pub fn session_cookie_name(settings: &Settings) -> &'static str {
    if settings.secure_cookies {
        "__Host-ww_session"
    } else {
        "ww_session"
    }
}

/// CSRF cookie for visitors without a session (login and registration forms).
pub fn csrf_cookie_name(settings: &Settings) -> &'static str {
    if settings.secure_cookies {
        "__Host-ww_csrf"
    } else {
        "ww_csrf"
    }
}

/// The device cookie: a browser that once logged in to an account is trusted for it, so the
/// per-account lockout never shuts its owner out (see `service::login`).
pub fn device_cookie_name(settings: &Settings) -> &'static str {
    if settings.secure_cookies {
        "__Host-ww_device"
    } else {
        "ww_device"
    }
}

/// The request's device cookie, if it looks like one of ours.
pub fn device_token(req: &HttpRequest, settings: &Settings) -> Option<String> {
    req.cookie(device_cookie_name(settings))
        .map(|c| c.value().to_string())
        .filter(|v| v.len() == 64 && v.bytes().all(|b| b.is_ascii_hexdigit()))
}

pub fn build_cookie(
    settings: &Settings,
    name: &'static str,
    value: String,
    max_age: Option<time::Duration>,
) -> Cookie<'static> {
    let mut cookie = Cookie::build(name, value)
        .path("/")
        .http_only(true)
        .secure(settings.secure_cookies)
        .same_site(SameSite::Lax)
        .finish();
    if let Some(age) = max_age {
        cookie.set_max_age(age);
    }
    cookie
}

pub fn removal_cookie(settings: &Settings, name: &'static str) -> Cookie<'static> {
    let mut cookie = build_cookie(settings, name, String::new(), None);
    cookie.make_removal();
    cookie
}

/// Hands the browser a freshly opened session: the session cookie, and the visitor's CSRF
/// cookie dropped (the session brings its own token).
pub fn start_session(
    res: &mut actix_web::HttpResponse,
    settings: &Settings,
    token: String,
) -> Result<(), actix_web::error::HttpError> {
    let age = time::Duration::days(settings.session_days);
    res.add_cookie(&build_cookie(
        settings,
        session_cookie_name(settings),
        token,
        Some(age),
    ))?;
    res.add_cookie(&removal_cookie(settings, csrf_cookie_name(settings)))
}

/// Client IP for throttling and the session record: the peer address, or the first
/// `X-Forwarded-For` hop when the operator says a trusted proxy sits in front.
pub fn client_ip(req: &HttpRequest, settings: &Settings) -> String {
    let info = req.connection_info();
    let ip = if settings.trust_proxy {
        info.realip_remote_addr()
    } else {
        info.peer_addr()
    };
    ip.unwrap_or("unknown").to_string()
}

pub fn user_agent(req: &HttpRequest) -> String {
    req.headers()
        .get(actix_web::http::header::USER_AGENT)
        .and_then(|v| v.to_str().ok())
        .unwrap_or("")
        .chars()
        .take(300)
        .collect()
}

/// Only refresh `last_seen_at` this often, so reads don't turn every request into a write
/// (well below the shortest idle timeout a setting allows, 15 minutes).
const TOUCH_EVERY_MINUTES: i64 = 5;

/// A signed-in visitor's session as a request finds it.
struct Loaded {
    user: CurrentUser,
    csrf_token: String,
    /// `last_seen_at` is older than `TOUCH_EVERY_MINUTES`.
    due_touch: bool,
}

/// Whether the session with this token hash still lets its user in: not logged out, not
/// past its idle or absolute expiry, its user still active. An open event stream asks when
/// told that sessions of its user ended and on each keep-alive tick. A failed read counts as
/// no: the stream closes and the browser reconnects.
pub fn session_lives(state: &AppState, session_hash: &str) -> bool {
    load_user(state, session_hash.to_string(), state.clock.now()).is_ok_and(|l| l.is_some())
}

/// Reads the live session with token hash `hash` on this thread's own read-only connection
/// (a few indexed lookups, so no trip to the blocking pool; see `db::read_here`).
fn load_user(
    state: &AppState,
    hash: String,
    now: DateTime<Utc>,
) -> rusqlite::Result<Option<Loaded>> {
    let security = &state.settings().security;
    let idle_since = now - chrono::Duration::minutes(security.session_idle_minutes);
    let admin_idle_since = now - chrono::Duration::minutes(security.admin_session_idle_minutes);
    let database = crate::db::db_path(&state.settings().data_dir);
    crate::db::read_here(&database, |conn| {
        let Some(live) = store::live_session(conn, &hash, now, idle_since, admin_idle_since)?
        else {
            return Ok(None);
        };
        let permissions = store::permissions(conn, live.user.id)?;
        let user = live.user;
        Ok(Some(Loaded {
            due_touch: now - live.last_seen_at > chrono::Duration::minutes(TOUCH_EVERY_MINUTES),
            user: CurrentUser {
                id: user.id,
                email: user.email,
                name: user.name,
                role: user.role,
                language: user.language,
                permissions,
                session_hash: hash,
                authenticated_at: live.authenticated_at,
            },
            csrf_token: live.csrf_token,
        }))
    })
}

/// Refreshes the session's `last_seen_at` (a write, so on the blocking pool).
async fn touch(state: &AppState, hash: &str, now: DateTime<Utc>) -> Result<(), actix_web::Error> {
    let (pool, hash) = (state.pool.clone(), hash.to_string());
    web::block(move || -> anyhow::Result<()> {
        let mut conn = pool.get()?;
        crate::db::write_tx(&mut conn, |tx| store::touch_session(tx, &hash, now))?;
        Ok(())
    })
    .await
    .map_err(actix_web::error::ErrorInternalServerError)?
    .map_err(actix_web::error::ErrorInternalServerError)
}

/// Middleware: loads the session into `RequestCtx`; hands anonymous visitors a CSRF cookie;
/// clears the flash cookie once a page has shown it.
pub async fn session_middleware(
    req: ServiceRequest,
    next: Next<impl MessageBody + 'static>,
) -> Result<ServiceResponse<impl MessageBody>, actix_web::Error> {
    let state = req
        .app_data::<web::Data<AppState>>()
        .expect("AppState is registered")
        .clone();
    let settings = &state.settings();
    let token = req
        .cookie(session_cookie_name(settings))
        .map(|c| c.value().to_string());
    let loaded = match token {
        Some(token) if token.len() == 64 => {
            let now = state.clock.now();
            let loaded = load_user(&state, hash_token(&token), now)
                .map_err(actix_web::error::ErrorInternalServerError)?;
            if let Some(loaded) = loaded.as_ref().filter(|l| l.due_touch) {
                touch(&state, &loaded.user.session_hash, now).await?;
            }
            loaded
        }
        _ => None,
    };
    let (ctx, new_anon_csrf) = context_for(&req, settings, loaded);
    let had_flash = req.cookie(FLASH_COOKIE).is_some();
    let is_htmx = req.headers().contains_key("HX-Request");
    // A signed-in page (or a user's file) must not stay in a shared or back-button cache
    // (ASVS 8.2.1); the fingerprinted assets and the company's logo, the same for everyone,
    // stay cacheable.
    let private =
        ctx.user.is_some() && !req.path().starts_with("/assets/") && req.path() != "/brand/logo";
    req.extensions_mut().insert(ctx);
    let mut res = next.call(req).await?;
    if private {
        res.headers_mut().insert(
            actix_web::http::header::CACHE_CONTROL,
            actix_web::http::header::HeaderValue::from_static("no-store"),
        );
    }
    finish_response(&mut res, settings, new_anon_csrf, had_flash && !is_htmx);
    Ok(res)
}

/// The request's context: the signed-in user's, or an anonymous visitor's with the language
/// from the cookie or the browser and a CSRF token (a fresh one is returned to be set).
fn context_for(
    req: &ServiceRequest,
    settings: &Settings,
    loaded: Option<Loaded>,
) -> (RequestCtx, Option<String>) {
    let cookie_lang = req
        .cookie(LANG_COOKIE)
        .and_then(|c| Lang::from_code(c.value()));
    let header_lang = req
        .headers()
        .get(actix_web::http::header::ACCEPT_LANGUAGE)
        .and_then(|v| v.to_str().ok())
        .and_then(Lang::from_accept_language);
    let mut new_anon_csrf = None;
    let ctx = match loaded {
        Some(Loaded {
            user, csrf_token, ..
        }) => RequestCtx {
            // A language the business no longer uses reads as its first one.
            lang: settings.business.language_or_first(user.language),
            user: Some(user),
            csrf_token,
        },
        None => {
            let existing = req
                .cookie(csrf_cookie_name(settings))
                .map(|c| c.value().to_string())
                .filter(|v| v.len() == 64);
            let csrf_token = existing.unwrap_or_else(|| {
                let fresh = random_token();
                new_anon_csrf = Some(fresh.clone());
                fresh
            });
            RequestCtx {
                user: None,
                lang: settings.business.language_or_first(
                    cookie_lang
                        .or(header_lang)
                        .unwrap_or(settings.default_language),
                ),
                csrf_token,
            }
        }
    };
    (ctx, new_anon_csrf)
}

/// Gives the flash cookie its attributes, sets a fresh anonymous CSRF cookie, and clears a
/// flash a full page has just shown.
fn finish_response<B>(
    res: &mut ServiceResponse<B>,
    settings: &Settings,
    new_anon_csrf: Option<String>,
    pending_flash_on_page: bool,
) {
    secure_flash_cookie(res, settings.secure_cookies);
    if let Some(token) = new_anon_csrf {
        let cookie = build_cookie(settings, csrf_cookie_name(settings), token, None);
        res.response_mut().add_cookie(&cookie).ok();
    }
    let shown = res.status().is_success() && pending_flash_on_page;
    let sets_flash = res.response().cookies().any(|c| c.name() == FLASH_COOKIE);
    if shown && !sets_flash {
        res.response_mut()
            .add_removal_cookie(&flash_cookie(String::new(), settings.secure_cookies))
            .ok();
    }
}

/// The flash cookie as it is set: one page's message id, HttpOnly, SameSite=Lax, and Secure
/// when the site is served over https.
fn flash_cookie(value: String, secure: bool) -> Cookie<'static> {
    Cookie::build(FLASH_COOKIE, value)
        .path("/")
        .http_only(true)
        .same_site(SameSite::Lax)
        .secure(secure)
        .finish()
}

/// Handlers set the flash without knowing the site's settings; this gives the cookie its
/// attributes on the way out.
fn secure_flash_cookie<B>(res: &mut ServiceResponse<B>, secure: bool) {
    let value = res
        .response()
        .cookies()
        .find(|c| c.name() == FLASH_COOKIE && !c.value().is_empty())
        .map(|c| c.value().to_string());
    if let Some(value) = value {
        let response = res.response_mut();
        response.del_cookie(FLASH_COOKIE);
        response.add_cookie(&flash_cookie(value, secure)).ok();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_flash_cookie_is_secure_when_the_site_is_served_over_https() {
        let plain = flash_cookie("success:flash-saved".into(), false);
        assert_eq!(plain.same_site(), Some(SameSite::Lax));
        assert_eq!(plain.http_only(), Some(true));
        assert_ne!(plain.secure(), Some(true));
        let over_https = flash_cookie("success:flash-saved".into(), true);
        assert_eq!(over_https.secure(), Some(true));
        assert_eq!(over_https.same_site(), Some(SameSite::Lax));
    }
}
