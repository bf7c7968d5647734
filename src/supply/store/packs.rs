//! SQL of kits: packs, the handover record and workers' requests for extra consumables.

use crate::db::QueryRowCached;
use chrono::{DateTime, Utc};
use rusqlite::{Connection, OptionalExtension, params};
use serde::{Deserialize, Serialize};

use crate::i18n::Texts;
use crate::supply::model::{ExtraStatus, PackStatus};

/// One line of a packed kit, frozen when the materials left stock (name and unit in every
/// language; kits packed before are read as English).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PackItem {
    pub consumable_id: i64,
    pub sku: String,
    pub name: Texts,
    pub unit: Texts,
    pub quantity: i64,
}

#[derive(Debug, Clone)]
pub struct Pack {
    pub id: i64,
    pub order_id: i64,
    pub worker_id: Option<i64>,
    pub status: PackStatus,
    pub items: Vec<PackItem>,
    pub cookie_id: Option<String>,
    pub cookie_text: Option<String>,
    pub fallback_cookie: bool,
    pub bakery_attempts: u32,
    pub next_attempt_at: Option<DateTime<Utc>>,
    pub last_error: Option<String>,
    pub short_notified: bool,
    pub packed_at: Option<DateTime<Utc>>,
    pub issued_at: Option<DateTime<Utc>>,
    pub created_at: DateTime<Utc>,
    /// Where it is to be collected; none means the first pickup point (`model::kit_point`).
    pub pickup_point: Option<String>,
}

const PACK_COLUMNS: &str = "id, order_id, worker_id, status, items_json, cookie_id, cookie_text,
    fallback_cookie, bakery_attempts, next_attempt_at, last_error, short_notified, packed_at,
    issued_at, created_at, pickup_point";

fn pack_row(r: &rusqlite::Row) -> rusqlite::Result<Pack> {
    let items: String = r.get("items_json")?;
    Ok(Pack {
        id: r.get("id")?,
        order_id: r.get("order_id")?,
        worker_id: r.get("worker_id")?,
        status: r.get("status")?,
        items: serde_json::from_str(&items).unwrap_or_default(),
        cookie_id: r.get("cookie_id")?,
        cookie_text: r.get("cookie_text")?,
        fallback_cookie: r.get("fallback_cookie")?,
        bakery_attempts: r.get("bakery_attempts")?,
        next_attempt_at: r.get("next_attempt_at")?,
        last_error: r.get("last_error")?,
        short_notified: r.get("short_notified")?,
        packed_at: r.get("packed_at")?,
        issued_at: r.get("issued_at")?,
        created_at: r.get("created_at")?,
        pickup_point: r.get("pickup_point")?,
    })
}

/// Creates the order's pack in `pending`; nothing when it has one already.
pub fn insert_pack(
    conn: &Connection,
    order_id: i64,
    worker_id: i64,
    now: DateTime<Utc>,
) -> rusqlite::Result<bool> {
    Ok(conn.execute(
        "INSERT INTO packs (order_id, worker_id, status, created_at) VALUES (?1, ?2, ?4, ?3)
         ON CONFLICT (order_id) DO NOTHING",
        params![order_id, worker_id, now, PackStatus::Pending],
    )? == 1)
}

pub fn pack_for_order(conn: &Connection, order_id: i64) -> rusqlite::Result<Option<Pack>> {
    conn.query_row_cached(
        &format!("SELECT {PACK_COLUMNS} FROM packs WHERE order_id = ?1"),
        [order_id],
        pack_row,
    )
    .optional()
}

pub fn pack(conn: &Connection, id: i64) -> rusqlite::Result<Option<Pack>> {
    conn.query_row_cached(
        &format!("SELECT {PACK_COLUMNS} FROM packs WHERE id = ?1"),
        [id],
        pack_row,
    )
    .optional()
}

