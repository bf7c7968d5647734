//! The background checkpoint: the write-ahead log copied back into the database outside any
//! request.

use std::path::Path;

use rusqlite::Connection;

use super::Pool;

/// Copies the write-ahead log back into the database in the background, without waiting
/// for readers or writers (a passive checkpoint), each time the writer has committed a few
/// dozen writes. Otherwise SQLite does it inside whichever commit takes the log past 1,000
/// pages: that group copies 4 MB and syncs it while every writer behind it waits.
pub async fn keep_wal_short(pool: Pool) {
    // Checkpointing writes the database file, which the pool's read-only connections cannot:
    // it gets a connection of its own, with the writer's pragmas (`synchronous=FULL`, so a
    // checkpoint never leaves the file unsynchronised).
    let opened = tokio::task::spawn_blocking(move || -> anyhow::Result<_> {
        let conn = pool.get()?;
        let path = conn.path().map(Path::new).map(Path::to_path_buf);
        let path = path.ok_or_else(|| anyhow::anyhow!("the database has no file name"))?;
        let mut own = Connection::open(path)?;
        super::configure(&mut own)?;
        Ok((conn.writer().clone(), own))
    })
    .await;
    let (writer, mut conn) = match opened {
        Ok(Ok(opened)) => opened,
        Ok(Err(error)) => {
            tracing::warn!(%error, "no background checkpoint");
            return;
        }
        Err(error) => {
            tracing::warn!(%error, "no background checkpoint");
            return;
        }
    };
    loop {
        writer.checkpoint_due().await;
        let done = tokio::task::spawn_blocking(move || {
            let done = checkpoint(&conn);
            (conn, done)
        })
        .await;
        let Ok((back, done)) = done else {
            tracing::warn!("the background checkpoint stopped");
            return;
        };
        conn = back;
        if let Err(error) = done {
            tracing::debug!(%error, "background checkpoint did not run");
        }
    }
}

/// One passive checkpoint: the log's pages, and how many of them are now in the database.
fn checkpoint(conn: &Connection) -> rusqlite::Result<(i64, i64)> {
    conn.query_row("PRAGMA wal_checkpoint(PASSIVE)", [], |r| {
        Ok((r.get(1)?, r.get(2)?))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_checkpoint_copies_the_whole_log_back() {
        let dir = tempfile::tempdir().unwrap();
        let pool = crate::db::open(dir.path()).unwrap();
        crate::db::write_tx(&mut pool.get().unwrap(), |tx| {
            tx.execute_batch("CREATE TABLE t (x); INSERT INTO t VALUES (1), (2);")
        })
        .unwrap();
        let conn = Connection::open(crate::db::db_path(dir.path())).unwrap();
        let (log, copied) = checkpoint(&conn).unwrap();
        assert!(log > 0);
        assert_eq!(copied, log);
    }
}
