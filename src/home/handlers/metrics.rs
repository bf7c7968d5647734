//! `GET /metrics`: Prometheus text, off (404) unless `metrics_token` is set, and then only
//! for a request bearing that token. Counters and histograms come from the recorder; the
//! gauges of domain state are read from the database right before rendering, and the
//! process's threads, resident memory and open files from the kernel.

use actix_web::{HttpRequest, HttpResponse, web};
use metrics::gauge;

use crate::billing::model::RunStatus;
use crate::billing::model::periods::RunKind;
use crate::db;
use crate::error::AppError;
use crate::state::AppState;

/// Domain state at the moment of a scrape.
struct Snapshot {
    outbox: (i64, i64, i64),
    packs: Vec<(String, i64)>,
    queue: Vec<(String, i64)>,
    runs: Vec<(String, String, i64)>,
}

fn snapshot(conn: &rusqlite::Connection) -> Result<Snapshot, AppError> {
    Ok(Snapshot {
        outbox: crate::notify::store::mail_counts(conn)?,
        // Every state and the queue's waiting statuses appear, at 0 when empty, so a
        // dashboard's series exist from the first scrape.
        packs: with_zeros(
            crate::supply::model::PackStatus::ALL
                .iter()
                .map(|s| s.as_str()),
            crate::supply::store::packs::pack_counts(conn)?
                .into_iter()
                .map(|(status, n)| (status.as_str().to_string(), n)),
        ),
        queue: with_zeros(["Pending", "Running"], crate::work::queue_depth(conn)?),
        runs: runs_with_zeros(crate::billing::store::runs::outcomes(conn)?),
    })
}

/// Billing runs by kind and status, every pair present (at 0 before any run).
fn runs_with_zeros(counts: Vec<(RunKind, RunStatus, i64)>) -> Vec<(String, String, i64)> {
    let mut out = Vec::new();
    for &kind in RunKind::ALL {
        for &status in RunStatus::ALL {
            let n = counts
                .iter()
                .find(|(k, s, _)| *k == kind && *s == status)
                .map_or(0, |(_, _, n)| *n);
            out.push((kind.as_str().to_string(), status.as_str().to_string(), n));
        }
    }
    out
}

fn with_zeros<'a>(
    all: impl IntoIterator<Item = &'a str>,
    counts: impl IntoIterator<Item = (String, i64)>,
) -> Vec<(String, i64)> {
    let mut out: Vec<(String, i64)> = all.into_iter().map(|s| (s.to_string(), 0)).collect();
    for (status, n) in counts {
        match out.iter_mut().find(|(s, _)| *s == status) {
            Some(slot) => slot.1 = n,
            None => out.push((status, n)),
        }
    }
    out
}

fn set_gauges(state: &AppState, s: Snapshot, last_backup: Option<chrono::DateTime<chrono::Utc>>) {
    let (pending, sent, dead) = s.outbox;
    for (status, n) in [("pending", pending), ("sent", sent), ("dead", dead)] {
        gauge!("whiskerworks_outbox_mails", "status" => status).set(n as f64);
    }
    for (status, n) in s.packs {
        gauge!("whiskerworks_packs", "state" => status).set(n as f64);
    }
    for (status, n) in s.queue {
        gauge!("whiskerworks_job_queue", "status" => status).set(n as f64);
    }
    for (kind, status, n) in s.runs {
        gauge!("whiskerworks_billing_runs", "kind" => kind, "status" => status).set(n as f64);
    }
    // With no backup yet the newest is infinitely old: an alert on the age fires, as it should
    // where backups are expected.
    let age = last_backup.map_or(f64::INFINITY, |at| {
        (state.clock.now() - at).num_seconds().max(0) as f64
    });
    gauge!("whiskerworks_last_backup_age_seconds").set(age);
    let pool = state.pool.state();
    gauge!("whiskerworks_db_pool_connections", "state" => "idle")
        .set(f64::from(pool.idle_connections));
    gauge!("whiskerworks_db_pool_connections", "state" => "in_use")
        .set(f64::from(pool.connections - pool.idle_connections));
    gauge!("whiskerworks_outside_calls_in_flight").set(state.outside.in_flight() as f64);
    if let Some(own) = crate::telemetry::process::ProcessStats::own() {
        gauge!("whiskerworks_process_threads").set(own.threads as f64);
        gauge!("whiskerworks_process_resident_memory_bytes").set(own.resident_bytes as f64);
        gauge!("whiskerworks_process_open_fds").set(own.open_fds as f64);
    }
}

pub async fn metrics(
    req: HttpRequest,
    state: web::Data<AppState>,
) -> Result<HttpResponse, AppError> {
    let settings = state.settings();
    let Some(expected) = settings.operations.metrics_token.as_deref() else {
        return Err(AppError::NotFound);
    };
    let given = req
        .headers()
        .get(actix_web::http::header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok());
    if !crate::telemetry::bearer_matches(given, expected) {
        return Ok(HttpResponse::Unauthorized()
            .insert_header(("WWW-Authenticate", "Bearer"))
            .finish());
    }
    let snap = db::run(&state.pool, |conn| snapshot(conn)).await?;
    let dir = state.settings().operations.backup_dir.clone();
    let last_backup = web::block(move || crate::db::backup::list(&dir))
        .await
        .ok()
        .and_then(Result::ok)
        .and_then(|b| b.first().map(|b| b.taken_at));
    set_gauges(&state, snap, last_backup);
    let body = crate::telemetry::render().unwrap_or_default();
    Ok(HttpResponse::Ok()
        .content_type("text/plain; version=0.0.4; charset=utf-8")
        .insert_header(("Cache-Control", "no-store"))
        .body(body))
}
