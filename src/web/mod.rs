//! The web shell shared by every context: layout, components, translation, assets, CSRF,
//! error pages, the per-request view context and streamed uploads.

pub mod assets;
pub mod components;
pub mod csrf;
pub mod ctx;
pub mod error_pages;
pub mod layout;
pub mod panics;
pub mod pwa;
pub mod request_span;
pub mod uploads;

use actix_web::HttpResponse;
use actix_web::http::StatusCode;

/// An HTML response with `status` (handlers that may also redirect return `HttpResponse`).
pub fn html(status: StatusCode, markup: maud::Markup) -> HttpResponse {
    HttpResponse::build(status)
        .content_type("text/html; charset=utf-8")
        .body(markup.into_string())
}

/// A `next`/`back` target is followed only if it is a path on this site: a leading `/` not
/// followed by `/` or `\`, no backslash, and no control character or whitespace anywhere
/// (browsers drop a tab or a newline, so `/\t/evil.example` would become `//evil.example`,
/// and a control character cannot go into a `Location` header at all).
pub fn safe_path(target: &str) -> Option<&str> {
    let ok = target.starts_with('/')
        && !target.starts_with("//")
        && !target.contains('\\')
        && !target.chars().any(|c| c.is_control() || c.is_whitespace())
        && target.len() <= 500;
    ok.then_some(target)
}

/// A yes/no form value ("1"/"0", or "true"/"false"); anything else is a bad request.
pub fn parse_flag(v: &str) -> Result<bool, crate::error::AppError> {
    match v {
        "1" | "true" => Ok(true),
        "0" | "false" => Ok(false),
        _ => Err(crate::error::AppError::BadRequest),
    }
}

/// After an update addressed by id: back to `to` with "Saved", or 404 when nothing matched.
pub fn saved_or_missing(changed: bool, to: &str) -> Result<HttpResponse, crate::error::AppError> {
    if !changed {
        return Err(crate::error::AppError::NotFound);
    }
    Ok(ctx::redirect_flash(
        to,
        ctx::FlashLevel::Success,
        "flash-saved",
    ))
}
