//! Order use cases. Each runs in one immediate transaction: read the facts, let the state
//! machine decide, write the change, the event and the notifications together.

pub mod create;
pub mod details;
mod effects;
pub mod files;
pub mod janitor;
mod moved;
pub mod new_order;
pub mod notices;

use chrono::{DateTime, Utc};
use rusqlite::Connection;
use serde_json::json;

use super::model::{Action, Actor, Facts, Status, decide, start_allowed};
use super::store::records::{OrderFile, Signature};
use super::store::{self, NewEvent};
use crate::auth::model::Role;
use crate::billing::postings as billing;
use crate::config::Settings;
use crate::db::{Conn, WriteTx, write_tx};
use crate::error::AppError;
use crate::live::Audience;

/// What an actor asks of an order, with the data the step needs.
pub enum Command {
    Offer {
        worker_id: i64,
    },
    Assign {
        worker_id: i64,
    },
    Accept,
    Decline,
    /// The assigned worker backs out, saying why (before the kit is handed over).
    Withdraw {
        reason: String,
    },
    ExpireOffer,
    /// Matching gives the order to a volunteer from the job board.
    Volunteer {
        worker_id: i64,
    },
    MarkUnassigned,
    /// A manager's "run matching again" (the new round itself is matching's).
    Rematch,
    /// A manager's "open to volunteers" (the board itself is matching's).
    OpenBoard,
    ConfirmKit,
    Start,
    Report {
        note: String,
        checked: Vec<i64>,
        files: Vec<OrderFile>,
        /// The browser's draft id: a resend of the same draft finds this report.
        draft_id: Option<String>,
        /// When it was finished on the device (validated); `None` is on arrival.
        finished_at: Option<DateTime<Utc>>,
    },
    Sign {
        signature: Signature,
    },
    Refuse {
        reason: String,
    },
    Cancel {
        reason: String,
    },
    /// A manager cancels a job already started, saying how many of each issued consumable
    /// (consumable id, quantity) came back; the rest is recorded as used up.
    CancelStarted {
        reason: String,
        returned: Vec<(i64, i64)>,
    },
    /// Quality control settles a dispute: completed, at `final_price_minor` when lower.
    ResolveComplete {
        final_price_minor: Option<i64>,
    },
    /// Move the order to `to` (UTC), checked by the schedule against the rules of a new
    /// order; `keep_worker` says the assigned worker is free then, `fee_minor` is a late
    /// move's fee the client confirmed (zero otherwise).
    Reschedule {
        to: DateTime<Utc>,
        keep_worker: bool,
        fee_minor: i64,
    },
}

impl Command {
    fn action(&self) -> Action {
        match self {
            Command::Offer { worker_id } => Action::Offer {
                worker_id: *worker_id,
            },
            Command::Assign { worker_id } => Action::Assign {
                worker_id: *worker_id,
            },
            Command::Accept => Action::AcceptOffer,
            Command::Decline => Action::DeclineOffer,
            Command::Withdraw { .. } => Action::Withdraw,
            Command::ConfirmKit => Action::ConfirmKit,
            Command::Start => Action::Start,
            Command::Report { .. } => Action::Report,
            Command::Sign { .. } => Action::Sign,
            Command::Refuse { .. } => Action::Refuse,
            Command::Cancel { .. } | Command::CancelStarted { .. } => Action::Cancel,
            Command::ResolveComplete { .. } => Action::ResolveComplete,
            Command::ExpireOffer => Action::ExpireOffer,
            Command::MarkUnassigned => Action::MarkUnassigned,
            Command::Rematch => Action::Rematch,
            Command::OpenBoard => Action::OpenBoard,
            Command::Volunteer { worker_id } => Action::Volunteer {
                worker_id: *worker_id,
            },
            Command::Reschedule { keep_worker, .. } => Action::Reschedule {
                keep_worker: *keep_worker,
            },
        }
    }
}

/// Who may see an order at all: its client, the worker on it or holding its offer, staff.
/// Everyone else is told it does not exist.
pub fn visible(facts: &Facts, actor: Actor) -> bool {
    match actor {
        Actor::Client(id) => facts.client_id == id,
        Actor::Worker(id) => facts.worker_id == Some(id) || facts.offered_to == Some(id),
        Actor::Manager(_) | Actor::System => true,
    }
}

