//! Benchmark: the weekly client run over 100,000 clients and 1,000,000 completed-order
//! postings against the in-process Golden Hat simulator: invoices issued, each charged and
//! recorded (with its payment posting and notices). Run with `cargo bench --bench
//! billing_run`; prints the seeding time, the run's time and the peak memory.

use std::sync::Arc;
use std::time::Instant;

use chrono::{Duration, TimeZone, Utc};
use rusqlite::params;
use whiskerworks::AppState;
use whiskerworks::billing::ledger::{Kind, Posting, post};
use whiskerworks::billing::model::periods::{RunKind, period_containing};
use whiskerworks::billing::model::{Account, split_commission};
use whiskerworks::billing::service::gateway::{CardInput, Faults, GoldenHatSim};
use whiskerworks::billing::{charging, invoicing};
use whiskerworks::clock::ManualClock;
use whiskerworks::config::Settings;

const CLIENTS: i64 = 100_000;
const ORDERS_PER_CLIENT: i64 = 10;
const WORKERS: i64 = 1_000;

fn peak_memory_mib() -> String {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            s.lines()
                .find(|l| l.starts_with("VmHWM"))
                .map(|l| l.split_whitespace().nth(1).unwrap_or("0").to_string())
        })
        .and_then(|kib| kib.parse::<u64>().ok())
        .map_or("unknown".into(), |kib| format!("{} MiB", kib / 1024))
}

fn main() -> anyhow::Result<()> {
    let dir = tempfile::tempdir()?;
    let start = Utc.with_ymd_and_hms(2026, 3, 2, 9, 0, 0).unwrap();
    let clock = ManualClock::new(start);
    let state = AppState::open(Settings::defaults(dir.path()), Arc::new(clock.clone()))?;
    let sim = Arc::new(GoldenHatSim::new(Faults::default(), 1));
    let token = sim
        .handle_tokenize(&CardInput {
            card_number: "4242424242424242".into(),
            exp_month: 12,
            exp_year: 2035,
            cvc: "123".into(),
        })
        .map_err(|e| anyhow::anyhow!("{e}"))?;

    let seeding = Instant::now();
    {
        // Seeded in bulk on a connection of its own, beside the app's writer.
        let mut conn =
            rusqlite::Connection::open(whiskerworks::db::db_path(&state.settings().data_dir))?;
        conn.execute_batch("PRAGMA synchronous = OFF")?;
        let tx = conn.transaction()?;
        let mut user = tx.prepare("INSERT INTO users (email, name, password_hash, role, created_at) VALUES (?1, ?2, 'x', ?3, ?4)")?;
        let mut card = tx.prepare("INSERT INTO payment_cards (user_id, purpose, token, brand, last4, exp_month, exp_year, created_at) VALUES (?1, 'charge', ?2, 'visa', '4242', 12, 2035, ?3)")?;
        let mut workers = Vec::new();
        for w in 0..WORKERS {
            user.execute(params![
                format!("w{w}@bench.example.com"),
                "Worker",
                "worker",
                start
            ])?;
            workers.push(tx.last_insert_rowid());
        }
        let mut order = 0i64;
        for c in 0..CLIENTS {
            user.execute(params![
                format!("c{c}@bench.example.com"),
                "Client",
                "client",
                start
            ])?;
            let client = tx.last_insert_rowid();
            card.execute(params![client, token.token, start])?;
            for _ in 0..ORDERS_PER_CLIENT {
                order += 1;
                let price = 300_000 + (order % 7) * 25_050;
                let (earnings, commission) = split_commission(price, 2_000);
                let worker = workers[(order % WORKERS) as usize];
                post(
                    &tx,
                    &Posting {
                        kind: Kind::OrderCompleted,
                        key: &format!("order-completed-{order}"),
                        reference: &format!("order:{order}"),
                        actor_id: None,
                        memo: "",
                        entries: vec![
                            (Account::Client(client), price),
                            (Account::Worker(worker), -earnings),
                            (Account::Revenue, -commission),
                        ],
                    },
                    start + Duration::seconds(order % 86_400),
                )?;
            }
        }
        drop((user, card));
        tx.commit()?;
    }
    println!(
        "seeded {CLIENTS} clients and {} completed-order postings in {:.1} s (peak {})",
        CLIENTS * ORDERS_PER_CLIENT,
        seeding.elapsed().as_secs_f64(),
        peak_memory_mib()
    );

    let tz = state.settings().time_zone;
    let week = period_containing(RunKind::Weekly, tz, start);
    let cutoff = week.cutoff(tz);
    clock.set(cutoff + Duration::minutes(1));
    let run_id = {
        whiskerworks::db::write_tx(&mut state.pool.get()?, |tx| {
            tx.execute("INSERT INTO billing_runs (kind, period, cutoff_at, status, started_at) VALUES ('weekly', ?1, ?2, 'running', ?3)",
                params![week.label(), cutoff, clock.now_utc()])?;
            Ok::<_, rusqlite::Error>(tx.last_insert_rowid())
        })?
    };
    let gateway: whiskerworks::billing::service::gateway::SharedGateway = sim.clone();
    let billing = whiskerworks::wiring::billing_deps(&state, &gateway);
    let run = Instant::now();
    let issued =
        invoicing::issue(&billing, run_id, &week, cutoff).map_err(|e| anyhow::anyhow!("{e:?}"))?;
    let issuing = run.elapsed();
    let collected = charging::collect(&billing, None).map_err(|e| anyhow::anyhow!("{e:?}"))?;
    let total = run.elapsed();
    println!(
        "weekly run: {} invoices ({} minor units) issued in {:.1} s; {} charged, {} declined, {} unknown in {:.1} s; total {:.1} s; peak memory {}",
        issued.invoices,
        issued.total_minor,
        issuing.as_secs_f64(),
        collected.settled,
        collected.declined,
        collected.unknown,
        (total - issuing).as_secs_f64(),
        total.as_secs_f64(),
        peak_memory_mib()
    );
    assert_eq!(issued.invoices as i64, CLIENTS);
    assert_eq!(sim.charges().len() as i64, CLIENTS);
    Ok(())
}
