//! One billing pass at a time across processes: a `run-billing` started while another pass
//! holds the lock says so and does nothing; two started together do the work once between
//! them; and `check` changes nothing in the folder it checks.

use std::collections::BTreeMap;
use std::process::Output;

use whiskerworks::billing::service::gateway::Faults;
use whiskerworks::billing::store::runs as lock_store;

use crate::billing_crash::{seeded, whiskerworks};

fn runs_printed(out: &Output) -> i64 {
    let stdout = String::from_utf8_lossy(&out.stdout);
    stdout
        .strip_prefix("billing: ")
        .and_then(|rest| rest.split(' ').next())
        .and_then(|n| n.parse().ok())
        .unwrap_or(0)
}

#[tokio::test]
async fn run_billing_while_another_pass_holds_the_lock_says_so_and_does_nothing() {
    // Arrange: a live process (this test) holds the billing lock.
    let (app, sim, url) = seeded().await;
    let me = format!("pid {} (test)", std::process::id());
    let now = chrono::Utc::now();
    let until = now + chrono::Duration::minutes(10);
    let holder = app.write(|tx| lock_store::take_lock(tx, &me, now, until));
    assert_eq!(holder, None, "the test took the lock");

    // Act
    let busy = whiskerworks(app.dir.path(), &url, None, &["run-billing"]);

    // Assert: told, exit 75 (try again later), and nothing billed.
    assert_eq!(busy.status.code(), Some(75));
    let stderr = String::from_utf8_lossy(&busy.stderr);
    assert!(stderr.contains("another billing run is active"), "{stderr}");
    assert!(stderr.contains(&me), "{stderr}");
    assert_eq!(app.count("SELECT COUNT(*) FROM billing_runs"), 0);
    assert!(sim.charges().is_empty());

    // Once the holder lets go, the next run does the work.
    app.write(|tx| lock_store::release_lock(tx, &me));
    let ran = whiskerworks(app.dir.path(), &url, None, &["run-billing"]);
    assert!(
        ran.status.success(),
        "{}",
        String::from_utf8_lossy(&ran.stderr)
    );
    assert!(runs_printed(&ran) > 0);
    assert_eq!(sim.charges().len(), 3);
}

#[tokio::test]
async fn two_run_billing_processes_at_once_do_the_work_once_between_them() {
    // A slow gateway keeps the first run busy while the second starts.
    let (app, sim, url) = seeded().await;
    sim.set_faults(Faults {
        latency_ms: 200,
        ..Faults::default()
    });
    let dir = app.dir.path().to_path_buf();
    let start = |dir: std::path::PathBuf, url: String| {
        tokio::task::spawn_blocking(move || whiskerworks(&dir, &url, None, &["run-billing"]))
    };

    let (one, two) = tokio::join!(
        start(dir.clone(), url.clone()),
        start(dir.clone(), url.clone())
    );
    let (one, two) = (one.unwrap(), two.unwrap());

    for out in [&one, &two] {
        assert!(
            matches!(out.status.code(), Some(0) | Some(75)),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
    assert_eq!(
        runs_printed(&one) + runs_printed(&two),
        app.count("SELECT COUNT(*) FROM billing_runs WHERE status = 'done'"),
        "the printed counts add up"
    );
    assert_eq!(sim.charges().len(), 3);
    assert_eq!(sim.payouts().len(), 3);
}

/// Names, sizes and modification times of everything in a folder, except SQLite's shared
/// memory index (`-shm`), which every reader of a WAL database marks while it reads.
fn listing(dir: &std::path::Path) -> BTreeMap<String, (u64, std::time::SystemTime)> {
    std::fs::read_dir(dir)
        .unwrap()
        .filter(|e| {
            !e.as_ref()
                .unwrap()
                .file_name()
                .to_string_lossy()
                .ends_with("-shm")
        })
        .map(|e| {
            let e = e.unwrap();
            let meta = e.metadata().unwrap();
            (
                e.file_name().to_string_lossy().into_owned(),
                (meta.len(), meta.modified().unwrap()),
            )
        })
        .collect()
}

#[tokio::test]
async fn check_changes_nothing_in_the_folder_it_checks() {
    // The embedded gateway (no URL): check used to create its journal.
    let app = crate::helpers::spawn_app().await;
    app.create_user("client", "checked@example.com");
    let dir = app.dir.path().to_path_buf();
    let journal = dir.join("golden-hat-sim.jsonl");
    if journal.exists() {
        std::fs::remove_file(&journal).unwrap();
    }
    let before = listing(&dir);

    let out = tokio::task::spawn_blocking(move || {
        let out = std::process::Command::new(env!("CARGO_BIN_EXE_whiskerworks"))
            .args(["check", "--data-dir"])
            .arg(&dir)
            .env_remove("WHISKERWORKS_GOLDEN_HAT_URL")
            .output()
            .unwrap();
        (out, listing(&dir))
    })
    .await
    .unwrap();

    assert!(
        out.0.status.success(),
        "{}",
        String::from_utf8_lossy(&out.0.stdout)
    );
    assert_eq!(out.1, before);
}
