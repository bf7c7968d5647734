//! The landing page, the health check (liveness) and the readiness check; the client's and worker's homes in `role_homes`,
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

/// `{"status":"ok","db":"ok","jobs":…}`; 503 when the database cannot be reached. The ping
/// runs on this thread's own connection: under load the blocking threads and the pool's
/// connections are all busy with requests, and a liveness check waiting its turn behind them
/// took a second and more.
pub async fn healthz(state: web::Data<AppState>) -> HttpResponse {
    let database = crate::db::db_path(&state.settings().data_dir);
    let db_ok = crate::db::read_here(&database, store::ping).is_ok();
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

/// How long the readiness check waits for its write before answering that the database is
/// busy: orchestrators poll it and must hear back within a second.
const READY_WRITE_WAIT: std::time::Duration = std::time::Duration::from_millis(800);

/// `GET /readyz`: 200 only when the database takes a durable write, its disk has room and
/// the jobs run; 503 with the reasons otherwise (`/healthz` stays the liveness check).
pub async fn readyz(state: web::Data<AppState>) -> HttpResponse {
    let pool = state.pool.clone();
    let now = state.clock.now();
    let write = web::block(move || -> anyhow::Result<()> {
        let mut conn = pool.get()?;
        crate::db::write_tx(&mut conn, |tx| store::probe_write(tx, now))?;
        Ok(())
    });
    let db = match actix_web::rt::time::timeout(READY_WRITE_WAIT, write).await {
        Ok(Ok(Ok(()))) => None,
        Ok(Ok(Err(e))) => {
            tracing::warn!(error = %e, "readiness: the database refused a write");
            Some("the database refuses writes")
        }
        Ok(Err(_)) => Some("the database refuses writes"),
        Err(_) => Some("the database is busy: a write waited too long"),
    };
    let data_dir = state.settings().data_dir.clone();
    let disk = web::block(move || crate::db::disk_full(&data_dir))
        .await
        .unwrap_or(false)
        .then_some("the database's disk is full");
    let jobs = (!state.jobs.status().running).then_some("the background jobs are not running");
    let reasons: Vec<&str> = disk.into_iter().chain(db).chain(jobs).collect();
    let body = json!({
        "status": if reasons.is_empty() { "ready" } else { "not ready" },
        "reasons": reasons,
    });
    if reasons.is_empty() {
        HttpResponse::Ok().json(body)
    } else {
        HttpResponse::ServiceUnavailable().json(body)
    }
}