/// Applies `cmd` to the order in its own transaction; a refusal (`AppError::Refused`)
/// changes nothing.
/// Called when an order's status changes, with the order as it was and the new status.
pub type StatusChanged =
    fn(&Connection, &Settings, DateTime<Utc>, &store::Order, Status) -> Result<(), AppError>;

/// What a step of the order's life does in other contexts, inside the step's transaction:
/// quality queues the orders it reviews, matching keeps each worker's running rating, and
/// placing asks whether matching will find the worker. Supplied from above (`state`), so
/// orders imports neither; a struct of plain functions with no default, so no caller can
/// forget one.
#[derive(Clone, Copy)]
pub struct Hooks {
    pub status_changed: StatusChanged,
    pub rated: fn(&Connection, i64, i64) -> rusqlite::Result<()>,
    pub auto_matching: fn(&Connection) -> Result<bool, AppError>,
    /// A worker withdrew close to the slot (`withdraw_late_hours`): quality reviews it. The
    /// order is passed as it was, still naming the worker.
    pub withdrew_late: StatusChanged,
    /// Why a manager may not offer or assign the order to a worker by hand beyond what orders
    /// know themselves (matching's qualifications), or `None`.
    pub manual_fit: ManualFit,
    /// The new-order form asked for a repeat: the schedule starts a series whose first visit
    /// is this order, and answers the series' id.
    pub start_series: StartSeries,
}

/// See `Hooks::manual_fit`.
pub type ManualFit =
    fn(&Connection, &Settings, &store::Order, i64) -> Result<Option<&'static str>, AppError>;

/// See `Hooks::start_series`.
pub type StartSeries = fn(
    &mut Conn,
    &Settings,
    &Hooks,
    DateTime<Utc>,
    i64,
    &create::PlaceOrder,
    &create::OrderForm,
) -> Result<i64, create::CreateError>;

pub fn apply(
    conn: &mut Conn,
    settings: &Settings,
    hooks: &Hooks,
    now: DateTime<Utc>,
    actor: Actor,
    order_id: i64,
    cmd: Command,
) -> Result<Status, AppError> {
    write_tx(conn, |tx| {
        apply_in(tx, settings, hooks, now, actor, order_id, cmd)
    })
}

/// Applies `cmd` inside the caller's transaction (matching records its decision with it).
pub fn apply_in(
    tx: &WriteTx,
    settings: &Settings,
    hooks: &Hooks,
    now: DateTime<Utc>,
    actor: Actor,
    order_id: i64,
    cmd: Command,
) -> Result<Status, AppError> {
    let facts = store::facts(tx, order_id)?.ok_or(AppError::NotFound)?;
    if !visible(&facts, actor) {
        return Err(AppError::NotFound);
    }
    if let Actor::Manager(manager_id) = actor
        && decides_the_outcome(&cmd)
        && store::holds_stake(tx, order_id, manager_id)?
    {
        // Conflict of interest: another manager decides an order this one has money on.
        return Err(AppError::Refused("refuse-stake-holder"));
    }
    let action = cmd.action();
    let to = decide(&facts, actor, &action)?;
    let order = store::order(tx, order_id)?.ok_or(AppError::NotFound)?;
    if let (Actor::Manager(_), Command::Offer { worker_id } | Command::Assign { worker_id }) =
        (actor, &cmd)
        && let Some(key) = (hooks.manual_fit)(tx, settings, &order, *worker_id)?
    {
        return Err(AppError::Refused(key));
    }
    if matches!(cmd, Command::Start)
        && !start_allowed(
            order.scheduled_at,
            now,
            settings.orders.start_window_minutes,
        )
    {
        return Err(AppError::Refused("refuse-start-too-early"));
    }
    effects::effects(tx, settings, now, actor, &order, &facts, &cmd)?;
    if matches!(cmd, Command::Withdraw { .. }) && withdrawal_is_late(settings, &order, now) {
        (hooks.withdrew_late)(tx, settings, now, &order, to)?;
    }
    if let (Command::Sign { signature }, Some(worker_id)) = (&cmd, order.worker_id) {
        (hooks.rated)(tx, worker_id, signature.rating)?;
    }
    tell_watchers(tx, &facts, &order, to);
    if to != facts.status {
        store::set_status(tx, order_id, to, now)?;
        (hooks.status_changed)(tx, settings, now, &order, to)?;
    }
    if to == Status::Completed && facts.status != Status::Completed {
        let commission_bp = store::commission_bp(tx, order_id)?;
        billing::order_completed(tx, &order, commission_bp, actor.user_id(), now)?;
    }
    let (reason, mut payload) = event_details(&cmd);
    if matches!(cmd, Command::Withdraw { .. }) {
        payload = json!({
            "worker_id": order.worker_id,
            "late": withdrawal_is_late(settings, &order, now),
        });
    }
    if let Command::Reschedule { .. } = cmd {
        payload = moved::payload(&order, &facts, &cmd);
    }
    let recorded = recorded_actor(actor, &cmd);
    store::insert_event(
        tx,
        &NewEvent {
            order_id,
            actor_id: recorded.user_id(),
            actor_role: recorded.role_name(),
            action: action.event(),
            from: Some(facts.status),
            to,
            reason: reason.as_deref(),
            payload,
        },
        now,
    )?;
    notices::send(tx, settings, now, &order, &facts, &cmd, to)?;
    Ok(to)
}

