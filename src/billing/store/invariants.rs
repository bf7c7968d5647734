//! Billing's part of `check`: one invoice per client-week and one payout per worker-month,
//! every month's earnings paid or held (never dropped, never left failed),
//! invoices and statements equal to their items, postings mirrored by items, paid invoices
//! with exactly one successful charge (here and, when asked, at the gateway), and the
//! latest balance snapshot equal to the entries up to its cutoff, and the running totals of
//! the client and worker accounts equal to their entries.

use rusqlite::Connection;

use crate::billing::model::ChargeState;
use crate::billing::service::gateway::{ChargeStatus, SharedGateway};

fn rows(
    conn: &Connection,
    sql: &str,
    describe: impl Fn(&rusqlite::Row) -> rusqlite::Result<String>,
) -> rusqlite::Result<Vec<String>> {
    let mut stmt = conn.prepare_cached(sql)?;
    stmt.query_map([], |r| describe(r))?.collect()
}

pub fn problems(conn: &Connection) -> rusqlite::Result<Vec<String>> {
    let mut out = Vec::new();
    out.extend(rows(conn,
        "SELECT client_id, period, COUNT(*) AS n FROM invoices GROUP BY client_id, period HAVING COUNT(*) > 1",
        |r| Ok(format!("billing: client {} has {} invoices for {}", r.get::<_, i64>("client_id")?, r.get::<_, i64>("n")?, r.get::<_, String>("period")?)))?);
    out.extend(rows(conn,
        "SELECT worker_id, period, COUNT(*) AS n FROM payouts GROUP BY worker_id, period HAVING COUNT(*) > 1",
        |r| Ok(format!("billing: worker {} has {} payouts for {}", r.get::<_, i64>("worker_id")?, r.get::<_, i64>("n")?, r.get::<_, String>("period")?)))?);
    out.extend(rows(conn,
        "SELECT i.number FROM invoices i WHERE i.carried_in_minor <> COALESCE((SELECT MIN(p.total_minor, 0) FROM invoices p
           WHERE p.client_id = i.client_id AND p.id < i.id ORDER BY p.id DESC LIMIT 1), 0)",
        |r| Ok(format!("billing: invoice {} carries in a credit its previous invoice did not leave", r.get::<_, String>("number")?)))?);
    out.extend(rows(
        conn,
        "SELECT i.number, i.total_minor, i.carried_in_minor + COALESCE(SUM(it.amount_minor), 0) AS lines FROM invoices i
         LEFT JOIN invoice_items it ON it.invoice_id = i.id GROUP BY i.id
         HAVING i.total_minor <> i.carried_in_minor + COALESCE(SUM(it.amount_minor), 0)",
        |r| {
            Ok(format!(
                "billing: invoice {} totals {} but its lines sum to {}",
                r.get::<_, String>("number")?,
                r.get::<_, i64>("total_minor")?,
                r.get::<_, i64>("lines")?
            ))
        },
    )?);
    out.extend(rows(conn,
        "SELECT p.worker_id, p.period FROM payouts p LEFT JOIN payout_items it ON it.payout_id = p.id
         GROUP BY p.id
         HAVING p.amount_minor <> COALESCE(SUM(it.amount_minor), 0) + p.carried_in_minor
             OR p.amount_minor <> p.earnings_minor - p.fines_minor + p.bonuses_minor + p.other_minor + p.carried_in_minor",
        |r| Ok(format!("billing: payout of worker {} for {} does not add up", r.get::<_, i64>("worker_id")?, r.get::<_, String>("period")?)))?);
    out.extend(rows(conn,
        "SELECT t.idempotency_key FROM ledger_transactions t JOIN ledger_entries e ON e.transaction_id = t.id
         LEFT JOIN invoice_items ii ON ii.transaction_id = t.id
         LEFT JOIN payout_items pi ON pi.transaction_id = t.id
         WHERE (e.account LIKE 'client:%' AND t.kind <> 'payment' AND (ii.amount_minor IS NULL OR ii.amount_minor <> e.amount_minor))
            OR (e.account LIKE 'worker:%' AND t.kind <> 'payout' AND (pi.amount_minor IS NULL OR pi.amount_minor <> -e.amount_minor))",
        |r| Ok(format!("billing: posting {} is not mirrored by its invoice or payout item", r.get::<_, String>("idempotency_key")?)))?);
    out.extend(rows(conn,
        "SELECT i.number, COUNT(c.id) AS n FROM invoices i LEFT JOIN charges c ON c.invoice_id = i.id AND c.status = 'succeeded'
         GROUP BY i.id HAVING (i.status = 'paid' AND COUNT(c.id) <> 1) OR (i.status <> 'paid' AND COUNT(c.id) > 0)",
        |r| Ok(format!("billing: invoice {} has {} successful charges", r.get::<_, String>("number")?, r.get::<_, i64>("n")?)))?);
    out.extend(rows(conn,
        "SELECT c.idempotency_key FROM charges c
         WHERE c.status = 'succeeded' AND NOT EXISTS
           (SELECT 1 FROM ledger_transactions t WHERE t.idempotency_key = 'payment-' || c.idempotency_key)",
        |r| Ok(format!("billing: successful charge {} has no payment posting", r.get::<_, String>("idempotency_key")?)))?);
    // Every month's earnings are paid, on their way, or held for the worker: never dropped.
    out.extend(rows(
        conn,
        "SELECT worker_id, period, amount_minor FROM payouts
         WHERE amount_minor > 0 AND status = 'carried_forward'",
        |r| {
            Ok(format!(
                "billing: payout of worker {} for {} owes {} but was carried, not paid or held",
                r.get::<_, i64>("worker_id")?,
                r.get::<_, String>("period")?,
                r.get::<_, i64>("amount_minor")?
            ))
        },
    )?);
    out.extend(rows(
        conn,
        "SELECT worker_id, period FROM payouts WHERE status = 'failed'",
        |r| {
            Ok(format!(
                "billing: payout of worker {} for {} failed and was neither paid nor held",
                r.get::<_, i64>("worker_id")?,
                r.get::<_, String>("period")?
            ))
        },
    )?);
    out.extend(rows(conn,
        "WITH last AS (SELECT cutoff_at FROM billing_runs WHERE kind = 'monthly' AND status = 'done'
                       ORDER BY period DESC LIMIT 1)
         SELECT it.worker_id, COUNT(*) AS n FROM payout_items it, last
         WHERE it.payout_id IS NULL AND it.created_at <= last.cutoff_at GROUP BY it.worker_id",
        |r| Ok(format!("billing: worker {} has {} earnings items up to the last monthly run on no statement", r.get::<_, i64>("worker_id")?, r.get::<_, i64>("n")?)))?);
    out.extend(rows(conn,
        "SELECT p.idempotency_key FROM payouts p WHERE p.status = 'paid' AND NOT EXISTS
           (SELECT 1 FROM ledger_transactions t WHERE t.idempotency_key = 'paid-' || p.idempotency_key)",
        |r| Ok(format!("billing: paid payout {} has no ledger posting", r.get::<_, String>("idempotency_key")?)))?);
    out.extend(rows(
        conn,
        "WITH last AS (SELECT r.period AS day, r.cutoff_at AS cutoff FROM billing_runs r
                       WHERE r.kind = 'daily' AND r.status = 'done' ORDER BY r.period DESC LIMIT 1),
              truth AS (SELECT e.account, SUM(e.amount_minor) AS balance FROM ledger_entries e
                        JOIN ledger_transactions t ON t.id = e.transaction_id, last
                        WHERE t.created_at <= last.cutoff GROUP BY e.account)
         SELECT truth.account, truth.balance, COALESCE(s.balance_minor, 0) AS snapshot FROM truth, last
         LEFT JOIN balance_snapshots s ON s.day = last.day AND s.account = truth.account
         WHERE truth.balance <> COALESCE(s.balance_minor, 0)",
        |r| {
            Ok(format!(
                "billing: snapshot of {} says {} but its entries sum to {}",
                r.get::<_, String>("account")?,
                r.get::<_, i64>("snapshot")?,
                r.get::<_, i64>("balance")?
            ))
        },
    )?);
    out.extend(rows(
        conn,
        "SELECT c.class, c.balance_minor, COALESCE((SELECT SUM(e.amount_minor) FROM ledger_entries e
                                  WHERE e.account LIKE c.class || ':%'), 0) AS entries
         FROM ledger_class_totals c WHERE c.balance_minor <> entries",
        |r| {
            Ok(format!(
                "billing: running total of the {} accounts says {} but their entries sum to {}",
                r.get::<_, String>("class")?,
                r.get::<_, i64>("balance_minor")?,
                r.get::<_, i64>("entries")?
            ))
        },
    )?);
    Ok(out)
}

