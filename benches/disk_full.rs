//! Full-disk benchmark (issue 33 item 1): the real binary serves on a small tmpfs (mounted
//! here; run as root) while clients place orders; the disk is filled with a file, writes go
//! on against it, the file is deleted, and the times until an order is placed again and until
//! `/readyz` answers 200 are measured (readiness also waits for the job worker, which a full
//! disk can stop and which is restarted with backoff). Repeated `WHISKERWORKS_BENCH_CYCLES`
//! times (default 17: enough to see a 1-in-6 failure with 95 % odds). A cycle fails when
//! either is not back within a minute, or a write is answered with anything but a redirect
//! or a 503.
//! Run with `cargo bench --bench disk_full`.

mod common;

use std::io::Write;
use std::process::{Child, Command, Stdio};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::time::{Duration, Instant};

use reqwest::StatusCode;

const WRITERS: usize = 4;
const GIVE_UP: Duration = Duration::from_secs(60);

fn cycles() -> usize {
    std::env::var("WHISKERWORKS_BENCH_CYCLES")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(17)
}

fn serve(data: &std::path::Path, port: u16) -> Child {
    Command::new(env!("CARGO_BIN_EXE_whiskerworks"))
        .args(["serve", "--demo", "--bind", &format!("127.0.0.1:{port}")])
        .arg("--data-dir")
        .arg(data)
        .env("RUST_LOG", "error")
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("the binary runs")
}

fn fill(file: &std::path::Path) {
    let mut f = std::fs::File::create(file).unwrap();
    let chunk = vec![0u8; 1 << 16];
    while f.write_all(&chunk).is_ok() {}
}

/// Unexpected answers to writes (not a redirect, not a 503) and writes placed.
#[derive(Default)]
struct Tally {
    unexpected: AtomicU64,
    placed: AtomicU64,
    refused: AtomicU64,
}

async fn place(client: &reqwest::Client, base: &str, token: &str, n: u64) -> StatusCode {
    let day = chrono::Local::now().date_naive() + chrono::Duration::days(1 + (n % 56) as i64);
    let minutes = 10 * 60 + 15 * ((n / 56) % 28);
    let res = client
        .post(format!("{base}/client/orders"))
        .form(&[
            ("csrf_token", token),
            ("service", "1"),
            ("address", "1"),
            ("date", &day.to_string()),
            ("time", &format!("{:02}:{:02}", minutes / 60, minutes % 60)),
        ])
        .timeout(GIVE_UP)
        .send()
        .await;
    res.map(|r| r.status())
        .unwrap_or(StatusCode::GATEWAY_TIMEOUT)
}

async fn ready(base: &str) -> bool {
    reqwest::get(format!("{base}/readyz"))
        .await
        .is_ok_and(|r| r.status() == StatusCode::OK)
}

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    let dir = tempfile::tempdir()?;
    let mounted = Command::new("mount")
        .args(["-t", "tmpfs", "-o", "size=256m", "tmpfs"])
        .arg(dir.path())
        .status()?;
    anyhow::ensure!(mounted.success(), "mounting a tmpfs needs root");
    let port = std::net::TcpListener::bind("127.0.0.1:0")?
        .local_addr()?
        .port();
    let base = format!("http://127.0.0.1:{port}");
    let mut child = serve(&dir.path().join("data"), port);
    let outcome = drive(&base, dir.path()).await;
    let _ = child.kill();
    let _ = child.wait();
    let _ = Command::new("umount").arg("-l").arg(dir.path()).status();
    outcome
}

