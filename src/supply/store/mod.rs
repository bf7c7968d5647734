//! SQL of stock: consumables, movements and bills of materials, and the facts of an order
//! supply needs (read through the published `order_facts` view). Packs, handovers and extra
//! requests live in `packs`.

pub mod invariants;
pub mod packs;
pub mod points;

use crate::db::QueryRowCached;
use chrono::{DateTime, Utc};
use rusqlite::{Connection, OptionalExtension, params};

use super::model::MovementKind;
use crate::i18n::Texts;

#[derive(Debug, Clone)]
pub struct Consumable {
    pub id: i64,
    pub sku: String,
    pub name: Texts,
    pub unit: Texts,
    pub on_hand: i64,
    pub reorder_level: i64,
    pub low_notified: bool,
}

impl Consumable {
    pub fn is_low(&self) -> bool {
        self.on_hand <= self.reorder_level
    }
}

/// `name` and `unit` are the English texts, `name_ru` and `unit_ru` the Russian.
const CONSUMABLE_COLUMNS: &str =
    "id, sku, name, name_ru, unit, unit_ru, on_hand, reorder_level, low_notified";

/// A consumable's name and unit per language from the `name`, `name_ru`, `unit`, `unit_ru`
/// columns of a row.
pub(crate) fn name_unit(r: &rusqlite::Row) -> rusqlite::Result<(Texts, Texts)> {
    Ok((
        Texts::new(r.get::<_, String>("name")?, r.get::<_, String>("name_ru")?),
        Texts::new(r.get::<_, String>("unit")?, r.get::<_, String>("unit_ru")?),
    ))
}

fn consumable_row(r: &rusqlite::Row) -> rusqlite::Result<Consumable> {
    let (name, unit) = name_unit(r)?;
    Ok(Consumable {
        id: r.get("id")?,
        sku: r.get("sku")?,
        name,
        unit,
        on_hand: r.get("on_hand")?,
        reorder_level: r.get("reorder_level")?,
        low_notified: r.get("low_notified")?,
    })
}

/// Adds a consumable with nothing on hand; `None` when the SKU is taken.
pub fn insert_consumable(
    conn: &Connection,
    sku: &str,
    name: &Texts,
    unit: &Texts,
    reorder_level: i64,
    now: DateTime<Utc>,
) -> rusqlite::Result<Option<i64>> {
    let inserted = conn.execute(
        "INSERT INTO consumables (sku, name, name_ru, unit, unit_ru, reorder_level, created_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7) ON CONFLICT (sku) DO NOTHING",
        params![sku, name.en, name.ru, unit.en, unit.ru, reorder_level, now],
    )?;
    Ok((inserted == 1).then(|| conn.last_insert_rowid()))
}

pub fn consumables(conn: &Connection) -> rusqlite::Result<Vec<Consumable>> {
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT {CONSUMABLE_COLUMNS} FROM consumables ORDER BY sku"
    ))?;
    let rows = stmt.query_map([], consumable_row)?;
    rows.collect()
}

pub fn consumable(conn: &Connection, id: i64) -> rusqlite::Result<Option<Consumable>> {
    conn.query_row_cached(
        &format!("SELECT {CONSUMABLE_COLUMNS} FROM consumables WHERE id = ?1"),
        [id],
        consumable_row,
    )
    .optional()
}

pub fn consumable_by_sku(conn: &Connection, sku: &str) -> rusqlite::Result<Option<Consumable>> {
    conn.query_row_cached(
        &format!("SELECT {CONSUMABLE_COLUMNS} FROM consumables WHERE sku = ?1"),
        [sku],
        consumable_row,
    )
    .optional()
}

pub fn set_low_notified(conn: &Connection, id: i64, notified: bool) -> rusqlite::Result<()> {
    conn.execute(
        "UPDATE consumables SET low_notified = ?2 WHERE id = ?1",
        params![id, notified],
    )?;
    Ok(())
}

pub fn set_reorder_level(conn: &Connection, id: i64, level: i64) -> rusqlite::Result<bool> {
    Ok(conn.execute(
        "UPDATE consumables SET reorder_level = ?2 WHERE id = ?1",
        params![id, level],
    )? == 1)
}

