//! The `generate` command: a history written on a connection without journal or syncs, then
//! the experiment's results job through the app's own pool, and what it made printed.

use crate::config::Settings;

/// Generates `years` at about `orders_per_day` into the empty database of the data folder.
pub fn generate(
    settings: &Settings,
    years: u32,
    orders_per_day: i64,
    seed: u64,
    workers: Option<i64>,
) -> anyhow::Result<()> {
    anyhow::ensure!(
        (1..=20).contains(&years),
        "--years must be between 1 and 20"
    );
    anyhow::ensure!(
        (1..=100_000).contains(&orders_per_day),
        "--orders-per-day must be between 1 and 100000"
    );
    anyhow::ensure!(
        workers.is_none_or(|n| (1..=100_000).contains(&n)),
        "--workers must be between 1 and 100000"
    );
    // Migrate through the pool, then write through a writer of our own on a connection
    // without a journal or syncs (a crash means generating again); switching the journal
    // needs it to be the only one open.
    drop(crate::db::open(&settings.data_dir)?);
    let conn = rusqlite::Connection::open(crate::db::db_path(&settings.data_dir))?;
    conn.pragma_update(None, "journal_mode", "OFF")?;
    conn.execute_batch("PRAGMA synchronous = OFF; PRAGMA cache_size = -2000000;")?;
    let mut writer = crate::db::Writer::new(conn, crate::db::Limits::default());
    let now = chrono::Utc::now();
    let tz = settings.time_zone;
    let plan = super::Plan {
        days: i64::from(years) * 365 + i64::from(years / 4),
        orders_per_day,
        seed,
        workers,
        today: crate::calendar::business_day(tz, now),
    };
    let done = super::run(&mut writer, tz, plan, now, &mut |line| println!("{line}"))?;
    drop(writer);
    rusqlite::Connection::open(crate::db::db_path(&settings.data_dir))?.pragma_update(
        None,
        "journal_mode",
        "WAL",
    )?;
    let pool = crate::db::open(&settings.data_dir)?;
    let experiment_secs =
        super::experiment_results(&mut *pool.get()?, settings, now, done.experiment_id)?;
    drop(pool);
    let size = std::fs::metadata(crate::db::db_path(&settings.data_dir))?.len();
    println!(
        "generated {} orders and {} ledger transactions in {:.0} s; rolled up {} days in {:.0} s; \
         experiment {} ({} orders) results in {:.1} s; database {:.2} GB",
        done.orders,
        done.ledger_transactions,
        done.insert_secs,
        done.days_rolled_up,
        done.rollup_secs,
        done.experiment_id,
        done.experiment_units,
        experiment_secs,
        size as f64 / 1e9
    );
    Ok(())
}
