//! Soak benchmark (issue 33): the real server (`whiskerworks serve --demo`, jobs on) on a fresh
//! data folder under a steady, realistic mix for a while — clients placing orders, cancelling
//! some and reading their pages, workers holding live streams open and reading theirs,
//! managers reading theirs — while the server's threads, open files and resident memory and
//! the latency of `/healthz` are sampled from outside. Prints a row per interval and a
//! verdict: flat when the last third's peaks stay within a bound of the first third's, with
//! no failed request; otherwise it exits non-zero.
//!
//! `cargo bench --bench soak` runs 30 minutes. `WHISKERWORKS_SOAK_SECONDS` sets the length
//! (CI runs 60 on the dev build: `cargo bench --profile dev --bench soak`),
//! `WHISKERWORKS_SOAK_CLIENTS`, `_WORKERS` (four streams each) and `_MANAGERS` the people,
//! `WHISKERWORKS_SOAK_THINK_MS` each person's pause between requests (100; CI's 20 makes a
//! minute as busy as five), `WHISKERWORKS_SOAK_MAX_THREADS` the server's ceiling, and
//! `WHISKERWORKS_SOAK_SERVER` another build of the server.

mod common;

use std::sync::atomic::{AtomicI64, AtomicU64, Ordering::Relaxed};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use whiskerworks::telemetry::process::ProcessStats;

#[path = "soak/server.rs"]
mod server;
#[path = "soak/verdict.rs"]
mod verdict;

use server::{order_ids, serve};
use verdict::{Row, Verdict};

/// Event streams a session may hold (`max_streams_per_session`'s default).
const STREAMS_PER_WORKER: usize = 4;

