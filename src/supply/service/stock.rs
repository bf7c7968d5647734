//! Stock use cases: every change of stock goes through `move_stock`, which refuses to go below
//! zero and tells managers once when a consumable falls to its reorder level.

use chrono::{DateTime, Utc};

use crate::auth::model::Role;
use crate::config::Settings;
use crate::db::{Conn, WriteTx, write_tx};
use crate::error::AppError;
use crate::i18n::Texts;
use crate::notify::model::Kind;
use crate::notify::service::{Message, notify_role};
use crate::supply::model::{Crossing, MovementKind, crossing};
use crate::supply::store::{self, NewMovement};

/// Appends one movement inside the caller's transaction; refuses (`AppError::Refused`) a
/// movement that would take stock below zero (the table's CHECK is the last line of defence,
/// this is the message).
pub fn move_stock(
    conn: &WriteTx,
    settings: &Settings,
    now: DateTime<Utc>,
    m: &NewMovement,
) -> Result<(), AppError> {
    let Some(item) = store::consumable(conn, m.consumable_id)? else {
        return Err(AppError::Refused("refuse-unknown-consumable"));
    };
    let after = item.on_hand + m.quantity;
    if after < 0 {
        return Err(AppError::Refused("refuse-stock-negative"));
    }
    store::insert_movement(conn, m, now)?;
    match crossing(after, item.reorder_level, item.low_notified) {
        Crossing::Down => {
            let msg = Message::new(Kind::StockLow)
                .arg("sku", item.sku.clone())
                .arg("item", item.name.arg())
                .arg("count", after)
                .link("/manage/stock");
            notify_role(conn, settings, now, Role::Manager, &msg)?;
            store::set_low_notified(conn, item.id, true)?;
        }
        Crossing::Up => store::set_low_notified(conn, item.id, false)?,
        Crossing::None => {}
    }
    Ok(())
}

/// A delivery arrived: adds `quantity` (positive) of the consumable.
pub fn receive(
    conn: &mut Conn,
    settings: &Settings,
    now: DateTime<Utc>,
    actor_id: i64,
    consumable_id: i64,
    quantity: i64,
    note: &str,
) -> Result<(), AppError> {
    write_tx(conn, |tx| {
        move_stock(
            tx,
            settings,
            now,
            &NewMovement {
                consumable_id,
                kind: MovementKind::Receipt,
                quantity,
                reason: note,
                order_id: None,
                actor_id: Some(actor_id),
            },
        )
    })
}

/// A stock-take correction (breakage, a miscount): signed, always with a reason.
pub fn adjust(
    conn: &mut Conn,
    settings: &Settings,
    now: DateTime<Utc>,
    actor_id: i64,
    consumable_id: i64,
    delta: i64,
    reason: &str,
) -> Result<(), AppError> {
    if reason.trim().is_empty() {
        return Err(AppError::Refused("refuse-reason-required"));
    }
    write_tx(conn, |tx| {
        move_stock(
            tx,
            settings,
            now,
            &NewMovement {
                consumable_id,
                kind: MovementKind::Adjustment,
                quantity: delta,
                reason: reason.trim(),
                order_id: None,
                actor_id: Some(actor_id),
            },
        )
    })
}

/// Adds a consumable with its opening stock as a receipt (so on hand = sum of movements from
/// the first unit); `None` when the SKU is taken.
pub fn add_consumable(
    conn: &WriteTx,
    settings: &Settings,
    now: DateTime<Utc>,
    new: &NewConsumable,
    actor_id: Option<i64>,
) -> Result<Option<i64>, AppError> {
    let Some(id) =
        store::insert_consumable(conn, &new.sku, &new.name, &new.unit, new.reorder_level, now)?
    else {
        return Ok(None);
    };
    if new.opening > 0 {
        // A positive receipt always fits, so this is never refused.
        move_stock(
            conn,
            settings,
            now,
            &NewMovement {
                consumable_id: id,
                kind: MovementKind::Receipt,
                quantity: new.opening,
                reason: "opening stock",
                order_id: None,
                actor_id,
            },
        )?;
    }
    Ok(Some(id))
}

/// A consumable as typed in and checked by the form.
#[derive(Debug, Clone)]
pub struct NewConsumable {
    pub sku: String,
    pub name: Texts,
    pub unit: Texts,
    pub reorder_level: i64,
    pub opening: i64,
}
