//! What other contexts may learn of the ledger without reading its tables.

use std::collections::BTreeMap;

use rusqlite::Connection;

// Read by quality.

/// For every ledger transaction whose idempotency key starts with `prefix`: the key, the
/// number of its rows joined with its workers' entries (one for a transaction with none),
/// and the sum of those entries' absolute amounts.
pub fn worker_totals_by_key(
    conn: &Connection,
    prefix: &str,
) -> rusqlite::Result<BTreeMap<String, (i64, i64)>> {
    let mut stmt = conn.prepare_cached(
        "SELECT t.idempotency_key AS key, COUNT(t.id) AS n,
                COALESCE(SUM(ABS(e.amount_minor)), 0) AS total
         FROM ledger_transactions t
         LEFT JOIN ledger_entries e ON e.transaction_id = t.id AND e.account LIKE 'worker:%'
         WHERE substr(t.idempotency_key, 1, length(?1)) = ?1
         GROUP BY t.idempotency_key",
    )?;
    stmt.query_map([prefix], |r| {
        Ok((r.get("key")?, (r.get("n")?, r.get("total")?)))
    })?
    .collect()
}