/// Asks the gateway about every paid invoice: its successful key must be a succeeded charge
/// there, and none of its other keys may have succeeded.
pub fn gateway_problems(conn: &Connection, gateway: &SharedGateway) -> anyhow::Result<Vec<String>> {
    let mut stmt = conn.prepare_cached(
        "SELECT i.number, c.idempotency_key, c.status FROM invoices i JOIN charges c ON c.invoice_id = i.id
         WHERE i.status = 'paid' AND c.status <> 'pending' ORDER BY c.id",
    )?;
    let tries: Vec<(String, String, ChargeState)> = stmt
        .query_map([], |r| {
            Ok((
                r.get("number")?,
                r.get("idempotency_key")?,
                r.get("status")?,
            ))
        })?
        .collect::<Result<_, _>>()?;
    let mut out = Vec::new();
    for (number, key, status) in tries {
        let at_gateway = gateway
            .find_charge(&key)
            .map_err(|e| anyhow::anyhow!("gateway: {e}"))?;
        let succeeded = at_gateway.is_some_and(|c| c.status == ChargeStatus::Succeeded);
        if succeeded != (status == ChargeState::Succeeded) {
            out.push(format!(
                "billing: invoice {number}: charge {key} is {status} here but {} at the gateway",
                if succeeded {
                    "succeeded"
                } else {
                    "not succeeded"
                }
            ));
        }
    }
    Ok(out)
}
