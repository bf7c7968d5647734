//! The web shell shared by every context: layout, components, translation, assets, CSRF,
//! error pages and the per-request view context.

pub mod assets;
pub mod components;
pub mod csrf;
pub mod ctx;
pub mod error_pages;
pub mod i18n;
pub mod layout;
pub mod panics;

use actix_web::HttpResponse;
use actix_web::http::StatusCode;

/// An HTML response with `status` (handlers that may also redirect return `HttpResponse`).
pub fn html(status: StatusCode, markup: maud::Markup) -> HttpResponse {
    HttpResponse::build(status)
        .content_type("text/html; charset=utf-8")
        .body(markup.into_string())
}
