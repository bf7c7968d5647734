//! Kit packing: a pack is created with the assignment (same transaction), then the packing
//! job reserves the bill of materials in one transaction, asks the bakery for a cookie outside
//! any transaction (same idempotency key on every try), and records the packed kit. A crash
//! between the steps leaves the pack `reserved`; the next pass only fetches the cookie.

use chrono::{DateTime, Utc};
use rusqlite::Connection;

use crate::auth::model::Role;
use crate::config::Settings;
use crate::db::{Pool, WriteTx, write_tx};
use crate::error::AppError;
use crate::notify::model::Kind;
use crate::notify::service::{notify, notify_role};
use crate::outside::OutsideCalls;
use crate::supply::model::{
    MovementKind, Need, PackStatus, bakery_backoff, fallback_fortune, kit_point, order_ref,
    shortages,
};
use crate::supply::service::bakery::{Bakery, fortunes};
use crate::supply::service::notices::about;
use crate::supply::service::stock::move_stock;
use crate::supply::store::packs::{self as packs, PackItem};
use crate::supply::store::{self, NewMovement};

/// The order became `assigned` (inside its transaction): its kit is to be packed, or, when it
/// changed hands, the kit now goes to the new worker.
pub fn on_assigned(
    conn: &Connection,
    order_id: i64,
    worker_id: i64,
    now: DateTime<Utc>,
) -> rusqlite::Result<()> {
    if !packs::insert_pack(conn, order_id, worker_id, now)? {
        packs::set_worker(conn, order_id, worker_id)?;
    }
    Ok(())
}

/// The order was cancelled (inside its transaction). Before the job started every material
/// that left stock comes back. After the start `returned` says how many of each consumable
/// came back (more than was issued counts as all of it); the rest was used up on the job:
/// no movement (it left the shelf when packed), recorded in `kit_returns` either way.
pub fn on_cancelled(
    conn: &WriteTx,
    settings: &Settings,
    now: DateTime<Utc>,
    (order_id, actor_id): (i64, Option<i64>),
    returned: Option<&[(i64, i64)]>,
) -> Result<(), AppError> {
    let Some(pack) = packs::pack_for_order(conn, order_id)? else {
        return Ok(());
    };
    if pack.status == PackStatus::Cancelled {
        return Ok(());
    }
    if pack.status.holds_stock() {
        for item in &pack.items {
            let back = match returned {
                None => item.quantity,
                Some(stated) => stated
                    .iter()
                    .filter(|(id, _)| *id == item.consumable_id)
                    .map(|(_, n)| *n)
                    .sum::<i64>()
                    .clamp(0, item.quantity),
            };
            if back > 0 {
                let movement = NewMovement {
                    consumable_id: item.consumable_id,
                    kind: MovementKind::Return,
                    quantity: back,
                    reason: "order cancelled",
                    order_id: Some(order_id),
                    actor_id,
                };
                // A return only adds, so it cannot be refused.
                move_stock(conn, settings, now, &movement)?;
            }
            if returned.is_some() {
                let line = (item.consumable_id, item.quantity, back);
                packs::insert_return(conn, order_id, line, actor_id, now)?;
            }
        }
    }
    packs::set_status(conn, pack.id, PackStatus::Cancelled)?;
    Ok(())
}

/// What one packing pass did.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct PackingReport {
    pub reserved: usize,
    pub short: usize,
    pub packed: usize,
    pub fallback: usize,
    pub bakery_failures: usize,
}

/// The outside systems packing calls, and when to stop early (shutdown).
pub struct Outside<'a> {
    pub bakery: &'a dyn Bakery,
    pub limit: &'a OutsideCalls,
    pub stop: &'a dyn Fn() -> bool,
}

