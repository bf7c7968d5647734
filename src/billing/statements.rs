//! What statements show: invoices with their lines, payouts, account entries, and the
//! managers' totals (receivables, overdue, revenue, payouts due, runs). Read-only.

use chrono::{DateTime, Utc};
use rusqlite::{Connection, OptionalExtension, params};

use super::model::Account;

#[derive(Debug, Clone)]
pub struct Invoice {
    pub id: i64,
    pub client_id: i64,
    pub client_name: String,
    pub period: String,
    pub number: String,
    pub status: String,
    pub total_minor: i64,
    /// A credit carried in from the previous invoice (≤ 0).
    pub carried_in_minor: i64,
    pub currency: String,
    pub issued_at: DateTime<Utc>,
    pub paid_at: Option<DateTime<Utc>>,
    pub next_retry_at: Option<DateTime<Utc>>,
    pub pending_charge: bool,
}

const INVOICE_COLUMNS: &str =
    "i.id, i.client_id, u.name, i.period, i.number, i.status, i.total_minor, i.currency,
    i.issued_at, i.paid_at, i.next_retry_at,
    EXISTS (SELECT 1 FROM charges c WHERE c.invoice_id = i.id AND c.status = 'pending'),
    i.carried_in_minor";

fn invoice_row(r: &rusqlite::Row) -> rusqlite::Result<Invoice> {
    Ok(Invoice {
        id: r.get(0)?,
        client_id: r.get(1)?,
        client_name: r.get(2)?,
        period: r.get(3)?,
        number: r.get(4)?,
        status: r.get(5)?,
        total_minor: r.get(6)?,
        currency: r.get(7)?,
        issued_at: r.get(8)?,
        paid_at: r.get(9)?,
        next_retry_at: r.get(10)?,
        pending_charge: r.get(11)?,
        carried_in_minor: r.get(12)?,
    })
}

pub fn invoice(conn: &Connection, id: i64) -> rusqlite::Result<Option<Invoice>> {
    conn.query_row(
        &format!("SELECT {INVOICE_COLUMNS} FROM invoices i JOIN users u ON u.id = i.client_id WHERE i.id = ?1"),
        [id],
        invoice_row,
    )
    .optional()
}

/// Invoices, newest first: one client's, or (`None`) everyone's with `status` if given.
pub fn invoices(
    conn: &Connection,
    client_id: Option<i64>,
    status: Option<&str>,
    limit: i64,
) -> rusqlite::Result<Vec<Invoice>> {
    let mut stmt = conn.prepare(&format!(
        "SELECT {INVOICE_COLUMNS} FROM invoices i JOIN users u ON u.id = i.client_id
         WHERE (?1 IS NULL OR i.client_id = ?1) AND (?2 IS NULL OR i.status = ?2)
         ORDER BY i.id DESC LIMIT ?3"
    ))?;
    stmt.query_map(params![client_id, status, limit], invoice_row)?
        .collect()
}

/// One line of an invoice: the posting it comes from.
#[derive(Debug, Clone)]
pub struct Line {
    pub kind: String,
    pub reference: String,
    pub memo: String,
    pub amount_minor: i64,
    pub at: DateTime<Utc>,
    /// The frozen quote of the order, for completed orders (shown line by line).
    pub quote: Option<crate::orders::pricing::Quote>,
}

pub fn invoice_lines(conn: &Connection, invoice_id: i64) -> rusqlite::Result<Vec<Line>> {
    let mut stmt = conn.prepare(
        "SELECT t.kind, t.reference, t.memo, it.amount_minor, t.created_at, o.quote_json
         FROM invoice_items it JOIN ledger_transactions t ON t.id = it.transaction_id
         LEFT JOIN orders o ON t.kind = 'order_completed' AND t.reference = 'order:' || o.id
         WHERE it.invoice_id = ?1 ORDER BY t.id",
    )?;
    stmt.query_map([invoice_id], |r| {
        let quote: Option<String> = r.get(5)?;
        Ok(Line {
            kind: r.get(0)?,
            reference: r.get(1)?,
            memo: r.get(2)?,
            amount_minor: r.get(3)?,
            at: r.get(4)?,
            quote: quote.and_then(|q| serde_json::from_str(&q).ok()),
        })
    })?
    .collect()
}

/// Entries of one account in `[from, to)`, newest first.
pub fn entries(
    conn: &Connection,
    account: &Account,
    from: DateTime<Utc>,
    to: DateTime<Utc>,
) -> rusqlite::Result<Vec<Line>> {
    let mut stmt = conn.prepare(
        "SELECT t.kind, t.reference, t.memo, e.amount_minor, t.created_at FROM ledger_entries e
         JOIN ledger_transactions t ON t.id = e.transaction_id
         WHERE e.account = ?1 AND t.created_at >= ?2 AND t.created_at < ?3 ORDER BY t.id DESC LIMIT 500",
    )?;
    stmt.query_map(params![account.to_string(), from, to], |r| {
        Ok(Line {
            kind: r.get(0)?,
            reference: r.get(1)?,
            memo: r.get(2)?,
            amount_minor: r.get(3)?,
            at: r.get(4)?,
            quote: None,
        })
    })?
    .collect()
}

