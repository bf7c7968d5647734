//! The page shell: head with embedded assets, the header with role navigation, the
//! notification bell, the language switcher, flash messages and the toast area.

use maud::{DOCTYPE, Markup, PreEscaped, html};

use super::assets;
use super::components::{csrf_field, flash};
use super::ctx::Ctx;
use crate::identity::Role;

/// htmx settings: no inline indicator styles (CSP), no eval, and swap error responses too so
/// the server's toasts and re-rendered forms reach the page.
const HTMX_CONFIG: &str = r#"{"includeIndicatorStyles":false,"allowEval":false,"allowScriptTags":false,"responseHandling":[{"code":"204","swap":false},{"code":"...","swap":true}]}"#;

/// (href, Fluent id) of each role's main navigation.
fn nav_links(role: Role) -> &'static [(&'static str, &'static str)] {
    match role {
        Role::Client => &[
            ("/client", "nav-my-orders"),
            ("/services", "nav-services"),
            ("/client/billing", "nav-billing"),
            ("/client/profile", "nav-profile"),
        ],
        Role::Worker => &[
            ("/worker", "nav-my-jobs"),
            ("/worker/board", "nav-board"),
            ("/worker/history", "nav-history"),
            ("/worker/availability", "nav-availability"),
            ("/worker/earnings", "nav-earnings"),
            ("/worker/profile", "nav-profile"),
        ],
        Role::Manager => &[
            ("/manage", "nav-dashboard"),
            ("/manage/orders", "nav-orders"),
            ("/manage/schedule", "dispatch-nav"),
            ("/manage/services", "nav-catalogue"),
            ("/manage/stock", "nav-stock"),
            ("/manage/billing", "nav-billing"),
            ("/manage/qc", "nav-quality"),
            ("/manage/insights", "nav-insights"),
            ("/manage/candidates", "nav-candidates"),
            ("/manage/tests", "nav-tests"),
            ("/manage/grading", "nav-grading"),
            ("/manage/policies", "nav-policies"),
            ("/manage/experiments", "nav-experiments"),
            ("/manage/workers", "nav-workers"),
        ],
        Role::Admin => &[
            ("/admin", "nav-admin-overview"),
            ("/admin/settings", "nav-settings"),
            ("/admin/users", "nav-users"),
            ("/admin/skills", "nav-skills"),
            ("/admin/invitations", "nav-invitations"),
            ("/admin/mail", "nav-mail-queue"),
            ("/admin/audit", "nav-audit-log"),
            ("/admin/matching", "nav-matching"),
            ("/manage/experiments", "nav-experiments"),
            ("/manage/orders", "nav-back-office"),
        ],
        Role::Candidate => &[("/candidate", "nav-my-application")],
    }
}

/// Sections whose link carries a count, as (href, the fragment that draws the count). The
/// count is fetched after the page, so no page waits for it.
const NAV_BADGES: &[(&str, &str)] = &[("/manage/qc", "/manage/qc/badge")];

/// What every page's head starts with: charset, viewport, the title naming the company,
/// icon and the styles.
pub fn head_basics(title: &str, company: &str) -> Markup {
    html! {
        meta charset="utf-8";
        meta name="viewport" content="width=device-width, initial-scale=1";
        title { (title) " — " (company) }
        link rel="icon" href=(assets::url("favicon.svg")) type="image/svg+xml";
        link rel="stylesheet" href=(assets::url("pico.css"));
        link rel="stylesheet" href=(assets::url("app.css"));
    }
}

