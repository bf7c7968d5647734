//! A read-only connection of this thread's own, for the short indexed reads every request
//! makes before its page (the session). Reading here, on the server's own thread, saves a
//! round trip to the blocking pool and a wait for a pooled connection; in WAL mode a reader
//! never waits for a writer, so the thread is held only for the read itself.

use std::cell::RefCell;
use std::collections::HashMap;
use std::path::{Path, PathBuf};

use rusqlite::{Connection, OpenFlags};

thread_local! {
    /// Per database file: tests run many apps, each on its own file, in one process.
    static READERS: RefCell<HashMap<PathBuf, Connection>> = RefCell::new(HashMap::new());
}

/// Runs `read` on this thread's read-only connection to `database`, opening it the first
/// time. Keep `read` to a few indexed lookups: it runs on the calling thread.
pub fn read_here<T>(
    database: &Path,
    read: impl FnOnce(&Connection) -> rusqlite::Result<T>,
) -> rusqlite::Result<T> {
    READERS.with(|readers| {
        let mut readers = readers.borrow_mut();
        let conn = match readers.get(database) {
            Some(conn) => conn,
            None => {
                let conn = Connection::open_with_flags(
                    database,
                    OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX,
                )?;
                super::configure_reader(&conn)?;
                readers.entry(database.to_path_buf()).or_insert(conn)
            }
        };
        read(conn)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_thread_reads_what_was_committed_on_its_own_connection() {
        let dir = tempfile::tempdir().unwrap();
        let pool = crate::db::open(dir.path()).unwrap();
        let path = crate::db::db_path(dir.path());
        let count = |c: &Connection| -> rusqlite::Result<i64> {
            c.query_row("SELECT COUNT(*) FROM users", [], |r| r.get(0))
        };
        assert_eq!(read_here(&path, count).unwrap(), 0);
        crate::db::write_tx(&mut pool.get().unwrap(), |tx| {
            tx.execute(
                "INSERT INTO users (email, name, password_hash, role, created_at)
                 VALUES ('a@x.io', 'A', 'x', 'client', '2026-01-01 00:00:00+00:00')",
                [],
            )
        })
        .unwrap();
        assert_eq!(read_here(&path, count).unwrap(), 1, "sees the commit");
        let refused = read_here(&path, |c| c.execute("DELETE FROM users", []));
        assert!(refused.is_err(), "and cannot write");
    }
}
