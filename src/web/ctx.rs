//! `Ctx`, the per-request view context handlers get (user, translator, CSRF token, flash),
//! and the flash messages that survive one redirect in a cookie.

use std::future::{Ready, ready};

use actix_web::cookie::Cookie;
use actix_web::dev::Payload;
use actix_web::http::header;
use actix_web::{FromRequest, HttpRequest, HttpResponse, web};

use crate::error::AppError;
use crate::i18n::Tr;
use crate::identity::{CurrentUser, FLASH_COOKIE, request_ctx};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FlashLevel {
    Success,
    Error,
    Info,
}

impl FlashLevel {
    fn as_str(self) -> &'static str {
        match self {
            FlashLevel::Success => "success",
            FlashLevel::Error => "error",
            FlashLevel::Info => "info",
        }
    }
    fn parse(s: &str) -> Option<Self> {
        [FlashLevel::Success, FlashLevel::Error, FlashLevel::Info]
            .into_iter()
            .find(|l| l.as_str() == s)
    }
    pub fn css_class(self) -> &'static str {
        self.as_str()
    }
}

/// A one-shot message: a Fluent id (`flash-…`, or `refuse-…` for a refused step) and its level. Only ids travel in the
/// cookie, so a tampered cookie can show nothing but one of our own messages.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Flash {
    pub level: FlashLevel,
    pub key: String,
}

impl Flash {
    fn parse(value: &str) -> Option<Flash> {
        let (level, key) = value.split_once(':')?;
        let valid_key = (key.starts_with("flash-") || key.starts_with("refuse-"))
            && key.len() <= 64
            && key
                .chars()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-');
        if !valid_key {
            return None;
        }
        Some(Flash {
            level: FlashLevel::parse(level)?,
            key: key.to_string(),
        })
    }
}

/// 303 See Other to `to` (after a successful POST).
pub fn redirect(to: &str) -> HttpResponse {
    HttpResponse::SeeOther()
        .insert_header((header::LOCATION, to))
        .finish()
}

/// 303 to `to` with a flash message shown on the next page.
pub fn redirect_flash(to: &str, level: FlashLevel, key: &'static str) -> HttpResponse {
    let mut res = redirect(to);
    let cookie = Cookie::build(FLASH_COOKIE, format!("{}:{key}", level.as_str()))
        .path("/")
        .http_only(true)
        .finish();
    res.add_cookie(&cookie).ok();
    res
}

/// How the business shows itself, times and money: the live settings, registered once by the
/// app assembly, so views need nothing from the application state.
#[derive(Debug, Clone)]
pub struct Display {
    pub settings: crate::config::LiveSettings,
}

pub struct Ctx {
    pub user: Option<CurrentUser>,
    pub tr: Tr,
    pub csrf: String,
    pub flash: Option<Flash>,
    pub path: String,
    pub htmx: bool,
    pub currency: String,
    /// The company's name, for the header and titles.
    pub company: String,
    /// The languages the business works in, its own first.
    pub languages: Vec<crate::i18n::Lang>,
    /// The company's uploaded logo; `None` shows the shipped one.
    pub logo: Option<crate::config::LogoInfo>,
    /// Whether the business has bets on; off hides every way to them.
    pub bets: bool,
}

impl Ctx {
    pub fn from_request(req: &HttpRequest) -> Ctx {
        let rc = request_ctx(req);
        let display = req
            .app_data::<web::Data<Display>>()
            .expect("Display is registered");
        let settings = display.settings.get();
        Ctx {
            user: rc.user,
            tr: Tr::new(
                settings.business.language_or_first(rc.lang),
                settings.time_zone,
            ),
            csrf: rc.csrf_token,
            flash: req
                .cookie(FLASH_COOKIE)
                .and_then(|c| Flash::parse(c.value())),
            path: req.path().to_string(),
            htmx: req.headers().contains_key("HX-Request"),
            currency: settings.currency.clone(),
            company: settings.business.company_name.clone(),
            languages: settings.business.languages.clone(),
            logo: settings.logo.clone(),
            bets: settings.business.bets,
        }
    }

    /// The logged-in user; the guards make this infallible inside protected scopes.
    pub fn user(&self) -> Result<&CurrentUser, AppError> {
        self.user.as_ref().ok_or(AppError::Forbidden)
    }

    pub fn t(&self, key: &str) -> String {
        self.tr.t(key)
    }
}

impl FromRequest for Ctx {
    type Error = actix_web::Error;
    type Future = Ready<Result<Ctx, actix_web::Error>>;

    fn from_request(req: &HttpRequest, _: &mut Payload) -> Self::Future {
        ready(Ok(Ctx::from_request(req)))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn flash_cookie_only_carries_our_message_ids() {
        assert_eq!(
            Flash::parse("success:flash-logged-in"),
            Some(Flash {
                level: FlashLevel::Success,
                key: "flash-logged-in".into()
            })
        );
        assert_eq!(Flash::parse("success:<script>"), None);
        assert_eq!(Flash::parse("loud:flash-x"), None);
        assert_eq!(Flash::parse("error:other-key"), None);
    }
}
