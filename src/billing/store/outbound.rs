//! The lease both outbound-payment tables share (`charges`, `payouts`): which pending rows
//! are due, claiming one for a while, putting off an unknown outcome, recording the money
//! moved, and dropping the leases at start-up. The two tables keep the same columns for
//! these (`status`, `tries`, `claimed_until`, `last_error`, `gateway_id`), so this SQL
//! serves both.

use chrono::{DateTime, Utc};
use rusqlite::{Connection, Row, params};

use crate::billing::model::{ChargeState, PayoutStatus};

/// A table outbound payments are sent from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Table {
    Charges,
    Payouts,
}

impl Table {
    // The names below are fixed here, never taken from input, so formatting them into SQL
    // is safe; each statement's text stays the same, so the statement cache still serves it.
    fn name(self) -> &'static str {
        match self {
            Table::Charges => "charges",
            Table::Payouts => "payouts",
        }
    }

    /// The column `only` names: a charge is asked for by its invoice, a payout by itself.
    fn only_by(self) -> &'static str {
        match self {
            Table::Charges => "invoice_id",
            Table::Payouts => "id",
        }
    }

    fn pending(self) -> &'static str {
        match self {
            Table::Charges => ChargeState::Pending.as_str(),
            Table::Payouts => PayoutStatus::Pending.as_str(),
        }
    }

    /// The status of a row whose money moved, and the column that says when.
    fn moved(self) -> (&'static str, &'static str) {
        match self {
            Table::Charges => (ChargeState::Succeeded.as_str(), "settled_at"),
            Table::Payouts => (PayoutStatus::Paid.as_str(), "paid_at"),
        }
    }
}

/// Pending rows whose lease or backoff has run out (optionally only those `only` names),
/// oldest first, at most `limit`.
pub fn claimable(
    conn: &Connection,
    table: Table,
    only: Option<i64>,
    now: DateTime<Utc>,
    limit: i64,
) -> rusqlite::Result<Vec<i64>> {
    let sql = format!(
        "SELECT id FROM {} WHERE status = ?4
           AND (claimed_until IS NULL OR claimed_until <= ?1) AND (?2 IS NULL OR {} = ?2)
         ORDER BY id LIMIT ?3",
        table.name(),
        table.only_by()
    );
    conn.prepare_cached(&sql)?
        .query_map(params![now, only, limit, table.pending()], |r| r.get("id"))?
        .collect()
}

/// Counts a try of the row and holds it until `until`.
pub fn lease(
    conn: &Connection,
    table: Table,
    id: i64,
    until: DateTime<Utc>,
) -> rusqlite::Result<()> {
    let sql = format!(
        "UPDATE {} SET tries = tries + 1, claimed_until = ?2 WHERE id = ?1",
        table.name()
    );
    conn.prepare_cached(&sql)?.execute(params![id, until])?;
    Ok(())
}

/// An unknown outcome: the error kept, asked about again at `recheck_at`.
pub fn postpone(
    conn: &Connection,
    table: Table,
    id: i64,
    error: &str,
    recheck_at: DateTime<Utc>,
) -> rusqlite::Result<()> {
    let sql = format!(
        "UPDATE {} SET last_error = ?2, claimed_until = ?3 WHERE id = ?1 AND status = ?4",
        table.name()
    );
    conn.prepare_cached(&sql)?
        .execute(params![id, error, recheck_at, table.pending()])?;
    Ok(())
}

/// Records the money moved while the row is still pending; false if it was settled before.
pub fn settle_succeeded(
    conn: &Connection,
    table: Table,
    id: i64,
    gateway_id: &str,
    now: DateTime<Utc>,
) -> rusqlite::Result<bool> {
    let (moved, at) = table.moved();
    let sql = format!(
        "UPDATE {} SET status = ?4, gateway_id = ?2, {at} = ?3, last_error = NULL,
             claimed_until = NULL WHERE id = ?1 AND status = ?5",
        table.name()
    );
    let changed =
        conn.prepare_cached(&sql)?
            .execute(params![id, gateway_id, now, moved, table.pending()])?;
    Ok(changed == 1)
}

/// Drops every lease on the table's pending rows (at process start).
pub fn release_claims(conn: &Connection, table: Table) -> rusqlite::Result<()> {
    let sql = format!(
        "UPDATE {} SET claimed_until = NULL WHERE status = ?1 AND claimed_until IS NOT NULL",
        table.name()
    );
    conn.prepare_cached(&sql)?.execute([table.pending()])?;
    Ok(())
}

/// A claimed row with what sending it needs; `of` is what its kind adds (the invoice a
/// charge pays, the statement a payout pays).
pub struct ToSend<T> {
    pub id: i64,
    pub key: String,
    pub tries: i64,
    pub token: String,
    pub amount_minor: i64,
    pub currency: String,
    pub last4: String,
    pub of: T,
}

impl<T> ToSend<T> {
    /// Reads the shared columns, selected as `id`, `idempotency_key`, `tries`, `token`,
    /// `amount_minor`, `currency` and `last4`.
    pub fn read(r: &Row, of: T) -> rusqlite::Result<Self> {
        Ok(ToSend {
            id: r.get("id")?,
            key: r.get("idempotency_key")?,
            tries: r.get("tries")?,
            token: r.get("token")?,
            amount_minor: r.get("amount_minor")?,
            currency: r.get("currency")?,
            last4: r.get("last4")?,
            of,
        })
    }
}