fn knob(name: &str, default: u64) -> u64 {
    std::env::var(format!("WHISKERWORKS_SOAK_{name}"))
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

/// What the people did, counted across all of them.
#[derive(Default)]
struct Tally {
    orders: AtomicU64,
    cancels: AtomicU64,
    pages: AtomicU64,
    streams: AtomicU64,
    errors: AtomicU64,
    /// The first few failures, to print.
    failures: Mutex<Vec<String>>,
    /// The newest order, for the managers' order page.
    last_order: AtomicI64,
    /// `/healthz` latencies since the last sample.
    health: Mutex<Vec<Duration>>,
}

impl Tally {
    fn fail(&self, what: String) {
        self.errors.fetch_add(1, Relaxed);
        let mut failures = self.failures.lock().unwrap();
        if failures.len() < 10 {
            failures.push(what);
        }
    }

    /// Reads `path` to the end; anything but 200 is a failure.
    async fn page(&self, client: &reqwest::Client, base: &str, path: &str) {
        match client.get(format!("{base}{path}")).send().await {
            Ok(res) if res.status().is_success() => {
                let _ = res.bytes().await;
                self.pages.fetch_add(1, Relaxed);
            }
            Ok(res) => self.fail(format!("GET {path}: {}", res.status())),
            Err(e) => self.fail(format!("GET {path}: {e}")),
        }
    }
}

/// Everyone's shared view of the run.
struct Run {
    base: String,
    until: Instant,
    think: Duration,
    tally: Tally,
    service: i64,
    address: i64,
    /// Sign-ins go one at a time: parallel attempts on one account count as failures until
    /// their passwords are checked, and the login throttle would refuse the later ones.
    signing_in: tokio::sync::Mutex<()>,
}

impl Run {
    async fn sign_in(&self, email: &str) -> anyhow::Result<reqwest::Client> {
        let _turn = self.signing_in.lock().await;
        common::sign_in(&self.base, email, whiskerworks::ops::demo::DEMO_PASSWORD).await
    }

    fn going(&self) -> bool {
        Instant::now() < self.until
    }

    async fn pause(&self) {
        tokio::time::sleep(self.think).await;
    }
}

/// A client: orders a slot in the coming four weeks, looks at it, cancels about one in
/// three, and reads the home page and the billing page.
async fn client(run: Arc<Run>) -> anyhow::Result<()> {
    let base = &run.base;
    let web = run.sign_in("client@example.com").await?;
    let form = web.get(format!("{base}/client/orders/new")).send().await?;
    let token = common::csrf_token(&form.text().await?);
    let today = chrono::Local::now().date_naive();
    while run.going() {
        let day = today + chrono::Duration::days(rand::random_range(1..=28));
        let minutes = 10 * 60 + 15 * rand::random_range(0..28);
        let placed = web
            .post(format!("{base}/client/orders"))
            .form(&[
                ("csrf_token", token.as_str()),
                ("service", &run.service.to_string()),
                ("address", &run.address.to_string()),
                ("date", &day.format("%Y-%m-%d").to_string()),
                ("time", &format!("{:02}:{:02}", minutes / 60, minutes % 60)),
            ])
            .send()
            .await;
        let id = match placed {
            Ok(res) if res.status() == reqwest::StatusCode::SEE_OTHER => res
                .headers()
                .get("location")
                .and_then(|l| l.to_str().ok())
                .and_then(|l| l.rsplit('/').next())
                .and_then(|id| id.parse::<i64>().ok()),
            Ok(res) => {
                run.tally
                    .fail(format!("POST /client/orders: {}", res.status()));
                None
            }
            Err(e) => {
                run.tally.fail(format!("POST /client/orders: {e}"));
                None
            }
        };
        if let Some(id) = id {
            run.tally.orders.fetch_add(1, Relaxed);
            run.tally.last_order.fetch_max(id, Relaxed);
            run.pause().await;
            run.tally
                .page(&web, base, &format!("/client/orders/{id}"))
                .await;
            if rand::random_ratio(1, 3) {
                run.pause().await;
                cancel(&run, &web, &token, id).await;
            }
        }
        for path in ["/client", "/client/billing"] {
            run.pause().await;
            run.tally.page(&web, base, path).await;
        }
    }
    Ok(())
}

async fn cancel(run: &Run, web: &reqwest::Client, token: &str, id: i64) {
    let path = format!("/client/orders/{id}/cancel");
    let res = web
        .post(format!("{}{path}", run.base))
        .form(&[("csrf_token", token), ("reason", "Plans changed")])
        .send()
        .await;
    match res {
        Ok(res) if res.status() == reqwest::StatusCode::SEE_OTHER => {
            run.tally.cancels.fetch_add(1, Relaxed);
        }
        Ok(res) => run.tally.fail(format!("POST {path}: {}", res.status())),
        Err(e) => run.tally.fail(format!("POST {path}: {e}")),
    }
}

/// A worker: a session with its live streams open (one per tab) for the whole run, reading
/// the home page and the history now and then.
async fn worker(run: Arc<Run>) -> anyhow::Result<()> {
    let base = &run.base;
    let web = run.sign_in("worker@example.com").await?;
    for _ in 0..STREAMS_PER_WORKER - 1 {
        tokio::spawn(listen(run.clone(), web.clone()));
    }
    let mut listening = tokio::spawn(listen(run.clone(), web.clone()));
    while run.going() {
        for path in ["/worker", "/worker/history"] {
            run.tally.page(&web, base, path).await;
            for _ in 0..5 {
                run.pause().await;
            }
        }
    }
    let _ = (&mut listening).await;
    Ok(())
}

/// Holds one event stream open until the run ends, reconnecting when the server closes it.
async fn listen(run: Arc<Run>, web: reqwest::Client) {
    while run.going() {
        let res = match web.get(format!("{}/events", run.base)).send().await {
            Ok(res) if res.status().is_success() => res,
            Ok(res) => return run.tally.fail(format!("GET /events: {}", res.status())),
            Err(e) => return run.tally.fail(format!("GET /events: {e}")),
        };
        run.tally.streams.fetch_add(1, Relaxed);
        let mut res = res;
        let left = run.until.saturating_duration_since(Instant::now());
        let _ = tokio::time::timeout(left, async { while let Ok(Some(_)) = res.chunk().await {} })
            .await;
    }
}

/// A manager: the dashboard, the orders table and the newest order, one after another, with
/// their own live stream open.
async fn manager(run: Arc<Run>) -> anyhow::Result<()> {
    let base = &run.base;
    let web = run.sign_in("manager@example.com").await?;
    let stream = tokio::spawn(listen(run.clone(), web.clone()));
    while run.going() {
        let newest = run.tally.last_order.load(Relaxed);
        let order = format!("/manage/orders/{newest}");
        let mut paths = vec!["/manage", "/manage/orders"];
        if newest > 0 {
            paths.push(&order);
        }
        for path in paths {
            run.pause().await;
            run.tally.page(&web, base, path).await;
        }
    }
    let _ = stream.await;
    Ok(())
}

/// Asks `/healthz` twice a second, keeping each answer's latency for the next sample.
async fn probe_health(run: Arc<Run>) {
    let web = reqwest::Client::new();
    while run.going() {
        let started = Instant::now();
        match web.get(format!("{}/healthz", run.base)).send().await {
            Ok(res) if res.status().is_success() => {
                let _ = res.bytes().await;
                run.tally.health.lock().unwrap().push(started.elapsed());
            }
            Ok(res) => run.tally.fail(format!("GET /healthz: {}", res.status())),
            Err(e) => run.tally.fail(format!("GET /healthz: {e}")),
        }
        tokio::time::sleep(Duration::from_millis(500).saturating_sub(started.elapsed())).await;
    }
}

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    let seconds = knob("SECONDS", 30 * 60);
    // About thirty rows whatever the length, none shorter than two seconds.
    let every = Duration::from_secs((seconds / 30).max(2));
    let server = serve().await?;
    let pid = server.child.id();
    let (service, address) = order_ids(&server)?;
    let run = Arc::new(Run {
        base: server.base.clone(),
        until: Instant::now() + Duration::from_secs(seconds),
        think: Duration::from_millis(knob("THINK_MS", 100)),
        tally: Tally::default(),
        service,
        address,
        signing_in: tokio::sync::Mutex::new(()),
    });
    let (clients, workers, managers) =
        (knob("CLIENTS", 8), knob("WORKERS", 4), knob("MANAGERS", 2));
    println!(
        "soak: {seconds} s, server pid {pid}; {clients} clients, {workers} workers with \
         {STREAMS_PER_WORKER} streams each, {managers} managers, {} ms between requests",
        run.think.as_millis()
    );
    let mut people = Vec::new();
    for _ in 0..clients {
        people.push(tokio::spawn(client(run.clone())));
    }
    for _ in 0..workers {
        people.push(tokio::spawn(worker(run.clone())));
    }
    for _ in 0..managers {
        people.push(tokio::spawn(manager(run.clone())));
    }
    let health = tokio::spawn(probe_health(run.clone()));
    let rows = sample(&run, pid, every).await?;
    for person in people {
        if let Err(e) = person.await? {
            run.tally.fail(format!("signing in: {e}"));
        }
    }
    health.await?;
    let t = &run.tally;
    println!(
        "done: {} orders, {} cancels, {} pages read, {} streams opened, {} failed requests",
        t.orders.load(Relaxed),
        t.cancels.load(Relaxed),
        t.pages.load(Relaxed),
        t.streams.load(Relaxed),
        t.errors.load(Relaxed)
    );
    for failure in t.failures.lock().unwrap().iter() {
        println!("  failed: {failure}");
    }
    // Two threads a core (the async runtime's and the web server's workers), a fixed score
    // (database, queue, timers) and the blocking threads this load keeps busy; the threads
    // that once piled up took a run of a minute past ninety on two cores.
    let cores = std::thread::available_parallelism().map_or(2, |n| n.get() as u64);
    let verdict = Verdict::of(&rows, knob("MAX_THREADS", 2 * cores + 48));
    verdict.print();
    anyhow::ensure!(
        verdict.flat() && t.errors.load(Relaxed) == 0,
        "the soak was not flat and clean"
    );
    Ok(())
}

/// A row every `every` until the run ends, printed as it comes.
async fn sample(run: &Run, pid: u32, every: Duration) -> anyhow::Result<Vec<Row>> {
    let started = Instant::now();
    let mut rows = Vec::new();
    println!("{}", Row::HEADER);
    while run.going() {
        tokio::time::sleep(every.min(run.until.saturating_duration_since(Instant::now()))).await;
        let stats = ProcessStats::of(pid)
            .ok_or_else(|| anyhow::anyhow!("the server exited during the soak"))?;
        let health = std::mem::take(&mut *run.tally.health.lock().unwrap());
        let row = Row::new(
            started.elapsed(),
            stats,
            health,
            run.tally.orders.load(Relaxed),
        );
        println!("{row}");
        rows.push(row);
    }
    Ok(rows)
}
