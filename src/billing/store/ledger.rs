//! The one writer of `ledger_transactions` and `ledger_entries`. A posting is idempotent by
//! its key: posting the same business event again returns the transaction already written.

use chrono::{DateTime, Utc};
use rusqlite::{Connection, OptionalExtension, params};

pub use crate::billing::model::Kind;
use crate::billing::model::{Account, check_balanced};
use crate::error::AppError;

pub struct Posting<'a> {
    pub kind: Kind,
    pub key: &'a str,
    pub reference: &'a str,
    pub actor_id: Option<i64>,
    pub memo: &'a str,
    pub entries: Vec<(Account, i64)>,
}

/// Writes `p` inside the caller's transaction and returns its id; when the key was posted
/// before, nothing is written and the earlier id comes back.
pub fn post(conn: &Connection, p: &Posting, now: DateTime<Utc>) -> Result<i64, AppError> {
    let amounts: Vec<i64> = p.entries.iter().map(|(_, a)| *a).collect();
    check_balanced(&amounts).map_err(|why| {
        AppError::Internal(anyhow::anyhow!("unbalanced posting {}: {why:?}", p.key))
    })?;
    if let Some(id) = transaction_by_key(conn, p.key)? {
        return Ok(id);
    }
    conn.execute(
        "INSERT INTO ledger_transactions (kind, idempotency_key, reference, actor_id, memo, created_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
        params![p.kind.as_str(), p.key, p.reference, p.actor_id, p.memo, now],
    )?;
    let id = conn.last_insert_rowid();
    let mut insert = conn.prepare_cached(
        "INSERT INTO ledger_entries (transaction_id, account, amount_minor) VALUES (?1, ?2, ?3)",
    )?;
    for (account, amount) in &p.entries {
        insert.execute(params![id, account.to_string(), amount])?;
        match account {
            Account::Client(client) if p.kind.invoiced() => {
                conn.prepare_cached(
                    "INSERT INTO invoice_items (transaction_id, client_id, amount_minor, created_at)
                     VALUES (?1, ?2, ?3, ?4)",
                )?
                .execute(params![id, client, amount, now])?;
            }
            // A worker's entries are negative when we owe them: the item is what they get.
            Account::Worker(worker) if p.kind.paid_out() => {
                conn.prepare_cached(
                    "INSERT INTO payout_items (transaction_id, worker_id, kind, amount_minor, created_at)
                     VALUES (?1, ?2, ?3, ?4, ?5)",
                )?
                .execute(params![id, worker, p.kind.as_str(), -amount, now])?;
            }
            _ => {}
        }
    }
    Ok(id)
}

pub fn transaction_by_key(conn: &Connection, key: &str) -> rusqlite::Result<Option<i64>> {
    conn.query_row(
        "SELECT id FROM ledger_transactions WHERE idempotency_key = ?1",
        [key],
        |r| r.get("id"),
    )
    .optional()
}

/// An account's balance: the sum of its entries.
pub fn balance(conn: &Connection, account: &Account) -> rusqlite::Result<i64> {
    conn.query_row(
        "SELECT COALESCE(SUM(amount_minor), 0) AS balance FROM ledger_entries WHERE account = ?1",
        [account.to_string()],
        |r| r.get("balance"),
    )
}

/// An account's balance just before `at`: the sum of its entries of earlier transactions.
pub fn balance_before(
    conn: &Connection,
    account: &Account,
    at: chrono::DateTime<chrono::Utc>,
) -> rusqlite::Result<i64> {
    conn.query_row(
        "SELECT COALESCE(SUM(e.amount_minor), 0) AS balance FROM ledger_entries e
         JOIN ledger_transactions t ON t.id = e.transaction_id
         WHERE e.account = ?1 AND t.created_at < ?2",
        rusqlite::params![account.to_string(), at],
        |r| r.get("balance"),
    )
}

/// The ledger's part of `check`: every transaction has two or more entries summing to zero.
pub fn problems(conn: &Connection) -> rusqlite::Result<Vec<String>> {
    let mut stmt = conn.prepare_cached(
        "SELECT t.id, t.idempotency_key, COUNT(e.id) AS n, COALESCE(SUM(e.amount_minor), 0) AS total
         FROM ledger_transactions t LEFT JOIN ledger_entries e ON e.transaction_id = t.id
         GROUP BY t.id HAVING COUNT(e.id) < 2 OR COALESCE(SUM(e.amount_minor), 0) <> 0",
    )?;
    let rows = stmt.query_map([], |r| {
        let (id, key, n, sum): (i64, String, i64, i64) = (
            r.get("id")?,
            r.get("idempotency_key")?,
            r.get("n")?,
            r.get("total")?,
        );
        Ok(format!(
            "ledger: transaction #{id} ({key}) has {n} entries summing to {sum}"
        ))
    })?;
    rows.collect()
}

/// What an order's postings (completion, cancellation fee, earlier refunds) left on each
/// account, by account text, zero sums included.
pub fn order_sums(conn: &Connection, order_id: i64) -> rusqlite::Result<Vec<(String, i64)>> {
    let mut stmt = conn.prepare_cached(
        "SELECT e.account, SUM(e.amount_minor) AS amount FROM ledger_entries e
         JOIN ledger_transactions t ON t.id = e.transaction_id
         WHERE t.reference = ?1 AND t.kind IN (?2, ?3, ?4)
         GROUP BY e.account ORDER BY e.account",
    )?;
    stmt.query_map(
        params![
            format!("order:{order_id}"),
            Kind::OrderCompleted,
            Kind::CancellationFee,
            Kind::Refund
        ],
        |r| Ok((r.get("account")?, r.get("amount")?)),
    )?
    .collect()
}

/// Every completed order is posted exactly once, and nothing else is posted as completed.
pub fn completion_problems(conn: &Connection) -> rusqlite::Result<Vec<String>> {
    let mut stmt = conn.prepare_cached(
        "SELECT o.id, o.status, COUNT(t.id) AS n FROM order_facts o
         LEFT JOIN ledger_transactions t
           ON t.reference = 'order:' || o.id AND t.kind = 'order_completed'
         WHERE o.total_minor > 0
         GROUP BY o.id
         HAVING (o.status = 'completed' AND COUNT(t.id) <> 1)
             OR (o.status <> 'completed' AND COUNT(t.id) > 0)",
    )?;
    let rows = stmt.query_map([], |r| {
        let (id, status, n): (i64, String, i64) = (r.get("id")?, r.get("status")?, r.get("n")?);
        Ok(format!(
            "ledger: order #{id} is {status} and has {n} completion postings"
        ))
    })?;
    rows.collect()
}
