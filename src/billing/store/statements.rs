//! What statements show: invoices with their lines, payouts, account entries, an order's
//! postings, and the managers' totals (receivables, overdue, revenue, payouts due, runs).
//! Read-only; names come from the published `people` view.

use crate::db::QueryRowCached;
use chrono::{DateTime, Utc};
use rusqlite::{Connection, OptionalExtension, params};

use crate::billing::model::periods::RunKind;

use crate::billing::model::{Account, ChargeState, InvoiceStatus, Kind, PayoutStatus, RunStatus};

#[derive(Debug, Clone)]
pub struct Invoice {
    pub id: i64,
    pub client_id: i64,
    pub client_name: String,
    pub period: String,
    pub number: String,
    pub status: InvoiceStatus,
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
    "i.id, i.client_id, u.name AS client_name, i.period, i.number, i.status, i.total_minor,
    i.currency, i.issued_at, i.paid_at, i.next_retry_at,
    EXISTS (SELECT 1 FROM charges c WHERE c.invoice_id = i.id AND c.status = :pending)
        AS pending_charge,
    i.carried_in_minor";

fn invoice_row(r: &rusqlite::Row) -> rusqlite::Result<Invoice> {
    Ok(Invoice {
        id: r.get("id")?,
        client_id: r.get("client_id")?,
        client_name: r.get("client_name")?,
        period: r.get("period")?,
        number: r.get("number")?,
        status: r.get("status")?,
        total_minor: r.get("total_minor")?,
        currency: r.get("currency")?,
        issued_at: r.get("issued_at")?,
        paid_at: r.get("paid_at")?,
        next_retry_at: r.get("next_retry_at")?,
        pending_charge: r.get("pending_charge")?,
        carried_in_minor: r.get("carried_in_minor")?,
    })
}

pub fn invoice(conn: &Connection, id: i64) -> rusqlite::Result<Option<Invoice>> {
    conn.query_row_cached(
        &format!(
            "SELECT {INVOICE_COLUMNS} FROM invoices i JOIN people u ON u.id = i.client_id
             WHERE i.id = :id"
        ),
        rusqlite::named_params! { ":id": id, ":pending": ChargeState::Pending },
        invoice_row,
    )
    .optional()
}

/// Invoices, newest first: one client's, or (`None`) everyone's with `status` if given.
pub fn invoices(
    conn: &Connection,
    client_id: Option<i64>,
    status: Option<InvoiceStatus>,
    limit: i64,
) -> rusqlite::Result<Vec<Invoice>> {
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT {INVOICE_COLUMNS} FROM invoices i JOIN people u ON u.id = i.client_id
         WHERE (:client IS NULL OR i.client_id = :client) AND (:status IS NULL OR i.status = :status)
         ORDER BY i.id DESC LIMIT :limit"
    ))?;
    stmt.query_map(
        rusqlite::named_params! {
            ":client": client_id,
            ":status": status,
            ":limit": limit,
            ":pending": ChargeState::Pending,
        },
        invoice_row,
    )?
    .collect()
}

/// Up to `limit` invoices with ids below `before` (all when `None`), the newest first: one
/// page of the invoice export, which walks the invoices by id.
pub fn invoices_before(
    conn: &Connection,
    before: Option<i64>,
    limit: i64,
) -> rusqlite::Result<Vec<Invoice>> {
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT {INVOICE_COLUMNS} FROM invoices i JOIN people u ON u.id = i.client_id
         WHERE i.id < COALESCE(:before, 9223372036854775807)
         ORDER BY i.id DESC LIMIT :limit"
    ))?;
    stmt.query_map(
        rusqlite::named_params! {
            ":before": before,
            ":limit": limit,
            ":pending": ChargeState::Pending,
        },
        invoice_row,
    )?
    .collect()
}

