//! Load benchmark (issue 23, goals 1, 2 and 4): the app on a simulated history with its jobs
//! running, each role signed in, every main page driven by 32 concurrent keep-alive clients
//! for a fixed number of requests (`WHISKERWORKS_BENCH_REQUESTS`, default 3,200); prints
//! requests/s, p50 and p99 per page and each page's rate against `/login` measured in the
//! same run; then 32 clients placing orders at once; then the process's resident memory.
//! Run with `cargo bench --bench load` (release build). `WHISKERWORKS_BENCH_DAYS` sets the
//! simulated history (default 30 days); `WHISKERWORKS_BENCH_PAGES` (comma-separated paths,
//! or `orders` for order creation) limits the run to those, for a profiler; `/login` always
//! runs first, as the yardstick. `WHISKERWORKS_BENCH_JOBS=off` runs without the jobs;
//! `WHISKERWORKS_BENCH_SERVER` runs another build of the server.

mod common;

use std::sync::Arc;
use std::time::{Duration, Instant};

use whiskerworks::config::Settings;

const CONCURRENCY: usize = 32;

/// Requests per page, unless `WHISKERWORKS_BENCH_REQUESTS` says otherwise (a profiler wants
/// a longer run).
fn requests() -> usize {
    std::env::var("WHISKERWORKS_BENCH_REQUESTS")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(3_200)
}

/// Requests/s, p50 and p99 of `requests()` requests made by `CONCURRENCY` tasks, request `i`
/// of each task built by `make(task, i)` and answered with `expect`.
async fn drive(
    make: impl Fn(usize, usize) -> reqwest::RequestBuilder + Send + Sync + 'static,
    expect: fn(reqwest::StatusCode) -> bool,
) -> (f64, Duration, Duration) {
    let make = Arc::new(make);
    let started = Instant::now();
    let mut tasks = Vec::new();
    for task in 0..CONCURRENCY {
        let make = make.clone();
        tasks.push(tokio::spawn(async move {
            let mut times = Vec::with_capacity(requests() / CONCURRENCY);
            for i in 0..requests() / CONCURRENCY {
                let t = Instant::now();
                let res = make(task, i).send().await.expect("request");
                let status = res.status();
                let body = res.text().await.expect("body");
                assert!(expect(status), "{status}: {}", &body[..body.len().min(300)]);
                times.push(t.elapsed());
            }
            times
        }));
    }
    let mut times = Vec::with_capacity(requests());
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

/// One GET of `url` after another, each expected to succeed.
async fn drive_get(client: &reqwest::Client, url: &str) -> (f64, Duration, Duration) {
    let (client, url) = (client.clone(), url.to_string());
    drive(move |_, _| client.get(&url), |s| s.is_success()).await
}

/// Clients in good standing place orders, task `t` as client `t % clients.len()`, each task
/// on its own slots from tomorrow on, so no two requests ask for the same one.
async fn drive_orders(
    base: &str,
    orderers: &[Orderer],
    service: i64,
) -> anyhow::Result<(f64, Duration, Duration)> {
    let mut signed_in = Vec::new();
    for o in orderers {
        let client = common::sign_in(base, &o.email, &o.password).await?;
        let page = client
            .get(format!("{base}/client/orders/new"))
            .send()
            .await?
            .text()
            .await?;
        signed_in.push((client, common::csrf_token(&page), o.address));
    }
    let url = format!("{base}/client/orders");
    let tomorrow = chrono::Local::now().date_naive() + chrono::Duration::days(1);
    Ok(drive(
        move |task, i| {
            let (client, token, address) = &signed_in[task % signed_in.len()];
            // Slots 10:00–16:45 in 15-minute steps, over the next 56 days.
            let n = task * requests() / CONCURRENCY + i;
            let day = tomorrow + chrono::Duration::days((n % 56) as i64);
            let minutes = 10 * 60 + 15 * ((n / 56) % 28);
            client.post(&url).form(&[
                ("csrf_token", token.as_str()),
                ("service", &service.to_string()),
                ("address", &address.to_string()),
                ("date", &day.format("%Y-%m-%d").to_string()),
                ("time", &format!("{:02}:{:02}", minutes / 60, minutes % 60)),
            ])
        },
        |s| s == reqwest::StatusCode::SEE_OTHER,
    )
    .await)
}

/// A simulated client who may order: a card on file, a saved address, nothing unpaid.
struct Orderer {
    email: String,
    password: String,
    address: i64,
}

/// A simulated person's password (`simulate` sets `sim-password-<handle>`).
fn sim_password(email: &str) -> String {
    format!("sim-password-{}", email.split('@').next().unwrap_or(""))
}

fn orderers(conn: &rusqlite::Connection) -> rusqlite::Result<Vec<Orderer>> {
    let mut stmt = conn.prepare(
        "SELECT u.email, MIN(a.id) AS address FROM users u
         JOIN client_addresses a ON a.client_id = u.id
         JOIN payment_cards c ON c.user_id = u.id AND c.purpose = 'charge' AND c.removed_at IS NULL
         WHERE u.role = 'client' AND u.active = 1 AND u.email LIKE '%@sim.example.com'
           AND NOT EXISTS (SELECT 1 FROM invoices i WHERE i.client_id = u.id AND i.status <> 'paid')
         GROUP BY u.id ORDER BY u.id LIMIT 32",
    )?;
    stmt.query_map([], |r| {
        let email: String = r.get("email")?;
        Ok(Orderer {
            password: sim_password(&email),
            email,
            address: r.get("address")?,
        })
    })?
    .collect()
}

/// The server's resident memory now and at its peak, in MB, and its threads.
fn memory_mb(pid: u32) -> (u64, u64, u64) {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).unwrap_or_default();
    let kb = |key: &str| -> u64 {
        status
            .lines()
            .find(|l| l.starts_with(key))
            .and_then(|l| l.split_whitespace().nth(1))
            .and_then(|v| v.parse().ok())
            .unwrap_or(0)
    };
    (kb("VmRSS:") / 1024, kb("VmHWM:") / 1024, kb("Threads:"))
}

