//! Scheduled backups and restore: a verified copy each interval, pruned to the newest N and
//! listed for admins; a failed backup tells the admins (once); `restore` refuses while a
//! server holds the folder or a billing run holds billing's lock, then puts the copy back and
//! keeps the old database aside.

use std::process::{Command, Output, Stdio};
use std::sync::Arc;
use std::time::{Duration, Instant};

use reqwest::StatusCode;
use rusqlite::{Connection, OpenFlags};
use whiskerworks::clock::ManualClock;
use whiskerworks::config::Settings;
use whiskerworks::db::backup as backups;
use whiskerworks::jobs::backups::Scheduled;

use crate::helpers::*;

fn with_backups(keep: usize) -> impl FnOnce(&mut Settings) {
    move |s| {
        s.operations.backup_every = Some(chrono::Duration::hours(24));
        s.operations.backup_keep = keep;
    }
}

fn whiskerworks(dir: &std::path::Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_whiskerworks"))
        .args(args)
        .arg("--data-dir")
        .arg(dir)
        .stdin(Stdio::null())
        .output()
        .expect("binary runs")
}

fn users_named(db: &std::path::Path, email: &str) -> i64 {
    let conn = Connection::open_with_flags(db, OpenFlags::SQLITE_OPEN_READ_ONLY).unwrap();
    conn.query_row(
        "SELECT COUNT(*) FROM users WHERE email = ?1",
        [email],
        |r| r.get(0),
    )
    .unwrap()
}

#[tokio::test]
async fn a_backup_is_taken_each_day_pruned_to_the_newest_and_listed_for_admins() {
    let app = spawn_app_with(with_backups(2)).await;

    // Day 1: the first pass takes one; an hour later nothing is due.
    let first = app.drain().await;
    assert!(
        matches!(first.backup, Scheduled::Taken { pruned: 0, .. }),
        "{:?}",
        first.backup
    );
    app.clock.advance(chrono::Duration::hours(1));
    assert_eq!(app.drain().await.backup, Scheduled::NotDue);
    // Days 2 and 3: two more, and the oldest goes.
    app.clock.advance(chrono::Duration::hours(24));
    app.drain().await;
    app.clock.advance(chrono::Duration::hours(24));
    let third = app.drain().await;

    assert!(
        matches!(third.backup, Scheduled::Taken { pruned: 1, .. }),
        "{:?}",
        third.backup
    );
    let dir = app.state.settings().operations.backup_dir.clone();
    let kept = backups::list(&dir).unwrap();
    assert_eq!(kept.len(), 2);
    assert!(kept[0].taken_at > kept[1].taken_at, "newest first");
    for copy in &kept {
        let conn = Connection::open(&copy.path).unwrap();
        let ok: String = conn
            .query_row("PRAGMA integrity_check", [], |r| r.get(0))
            .unwrap();
        assert_eq!(ok, "ok");
    }
    let (admin, _) = app.login_as("admin").await;
    let (status, page) = admin.get_html("/admin").await;
    assert_eq!(status, StatusCode::OK);
    let listed = text(&page, "#backups td code");
    assert!(
        listed.contains(&kept[0].name) && listed.contains(&kept[1].name),
        "{listed}"
    );
    assert!(text(&page, "#backups").contains("KB"));
}

#[tokio::test]
async fn a_failed_backup_tells_the_admins_once() {
    let app = spawn_app_with(with_backups(3)).await;
    let (_, admin_id) = app.login_as("admin").await;
    // The backup folder's place is taken by a file: every backup fails.
    let blocked = app.dir.path().join("not-a-folder");
    std::fs::write(&blocked, b"x").unwrap();
    let mut settings = (*app.state.settings()).clone();
    settings.operations.backup_dir = blocked;
    let mut runner = app.runner.clone();
    runner.state.live_settings = whiskerworks::config::LiveSettings::new(settings);

    let run = |runner: whiskerworks::jobs::Runner| async move {
        tokio::task::spawn_blocking(move || whiskerworks::jobs::drain(&runner).unwrap())
            .await
            .unwrap()
    };
    let failed = run(runner.clone()).await;
    let again = run(runner.clone()).await;

    assert!(
        matches!(failed.backup, Scheduled::Failed(_)),
        "{:?}",
        failed.backup
    );
    assert_eq!(again.backup, Scheduled::NotDue, "waits before trying again");
    assert_eq!(
        app.count(&format!(
            "SELECT COUNT(*) FROM notifications WHERE user_id = {admin_id} AND kind = 'backup_failed'"
        )),
        1
    );
}

