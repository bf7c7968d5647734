//! The jobs queue's own sqlx pool on the database file, and the check that keeps one of its
//! connections from holding SQLite's write lock after SQLite ended a transaction by itself.
//!
//! On a full disk (or an I/O error) SQLite rolls a transaction back on its own. sqlx does not
//! notice: its later `ROLLBACK` fails, so it still counts the connection as inside a
//! transaction. Its next `begin` on that connection then says `SAVEPOINT` (which opens a
//! real transaction), and a rollback of that one says `ROLLBACK TO` (which does not end it).
//! The connection goes back to the pool still holding the write lock, and every other
//! writer, the app's own included, is refused with "database is locked" until the process
//! restarts. So a connection coming back to the pool is checked, and closed when it is (or
//! sqlx thinks it is) still inside a transaction.

use std::time::Duration;

use sqlx::Connection;
use sqlx::sqlite::{
    SqliteConnectOptions, SqliteConnection, SqliteJournalMode, SqlitePoolOptions, SqliteSynchronous,
};

/// How long the queue's connections wait for the write lock.
const BUSY_TIMEOUT: Duration = Duration::from_secs(8);

/// The options of every queue connection on `path`.
pub fn options(path: &std::path::Path) -> SqliteConnectOptions {
    SqliteConnectOptions::new()
        .filename(path)
        .journal_mode(SqliteJournalMode::Wal)
        .synchronous(SqliteSynchronous::Full)
        .foreign_keys(true)
        .busy_timeout(BUSY_TIMEOUT)
}

/// The queue's pool of `size` connections, each checked when it comes back (see the module
/// doc).
pub async fn open(options: SqliteConnectOptions, size: u32) -> sqlx::Result<sqlx::SqlitePool> {
    SqlitePoolOptions::new()
        .max_connections(size)
        .after_release(|conn, _| Box::pin(async move { Ok(fit_to_reuse(conn).await) }))
        .connect_with(options)
        .await
}

/// Whether a connection handed back is outside any transaction, in SQLite's eyes and in
/// sqlx's. A `ROLLBACK` that succeeds found a transaction left open, now ended; one that
/// fails found none. It runs after any rollback sqlx queued on the connection, so sqlx's
/// count is settled by then.
async fn fit_to_reuse(conn: &mut SqliteConnection) -> bool {
    let was_open = sqlx::raw_sql("ROLLBACK").execute(&mut *conn).await.is_ok();
    let fit = !was_open && !conn.is_in_transaction();
    if !fit {
        tracing::warn!(
            "a jobs queue connection came back inside a transaction (SQLite may have rolled one back on a full disk); closing it"
        );
    }
    fit
}

#[cfg(test)]
mod tests {
    use super::*;

    /// What a full disk does to a queue connection, without filling a disk: SQLite ends the
    /// transaction under sqlx (here an explicit `ROLLBACK` sqlx does not see).
    async fn transaction_ended_under_sqlx(pool: &sqlx::SqlitePool) {
        let mut tx = pool.begin().await.unwrap();
        sqlx::query("INSERT INTO t (x) VALUES (1)")
            .execute(&mut *tx)
            .await
            .unwrap();
        sqlx::raw_sql("ROLLBACK").execute(&mut *tx).await.unwrap();
        drop(tx);
    }

    #[tokio::test]
    async fn a_queue_connection_never_keeps_the_write_lock_after_sqlite_ended_its_transaction() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("queue.db");
        let pool = open(options(&path).create_if_missing(true), 1)
            .await
            .unwrap();
        sqlx::raw_sql("CREATE TABLE t (x INTEGER)")
            .execute(&pool)
            .await
            .unwrap();
        transaction_ended_under_sqlx(&pool).await;
        // A later transaction that is rolled back (a push that failed, say).
        let mut tx = pool.begin().await.unwrap();
        sqlx::query("INSERT INTO t (x) VALUES (2)")
            .execute(&mut *tx)
            .await
            .unwrap();
        drop(tx);
        // The pool's one connection is back, idle: another writer must get the lock at once.
        pool.acquire().await.unwrap();
        let other = rusqlite::Connection::open(&path).unwrap();
        other.busy_timeout(Duration::from_millis(200)).unwrap();
        other
            .execute_batch("BEGIN IMMEDIATE; INSERT INTO t (x) VALUES (3); COMMIT;")
            .expect("the write lock is free");
        let mut tx = pool.begin().await.unwrap();
        sqlx::query("INSERT INTO t (x) VALUES (4)")
            .execute(&mut *tx)
            .await
            .unwrap();
        tx.commit().await.unwrap();
        let rows: Vec<i64> = sqlx::query_scalar("SELECT x FROM t ORDER BY x")
            .fetch_all(&pool)
            .await
            .unwrap();
        assert_eq!(rows, [3, 4]);
    }
}
