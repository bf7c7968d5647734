//! The schema's migrations: every `migrations/*.sql` file, embedded by the build script and
//! applied in file-name order, each recorded by name in `schema_migrations`.

use anyhow::Context;
use rusqlite::{Connection, TransactionBehavior};

// `MIGRATIONS: &[(name, sql)]`, one entry per file, in file-name order. Never edit one that
// has shipped: add a new file.
include!(concat!(env!("OUT_DIR"), "/migrations.rs"));

/// The record of what has been applied: one row per migration, by name, in the order applied.
/// SQLite keeps this text as the table's schema: it stays byte for byte what existing
/// databases were made with, so their schema and a fresh one's compare equal.
const RECORDS: &str = "CREATE TABLE IF NOT EXISTS schema_migrations (\n             \
    name TEXT PRIMARY KEY, applied_at TEXT NOT NULL DEFAULT CURRENT_TIMESTAMP)";

/// Applies every embedded migration not yet recorded in `schema_migrations`, each in its own
/// immediate transaction, in file-name order. A database is upgraded by name, not by
/// position: one that recorded some migrations out of this order gets only the ones it lacks.
pub fn migrate(conn: &mut Connection) -> anyhow::Result<Vec<&'static str>> {
    conn.execute_batch(RECORDS)?;
    let mut applied_now = Vec::new();
    for (name, sql) in MIGRATIONS {
        let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
        if !is_applied(&tx, name)? {
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
        if !is_applied(conn, name)? {
            missing.push(*name);
        }
    }
    Ok(missing)
}

fn is_applied(conn: &Connection, name: &str) -> rusqlite::Result<bool> {
    conn.query_row(
        "SELECT EXISTS (SELECT 1 FROM schema_migrations WHERE name = ?1)",
        [name],
        |r| r.get(0),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The schema as SQLite keeps it, without its internal rows.
    fn schema(conn: &Connection) -> Vec<(String, String, String, Option<String>)> {
        let mut stmt = conn
            .prepare(
                "SELECT type, name, tbl_name, sql FROM sqlite_master
                 WHERE name NOT LIKE 'sqlite_%' ORDER BY type, name",
            )
            .unwrap();
        stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)))
            .unwrap()
            .collect::<Result<_, _>>()
            .unwrap()
    }

    /// An empty database with the pragma the app's connections have (table rebuilds in
    /// migrations behave differently without it).
    fn empty() -> Connection {
        let conn = Connection::open_in_memory().unwrap();
        conn.pragma_update(None, "foreign_keys", true).unwrap();
        conn
    }

    fn fresh() -> Connection {
        let mut conn = empty();
        migrate(&mut conn).unwrap();
        conn
    }

    #[test]
    fn migrations_apply_once_and_are_recorded() {
        let dir = tempfile::tempdir().unwrap();
        drop(crate::db::open(dir.path()).unwrap());
        // The pool's connections only read: a connection of its own, as the writer has.
        let mut conn = Connection::open(crate::db::db_path(dir.path())).unwrap();
        assert!(
            migrate(&mut conn).unwrap().is_empty(),
            "second run applies nothing"
        );
        assert!(missing_migrations(&conn).unwrap().is_empty());
    }

    /// Databases made before the runner went by file name recorded 0028–0030 before
    /// 0024–0027, and main once shipped 0028–0030 without 0024–0027. Whichever of those
    /// states a database is in, upgrading it gives the schema a fresh database gets.
    #[test]
    fn a_database_migrated_in_the_former_order_upgrades_to_the_fresh_schema() {
        let former_first = [
            "0028_bets_fair_play",
            "0029_qc_order_states",
            "0030_archive_views",
        ];
        let mut conn = empty();
        conn.execute_batch(RECORDS).unwrap();
        let before: Vec<&(&str, &str)> = MIGRATIONS
            .iter()
            .filter(|(name, _)| *name < "0024" || former_first.contains(name))
            .collect();
        for (name, sql) in before {
            conn.execute_batch(sql).unwrap();
            conn.execute("INSERT INTO schema_migrations (name) VALUES (?1)", [name])
                .unwrap();
        }

        let applied = migrate(&mut conn).unwrap();

        assert_eq!(
            applied[..4],
            [
                "0024_recertification",
                "0025_default_screening",
                "0026_withdrawal_reviews",
                "0027_job_board_phone_returns"
            ]
        );
        assert!(applied.iter().all(|name| !former_first.contains(name)));
        assert_eq!(schema(&conn), schema(&fresh()));
    }
}
