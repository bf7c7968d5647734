//! The afternoon's changes of plan in a simulation: a few workers withdraw from tomorrow's
//! jobs (matching finds someone else), orders still waiting are opened to volunteers and
//! taken from the job board, and workers ask for extra consumables, which a manager mostly
//! approves. Disputes come from `orders` (refused signatures) and `quality` settles them.

use rand::Rng;
use rand::seq::SliceRandom;

use super::World;
use crate::auth::model::Role;
use crate::auth::store as users;
use crate::error::AppError;
use crate::matching::{service::board, store::availability};
use crate::orders::model::Actor;
use crate::orders::service::{self, Command};
use crate::supply::service::extras::{self, ExtraAsk};
use crate::supply::store as supply;

#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct Changes {
    pub withdrawals: usize,
    pub volunteers: usize,
    pub extras: usize,
}

impl std::fmt::Display for Changes {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "{} withdrawals, {} volunteers, {} extra requests",
            self.withdrawals, self.volunteers, self.extras
        )
    }
}

const REASONS: &[&str] = &[
    "Feeling unwell",
    "Family matter",
    "Transport problem",
    "Double booked by mistake",
];

pub fn day(w: &mut World) -> anyhow::Result<Changes> {
    let mut changes = Changes::default();
    withdraw_some(w, &mut changes)?;
    volunteer_for_waiting(w, &mut changes)?;
    ask_for_extras(w, &mut changes)?;
    Ok(changes)
}

/// Refusals are part of business (the order moved meanwhile): the simulated person moves on.
fn refused_is_fine<T>(result: Result<T, AppError>) -> anyhow::Result<Option<T>> {
    match result {
        Ok(t) => Ok(Some(t)),
        Err(AppError::Refused(_) | AppError::NotFound) => Ok(None),
        Err(e) => Err(e.into()),
    }
}

fn pairs(w: &World, sql: &str) -> anyhow::Result<Vec<(i64, i64)>> {
    let conn = w.state.pool.get()?;
    let mut stmt = conn.prepare_cached(sql)?;
    Ok(stmt
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?
        .collect::<Result<_, _>>()?)
}

/// Assigned jobs whose kit is not yet taken: now and then the worker backs out, weaker
/// workers more often.
fn withdraw_some(w: &mut World, changes: &mut Changes) -> anyhow::Result<()> {
    let jobs = pairs(
        w,
        "SELECT id, worker_id FROM orders WHERE status = 'assigned' AND kit_received_at IS NULL
         ORDER BY id",
    )?;
    for (order_id, worker_id) in jobs {
        let skill = super::ability_of(w, worker_id);
        if !w.rng.random_bool(super::ability::withdraw_chance(skill)) {
            continue;
        }
        let reason = REASONS[w.rng.random_range(0..REASONS.len())].to_string();
        let mut conn = w.state.pool.get()?;
        let result = service::apply(
            &mut conn,
            &w.state.settings(),
            &crate::wiring::order_hooks(),
            w.clock.now_utc(),
            Actor::Worker(worker_id),
            order_id,
            Command::Withdraw { reason },
        );
        if refused_is_fine(result)?.is_some() {
            changes.withdrawals += 1;
        }
    }
    Ok(())
}

/// Orders still waiting after the day's matching are opened to volunteers now and then; on-duty
/// workers look at the board in a seeded order and the first who may take one does.
fn volunteer_for_waiting(w: &mut World, changes: &mut Changes) -> anyhow::Result<()> {
    let now = w.clock.now_utc();
    let waiting = pairs(
        w,
        "SELECT id, client_id FROM orders WHERE status = 'new'
           AND NOT EXISTS (SELECT 1 FROM order_offers f WHERE f.order_id = orders.id AND f.status = 'open')
         ORDER BY id",
    )?;
    for (order_id, _) in waiting {
        if w.rng.random_bool(0.5) {
            let mut conn = w.state.pool.get()?;
            let hooks = crate::wiring::order_hooks();
            let opened = board::open(
                &mut conn,
                (&w.state.settings(), &hooks),
                now,
                w.manager_id,
                order_id,
            );
            refused_is_fine(opened)?;
        }
    }
    let mut workers = {
        let conn = w.state.pool.get()?;
        let mut on_duty = Vec::new();
        for id in users::ids_with_role(&conn, Role::Worker)? {
            if availability::availability(&conn, id)?.on_duty {
                on_duty.push(id);
            }
        }
        on_duty
    };
    workers.shuffle(&mut w.rng);
    for worker_id in workers {
        let open = {
            let conn = w.state.pool.get()?;
            board::for_worker(&conn, &w.state.settings(), now, worker_id)?
        };
        let Some(order) = open.first() else {
            continue;
        };
        let mut conn = w.state.pool.get()?;
        let result = board::volunteer(
            &mut conn,
            &w.state.settings(),
            &crate::wiring::order_hooks(),
            now,
            worker_id,
            order.id,
        );
        if refused_is_fine(result)?.is_some() {
            changes.volunteers += 1;
        }
    }
    Ok(())
}

/// Some workers on tomorrow's jobs ask for a little more; a manager approves most requests
/// and refuses the rest with a reason.
fn ask_for_extras(w: &mut World, changes: &mut Changes) -> anyhow::Result<()> {
    let jobs = pairs(
        w,
        "SELECT id, worker_id FROM orders WHERE status = 'assigned' ORDER BY id",
    )?;
    let consumables = supply::consumables(&*w.state.pool.get()?)?;
    if consumables.is_empty() {
        return Ok(());
    }
    for (order_id, worker_id) in jobs {
        if !w.rng.random_bool(0.05) {
            continue;
        }
        let item = &consumables[w.rng.random_range(0..consumables.len())];
        let ask = ExtraAsk {
            order_id,
            consumable_id: item.id,
            quantity: w.rng.random_range(1..=2),
            note: "A bigger flat than expected".into(),
        };
        let now = w.clock.now_utc();
        let mut conn = w.state.pool.get()?;
        let settings = &w.state.settings();
        let Some(request) =
            refused_is_fine(extras::request(&mut conn, settings, now, worker_id, &ask))?
        else {
            continue;
        };
        changes.extras += 1;
        let approve = w.rng.random_bool(0.8);
        let reason = if approve { "" } else { "Use the standard kit" };
        refused_is_fine(extras::decide(
            &mut conn,
            settings,
            now,
            w.manager_id,
            request,
            approve,
            reason,
        ))?;
    }
    Ok(())
}