#[tokio::test]
async fn restore_refuses_while_a_server_runs_then_puts_the_backup_back_and_keeps_the_old_one() {
    // Arrange: a backup holding one user, and another folder whose database holds another.
    let source = spawn_app_with(with_backups(3)).await;
    source.create_user("client", "in-backup@example.com");
    let taken = source.drain().await;
    let Scheduled::Taken { backup, .. } = taken.backup else {
        panic!("{:?}", taken.backup);
    };
    let target = tempfile::tempdir().unwrap();
    let dir = target.path().to_path_buf();
    let seed_dir = dir.clone();
    tokio::task::spawn_blocking(move || {
        let clock = ManualClock::new(chrono::Utc::now());
        let state =
            whiskerworks::AppState::open(Settings::defaults(&seed_dir), Arc::new(clock)).unwrap();
        whiskerworks::ops::users::create_user(&state, "client", "live@example.com", "L", None)
            .unwrap();
    })
    .await
    .unwrap();
    let file = backup.path.to_str().unwrap().to_string();

    let (refused, restored) = tokio::task::spawn_blocking(move || {
        // A server runs on the folder (bounded wait until it answers).
        let port = std::net::TcpListener::bind("127.0.0.1:0")
            .unwrap()
            .local_addr()
            .unwrap()
            .port();
        let mut server = Command::new(env!("CARGO_BIN_EXE_whiskerworks"))
            .args([
                "serve",
                "--bind",
                &format!("127.0.0.1:{port}"),
                "--data-dir",
            ])
            .arg(&dir)
            .env("WHISKERWORKS_JOBS", "false")
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        let health = format!("http://127.0.0.1:{port}/healthz");
        let deadline = Instant::now() + Duration::from_secs(30);
        while !reqwest::blocking::get(&health).is_ok_and(|r| r.status().is_success()) {
            assert!(Instant::now() < deadline, "serve never answered");
            std::thread::sleep(Duration::from_millis(50));
        }
        // Act: restore while it runs, then after it stopped.
        let refused = whiskerworks(&dir, &["restore", &file]);
        Command::new("kill")
            .args(["-TERM", &server.id().to_string()])
            .status()
            .unwrap();
        assert!(server.wait().unwrap().success());
        // Litestream's state for the old database, as a replicating server leaves it.
        std::fs::create_dir(dir.join(".whiskerworks.db-litestream")).unwrap();
        let restored = whiskerworks(&dir, &["restore", &file]);
        (refused, restored)
    })
    .await
    .unwrap();

    // Assert
    assert!(!refused.status.success());
    let why = String::from_utf8_lossy(&refused.stderr);
    assert!(why.contains("running"), "{why}");
    let said = String::from_utf8_lossy(&restored.stdout);
    assert!(
        restored.status.success(),
        "{}",
        String::from_utf8_lossy(&restored.stderr)
    );
    assert!(
        said.contains("restored") && said.contains("kept the previous database"),
        "{said}"
    );
    let db = target.path().join("whiskerworks.db");
    assert_eq!(users_named(&db, "in-backup@example.com"), 1);
    assert_eq!(users_named(&db, "live@example.com"), 0);
    let aside = std::fs::read_dir(target.path())
        .unwrap()
        .filter_map(|e| e.ok())
        .map(|e| e.path())
        .find(|p| {
            let name = p.file_name().unwrap().to_string_lossy();
            name.starts_with("whiskerworks-before-restore-") && name.ends_with(".db")
        })
        .expect("the old database kept aside");
    assert_eq!(users_named(&aside, "live@example.com"), 1);
    assert!(
        !target.path().join(".whiskerworks.db-litestream").exists(),
        "Litestream's state of the old database is set aside with it"
    );
    let check = whiskerworks(target.path(), &["check"]);
    assert!(
        check.status.success(),
        "{}",
        String::from_utf8_lossy(&check.stdout)
    );
}

#[tokio::test]
async fn restore_refuses_a_file_that_is_not_a_sound_database() {
    let app = spawn_app().await;
    let bogus = app.dir.path().join("bogus.db");
    std::fs::write(&bogus, b"not a database at all").unwrap();
    let dir = app.dir.path().to_path_buf();

    let out = tokio::task::spawn_blocking(move || {
        whiskerworks(&dir, &["restore", bogus.to_str().unwrap()])
    })
    .await
    .unwrap();

    assert!(!out.status.success());
    assert!(
        app.dir.path().join("whiskerworks.db").exists(),
        "left alone"
    );
    assert_eq!(
        std::fs::read_dir(app.dir.path())
            .unwrap()
            .filter(|e| e
                .as_ref()
                .unwrap()
                .file_name()
                .to_string_lossy()
                .contains("before-restore"))
            .count(),
        0
    );
}