/// Signs in, loads the app with orders and runs the cycles; an error when any failed.
async fn drive(base: &str, disk: &std::path::Path) -> anyhow::Result<()> {
    let base = base.to_string();
    let started = Instant::now();
    while !ready(&base).await {
        anyhow::ensure!(started.elapsed() < GIVE_UP, "serve never became ready");
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    let client = common::sign_in(&base, "client@example.com", "whiskers-demo").await?;
    let page = client
        .get(format!("{base}/client/orders/new?service=1"))
        .send()
        .await?
        .text()
        .await?;
    let token = common::csrf_token(&page);
    let (stop, tally, counter) = (
        Arc::new(AtomicBool::new(false)),
        Arc::new(Tally::default()),
        Arc::new(AtomicU64::new(0)),
    );
    let mut writers = Vec::new();
    for _ in 0..WRITERS {
        let (client, base, token) = (client.clone(), base.clone(), token.clone());
        let (stop, tally, counter) = (stop.clone(), tally.clone(), counter.clone());
        writers.push(tokio::spawn(async move {
            while !stop.load(Ordering::Relaxed) {
                let n = counter.fetch_add(1, Ordering::Relaxed);
                match place(&client, &base, &token, n).await {
                    StatusCode::SEE_OTHER => tally.placed.fetch_add(1, Ordering::Relaxed),
                    StatusCode::SERVICE_UNAVAILABLE => {
                        tally.refused.fetch_add(1, Ordering::Relaxed)
                    }
                    _ => tally.unexpected.fetch_add(1, Ordering::Relaxed),
                };
            }
        }));
    }
    let filler = disk.join("filler");
    let (mut times, mut failures) = (Vec::new(), 0);
    for cycle in 1..=cycles() {
        tokio::time::sleep(Duration::from_secs(1)).await;
        let unexpected_before = tally.unexpected.load(Ordering::Relaxed);
        fill(&filler);
        tokio::time::sleep(Duration::from_secs(2)).await;
        let full_ready = ready(&base).await;
        std::fs::remove_file(&filler)?;
        let freed = Instant::now();
        let free_mb = rustix::fs::statvfs(disk).map_or(0, |v| (v.f_bavail * v.f_frsize) >> 20);
        let (mut written, mut readied) = (None, None);
        while freed.elapsed() < GIVE_UP && (written.is_none() || readied.is_none()) {
            if written.is_none() {
                let n = counter.fetch_add(1, Ordering::Relaxed);
                if place(&client, &base, &token, n).await == StatusCode::SEE_OTHER {
                    written = Some(freed.elapsed());
                }
            }
            if readied.is_none() && ready(&base).await {
                readied = Some(freed.elapsed());
            }
            tokio::time::sleep(Duration::from_millis(20)).await;
        }
        let unexpected = tally.unexpected.load(Ordering::Relaxed) - unexpected_before;
        let ok = written.is_some() && readied.is_some() && unexpected == 0 && !full_ready;
        let shown = |t: Option<Duration>| t.map_or("never".to_string(), |t| format!("{t:.2?}"));
        println!(
            "cycle {cycle:>2}: {}  after freeing ({free_mb} MB free): an order placed {}, /readyz 200 {}  (readyz while full: {}, unexpected answers: {unexpected})",
            if ok { "ok    " } else { "FAILED" },
            shown(written),
            shown(readied),
            if full_ready { 200 } else { 503 },
        );
        match (written, readied) {
            (Some(w), Some(r)) if ok => times.push((w, r)),
            _ => failures += 1,
        }
        if written.is_none() || readied.is_none() {
            break;
        }
    }
    stop.store(true, Ordering::Relaxed);
    for w in writers {
        let _ = w.await;
    }
    let (mut writes, mut readies): (Vec<_>, Vec<_>) = times.iter().copied().unzip();
    writes.sort();
    readies.sort();
    let median = |v: &[Duration]| v.get(v.len() / 2).copied().unwrap_or_default();
    let max = |v: &[Duration]| v.last().copied().unwrap_or_default();
    println!(
        "{} cycles, {failures} failed; after freeing, an order placed: median {:.2?}, max {:.2?}; /readyz 200: median {:.2?}, max {:.2?}; {} orders placed, {} refused with 503",
        times.len() + failures,
        median(&writes),
        max(&writes),
        median(&readies),
        max(&readies),
        tally.placed.load(Ordering::Relaxed),
        tally.refused.load(Ordering::Relaxed),
    );
    anyhow::ensure!(failures == 0, "{failures} cycles failed");
    Ok(())
}
