//! The one SQLite database: connection pool, per-connection pragmas, embedded migrations
//! and the `write_tx` helper every writer goes through.

use std::path::{Path, PathBuf};
use std::time::Duration;

use anyhow::{Context, bail};
use r2d2_sqlite::SqliteConnectionManager;
use rusqlite::{Connection, Transaction, TransactionBehavior};

pub mod backup;
mod checkpoint;
mod gate;
mod instant;
mod reader;
mod statements;

pub use checkpoint::keep_wal_short;
pub use instant::RowInstant;
pub use reader::read_here;
pub use statements::{QueryRowCached, column};

pub type Pool = r2d2::Pool<SqliteConnectionManager>;
pub type PooledConn = r2d2::PooledConnection<SqliteConnectionManager>;

/// File name of the database inside the data directory (fixed interface).
pub const DB_FILE: &str = "whiskerworks.db";

/// Features we rely on (STRICT-free but RETURNING, UPSERT, window functions) need 3.45+;
/// the bundled build is newer, this guards against a system library sneaking in.
const MIN_SQLITE_VERSION: i32 = 3_045_000;

/// Prepared statements kept per connection: every query text the app has, with room to spare
/// for the few built from filters.
const STATEMENT_CACHE: usize = 512;

/// Ordered, embedded migrations. Never edit one that has shipped: add a new file.
pub const MIGRATIONS: &[(&str, &str)] = &[
    (
        "0001_foundation",
        include_str!("../migrations/0001_foundation.sql"),
    ),
    ("0002_orders", include_str!("../migrations/0002_orders.sql")),
    (
        "0003_matching",
        include_str!("../migrations/0003_matching.sql"),
    ),
    ("0004_bets", include_str!("../migrations/0004_bets.sql")),
    (
        "0005_candidates",
        include_str!("../migrations/0005_candidates.sql"),
    ),
    (
        "0006_screening_tests",
        include_str!("../migrations/0006_screening_tests.sql"),
    ),
    (
        "0007_test_attempts",
        include_str!("../migrations/0007_test_attempts.sql"),
    ),
    (
        "0008_screening_policies",
        include_str!("../migrations/0008_screening_policies.sql"),
    ),
    ("0009_supply", include_str!("../migrations/0009_supply.sql")),
    ("0010_ledger", include_str!("../migrations/0010_ledger.sql")),
    (
        "0011_quality",
        include_str!("../migrations/0011_quality.sql"),
    ),
    (
        "0012_reports",
        include_str!("../migrations/0012_reports.sql"),
    ),
    (
        "0013_published_views",
        include_str!("../migrations/0013_published_views.sql"),
    ),
    (
        "0014_reporting_views",
        include_str!("../migrations/0014_reporting_views.sql"),
    ),
    (
        "0015_quotes_and_qc_views",
        include_str!("../migrations/0015_quotes_and_qc_views.sql"),
    ),
    (
        "0016_security",
        include_str!("../migrations/0016_security.sql"),
    ),
    (
        "0017_password_resets",
        include_str!("../migrations/0017_password_resets.sql"),
    ),
    (
        "0018_final_price",
        include_str!("../migrations/0018_final_price.sql"),
    ),
    (
        "0019_operations",
        include_str!("../migrations/0019_operations.sql"),
    ),
    (
        "0020_invitations",
        include_str!("../migrations/0020_invitations.sql"),
    ),
    (
        "0021_offline_reports",
        include_str!("../migrations/0021_offline_reports.sql"),
    ),
    (
        "0022_calendar_feeds",
        include_str!("../migrations/0022_calendar_feeds.sql"),
    ),
    (
        "0023_notification_args",
        include_str!("../migrations/0023_notification_args.sql"),
    ),
    (
        "0028_bets_fair_play",
        include_str!("../migrations/0028_bets_fair_play.sql"),
    ),
    (
        "0029_qc_order_states",
        include_str!("../migrations/0029_qc_order_states.sql"),
    ),
    (
        "0030_archive_views",
        include_str!("../migrations/0030_archive_views.sql"),
    ),
    // hiring: re-certification and screening that runs by itself
    (
        "0024_recertification",
        include_str!("../migrations/0024_recertification.sql"),
    ),
    (
        "0025_default_screening",
        include_str!("../migrations/0025_default_screening.sql"),
    ),
    // orders: withdrawals, the job board, the client's phone, kit returns
    (
        "0026_withdrawal_reviews",
        include_str!("../migrations/0026_withdrawal_reviews.sql"),
    ),
    (
        "0027_job_board_phone_returns",
        include_str!("../migrations/0027_job_board_phone_returns.sql"),
    ),
    (
        "0031_consumption_index",
        include_str!("../migrations/0031_consumption_index.sql"),
    ),
    (
        "0032_order_search_index",
        include_str!("../migrations/0032_order_search_index.sql"),
    ),
    (
        "0033_manager_page_indexes_and_counts",
        include_str!("../migrations/0033_manager_page_indexes_and_counts.sql"),
    ),
    (
        "0034_ledger_class_totals",
        include_str!("../migrations/0034_ledger_class_totals.sql"),
    ),
    (
        "0035_recovery_retirement",
        include_str!("../migrations/0035_recovery_retirement.sql"),
    ),
    (
        "0036_held_payouts",
        include_str!("../migrations/0036_held_payouts.sql"),
    ),
];

