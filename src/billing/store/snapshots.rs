//! Daily balance snapshots (`balance_snapshots`) and the day's per-worker earnings read
//! from `payout_items`.

use chrono::{DateTime, Utc};
use rusqlite::{Connection, params};

use crate::billing::model::Kind;

pub fn exists(conn: &Connection, day: &str) -> rusqlite::Result<bool> {
    conn.query_row(
        "SELECT EXISTS (SELECT 1 FROM balance_snapshots WHERE day = ?1) AS found",
        [day],
        |r| r.get("found"),
    )
}

/// Snapshots every account for `day` from `prev`'s snapshot plus the entries in
/// `(since, cutoff]`; returns how many accounts were written.
pub fn from_previous(
    conn: &Connection,
    day: &str,
    prev: &str,
    since: DateTime<Utc>,
    cutoff: DateTime<Utc>,
) -> rusqlite::Result<usize> {
    conn.execute(
        "INSERT OR IGNORE INTO balance_snapshots (day, account, balance_minor)
         SELECT ?1, account, SUM(amount) FROM (
             SELECT account, balance_minor AS amount FROM balance_snapshots WHERE day = ?2
             UNION ALL
             SELECT e.account, e.amount_minor FROM ledger_transactions t
             JOIN ledger_entries e ON e.transaction_id = t.id
             WHERE t.created_at > ?3 AND t.created_at <= ?4)
         GROUP BY account",
        params![day, prev, since, cutoff],
    )
}

/// Snapshots every account for `day` from the whole history up to `cutoff` (the first run).
pub fn from_history(
    conn: &Connection,
    day: &str,
    cutoff: DateTime<Utc>,
) -> rusqlite::Result<usize> {
    conn.execute(
        "INSERT OR IGNORE INTO balance_snapshots (day, account, balance_minor)
         SELECT ?1, e.account, SUM(e.amount_minor) FROM ledger_transactions t
         JOIN ledger_entries e ON e.transaction_id = t.id
         WHERE t.created_at <= ?2 GROUP BY e.account",
        params![day, cutoff],
    )
}

/// One worker's day: earned, fined, bonuses, and what they are owed after it.
pub struct WorkerDay {
    pub worker_id: i64,
    pub earned: i64,
    pub fines: i64,
    pub bonuses: i64,
    pub owed: i64,
}

/// Workers with items in `(since, cutoff]`, with the day's sums and `day`'s snapshot.
pub fn worker_days(
    conn: &Connection,
    since: DateTime<Utc>,
    cutoff: DateTime<Utc>,
    day: &str,
) -> rusqlite::Result<Vec<WorkerDay>> {
    let mut stmt = conn.prepare_cached(
        "SELECT it.worker_id,
                SUM(CASE WHEN it.kind = ?4 THEN it.amount_minor ELSE 0 END) AS earned,
                -SUM(CASE WHEN it.kind = ?5 THEN it.amount_minor ELSE 0 END) AS fines,
                SUM(CASE WHEN it.kind = ?6 THEN it.amount_minor ELSE 0 END) AS bonuses,
                COALESCE((SELECT -s.balance_minor FROM balance_snapshots s
                          WHERE s.day = ?3 AND s.account = 'worker:' || it.worker_id), 0) AS owed
         FROM payout_items it WHERE it.created_at > ?1 AND it.created_at <= ?2
         GROUP BY it.worker_id",
    )?;
    stmt.query_map(
        params![
            since,
            cutoff,
            day,
            Kind::OrderCompleted,
            Kind::Fine,
            Kind::Bonus
        ],
        |r| {
            Ok(WorkerDay {
                worker_id: r.get("worker_id")?,
                earned: r.get("earned")?,
                fines: r.get("fines")?,
                bonuses: r.get("bonuses")?,
                owed: r.get("owed")?,
            })
        },
    )?
    .collect()
}