/// One line of an invoice: the posting it comes from.
#[derive(Debug, Clone)]
pub struct Line {
    pub kind: Kind,
    pub reference: String,
    pub memo: String,
    pub amount_minor: i64,
    pub at: DateTime<Utc>,
    /// The frozen quote of the order, for completed orders (shown line by line).
    pub quote: Option<crate::quote::Quote>,
}

fn line_row(r: &rusqlite::Row) -> rusqlite::Result<Line> {
    Ok(Line {
        kind: r.get("kind")?,
        reference: r.get("reference")?,
        memo: r.get("memo")?,
        amount_minor: r.get("amount_minor")?,
        at: r.get("created_at")?,
        quote: None,
    })
}

pub fn invoice_lines(conn: &Connection, invoice_id: i64) -> rusqlite::Result<Vec<Line>> {
    // The quote comes from orders' published view (frozen at creation, never changed).
    let mut stmt = conn.prepare_cached(
        "SELECT t.kind, t.reference, t.memo, it.amount_minor, t.created_at, o.quote_json
         FROM invoice_items it JOIN ledger_transactions t ON t.id = it.transaction_id
         LEFT JOIN order_quotes o ON t.kind = 'order_completed' AND t.reference = 'order:' || o.order_id
         WHERE it.invoice_id = ?1 ORDER BY t.id",
    )?;
    stmt.query_map([invoice_id], |r| {
        let quote: Option<String> = r.get("quote_json")?;
        Ok(Line {
            quote: quote.and_then(|q| serde_json::from_str(&q).ok()),
            ..line_row(r)?
        })
    })?
    .collect()
}

/// Entries of one account in `[from, to)`, newest first (at most `ENTRIES_SHOWN`).
pub fn entries(
    conn: &Connection,
    account: &Account,
    from: DateTime<Utc>,
    to: DateTime<Utc>,
) -> rusqlite::Result<Vec<Line>> {
    const ENTRIES_SHOWN: i64 = 500;
    let mut stmt = conn.prepare_cached(
        "SELECT t.kind, t.reference, t.memo, e.amount_minor, t.created_at FROM ledger_entries e
         JOIN ledger_transactions t ON t.id = e.transaction_id
         WHERE e.account = ?1 AND t.created_at >= ?2 AND t.created_at < ?3
         ORDER BY t.id DESC LIMIT ?4",
    )?;
    stmt.query_map(
        params![account.to_string(), from, to, ENTRIES_SHOWN],
        line_row,
    )?
    .collect()
}

/// The ledger transactions that reference one order, oldest first, and their effect on the
/// client's account (what the order costs the client).
pub struct OrderMoney {
    pub order_id: i64,
    pub postings: Vec<Line>,
    /// The client still pays something for the order, so a refund would change something.
    pub refundable: bool,
}

pub fn order_money(conn: &Connection, order_id: i64) -> rusqlite::Result<OrderMoney> {
    let mut stmt = conn.prepare_cached(
        "SELECT t.kind, t.reference, t.memo, COALESCE(SUM(e.amount_minor), 0) AS amount_minor,
                t.created_at
         FROM ledger_transactions t
         LEFT JOIN ledger_entries e ON e.transaction_id = t.id AND e.account LIKE 'client:%'
         WHERE t.reference = ?1 GROUP BY t.id ORDER BY t.id",
    )?;
    let postings: Vec<Line> = stmt
        .query_map(params![format!("order:{order_id}")], line_row)?
        .collect::<rusqlite::Result<_>>()?;
    let refundable = postings.iter().map(|l| l.amount_minor).sum::<i64>() > 0;
    Ok(OrderMoney {
        order_id,
        postings,
        refundable,
    })
}