pub fn db_path(data_dir: &Path) -> PathBuf {
    data_dir.join(DB_FILE)
}

/// Pragmas every connection gets. `synchronous=FULL` because money must survive a power cut.
fn configure(conn: &mut Connection) -> rusqlite::Result<()> {
    conn.busy_handler(Some(gate::busy))?;
    // Every page reuses its statements instead of parsing and planning them again.
    conn.set_prepared_statement_cache_capacity(STATEMENT_CACHE);
    conn.execute_batch(
        "PRAGMA synchronous = FULL;
         PRAGMA foreign_keys = ON;
         PRAGMA temp_store = MEMORY;",
    )
}

/// Pragmas of the threads' own read-only connections (`read_here`).
fn configure_reader(conn: &Connection) -> rusqlite::Result<()> {
    conn.busy_handler(Some(gate::busy))?;
    conn.set_prepared_statement_cache_capacity(STATEMENT_CACHE);
    Ok(())
}

/// Opens (creating if needed) the database file and applies pending migrations.
pub fn open(data_dir: &Path) -> anyhow::Result<Pool> {
    Ok(open_counting(data_dir)?.0)
}

/// `open`, with the count of connections checked out of the pool since.
pub fn open_counting(
    data_dir: &Path,
) -> anyhow::Result<(Pool, std::sync::Arc<std::sync::atomic::AtomicU64>)> {
    std::fs::create_dir_all(data_dir)
        .with_context(|| format!("cannot create data directory {}", data_dir.display()))?;
    // WAL is a property of the file: switch it once, on one connection, before the pool opens
    // several at once (concurrent switches fail with "database is locked").
    let first = Connection::open(db_path(data_dir)).context("cannot open the database")?;
    first.busy_timeout(Duration::from_secs(8))?;
    first.pragma_update(None, "journal_mode", "WAL")?;
    drop(first);
    let manager = SqliteConnectionManager::file(db_path(data_dir)).with_init(configure);
    let events = crate::telemetry::PoolEvents::default();
    let checkouts = events.checkouts.clone();
    let pool = r2d2::Pool::builder()
        .max_size(8)
        .connection_timeout(Duration::from_secs(10))
        .event_handler(Box::new(events))
        .build(manager)
        .context("cannot open the database")?;
    let mut conn = pool.get()?;
    check_sqlite_version(&conn)?;
    migrate(&mut conn)?;
    drop(conn);
    Ok((pool, checkouts))
}

fn check_sqlite_version(conn: &Connection) -> anyhow::Result<()> {
    let version: String = conn.query_row("SELECT sqlite_version()", [], |r| r.get(0))?;
    if rusqlite::version_number() < MIN_SQLITE_VERSION {
        bail!("SQLite {version} is too old: Whiskerworks needs 3.45 or newer");
    }
    Ok(())
}

