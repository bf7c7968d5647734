//! The one SQLite database: its writer, the read-only pool, per-connection pragmas,
//! embedded migrations and the `write_tx` helper every write goes through.

use std::path::{Path, PathBuf};
use std::time::Duration;

use anyhow::{Context, bail};
use rusqlite::Connection;

pub mod backup;
mod busy;
mod checkpoint;
mod instant;
mod migrate;
mod pool;
mod reader;
mod statements;
mod tx;
mod writer;

pub use checkpoint::{Checkpoints, keep_wal_short};
pub use instant::RowInstant;
pub use migrate::{MIGRATIONS, migrate, missing_migrations};
pub use pool::{Conn, Manager, WriteAccess};
pub use reader::read_here;
pub use statements::{QueryRowCached, column};
pub use tx::WriteTx;
pub use writer::{Limits, Writer};

pub type Pool = r2d2::Pool<Manager>;
pub type PooledConn = r2d2::PooledConnection<Manager>;

/// File name of the database inside the data directory (fixed interface).
pub const DB_FILE: &str = "whiskerworks.db";

/// Features we rely on (STRICT-free but RETURNING, UPSERT, window functions) need 3.45+;
/// the bundled build is newer, this guards against a system library sneaking in.
const MIN_SQLITE_VERSION: i32 = 3_045_000;

/// Read-only connections at most: more than the writer's queue holds (`Limits::queue`), as a
/// write is made on a pooled connection and must reach the queue to be told when it is full.
/// Opened as needed, a few kept open when idle.
pub const POOL_SIZE: u32 = 64;
const POOL_IDLE: u32 = 8;

/// Blocking threads the web server runs at once, across its workers (`web_threads_per_worker`),
/// each holding at most one pooled connection: more than the writer's queue holds
/// (`Limits::queue`), so a write still reaches the queue to hear that it is full, and fewer
/// than the pool, which keeps the rest for the jobs (`JOB_THREADS`). Under load, requests
/// wait for a thread instead of each starting one (actix allows 512 by default) only to wait
/// for a connection there.
pub const WEB_THREADS: usize = 56;

/// Blocking threads of the runtime the jobs run on: the rest of the pool. A job holds one at
/// a time for each kind of job, one for a reconcile pass and a few for start-up.
pub const JOB_THREADS: usize = POOL_SIZE as usize - WEB_THREADS;

/// Each web worker's share of `WEB_THREADS` (actix gives every worker a pool of its own).
pub fn web_threads_per_worker(workers: usize) -> usize {
    (WEB_THREADS / workers.max(1)).max(1)
}

/// Prepared statements kept per connection: every query text the app has, with room to spare
/// for the few built from filters.
const STATEMENT_CACHE: usize = 512;

pub fn db_path(data_dir: &Path) -> PathBuf {
    data_dir.join(DB_FILE)
}

/// Free space under which the database's disk counts as full: below it SQLite soon refuses
/// writes, although one may still fit in the log's reused pages.
const MIN_FREE_BYTES: u64 = 1 << 20;

/// Whether the filesystem holding `data_dir` is (nearly) out of room for writes; `false`
/// when it cannot be told.
pub fn disk_full(data_dir: &Path) -> bool {
    rustix::fs::statvfs(data_dir)
        .is_ok_and(|s| s.f_bavail.saturating_mul(s.f_frsize) < MIN_FREE_BYTES)
}

/// Pragmas of the writer's connection. `synchronous=FULL` because money must survive a power
/// cut.
fn configure(conn: &mut Connection) -> rusqlite::Result<()> {
    conn.busy_handler(Some(busy::busy))?;
    // Every write reuses its statements instead of parsing and planning them again.
    conn.set_prepared_statement_cache_capacity(STATEMENT_CACHE);
    conn.execute_batch(
        "PRAGMA synchronous = FULL;
         PRAGMA foreign_keys = ON;
         PRAGMA temp_store = MEMORY;",
    )
}

/// Pragmas of the read-only connections (the pool's and the threads' own, `read_here`).
fn configure_reader(conn: &Connection) -> rusqlite::Result<()> {
    conn.busy_handler(Some(busy::busy))?;
    conn.set_prepared_statement_cache_capacity(STATEMENT_CACHE);
    conn.execute_batch("PRAGMA temp_store = MEMORY;")
}

/// Opens (creating if needed) the database file and applies pending migrations; the app
/// checkpoints.
pub fn open(data_dir: &Path) -> anyhow::Result<Pool> {
    Ok(open_counting(data_dir, Checkpoints::App)?.0)
}

/// `open`, with who checkpoints, and the count of connections checked out of the pool since.
pub fn open_counting(
    data_dir: &Path,
    checkpoints: Checkpoints,
) -> anyhow::Result<(Pool, std::sync::Arc<std::sync::atomic::AtomicU64>)> {
    std::fs::create_dir_all(data_dir)
        .with_context(|| format!("cannot create data directory {}", data_dir.display()))?;
    let path = db_path(data_dir);
    let mut conn = Connection::open(&path).context("cannot open the database")?;
    configure(&mut conn)?;
    checkpoints.configure(&conn)?;
    // WAL is a property of the file, switched before the readers open.
    conn.pragma_update(None, "journal_mode", "WAL")?;
    check_sqlite_version(&conn)?;
    migrate(&mut conn)?;
    let writer = Writer::new(conn, Limits::default());
    let events = crate::telemetry::PoolEvents::default();
    let checkouts = events.checkouts.clone();
    let pool = r2d2::Pool::builder()
        .max_size(POOL_SIZE)
        .min_idle(Some(POOL_IDLE))
        .connection_timeout(Duration::from_secs(10))
        .event_handler(Box::new(events))
        .build(Manager::new(path, writer))
        .context("cannot open the database")?;
    Ok((pool, checkouts))
}

fn check_sqlite_version(conn: &Connection) -> anyhow::Result<()> {
    let version: String = conn.query_row("SELECT sqlite_version()", [], |r| r.get(0))?;
    if rusqlite::version_number() < MIN_SQLITE_VERSION {
        bail!("SQLite {version} is too old: Whiskerworks needs 3.45 or newer");
    }
    Ok(())
}

/// Runs `f` as one write through the database's writer (see `db::writer`): in a savepoint
/// of a group's `BEGIN IMMEDIATE` transaction, returning once that group is durably
/// committed, after the effects `f` left on its `WriteTx` have run. A full write queue is an
/// error at once (`error::is_write_queue_full`). Taking the connection mutably keeps a write
/// from starting another on it.
pub fn write_tx<T, E, W>(conn: &mut W, f: impl FnOnce(&WriteTx) -> Result<T, E>) -> Result<T, E>
where
    E: From<rusqlite::Error>,
    W: WriteAccess + ?Sized,
{
    conn.writer().write(f)
}

/// Runs blocking database work on the blocking thread pool, never on the async executor.
pub async fn run<T, F>(pool: &Pool, f: F) -> Result<T, crate::error::AppError>
where
    T: Send + 'static,
    F: FnOnce(&mut Conn) -> Result<T, crate::error::AppError> + Send + 'static,
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