/// Who the history names for a step. A volunteer took the job themselves: the state machine
/// lets only matching make that move (it checked the worker was eligible, and its decision
/// says so), but the history shows the worker who acted, not "system".
fn recorded_actor(actor: Actor, cmd: &Command) -> Actor {
    match (actor, cmd) {
        (Actor::System, Command::Volunteer { worker_id }) => Actor::Worker(*worker_id),
        _ => actor,
    }
}

/// Steps that can decide a bet on the order: who does it, when, whether it happens, how a
/// dispute ends. Written without a catch-all so that every new step (a reschedule, a dispatch
/// board's move) must say here whether a stake holder may take it.
fn decides_the_outcome(cmd: &Command) -> bool {
    match cmd {
        Command::Offer { .. }
        | Command::Assign { .. }
        | Command::Rematch
        | Command::OpenBoard
        | Command::Cancel { .. }
        | Command::CancelStarted { .. }
        | Command::ResolveComplete { .. }
        | Command::Reschedule { .. } => true,
        // The worker's, the client's and matching's own steps; a manager handing over a kit
        // moves nobody.
        Command::Accept
        | Command::Decline
        | Command::Withdraw { .. }
        | Command::ExpireOffer
        | Command::Volunteer { .. }
        | Command::MarkUnassigned
        | Command::ConfirmKit
        | Command::Start
        | Command::Report { .. }
        | Command::Sign { .. }
        | Command::Refuse { .. } => false,
    }
}

/// The order changed: its pages open in the client's, the workers' and the managers'
/// browsers refresh themselves once the transaction commits (see `live`).
fn tell_watchers(tx: &WriteTx, before: &Facts, order: &store::Order, to: Status) {
    let topic = format!("order-{}", order.id);
    let people = [
        Some(before.client_id),
        before.worker_id,
        before.offered_to,
        order.worker_id,
    ];
    for user in people.into_iter().flatten() {
        tx.note(Audience::User(user), &topic);
        tx.note(Audience::User(user), "orders");
    }
    for role in [Role::Manager, Role::Admin] {
        if to != before.status {
            tx.note(Audience::Role(role), "queue");
            tx.note(Audience::Role(role), &topic);
        }
        // The dispatch board shows who holds or is offered each job, which changes without
        // a change of status (an assigned job handed to another worker).
        tx.note(Audience::Role(role), "schedule");
    }
}

fn event_details(cmd: &Command) -> (Option<String>, serde_json::Value) {
    match cmd {
        Command::Offer { worker_id }
        | Command::Assign { worker_id }
        | Command::Volunteer { worker_id } => (None, json!({ "worker_id": worker_id })),
        Command::Refuse { reason } | Command::Cancel { reason } | Command::Withdraw { reason } => {
            (Some(reason.clone()).filter(|r| !r.is_empty()), json!({}))
        }
        Command::Report {
            files,
            checked,
            finished_at,
            ..
        } => (
            None,
            json!({ "files": files.len(), "checked": checked.len(), "finished_at": finished_at }),
        ),
        Command::Sign { signature } => (
            None,
            json!({ "rating": signature.rating, "report_sha256": signature.report_sha256 }),
        ),
        _ => (None, json!({})),
    }
}

/// Whether a withdrawal now leaves the slot at risk: it starts within `withdraw_late_hours`.
pub fn withdrawal_is_late(settings: &Settings, order: &store::Order, now: DateTime<Utc>) -> bool {
    super::model::within_hours_of(order.scheduled_at, now, settings.orders.withdraw_late_hours)
}
