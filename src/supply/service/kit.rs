//! An order's kit as the order pages show it: the pack, the extra requests, what may be asked
//! for, where to collect it, and the order facts the kit section depends on.

use rusqlite::Connection;

use crate::supply::model::kit_point;
use crate::supply::store::packs::{self as packs, ExtraRequest, Pack};
use crate::supply::store::{self, Consumable, OrderFact};

#[derive(Debug, Clone, Default)]
pub struct Kit {
    pub pack: Option<Pack>,
    pub extras: Vec<ExtraRequest>,
    pub consumables: Vec<Consumable>,
    pub pickup_point: String,
    /// The order's facts, read with the kit (none when the kit was not loaded).
    pub order: Option<OrderFact>,
}

/// The order's kit; it is collected at its own point, or the first of `points`.
pub fn load(conn: &Connection, order_id: i64, points: &[String]) -> rusqlite::Result<Kit> {
    let pack = packs::pack_for_order(conn, order_id)?;
    let stored = pack.as_ref().and_then(|p| p.pickup_point.as_deref());
    Ok(Kit {
        pickup_point: kit_point(stored, points).to_string(),
        pack,
        extras: packs::extras_for_order(conn, order_id)?,
        consumables: store::consumables(conn)?,
        order: store::order_fact(conn, order_id)?,
    })
}
