//! Who hears about each order step, written in the step's transaction, and the calendar
//! the booking mail carries, written when the mail is sent.

use chrono::{DateTime, Utc};
use rusqlite::Connection;

use crate::auth::model::Role;
use crate::config::Settings;
use crate::db::WriteTx;
use crate::i18n::{Arg, Tr};
use crate::notify::model::Kind;
use crate::notify::service::{Message, notify, notify_role};
use crate::orders::model::{Facts, Status, feeds};
use crate::orders::service::Command;
use crate::orders::store::Order;

/// The appointment of order `id` for its booking mail, as the order stands at `stamp`;
/// `None` when the order is gone or its visit no longer ahead (as on the order page).
pub fn appointment_of(
    conn: &Connection,
    id: i64,
    tr: Tr,
    site: (&str, &str),
    stamp: DateTime<Utc>,
) -> rusqlite::Result<Option<String>> {
    Ok(crate::orders::store::order(conn, id)?
        .filter(|o| feeds::appointment_ahead(o.status))
        .map(|o| feeds::appointment(&o, tr, site, stamp)))
}

/// A message about `order`: its number, service and time fill the texts of every order kind.
pub fn about(order: &Order, kind: Kind) -> Message {
    Message::about_order(
        kind,
        order.id,
        (&order.service_en, &order.service_ru),
        order.scheduled_at,
    )
}

pub fn send(
    conn: &WriteTx,
    settings: &Settings,
    now: DateTime<Utc>,
    order: &Order,
    before: &Facts,
    cmd: &Command,
    to: Status,
) -> rusqlite::Result<()> {
    let id = order.id;
    let base = |kind: Kind| about(order, kind);
    let client_link = format!("/client/orders/{id}");
    let worker_link = format!("/worker/jobs/{id}");
    let manage_link = format!("/manage/orders/{id}");
    let to_client = |kind: Kind| {
        notify(
            conn,
            settings,
            now,
            order.client_id,
            &base(kind).link(client_link.clone()),
        )
    };
    match cmd {
        Command::Reschedule { .. } => {
            super::moved::notices(conn, settings, now, order, before, cmd)?
        }
        Command::Offer { worker_id } => {
            notify(
                conn,
                settings,
                now,
                *worker_id,
                &base(Kind::OfferNew).link(worker_link),
            )?;
        }
        Command::Assign { worker_id } | Command::Volunteer { worker_id } => {
            notify(
                conn,
                settings,
                now,
                *worker_id,
                &base(Kind::JobAssigned).link(worker_link),
            )?;
            if let Some(previous) = before.worker_id.filter(|p| p != worker_id) {
                notify(conn, settings, now, previous, &base(Kind::JobCancelled))?;
            }
            to_client(Kind::OrderAssigned)?;
        }
        Command::Accept => {
            to_client(Kind::OrderAssigned)?;
        }
        Command::Withdraw { reason } => {
            let withdrawn = base(Kind::JobWithdrawn)
                .arg("reason", reason.clone())
                .link(manage_link);
            notify_role(conn, settings, now, Role::Manager, &withdrawn)?;
            // The client hears only when the slot is at risk; otherwise the next worker's
            // assignment is all they need to know.
            if crate::orders::service::withdrawal_is_late(settings, order, now) {
                to_client(Kind::OrderAtRisk)?;
            }
        }
        Command::Decline => {
            notify_role(
                conn,
                settings,
                now,
                Role::Manager,
                &base(Kind::OfferDeclined).link(manage_link),
            )?;
        }
        Command::Start => {
            to_client(Kind::OrderStarted)?;
        }
        Command::Report { .. } => {
            to_client(Kind::OrderReported)?;
        }
        Command::Sign { .. } | Command::ResolveComplete { .. } if to == Status::Completed => {
            // The price the client pays in the end, after a lower price from quality control.
            let final_total = match cmd {
                Command::ResolveComplete {
                    final_price_minor: Some(price),
                } => *price,
                _ => order.total_minor,
            };
            let total = Message::new(Kind::OrderCompleted)
                .arg("id", id.to_string())
                .arg(
                    "service",
                    Arg::Localized {
                        en: order.service_en.clone(),
                        ru: order.service_ru.clone(),
                    },
                )
                .arg("total", Arg::Money(final_total, order.currency.clone()))
                .link(client_link.clone());
            notify(conn, settings, now, order.client_id, &total)?;
            if let Command::ResolveComplete {
                final_price_minor: Some(price),
            } = cmd
            {
                // Quality control lowered the price: the client and the worker both hear.
                let adjusted = |link: &str| {
                    base(Kind::PriceAdjusted)
                        .arg("total", Arg::Money(*price, order.currency.clone()))
                        .link(link)
                };
                notify(
                    conn,
                    settings,
                    now,
                    order.client_id,
                    &adjusted(&client_link),
                )?;
                if let Some(worker_id) = order.worker_id {
                    notify(
                        conn,
                        settings,
                        now,
                        worker_id,
                        &adjusted("/worker/earnings"),
                    )?;
                }
            }
            if let (Command::Sign { .. }, Some(worker_id)) = (cmd, order.worker_id) {
                notify(
                    conn,
                    settings,
                    now,
                    worker_id,
                    &base(Kind::OrderSigned).link(worker_link.clone()),
                )?;
            }
        }
        Command::ExpireOffer => {
            if let Some(worker_id) = before.offered_to {
                notify(conn, settings, now, worker_id, &base(Kind::OfferExpired))?;
            }
        }
        Command::MarkUnassigned => {
            notify_role(
                conn,
                settings,
                now,
                Role::Manager,
                &base(Kind::OrderUnassigned).link(manage_link.clone()),
            )?;
            // The client hears it too, with what they can do: another time, a free cancel,
            // or wait for the manager's call.
            to_client(Kind::OrderNotPlaced)?;
        }
        Command::Refuse { .. } => {
            notify_role(
                conn,
                settings,
                now,
                Role::Manager,
                &base(Kind::OrderDisputed).link(manage_link),
            )?;
            if let Some(worker_id) = order.worker_id {
                notify(
                    conn,
                    settings,
                    now,
                    worker_id,
                    &base(Kind::OrderRefused).link(worker_link),
                )?;
            }
        }
        Command::Cancel { .. } | Command::CancelStarted { .. } => {
            to_client(Kind::OrderCancelled)?;
            let worker = before.worker_id.or(before.offered_to);
            if let Some(worker_id) = worker {
                notify(conn, settings, now, worker_id, &base(Kind::JobCancelled))?;
            }
        }
        _ => {}
    }
    Ok(())
}
