//! The client's and the worker's own numbers on their home pages: a client's orders, spend and
//! open invoices; a worker's jobs, this month's earnings, rating and recent payouts. Each query
//! is keyed by the signed-in user's id, so nobody sees another's numbers.

use chrono::{DateTime, Utc};
use chrono_tz::Tz;
use maud::{Markup, html};
use rusqlite::{Connection, OptionalExtension, params};

use super::period::{Period, Preset, business_day};
use crate::web::ctx::Ctx;

/// Ledger kinds that are work billed to a client or earned by a worker.
const WORK_KINDS: &str = "('order_completed', 'cancellation_fee', 'refund')";

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
    /// (period, status, amount) of the latest payouts.
    pub payouts: Vec<(String, String, i64)>,
}

fn month_start(tz: Tz, now: DateTime<Utc>) -> DateTime<Utc> {
    Period::preset(Preset::Month, business_day(tz, now))
        .bounds(tz)
        .0
}

fn sum_account(
    conn: &Connection,
    account: &str,
    kinds: &str,
    since: DateTime<Utc>,
) -> rusqlite::Result<i64> {
    conn.query_row(
        &format!(
            "SELECT COALESCE(SUM(e.amount_minor), 0) FROM ledger_entries e
             JOIN ledger_transactions t ON t.id = e.transaction_id
             WHERE e.account = ?1 AND t.kind IN {kinds} AND t.created_at >= ?2"
        ),
        params![account, since],
        |r| r.get(0),
    )
}

pub fn client(
    conn: &Connection,
    tz: Tz,
    client_id: i64,
    now: DateTime<Utc>,
) -> rusqlite::Result<ClientSummary> {
    let (open_orders, completed_orders) = conn.query_row(
        "SELECT COALESCE(SUM(status NOT IN ('completed', 'cancelled')), 0),
                COALESCE(SUM(status = 'completed'), 0)
         FROM orders WHERE client_id = ?1",
        [client_id],
        |r| Ok((r.get(0)?, r.get(1)?)),
    )?;
    let account = format!("client:{client_id}");
    let epoch = DateTime::<Utc>::UNIX_EPOCH;
    let (open_invoices, open_invoices_minor) = conn.query_row(
        "SELECT COUNT(*), COALESCE(SUM(total_minor), 0) FROM invoices
         WHERE client_id = ?1 AND status IN ('due', 'past_due')",
        [client_id],
        |r| Ok((r.get(0)?, r.get(1)?)),
    )?;
    Ok(ClientSummary {
        open_orders,
        completed_orders,
        spend_this_month: sum_account(conn, &account, WORK_KINDS, month_start(tz, now))?,
        spend_total: sum_account(conn, &account, WORK_KINDS, epoch)?,
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
    let (upcoming_jobs, jobs_this_month) = conn.query_row(
        "SELECT COALESCE(SUM(status IN ('assigned', 'in_progress')), 0),
                COALESCE(SUM(status = 'completed' AND scheduled_at >= ?2), 0)
         FROM orders WHERE worker_id = ?1",
        params![worker_id, since],
        |r| Ok((r.get(0)?, r.get(1)?)),
    )?;
    let earned = -sum_account(
        conn,
        &format!("worker:{worker_id}"),
        "('order_completed', 'refund', 'fine', 'bonus', 'adjustment')",
        since,
    )?;
    let (rating_sum, rating_count): (i64, i64) = conn
        .query_row(
            "SELECT rating_sum, rating_count FROM worker_ratings WHERE worker_id = ?1",
            [worker_id],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .optional()?
        .unwrap_or((0, 0));
    let payouts = conn
        .prepare_cached(
            "SELECT period, status, amount_minor FROM payouts WHERE worker_id = ?1
             ORDER BY period DESC LIMIT 3",
        )?
        .query_map([worker_id], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?
        .collect::<Result<_, _>>()?;
    Ok(WorkerSummary {
        upcoming_jobs,
        jobs_this_month,
        earned_this_month: earned,
        rating_x100: super::kpis::average_x100(rating_sum, rating_count),
        rating_count,
        payouts,
    })
}

/// One number: `shown` as people read it, `raw` in `data-value` for scripts and tests.
fn tile(label: &str, (shown, raw): (&str, i64), kpi: &str, href: Option<&str>) -> Markup {
    html! {
        @if let Some(href) = href {
            a.stat href=(href) data-kpi=(kpi) data-value=(raw) { span.stat-value { (shown) } span.stat-label { (label) } }
        } @else {
            div.stat data-kpi=(kpi) data-value=(raw) { span.stat-value { (shown) } span.stat-label { (label) } }
        }
    }
}

pub fn client_panel(ctx: &Ctx, s: &ClientSummary, currency: &str) -> Markup {
    let money = |m| ctx.tr.money(m, currency);
    html! {
        section.summary aria-label=(ctx.t("summary-title")) { div.stats {
            (tile(&ctx.t("summary-open-orders"), (&s.open_orders.to_string(), s.open_orders), "open_orders", None))
            (tile(&ctx.t("summary-completed-orders"), (&s.completed_orders.to_string(), s.completed_orders), "completed_orders", Some("/client?status=completed")))
            (tile(&ctx.t("summary-spend-month"), (&money(s.spend_this_month), s.spend_this_month), "spend_month", Some("/client/billing")))
            (tile(&ctx.t("summary-spend-total"), (&money(s.spend_total), s.spend_total), "spend_total", Some("/client/billing")))
            (tile(&ctx.tr.t_args("summary-open-invoices", &[("count", s.open_invoices.into())]), (&money(s.open_invoices_minor), s.open_invoices_minor), "open_invoices", Some("/client/billing")))
        } }
    }
}

pub fn worker_panel(ctx: &Ctx, s: &WorkerSummary, currency: &str) -> Markup {
    let money = |m| ctx.tr.money(m, currency);
    let rating = s
        .rating_x100
        .map(|r| format!("{}.{:02}", r / 100, r % 100))
        .unwrap_or_else(|| "—".into());
    html! {
        section.summary {
            h2 { (ctx.t("summary-title")) }
            div.stats {
                (tile(&ctx.t("summary-upcoming-jobs"), (&s.upcoming_jobs.to_string(), s.upcoming_jobs), "upcoming_jobs", None))
                (tile(&ctx.t("summary-jobs-month"), (&s.jobs_this_month.to_string(), s.jobs_this_month), "jobs_month", None))
                (tile(&ctx.t("summary-earned-month"), (&money(s.earned_this_month), s.earned_this_month), "earned_month", Some("/worker/earnings")))
                (tile(&ctx.tr.t_args("summary-rating", &[("count", s.rating_count.into())]), (&rating, s.rating_x100.unwrap_or(0)), "rating", None))
            }
            @if !s.payouts.is_empty() {
                p.muted.payout-line {
                    (ctx.t("summary-payouts")) ": "
                    @for (i, (period, status, amount)) in s.payouts.iter().enumerate() {
                        @if i > 0 { " · " }
                        (period) " " (money(*amount)) " (" (ctx.t(&format!("invoice-status-{}", status.replace('_', "-")))) ")"
                    }
                }
            }
        }
    }
}
