//! Benchmark: the managers' dispatch board (`/manage/schedule`) through real HTTP, warm, on a
//! generated history with 200 workers. Point `WHISKERWORKS_BENCH_DATA_DIR` at a folder filled
//! by `whiskerworks generate --workers 200` (five years at 10,000 orders a day is the target);
//! without it, five years at `WHISKERWORKS_BENCH_ORDERS_PER_DAY` (default 1,000) orders a day
//! with 200 workers are generated into a temporary folder. Prints p50/p95/p99 per board.
//! Run with `cargo bench --bench schedule`.

mod common;

use std::time::{Duration, Instant};

use chrono::{Duration as Days, Utc};
use whiskerworks::Application;

const RUNS: usize = 200;
const WARM_UP: usize = 20;
const WORKERS: i64 = 200;

async fn measure(client: &reqwest::Client, url: &str) -> (Duration, Duration, Duration, usize) {
    let mut size = 0;
    for _ in 0..WARM_UP {
        size = client
            .get(url)
            .send()
            .await
            .unwrap()
            .bytes()
            .await
            .unwrap()
            .len();
    }
    let mut times = Vec::with_capacity(RUNS);
    for _ in 0..RUNS {
        let t = Instant::now();
        let res = client.get(url).send().await.unwrap();
        assert!(res.status().is_success(), "{url}: {}", res.status());
        res.bytes().await.unwrap();
        times.push(t.elapsed());
    }
    times.sort();
    let p = |q| common::percentile(&times, q);
    (p(0.5), p(0.95), p(0.99), size)
}

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    let per_day = std::env::var("WHISKERWORKS_BENCH_ORDERS_PER_DAY")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(1_000);
    // Held whole to the end: its temporary folder goes with it, and the app reopens the file.
    let history = common::history_with(5 * 365 + 1, per_day, Some(WORKERS))?;
    let (settings, state) = (history.settings.clone(), &history.state);
    let (orders, workers) = {
        let conn = state.pool.get()?;
        (
            conn.query_row("SELECT COALESCE(MAX(id), 0) FROM orders", [], |r| {
                r.get::<_, i64>(0)
            })?,
            conn.query_row(
                "SELECT COUNT(*) FROM users WHERE role = 'worker' AND active = 1",
                [],
                |r| r.get::<_, i64>(0),
            )?,
        )
    };
    println!("{orders} orders, {workers} active workers");
    let today = whiskerworks::calendar::business_day(settings.time_zone, Utc::now());
    let app = Application::build(settings).await?;
    let base = format!("http://127.0.0.1:{}", app.port());
    tokio::spawn(app.run_until_stopped());
    let client = common::demo_manager(&base).await?;

    let last_week = today - Days::days(7);
    let boards = [
        ("week, last week", format!("view=week&date={last_week}")),
        ("week, this week", format!("view=week&date={today}")),
        (
            "week, last page",
            format!("view=week&date={last_week}&page=9"),
        ),
        (
            "week, one skill",
            format!("view=week&date={last_week}&skill=gen-cleaning"),
        ),
        (
            "week, area",
            format!("view=week&date={last_week}&area=7+Generated"),
        ),
        (
            "day, yesterday",
            format!("view=day&date={}", today - Days::days(1)),
        ),
        (
            "week, 4 years ago",
            format!("view=week&date={}", today - Days::days(4 * 365)),
        ),
    ];
    for (name, query) in boards {
        let url = format!("{base}/manage/schedule?{query}");
        let (p50, p95, p99, size) = measure(&client, &url).await;
        println!(
            "{name:18} p50 {p50:>8.1?}  p95 {p95:>8.1?}  p99 {p99:>8.1?}  ({RUNS} requests, {} kB)",
            size / 1024
        );
    }
    Ok(())
}
