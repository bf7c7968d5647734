//! Clients (and now and then a manager) moving a booked visit to another day in a
//! simulation, through the schedule's own use case: the worker keeps it or matching finds
//! another, and a late move's fee is agreed to.

use chrono::{Duration, Timelike};
use rand::Rng;

use super::World;
use crate::orders::model::Actor;
use crate::schedule::service::reschedule::{MoveError, reschedule};

/// The share of waiting or assigned visits moved on a day.
const MOVE_CHANCE: f64 = 0.03;

/// Moves a few visits at least six hours ahead (so no job already under way is touched) to
/// one or two days later, around the same hour; returns how many moved.
pub fn day(w: &mut World) -> anyhow::Result<usize> {
    let now = w.clock.now_utc();
    let visits: Vec<(i64, i64, chrono::DateTime<chrono::Utc>)> = {
        let conn = w.state.pool.get()?;
        let mut stmt = conn.prepare_cached(
            "SELECT id, client_id, scheduled_at FROM orders
             WHERE status IN ('new', 'offered', 'assigned', 'unassigned') AND scheduled_at > ?1
             ORDER BY id",
        )?;
        stmt.query_map([now + Duration::hours(6)], |r| {
            Ok((r.get(0)?, r.get(1)?, r.get(2)?))
        })?
        .collect::<Result<_, _>>()?
    };
    let settings = w.state.settings();
    let hooks = crate::wiring::order_hooks();
    let mut moved = 0;
    for (order_id, client_id, at) in visits {
        if !w.rng.random_bool(MOVE_CHANCE) {
            continue;
        }
        let local = at.with_timezone(&settings.time_zone)
            + Duration::days(w.rng.random_range(1..=2))
            + Duration::hours(w.rng.random_range(-2..=2));
        let local = local
            .naive_local()
            .with_minute(0)
            .unwrap_or(local.naive_local());
        let actor = if w.rng.random_bool(0.8) {
            Actor::Client(client_id)
        } else {
            Actor::Manager(w.manager_id)
        };
        let mut conn = w.state.pool.get()?;
        match reschedule(
            &mut conn, &settings, &hooks, now, actor, order_id, local, true,
        ) {
            Ok(_) => moved += 1,
            // Outside working hours, a worker holding the kit: the person keeps the old time.
            Err(MoveError::Refused(_)) => {}
            Err(MoveError::App(e)) => return Err(e.into()),
        }
    }
    Ok(moved)
}
