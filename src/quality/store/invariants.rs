//! Quality control's part of `check`: every cancelled or disputed order has a review, and
//! every fine or bonus a review decided is exactly one ledger transaction of its amount
//! (billing tells its totals per key; the keys are quality's own).

use rusqlite::Connection;

use crate::billing::postings::WorkerMove;
use crate::billing::store::ledger_reads::worker_totals_by_key;
use crate::quality::service::review::move_key;

pub fn problems(conn: &Connection) -> rusqlite::Result<Vec<String>> {
    let mut out = Vec::new();
    let mut stmt = conn.prepare_cached(
        "SELECT o.id, o.status FROM order_facts o
         WHERE (o.status IN ('cancelled', 'disputed')
                OR EXISTS (SELECT 1 FROM order_history e WHERE e.order_id = o.id AND e.to_status = 'disputed'))
           AND NOT EXISTS (SELECT 1 FROM qc_reviews q WHERE q.order_id = o.id)",
    )?;
    for row in stmt.query_map([], |r| {
        Ok((r.get::<_, i64>("id")?, r.get::<_, String>("status")?))
    })? {
        let (id, status) = row?;
        out.push(format!("qc: order #{id} ({status}) has no review"));
    }
    // Each decided amount must match one posting under its key, and no posting may lack one.
    let postings = worker_totals_by_key(conn, "qc-")?;
    let mut stmt =
        conn.prepare_cached("SELECT id, fine_minor, bonus_minor FROM qc_reviews ORDER BY id")?;
    for row in stmt.query_map([], |r| {
        Ok((
            r.get::<_, i64>("id")?,
            r.get::<_, i64>("fine_minor")?,
            r.get::<_, i64>("bonus_minor")?,
        ))
    })? {
        let (id, fine, bonus) = row?;
        for (how, what, amount) in [
            (WorkerMove::Bonus, "bonus", bonus),
            (WorkerMove::Fine, "fine", fine),
        ] {
            let (n, total) = postings.get(&move_key(id, how)).copied().unwrap_or((0, 0));
            if (amount > 0 && (n != 1 || total != amount)) || (amount == 0 && n > 0) {
                out.push(format!(
                    "qc: review {id} decided a {what} of {amount} but has {n} matching ledger transactions"
                ));
            }
        }
    }
    Ok(out)
}
