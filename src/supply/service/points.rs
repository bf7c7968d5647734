//! Where each kit is collected: with several pickup points the stock stays one and a manager
//! sends each kit to a point (the first unless chosen). Each choice is audited, and a worker
//! already told the kit is ready is told again where.

use std::collections::BTreeMap;

use chrono::{DateTime, Utc};
use rusqlite::Connection;
use serde_json::json;

use crate::config::Settings;
use crate::db::{Conn, write_tx};
use crate::error::AppError;
use crate::notify::model::Kind;
use crate::notify::service::notify;
use crate::supply::model::{PackStatus, kit_point};
use crate::supply::service::notices::about;
use crate::supply::store::{self, packs, points};

/// A manager sends the kit `pack_id` to `point`, one of the business's pickup points (or the
/// one it has, even when that point has left the settings since).
pub fn choose(
    conn: &mut Conn,
    settings: &Settings,
    now: DateTime<Utc>,
    manager_id: i64,
    pack_id: i64,
    point: &str,
) -> Result<(), AppError> {
    let all = &settings.supply.pickup_points;
    write_tx(conn, |tx| {
        let pack = packs::pack(tx, pack_id)?.ok_or(AppError::NotFound)?;
        let from = kit_point(pack.pickup_point.as_deref(), all).to_string();
        if point == from {
            return Ok(());
        }
        if !all.iter().any(|p| p == point) {
            return Err(AppError::Refused("refuse-unknown-pickup-point"));
        }
        if !pack.status.point_may_change() {
            return Err(AppError::Refused("refuse-kit-point-too-late"));
        }
        points::set_pickup_point(tx, pack_id, point)?;
        crate::audit::record(
            tx,
            now,
            Some(manager_id),
            "supply.pickup_point",
            &format!("order:{}", pack.order_id),
            json!({ "from": from, "to": point }),
        )?;
        let order = store::order_fact(tx, pack.order_id)?.ok_or(AppError::NotFound)?;
        if let (PackStatus::Packed, Some(worker_id)) = (pack.status, order.worker_id) {
            let msg = about(&order, Kind::KitReady)
                .arg("place", point.to_string())
                .link(format!("/worker/jobs/{}", order.id));
            notify(tx, settings, now, worker_id, &msg)?;
        }
        Ok(())
    })
}

/// The point of each of `order_ids`' kits that has one of its own (the rest go to the first).
pub fn stored_points(
    conn: &Connection,
    order_ids: &[i64],
) -> rusqlite::Result<BTreeMap<i64, String>> {
    points::stored_points(conn, order_ids)
}
