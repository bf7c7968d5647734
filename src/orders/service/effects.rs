//! What each step of an order changes beyond its status (offers, the kit, billing, the
//! worker's schedule), inside the step's transaction (`service::apply_in`).

use chrono::{DateTime, Duration, Utc};

use crate::auth::model::Role;
use crate::auth::store as users;
use crate::billing::postings as billing;
use crate::catalogue::store as catalogue;
use crate::config::Settings;
use crate::db::WriteTx;
use crate::error::AppError;
use crate::orders::model::{Actor, Facts, OfferStatus, Status, cancellation_fee};
use crate::orders::service::Command;
use crate::orders::store;
use crate::orders::store::offers;
use crate::orders::store::records::{self, CheckedItem};
use crate::supply::service::packing as supply;

/// The data changes of each step beyond the status itself.
pub(super) fn effects(
    tx: &WriteTx,
    settings: &Settings,
    now: DateTime<Utc>,
    actor: Actor,
    order: &store::Order,
    facts: &Facts,
    cmd: &Command,
) -> Result<(), AppError> {
    let id = order.id;
    match cmd {
        Command::Offer { worker_id }
        | Command::Assign { worker_id }
        | Command::Volunteer { worker_id } => {
            check_worker(tx, *worker_id, order)?;
            // Whoever held the order or its offer lets go of it.
            offers::close_offers(
                tx,
                id,
                &[OfferStatus::Open, OfferStatus::Accepted],
                OfferStatus::Withdrawn,
                now,
            )?;
            let source = if actor == Actor::System || matches!(cmd, Command::Volunteer { .. }) {
                "matching"
            } else {
                "manager"
            };
            if matches!(cmd, Command::Offer { .. }) {
                let expires = now + Duration::minutes(settings.orders.offer_expiry_minutes);
                offers::insert_offer(tx, id, *worker_id, source, OfferStatus::Open, now, expires)?;
                store::set_worker(tx, id, None)?;
            } else {
                // A direct assignment is recorded as an offer accepted on the spot, so every
                // assigned order has exactly one accepted offer.
                offers::insert_offer(tx, id, *worker_id, source, OfferStatus::Accepted, now, now)?;
                store::set_worker(tx, id, Some(*worker_id))?;
                supply::on_assigned(tx, id, *worker_id, now)?;
            }
        }
        Command::Accept => {
            let worker_id = facts.offered_to.expect("decide checked the offer");
            if offers::open_offer_expiry(tx, id)?.is_some_and(|at| at <= now) {
                return Err(AppError::Refused("refuse-offer-expired"));
            }
            if store::worker_busy(tx, worker_id, order.scheduled_at, order.ends_at(), id)? {
                return Err(AppError::Refused("refuse-worker-busy"));
            }
            offers::close_offers(tx, id, &[OfferStatus::Open], OfferStatus::Accepted, now)?;
            store::set_worker(tx, id, Some(worker_id))?;
            supply::on_assigned(tx, id, worker_id, now)?;
        }
        Command::Decline => {
            offers::close_offers(tx, id, &[OfferStatus::Open], OfferStatus::Declined, now)?;
        }
        Command::Withdraw { .. } => {
            // The order goes back to matching; its pack stays with the order and follows it
            // to whoever takes it next (`supply::on_assigned`).
            offers::close_offers(
                tx,
                id,
                &[OfferStatus::Accepted],
                OfferStatus::Withdrawn,
                now,
            )?;
            store::set_worker(tx, id, None)?;
        }
        Command::ExpireOffer => {
            offers::close_offers(tx, id, &[OfferStatus::Open], OfferStatus::Expired, now)?;
        }
        Command::ConfirmKit => {
            let worker_id = order.worker_id.expect("decide checked the assignment");
            let by = actor.user_id();
            supply::hand_over(tx, now, id, worker_id, by, actor.role_name())?;
            store::set_kit_received(tx, id, now)?
        }
        Command::Report {
            note,
            checked,
            files,
            draft_id,
            finished_at,
        } => {
            let items: Vec<CheckedItem> = catalogue::checklist(tx, order.service_id)?
                .into_iter()
                .map(|i| CheckedItem {
                    done: checked.contains(&i.id),
                    text_en: i.text_en,
                    text_ru: i.text_ru,
                })
                .collect();
            let worker_id = actor.user_id().expect("a worker reports");
            let report = records::NewReport {
                order_id: id,
                worker_id,
                note,
                checklist: &items,
                draft_id: draft_id.as_deref(),
                finished_at: finished_at.unwrap_or(now),
            };
            records::insert_report(tx, &report, now)?;
            for f in files {
                records::insert_file(tx, id, f, worker_id, now)?;
            }
        }
        Command::Sign { signature } => {
            records::insert_signature(tx, id, signature)?;
        }
        Command::Refuse { reason } => store::set_dispute_reason(tx, id, reason)?,
        Command::Cancel { reason } | Command::CancelStarted { reason, .. } => {
            // A started job's kit was (partly) used: what came back is as stated (nothing,
            // when nobody said), the rest consumed. Before the start everything comes back.
            let started = matches!(
                facts.status,
                Status::InProgress | Status::Reported | Status::Disputed
            );
            let returned = match cmd {
                Command::CancelStarted { returned, .. } => Some(returned.as_slice()),
                _ => started.then_some(&[][..]),
            };
            let fee = cancellation_fee(
                facts.status,
                actor,
                order.total_minor,
                order.cancellation_fee_percent_or(settings.orders.cancellation_fee_percent),
            );
            offers::close_offers(tx, id, &[OfferStatus::Open], OfferStatus::Withdrawn, now)?;
            store::set_cancelled(tx, id, fee, reason)?;
            billing::cancellation_fee(tx, order, fee, actor.user_id(), now)?;
            supply::on_cancelled(tx, settings, now, (id, actor.user_id()), returned)?;
        }
        Command::ResolveComplete {
            final_price_minor: Some(price),
        } => store::set_final_price(tx, id, *price)?,
        Command::Reschedule { .. } => super::moved::effects(tx, now, actor, order, facts, cmd)?,
        Command::Start
        | Command::ResolveComplete { .. }
        | Command::MarkUnassigned
        | Command::Rematch
        | Command::OpenBoard => {}
    }
    Ok(())
}

/// A worker can take the order: an active worker, free at that time.
fn check_worker(tx: &WriteTx, worker_id: i64, order: &store::Order) -> Result<(), AppError> {
    let is_worker =
        users::user_by_id(tx, worker_id)?.is_some_and(|u| u.role == Role::Worker && u.active);
    if !is_worker {
        return Err(AppError::Refused("refuse-not-a-worker"));
    }
    if store::worker_busy(tx, worker_id, order.scheduled_at, order.ends_at(), order.id)? {
        return Err(AppError::Refused("refuse-worker-busy"));
    }
    if offers::withdrew_from(tx, order.id, worker_id)? {
        return Err(AppError::Refused("refuse-worker-withdrew"));
    }
    Ok(())
}
