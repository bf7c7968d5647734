//! The landing page and the health check; the client's and worker's homes in `role_homes`,
//! the manager's order page in `order_page`.

pub mod events;
pub mod metrics;
pub mod order_page;
pub mod role_homes;

use actix_web::{HttpResponse, web};
use serde_json::json;

use crate::home::{store, views};
use crate::state::AppState;
use crate::web::ctx::{Ctx, redirect};

pub async fn landing(ctx: Ctx) -> HttpResponse {
    if let Some(user) = &ctx.user {
        return redirect(user.role.home());
    }
    let page = views::landing::page(&ctx);
    HttpResponse::Ok()
        .content_type("text/html; charset=utf-8")
        .body(page.into_string())
}

/// `{"status":"ok","db":"ok","jobs":…}`; 503 when the database cannot be reached.
pub async fn healthz(state: web::Data<AppState>) -> HttpResponse {
    let pool = state.pool.clone();
    let db_ok = web::block(move || -> anyhow::Result<()> {
        let conn = pool.get()?;
        store::ping(&conn)?;
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
