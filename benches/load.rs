//! Load benchmark (issue 23, goal 1): the app on a simulated history, each role signed in,
//! every main page driven by 32 concurrent keep-alive clients for a fixed number of
//! requests; prints requests/s, p50 and p99 per page and each page's rate against `/login`
//! measured in the same run. Run with `cargo bench --bench load` (release build).
//! `WHISKERWORKS_BENCH_DAYS` sets the simulated history (default 30 days).

mod common;

use std::sync::Arc;
use std::time::{Duration, Instant};

use whiskerworks::Application;
use whiskerworks::config::Settings;

const CONCURRENCY: usize = 32;
const REQUESTS: usize = 3_200;

/// Requests/s, p50 and p99 of `REQUESTS` GETs of `url` by `CONCURRENCY` tasks sharing one
/// signed-in client (so one keep-alive connection per task).
async fn drive(client: &reqwest::Client, url: &str) -> (f64, Duration, Duration) {
    let started = Instant::now();
    let mut tasks = Vec::new();
    for _ in 0..CONCURRENCY {
        let (client, url) = (client.clone(), url.to_string());
        tasks.push(tokio::spawn(async move {
            let mut times = Vec::with_capacity(REQUESTS / CONCURRENCY);
            for _ in 0..REQUESTS / CONCURRENCY {
                let t = Instant::now();
                let res = client.get(&url).send().await.expect("request");
                assert!(res.status().is_success(), "{url}: {}", res.status());
                res.bytes().await.expect("body");
                times.push(t.elapsed());
            }
            times
        }));
    }
    let mut times = Vec::with_capacity(REQUESTS);
    for task in tasks {
        times.extend(task.await.expect("task"));
    }
    let elapsed = started.elapsed();
    times.sort();
    let rate = times.len() as f64 / elapsed.as_secs_f64();
    (
        rate,
        common::percentile(&times, 0.5),
        common::percentile(&times, 0.99),
    )
}

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    let days: u32 = std::env::var("WHISKERWORKS_BENCH_DAYS")
        .ok()
        .and_then(|d| d.parse().ok())
        .unwrap_or(30);
    let dir = tempfile::tempdir()?;
    let mut settings = Settings::defaults(dir.path());
    settings.bind = "127.0.0.1:0".parse()?;
    settings.jobs = false;
    settings.log = "error".into();
    let t = Instant::now();
    let history = settings.clone();
    tokio::task::spawn_blocking(move || whiskerworks::ops::simulate::run(history, days, 7))
        .await??;
    println!("simulated {days} days in {:.1?}", t.elapsed());
    let app = Application::build(settings).await?;
    let base = format!("http://127.0.0.1:{}", app.port());
    let state = Arc::new(app.state().clone());
    tokio::spawn(app.run_until_stopped());
    let conn = state.pool.get()?;
    let busiest = |column: &str| -> rusqlite::Result<String> {
        conn.query_row(
            &format!(
                "SELECT u.email FROM orders o JOIN users u ON u.id = o.{column}
                 GROUP BY o.{column} ORDER BY COUNT(*) DESC LIMIT 1"
            ),
            [],
            |r| r.get(0),
        )
    };
    let (client_email, worker_email) = (busiest("client_id")?, busiest("worker_id")?);
    let order: i64 = conn.query_row(
        "SELECT MAX(id) FROM orders WHERE status = 'completed'",
        [],
        |r| r.get(0),
    )?;
    drop(conn);
    let sim = |email: &str| {
        (
            email.to_string(),
            format!("sim-password-{}", email.split('@').next().unwrap_or("")),
        )
    };
    let anonymous = reqwest::Client::builder().build()?;
    let mut pages: Vec<(String, reqwest::Client, String)> =
        vec![("/login".into(), anonymous, format!("{base}/login"))];
    for ((email, password), paths) in [
        (
            sim(&client_email),
            vec![
                "/client".to_string(),
                "/client/billing".into(),
                "/notifications".into(),
            ],
        ),
        (
            sim(&worker_email),
            vec!["/worker".into(), "/worker/earnings".into()],
        ),
        (
            sim("manager-0@sim.example.com"),
            vec![
                "/manage".into(),
                "/manage/orders".into(),
                format!("/manage/orders/{order}"),
                "/manage/qc".into(),
                "/manage/billing".into(),
                "/manage/stock".into(),
                "/manage/insights".into(),
            ],
        ),
    ] {
        let client = common::sign_in(&base, &email, &password).await?;
        for path in paths {
            pages.push((path.clone(), client.clone(), format!("{base}{path}")));
        }
    }
    println!("{CONCURRENCY} concurrent clients, {REQUESTS} requests per page");
    let mut login_rate = 0.0;
    for (name, client, url) in &pages {
        // A short warm-up, so the first page does not pay for the connections.
        common::measure(client, url, 20).await;
        let (rate, p50, p99) = drive(client, url).await;
        if name == "/login" {
            login_rate = rate;
        }
        println!(
            "{name:<24} {rate:>9.0} req/s  p50 {p50:>9.2?}  p99 {p99:>9.2?}  {:>5.0} % of /login",
            100.0 * rate / login_rate
        );
    }
    Ok(())
}
