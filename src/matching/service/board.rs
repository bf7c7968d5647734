//! The open job board: orders matching could not place (`unassigned`) and orders a manager
//! opened to volunteers (`job_board`), listed to each worker who is eligible for them under
//! matching's rules. The first eligible volunteer gets the order, recorded as a matching
//! decision (strategy `volunteer`) with every worker considered and why.

use chrono::{DateTime, Utc};
use rusqlite::Connection;
use serde_json::json;

use crate::config::Settings;
use crate::db::{Conn, write_tx};
use crate::error::AppError;
use crate::matching::model::{Considered, Decision, Exclusion, exclusion};
use crate::matching::service::slot;
use crate::matching::store::{self, board};
use crate::orders::model::{Actor, Status};
use crate::orders::service::{Command, Hooks, apply_in};
use crate::orders::store::{self as orders, Order};

/// How many of the soonest board orders are weighed for one worker's page.
const BOARD_LIMIT: i64 = 50;

fn on_board(conn: &Connection, order: &Order, now: DateTime<Utc>) -> rusqlite::Result<bool> {
    Ok(order.scheduled_at > now
        && match order.status {
            Status::Unassigned => true,
            Status::New => board::is_opened(conn, order.id)?,
            _ => false,
        })
}

/// Every worker matching would weigh for the order, each with why they are left out.
fn considered(
    conn: &Connection,
    settings: &Settings,
    order: &Order,
) -> Result<(Vec<Considered>, i64), AppError> {
    let ms = store::settings(conn)?;
    let slot = slot(conn, settings, order)?;
    let candidates = store::candidates(conn, &slot, ms.travel_buffer_minutes)?;
    let considered = candidates
        .iter()
        .map(|c| Considered {
            worker_id: c.worker_id,
            excluded: exclusion(c, ms.daily_limit),
            score: None,
            facts: None,
        })
        .collect();
    Ok((considered, ms.version))
}

/// The board as `worker_id` sees it: the orders they may take now.
pub fn for_worker(
    conn: &Connection,
    settings: &Settings,
    now: DateTime<Utc>,
    worker_id: i64,
) -> Result<Vec<Order>, AppError> {
    let mut open = Vec::new();
    for id in board::listed(conn, now, BOARD_LIMIT)? {
        let Some(order) = orders::order(conn, id)? else {
            continue;
        };
        let (considered, _) = considered(conn, settings, &order)?;
        if considered
            .iter()
            .any(|c| c.worker_id == worker_id && c.excluded.is_none())
        {
            open.push(order);
        }
    }
    Ok(open)
}

/// A worker volunteers: in one immediate transaction the order must still be on the board
/// and the worker eligible under matching's rules (skills, hours, duty, no overlap with the
/// travel buffer, daily limit, not blocked, not tried or withdrawn); then the decision is
/// recorded and the order assigned. The first volunteer's transaction wins; the next one
/// finds it gone.
pub fn volunteer(
    conn: &mut Conn,
    settings: &Settings,
    hooks: &Hooks,
    now: DateTime<Utc>,
    worker_id: i64,
    order_id: i64,
) -> Result<(), AppError> {
    write_tx(conn, |tx| {
        let order = orders::order(tx, order_id)?.ok_or(AppError::NotFound)?;
        if !on_board(tx, &order, now)? {
            return Err(AppError::Refused("refuse-board-taken"));
        }
        let (considered, version) = considered(tx, settings, &order)?;
        let mine = considered.iter().find(|c| c.worker_id == worker_id);
        match mine.map(|c| c.excluded) {
            Some(None) => {}
            Some(Some(why)) => return Err(AppError::Refused(refusal_for(why))),
            None => return Err(AppError::NotFound),
        }
        let (round, attempts) = store::round_and_attempts(tx, order_id)?;
        let decision = Decision {
            strategy: "volunteer",
            version: format!("1/settings-{version}"),
            seed: 0,
            considered,
            chosen: Some(worker_id),
            weights: None,
        };
        store::insert_decision(tx, order_id, round, attempts + 1, &decision, now)?;
        board::close(tx, order_id)?;
        apply_in(
            tx,
            settings,
            hooks,
            now,
            Actor::System,
            order_id,
            Command::Volunteer { worker_id },
        )?;
        tracing::info!(order_id, worker_id, "volunteer assigned");
        Ok(())
    })
}

/// Why a volunteer is turned away, in words for them.
fn refusal_for(why: Exclusion) -> &'static str {
    match why {
        Exclusion::OffDuty => "refuse-board-off-duty",
        Exclusion::Busy | Exclusion::DailyLimit => "refuse-worker-busy",
        _ => "refuse-board-not-eligible",
    }
}

/// A manager opens a waiting order to volunteers; matching stops offering it meanwhile.
/// Opening is recorded as the manager's order event (refused to a stake holder).
pub fn open(
    conn: &mut Conn,
    (settings, hooks): (&Settings, &Hooks),
    now: DateTime<Utc>,
    manager_id: i64,
    order_id: i64,
) -> Result<bool, AppError> {
    write_tx(conn, |tx| {
        let order = orders::order(tx, order_id)?.ok_or(AppError::NotFound)?;
        if !matches!(order.status, Status::New | Status::Unassigned) {
            return Err(AppError::Refused("refuse-board-not-waiting"));
        }
        let added = board::open(tx, order_id, manager_id, now)?;
        if added {
            let actor = Actor::Manager(manager_id);
            apply_in(
                tx,
                settings,
                hooks,
                now,
                actor,
                order_id,
                Command::OpenBoard,
            )?;
            crate::audit::record(
                tx,
                now,
                Some(manager_id),
                "matching.board_open",
                &format!("order:{order_id}"),
                json!({ "status": order.status.as_str() }),
            )?;
        }
        Ok(added)
    })
}
