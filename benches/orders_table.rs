//! Benchmark: the managers' orders table over 100,000 orders, through real HTTP.
//! Run with `cargo bench --bench orders_table`; prints p50/p99 per page.

mod common;

use std::sync::Arc;
use std::time::Instant;

use chrono::{TimeZone, Utc};
use rusqlite::params;
use whiskerworks::clock::SystemClock;
use whiskerworks::config::Settings;
use whiskerworks::{AppState, Application};

const ORDERS: i64 = 100_000;
const RUNS: usize = 200;

fn seed(state: &AppState) -> anyhow::Result<()> {
    whiskerworks::ops::demo::load(state, &whiskerworks::wiring::gateway(&state.settings()))?;
    // Seeded in bulk on a connection of its own, beside the app's writer.
    let mut conn =
        rusqlite::Connection::open(whiskerworks::db::db_path(&state.settings().data_dir))?;
    let tx = conn.transaction()?;
    let hash: String = tx.query_row("SELECT password_hash FROM users LIMIT 1", [], |r| r.get(0))?;
    let now = Utc::now();
    for i in 0..1_000 {
        tx.execute(
            "INSERT INTO users (email, name, password_hash, role, created_at) VALUES (?1, ?2, ?3, 'client', ?4)",
            params![format!("bench-{i}@example.com"), format!("Bench Client {i}"), hash, now],
        )?;
        tx.execute(
            "INSERT INTO client_addresses (client_id, label, address, is_default, created_at) VALUES (?1, 'Home', ?2, 1, ?3)",
            params![tx.last_insert_rowid(), format!("{i} Bench St"), now],
        )?;
    }
    let statuses = [
        "new",
        "assigned",
        "completed",
        "completed",
        "completed",
        "cancelled",
    ];
    let start = Utc.with_ymd_and_hms(2021, 1, 1, 9, 0, 0).unwrap();
    let mut insert = tx.prepare(
        "INSERT INTO orders (client_id, service_id, address_id, address_text, scheduled_at, duration_minutes, ends_at,
             status, currency, quote_json, total_minor, created_at, updated_at)
         SELECT a.client_id, ?2, a.id, a.address, ?3, 120, ?4, ?5, 'RUB', ?6, 450000, ?3, ?3
         FROM client_addresses a WHERE a.id = ?1",
    )?;
    let quote = r#"{"lines":[{"kind":"base","label_en":"Deep cleaning","label_ru":"Генеральная уборка","amount_minor":450000}],"total_minor":450000}"#;
    for i in 0..ORDERS {
        // Five years of history, about 55 orders a day.
        let at = start + chrono::Duration::minutes(i * 26);
        insert.execute(params![
            1 + i % 1_000 + 1,
            1 + i % 3,
            at,
            at + chrono::Duration::minutes(120),
            statuses[(i % 6) as usize],
            quote
        ])?;
    }
    drop(insert);
    tx.commit()?;
    Ok(())
}

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    let dir = tempfile::tempdir()?;
    let mut settings = Settings::defaults(dir.path());
    settings.bind = "127.0.0.1:0".parse()?;
    settings.jobs = false;
    let state = AppState::open(settings.clone(), Arc::new(SystemClock))?;
    let t = Instant::now();
    seed(&state)?;
    println!("seeded {ORDERS} orders in {:.1?}", t.elapsed());
    let app = Application::build(settings).await?;
    let base = format!("http://127.0.0.1:{}", app.port());
    tokio::spawn(app.run_until_stopped());

    let client = common::demo_manager(&base).await?;

    let last_page = (ORDERS + 24) / 25;
    for (name, url) in [
        ("first page", format!("{base}/manage/orders")),
        (
            "last page",
            format!("{base}/manage/orders?page={last_page}"),
        ),
        (
            "filtered: completed, first page",
            format!("{base}/manage/orders?status=completed"),
        ),
        (
            "search by client",
            format!("{base}/manage/orders?client=Bench+Client+42"),
        ),
    ] {
        let (p50, p99) = common::measure(&client, &url, RUNS).await;
        println!(
            "{name:<34} p50 {:>8.2?}  p99 {:>8.2?}  ({RUNS} requests)",
            p50, p99
        );
    }
    Ok(())
}
