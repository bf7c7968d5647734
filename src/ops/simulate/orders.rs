//! Orders through the day, through the same service functions the web uses: what the day
//! counts, the betting managers' stakes, and workers answering their offers a while after
//! they arrive (some never do, and the offer expires).

use std::fmt;

use chrono::{DateTime, Duration, Utc};
use rand::Rng;

use super::World;
use crate::error::AppError;
use crate::orders::model::{Actor, Status};
use crate::orders::service::{self, Command};

#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct Tally {
    pub placed: usize,
    pub declined: usize,
    pub completed: usize,
    pub disputed: usize,
    pub cancelled: usize,
    pub bets: usize,
    /// Offers a manager made by hand for orders matching could not place.
    pub manual_offers: usize,
    /// Jobs put off because their kit was not packed yet (short stock, bakery retrying).
    pub kit_waits: usize,
}

impl Tally {
    pub fn add(&mut self, o: &Tally) {
        self.placed += o.placed;
        self.declined += o.declined;
        self.completed += o.completed;
        self.disputed += o.disputed;
        self.cancelled += o.cancelled;
        self.bets += o.bets;
        self.manual_offers += o.manual_offers;
        self.kit_waits += o.kit_waits;
    }
}

impl fmt::Display for Tally {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{} orders placed, {} offers declined, {} completed, {} disputed, {} cancelled, {} bets, {} manual offers, {} jobs waiting for a kit",
            self.placed,
            self.declined,
            self.completed,
            self.disputed,
            self.cancelled,
            self.bets,
            self.manual_offers,
            self.kit_waits
        )
    }
}

/// Applies a step as `actor`; a refusal (the order moved meanwhile) is `None`, not an error.
pub(super) fn apply(
    w: &World,
    actor: Actor,
    order_id: i64,
    cmd: Command,
) -> anyhow::Result<Option<Status>> {
    let mut conn = w.state.pool.get()?;
    match service::apply(
        &mut conn,
        &w.state.settings(),
        &crate::wiring::order_hooks(),
        w.clock.now_utc(),
        actor,
        order_id,
        cmd,
    ) {
        Ok(status) => Ok(Some(status)),
        Err(AppError::Refused(_)) => Ok(None),
        Err(e) => Err(e.into()),
    }
}

pub(super) fn ids(w: &World, sql: &str, param: impl rusqlite::ToSql) -> anyhow::Result<Vec<i64>> {
    let conn = w.state.pool.get()?;
    let mut stmt = conn.prepare_cached(sql)?;
    Ok(stmt
        .query_map([param], |r| r.get(0))?
        .collect::<Result<_, _>>()?)
}

/// How a worker will answer an offer: when, and whether they take it (`None`: they never
/// answer, and the offer expires).
#[derive(Debug, Clone, Copy)]
pub struct Reply {
    pub at: DateTime<Utc>,
    pub accept: Option<bool>,
}

/// Workers look at their phones a while after an offer arrives: most within a quarter of an
/// hour, some later, a few never (matching's expiry moves the order on). Most accept.
pub fn answer_offers(w: &mut World, tally: &mut Tally) -> anyhow::Result<()> {
    let open: Vec<(i64, i64, i64, DateTime<Utc>)> = {
        let conn = w.state.pool.get()?;
        let mut stmt = conn.prepare_cached(
            "SELECT id, order_id, worker_id, offered_at FROM order_offers WHERE status = 'open'
             ORDER BY id",
        )?;
        stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)))?
            .collect::<Result<_, _>>()?
    };
    let now = w.clock.now_utc();
    w.replies.retain(|id, _| open.iter().any(|o| o.0 == *id));
    for (offer, order, worker, offered_at) in open {
        let reply = match w.replies.get(&offer) {
            Some(r) => *r,
            None => {
                let minutes = if w.rng.random_bool(0.8) {
                    w.rng.random_range(1..=15)
                } else {
                    w.rng.random_range(15..=40)
                };
                let accept = if w.rng.random_bool(0.07) {
                    None
                } else {
                    Some(w.rng.random_bool(0.85))
                };
                let r = Reply {
                    at: offered_at + Duration::minutes(minutes),
                    accept,
                };
                w.replies.insert(offer, r);
                r
            }
        };
        let Some(accept) = reply.accept.filter(|_| reply.at <= now) else {
            continue;
        };
        let cmd = if accept {
            Command::Accept
        } else {
            Command::Decline
        };
        if apply(w, Actor::Worker(worker), order, cmd)?.is_some() && !accept {
            tally.declined += 1;
        }
        w.replies.remove(&offer);
    }
    Ok(())
}

/// The betting managers put seeded stakes on some of the orders not started yet (none while
/// the business has bets off, as the pages would not let them).
pub fn place_bets(w: &mut World, tally: &mut Tally) -> anyhow::Result<()> {
    use crate::bets::model::Proposition;
    if !w.state.settings().business.bets {
        return Ok(());
    }
    let managers = ids(
        w,
        "SELECT user_id FROM user_permissions WHERE permission = ?1 ORDER BY user_id",
        "bets",
    )?;
    // Tomorrow's orders (by this hour), so each order is bet on about once.
    let now = w.clock.now_utc();
    let open: Vec<i64> = {
        let conn = w.state.pool.get()?;
        let mut stmt = conn.prepare_cached(
            "SELECT id FROM orders WHERE status IN ('new', 'offered', 'assigned')
               AND scheduled_at > ?1 AND scheduled_at <= ?2 ORDER BY id",
        )?;
        stmt.query_map([now, now + Duration::days(1)], |r| r.get(0))?
            .collect::<Result<_, _>>()?
    };
    for order in open {
        if !w.rng.random_bool(0.4) {
            continue;
        }
        // One proposition per order; the managers mostly take opposite sides.
        let p = Proposition::ALL[w.rng.random_range(0..Proposition::ALL.len())];
        let mut yes = w.rng.random_bool(0.5);
        for &manager in &managers {
            let amount = w.rng.random_range(1..=50) * 10_000; // ₽100 to ₽5,000
            let mut conn = w.state.pool.get()?;
            match crate::bets::service::place(
                &mut conn,
                w.clock.now_utc(),
                manager,
                order,
                p,
                yes,
                amount,
            ) {
                Ok(_) => tally.bets += 1,
                // Refused or gone: the simulated manager just doesn't bet.
                Err(crate::error::AppError::Refused(_) | crate::error::AppError::NotFound) => {}
                Err(e) => return Err(e.into()),
            }
            yes = if w.rng.random_bool(0.8) { !yes } else { yes };
        }
    }
    Ok(())
}
