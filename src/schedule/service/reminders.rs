//! The reminder pass: each visit not yet started is reminded of once per slot, a window before
//! it, to its client and its assigned worker, in-app and by mail with the visit's calendar
//! file. The record and the notices are written in one transaction, so a retried pass finds
//! the record and tells no one twice.

use chrono::{DateTime, Duration, Utc};

use crate::config::Settings;
use crate::db::{Conn, WriteTx, write_tx};
use crate::error::AppError;
use crate::i18n::Arg;
use crate::notify::model::{Attachment, Kind};
use crate::notify::service::{Message, notify};
use crate::orders::model::Status;
use crate::orders::model::reminder::awaits_visit;
use crate::orders::store::Order;
use crate::schedule::model::reminders::{Decision, decide};
use crate::schedule::store::reminders as store;

/// What one pass decided.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct ReminderReport {
    pub sent: usize,
    pub skipped: usize,
}

/// Decides every slot whose reminder is due at `now`, each in its own transaction.
pub fn run_due(
    conn: &mut Conn,
    settings: &Settings,
    now: DateTime<Utc>,
) -> Result<ReminderReport, AppError> {
    let until = now + Duration::hours(settings.orders.reminder_hours);
    let mut report = ReminderReport::default();
    for order_id in store::undecided(conn, now, until)? {
        match write_tx(conn, |tx| decide_one(tx, settings, now, order_id))? {
            Decision::Send => report.sent += 1,
            Decision::Skip => report.skipped += 1,
            Decision::NotDue => {}
        }
    }
    Ok(report)
}

/// Reads the order again inside the transaction (it may have moved or been cancelled since
/// the pass listed it), records the decision and, when one is sent, tells its people.
fn decide_one(
    tx: &WriteTx,
    settings: &Settings,
    now: DateTime<Utc>,
    order_id: i64,
) -> Result<Decision, AppError> {
    let Some(order) = crate::orders::store::order(tx, order_id)?.filter(|o| awaits_visit(o.status))
    else {
        return Ok(Decision::NotDue);
    };
    let set_at =
        crate::orders::store::reminders::slot_set_at(tx, order_id)?.unwrap_or(order.created_at);
    let decision = decide(&settings.orders, order.scheduled_at, set_at, now);
    let outcome = match decision {
        Decision::NotDue => return Ok(decision),
        Decision::Skip => "skipped",
        Decision::Send => "sent",
    };
    if !store::record(tx, order_id, outcome, now)? {
        return Ok(Decision::NotDue);
    }
    if decision == Decision::Send {
        tell(tx, settings, now, &order)?;
    }
    Ok(decision)
}

/// The client, and the assigned worker when there is one, each with a link to their page of
/// the order and the visit's calendar file as each may see it.
fn tell(
    tx: &WriteTx,
    settings: &Settings,
    now: DateTime<Utc>,
    order: &Order,
) -> rusqlite::Result<()> {
    let id = order.id;
    let about = |kind| {
        crate::orders::service::notices::about(order, kind)
            .arg("address", Arg::Str(order.address_text.clone()))
    };
    let to_client: Message = about(Kind::VisitReminder)
        .link(format!("/client/orders/{id}"))
        .attach(Attachment::OrderCalendar(id));
    notify(tx, settings, now, order.client_id, &to_client)?;
    // Only a taken job's worker: an offer may still be declined.
    let worker = order.worker_id.filter(|_| order.status == Status::Assigned);
    if let Some(worker_id) = worker {
        let to_worker = about(Kind::JobReminder)
            .link(format!("/worker/jobs/{id}"))
            .attach(Attachment::JobCalendar(id));
        notify(tx, settings, now, worker_id, &to_worker)?;
    }
    // The order pages show that the reminder went out.
    tx.note(
        crate::live::Audience::User(order.client_id),
        format!("order-{id}"),
    );
    Ok(())
}
