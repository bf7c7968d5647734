//! Who copies the write-ahead log back into the database (the app or Litestream), and the
//! app's background checkpoint, outside any request.

use std::path::Path;

use rusqlite::Connection;

use super::Pool;

/// Who checkpoints: copies the write-ahead log back into the database file and starts the
/// log over.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Checkpoints {
    /// The app: the background checkpoint (`keep_wal_short`) and SQLite's automatic one.
    App,
    /// Litestream, replicating the database: it reads every frame from the log before its own
    /// checkpoint lets the log start over. A checkpoint by the app can start the log over
    /// behind its back, which costs a full snapshot of the database to the replica.
    Litestream,
}

impl Checkpoints {
    /// From the `litestream` setting.
    pub fn owner(litestream: bool) -> Checkpoints {
        if litestream {
            Checkpoints::Litestream
        } else {
            Checkpoints::App
        }
    }

    /// Pragmas of a connection that writes: with Litestream, no automatic checkpoint after a
    /// commit (SQLite's default runs one each time the log passes 1,000 pages).
    pub fn configure(self, conn: &Connection) -> rusqlite::Result<()> {
        match self {
            Checkpoints::App => Ok(()),
            Checkpoints::Litestream => conn.pragma_update(None, "wal_autocheckpoint", 0),
        }
    }
}

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

    /// Bytes in the log after 1,500 pages written by the writer in 150 commits.
    fn log_after_many_commits(owner: Checkpoints) -> u64 {
        let dir = tempfile::tempdir().unwrap();
        let pool = crate::db::open_counting(dir.path(), owner).unwrap().0;
        let mut conn = pool.get().unwrap();
        crate::db::write_tx(&mut conn, |tx| tx.execute_batch("CREATE TABLE t (x BLOB)")).unwrap();
        for _ in 0..150 {
            crate::db::write_tx(&mut conn, |tx| {
                tx.execute_batch(&"INSERT INTO t VALUES (zeroblob(3000));".repeat(10))
            })
            .unwrap();
        }
        let log = format!("{}-wal", crate::db::db_path(dir.path()).display());
        std::fs::metadata(log).unwrap().len()
    }

    #[test]
    fn with_litestream_the_writer_never_checkpoints_after_a_commit() {
        let app = log_after_many_commits(Checkpoints::App);
        let litestream = log_after_many_commits(Checkpoints::Litestream);

        // SQLite's own checkpoint started the log over at 1,000 pages (4 MB); left to
        // Litestream, the log keeps every frame until Litestream has read it.
        assert!(app < 5_000_000, "the app's log: {app} bytes");
        assert!(
            litestream > 6_000_000,
            "Litestream's log: {litestream} bytes"
        );
    }

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
