//! The operator's commands, run as the real binary.

use std::process::{Command, Output, Stdio};

use crate::helpers::*;

fn whiskerworks(dir: &std::path::Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_whiskerworks"))
        .args(args)
        .arg("--data-dir")
        .arg(dir)
        .env("WHISKERWORKS_LOG", "error")
        .stdin(Stdio::null())
        .output()
        .expect("binary runs")
}

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

#[test]
fn an_invalid_setting_stops_start_up_naming_the_setting() {
    let dir = tempfile::tempdir().unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_whiskerworks"))
        .args(["serve", "--data-dir"])
        .arg(dir.path())
        .env("WHISKERWORKS_TIME_ZONE", "Mars/Olympus")
        .output()
        .unwrap();

    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("invalid setting `time_zone`"));
    assert!(
        !dir.path().join("whiskerworks.db").exists(),
        "nothing was created"
    );
}

#[test]
fn demo_loads_the_fixed_accounts_once() {
    let dir = tempfile::tempdir().unwrap();

    assert!(whiskerworks(dir.path(), &["demo"]).status.success());
    let second = whiskerworks(dir.path(), &["demo"]);

    assert!(stdout(&second).contains("0 accounts added"));
    let conn = rusqlite::Connection::open(dir.path().join("whiskerworks.db")).unwrap();
    let n: i64 = conn
        .query_row("SELECT COUNT(*) FROM users", [], |r| r.get(0))
        .unwrap();
    assert_eq!(n, 5);
    let bets: i64 = conn
        .query_row("SELECT COUNT(*) FROM user_permissions p JOIN users u ON u.id = p.user_id WHERE u.email = 'manager@example.com' AND p.permission = 'bets'", [], |r| r.get(0))
        .unwrap();
    assert_eq!(bets, 1);
    let services: i64 = conn
        .query_row("SELECT COUNT(*) FROM services", [], |r| r.get(0))
        .unwrap();
    let checklist: i64 = conn
        .query_row("SELECT COUNT(*) FROM service_checklist_items", [], |r| {
            r.get(0)
        })
        .unwrap();
    assert_eq!(
        (services, checklist),
        (3, 7),
        "the catalogue is loaded once"
    );
}

#[test]
fn check_passes_on_a_healthy_database_and_names_what_is_broken() {
    let dir = tempfile::tempdir().unwrap();
    assert!(whiskerworks(dir.path(), &["demo"]).status.success());

    let healthy = whiskerworks(dir.path(), &["check"]);
    assert!(healthy.status.success(), "{}", stdout(&healthy));

    // Break it: a session for a user that does not exist, written with foreign keys off,
    // and a migration record removed.
    let conn = rusqlite::Connection::open(dir.path().join("whiskerworks.db")).unwrap();
    conn.execute_batch(
        "PRAGMA foreign_keys = OFF;
         INSERT INTO sessions (token_hash, user_id, csrf_token, created_at, expires_at, last_seen_at)
         VALUES ('x', 9999, 'y', 'now', 'later', 'now');
         DELETE FROM schema_migrations;",
    )
    .unwrap();
    drop(conn);

    let broken = whiskerworks(dir.path(), &["check"]);
    assert!(!broken.status.success());
    let report = stdout(&broken);
    assert!(report.contains("foreign_key_check: sessions"), "{report}");
    assert!(
        report.contains("migrations: 0001_foundation not applied"),
        "{report}"
    );
}

