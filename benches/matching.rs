//! Benchmark: one matching decision (candidate facts, strategy, decision record, offer) with
//! 1,000 workers and 10,000 open orders in the database.
//! Run with `cargo bench --bench matching`; prints p50/p99 per strategy.

use std::sync::Arc;
use std::time::{Duration, Instant};

use chrono::{TimeZone, Utc};
use rusqlite::params;
use whiskerworks::AppState;
use whiskerworks::clock::ManualClock;
use whiskerworks::config::Settings;
use whiskerworks::matching::service::{decide_for, match_order};

const WORKERS: i64 = 1_000;
const ORDERS: i64 = 10_000;
const DECISIONS: usize = 300;

fn seed(state: &AppState) -> anyhow::Result<()> {
    let now = Utc.with_ymd_and_hms(2026, 3, 2, 6, 0, 0).unwrap();
    whiskerworks::ops::demo::load_services(&mut *state.pool.get()?, now)?;
    // Seeded in bulk on a connection of its own, beside the app's writer.
    let mut conn =
        rusqlite::Connection::open(whiskerworks::db::db_path(&state.settings().data_dir))?;
    let tx = conn.transaction()?;
    tx.execute(
        "INSERT INTO users (email, name, password_hash, role, created_at) VALUES ('c@bench', 'Client', 'x', 'client', ?1)",
        [now],
    )?;
    let client = tx.last_insert_rowid();
    tx.execute("INSERT INTO client_addresses (client_id, label, address, is_default, created_at) VALUES (?1, 'H', 'A', 1, ?2)", params![client, now])?;
    let address = tx.last_insert_rowid();
    for i in 0..WORKERS {
        tx.execute(
            "INSERT INTO users (email, name, password_hash, role, created_at) VALUES (?1, ?2, 'x', 'worker', ?3)",
            params![format!("w{i}@bench"), format!("Worker {i}"), now],
        )?;
        let id = tx.last_insert_rowid();
        tx.execute(
            "INSERT INTO worker_profiles (user_id, on_duty) VALUES (?1, ?2)",
            params![id, i % 10 != 0],
        )?;
        for skill in ["cleaning", "windows", "pest"]
            .iter()
            .take(1 + (i % 3) as usize)
        {
            tx.execute(
                "INSERT INTO worker_skills (user_id, skill) VALUES (?1, ?2)",
                params![id, skill],
            )?;
        }
        for day in 1..=7 {
            if (i + day) % 7 != 0 {
                tx.execute("INSERT INTO worker_hours (user_id, weekday, start_minute, end_minute) VALUES (?1, ?2, 480, 1260)", params![id, day])?;
            }
        }
    }
    let quote = r#"{"lines":[],"total_minor":450000}"#;
    for i in 0..ORDERS {
        // Open orders over the next 60 days, 09:00–17:00 Moscow time.
        let at = Utc.with_ymd_and_hms(2026, 3, 3, 6, 0, 0).unwrap()
            + chrono::Duration::days(i % 60)
            + chrono::Duration::minutes((i % 32) * 15);
        tx.execute(
            "INSERT INTO orders (client_id, service_id, address_id, address_text, scheduled_at, duration_minutes, ends_at,
                 status, currency, quote_json, total_minor, created_at, updated_at)
             VALUES (?1, ?2, ?3, 'A', ?4, 120, ?5, 'new', 'RUB', ?6, 450000, ?7, ?7)",
            params![client, 1 + i % 3, address, at, at + chrono::Duration::minutes(120), quote, now],
        )?;
    }
    tx.commit()?;
    Ok(())
}

fn percentile(sorted: &[Duration], p: f64) -> Duration {
    sorted[((sorted.len() as f64 - 1.0) * p).round() as usize]
}

fn main() -> anyhow::Result<()> {
    for strategy in ["random", "score"] {
        let dir = tempfile::tempdir()?;
        let mut settings = Settings::defaults(dir.path());
        settings.jobs = false;
        let clock = ManualClock::new(Utc.with_ymd_and_hms(2026, 3, 2, 6, 0, 0).unwrap());
        let state = AppState::open(settings, Arc::new(clock.clone()))?;
        seed(&state)?;
        let mut conn = state.pool.get()?;
        whiskerworks::db::write_tx(&mut conn, |tx| {
            tx.execute("UPDATE matching_settings SET strategy = ?1", [strategy])
        })?;
        let ms = whiskerworks::matching::store::settings(&conn)?;
        let (mut deciding, mut committing) =
            (Vec::with_capacity(DECISIONS), Vec::with_capacity(DECISIONS));
        for n in 1..=DECISIONS as i64 {
            let order_id = n * 7;
            // The decision alone: candidate facts for every worker, eligibility, strategy.
            let order = whiskerworks::orders::store::order(&conn, order_id)?.expect("seeded");
            let t = Instant::now();
            decide_for(&conn, &state.settings(), &ms, &order, n as u64)
                .map_err(|e| anyhow::anyhow!("{e:?}"))?;
            deciding.push(t.elapsed());
            // The whole step: decision record, offer, notification, durable commit (fsync).
            let t = Instant::now();
            let hooks = whiskerworks::wiring::order_hooks();
            match_order(
                &mut conn,
                &state.settings(),
                &hooks,
                clock.now_utc(),
                order_id,
            )
            .map_err(|e| anyhow::anyhow!("{e:?}"))?;
            committing.push(t.elapsed());
        }
        deciding.sort();
        committing.sort();
        let offered: i64 = conn.query_row("SELECT COUNT(*) FROM order_offers", [], |r| r.get(0))?;
        println!(
            "{strategy:<7} {WORKERS} workers / {ORDERS} open orders, {DECISIONS} decisions, {offered} offers made"
        );
        println!(
            "        decision only          p50 {:>8.2?}  p99 {:>8.2?}",
            percentile(&deciding, 0.5),
            percentile(&deciding, 0.99)
        );
        println!(
            "        decide + offer + fsync p50 {:>8.2?}  p99 {:>8.2?}",
            percentile(&committing, 0.5),
            percentile(&committing, 0.99)
        );
    }
    Ok(())
}
