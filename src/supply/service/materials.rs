//! Bills of materials: what one order of a service takes from stock.

use rusqlite::Connection;

use crate::db::{Conn, write_tx};
use crate::error::AppError;
use crate::supply::store::{self, Consumable, Material};

/// What the service page's section shows: the service's lines and every consumable to choose
/// from.
pub struct Bom {
    pub service_id: i64,
    pub lines: Vec<Material>,
    pub consumables: Vec<Consumable>,
}

pub fn load(conn: &Connection, service_id: i64) -> rusqlite::Result<Bom> {
    Ok(Bom {
        service_id,
        lines: store::materials(conn, service_id)?,
        consumables: store::consumables(conn)?,
    })
}

/// Sets one line of the service's bill; an unknown consumable is refused, an unknown service
/// is not found.
pub fn set_line(
    conn: &mut Conn,
    service_id: i64,
    consumable_id: i64,
    quantity: i64,
) -> Result<(), AppError> {
    write_tx(conn, |tx| -> Result<_, AppError> {
        if !store::service_exists(tx, service_id)? {
            return Err(AppError::NotFound);
        }
        if store::consumable(tx, consumable_id)?.is_none() {
            return Err(AppError::Refused("refuse-unknown-consumable"));
        }
        store::set_material(tx, service_id, consumable_id, quantity)?;
        Ok(())
    })
}
