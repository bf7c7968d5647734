//! Moving an order to another time: the new time follows the rules of a new order; before
//! assignment the order simply moves and is matched again; an assigned worker keeps the job
//! when free at the new time (by matching's own eligibility rules), otherwise it goes back
//! to matching; a client's late move costs the cancellation fee, charged once confirmed.

use chrono::{DateTime, NaiveDateTime, Utc};

use crate::config::Settings;
use crate::db::{Conn, WriteTx, write_tx};
use crate::error::AppError;
use crate::live::Audience;
use crate::matching::model::exclusion;
use crate::matching::service::{self as matching, Outcome, experiments};
use crate::matching::store as matching_store;
use crate::orders::model::moves::move_fee;
use crate::orders::model::{Action, Actor, Status, decide, slot};
use crate::orders::service::{Command, Hooks, apply_in, visible};
use crate::orders::store::{self as orders, Order};

/// What happened to the order's worker in a move.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum WorkerOutcome {
    /// The order had no worker yet.
    NoneYet,
    Kept(i64),
    /// Not free at the new time: the order went back to matching.
    Lost(i64),
}

/// A move that happened.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Moved {
    pub from: DateTime<Utc>,
    pub to: DateTime<Utc>,
    pub worker: WorkerOutcome,
    /// The late move's fee charged to the client (zero for most moves).
    pub fee_minor: i64,
    /// The new round of matching, when the order waits for a worker and matching is on.
    pub matching: Option<Outcome>,
}