#[tokio::test]
async fn backup_copies_the_live_database_while_the_server_is_serving() {
    let app = spawn_app().await;
    app.create_user("client", "backed-up@example.com");
    let (client, _) = app.login_as("client").await;
    let dest = app.dir.path().join("copy.db");

    let (dir, target) = (app.dir.path().to_path_buf(), dest.clone());
    let backup = tokio::task::spawn_blocking(move || {
        whiskerworks(&dir, &["backup", target.to_str().unwrap()])
    });
    // The server keeps serving, and writing, while the copy is taken.
    while !backup.is_finished() {
        assert_eq!(
            client.post_form("/notifications/read", &[]).await.status(),
            reqwest::StatusCode::SEE_OTHER
        );
        assert_eq!(
            client.get("/client").await.status(),
            reqwest::StatusCode::OK
        );
    }
    let out = backup.await.unwrap();

    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let copy = rusqlite::Connection::open(&dest).unwrap();
    let ok: String = copy
        .query_row("PRAGMA integrity_check", [], |r| r.get(0))
        .unwrap();
    assert_eq!(ok, "ok");
    let n: i64 = copy
        .query_row(
            "SELECT COUNT(*) FROM users WHERE email = 'backed-up@example.com'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(n, 1);
    assert!(
        !whiskerworks(app.dir.path(), &["backup", dest.to_str().unwrap()])
            .status
            .success(),
        "never overwrites"
    );
}

#[test]
fn admin_create_user_generates_and_prints_a_password_once() {
    let dir = tempfile::tempdir().unwrap();

    let out = whiskerworks(
        dir.path(),
        &[
            "admin",
            "create-user",
            "--role",
            "admin",
            "--email",
            "Owner@Example.com",
            "--name",
            "Owner",
        ],
    );

    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(stdout(&out).contains("generated password (shown once): "));
    let refused = whiskerworks(
        dir.path(),
        &[
            "admin",
            "create-user",
            "--role",
            "emperor",
            "--email",
            "x@example.com",
            "--name",
            "X",
        ],
    );
    assert!(!refused.status.success());
    assert!(String::from_utf8_lossy(&refused.stderr).contains("unknown role"));
}

#[test]
fn simulate_is_deterministic_for_a_seed() {
    let (a, b, c) = (
        tempfile::tempdir().unwrap(),
        tempfile::tempdir().unwrap(),
        tempfile::tempdir().unwrap(),
    );

    let first = whiskerworks(a.path(), &["simulate", "--days", "5", "--seed", "42"]);
    let second = whiskerworks(b.path(), &["simulate", "--days", "5", "--seed", "42"]);
    let other = whiskerworks(c.path(), &["simulate", "--days", "5", "--seed", "7"]);

    assert!(
        first.status.success(),
        "{}",
        String::from_utf8_lossy(&first.stderr)
    );
    assert_eq!(stdout(&first), stdout(&second));
    assert_ne!(stdout(&first), stdout(&other));
    assert!(stdout(&first).contains("day 5:"));
    let names = |d: &std::path::Path| -> Vec<String> {
        let conn = rusqlite::Connection::open(d.join("whiskerworks.db")).unwrap();
        let mut stmt = conn
            .prepare("SELECT email || name || language FROM users ORDER BY id")
            .unwrap();
        stmt.query_map([], |r| r.get(0))
            .unwrap()
            .collect::<Result<_, _>>()
            .unwrap()
    };
    assert_eq!(names(a.path()), names(b.path()));
    assert!(whiskerworks(a.path(), &["check"]).status.success());
    let orders: i64 = rusqlite::Connection::open(a.path().join("whiskerworks.db"))
        .unwrap()
        .query_row(
            "SELECT COUNT(*) FROM orders WHERE status = 'completed'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert!(orders > 0, "orders go all the way through");
}

#[test]
fn check_names_an_order_whose_status_does_not_match_its_events() {
    let dir = tempfile::tempdir().unwrap();
    assert!(
        whiskerworks(dir.path(), &["simulate", "--days", "4", "--seed", "3"])
            .status
            .success()
    );
    let conn = rusqlite::Connection::open(dir.path().join("whiskerworks.db")).unwrap();
    let id: i64 = conn
        .query_row(
            "SELECT MIN(id) FROM orders WHERE status = 'completed'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    conn.execute("UPDATE orders SET status = 'new' WHERE id = ?1", [id])
        .unwrap();
    drop(conn);

    let out = whiskerworks(dir.path(), &["check"]);

    assert!(!out.status.success());
    assert!(
        stdout(&out).contains(&format!(
            "order {id} is `new` but its events end at `completed`"
        )),
        "{}",
        stdout(&out)
    );
}

#[tokio::test]
async fn healthcheck_reports_the_running_server() {
    let app = spawn_app().await;
    let port = app.base.rsplit(':').next().unwrap().to_string();

    // Off the test's thread: the server shares this runtime and must keep answering.
    let out = tokio::task::spawn_blocking(move || {
        Command::new(env!("CARGO_BIN_EXE_whiskerworks"))
            .arg("healthcheck")
            .env("WHISKERWORKS_BIND", format!("127.0.0.1:{port}"))
            .output()
            .unwrap()
    })
    .await
    .unwrap();
    assert!(out.status.success(), "{}", stdout(&out));

    let down = Command::new(env!("CARGO_BIN_EXE_whiskerworks"))
        .arg("healthcheck")
        .env("WHISKERWORKS_BIND", "127.0.0.1:9")
        .output()
        .unwrap();
    assert!(!down.status.success());
}

#[test]
fn replay_checks_its_input_and_reports_on_an_empty_history() {
    let dir = tempfile::tempdir().unwrap();

    let bad = whiskerworks(dir.path(), &["replay", "--strategy", "best"]);
    assert_eq!(bad.status.code(), Some(2));
    assert!(
        String::from_utf8_lossy(&bad.stderr).contains("--strategy must be `random` or `score`")
    );
    let backwards = whiskerworks(
        dir.path(),
        &[
            "replay",
            "--strategy",
            "score",
            "--from",
            "2026-03-02",
            "--to",
            "2026-03-01",
        ],
    );
    assert_eq!(backwards.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&backwards.stderr).contains("--from must not be after --to"));

    let ok = whiskerworks(
        dir.path(),
        &["replay", "--strategy", "score", "--to", "2026-03-01"],
    );
    assert!(
        ok.status.success(),
        "{}",
        String::from_utf8_lossy(&ok.stderr)
    );
    let out = stdout(&ok);
    assert!(out.contains("2026-01-31 to 2026-03-01"), "{out}");
    assert!(out.contains("Decisions in the window: 0"), "{out}");
}
