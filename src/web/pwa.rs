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
/// worker's jobs, in the company's name and with its logo once one is uploaded.
pub async fn manifest(ctx: Ctx) -> HttpResponse {
    let icon = |name: &str, size: &str, purpose: &str| serde_json::json!({ "src": assets::url(name), "sizes": size, "type": "image/png", "purpose": purpose });
    let icons = match &ctx.logo {
        Some(logo) => serde_json::json!([{
            "src": logo.path(),
            "sizes": format!("{}x{}", logo.width, logo.height),
            "type": logo.content_type,
            "purpose": "any",
        }]),
        None => serde_json::json!([
            icon("icon-192.png", "192x192", "any"),
            icon("icon-512.png", "512x512", "any"),
            icon("icon-maskable-512.png", "512x512", "maskable"),
        ]),
    };
    let body = serde_json::json!({
        "id": "/worker",
        "name": ctx.company,
        "short_name": short_name(&ctx.company),
        "description": ctx.tr.t_args("app-description", &[("company", crate::i18n::Arg::Str(ctx.company.clone()))]),
        "lang": ctx.tr.lang.code(),
        "start_url": "/worker",
        "scope": "/",
        "display": "standalone",
        "orientation": "portrait",
        "theme_color": THEME_COLOR,
        "background_color": BACKGROUND_COLOR,
        "icons": icons,
    });
    HttpResponse::Ok()
        .insert_header((header::CONTENT_TYPE, "application/manifest+json"))
        .insert_header((header::CACHE_CONTROL, "no-cache"))
        .body(body.to_string())
}

/// The name under the icon on a home screen, where about a dozen characters fit: the
/// company's name, cut at a word when it is longer.
fn short_name(company: &str) -> String {
    const FITS: usize = 12;
    if company.chars().count() <= FITS {
        return company.to_string();
    }
    let mut out = String::new();
    for word in company.split_whitespace() {
        let next = if out.is_empty() {
            word.to_string()
        } else {
            format!("{out} {word}")
        };
        if next.chars().count() > FITS {
            break;
        }
        out = next;
    }
    if out.is_empty() {
        company.chars().take(FITS).collect()
    } else {
        out
    }
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
                (super::layout::head_basics(&title, &ctx.company))
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
    fn a_short_name_is_the_company_cut_at_a_word() {
        assert_eq!(short_name("Whiskerworks"), "Whiskerworks");
        assert_eq!(short_name("Acme Cleaning Services"), "Acme");
        assert_eq!(short_name("Чистый дом Санкт-Петербург"), "Чистый дом");
        assert_eq!(short_name("Supercalifragilistic"), "Supercalifra");
    }

    #[test]
    fn the_service_worker_names_its_version_and_every_hashed_asset() {
        let text = service_worker();
        assert!(!text.contains("__VERSION__") && !text.contains("__SHELL__"));
        assert!(text.contains(&assets::url("app.css")));
        assert!(text.contains(&assets::url("offline.js")));
        assert!(text.contains(&format!("\"{}\"", assets::version(SW_TEMPLATE.as_bytes()))));
    }
}
