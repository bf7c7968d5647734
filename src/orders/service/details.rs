//! An order's pages' data: everything an order page may show, loaded for someone allowed
//! to see the order, with the history and the client's phone cut to what they may read.

use chrono::{DateTime, Utc};
use rusqlite::Connection;

use crate::catalogue::model::ChecklistItem;
use crate::catalogue::store as catalogue;
use crate::config::Settings;
use crate::error::AppError;
use crate::orders::model::reminder::{ReminderNote, awaits_visit};
use crate::orders::model::{Actor, Facts, Reader};
use crate::orders::service;
use crate::orders::store::records::{self, OrderFile, Report, Signature};
use crate::orders::store::{self, Event, Order};

/// Everything an order page may show; each audience's view picks its parts.
pub struct Details {
    pub order: Order,
    pub facts: Facts,
    pub events: Vec<Event>,
    pub report: Option<Report>,
    pub files: Vec<OrderFile>,
    pub signature: Option<Signature>,
    pub checklist: Vec<ChecklistItem>,
    pub offer_expires: Option<DateTime<Utc>>,
    pub kit: crate::supply::service::kit::Kit,
    /// The client's phone, for the assigned worker from assignment until the report is
    /// signed (`model::client_phone_shown`); `None` for everyone else and ever after.
    pub client_phone: Option<String>,
    /// The cancellation fee this order is charged, in percent (see
    /// `Order::cancellation_fee_percent_or`).
    pub fee_percent: i64,
    /// The reminder of the visit while it is ahead and not started; `None` otherwise.
    pub reminder: Option<ReminderNote>,
    /// The series this order is a visit of.
    pub series_id: Option<i64>,
}

/// What the order pages say of the present slot's reminder: what became of it once decided,
/// else what the confirmation promised.
fn reminder(
    conn: &Connection,
    settings: &Settings,
    order: &Order,
) -> rusqlite::Result<Option<ReminderNote>> {
    if !awaits_visit(order.status) {
        return Ok(None);
    }
    let hours = settings.orders.reminder_hours;
    if let Some((outcome, at)) = store::reminders::reminder_of_slot(conn, order.id)? {
        return Ok(Some(if outcome == "sent" {
            ReminderNote::Sent(at)
        } else {
            ReminderNote::TooClose { hours }
        }));
    }
    let set = store::reminders::slot_set_at(conn, order.id)?.unwrap_or(order.created_at);
    Ok(Some(ReminderNote::promised(
        &settings.orders,
        order.scheduled_at,
        set,
    )))
}

fn client_phone(
    conn: &Connection,
    actor: Actor,
    order: &Order,
) -> rusqlite::Result<Option<String>> {
    let assigned = matches!(actor, Actor::Worker(w) if order.worker_id == Some(w));
    if !assigned || !crate::orders::model::client_phone_shown(order.status) {
        return Ok(None);
    }
    let phone = crate::profile::store::phone(conn, order.client_id)?;
    Ok(Some(phone).filter(|p| !p.is_empty()))
}

/// The order's history as `reader` may read it: what staff alone read (who withdrew and
/// why) is left out here, so no page can show it to anyone else.
fn history_for(events: Vec<Event>, reader: Reader) -> Vec<Event> {
    events
        .into_iter()
        .map(|e| match e.action {
            Some(a) if !a.details_shown_to(reader) => Event {
                actor_name: None,
                reason: None,
                ..e
            },
            _ => e,
        })
        .collect()
}

/// Loads everything the order pages show, for someone allowed to see the order; anyone
/// else is told it does not exist.
pub fn details(
    conn: &Connection,
    actor: Actor,
    order_id: i64,
    settings: &Settings,
) -> Result<Details, AppError> {
    let facts = store::facts(conn, order_id)?.ok_or(AppError::NotFound)?;
    if !service::visible(&facts, actor) {
        return Err(AppError::NotFound);
    }
    let order = store::order(conn, order_id)?.ok_or(AppError::NotFound)?;
    Ok(Details {
        events: history_for(store::events(conn, order_id)?, Reader::of(actor)),
        report: records::report(conn, order_id)?,
        files: records::files(conn, order_id)?,
        signature: records::signature(conn, order_id)?,
        checklist: catalogue::checklist(conn, order.service_id)?,
        offer_expires: crate::orders::store::offers::open_offer_expiry(conn, order_id)?,
        // Clients never see the kit; staff and the worker do.
        kit: if matches!(actor, Actor::Client(_)) {
            Default::default()
        } else {
            crate::supply::service::kit::load(conn, order_id, &settings.supply.pickup_points)?
        },
        client_phone: client_phone(conn, actor, &order)?,
        series_id: store::series::series_of(conn, order_id)?,
        fee_percent: order.cancellation_fee_percent_or(settings.orders.cancellation_fee_percent),
        reminder: reminder(conn, settings, &order)?,
        facts,
        order,
    })
}
