//! A crash between the mail server accepting a mail and the outbox marking it sent: the real
//! binary serves, hands one mail to the transport and aborts at that instant; after the
//! claim lapses only that mail goes out again, every other one exactly once.

use std::collections::BTreeMap;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use crate::helpers::*;

/// Outbox ids of the delivered `.eml` files, with how many copies of each arrived.
fn delivered(app: &TestApp) -> BTreeMap<i64, usize> {
    let mut copies = BTreeMap::new();
    for mail in app.mail_files() {
        let id = mail
            .split("<outbox-")
            .nth(1)
            .and_then(|rest| rest.split('@').next())
            .and_then(|id| id.parse::<i64>().ok())
            .expect("every mail names its outbox row in its Message-ID");
        *copies.entry(id).or_default() += 1;
    }
    copies
}

/// Runs `serve` on the data folder with a failpoint armed and waits (bounded) for it to abort.
fn serve_until_the_failpoint(dir: &std::path::Path, failpoint: &str) {
    let mut child = Command::new(env!("CARGO_BIN_EXE_whiskerworks"))
        .args(["serve", "--bind", "127.0.0.1:0", "--data-dir"])
        .arg(dir)
        .env("WHISKERWORKS_FAILPOINT", failpoint)
        .env("RUST_LOG", "warn")
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("binary runs");
    let deadline = Instant::now() + Duration::from_secs(60);
    loop {
        if let Some(status) = child.try_wait().unwrap() {
            assert!(!status.success(), "aborted at the failpoint");
            return;
        }
        if Instant::now() > deadline {
            let _ = child.kill();
            panic!("serve never reached failpoint {failpoint}");
        }
        std::thread::sleep(Duration::from_millis(50));
    }
}

#[tokio::test]
async fn a_crash_right_after_the_server_accepted_a_mail_repeats_only_that_mail() {
    // Arrange: five welcome mails due now (by the wall clock the binary uses).
    let app = spawn_app().await;
    app.clock
        .set(chrono::Utc::now() - chrono::Duration::hours(1));
    for n in 0..5 {
        app.create_user("client", &format!("crash{n}@example.com"));
    }

    // Act: the server's catch-up sends the first mail and dies before recording it.
    let dir = app.dir.path().to_path_buf();
    tokio::task::spawn_blocking(move || serve_until_the_failpoint(&dir, "mail-accepted"))
        .await
        .unwrap();
    let after_crash = delivered(&app);
    assert_eq!(after_crash.len(), 1, "one mail was in flight");
    assert_eq!(
        app.count("SELECT COUNT(*) FROM outbox WHERE status = 'sent'"),
        0
    );
    // Its claim lapses (ten minutes) and the dispatcher runs again.
    app.clock
        .set(chrono::Utc::now() + chrono::Duration::minutes(11));
    app.drain().await;

    // Assert: all five sent; only the one in flight at the crash arrived twice.
    assert_eq!(
        app.count("SELECT COUNT(*) FROM outbox WHERE status = 'sent'"),
        5
    );
    let copies = delivered(&app);
    assert_eq!(copies.len(), 5);
    let in_flight = *after_crash.keys().next().unwrap();
    for (id, n) in copies {
        assert_eq!(n, if id == in_flight { 2 } else { 1 }, "mail {id}");
    }
}
