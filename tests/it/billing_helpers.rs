//! Set-up for billing tests: `golden-hat-sim` served as a real HTTP server on a random port,
//! an app pointed at it, completed orders, and the clock moved to a run's cutoff.

use std::net::TcpListener;
use std::sync::Arc;

use chrono::{DateTime, Duration, Utc};
use reqwest::StatusCode;
use whiskerworks::billing::model::periods::{Period, RunKind, period_containing};
use whiskerworks::billing::service::gateway::{Faults, GoldenHatSim, server};

use crate::helpers::*;
use crate::order_helpers::*;

pub struct Gateway {
    pub sim: Arc<GoldenHatSim>,
}

pub async fn billed(faults: Faults) -> (TestApp, World, Gateway) {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let url = format!("http://{}", listener.local_addr().unwrap());
    let sim = Arc::new(GoldenHatSim::new(faults, 11));
    tokio::spawn(server::serve(listener, sim.clone()).unwrap());
    // Billing tests move the clock by weeks with the same people signed in; a real user would
    // log in again after the idle timeout, which these tests are not about.
    let app = spawn_app_with(move |s| {
        s.billing.golden_hat_url = Some(url);
        s.security.session_idle_minutes = 60 * 24 * 60;
    })
    .await;
    let w = world(&app).await;
    (app, w, Gateway { sim })
}

/// Places an order and takes it through to the client's signature.
pub async fn complete_order(app: &TestApp, w: &World, time: &str) -> i64 {
    let id = place_order_at(app, w, time).await;
    finish_order(app, w, id).await;
    id
}

/// Takes an assigned order from its start through to the client's signature.
pub async fn finish_order(app: &TestApp, w: &World, id: i64) {
    start_job(app, w, id).await;
    let res = w
        .worker
        .post_multipart(&format!("/worker/jobs/{id}/report"), report_form(w, vec![]))
        .await;
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    let res = w
        .client
        .post_form(
            &format!("/client/orders/{id}/sign"),
            &[
                ("full_name", "Clara Ivanova"),
                ("signature", &signature_data_url()),
                ("rating", "5"),
                ("comment", "Fine"),
            ],
        )
        .await;
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    assert_eq!(status_of(app, id), "completed");
}

/// Moves the clock just past the cutoff of the current week's (or month's) run and drains.
pub async fn pass_cutoff(app: &TestApp, kind: RunKind) -> Period {
    let tz = app.state.settings().time_zone;
    let period = period_containing(kind, tz, app.clock_now());
    let cutoff: DateTime<Utc> = period.cutoff(tz);
    app.clock.set(cutoff + Duration::minutes(1));
    app.drain().await;
    period
}

pub fn invoice_of(app: &TestApp, client_id: i64) -> (i64, String, i64) {
    app.state
        .pool
        .get()
        .unwrap()
        .query_row(
            "SELECT id, status, total_minor FROM invoices WHERE client_id = ?1 ORDER BY id DESC LIMIT 1",
            [client_id],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
        )
        .unwrap()
}

pub fn assert_checks_pass(app: &TestApp) {
    let problems = whiskerworks::ops::check::check(app.dir.path()).unwrap();
    assert!(problems.is_empty(), "{problems:#?}");
}

/// Logs a user in again on the same cookie jar, for tests that move the clock past the
/// session lifetime.
pub async fn log_in_again(app: &TestApp, who: &TestClient, user_id: i64) {
    let email = email_of(app, user_id);
    let res = who.login(&email, PASSWORD).await;
    assert_eq!(
        res.status(),
        StatusCode::SEE_OTHER,
        "log in again as {email}"
    );
}
