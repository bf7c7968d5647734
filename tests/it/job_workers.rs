//! Supervised job workers: a worker that dies (here its queue table vanishes under it, so its
//! polls fail as they do on a full disk) is started again with backoff, counted in
//! `/metrics`, reported not ready meanwhile, and then runs queued work at once instead of
//! leaving it to the next reconcile.

use std::time::Duration;

use reqwest::StatusCode;
use whiskerworks::jobs::Job;

use crate::helpers::*;

const TOKEN: &str = "scrape-me-0123456789abcdef";

/// The worker's restarts as `/metrics` counts them; `None` when the series is missing.
async fn restarts_counted(app: &TestApp, worker: &str) -> Option<f64> {
    let text = reqwest::Client::new()
        .get(format!("{}/metrics", app.base))
        .header("Authorization", format!("Bearer {TOKEN}"))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    let series = format!("whiskerworks_job_worker_restarts_total{{worker=\"{worker}\"}} ");
    text.lines()
        .find_map(|l| l.strip_prefix(&series))
        .map(|v| v.trim().parse().unwrap())
}

/// Runs SQL as one write off the async thread: the jobs runtime's own transactions are driven
/// by this test's thread, so blocking it on the write lock could wait out the busy timeout.
async fn write_sql(app: &TestApp, sql: &'static str) {
    let pool = app.state.pool.clone();
    tokio::task::spawn_blocking(move || {
        whiskerworks::db::write_tx(&mut pool.get().unwrap(), |tx| tx.execute_batch(sql))
    })
    .await
    .unwrap()
    .unwrap();
}

#[tokio::test]
async fn a_queue_worker_that_dies_is_restarted_counted_and_runs_queued_work_at_once() {
    // Arrange: the jobs runtime on, metrics on; the restart series exists before any restart.
    let app = spawn_app_with(|s| {
        s.jobs = true;
        s.operations.metrics_token = Some(TOKEN.into());
    })
    .await;
    let before = restarts_counted(&app, "queue")
        .await
        .expect("the restart series exists from the start");
    let mut supervision = app.state.jobs.supervision();
    let mut done = app.state.jobs.subscribe();

    // Act: the queue table goes away under the worker; it dies, again at each restart.
    write_sql(&app, "ALTER TABLE Jobs RENAME TO Jobs_away").await;
    tokio::time::timeout(
        Duration::from_secs(30),
        supervision.wait_for(|s| s.restarts >= 2),
    )
    .await
    .expect("the worker was restarted")
    .unwrap();

    // Assert: alive, not ready, and saying why.
    let client = app.client();
    let res = client.get("/readyz").await;
    assert_eq!(res.status(), StatusCode::SERVICE_UNAVAILABLE);
    let body: serde_json::Value = res.json().await.unwrap();
    assert!(body["reasons"].to_string().contains("jobs"), "{body}");
    assert_eq!(client.get("/healthz").await.status(), StatusCode::OK);

    // Act: the table is back, and a registration queues its mail.
    write_sql(&app, "ALTER TABLE Jobs_away RENAME TO Jobs").await;
    let back = std::time::Instant::now();
    client
        .post_form(
            "/register",
            &[
                ("name", "Restart Test"),
                ("email", "restarted@example.com"),
                ("password", PASSWORD),
            ],
        )
        .await;

    // Assert: a restarted queue worker ran the job (the reconciler announces no jobs) and
    // the mail went; the worker counts as up again; each restart was counted.
    let job = tokio::time::timeout(Duration::from_secs(30), done.recv())
        .await
        .expect("the restarted worker ran the job")
        .unwrap();
    assert_eq!(job, Job::DispatchOutbox);
    println!(
        "job done {:?} after the queue table came back",
        back.elapsed()
    );
    assert_eq!(
        app.count("SELECT COUNT(*) FROM outbox WHERE status = 'sent'"),
        1
    );
    tokio::time::timeout(
        Duration::from_secs(30),
        supervision.wait_for(|s| s.down.is_empty()),
    )
    .await
    .expect("the worker counts as up again")
    .unwrap();
    assert_eq!(client.get("/readyz").await.status(), StatusCode::OK);
    let restarts = app.state.jobs.supervision().borrow().restarts;
    let counted = restarts_counted(&app, "queue").await.unwrap();
    assert!(
        counted >= before + restarts as f64 && restarts >= 2,
        "counted {counted} (from {before}), restarted {restarts} times"
    );
}
