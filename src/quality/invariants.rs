//! Quality control's part of `check`: every cancelled or disputed order has a review, and
//! every fine or bonus a review decided is exactly one ledger transaction of its amount.

use rusqlite::Connection;

pub fn problems(conn: &Connection) -> rusqlite::Result<Vec<String>> {
    let mut out = Vec::new();
    let mut stmt = conn.prepare(
        "SELECT o.id, o.status FROM orders o
         WHERE (o.status IN ('cancelled', 'disputed')
                OR EXISTS (SELECT 1 FROM order_events e WHERE e.order_id = o.id AND e.to_status = 'disputed'))
           AND NOT EXISTS (SELECT 1 FROM qc_reviews q WHERE q.order_id = o.id)",
    )?;
    for row in stmt.query_map([], |r| Ok((r.get::<_, i64>(0)?, r.get::<_, String>(1)?)))? {
        let (id, status) = row?;
        out.push(format!("qc: order #{id} ({status}) has no review"));
    }
    // Each decided amount must match one posting under its key, and no posting may lack one.
    let mut stmt = conn.prepare(
        "SELECT m.id, m.what, m.amount, COUNT(t.id)
         FROM (SELECT id, 'fine' AS what, fine_minor AS amount FROM qc_reviews
               UNION ALL SELECT id, 'bonus', bonus_minor FROM qc_reviews) m
         LEFT JOIN ledger_transactions t ON t.idempotency_key = 'qc-' || m.id || '-' || m.what
         LEFT JOIN ledger_entries e ON e.transaction_id = t.id AND e.account LIKE 'worker:%'
         GROUP BY m.id, m.what
         HAVING (m.amount > 0 AND (COUNT(t.id) <> 1 OR COALESCE(SUM(ABS(e.amount_minor)), 0) <> m.amount))
             OR (m.amount = 0 AND COUNT(t.id) > 0)",
    )?;
    for row in stmt.query_map([], |r| {
        Ok((
            r.get::<_, i64>(0)?,
            r.get::<_, String>(1)?,
            r.get::<_, i64>(2)?,
            r.get::<_, i64>(3)?,
        ))
    })? {
        let (id, what, amount, n) = row?;
        out.push(format!(
            "qc: review {id} decided a {what} of {amount} but has {n} matching ledger transactions"
        ));
    }
    Ok(out)
}