/// Packs the packing job should move now: waiting for stock, or for a cookie whose retry
/// time has come. Oldest appointment first, so the earliest job gets scarce stock.
pub fn due_pack_ids(conn: &Connection, now: DateTime<Utc>) -> rusqlite::Result<Vec<i64>> {
    let mut stmt = conn.prepare_cached(
        "SELECT p.id FROM packs p JOIN order_facts o ON o.id = p.order_id
         WHERE p.status IN ('pending', 'short', 'reserved')
           AND (p.next_attempt_at IS NULL OR p.next_attempt_at <= ?1)
         ORDER BY o.scheduled_at, p.id",
    )?;
    let rows = stmt.query_map([now], |r| r.get("id"))?;
    rows.collect()
}

pub fn set_worker(conn: &Connection, order_id: i64, worker_id: i64) -> rusqlite::Result<()> {
    conn.execute(
        "UPDATE packs SET worker_id = ?2,
             status = CASE status WHEN 'issued' THEN 'packed' ELSE status END,
             issued_at = CASE status WHEN 'issued' THEN NULL ELSE issued_at END,
             issued_by = CASE status WHEN 'issued' THEN NULL ELSE issued_by END
         WHERE order_id = ?1",
        params![order_id, worker_id],
    )?;
    Ok(())
}

pub fn set_status(conn: &Connection, id: i64, status: PackStatus) -> rusqlite::Result<()> {
    conn.execute(
        "UPDATE packs SET status = ?2 WHERE id = ?1",
        params![id, status],
    )?;
    Ok(())
}

pub fn mark_short(conn: &Connection, id: i64, notified: bool) -> rusqlite::Result<()> {
    conn.execute(
        "UPDATE packs SET status = 'short', short_notified = ?2 WHERE id = ?1",
        params![id, notified],
    )?;
    Ok(())
}

pub fn mark_reserved(
    conn: &Connection,
    id: i64,
    items: &[PackItem],
    now: DateTime<Utc>,
) -> rusqlite::Result<()> {
    let json = serde_json::to_string(items).expect("items serialize");
    conn.execute(
        "UPDATE packs SET status = 'reserved', items_json = ?2, reserved_at = ?3 WHERE id = ?1",
        params![id, json, now],
    )?;
    Ok(())
}

pub fn mark_packed(
    conn: &Connection,
    id: i64,
    cookie_id: &str,
    cookie_text: &str,
    fallback: bool,
    now: DateTime<Utc>,
) -> rusqlite::Result<bool> {
    Ok(conn.execute(
        "UPDATE packs SET status = 'packed', cookie_id = ?2, cookie_text = ?3,
             fallback_cookie = ?4, packed_at = ?5, packed_by = 'packing job',
             next_attempt_at = NULL
         WHERE id = ?1 AND status = 'reserved'",
        params![id, cookie_id, cookie_text, fallback, now],
    )? == 1)
}

/// Claims the next bakery call for a reserved pack whose retry time has come: counts the
/// try (from the row, not from an earlier read) and keeps other passes off it until
/// `lease_until`. Returns the order and the try's number; `None` when it is not due.
pub fn claim_bakery_call(
    conn: &Connection,
    id: i64,
    now: DateTime<Utc>,
    lease_until: DateTime<Utc>,
) -> rusqlite::Result<Option<(i64, u32)>> {
    conn.query_row_cached(
        "UPDATE packs SET bakery_attempts = bakery_attempts + 1, next_attempt_at = ?3
         WHERE id = ?1 AND status = 'reserved'
           AND (next_attempt_at IS NULL OR next_attempt_at <= ?2)
         RETURNING order_id, bakery_attempts",
        params![id, now, lease_until],
        |r| Ok((r.get("order_id")?, r.get("bakery_attempts")?)),
    )
    .optional()
}