/// Why a move did not happen (nothing changed).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MoveRefusal {
    /// The new time breaks a rule of a new order (the Fluent id of the slot rule).
    Slot(&'static str),
    /// The new time is the order's current time.
    SameTime,
    /// A late move costs the client this fee: shown first, charged once confirmed.
    FeeToConfirm { fee_minor: i64 },
    /// The order may not be moved now, or not by this actor (a Fluent id).
    Step(&'static str),
}

#[derive(Debug)]
pub enum MoveError {
    Refused(MoveRefusal),
    App(AppError),
}

impl<E: Into<AppError>> From<E> for MoveError {
    fn from(e: E) -> Self {
        match e.into() {
            AppError::Refused(key) => MoveError::Refused(MoveRefusal::Step(key)),
            other => MoveError::App(other),
        }
    }
}

fn refused<T>(why: MoveRefusal) -> Result<T, MoveError> {
    Err(MoveError::Refused(why))
}

/// Moves order `order_id` to the local date-time `local_start` (business time zone) for
/// `actor`, in its own transaction. `fee_confirmed`: the client agreed to a late move's fee.
#[allow(clippy::too_many_arguments)]
pub fn reschedule(
    conn: &mut Conn,
    settings: &Settings,
    hooks: &Hooks,
    now: DateTime<Utc>,
    actor: Actor,
    order_id: i64,
    local_start: NaiveDateTime,
    fee_confirmed: bool,
) -> Result<Moved, MoveError> {
    write_tx(conn, |tx| {
        reschedule_in(
            tx,
            settings,
            hooks,
            now,
            (actor, order_id),
            local_start,
            fee_confirmed,
        )
    })
}

/// The same inside the caller's transaction (a series moving its visits).
pub fn reschedule_in(
    tx: &WriteTx,
    settings: &Settings,
    hooks: &Hooks,
    now: DateTime<Utc>,
    (actor, order_id): (Actor, i64),
    local_start: NaiveDateTime,
    fee_confirmed: bool,
) -> Result<Moved, MoveError> {
    let order = allowed(tx, actor, order_id)?;
    let to = slot::check(
        &settings.orders,
        settings.time_zone,
        now,
        local_start,
        order.duration_minutes,
    )
    .map_err(|key| MoveError::Refused(MoveRefusal::Slot(key)))?;
    if to == order.scheduled_at {
        return refused(MoveRefusal::SameTime);
    }
    let assigned = order.worker_id.filter(|_| order.status == Status::Assigned);
    let keep_worker = match assigned {
        Some(worker_id) => worker_free_at(tx, settings, now, &order, worker_id, to)?,
        None => false,
    };
    let fee_minor = fee_now(settings, now, actor, &order);
    if fee_minor > 0 && !fee_confirmed {
        return refused(MoveRefusal::FeeToConfirm { fee_minor });
    }
    let cmd = Command::Reschedule {
        to,
        keep_worker,
        fee_minor,
    };
    let status = apply_in(tx, settings, hooks, now, actor, order_id, cmd)?;
    let matching = match status {
        Status::New | Status::Unassigned => {
            Some(matching::rematch_moved(tx, settings, hooks, now, order_id)?)
                .filter(|o| *o != Outcome::Skipped)
        }
        _ => None,
    };
    for role in [
        crate::auth::model::Role::Manager,
        crate::auth::model::Role::Admin,
    ] {
        tx.note(Audience::Role(role), "queue");
        tx.note(Audience::Role(role), "schedule");
    }
    Ok(Moved {
        from: order.scheduled_at,
        to,
        worker: match assigned {
            None => WorkerOutcome::NoneYet,
            Some(w) if keep_worker => WorkerOutcome::Kept(w),
            Some(w) => WorkerOutcome::Lost(w),
        },
        fee_minor,
        matching,
    })
}

/// The order, when `actor` may see it (otherwise not found) and move it now (whatever the
/// new time): who may move and from which statuses is the state machine's.
pub fn allowed(
    conn: &rusqlite::Connection,
    actor: Actor,
    order_id: i64,
) -> Result<Order, MoveError> {
    let facts = orders::facts(conn, order_id)?.ok_or(AppError::NotFound)?;
    if !visible(&facts, actor) {
        return Err(MoveError::App(AppError::NotFound));
    }
    decide(&facts, actor, &Action::Reschedule { keep_worker: true })?;
    Ok(orders::order(conn, order_id)?.ok_or(AppError::NotFound)?)
}

/// What moving the order now costs `actor`: the cancellation fee for a client's move of an
/// assigned order inside the cancellation window of its current time, else nothing.
pub fn fee_now(settings: &Settings, now: DateTime<Utc>, actor: Actor, order: &Order) -> i64 {
    move_fee(
        order.status,
        actor,
        settings.orders.move_is_late(order.scheduled_at, now),
        order.total_minor,
        order.cancellation_fee_percent_or(settings.orders.cancellation_fee_percent),
    )
}

/// Whether the assigned worker can do the order at `to` by matching's own rules (on duty,
/// hours and days off, skill, no overlap with the travel buffer, the daily limit), with the
/// order itself left out: its own slot is not an overlap and does not count twice in the day.
fn worker_free_at(
    tx: &WriteTx,
    settings: &Settings,
    now: DateTime<Utc>,
    order: &Order,
    worker_id: i64,
    to: DateTime<Utc>,
) -> Result<bool, AppError> {
    let live = matching_store::settings(tx)?;
    // The order's recorded arm, if it was ever matched; a hand-assigned order is not drawn
    // into an experiment by being moved.
    let ms = if matching_store::experiments::was_decided(tx, order.id)? {
        experiments::settings_for_order(tx, live, order.id, now)?
    } else {
        live
    };
    let moved = Order {
        scheduled_at: to,
        ..order.clone()
    };
    let slot = matching::slot(tx, settings, &moved)?;
    let candidates = matching_store::candidates(tx, &slot, ms.travel_buffer_minutes)?;
    let Some(mut worker) = candidates.into_iter().find(|c| c.worker_id == worker_id) else {
        return Ok(false);
    };
    // Earlier offers of this order the worker let pass do not matter: the job is theirs.
    worker.tried = false;
    if (slot.day_start..slot.day_end).contains(&order.scheduled_at) {
        worker.jobs_that_day -= 1;
    }
    Ok(exclusion(&worker, ms.daily_limit).is_none())
}
