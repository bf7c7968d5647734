//! Benchmark: every page and export a manager or an admin can GET, through real HTTP, on a
//! big history. Point `WHISKERWORKS_BENCH_DATA_DIR` at a folder filled by `whiskerworks
//! generate` (five years at 1,000 orders a day, about 1.8 million orders, is the target);
//! without it, 90 days at 300 orders a day are generated into a temporary folder. Prints p50
//! and p99 of sequential requests per page (exports: to the last byte, with the bytes and the
//! process's peak resident memory after it). Run with `cargo bench --bench scale`;
//! `WHISKERWORKS_BENCH_PAGES=insights,billing` times only the pages whose path holds one of
//! those words.

mod common;

use std::time::{Duration, Instant};

use chrono::{Duration as Days, Utc};
use rusqlite::{Connection, OptionalExtension};
use whiskerworks::Application;
use whiskerworks::reports::{model::period, store::rollup};

const RUNS: usize = 50;

/// One GET to time: its label, its path, and whether it is a download.
struct Page {
    path: String,
    export: bool,
}

fn page(path: impl Into<String>) -> Page {
    Page {
        path: path.into(),
        export: false,
    }
}

fn export(path: impl Into<String>) -> Page {
    Page {
        path: path.into(),
        export: true,
    }
}

/// The highest id of a table's rows matching `filter`, if any.
fn some_id(conn: &Connection, table: &str, filter: &str) -> Option<i64> {
    conn.query_row(
        &format!("SELECT MAX(id) FROM {table} WHERE {filter}"),
        [],
        |r| r.get::<_, Option<i64>>(0),
    )
    .optional()
    .ok()
    .flatten()
    .flatten()
}

/// The manager's pages, with ids of rows that exist where a page needs one.
fn manager_pages(conn: &Connection, today: chrono::NaiveDate) -> Vec<Page> {
    let (month, year) = (today - Days::days(29), today - Days::days(364));
    let mut pages = vec![
        page("/manage"),
        page("/manage?period=month"),
        page(format!("/manage?period=custom&from={year}&to={today}")),
        page("/manage/orders"),
        page("/manage/orders?page=500"),
        page("/manage/orders?q=Cat"),
        page("/manage/orders?q=Ca"),
        page("/manage/orders?client=Client%2012"),
        page("/manage/orders?status=cancelled"),
        page("/manage/orders?status=completed&page=20"),
        page("/manage/orders?status=disputed"),
        page(format!("/manage/orders?from={month}&to={today}")),
        page("/manage/orders?sort=total_desc&page=2000"),
        page("/manage/qc"),
        page("/manage/qc?status=any"),
        page("/manage/qc?status=any&page=100"),
        page("/manage/qc/badge"),
        page("/manage/insights"),
        page("/manage/billing"),
        page("/manage/billing/controls"),
        page("/manage/balances"),
        page("/manage/consumption"),
        page("/manage/stock"),
        page("/manage/stock/movements"),
        page("/manage/packs"),
        page("/manage/services"),
        page("/manage/services/new"),
        page("/manage/candidates"),
        page("/manage/grading"),
        page("/manage/workers"),
        page("/manage/policies"),
        page("/manage/tests"),
        page("/bets"),
        page("/bets/standings"),
        page("/bets/log"),
        page("/notifications"),
        page("/account"),
        page("/account/calendar"),
        export("/manage/billing/invoices.csv"),
        export("/manage/balances.csv"),
        export("/manage/consumption.csv"),
    ];
    for kind in ["orders", "ledger", "invoices", "payouts"] {
        pages.push(export(format!(
            "/manage/reports/{kind}.csv?period=custom&from={month}&to={today}"
        )));
    }
    // A year, then five: a streamed export's peak memory stays where the year left it.
    pages.push(export(format!(
        "/manage/reports/orders.csv?period=custom&from={year}&to={today}"
    )));
    pages.push(export(format!(
        "/manage/reports/orders.csv?period=custom&from={}&to={today}",
        today - Days::days(5 * 365)
    )));
    if let Some(worker) = some_id(conn, "users", "role = 'worker'") {
        pages.push(page(format!("/manage/orders?worker={worker}")));
    }
    if let Some(service) = some_id(conn, "services", "1") {
        pages.push(page(format!("/manage/orders?service={service}&page=10")));
    }
    let ids = [
        ("/manage/orders/", some_id(conn, "orders", "1")),
        ("/manage/qc/", some_id(conn, "qc_reviews", "1")),
        (
            "/manage/workers/",
            some_id(conn, "users", "role = 'worker'"),
        ),
        ("/manage/services/", some_id(conn, "services", "1")),
        (
            "/manage/policies/",
            some_id(conn, "screening_policies", "1"),
        ),
        ("/manage/tests/", some_id(conn, "screening_tests", "1")),
        ("/bets/books/", some_id(conn, "bets_books", "1")),
        ("/invoices/", some_id(conn, "invoices", "1")),
    ];
    for (prefix, id) in ids {
        match id {
            Some(id) => pages.push(page(format!("{prefix}{id}"))),
            None => println!("(no row for {prefix}{{id}}: skipped)"),
        }
    }
    pages
}