pub struct NewMovement<'a> {
    pub consumable_id: i64,
    pub kind: MovementKind,
    pub quantity: i64,
    pub reason: &'a str,
    pub order_id: Option<i64>,
    pub actor_id: Option<i64>,
}

/// Appends a movement; the table's trigger moves `on_hand` with it.
pub fn insert_movement(
    conn: &Connection,
    m: &NewMovement,
    now: DateTime<Utc>,
) -> rusqlite::Result<i64> {
    conn.execute(
        "INSERT INTO stock_movements (consumable_id, kind, quantity, reason, order_id, actor_id, created_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
        params![
            m.consumable_id,
            m.kind,
            m.quantity,
            m.reason,
            m.order_id,
            m.actor_id,
            now
        ],
    )?;
    Ok(conn.last_insert_rowid())
}

#[derive(Debug, Clone)]
pub struct Movement {
    pub id: i64,
    pub sku: String,
    pub name: Texts,
    pub kind: MovementKind,
    pub quantity: i64,
    pub reason: String,
    pub order_id: Option<i64>,
    pub actor: Option<String>,
    pub at: DateTime<Utc>,
}

/// Which movements to list.
#[derive(Debug, Clone, Default)]
pub struct MovementFilter {
    pub consumable_id: Option<i64>,
    pub kind: Option<MovementKind>,
    pub order_id: Option<i64>,
}

/// One page of movements, newest first, and how many match in all.
pub fn movements(
    conn: &Connection,
    f: &MovementFilter,
    limit: i64,
    offset: i64,
) -> rusqlite::Result<(Vec<Movement>, i64)> {
    let filter = "(?1 IS NULL OR m.consumable_id = ?1) AND (?2 IS NULL OR m.kind = ?2)
                  AND (?3 IS NULL OR m.order_id = ?3)";
    let args = params![f.consumable_id, f.kind, f.order_id];
    let total = conn.query_row_cached(
        &format!("SELECT COUNT(*) FROM stock_movements m WHERE {filter}"),
        args,
        |r| r.get(0),
    )?;
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT m.id, c.sku, c.name, c.name_ru, m.kind, m.quantity, m.reason, m.order_id, u.name AS actor,
                m.created_at
         FROM stock_movements m JOIN consumables c ON c.id = m.consumable_id
         LEFT JOIN people u ON u.id = m.actor_id
         WHERE {filter} ORDER BY m.id DESC LIMIT ?4 OFFSET ?5"
    ))?;
    let rows = stmt.query_map(
        params![f.consumable_id, f.kind, f.order_id, limit, offset],
        |r| {
            Ok(Movement {
                id: r.get("id")?,
                sku: r.get("sku")?,
                name: Texts::new(r.get::<_, String>("name")?, r.get::<_, String>("name_ru")?),
                kind: r.get("kind")?,
                quantity: r.get("quantity")?,
                reason: r.get("reason")?,
                order_id: r.get("order_id")?,
                actor: r.get("actor")?,
                at: r.get("created_at")?,
            })
        },
    )?;
    Ok((rows.collect::<Result<_, _>>()?, total))
}

/// One line of a service's bill of materials, with the consumable's stock.
#[derive(Debug, Clone)]
pub struct Material {
    pub consumable: Consumable,
    pub quantity: i64,
}

pub fn materials(conn: &Connection, service_id: i64) -> rusqlite::Result<Vec<Material>> {
    let mut stmt = conn.prepare_cached(
        "SELECT c.id, c.sku, c.name, c.name_ru, c.unit, c.unit_ru, c.on_hand, c.reorder_level, c.low_notified, m.quantity
         FROM service_materials m JOIN consumables c ON c.id = m.consumable_id
         WHERE m.service_id = ?1 ORDER BY c.sku",
    )?;
    let rows = stmt.query_map([service_id], |r| {
        Ok(Material {
            consumable: consumable_row(r)?,
            quantity: r.get("quantity")?,
        })
    })?;
    rows.collect()
}

