//! The installable app: the web app manifest, the service worker (its version is the hash
//! of every asset, so a new release replaces the cached shell) and the page it shows when a
//! page cannot be loaded without signal.

use std::sync::OnceLock;

use actix_web::HttpResponse;
use actix_web::http::header;
use maud::{DOCTYPE, Markup, html};

use super::assets;
use super::ctx::Ctx;

/// The brand colour of the icon: the browser's bar and the splash screen.
pub const THEME_COLOR: &str = "#c27c0e";
const BACKGROUND_COLOR: &str = "#fff8ec";
const SW_TEMPLATE: &str = include_str!("../../assets/sw.js");

/// `GET /manifest.webmanifest`: what Chrome needs to offer "Install", opening on the
/// worker's jobs.
pub async fn manifest(ctx: Ctx) -> HttpResponse {
    let icon = |name: &str, size: &str, purpose: &str| serde_json::json!({ "src": assets::url(name), "sizes": size, "type": "image/png", "purpose": purpose });
    let body = serde_json::json!({
        "id": "/worker",
        "name": "Whiskerworks",
        "short_name": "Whiskerworks",
        "description": ctx.t("app-description"),
        "lang": ctx.tr.lang.code(),
        "start_url": "/worker",
        "scope": "/",
        "display": "standalone",
        "orientation": "portrait",
        "theme_color": THEME_COLOR,
        "background_color": BACKGROUND_COLOR,
        "icons": [
            icon("icon-192.png", "192x192", "any"),
            icon("icon-512.png", "512x512", "any"),
            icon("icon-maskable-512.png", "512x512", "maskable"),
        ],
    });
    HttpResponse::Ok()
        .insert_header((header::CONTENT_TYPE, "application/manifest+json"))
        .insert_header((header::CACHE_CONTROL, "no-cache"))
        .body(body.to_string())
}

/// The service worker's text with its version and the files of the app shell filled in.
fn service_worker() -> &'static str {
    static TEXT: OnceLock<String> = OnceLock::new();
    TEXT.get_or_init(|| {
        let shell = serde_json::to_string(&assets::all_urls()).expect("urls serialise");
        SW_TEMPLATE
            .replace("__VERSION__", &assets::version(SW_TEMPLATE.as_bytes()))
            .replace("__SHELL__", &shell)
    })
}

/// `GET /sw.js`: from the root so its scope is the whole site; never cached by the HTTP
/// cache, so a release reaches phones at their next visit.
pub async fn sw() -> HttpResponse {
    HttpResponse::Ok()
        .insert_header((header::CONTENT_TYPE, "text/javascript; charset=utf-8"))
        .insert_header((header::CACHE_CONTROL, "no-cache"))
        .insert_header(("Service-Worker-Allowed", "/"))
        .body(service_worker())
}

/// `GET /offline`: what a page that cannot load without signal shows instead. The service
/// worker fetches it without cookies, so it holds nobody's data.
pub async fn offline(ctx: Ctx) -> HttpResponse {
    HttpResponse::Ok()
        .insert_header((header::CACHE_CONTROL, "no-cache"))
        .content_type("text/html; charset=utf-8")
        .body(offline_page(&ctx).into_string())
}

/// A page of its own rather than the site's shell: it is the same for everyone, so it has
/// no account menu that would say "Log in" to a worker who is logged in.
fn offline_page(ctx: &Ctx) -> Markup {
    let title = ctx.t("offline-title");
    html! {
        (DOCTYPE)
        html lang=(ctx.tr.lang.code()) {
            head {
                (super::layout::head_basics(&title))
                meta name="theme-color" content=(THEME_COLOR);
            }
            body.offline {
                main.container {
                    article.narrow.offline-page {
                        h1 { img src=(assets::url("favicon.svg")) alt="" width="32" height="32"; " " (title) }
                        p { (ctx.t("offline-lead")) }
                        a role="button" href="/worker" { (ctx.t("offline-retry")) }
                    }
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_service_worker_names_its_version_and_every_hashed_asset() {
        let text = service_worker();
        assert!(!text.contains("__VERSION__") && !text.contains("__SHELL__"));
        assert!(text.contains(&assets::url("app.css")));
        assert!(text.contains(&assets::url("offline.js")));
        assert!(text.contains(&format!("\"{}\"", assets::version(SW_TEMPLATE.as_bytes()))));
    }
}