/// Applies every embedded migration not yet recorded in `schema_migrations`, each in its own
/// immediate transaction, in order.
pub fn migrate(conn: &mut Connection) -> anyhow::Result<Vec<&'static str>> {
    conn.execute_batch(
        "CREATE TABLE IF NOT EXISTS schema_migrations (
             name TEXT PRIMARY KEY, applied_at TEXT NOT NULL DEFAULT CURRENT_TIMESTAMP)",
    )?;
    let mut applied_now = Vec::new();
    for (name, sql) in MIGRATIONS {
        let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
        let done: bool = tx.query_row(
            "SELECT EXISTS (SELECT 1 FROM schema_migrations WHERE name = ?1)",
            [name],
            |r| r.get(0),
        )?;
        if !done {
            tx.execute_batch(sql)
                .with_context(|| format!("migration {name} failed"))?;
            tx.execute("INSERT INTO schema_migrations (name) VALUES (?1)", [name])?;
            applied_now.push(*name);
        }
        tx.commit()?;
    }
    Ok(applied_now)
}

/// Names of embedded migrations that the database has not recorded as applied.
pub fn missing_migrations(conn: &Connection) -> rusqlite::Result<Vec<&'static str>> {
    let mut missing = Vec::new();
    for (name, _) in MIGRATIONS {
        let done: bool = conn.query_row(
            "SELECT EXISTS (SELECT 1 FROM schema_migrations WHERE name = ?1)",
            [name],
            |r| r.get(0),
        )?;
        if !done {
            missing.push(*name);
        }
    }
    Ok(missing)
}

/// Runs `f` inside a `BEGIN IMMEDIATE` transaction: the write lock is taken up front, so a
/// writer waits for it instead of failing when a read would upgrade to a write. Writers of
/// this process queue for their turn first (`gate`).
pub fn write_tx<T, E>(
    conn: &mut Connection,
    f: impl FnOnce(&Transaction) -> Result<T, E>,
) -> Result<T, E>
where
    E: From<rusqlite::Error>,
{
    let turn = gate::take_turn(conn.path().unwrap_or_default());
    let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
    crate::live::begin();
    let value = match f(&tx) {
        Ok(value) => value,
        Err(e) => {
            crate::live::end(false, None);
            return Err(e);
        }
    };
    let database = tx.path().map(str::to_string);
    if let Err(e) = tx.commit() {
        crate::live::end(false, None);
        return Err(e.into());
    }
    turn.committed();
    // Committed: what it changed is told to the browsers watching (see `live`).
    crate::live::end(true, database.as_deref());
    Ok(value)
}

/// Runs blocking database work on the blocking thread pool, never on the async executor.
pub async fn run<T, F>(pool: &Pool, f: F) -> Result<T, crate::error::AppError>
where
    T: Send + 'static,
    F: FnOnce(&mut Connection) -> Result<T, crate::error::AppError> + Send + 'static,
{
    let pool = pool.clone();
    actix_web::web::block(move || {
        let mut conn = pool.get().map_err(anyhow::Error::from)?;
        f(&mut conn)
    })
    .await
    .map_err(|e| crate::error::AppError::Internal(anyhow::anyhow!(e)))?
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn migrations_apply_once_and_are_recorded() {
        let dir = tempfile::tempdir().unwrap();
        let pool = open(dir.path()).unwrap();
        let mut conn = pool.get().unwrap();
        assert!(
            migrate(&mut conn).unwrap().is_empty(),
            "second run applies nothing"
        );
        assert!(missing_migrations(&conn).unwrap().is_empty());
    }

    #[test]
    fn write_tx_rolls_back_on_error() {
        let dir = tempfile::tempdir().unwrap();
        let pool = open(dir.path()).unwrap();
        let mut conn = pool.get().unwrap();
        let result: Result<(), rusqlite::Error> = write_tx(&mut conn, |tx| {
            tx.execute(
                "INSERT INTO audit_log (at, action, subject) VALUES ('x', 'a', 's')",
                [],
            )?;
            Err(rusqlite::Error::InvalidQuery)
        });
        assert!(result.is_err());
        let n: i64 = conn
            .query_row("SELECT COUNT(*) FROM audit_log", [], |r| r.get(0))
            .unwrap();
        assert_eq!(n, 0);
    }
}
