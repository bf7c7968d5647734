//! What moving an order to another time changes beyond its status (offers, the worker, the
//! slot, a late move's fee), what its history records, and who hears of it. The schedule
//! decides whether the worker is kept and what the move costs (`schedule::service`).

use chrono::{DateTime, Utc};
use serde_json::json;

use crate::auth::model::Role;
use crate::billing::postings as billing;
use crate::config::Settings;
use crate::db::WriteTx;
use crate::error::AppError;
use crate::notify::model::{Attachment, Kind};
use crate::notify::service::{notify, notify_role};
use crate::orders::model::reminder::ReminderNote;
use crate::orders::model::{Actor, Facts, OfferStatus, Status};
use crate::orders::service::Command;
use crate::orders::service::notices::about;
use crate::orders::store::{self, Order, offers};

struct Move {
    to: DateTime<Utc>,
    keep_worker: bool,
    fee_minor: i64,
}

fn parts(cmd: &Command) -> Move {
    match cmd {
        Command::Reschedule {
            to,
            keep_worker,
            fee_minor,
        } => Move {
            to: *to,
            keep_worker: *keep_worker,
            fee_minor: *fee_minor,
        },
        _ => unreachable!("only a reschedule is a move"),
    }
}

/// The worker who loses the job in this move, if any.
fn lost_worker(facts: &Facts, keep_worker: bool) -> Option<i64> {
    facts
        .worker_id
        .filter(|_| facts.status == Status::Assigned && !keep_worker)
}

pub(super) fn effects(
    tx: &WriteTx,
    now: DateTime<Utc>,
    actor: Actor,
    order: &Order,
    facts: &Facts,
    cmd: &Command,
) -> Result<(), AppError> {
    let m = parts(cmd);
    let id = order.id;
    // An offer made for the old time is no longer what the worker was asked.
    offers::close_offers(tx, id, &[OfferStatus::Open], OfferStatus::Withdrawn, now)?;
    if lost_worker(facts, m.keep_worker).is_some() {
        // As a withdrawal: the pack stays with the order and follows it to whoever takes
        // it next (`supply::on_assigned`).
        offers::close_offers(
            tx,
            id,
            &[OfferStatus::Accepted],
            OfferStatus::Withdrawn,
            now,
        )?;
        store::set_worker(tx, id, None)?;
    }
    let end = m.to + chrono::Duration::minutes(order.duration_minutes);
    let move_no = store::moves_so_far(tx, id)? + 1;
    store::set_slot(tx, id, m.to, end, now)?;
    billing::late_move_fee(tx, order, move_no, m.fee_minor, actor.user_id(), now)?;
    Ok(())
}

/// From when to when (UTC instants), whether the assigned worker kept the job, and the fee.
pub(super) fn payload(order: &Order, facts: &Facts, cmd: &Command) -> serde_json::Value {
    let m = parts(cmd);
    let kept = (facts.status == Status::Assigned).then_some(m.keep_worker);
    json!({
        "from": order.scheduled_at,
        "to": m.to,
        "worker_id": facts.worker_id,
        "worker_kept": kept,
        "fee_minor": m.fee_minor,
    })
}

/// The client, the worker kept or lost, and the managers when the order lost its worker
/// hear the new time. A new worker hears through matching's ordinary offer.
pub(super) fn notices(
    conn: &WriteTx,
    settings: &Settings,
    now: DateTime<Utc>,
    order: &Order,
    before: &Facts,
    cmd: &Command,
) -> rusqlite::Result<()> {
    let m = parts(cmd);
    let moved = Order {
        scheduled_at: m.to,
        ..order.clone()
    };
    let id = order.id;
    // Like the order's confirmation, it says when the new slot's reminder comes.
    let mut to_client = about(&moved, Kind::OrderMoved)
        .link(format!("/client/orders/{id}"))
        .attach(Attachment::OrderCalendar(id));
    to_client
        .args
        .extend(ReminderNote::promised(&settings.orders, moved.scheduled_at, now).args());
    notify(conn, settings, now, order.client_id, &to_client)?;
    match (before.worker_id, lost_worker(before, m.keep_worker)) {
        (_, Some(lost)) => {
            notify(
                conn,
                settings,
                now,
                lost,
                &about(&moved, Kind::JobMovedAway),
            )?;
            let back = about(&moved, Kind::OrderMovedUnplaced).link(format!("/manage/orders/{id}"));
            notify_role(conn, settings, now, Role::Manager, &back)?;
        }
        (Some(kept), None) if before.status == Status::Assigned => {
            let job = about(&moved, Kind::JobMoved).link(format!("/worker/jobs/{id}"));
            notify(conn, settings, now, kept, &job)?;
        }
        _ => {}
    }
    Ok(())
}
