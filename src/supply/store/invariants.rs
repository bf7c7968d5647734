//! Supply's part of `check`: on hand equals the sum of movements, no stock below zero, one
//! pack per assigned order, no job started on a kit that was never handed over.

use rusqlite::Connection;

/// Each broken supply invariant, described for an operator.
pub fn problems(conn: &Connection) -> rusqlite::Result<Vec<String>> {
    let mut out = Vec::new();
    let mut stmt = conn.prepare_cached(
        "SELECT c.sku, c.on_hand, COALESCE(SUM(m.quantity), 0) AS total FROM consumables c
         LEFT JOIN stock_movements m ON m.consumable_id = c.id
         GROUP BY c.id HAVING c.on_hand <> COALESCE(SUM(m.quantity), 0) OR c.on_hand < 0",
    )?;
    let rows = stmt.query_map([], |r| {
        let (sku, on_hand, sum): (String, i64, i64) =
            (r.get("sku")?, r.get("on_hand")?, r.get("total")?);
        Ok(format!(
            "stock: {sku} has {on_hand} on hand but its movements sum to {sum}"
        ))
    })?;
    for row in rows {
        out.push(row?);
    }
    let mut stmt = conn.prepare_cached(
        "SELECT o.id FROM order_facts o LEFT JOIN packs p ON p.order_id = o.id
         WHERE o.status = 'assigned' AND (p.id IS NULL OR p.status = 'cancelled')",
    )?;
    for id in stmt.query_map([], |r| r.get::<_, i64>("id"))? {
        out.push(format!("packs: assigned order #{} has no kit", id?));
    }
    let mut stmt = conn.prepare_cached(
        "SELECT o.id, p.status FROM order_facts o JOIN packs p ON p.order_id = o.id
         WHERE o.status IN ('in_progress', 'reported', 'completed', 'disputed')
           AND p.status <> 'issued'",
    )?;
    let rows = stmt.query_map([], |r| {
        Ok((r.get::<_, i64>("id")?, r.get::<_, String>("status")?))
    })?;
    for row in rows {
        let (id, status) = row?;
        out.push(format!(
            "packs: order #{id} started but its kit is {status}, not issued"
        ));
    }
    let mut stmt = conn.prepare_cached(
        "SELECT o.id FROM order_facts o JOIN packs p ON p.order_id = o.id
         WHERE o.status = 'cancelled' AND p.status <> 'cancelled'",
    )?;
    for id in stmt.query_map([], |r| r.get::<_, i64>("id"))? {
        out.push(format!(
            "packs: cancelled order #{} still holds its kit",
            id?
        ));
    }
    Ok(out)
}
