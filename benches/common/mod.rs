//! What the HTTP benchmarks share: logins, a form's CSRF token, p50/p99 of repeated GETs and
//! a big history to run on.

use std::time::{Duration, Instant};

/// A cookie-keeping client signed in as the demo manager.
#[allow(dead_code)] // the load benchmark signs in simulated people instead
pub async fn demo_manager(base: &str) -> anyhow::Result<reqwest::Client> {
    sign_in(base, "manager@example.com", "whiskers-demo").await
}

/// A cookie-keeping client signed in with `email` and `password`.
#[allow(dead_code)] // not every benchmark signs in anyone but the demo manager
pub async fn sign_in(base: &str, email: &str, password: &str) -> anyhow::Result<reqwest::Client> {
    let client = reqwest::Client::builder()
        .cookie_store(true)
        .redirect(reqwest::redirect::Policy::none())
        .build()?;
    let page = client
        .get(format!("{base}/login"))
        .send()
        .await?
        .text()
        .await?;
    let token = csrf_token(&page);
    let res = client
        .post(format!("{base}/login"))
        .form(&[
            ("email", email),
            ("password", password),
            ("csrf_token", &token),
        ])
        .send()
        .await?;
    let status = res.status();
    anyhow::ensure!(
        status == reqwest::StatusCode::SEE_OTHER,
        "{email} logs in: {status}"
    );
    Ok(client)
}

#[allow(dead_code)]
pub fn percentile(sorted: &[Duration], p: f64) -> Duration {
    sorted[((sorted.len() as f64 - 1.0) * p).round() as usize]
}

/// p50 and p99 of `runs` GETs of `url`, each read to the end.
#[allow(dead_code)] // the soak and the full-disk benchmark measure their own way
pub async fn measure(client: &reqwest::Client, url: &str, runs: usize) -> (Duration, Duration) {
    let mut times = Vec::with_capacity(runs);
    for _ in 0..runs {
        let t = Instant::now();
        let res = client.get(url).send().await.unwrap();
        assert!(res.status().is_success(), "{url}: {}", res.status());
        res.bytes().await.unwrap();
        times.push(t.elapsed());
    }
    times.sort();
    (percentile(&times, 0.5), percentile(&times, 0.99))
}

/// The CSRF token in a page's form (empty when the page has none).
pub fn csrf_token(page: &str) -> String {
    page.split("name=\"csrf_token\" value=\"")
        .nth(1)
        .and_then(|s| s.split('"').next())
        .unwrap_or_default()
        .to_string()
}

/// A history to measure on, open with its demo accounts loaded.
#[allow(dead_code)] // the load and orders-table benchmarks build their own
pub struct History {
    pub settings: whiskerworks::config::Settings,
    pub state: whiskerworks::AppState,
    pub dir: std::path::PathBuf,
    /// Holds the generated folder until the benchmark ends: bind it (`_temp`), since `..`
    /// would drop it with the statement and the app would reopen an empty file.
    pub _temp: tempfile::TempDir,
}

/// The folder `WHISKERWORKS_BENCH_DATA_DIR` names (filled by `whiskerworks generate`), or
/// `days` at `orders_per_day` generated into a temporary folder; migrated, with the demo
/// accounts. The app's jobs are off and it binds a free port.
#[allow(dead_code)] // the load and orders-table benchmarks build their own
pub fn history(days: i64, orders_per_day: i64) -> anyhow::Result<History> {
    history_with(days, orders_per_day, None)
}

/// `history` with `workers` sharing the orders (`None`: generate's default).
#[allow(dead_code)] // only the schedule benchmark sets the workers
pub fn history_with(
    days: i64,
    orders_per_day: i64,
    workers: Option<i64>,
) -> anyhow::Result<History> {
    use whiskerworks::ops::generate;
    let temp = tempfile::tempdir()?;
    let given = std::env::var_os("WHISKERWORKS_BENCH_DATA_DIR").map(std::path::PathBuf::from);
    let dir = given.clone().unwrap_or_else(|| temp.path().to_path_buf());
    let mut settings = whiskerworks::config::Settings::defaults(&dir);
    settings.bind = "127.0.0.1:0".parse()?;
    settings.jobs = false;
    let tz = settings.time_zone;
    let t = Instant::now();
    let state = whiskerworks::AppState::open(
        settings.clone(),
        std::sync::Arc::new(whiskerworks::clock::SystemClock),
    )?;
    println!("opened (migrations applied) in {:.1?}", t.elapsed());
    if given.is_none() {
        let now = chrono::Utc::now();
        let plan = generate::Plan {
            workers,
            days,
            orders_per_day,
            seed: 1,
            today: whiskerworks::reports::model::period::business_day(tz, now),
        };
        let g = generate::run(&mut *state.pool.get()?, tz, plan, now, &mut |_| {})?;
        println!(
            "generated {} orders in {:.1} s, rolled up in {:.1} s",
            g.orders, g.insert_secs, g.rollup_secs
        );
    }
    whiskerworks::ops::demo::load(&state, &whiskerworks::wiring::gateway(&state.settings()))?;
    Ok(History {
        settings,
        state,
        dir,
        _temp: temp,
    })
}

/// Waits (polling `/healthz` every 50 ms, at most `tries` times) until a server just started
/// at `base` answers.
#[allow(dead_code)] // not every bench starts a server
pub async fn wait_until_up(base: &str, tries: u32) -> anyhow::Result<()> {
    let client = reqwest::Client::new();
    for _ in 0..tries {
        if client.get(format!("{base}/healthz")).send().await.is_ok() {
            return Ok(());
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    anyhow::bail!("the server did not start")
}