pub fn page(ctx: &Ctx, title: &str, content: Markup) -> Markup {
    let csrf_header = format!(r#"{{"X-CSRF-Token":"{}"}}"#, ctx.csrf);
    let signed_in = ctx.user.is_some();
    html! {
        (DOCTYPE)
        html lang=(ctx.tr.lang.code()) {
            head {
                (head_basics(title, &ctx.company))
                meta name="htmx-config" content=(HTMX_CONFIG);
                script src=(assets::url("htmx.js")) defer {}
                script src=(assets::url("htmx-sse.js")) defer {}
                script src=(assets::url("app.js")) defer {}
                // The installable app (manifest, service worker, report drafts on the phone).
                link rel="manifest" href="/manifest.webmanifest";
                meta name="theme-color" content=(super::pwa::THEME_COLOR);
                @match &ctx.logo {
                    Some(logo) => link rel="apple-touch-icon" href=(logo.path());
                    None => link rel="apple-touch-icon" href=(assets::url("apple-touch-icon.png"));
                }
                meta name="mobile-web-app-capable" content="yes";
                meta name="apple-mobile-web-app-capable" content="yes";
                meta name="apple-mobile-web-app-title" content=(ctx.company);
                script src=(assets::url("offline.js")) defer {}
            }
            // Signed in: one event stream (`/events`) tells this page's live parts to refresh.
            body hx-headers=(csrf_header) hx-ext=[signed_in.then_some("sse")] sse-connect=[signed_in.then_some("/events")] {
                (header(ctx))
                main.container {
                    (flash(ctx))
                    (content)
                }
                div #toasts aria-live="polite" {}
                footer.container.site-footer {
                    small { (ctx.company) " · " (ctx.t("footer-tagline")) }
                }
            }
        }
    }
}

/// On a wide screen two bars: the brand with the user's tools (bell, account, log out,
/// language), then the role's sections. On a phone one bar: the brand, the bell and a Menu
/// button (a `details` disclosure, so it works without JavaScript) that opens the sections
/// and the tools; CSS shows one arrangement or the other, so the hidden one is also hidden
/// from screen readers. A visitor's phone gets the same Menu, holding logging in,
/// registering and the language: beside the brand they were wider than a 360 px screen,
/// and in Russian the brand ran over «Войти».
fn header(ctx: &Ctx) -> Markup {
    html! {
        header.site-header {
            nav.container.top-bar aria-label=(ctx.t("nav-tools")) {
                ul {
                    li.brand-item { (brand(ctx)) }
                }
                ul.nav-user {
                    @if ctx.user.is_some() {
                        li { (bell(ctx)) }
                        li.wide-only.tools { (user_tools(ctx)) }
                        li.narrow-only {
                            details.phone-menu {
                                summary { (ctx.t("nav-menu")) }
                                div.menu-panel {
                                    (sections(ctx, "menu-links"))
                                    div.menu-tools { (user_tools(ctx)) }
                                }
                            }
                        }
                    } @else {
                        li.wide-only { a href="/login" { (ctx.t("nav-login")) } }
                        li.wide-only { a role="button" href="/register" { (ctx.t("nav-register")) } }
                        li.wide-only { (language_switcher(ctx)) }
                        li.narrow-only {
                            details.phone-menu {
                                summary { (ctx.t("nav-menu")) }
                                div.menu-panel {
                                    ul.menu-links {
                                        li { a href="/login" { (ctx.t("nav-login")) } }
                                        li { a href="/register" { (ctx.t("nav-register")) } }
                                    }
                                    div.menu-tools { (language_switcher(ctx)) }
                                }
                            }
                        }
                    }
                }
            }
            @if ctx.user.is_some() {
                nav.container.sections.wide-only aria-label=(ctx.t("nav-sections")) {
                    (sections(ctx, "nav-links"))
                }
            }
        }
    }
}

/// The company's logo (the shipped cat until one is uploaded) and name, leading home. A name
/// too long for the bar ends in an ellipsis (in full on hover and for screen readers), so
/// the bell and the Menu stay on a 360 px screen.
fn brand(ctx: &Ctx) -> Markup {
    html! {
        a.brand href="/" title=(ctx.company) {
            @match &ctx.logo {
                Some(logo) => img.logo src=(logo.path()) alt="" height="28"
                    width=((logo.width * 28 / logo.height).max(1));
                None => img src=(assets::url("favicon.svg")) alt="" width="28" height="28";
            }
            span.brand-name { (ctx.company) }
        }
    }
}

/// The bell: named by its text, so the accessible name includes the count it shows.
fn bell(ctx: &Ctx) -> Markup {
    html! {
        a.bell href="/notifications"
            hx-get="/notifications/badge" hx-trigger="load, every 30s, visibilitychange from:document, badge-refresh from:body, sse:bell" hx-target="find .badge" hx-swap="outerHTML" {
            (bell_icon()) span.visually-hidden { (ctx.t("nav-notifications")) " " } span.badge {}
        }
    }
}

/// The signed-in user's own tools: their account, the language, logging out.
fn user_tools(ctx: &Ctx) -> Markup {
    let Some(user) = &ctx.user else {
        return html! {};
    };
    html! {
        a.account href="/account" { (user.name) }
        (language_switcher(ctx))
        form.inline method="post" action="/logout" {
            (csrf_field(ctx))
            button.secondary.outline.small type="submit" { (ctx.t("nav-logout")) }
        }
    }
}

/// The role's sections as a list; the current one is marked.
fn sections(ctx: &Ctx, class: &str) -> Markup {
    let Some(user) = &ctx.user else {
        return html! {};
    };
    html! {
        ul class=(class) {
            @for (href, key) in nav_links(user.role) {
                li { a href=(href) aria-current=[(ctx.path == *href).then_some("page")] {
                    (ctx.t(key))
                    @if let Some((_, badge)) = NAV_BADGES.iter().find(|(h, _)| h == href) {
                        " " span.badge hx-get=(badge) hx-trigger="load" hx-swap="outerHTML" {}
                    }
                } }
            }
            @if ctx.bets && user.role == Role::Manager && user.has_permission(crate::identity::Permission::Bets) {
                li { a href="/bets" aria-current=[ctx.path.starts_with("/bets").then_some("page")] { (ctx.t("nav-bets")) } }
            }
        }
    }
}

/// A bell drawn inline (no icon font, no emoji: both depend on the device's fonts).
fn bell_icon() -> Markup {
    PreEscaped(
        r#"<svg class="icon" viewBox="0 0 24 24" width="22" height="22" aria-hidden="true"><path fill="currentColor" d="M12 22a2.5 2.5 0 0 0 2.45-2h-4.9A2.5 2.5 0 0 0 12 22zm7-6V11a7 7 0 0 0-5.5-6.84V3.5a1.5 1.5 0 0 0-3 0v.66A7 7 0 0 0 5 11v5l-2 2v1h18v-1z"/></svg>"#
            .to_string(),
    )
}

/// The other languages the business uses; nothing when it uses one.
fn language_switcher(ctx: &Ctx) -> Markup {
    html! {
        @if ctx.languages.len() > 1 { form.inline.lang-switch method="post" action="/lang" {
            (csrf_field(ctx))
            input type="hidden" name="back" value=(ctx.path);
            @for lang in ctx.languages.iter().copied() {
                @if lang != ctx.tr.lang {
                    button.secondary.outline.small type="submit" name="lang" value=(lang.code()) lang=(lang.code()) {
                        (lang.native_name())
                    }
                }
            }
        } }
    }
}

/// A part of a page that refreshes itself in place when one of `topics` arrives on the
/// event stream (or "resync"): it asks for its own page again and keeps only itself. Forms
/// being typed into stay outside such parts.
pub fn live(id: &str, url: &str, topics: &[&str], content: Markup) -> Markup {
    let mut trigger: Vec<String> = topics.iter().map(|t| format!("sse:{t}")).collect();
    trigger.push("sse:resync".into());
    let select = format!("#{id}");
    html! {
        div.live id=(id) hx-get=(url) hx-trigger=(trigger.join(", ")) hx-select=(select) hx-target="this" hx-swap="outerHTML" {
            (content)
        }
    }
}

/// Unread badge fragment, polled by the bell.
pub fn badge(ctx: &Ctx, unread: i64) -> Markup {
    html! {
        @if unread > 0 {
            span.badge title=(ctx.tr.t_args("unread-count", &[("count", unread.into())])) { (unread) }
        } @else {
            span.badge.empty {}
        }
    }
}