/// The admin's pages.
fn admin_pages(conn: &Connection) -> Vec<Page> {
    let mut pages = vec![
        page("/admin"),
        page("/admin/users"),
        page("/admin/users?role=client&page=40"),
        page("/admin/invitations"),
        page("/admin/mail"),
        page("/admin/audit"),
        page("/admin/matching"),
    ];
    let ids = [
        ("/admin/users/", some_id(conn, "users", "role = 'worker'")),
        ("/admin/mail/", some_id(conn, "outbox", "1")),
        (
            "/admin/matching/decisions/",
            some_id(conn, "matching_decisions", "1"),
        ),
    ];
    for (prefix, id) in ids {
        match id {
            Some(id) => pages.push(page(format!("{prefix}{id}"))),
            None => println!("(no row for {prefix}{{id}}: skipped)"),
        }
    }
    pages
}

/// The process's peak resident memory (the server runs in this process), in MB.
fn peak_rss_mb() -> Option<f64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    let kb: f64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kb / 1024.0)
}

/// p50 and p99 of `runs` downloads, each read chunk by chunk to the last byte (so the
/// benchmark's own memory stays flat), and the size of the last one.
async fn measure_download(
    client: &reqwest::Client,
    url: &str,
    runs: usize,
) -> (Duration, Duration, usize) {
    let mut times = Vec::with_capacity(runs);
    let mut size = 0;
    for _ in 0..runs {
        let t = Instant::now();
        let mut res = client.get(url).send().await.unwrap();
        assert!(res.status().is_success(), "{url}: {}", res.status());
        size = 0;
        while let Some(chunk) = res.chunk().await.unwrap() {
            size += chunk.len();
        }
        times.push(t.elapsed());
    }
    times.sort();
    (
        common::percentile(&times, 0.5),
        common::percentile(&times, 0.99),
        size,
    )
}

async fn run_pages(client: &reqwest::Client, base: &str, pages: &[Page]) {
    // `WHISKERWORKS_BENCH_PAGES=insights,billing` times only the pages whose path holds one
    // of those words.
    let only = std::env::var("WHISKERWORKS_BENCH_PAGES").unwrap_or_default();
    let wanted = |path: &str| only.is_empty() || only.split(',').any(|w| path.contains(w));
    for p in pages.iter().filter(|p| wanted(&p.path)) {
        let url = format!("{base}{}", p.path);
        // One request first: a page this user cannot reach is named, not timed; a page
        // slower than a second is timed 5 times, not 50.
        let t = Instant::now();
        let mut res = client.get(&url).send().await.unwrap();
        let status = res.status();
        // Chunk by chunk, never the whole body: the peak memory printed is the server's.
        while res.chunk().await.unwrap().is_some() {}
        if !status.is_success() {
            println!("{:58} answered {status}: skipped", p.path);
            continue;
        }
        let runs = if t.elapsed() > Duration::from_secs(1) {
            5
        } else {
            RUNS
        };
        let runs_note = if runs == RUNS {
            String::new()
        } else {
            format!("  ({runs} requests)")
        };
        if p.export {
            let (p50, p99, size) = measure_download(client, &url, runs).await;
            let peak = peak_rss_mb().map_or("?".into(), |mb| format!("{mb:.0} MB"));
            println!(
                "{:58} p50 {p50:>9.1?}  p99 {p99:>9.1?}  {:>8.1} KB, peak RSS {peak}{runs_note}",
                p.path,
                size as f64 / 1e3
            );
        } else {
            let (p50, p99) = common::measure(client, &url, runs).await;
            println!("{:58} p50 {p50:>9.1?}  p99 {p99:>9.1?}{runs_note}", p.path);
        }
    }
}

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    let common::History {
        settings,
        state,
        dir,
        _temp,
    } = common::history(90, 300)?;
    let tz = settings.time_zone;
    let today = period::business_day(tz, Utc::now());
    let t = Instant::now();
    let days = rollup::refresh(&mut *state.pool.get()?, tz)?;
    let (orders, managers, admins) = {
        let conn = state.pool.get()?;
        let orders: i64 =
            conn.query_row("SELECT COALESCE(MAX(id), 0) FROM orders", [], |r| r.get(0))?;
        (orders, manager_pages(&conn, today), admin_pages(&conn))
    };
    println!(
        "{orders} orders, database {:.2} GB; rollups brought up to date ({days} days) in {:.1?}",
        std::fs::metadata(whiskerworks::db::db_path(&dir))?.len() as f64 / 1e9,
        t.elapsed()
    );
    let app = Application::build(settings).await?;
    let base = format!("http://127.0.0.1:{}", app.port());
    tokio::spawn(app.run_until_stopped());
    println!("{RUNS} sequential requests per page");
    let manager = common::demo_manager(&base).await?;
    run_pages(&manager, &base, &managers).await;
    let admin = common::sign_in(&base, "admin@example.com", "whiskers-demo").await?;
    run_pages(&admin, &base, &admins).await;
    Ok(())
}