/// Sets how much of a consumable one order of the service takes (replacing any line).
pub fn set_material(
    conn: &Connection,
    service_id: i64,
    consumable_id: i64,
    quantity: i64,
) -> rusqlite::Result<()> {
    conn.execute(
        "INSERT INTO service_materials (service_id, consumable_id, quantity) VALUES (?1, ?2, ?3)
         ON CONFLICT (service_id, consumable_id) DO UPDATE SET quantity = excluded.quantity",
        params![service_id, consumable_id, quantity],
    )?;
    Ok(())
}

pub fn remove_material(
    conn: &Connection,
    service_id: i64,
    consumable_id: i64,
) -> rusqlite::Result<bool> {
    Ok(conn.execute(
        "DELETE FROM service_materials WHERE service_id = ?1 AND consumable_id = ?2",
        params![service_id, consumable_id],
    )? == 1)
}

// Read by quality.

/// Services whose kits could not be packed for lack of stock at least `min` times since
/// `from`: (service id, English name, short kits), the most first.
pub fn short_kits_by_service(
    conn: &Connection,
    from: DateTime<Utc>,
    min: i64,
) -> rusqlite::Result<Vec<(i64, String, i64)>> {
    let mut stmt = conn.prepare_cached(
        // The window's short packs first (CROSS JOIN keeps that order, over `packs_short`).
        "SELECT s.id, s.name_en, COUNT(*) AS short_kits
         FROM packs p CROSS JOIN order_facts o ON o.id = p.order_id
         CROSS JOIN service_names s ON s.id = o.service_id
         WHERE p.short_notified = 1 AND p.created_at >= ?1
         GROUP BY s.id HAVING COUNT(*) >= ?2 ORDER BY COUNT(*) DESC",
    )?;
    stmt.query_map(params![from, min], |r| {
        Ok((r.get("id")?, r.get("name_en")?, r.get("short_kits")?))
    })?
    .collect()
}

/// What supply needs to know of an order: who does it, when, which service (for the bill of
/// materials and the texts), and whether the job is ahead or under way.
#[derive(Debug, Clone)]
pub struct OrderFact {
    pub id: i64,
    pub worker_id: Option<i64>,
    pub service_id: i64,
    pub service_en: String,
    pub service_ru: String,
    pub scheduled_at: DateTime<Utc>,
    /// Assigned: the kit is still to be handed over.
    pub assigned: bool,
    /// Assigned or in progress: the worker may still ask for extras.
    pub under_way: bool,
    pub kit_received_at: Option<DateTime<Utc>>,
}

pub fn order_fact(conn: &Connection, order_id: i64) -> rusqlite::Result<Option<OrderFact>> {
    conn.query_row_cached(
        "SELECT o.id, o.worker_id, o.service_id, s.name_en, s.name_ru, o.scheduled_at,
                o.status = 'assigned' AS assigned,
                o.status IN ('assigned', 'in_progress') AS under_way, o.kit_received_at
         FROM order_facts o JOIN service_names s ON s.id = o.service_id WHERE o.id = ?1",
        [order_id],
        |r| {
            Ok(OrderFact {
                id: r.get("id")?,
                worker_id: r.get("worker_id")?,
                service_id: r.get("service_id")?,
                service_en: r.get("name_en")?,
                service_ru: r.get("name_ru")?,
                scheduled_at: r.get("scheduled_at")?,
                assigned: r.get("assigned")?,
                under_way: r.get("under_way")?,
                kit_received_at: r.get("kit_received_at")?,
            })
        },
    )
    .optional()
}

/// Whether the catalogue has the service (read through `service_names`).
pub fn service_exists(conn: &Connection, service_id: i64) -> rusqlite::Result<bool> {
    conn.query_row_cached(
        "SELECT EXISTS (SELECT 1 FROM service_names WHERE id = ?1)",
        [service_id],
        |r| r.get(0),
    )
}

/// Whether any service has a bill of materials (the admin's checklist).
pub fn any_bill_of_materials(conn: &Connection) -> rusqlite::Result<bool> {
    conn.query_row_cached("SELECT EXISTS (SELECT 1 FROM service_materials)", [], |r| {
        r.get(0)
    })
}