#[derive(Debug, Clone)]
pub struct Payout {
    pub id: i64,
    pub worker_id: i64,
    pub worker_name: String,
    pub period: String,
    pub status: String,
    pub amount_minor: i64,
    pub earnings_minor: i64,
    pub fines_minor: i64,
    pub bonuses_minor: i64,
    pub other_minor: i64,
    pub carried_in_minor: i64,
    pub currency: String,
    pub last_error: Option<String>,
}

pub fn payouts(
    conn: &Connection,
    worker_id: Option<i64>,
    status: Option<&str>,
    limit: i64,
) -> rusqlite::Result<Vec<Payout>> {
    let mut stmt = conn.prepare(
        "SELECT p.id, p.worker_id, u.name, p.period, p.status, p.amount_minor, p.earnings_minor, p.fines_minor,
                p.bonuses_minor, p.other_minor, p.carried_in_minor, p.currency, p.last_error
         FROM payouts p JOIN users u ON u.id = p.worker_id
         WHERE (?1 IS NULL OR p.worker_id = ?1) AND (?2 IS NULL OR p.status = ?2)
         ORDER BY p.period DESC, p.id DESC LIMIT ?3",
    )?;
    stmt.query_map(params![worker_id, status, limit], |r| {
        Ok(Payout {
            id: r.get(0)?,
            worker_id: r.get(1)?,
            worker_name: r.get(2)?,
            period: r.get(3)?,
            status: r.get(4)?,
            amount_minor: r.get(5)?,
            earnings_minor: r.get(6)?,
            fines_minor: r.get(7)?,
            bonuses_minor: r.get(8)?,
            other_minor: r.get(9)?,
            carried_in_minor: r.get(10)?,
            currency: r.get(11)?,
            last_error: r.get(12)?,
        })
    })?
    .collect()
}

/// The managers' totals.
#[derive(Debug, Clone, Default)]
pub struct Totals {
    /// Everything clients owe (invoiced or not yet).
    pub receivables_minor: i64,
    pub overdue_minor: i64,
    pub overdue_count: i64,
    /// The company's income this month (commission, fees, fines less bonuses).
    pub revenue_month_minor: i64,
    /// What workers are owed and not yet paid.
    pub payouts_due_minor: i64,
}

pub fn totals(conn: &Connection, month_start: DateTime<Utc>) -> rusqlite::Result<Totals> {
    let sum = |sql: &str, p: &[&dyn rusqlite::ToSql]| -> rusqlite::Result<i64> {
        conn.query_row(sql, p, |r| r.get(0))
    };
    let (overdue_minor, overdue_count) = conn.query_row(
        "SELECT COALESCE(SUM(total_minor), 0), COUNT(*) FROM invoices WHERE status = 'past_due'",
        [],
        |r| Ok((r.get(0)?, r.get(1)?)),
    )?;
    Ok(Totals {
        receivables_minor: sum("SELECT COALESCE(SUM(amount_minor), 0) FROM ledger_entries WHERE account LIKE 'client:%'", &[])?,
        overdue_minor,
        overdue_count,
        revenue_month_minor: -sum(
            "SELECT COALESCE(SUM(e.amount_minor), 0) FROM ledger_entries e JOIN ledger_transactions t ON t.id = e.transaction_id
             WHERE e.account = 'revenue' AND t.created_at >= ?1",
            &[&month_start],
        )?,
        payouts_due_minor: -sum("SELECT COALESCE(SUM(amount_minor), 0) FROM ledger_entries WHERE account LIKE 'worker:%'", &[])?,
    })
}

#[derive(Debug, Clone)]
pub struct Run {
    pub kind: String,
    pub period: String,
    pub status: String,
    pub started_at: DateTime<Utc>,
    pub finished_at: Option<DateTime<Utc>>,
    pub documents: i64,
    pub amount_minor: i64,
    pub succeeded: i64,
    pub failed: i64,
}

pub fn runs(conn: &Connection, limit: i64) -> rusqlite::Result<Vec<Run>> {
    let mut stmt = conn.prepare(
        "SELECT kind, period, status, started_at, finished_at, documents, amount_minor, succeeded, failed
         FROM billing_runs WHERE kind <> 'daily' OR documents > 0 ORDER BY id DESC LIMIT ?1",
    )?;
    stmt.query_map([limit], |r| {
        Ok(Run {
            kind: r.get(0)?,
            period: r.get(1)?,
            status: r.get(2)?,
            started_at: r.get(3)?,
            finished_at: r.get(4)?,
            documents: r.get(5)?,
            amount_minor: r.get(6)?,
            succeeded: r.get(7)?,
            failed: r.get(8)?,
        })
    })?
    .collect()
}
