//! Benchmark: one experiment's page through real HTTP on a big history, and the results job
//! that fills the snapshot the page reads. Point `WHISKERWORKS_BENCH_DATA_DIR` at a folder
//! filled by `whiskerworks generate` (five years at 1,000 orders a day, with its 90-day
//! matching experiment, is the target: p99 under 100 ms); without it, a year at 200 orders a
//! day is generated into a temporary folder. Prints the job's duration and p50/p99 of the
//! warm page as a manager. Run with `cargo bench --bench experiments`.

mod common;

use std::time::Instant;

use anyhow::Context;
use whiskerworks::Application;
use whiskerworks::experiments::model::DecisionKind;

const RUNS: usize = 200;
const JOB_RUNS: usize = 3;

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    let common::History {
        settings,
        state,
        dir,
        _temp,
    } = common::history(365, 200)?;
    let (id, orders, units) = {
        let conn = state.pool.get()?;
        let id = whiskerworks::experiments::store::running_for(&conn, DecisionKind::Matching)?
            .context("no running matching experiment: `generate` writes one")?;
        // The highest id, not COUNT(*): counting millions of rows reads the whole table.
        let orders: i64 =
            conn.query_row("SELECT COALESCE(MAX(id), 0) FROM orders", [], |r| r.get(0))?;
        let units: i64 = conn.query_row(
            "SELECT COUNT(*) FROM matching_assignments WHERE experiment_id = ?1",
            [id],
            |r| r.get(0),
        )?;
        (id, orders, units)
    };
    let size = std::fs::metadata(whiskerworks::db::db_path(&dir))?.len();
    println!(
        "{orders} orders, database {:.2} GB; experiment {id} with {units} orders",
        size as f64 / 1e9
    );
    let now = chrono::Utc::now();
    for run in 1..=JOB_RUNS {
        let secs = whiskerworks::ops::generate::experiment_results(
            &mut *state.pool.get()?,
            &settings,
            now,
            id,
        )?;
        println!("results job, run {run}: {:.0} ms", secs * 1e3);
    }
    let rows: i64 = state.pool.get()?.query_row(
        "SELECT COUNT(*) FROM experiment_results WHERE experiment_id = ?1",
        [id],
        |r| r.get(0),
    )?;

    let app = Application::build(settings).await?;
    let base = format!("http://127.0.0.1:{}", app.port());
    tokio::spawn(app.run_until_stopped());
    let client = common::demo_manager(&base).await?;
    let url = format!("{base}/manage/experiments/{id}");
    let t = Instant::now();
    let page = client.get(&url).send().await?;
    anyhow::ensure!(page.status().is_success(), "{url}: {}", page.status());
    let body = page.text().await?;
    println!(
        "first view {:.1?} ({} KB, {rows} snapshot rows)",
        t.elapsed(),
        body.len() / 1024
    );
    // Warm: the page's statements prepared and its pages of the file cached.
    common::measure(&client, &url, 20).await;
    let (p50, p99) = common::measure(&client, &url, RUNS).await;
    println!("experiment page  p50 {p50:>8.1?}  p99 {p99:>8.1?}  ({RUNS} requests, warm)");
    Ok(())
}
