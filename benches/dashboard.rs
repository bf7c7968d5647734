//! Benchmark: the manager dashboard through real HTTP for a month, a year and five years.
//! Point `WHISKERWORKS_BENCH_DATA_DIR` at a folder filled by `whiskerworks generate` (five
//! years at 10,000 orders a day is the target); without it, one year at 1,000 orders a day is
//! generated into a temporary folder. Prints p50/p99 per period, and again with the last two
//! days' rollups stale (computed live, as right after new orders arrive).
//! Run with `cargo bench --bench dashboard`.

mod common;

use std::time::Instant;

use chrono::{Datelike, Duration as Days, Utc};
use whiskerworks::Application;
use whiskerworks::reports::{model::period, store::rollup};

const RUNS: usize = 100;

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    let common::History {
        settings,
        state,
        dir,
        _temp,
    } = common::history(365, 1_000)?;
    let tz = settings.time_zone;
    let today = period::business_day(tz, Utc::now());
    let (orders, size) = {
        let conn = state.pool.get()?;
        // The highest id, not COUNT(*): counting 18 million rows reads the whole table.
        let orders: i64 =
            conn.query_row("SELECT COALESCE(MAX(id), 0) FROM orders", [], |r| r.get(0))?;
        (
            orders,
            std::fs::metadata(whiskerworks::db::db_path(&dir))?.len(),
        )
    };
    let t = Instant::now();
    let days = rollup::refresh(&mut *state.pool.get()?, tz)?;
    println!(
        "{orders} orders, database {:.2} GB; rollups brought up to date ({days} days) in {:.1?}",
        size as f64 / 1e9,
        t.elapsed()
    );
    let app = Application::build(settings).await?;
    let base = format!("http://127.0.0.1:{}", app.port());
    tokio::spawn(app.run_until_stopped());
    let client = common::demo_manager(&base).await?;

    let month_end = today.with_day(1).unwrap() - Days::days(1);
    let periods = [
        ("last month", month_end.with_day(1).unwrap(), month_end),
        ("last 30 days", today - Days::days(29), today),
        ("last 365 days", today - Days::days(364), today),
        ("last five years", today - Days::days(5 * 365), today),
    ];
    for stale in [false, true] {
        if stale {
            // New orders today and yesterday: those days are computed from the raw rows.
            whiskerworks::db::write_tx(&mut state.pool.get()?, |tx| {
                for day in [today, today - Days::days(1)] {
                    tx.execute(
                        "INSERT OR IGNORE INTO report_dirty_days (utc_day) VALUES (?1)",
                        [day.to_string()],
                    )?;
                }
                Ok::<_, rusqlite::Error>(())
            })?;
            println!("-- with today's and yesterday's rollups stale");
        }
        for (name, from, to) in &periods {
            let url = format!("{base}/manage?period=custom&from={from}&to={to}");
            let (p50, p99) = common::measure(&client, &url, RUNS).await;
            println!("{name:16} p50 {p50:>8.1?}  p99 {p99:>8.1?}  ({RUNS} requests)");
        }
    }
    Ok(())
}