/// Moves every due pack as far as it can go. Blocking; safe to run twice or concurrently.
/// No pooled connection is held while the bakery is asked: a slow bakery must not starve
/// the web of connections. Stops between two kits once `stop` says so.
pub fn run_due(
    pool: &Pool,
    settings: &Settings,
    outside: &Outside,
    now: DateTime<Utc>,
) -> Result<PackingReport, AppError> {
    let mut report = PackingReport::default();
    let due = packs::due_pack_ids(&*connection(pool)?, now)?;
    for pack_id in due {
        if (outside.stop)() {
            break;
        }
        let reserved = write_tx(&mut *connection(pool)?, |tx| {
            reserve(tx, settings, now, pack_id)
        })?;
        match reserved {
            Reserve::Short => {
                report.short += 1;
                continue;
            }
            Reserve::Reserved => report.reserved += 1,
            Reserve::AlreadyReserved => {}
            Reserve::Gone => continue,
        }
        fetch_cookie(pool, settings, outside, now, pack_id, &mut report)?;
    }
    Ok(report)
}

fn connection(pool: &Pool) -> Result<crate::db::PooledConn, AppError> {
    Ok(pool.get().map_err(anyhow::Error::from)?)
}

enum Reserve {
    Reserved,
    AlreadyReserved,
    Short,
    /// Packed, issued or cancelled meanwhile (another pass, a cancellation).
    Gone,
}

/// Takes the whole bill of materials from stock, or marks the pack short (telling managers
/// the first time). One transaction: two packs racing for the last units serialize here.
fn reserve(
    tx: &WriteTx,
    settings: &Settings,
    now: DateTime<Utc>,
    pack_id: i64,
) -> Result<Reserve, AppError> {
    let Some(pack) = packs::pack(tx, pack_id)? else {
        return Ok(Reserve::Gone);
    };
    match pack.status {
        PackStatus::Reserved => return Ok(Reserve::AlreadyReserved),
        PackStatus::Pending | PackStatus::Short => {}
        _ => return Ok(Reserve::Gone),
    }
    let order = store::order_fact(tx, pack.order_id)?.ok_or(AppError::NotFound)?;
    let materials = store::materials(tx, order.service_id)?;
    let needs: Vec<Need> = materials
        .iter()
        .map(|m| Need {
            consumable_id: m.consumable.id,
            quantity: m.quantity,
            on_hand: m.consumable.on_hand,
        })
        .collect();
    if !shortages(&needs).is_empty() {
        if !pack.short_notified {
            let msg = about(&order, Kind::KitShort).link("/manage/packs?status=short");
            notify_role(tx, settings, now, Role::Manager, &msg)?;
        }
        packs::mark_short(tx, pack.id, true)?;
        return Ok(Reserve::Short);
    }
    let mut items = Vec::with_capacity(materials.len());
    for m in &materials {
        let take = NewMovement {
            consumable_id: m.consumable.id,
            kind: MovementKind::Pack,
            quantity: -m.quantity,
            reason: "",
            order_id: Some(pack.order_id),
            actor_id: None,
        };
        if let Err(e) = move_stock(tx, settings, now, &take) {
            if e.refusal().is_none() {
                return Err(e);
            }
            // Checked above in the same transaction; refuse loudly rather than pack half.
            return Err(AppError::Internal(anyhow::anyhow!(
                "stock moved under a reservation"
            )));
        }
        items.push(PackItem {
            consumable_id: m.consumable.id,
            sku: m.consumable.sku.clone(),
            name: m.consumable.name.clone(),
            unit: m.consumable.unit.clone(),
            quantity: m.quantity,
        });
    }
    packs::mark_reserved(tx, pack.id, &items, now)?;
    Ok(Reserve::Reserved)
}

/// How long a claimed bakery call keeps other passes off the pack: longer than any call can
/// take, so only one call per kit is ever in flight; after a crash the next try waits it out.
fn bakery_lease(settings: &Settings) -> chrono::Duration {
    let timeout = chrono::Duration::from_std(settings.supply.bakery_timeout)
        .unwrap_or(chrono::Duration::minutes(1));
    timeout * 2 + chrono::Duration::minutes(1)
}

