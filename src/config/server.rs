//! General settings: where the server listens and is reached, the business time zone,
//! currency and language, sessions and login throttling, jobs and logging.

use std::net::SocketAddr;

use chrono_tz::Tz;

use super::raw::RawSettings;
use super::{SettingsError, invalid};
use crate::i18n::Lang;

/// The general section, validated; its values sit at the top of `Settings`.
pub(super) struct Server {
    pub bind: SocketAddr,
    pub base_url: String,
    pub time_zone: Tz,
    pub currency: String,
    pub default_language: Lang,
    pub secure_cookies: bool,
    pub trust_proxy: bool,
    pub jobs: bool,
    pub log: String,
}

pub(super) fn server(raw: &RawSettings) -> Result<Server, SettingsError> {
    let bind: SocketAddr = raw.bind.parse().map_err(|_| {
        invalid(
            "bind",
            format!("`{}` is not an address like 127.0.0.1:8080", raw.bind),
        )
    })?;
    let base_url = raw
        .base_url
        .clone()
        .unwrap_or_else(|| format!("http://{bind}"))
        .trim_end_matches('/')
        .to_string();
    if !(base_url.starts_with("http://") || base_url.starts_with("https://")) {
        return Err(invalid("base_url", "must start with http:// or https://"));
    }
    let time_zone: Tz = raw.time_zone.parse().map_err(|_| {
        invalid(
            "time_zone",
            format!("`{}` is not an IANA time zone", raw.time_zone),
        )
    })?;
    let currency = raw.currency.trim().to_string();
    if currency.len() != 3 || !currency.chars().all(|c| c.is_ascii_uppercase()) {
        return Err(invalid(
            "currency",
            "must be a three-letter ISO 4217 code such as RUB",
        ));
    }
    let default_language = Lang::from_code(&raw.default_language)
        .ok_or_else(|| invalid("default_language", "must be `en` or `ru`"))?;
    tracing_subscriber::EnvFilter::try_new(&raw.log)
        .map_err(|_| invalid("log", "must be a level such as info or a tracing filter"))?;
    Ok(Server {
        bind,
        secure_cookies: raw
            .secure_cookies
            .unwrap_or(base_url.starts_with("https://")),
        base_url,
        time_zone,
        currency,
        default_language,
        trust_proxy: raw.trust_proxy,
        jobs: raw.jobs,
        log: raw.log.clone(),
    })
}

/// Sessions and login throttling.
pub(super) struct Access {
    pub session_days: i64,
    pub login_max_failures_per_account: u32,
    pub login_max_failures_per_ip: u32,
    pub login_window_minutes: i64,
}

pub(super) fn access(raw: &RawSettings) -> Result<Access, SettingsError> {
    if !(1..=365).contains(&raw.session_days) {
        return Err(invalid("session_days", "must be between 1 and 365"));
    }
    if raw.login_max_failures_per_account == 0 || raw.login_max_failures_per_ip == 0 {
        return Err(invalid(
            "login_max_failures_per_account",
            "limits must be at least 1",
        ));
    }
    if !(1..=1440).contains(&raw.login_window_minutes) {
        return Err(invalid(
            "login_window_minutes",
            "must be between 1 and 1440",
        ));
    }
    Ok(Access {
        session_days: raw.session_days,
        login_max_failures_per_account: raw.login_max_failures_per_account,
        login_max_failures_per_ip: raw.login_max_failures_per_ip,
        login_window_minutes: raw.login_window_minutes,
    })
}