#[derive(Debug, Clone)]
pub struct Payout {
    pub id: i64,
    pub worker_id: i64,
    pub worker_name: String,
    pub period: String,
    pub status: PayoutStatus,
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
    status: Option<PayoutStatus>,
    limit: i64,
) -> rusqlite::Result<Vec<Payout>> {
    let mut stmt = conn.prepare_cached(
        "SELECT p.id, p.worker_id, u.name AS worker_name, p.period, p.status, p.amount_minor,
                p.earnings_minor, p.fines_minor, p.bonuses_minor, p.other_minor,
                p.carried_in_minor, p.currency, p.last_error
         FROM payouts p JOIN people u ON u.id = p.worker_id
         WHERE (?1 IS NULL OR p.worker_id = ?1) AND (?2 IS NULL OR p.status = ?2)
         ORDER BY p.period DESC, p.id DESC LIMIT ?3",
    )?;
    stmt.query_map(params![worker_id, status, limit], |r| {
        Ok(Payout {
            id: r.get("id")?,
            worker_id: r.get("worker_id")?,
            worker_name: r.get("worker_name")?,
            period: r.get("period")?,
            status: r.get("status")?,
            amount_minor: r.get("amount_minor")?,
            earnings_minor: r.get("earnings_minor")?,
            fines_minor: r.get("fines_minor")?,
            bonuses_minor: r.get("bonuses_minor")?,
            other_minor: r.get("other_minor")?,
            carried_in_minor: r.get("carried_in_minor")?,
            currency: r.get("currency")?,
            last_error: r.get("last_error")?,
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
        conn.query_row_cached(sql, p, |r| r.get("total"))
    };
    let (overdue_minor, overdue_count) = conn.query_row_cached(
        "SELECT COALESCE(SUM(total_minor), 0) AS total, COUNT(*) AS n FROM invoices
         WHERE status = ?1",
        [InvoiceStatus::PastDue],
        |r| Ok((r.get("total")?, r.get("n")?)),
    )?;
    // All client and all worker accounts: the running totals the postings keep
    // (`ledger_class_totals`), not a sum over every posting ever made.
    let class = |class: &str| -> rusqlite::Result<i64> {
        sum(
            "SELECT COALESCE(SUM(balance_minor), 0) AS total FROM ledger_class_totals
             WHERE class = ?1",
            &[&class],
        )
    };
    Ok(Totals {
        receivables_minor: class("client")?,
        overdue_minor,
        overdue_count,
        // The month's transactions by their time first (CROSS JOIN keeps that order), then
        // their entries: by account first it read every revenue entry ever posted.
        revenue_month_minor: -sum(
            "SELECT COALESCE(SUM(e.amount_minor), 0) AS total FROM ledger_transactions t
             CROSS JOIN ledger_entries e ON e.transaction_id = t.id
             WHERE +e.account = 'revenue' AND t.created_at >= ?1",
            &[&month_start],
        )?,
        payouts_due_minor: -class("worker")?,
    })
}

#[derive(Debug, Clone)]
pub struct Run {
    pub kind: RunKind,
    pub period: String,
    pub status: RunStatus,
    pub started_at: DateTime<Utc>,
    pub finished_at: Option<DateTime<Utc>>,
    pub documents: i64,
    pub amount_minor: i64,
    pub succeeded: i64,
    pub failed: i64,
}

pub fn runs(conn: &Connection, limit: i64) -> rusqlite::Result<Vec<Run>> {
    let mut stmt = conn.prepare_cached(
        "SELECT kind, period, status, started_at, finished_at, documents, amount_minor,
                succeeded, failed
         FROM billing_runs WHERE kind <> ?1 OR documents > 0 ORDER BY id DESC LIMIT ?2",
    )?;
    stmt.query_map(params![RunKind::Daily, limit], |r| {
        Ok(Run {
            kind: r.get("kind")?,
            period: r.get("period")?,
            status: r.get("status")?,
            started_at: r.get("started_at")?,
            finished_at: r.get("finished_at")?,
            documents: r.get("documents")?,
            amount_minor: r.get("amount_minor")?,
            succeeded: r.get("succeeded")?,
            failed: r.get("failed")?,
        })
    })?
    .collect()
}