/// A claimed call failed: the next try waits until `next_attempt_at`.
pub fn record_bakery_failure(
    conn: &Connection,
    id: i64,
    next_attempt_at: DateTime<Utc>,
    error: &str,
) -> rusqlite::Result<()> {
    conn.execute(
        "UPDATE packs SET next_attempt_at = ?2, last_error = ?3
         WHERE id = ?1 AND status = 'reserved'",
        params![id, next_attempt_at, error],
    )?;
    Ok(())
}

pub fn mark_issued(
    conn: &Connection,
    id: i64,
    by: Option<i64>,
    now: DateTime<Utc>,
) -> rusqlite::Result<()> {
    conn.execute(
        "UPDATE packs SET status = 'issued', issued_at = ?3, issued_by = ?2 WHERE id = ?1",
        params![id, by, now],
    )?;
    Ok(())
}

pub struct Handover<'a> {
    pub pack: &'a Pack,
    pub worker_id: i64,
    pub item: &'a str,
    pub quantity: i64,
    pub issued_by: Option<i64>,
    pub issued_role: &'a str,
}

pub fn insert_handover(
    conn: &Connection,
    h: &Handover,
    now: DateTime<Utc>,
) -> rusqlite::Result<()> {
    conn.execute(
        "INSERT INTO kit_handovers (pack_id, order_id, worker_id, item, quantity, issued_by, issued_role, issued_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
        params![
            h.pack.id,
            h.pack.order_id,
            h.worker_id,
            h.item,
            h.quantity,
            h.issued_by,
            h.issued_role,
            now
        ],
    )?;
    Ok(())
}

/// Counts of packs by status (the managers' overview).
pub fn pack_counts(conn: &Connection) -> rusqlite::Result<Vec<(PackStatus, i64)>> {
    let mut stmt =
        conn.prepare_cached("SELECT status, COUNT(*) AS n FROM packs GROUP BY status")?;
    let rows = stmt.query_map([], |r| Ok((r.get("status")?, r.get("n")?)))?;
    rows.collect()
}

/// A pack with what the managers' list shows of its order.
#[derive(Debug, Clone)]
pub struct PackLine {
    pub pack: Pack,
    pub scheduled_at: DateTime<Utc>,
    pub worker_name: Option<String>,
}

pub fn packs(
    conn: &Connection,
    status: Option<PackStatus>,
    limit: i64,
    offset: i64,
) -> rusqlite::Result<(Vec<PackLine>, i64)> {
    let total = conn.query_row_cached(
        "SELECT COUNT(*) FROM packs WHERE ?1 IS NULL OR status = ?1",
        [status],
        |r| r.get(0),
    )?;
    let columns = PACK_COLUMNS
        .split(',')
        .map(|c| format!("p.{}", c.trim()))
        .collect::<Vec<_>>()
        .join(", ");
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT {columns}, o.scheduled_at, u.name AS worker_name FROM packs p
         JOIN order_facts o ON o.id = p.order_id LEFT JOIN people u ON u.id = p.worker_id
         WHERE ?1 IS NULL OR p.status = ?1
         ORDER BY o.scheduled_at DESC, p.id DESC LIMIT ?2 OFFSET ?3"
    ))?;
    let rows = stmt.query_map(params![status, limit, offset], |r| {
        Ok(PackLine {
            pack: pack_row(r)?,
            scheduled_at: r.get("scheduled_at")?,
            worker_name: r.get("worker_name")?,
        })
    })?;
    Ok((rows.collect::<Result<_, _>>()?, total))
}

#[derive(Debug, Clone)]
pub struct ExtraRequest {
    pub id: i64,
    pub order_id: i64,
    pub worker_id: i64,
    pub worker_name: String,
    pub consumable_id: i64,
    pub sku: String,
    pub item: Texts,
    pub unit: Texts,
    pub quantity: i64,
    pub note: String,
    pub status: ExtraStatus,
    pub refuse_reason: Option<String>,
    pub created_at: DateTime<Utc>,
}

