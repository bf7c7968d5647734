//! The background checkpoint: the write-ahead log copied back into the database outside any
//! request.

use super::{Pool, gate};

/// Copies the write-ahead log back into the database in the background, without waiting
/// for readers or writers (a passive checkpoint), each time writers of this process have
/// committed a few dozen times (`gate`). Otherwise SQLite does it inside whichever commit
/// takes the log past 1,000 pages: that request copies 4 MB and syncs it while every writer
/// behind it waits.
pub async fn keep_wal_short(pool: Pool) {
    // The file's name as SQLite gives it, as writers queue under it (`write_tx`).
    let named = pool.clone();
    let database = tokio::task::spawn_blocking(move || -> Option<String> {
        Some(named.get().ok()?.path()?.to_string())
    })
    .await;
    let Ok(Some(database)) = database else {
        tracing::warn!("no background checkpoint: the database has no file name");
        return;
    };
    loop {
        gate::checkpoint_due(&database).await;
        let pool = pool.clone();
        let done = tokio::task::spawn_blocking(move || checkpoint(&pool)).await;
        if let Ok(Err(error)) = done {
            tracing::debug!(%error, "background checkpoint did not run");
        }
    }
}

/// One passive checkpoint: the log's pages, and how many of them are now in the database.
fn checkpoint(pool: &Pool) -> anyhow::Result<(i64, i64)> {
    Ok(pool
        .get()?
        .query_row("PRAGMA wal_checkpoint(PASSIVE)", [], |r| {
            Ok((r.get(1)?, r.get(2)?))
        })?)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_checkpoint_copies_the_whole_log_back() {
        let dir = tempfile::tempdir().unwrap();
        let pool = crate::db::open(dir.path()).unwrap();
        pool.get()
            .unwrap()
            .execute_batch("CREATE TABLE t (x); INSERT INTO t VALUES (1), (2);")
            .unwrap();
        let (log, copied) = checkpoint(&pool).unwrap();
        assert!(log > 0);
        assert_eq!(copied, log);
    }
}
