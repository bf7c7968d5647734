//! Metrics for `/metrics`: the Prometheus recorder (installed once per process, only when a
//! metrics token is set), request counts and latency by route pattern, the wait for a pooled
//! connection, and the text rendering. Gauges of domain state (queues, packs, runs, backups)
//! are set by the endpoint just before it renders, from the database.

pub mod process;

use std::sync::OnceLock;
use std::time::Instant;

use actix_web::body::MessageBody;
use actix_web::dev::{ServiceRequest, ServiceResponse};
use actix_web::middleware::Next;
use metrics::{counter, histogram};
use metrics_exporter_prometheus::{PrometheusBuilder, PrometheusHandle};

static RECORDER: OnceLock<PrometheusHandle> = OnceLock::new();

/// Latency buckets in seconds, from a fast page to a request that waited on the pool.
const BUCKETS: &[f64] = &[
    0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0,
];

/// Installs the process-wide recorder (the `metrics` facade has one); later calls reuse it.
pub fn install() -> anyhow::Result<()> {
    if RECORDER.get().is_some() {
        return Ok(());
    }
    let handle = PrometheusBuilder::new()
        .set_buckets(BUCKETS)?
        .install_recorder()
        .or_else(|e| RECORDER.get().cloned().ok_or(e))?;
    let _ = RECORDER.set(handle);
    register_at_zero();
    Ok(())
}

/// The counters and histograms recorded only when something happens, at zero from the
/// start, so every series the operations guide names is there at the first scrape (a
/// dashboard or an alert on a series that does not exist yet sees nothing, not a zero).
/// Requests are labelled by the routes they reach; the liveness probe's stands for them.
fn register_at_zero() {
    counter!("whiskerworks_db_pool_timeouts_total").increment(0);
    let _ = histogram!("whiskerworks_db_pool_wait_seconds");
    for outcome in ["done", "skipped", "error"] {
        counter!("whiskerworks_billing_passes_total", "outcome" => outcome).increment(0);
    }
    counter!("whiskerworks_http_requests_total", "method" => "GET", "route" => "/healthz", "status" => "200")
        .increment(0);
    let _ = histogram!("whiskerworks_http_request_duration_seconds", "method" => "GET", "route" => "/healthz");
}

/// The exposition text of everything recorded; `None` before `install`.
pub fn render() -> Option<String> {
    RECORDER.get().map(PrometheusHandle::render)
}

/// Counts each request and times it, labelled by the route's pattern (`/orders/{id}`, never
/// the id itself, so the number of series stays small) and the status.
pub async fn track_requests(
    req: ServiceRequest,
    next: Next<impl MessageBody>,
) -> Result<ServiceResponse<impl MessageBody>, actix_web::Error> {
    let started = Instant::now();
    let method = req.method().as_str().to_string();
    let res = next.call(req).await?;
    let route = res
        .request()
        .match_pattern()
        .unwrap_or_else(|| "unmatched".to_string());
    let status = res.status().as_u16().to_string();
    counter!("whiskerworks_http_requests_total", "method" => method.clone(), "route" => route.clone(), "status" => status)
        .increment(1);
    histogram!("whiskerworks_http_request_duration_seconds", "method" => method, "route" => route)
        .record(started.elapsed().as_secs_f64());
    Ok(res)
}

/// The connection pool's events: how long each checkout waited, and checkouts that gave up;
/// `checkouts` counts every checkout (what tests read to prove idle work touches no database).
#[derive(Debug, Default)]
pub struct PoolEvents {
    pub checkouts: std::sync::Arc<std::sync::atomic::AtomicU64>,
}

impl r2d2::HandleEvent for PoolEvents {
    fn handle_checkout(&self, event: r2d2::event::CheckoutEvent) {
        self.checkouts
            .fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        histogram!("whiskerworks_db_pool_wait_seconds").record(event.duration().as_secs_f64());
    }

    fn handle_timeout(&self, _event: r2d2::event::TimeoutEvent) {
        counter!("whiskerworks_db_pool_timeouts_total").increment(1);
    }
}

/// Whether `header` is `Bearer <expected>`, compared in constant time.
pub fn bearer_matches(header: Option<&str>, expected: &str) -> bool {
    let Some(given) = header.and_then(|h| h.strip_prefix("Bearer ")) else {
        return false;
    };
    let (a, b) = (given.trim().as_bytes(), expected.as_bytes());
    a.len() == b.len() && a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_the_exact_bearer_token_matches() {
        let token = "0123456789abcdef";
        assert!(bearer_matches(Some("Bearer 0123456789abcdef"), token));
        assert!(!bearer_matches(Some("Bearer 0123456789abcdeX"), token));
        assert!(!bearer_matches(Some("Bearer 0123"), token));
        assert!(!bearer_matches(Some("0123456789abcdef"), token));
        assert!(!bearer_matches(None, token));
    }
}
