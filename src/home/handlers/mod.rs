//! The landing page and the health check; the client's and worker's homes in `role_homes`,
//! the manager's order page in `order_page`.

pub mod events;
pub mod metrics;
pub mod order_page;
pub mod role_homes;

use crate::db::QueryRowCached;
use actix_web::{HttpResponse, web};
use maud::html;
use serde_json::json;

use crate::state::AppState;
use crate::web::ctx::{Ctx, redirect};
use crate::web::layout;

pub async fn landing(ctx: Ctx) -> HttpResponse {
    if let Some(user) = &ctx.user {
        return redirect(user.role.home());
    }
    let steps = [
        ("landing-step-order", "landing-step-order-text"),
        ("landing-step-match", "landing-step-match-text"),
        ("landing-step-kit", "landing-step-kit-text"),
        ("landing-step-sign", "landing-step-sign-text"),
    ];
    let page = layout::page(
        &ctx,
        &ctx.t("landing-title"),
        html! {
            section.hero {
                h1 { (ctx.t("landing-title")) }
                p.lead { (ctx.t("landing-lead")) }
                div.hero-actions {
                    a role="button" href="/register" { (ctx.t("landing-cta-client")) }
                a role="button" class="secondary outline" href="/apply" { (ctx.t("landing-cta-worker")) }
                }
            }
            section.steps {
                @for (i, (title, text)) in steps.iter().enumerate() {
                    article.step {
                        span.step-number { (i + 1) }
                        h2.minor { (ctx.t(title)) }
                        p { (ctx.t(text)) }
                    }
                }
            }
            p.muted.center { (ctx.t("landing-have-account")) " " a href="/login" { (ctx.t("nav-login")) } }
        },
    );
    HttpResponse::Ok()
        .content_type("text/html; charset=utf-8")
        .body(page.into_string())
}

/// `{"status":"ok","db":"ok","jobs":…}`; 503 when the database cannot be reached.
pub async fn healthz(state: web::Data<AppState>) -> HttpResponse {
    let pool = state.pool.clone();
    let db_ok = web::block(move || -> anyhow::Result<()> {
        let conn = pool.get()?;
        conn.query_row_cached("SELECT 1 AS ok", [], |r| r.get::<_, i64>("ok"))?;
        Ok(())
    })
    .await
    .is_ok_and(|r| r.is_ok());
    let jobs = state.jobs.status();
    let body = json!({
        "status": if db_ok { "ok" } else { "error" },
        "db": if db_ok { "ok" } else { "error" },
        "jobs": {
            "running": jobs.running,
            "last_reconcile": jobs.last_reconcile.map(|t| t.to_rfc3339()),
            "catch_up": jobs.catch_up.as_str(),
        },
    });
    if db_ok {
        HttpResponse::Ok().json(body)
    } else {
        HttpResponse::ServiceUnavailable().json(body)
    }
}
