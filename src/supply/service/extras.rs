//! Extra consumables a worker asks for on a job; a manager approves (the units leave stock
//! and are recorded as handed over) or refuses with a reason.

use chrono::{DateTime, Utc};

use crate::auth::model::Role;
use crate::config::Settings;
use crate::db::{Conn, write_tx};
use crate::error::AppError;
use crate::notify::model::Kind;
use crate::notify::service::{notify, notify_role};
use crate::supply::model::{ExtraStatus, MovementKind};
use crate::supply::service::notices::about;
use crate::supply::service::stock::move_stock;
use crate::supply::store::packs::{self as packs, Handover};
use crate::supply::store::{self, NewMovement};

pub struct ExtraAsk {
    pub order_id: i64,
    pub consumable_id: i64,
    pub quantity: i64,
    pub note: String,
}

/// The worker on the order asks for more; only while the job is ahead or under way.
pub fn request(
    conn: &mut Conn,
    settings: &Settings,
    now: DateTime<Utc>,
    worker_id: i64,
    ask: &ExtraAsk,
) -> Result<i64, AppError> {
    write_tx(conn, |tx| {
        let order = store::order_fact(tx, ask.order_id)?.ok_or(AppError::NotFound)?;
        if order.worker_id != Some(worker_id) {
            return Err(AppError::NotFound);
        }
        if !order.under_way {
            return Err(AppError::Refused("refuse-not-now"));
        }
        if store::consumable(tx, ask.consumable_id)?.is_none() {
            return Err(AppError::Refused("refuse-unknown-consumable"));
        }
        let id = packs::insert_extra(
            tx,
            ask.order_id,
            worker_id,
            ask.consumable_id,
            ask.quantity,
            &ask.note,
            now,
        )?;
        let msg = about(&order, Kind::ExtraRequested).link("/manage/packs");
        notify_role(tx, settings, now, Role::Manager, &msg)?;
        Ok(id)
    })
}

/// A manager's answer: approve takes the units from stock, refuse needs a reason. A request
/// already answered is not answered again.
pub fn decide(
    conn: &mut Conn,
    settings: &Settings,
    now: DateTime<Utc>,
    manager_id: i64,
    request_id: i64,
    approve: bool,
    reason: &str,
) -> Result<(), AppError> {
    let reason = reason.trim();
    if !approve && reason.is_empty() {
        return Err(AppError::Refused("refuse-reason-required"));
    }
    write_tx(conn, |tx| {
        let req = packs::extra(tx, request_id)?.ok_or(AppError::NotFound)?;
        if req.status != ExtraStatus::Pending {
            return Err(AppError::Refused("refuse-already-decided"));
        }
        if approve {
            let take = NewMovement {
                consumable_id: req.consumable_id,
                kind: MovementKind::Extra,
                quantity: -req.quantity,
                reason: "extra for a job",
                order_id: Some(req.order_id),
                actor_id: Some(manager_id),
            };
            move_stock(tx, settings, now, &take)?;
            if let Some(pack) = packs::pack_for_order(tx, req.order_id)? {
                packs::insert_handover(
                    tx,
                    &Handover {
                        pack: &pack,
                        worker_id: req.worker_id,
                        item: &req.sku,
                        quantity: req.quantity,
                        issued_by: Some(manager_id),
                        issued_role: "manager",
                    },
                    now,
                )?;
            }
        }
        let refuse_reason = (!approve).then_some(reason);
        packs::decide_extra(tx, request_id, approve, manager_id, refuse_reason, now)?;
        let order = store::order_fact(tx, req.order_id)?.ok_or(AppError::NotFound)?;
        let kind = if approve {
            Kind::ExtraApproved
        } else {
            Kind::ExtraRefused
        };
        let msg = about(&order, kind)
            .arg("item", req.item.arg())
            .arg("count", req.quantity)
            .arg("reason", reason.to_string())
            .link(format!("/worker/jobs/{}", req.order_id));
        notify(tx, settings, now, req.worker_id, &msg)?;
        Ok(())
    })
}
