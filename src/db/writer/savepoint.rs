//! One write's savepoint inside its group's transaction, and the group's `COMMIT`.

use std::panic::{AssertUnwindSafe, catch_unwind};
use std::thread;

use rusqlite::Connection;

use super::Failure;
use crate::db::tx::{Effects, WriteTx};

/// Runs `f` in a savepoint of the open transaction, keeping its changes only when it
/// returns `Ok`; its effects are kept only then too.
#[allow(clippy::type_complexity)]
pub(super) fn run_in_savepoint<T, E>(
    conn: &Connection,
    f: impl FnOnce(&WriteTx) -> Result<T, E>,
) -> (thread::Result<Result<T, E>>, Effects)
where
    E: From<rusqlite::Error>,
{
    if let Err(e) = conn
        .prepare_cached("SAVEPOINT write")
        .and_then(|mut s| s.execute([]))
    {
        return (Ok(Err(e.into())), Effects::default());
    }
    let tx = WriteTx::new(conn);
    let mut ran = catch_unwind(AssertUnwindSafe(|| f(&tx)));
    if matches!(ran, Ok(Ok(_))) {
        if let Err(e) = conn
            .prepare_cached("RELEASE write")
            .and_then(|mut s| s.execute([]))
        {
            ran = Ok(Err(e.into()));
        } else {
            return (ran, tx.into_effects());
        }
    }
    // When SQLite has dropped the transaction already there is no savepoint left to undo.
    let _ = conn.execute_batch("ROLLBACK TO write; RELEASE write");
    (ran, Effects::default())
}

/// Commits the group's transaction; a refused `COMMIT` rolls it back.
pub(super) fn commit(conn: &Connection) -> Result<(), Failure> {
    match conn
        .prepare_cached("COMMIT")
        .and_then(|mut s| s.execute([]))
    {
        Ok(_) => Ok(()),
        Err(e) => {
            if !conn.is_autocommit() {
                let _ = conn.execute_batch("ROLLBACK");
            }
            Err(Failure::of(&e))
        }
    }
}
