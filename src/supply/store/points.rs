//! SQL of where kits are collected: the point a manager chose for a kit, and the points of
//! several orders' kits at once (for the calendar feeds).

use std::collections::BTreeMap;

use rusqlite::{Connection, params};

pub fn set_pickup_point(conn: &Connection, pack_id: i64, point: &str) -> rusqlite::Result<()> {
    conn.execute(
        "UPDATE packs SET pickup_point = ?2 WHERE id = ?1",
        params![pack_id, point],
    )?;
    Ok(())
}

/// The stored point of each of `order_ids`' kits that has one (the others go to the first).
pub fn stored_points(
    conn: &Connection,
    order_ids: &[i64],
) -> rusqlite::Result<BTreeMap<i64, String>> {
    let mut stmt = conn.prepare_cached(
        "SELECT order_id, pickup_point FROM packs
         WHERE pickup_point IS NOT NULL
           AND order_id IN (SELECT value FROM json_each(?1))",
    )?;
    let ids = serde_json::to_string(order_ids).unwrap_or_else(|_| "[]".into());
    let rows = stmt.query_map([ids], |r| Ok((r.get(0)?, r.get(1)?)))?;
    rows.collect()
}
