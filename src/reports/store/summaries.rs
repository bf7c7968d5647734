//! The numbers of the client's and the worker's own summaries: a client's orders, spend and
//! open invoices; a worker's jobs, this month's earnings, rating and recent payouts. Each
//! query is keyed by the signed-in user's id, so nobody sees another's numbers. Read through
//! the published views of orders, billing and matching.

use crate::db::QueryRowCached;
use chrono::{DateTime, Utc};
use chrono_tz::Tz;
use rusqlite::{Connection, OptionalExtension, params};

use crate::billing::model::PayoutStatus;
use crate::calendar::business_day;
use crate::reports::model::kpis::average_x100;
use crate::reports::model::period::{Period, Preset};

/// Ledger kinds that are work billed to a client.
const CLIENT_WORK_KINDS: &[&str] = &["order_completed", "cancellation_fee", "refund"];
/// Ledger kinds a worker's next payout carries.
const WORKER_KINDS: &[&str] = &["order_completed", "refund", "fine", "bonus", "adjustment"];

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ClientSummary {
    pub open_orders: i64,
    pub completed_orders: i64,
    pub spend_this_month: i64,
    pub spend_total: i64,
    pub open_invoices: i64,
    pub open_invoices_minor: i64,
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct WorkerSummary {
    pub upcoming_jobs: i64,
    pub jobs_this_month: i64,
    /// Earnings, bonuses and fines posted this month (what the next payout will carry).
    pub earned_this_month: i64,
    pub rating_x100: Option<i64>,
    pub rating_count: i64,
    /// The latest payouts, newest period first.
    pub payouts: Vec<PayoutLine>,
}

/// One payout as the worker's summary lists it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PayoutLine {
    pub period: String,
    pub status: PayoutStatus,
    pub amount_minor: i64,
}

fn month_start(tz: Tz, now: DateTime<Utc>) -> DateTime<Utc> {
    Period::preset(Preset::Month, business_day(tz, now))
        .bounds(tz)
        .0
}

/// The entries of `account` posted since `since` by transactions of one of `kinds`.
fn sum_account(
    conn: &Connection,
    account: &str,
    kinds: &[&str],
    since: DateTime<Utc>,
) -> rusqlite::Result<i64> {
    // One placeholder per kind, after the account (?1) and the time (?2).
    let slots: Vec<String> = (0..kinds.len()).map(|i| format!("?{}", i + 3)).collect();
    let sql = format!(
        "SELECT COALESCE(SUM(e.amount_minor), 0) AS total FROM ledger_lines e
         JOIN ledger_postings t ON t.id = e.transaction_id
         WHERE e.account = ?1 AND t.kind IN ({}) AND t.created_at >= ?2",
        slots.join(", ")
    );
    let mut args: Vec<&dyn rusqlite::ToSql> = vec![&account, &since];
    args.extend(kinds.iter().map(|k| k as &dyn rusqlite::ToSql));
    conn.prepare_cached(&sql)?
        .query_row(args.as_slice(), |r| r.get("total"))
}

pub fn client(
    conn: &Connection,
    tz: Tz,
    client_id: i64,
    now: DateTime<Utc>,
) -> rusqlite::Result<ClientSummary> {
    let (open_orders, completed_orders) = conn.query_row_cached(
        "SELECT COALESCE(SUM(status NOT IN ('completed', 'cancelled')), 0) AS open,
                COALESCE(SUM(status = 'completed'), 0) AS completed
         FROM order_facts WHERE client_id = ?1",
        [client_id],
        |r| Ok((r.get("open")?, r.get("completed")?)),
    )?;
    let account = format!("client:{client_id}");
    let epoch = DateTime::<Utc>::UNIX_EPOCH;
    let (open_invoices, open_invoices_minor) = conn.query_row_cached(
        "SELECT COUNT(*) AS n, COALESCE(SUM(total_minor), 0) AS total FROM invoice_facts
         WHERE client_id = ?1 AND status IN ('due', 'past_due')",
        [client_id],
        |r| Ok((r.get("n")?, r.get("total")?)),
    )?;
    Ok(ClientSummary {
        open_orders,
        completed_orders,
        spend_this_month: sum_account(conn, &account, CLIENT_WORK_KINDS, month_start(tz, now))?,
        spend_total: sum_account(conn, &account, CLIENT_WORK_KINDS, epoch)?,
        open_invoices,
        open_invoices_minor,
    })
}

pub fn worker(
    conn: &Connection,
    tz: Tz,
    worker_id: i64,
    now: DateTime<Utc>,
) -> rusqlite::Result<WorkerSummary> {
    let since = month_start(tz, now);
    // The same jobs the worker's list shows: assigned (a missed one too), running, or
    // awaiting the client's signature.
    let (upcoming_jobs, jobs_this_month) = conn.query_row_cached(
        "SELECT COALESCE(SUM(status IN ('assigned', 'in_progress', 'reported')), 0) AS upcoming,
                COALESCE(SUM(status = 'completed' AND scheduled_at >= ?2), 0) AS done
         FROM order_facts WHERE worker_id = ?1",
        params![worker_id, since],
        |r| Ok((r.get("upcoming")?, r.get("done")?)),
    )?;
    let account = format!("worker:{worker_id}");
    let earned = -sum_account(conn, &account, WORKER_KINDS, since)?;
    let (rating_sum, rating_count): (i64, i64) = conn
        .query_row(
            "SELECT rating_sum, rating_count FROM worker_rating_totals WHERE worker_id = ?1",
            [worker_id],
            |r| Ok((r.get("rating_sum")?, r.get("rating_count")?)),
        )
        .optional()?
        .unwrap_or((0, 0));
    let payouts = conn
        .prepare_cached(
            "SELECT period, status, amount_minor FROM payout_facts WHERE worker_id = ?1
             ORDER BY period DESC LIMIT 3",
        )?
        .query_map([worker_id], |r| {
            Ok(PayoutLine {
                period: r.get("period")?,
                status: r.get("status")?,
                amount_minor: r.get("amount_minor")?,
            })
        })?
        .collect::<Result<_, _>>()?;
    Ok(WorkerSummary {
        upcoming_jobs,
        jobs_this_month,
        earned_this_month: earned,
        rating_x100: average_x100(rating_sum, rating_count),
        rating_count,
        payouts,
    })
}