/// The state of the database in `dir`, as a process of its own would open it (dropped, its
/// connections close).
fn open_state(dir: &std::path::Path) -> whiskerworks::AppState {
    let clock = ManualClock::new(chrono::Utc::now());
    whiskerworks::AppState::open(Settings::defaults(dir), Arc::new(clock)).unwrap()
}

fn lock_holder(db: &std::path::Path) -> Option<String> {
    let conn = Connection::open_with_flags(db, OpenFlags::SQLITE_OPEN_READ_ONLY).unwrap();
    conn.query_row("SELECT owner FROM billing_lock WHERE id = 1", [], |r| {
        r.get(0)
    })
    .ok()
}

fn set_aside(dir: &std::path::Path) -> Vec<std::path::PathBuf> {
    std::fs::read_dir(dir)
        .unwrap()
        .filter_map(|e| e.ok())
        .map(|e| e.path())
        .filter(|p| {
            let name = p.file_name().unwrap().to_string_lossy();
            name.starts_with("whiskerworks-before-restore-") && name.ends_with(".db")
        })
        .collect()
}

#[tokio::test]
async fn restore_refuses_while_a_billing_run_holds_its_lock_and_works_once_it_is_released() {
    use whiskerworks::billing::store::runs as lock_store;
    use whiskerworks::db::write_tx;

    // Arrange: a backup holding one user; another folder whose database holds another user
    // and whose billing lock a live process (this test, as a `run-billing` would) holds.
    let source = spawn_app_with(with_backups(3)).await;
    source.create_user("client", "in-backup@example.com");
    let Scheduled::Taken { backup, .. } = source.drain().await.backup else {
        panic!("no backup taken");
    };
    let target = tempfile::tempdir().unwrap();
    let dir = target.path().to_path_buf();
    let db = dir.join("whiskerworks.db");
    let file = backup.path.to_str().unwrap().to_string();
    let me = format!("pid {} (run-billing)", std::process::id());

    let (refused, after_refusal, restored) = tokio::task::spawn_blocking({
        let (dir, db, me) = (dir.clone(), db.clone(), me.clone());
        move || {
            let state = open_state(&dir);
            whiskerworks::ops::users::create_user(&state, "client", "live@example.com", "L", None)
                .unwrap();
            let now = chrono::Utc::now();
            let until = now + chrono::Duration::minutes(10);
            let holder = write_tx(&mut state.pool.get().unwrap(), |tx| {
                lock_store::take_lock(tx, &me, now, until)
            })
            .unwrap();
            assert_eq!(holder, None, "the test took the lock");

            // Act: restore while the run holds the lock, then once it has let go.
            let refused = whiskerworks(&dir, &["restore", &file]);
            let after_refusal = (
                users_named(&db, "live@example.com"),
                users_named(&db, "in-backup@example.com"),
                lock_holder(&db),
                set_aside(&dir).len(),
            );
            write_tx(&mut state.pool.get().unwrap(), |tx| {
                lock_store::release_lock(tx, &me)
            })
            .unwrap();
            drop(state);
            let restored = whiskerworks(&dir, &["restore", &file]);
            (refused, after_refusal, restored)
        }
    })
    .await
    .unwrap();

    // Assert: refused with the reason and "try again later", and nothing changed.
    assert_eq!(refused.status.code(), Some(75));
    let why = String::from_utf8_lossy(&refused.stderr);
    assert!(why.contains("billing run is in progress"), "{why}");
    assert!(why.contains(&me) && why.contains("try again"), "{why}");
    assert_eq!(after_refusal, (1, 0, Some(me), 0));
    // Then restored, the copy set aside keeping billing paused for anything still on it.
    assert!(
        restored.status.success(),
        "{}",
        String::from_utf8_lossy(&restored.stderr)
    );
    assert_eq!(users_named(&db, "in-backup@example.com"), 1);
    assert_eq!(users_named(&db, "live@example.com"), 0);
    assert_eq!(
        lock_holder(&db),
        None,
        "billing may run on the restored database"
    );
    let aside = set_aside(&dir);
    assert_eq!(aside.len(), 1);
    assert_eq!(users_named(&aside[0], "live@example.com"), 1);
    let kept = lock_holder(&aside[0]);
    assert!(
        kept.as_ref().is_some_and(|o| o.contains("(restore)")),
        "{kept:?}"
    );
}
