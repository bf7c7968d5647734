//! Crash safety of the billing runs, for real: `whiskerworks run-billing` runs as a child
//! process against `golden-hat-sim` over HTTP and aborts at a failpoint (mid-run, after the
//! gateway charged but before we recorded it, …); the rerun completes with no duplicate
//! invoice, charge, payout or entry, and `check` (asking the gateway too) passes.

use std::net::TcpListener;
use std::process::{Command, Output, Stdio};
use std::sync::Arc;

use chrono::{Duration, Utc};
use whiskerworks::billing::cards::{self, CardForm, Purpose};
use whiskerworks::billing::model::Account;
use whiskerworks::billing::postings::{self, WorkerMove};
use whiskerworks::billing::service::gateway::{Faults, GoldenHatSim, server};

use crate::helpers::*;

pub fn whiskerworks(
    dir: &std::path::Path,
    url: &str,
    failpoint: Option<&str>,
    args: &[&str],
) -> Output {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_whiskerworks"));
    cmd.args(args)
        .arg("--data-dir")
        .arg(dir)
        .env("WHISKERWORKS_GOLDEN_HAT_URL", url)
        .env("RUST_LOG", "trace")
        .env_remove("WHISKERWORKS_FAILPOINT")
        .stdin(Stdio::null());
    if let Some(point) = failpoint {
        cmd.env("WHISKERWORKS_FAILPOINT", point);
    }
    cmd.output().expect("binary runs")
}

fn card(number: &str) -> CardForm {
    CardForm {
        card_number: number.into(),
        exp_month: "12".into(),
        exp_year: "2035".into(),
        cvc: "123".into(),
    }
}

/// Three clients who owe money since ten days ago and three workers owed money since last
/// month, all with cards at the gateway; no billing run has happened yet.
pub async fn seeded() -> (TestApp, Arc<GoldenHatSim>, String) {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let url = format!("http://{}", listener.local_addr().unwrap());
    let sim = Arc::new(GoldenHatSim::new(Faults::default(), 5));
    tokio::spawn(server::serve(listener, sim.clone()).unwrap());
    let gateway = url.clone();
    let app = spawn_app_with(move |s| s.billing.golden_hat_url = Some(gateway)).await;
    let state = app.state.clone();
    let billing = app.runner.billing();
    let now = Utc::now();
    tokio::task::spawn_blocking(move || {
        let mut conn = state.pool.get().unwrap();
        for n in 0..3i64 {
            let client = whiskerworks::ops::users::create_user(
                &state,
                "client",
                &format!("c{n}@example.com"),
                "C",
                None,
            )
            .unwrap()
            .0;
            cards::add(
                &billing,
                client,
                Purpose::Charge,
                &card("4242 4242 4242 4242"),
            )
            .unwrap()
            .unwrap();
            let worker = whiskerworks::ops::users::create_user(
                &state,
                "worker",
                &format!("w{n}@example.com"),
                "W",
                None,
            )
            .unwrap()
            .0;
            cards::add(
                &billing,
                worker,
                Purpose::Payout,
                &card("4242 4242 4242 4242"),
            )
            .unwrap()
            .unwrap();
            whiskerworks::db::write_tx(
                &mut conn,
                |tx| -> Result<(), whiskerworks::error::AppError> {
                    postings::adjustment(
                        tx,
                        &format!("seed-c{n}"),
                        &Account::Client(client),
                        10_000 * (n + 1),
                        "seed",
                        None,
                        now - Duration::days(10),
                    )?;
                    postings::worker_move(
                        tx,
                        &format!("seed-w{n}"),
                        (WorkerMove::Bonus, worker, 7_000 * (n + 1)),
                        "seed",
                        None,
                        now - Duration::days(40),
                    )?;
                    Ok(())
                },
            )
            .unwrap();
        }
    })
    .await
    .unwrap();
    (app, sim, url)
}

#[tokio::test]
async fn killed_at_each_point_of_the_runs_the_rerun_completes_without_duplicates() {
    for point in [
        "weekly-batch-issued",
        "charge-claimed",
        "charge-sent",
        "monthly-batch-stated",
        "payout-sent",
    ] {
        let (app, sim, url) = seeded().await;
        let dir = app.dir.path();

        let crashed = whiskerworks(dir, &url, Some(point), &["run-billing"]);
        assert!(!crashed.status.success(), "{point}: the process died");
        assert!(
            String::from_utf8_lossy(&crashed.stderr).contains(&format!("failpoint {point}")),
            "{point}"
        );

        let rerun = whiskerworks(dir, &url, None, &["run-billing"]);
        assert!(
            rerun.status.success(),
            "{point}: {}",
            String::from_utf8_lossy(&rerun.stderr)
        );
        let again = whiskerworks(dir, &url, None, &["run-billing"]);
        assert!(again.status.success());

        assert_eq!(
            app.count("SELECT COUNT(*) FROM invoices WHERE status = 'paid'"),
            3,
            "{point}"
        );
        assert_eq!(
            app.count("SELECT COUNT(*) FROM payouts WHERE status = 'paid'"),
            3,
            "{point}"
        );
        assert_eq!(
            sim.charges().len(),
            3,
            "{point}: one charge per invoice at the gateway"
        );
        assert_eq!(
            sim.payouts().len(),
            3,
            "{point}: one payout per statement at the gateway"
        );
        assert_eq!(
            app.count(
                "SELECT COUNT(*) FROM ledger_transactions WHERE kind IN ('payment', 'payout')"
            ),
            6,
            "{point}"
        );
        assert_eq!(app.count("SELECT COALESCE(SUM(amount_minor), 0) FROM ledger_entries WHERE account = 'gateway'"), 60_000 - 42_000, "{point}");
        let check = whiskerworks(dir, &url, None, &["check"]);
        assert!(
            check.status.success(),
            "{point}: {}",
            String::from_utf8_lossy(&check.stdout)
        );
    }
}

#[tokio::test]
async fn card_numbers_never_reach_the_logs_even_at_trace_level() {
    let (app, _sim, url) = seeded().await;
    let out = whiskerworks(app.dir.path(), &url, None, &["demo"]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(
        app.count("SELECT COUNT(*) FROM payment_cards WHERE last4 = '4242'"),
        8,
        "the demo cards were tokenized"
    );
    let logs = format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(logs.contains("card saved"), "the log was captured");
    for needle in ["4242424242424242", "4242 4242 4242 4242"] {
        assert!(!logs.contains(needle), "a card number in the logs");
    }
    let db = std::fs::read(app.dir.path().join("whiskerworks.db")).unwrap();
    assert!(
        !db.windows(16).any(|w| w == b"4242424242424242"),
        "a card number in the database"
    );
}