const EXTRA_SELECT: &str = "SELECT e.id, e.order_id, e.worker_id, u.name AS worker_name, e.consumable_id,
    c.sku, c.name, c.name_ru, c.unit, c.unit_ru, e.quantity, e.note, e.status, e.refuse_reason, e.created_at
    FROM extra_requests e JOIN consumables c ON c.id = e.consumable_id JOIN people u ON u.id = e.worker_id";

fn extra_row(r: &rusqlite::Row) -> rusqlite::Result<ExtraRequest> {
    let (item, unit) = super::name_unit(r)?;
    Ok(ExtraRequest {
        id: r.get("id")?,
        order_id: r.get("order_id")?,
        worker_id: r.get("worker_id")?,
        worker_name: r.get("worker_name")?,
        consumable_id: r.get("consumable_id")?,
        sku: r.get("sku")?,
        item,
        unit,
        quantity: r.get("quantity")?,
        note: r.get("note")?,
        status: r.get("status")?,
        refuse_reason: r.get("refuse_reason")?,
        created_at: r.get("created_at")?,
    })
}

pub fn insert_extra(
    conn: &Connection,
    order_id: i64,
    worker_id: i64,
    consumable_id: i64,
    quantity: i64,
    note: &str,
    now: DateTime<Utc>,
) -> rusqlite::Result<i64> {
    conn.execute(
        "INSERT INTO extra_requests (order_id, worker_id, consumable_id, quantity, note, created_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
        params![order_id, worker_id, consumable_id, quantity, note, now],
    )?;
    Ok(conn.last_insert_rowid())
}

pub fn extra(conn: &Connection, id: i64) -> rusqlite::Result<Option<ExtraRequest>> {
    conn.query_row_cached(&format!("{EXTRA_SELECT} WHERE e.id = ?1"), [id], extra_row)
        .optional()
}

pub fn extras_for_order(conn: &Connection, order_id: i64) -> rusqlite::Result<Vec<ExtraRequest>> {
    let mut stmt = conn.prepare_cached(&format!(
        "{EXTRA_SELECT} WHERE e.order_id = ?1 ORDER BY e.id"
    ))?;
    let rows = stmt.query_map([order_id], extra_row)?;
    rows.collect()
}

pub fn pending_extras(conn: &Connection) -> rusqlite::Result<Vec<ExtraRequest>> {
    let mut stmt =
        conn.prepare_cached(&format!("{EXTRA_SELECT} WHERE e.status = ?1 ORDER BY e.id"))?;
    let rows = stmt.query_map([ExtraStatus::Pending], extra_row)?;
    rows.collect()
}

/// Decides a pending request; false when it was decided already (a double click, a race).
pub fn decide_extra(
    conn: &Connection,
    id: i64,
    approved: bool,
    by: i64,
    reason: Option<&str>,
    now: DateTime<Utc>,
) -> rusqlite::Result<bool> {
    Ok(conn.execute(
        "UPDATE extra_requests SET status = ?2, decided_by = ?3, decided_at = ?4, refuse_reason = ?5
         WHERE id = ?1 AND status = ?6",
        params![
            id,
            if approved {
                ExtraStatus::Approved
            } else {
                ExtraStatus::Refused
            },
            by,
            now,
            reason,
            ExtraStatus::Pending
        ],
    )? == 1)
}

/// What came back of one issued consumable when a started job was cancelled (the rest was
/// used up): `(consumable, issued, returned)`.
pub fn insert_return(
    conn: &Connection,
    order_id: i64,
    (consumable_id, issued, returned): (i64, i64, i64),
    recorded_by: Option<i64>,
    now: DateTime<Utc>,
) -> rusqlite::Result<()> {
    conn.execute(
        "INSERT INTO kit_returns (order_id, consumable_id, issued, returned, consumed, recorded_by, recorded_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)
         ON CONFLICT (order_id, consumable_id) DO NOTHING",
        params![order_id, consumable_id, issued, returned, issued - returned, recorded_by, now],
    )?;
    Ok(())
}