/// Asks the bakery, then records the cookie, the next try, or — after the last try — a
/// fortune from the local list with the pack flagged. The try is claimed and counted first
/// in its own short transaction (so a concurrent pass leaves the kit alone and a crash still
/// counts the call), the call holds no connection, and the outcome is written after.
fn fetch_cookie(
    pool: &Pool,
    settings: &Settings,
    outside: &Outside,
    now: DateTime<Utc>,
    pack_id: i64,
    report: &mut PackingReport,
) -> Result<(), AppError> {
    let lease_until = now + bakery_lease(settings);
    let claimed = write_tx(&mut *connection(pool)?, |tx| {
        packs::claim_bakery_call(tx, pack_id, now, lease_until)
    })?;
    let Some((order_id, attempts)) = claimed else {
        return Ok(()); // not due, or another pass is asking the bakery about this kit
    };
    let key = order_ref(order_id);
    let (cookie_id, text, fallback) = match outside.limit.run(|| outside.bakery.bake(&key, &key)) {
        Ok(cookie) => (cookie.id, cookie.prediction, false),
        Err(error) => {
            report.bakery_failures += 1;
            tracing::warn!(pack_id, attempts, %error, "bakery call failed");
            if attempts < settings.supply.bakery_max_attempts {
                let next = now + bakery_backoff(attempts);
                write_tx(&mut *connection(pool)?, |tx| {
                    packs::record_bakery_failure(tx, pack_id, next, &error.to_string())
                })?;
                return Ok(());
            }
            let text = fallback_fortune(&fortunes(), order_id).to_string();
            (format!("local-{order_id}"), text, true)
        }
    };
    let packed = write_tx(&mut *connection(pool)?, |tx| -> Result<bool, AppError> {
        if !packs::mark_packed(tx, pack_id, &cookie_id, &text, fallback, now)? {
            return Ok(false);
        }
        let order = store::order_fact(tx, order_id)?.ok_or(AppError::NotFound)?;
        if let Some(worker_id) = order.worker_id {
            // Read in this transaction: a manager may have moved the kit during the call.
            let stored = packs::pack(tx, pack_id)?.and_then(|p| p.pickup_point);
            let place = kit_point(stored.as_deref(), &settings.supply.pickup_points);
            let msg = about(&order, Kind::KitReady)
                .arg("place", place.to_string())
                .link(format!("/worker/jobs/{}", order.id));
            notify(tx, settings, now, worker_id, &msg)?;
        }
        if fallback {
            // The client gets a fortune the bakery did not bake: managers should know.
            let msg = about(&order, Kind::KitLocalFortune).link("/manage/packs");
            notify_role(tx, settings, now, Role::Manager, &msg)?;
        }
        Ok(true)
    })?;
    if packed {
        report.packed += 1;
        report.fallback += usize::from(fallback);
    }
    Ok(())
}

/// The worker received the kit (or a manager issued it), inside the order's transaction:
/// every item and the cookie are recorded as handed over. Refused (`AppError::Refused`) until
/// the kit is packed.
pub fn hand_over(
    conn: &Connection,
    now: DateTime<Utc>,
    order_id: i64,
    worker_id: i64,
    by: Option<i64>,
    role: &str,
) -> Result<(), AppError> {
    let Some(pack) =
        packs::pack_for_order(conn, order_id)?.filter(|p| p.status == PackStatus::Packed)
    else {
        return Err(AppError::Refused("refuse-kit-not-ready"));
    };
    let cookie = format!("cookie {}", pack.cookie_id.as_deref().unwrap_or("-"));
    let lines = pack
        .items
        .iter()
        .map(|i| (i.sku.as_str(), i.quantity))
        .chain(std::iter::once((cookie.as_str(), 1)));
    for (item, quantity) in lines {
        packs::insert_handover(
            conn,
            &packs::Handover {
                pack: &pack,
                worker_id,
                item,
                quantity,
                issued_by: by,
                issued_role: role,
            },
            now,
        )?;
    }
    packs::mark_issued(conn, pack.id, by, now)?;
    Ok(())
}