/// The real server (`whiskerworks serve`) in its own process, stopped when dropped.
struct Server {
    child: std::process::Child,
    base: String,
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// Starts `whiskerworks serve` on `dir` and waits until it answers.
async fn serve(dir: &std::path::Path, jobs: bool) -> anyhow::Result<Server> {
    let port = std::net::TcpListener::bind("127.0.0.1:0")?
        .local_addr()?
        .port();
    // `WHISKERWORKS_BENCH_SERVER` names another build of the server (a copy kept for a
    // profiler, or an older one to compare).
    let program = std::env::var("WHISKERWORKS_BENCH_SERVER")
        .unwrap_or_else(|_| env!("CARGO_BIN_EXE_whiskerworks").to_string());
    let child = std::process::Command::new(program)
        .args(["serve", "--bind", &format!("127.0.0.1:{port}")])
        .env("WHISKERWORKS_DATA_DIR", dir)
        .env("WHISKERWORKS_LOG", "error")
        .env("WHISKERWORKS_JOBS", jobs.to_string())
        .spawn()?;
    let server = Server {
        child,
        base: format!("http://127.0.0.1:{port}"),
    };
    common::wait_until_up(&server.base, 600).await?;
    Ok(server)
}

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    let days: u32 = std::env::var("WHISKERWORKS_BENCH_DAYS")
        .ok()
        .and_then(|d| d.parse().ok())
        .unwrap_or(30);
    let dir = tempfile::tempdir()?;
    let settings = Settings::defaults(dir.path());
    let t = Instant::now();
    tokio::task::spawn_blocking(move || whiskerworks::ops::simulate::run(settings, days, 7))
        .await??;
    println!("simulated {days} days in {:.1?}", t.elapsed());
    let pool = whiskerworks::db::open(dir.path())?;
    let conn = pool.get()?;
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
    let orderers = orderers(&conn)?;
    let service: i64 = conn.query_row(
        "SELECT id FROM services WHERE active = 1 ORDER BY id LIMIT 1",
        [],
        |r| r.get(0),
    )?;
    drop(conn);
    // The app as it runs in production, jobs and schedules on (`WHISKERWORKS_BENCH_JOBS=off`
    // to see the requests alone).
    let jobs = std::env::var("WHISKERWORKS_BENCH_JOBS").as_deref() != Ok("off");
    let server = serve(dir.path(), jobs).await?;
    let base = server.base.clone();
    let sim = |email: &str| (email.to_string(), sim_password(email));
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
    let only: Option<Vec<String>> = std::env::var("WHISKERWORKS_BENCH_PAGES")
        .ok()
        .map(|only| only.split(',').map(|p| p.trim().to_string()).collect());
    let wanted = |name: &str| only.as_ref().is_none_or(|o| o.iter().any(|p| p == name));
    pages.retain(|(name, _, _)| name == "/login" || wanted(name));
    println!(
        "server pid {}, {} MB resident; {CONCURRENCY} concurrent clients, {} requests per page",
        server.child.id(),
        memory_mb(server.child.id()).0,
        requests()
    );
    let mut login_rate = 0.0;
    for (name, client, url) in &pages {
        // A short warm-up, so the first page does not pay for the connections.
        common::measure(client, url, 20).await;
        let (rate, p50, p99) = drive_get(client, url).await;
        if name == "/login" {
            login_rate = rate;
        }
        println!(
            "{name:<24} {rate:>9.0} req/s  p50 {p50:>9.2?}  p99 {p99:>9.2?}  {:>5.0} % of /login  {:>4} MB",
            100.0 * rate / login_rate,
            memory_mb(server.child.id()).0
        );
    }
    if wanted("orders") {
        let count = || -> anyhow::Result<i64> {
            Ok(pool
                .get()?
                .query_row("SELECT COUNT(*) FROM orders", [], |r| r.get(0))?)
        };
        let before = count()?;
        let (rate, p50, p99) = drive_orders(&base, &orderers, service).await?;
        let placed = count()? - before;
        println!(
            "{:<24} {rate:>9.0} orders/s p50 {p50:>9.2?}  p99 {p99:>9.2?}  ({placed} placed by {} clients)",
            "POST /client/orders",
            orderers.len()
        );
    }
    let (now, peak, threads) = memory_mb(server.child.id());
    println!("server resident memory: {now} MB now, {peak} MB at peak; {threads} threads");
    Ok(())
}
