//! One simulated business day of orders, through the same service functions the web uses.

use std::fmt;

use chrono::{Duration, NaiveTime};
use rand::Rng;

use super::World;
use crate::auth::model::Role;
use crate::auth::store as users;
use crate::catalogue::store as catalogue;
use crate::error::AppError;
use crate::orders::model::{Actor, Status};
use crate::orders::service::create::{self, OrderForm, PlaceOrder};
use crate::orders::service::{self, Command};
use crate::orders::store::records::{self, Signature};
use crate::orders::{service::files, store};
use crate::profile::store as profile;

#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct Tally {
    pub placed: usize,
    pub declined: usize,
    pub completed: usize,
    pub disputed: usize,
    pub cancelled: usize,
    pub bets: usize,
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
        self.kit_waits += o.kit_waits;
    }
}

impl fmt::Display for Tally {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{} orders placed, {} offers declined, {} completed, {} disputed, {} cancelled, {} bets, {} jobs waiting for a kit",
            self.placed,
            self.declined,
            self.completed,
            self.disputed,
            self.cancelled,
            self.bets,
            self.kit_waits
        )
    }
}

/// A tiny PNG used as every simulated signature.
const SIGNATURE_PNG: &[u8] = b"\x89PNG\r\n\x1a\n simulated signature";

pub fn business_day(w: &mut World) -> anyhow::Result<Tally> {
    let mut tally = Tally::default();
    place_orders(w, &mut tally)?;
    place_bets(w, &mut tally)?;
    offer_new_orders(w, &mut tally)?;
    work_todays_jobs(w, &mut tally)?;
    Ok(tally)
}

fn apply(w: &World, actor: Actor, order_id: i64, cmd: Command) -> anyhow::Result<Option<Status>> {
    let mut conn = w.state.pool.get()?;
    match service::apply(
        &mut conn,
        &w.state.settings,
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

fn ids(w: &World, sql: &str, param: impl rusqlite::ToSql) -> anyhow::Result<Vec<i64>> {
    let conn = w.state.pool.get()?;
    let mut stmt = conn.prepare_cached(sql)?;
    Ok(stmt
        .query_map([param], |r| r.get(0))?
        .collect::<Result<_, _>>()?)
}

/// Some clients order something for tomorrow, at a random hour.
fn place_orders(w: &mut World, tally: &mut Tally) -> anyhow::Result<()> {
    let (clients, services) = {
        let conn = w.state.pool.get()?;
        (
            users::ids_with_role(&conn, Role::Client)?,
            catalogue::services(&conn, true)?,
        )
    };
    let tomorrow = (w.clock.now_utc().with_timezone(&w.state.settings.time_zone)
        + Duration::days(1))
    .date_naive();
    for client in clients {
        if !w.rng.random_bool(0.4) {
            continue;
        }
        let service = &services[w.rng.random_range(0..services.len())];
        let hour = w.rng.random_range(9..=16);
        let mut conn = w.state.pool.get()?;
        let options: Vec<i64> = catalogue::options(&conn, service.id, true)?
            .iter()
            .map(|o| o.id)
            .filter(|_| w.rng.random_bool(0.3))
            .collect();
        let address = match profile::addresses(&conn, client)?.first() {
            Some(a) => a.id,
            None => crate::db::write_tx(&mut conn, |tx| {
                profile::insert_address(
                    tx,
                    client,
                    "Home",
                    &format!("{client} Simulation St"),
                    "",
                    w.clock.now_utc(),
                )
            })?,
        };
        let form = OrderForm {
            service: service.id.to_string(),
            address: address.to_string(),
            date: tomorrow.to_string(),
            time: NaiveTime::from_hms_opt(hour, 0, 0)
                .expect("valid hour")
                .format("%H:%M")
                .to_string(),
            notes: String::new(),
            new_address: String::new(),
            promo: super::billing::promo_for(w),
        };
        let Ok(order) = PlaceOrder::try_from((&form, options.as_slice())) else {
            continue;
        };
        match create::create(
            &mut conn,
            &w.state.settings,
            &crate::wiring::order_hooks(),
            w.clock.now_utc(),
            client,
            &order,
        ) {
            Ok(_) => tally.placed += 1,
            Err(e) => {
                e.into_form()?;
            }
        }
    }
    Ok(())
}

/// The betting managers put seeded stakes on some of the orders not started yet.
fn place_bets(w: &mut World, tally: &mut Tally) -> anyhow::Result<()> {
    use crate::bets::model::Proposition;
    let managers = ids(
        w,
        "SELECT user_id FROM user_permissions WHERE permission = ?1 ORDER BY user_id",
        "bets",
    )?;
    let open = ids(
        w,
        "SELECT id FROM orders WHERE status = ?1 ORDER BY id",
        Status::New,
    )?;
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

/// Matching offers each waiting order; workers mostly accept, and a decline sends the order
/// on to the next worker in the following pass.
fn offer_new_orders(w: &mut World, tally: &mut Tally) -> anyhow::Result<()> {
    for _ in 0..3 {
        crate::jobs::drain(&w.runner)?;
        let offers: Vec<(i64, i64)> = {
            let conn = w.state.pool.get()?;
            let mut stmt = conn.prepare_cached(
                "SELECT order_id, worker_id FROM order_offers WHERE status = 'open' ORDER BY id",
            )?;
            stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?
                .collect::<Result<_, _>>()?
        };
        for (order, worker) in offers {
            if w.rng.random_bool(0.85) {
                apply(w, Actor::Worker(worker), order, Command::Accept)?;
            } else {
                apply(w, Actor::Worker(worker), order, Command::Decline)?;
                tally.declined += 1;
            }
        }
    }
    Ok(())
}

/// Today's assigned jobs: a few are cancelled by the client, the rest are done, reported and
/// signed, or refused and then settled by the manager.
fn work_todays_jobs(w: &mut World, tally: &mut Tally) -> anyhow::Result<()> {
    let today_end = w.clock.now_utc() + Duration::hours(15);
    let jobs = ids(
        w,
        "SELECT id FROM orders WHERE status = 'assigned' AND scheduled_at < ?1 ORDER BY id",
        today_end,
    )?;
    let signature_sha = files::store(&w.state.settings.data_dir, SIGNATURE_PNG)?;
    for id in jobs {
        let Some(order) = store::order(&*w.state.pool.get()?, id)? else {
            continue;
        };
        let (client, worker) = (
            Actor::Client(order.client_id),
            Actor::Worker(order.worker_id.expect("assigned")),
        );
        if w.rng.random_bool(0.05) {
            apply(
                w,
                client,
                id,
                Command::Cancel {
                    reason: "Plans changed".into(),
                },
            )?;
            tally.cancelled += 1;
            continue;
        }
        if apply(w, worker, id, Command::ConfirmKit)?.is_none() {
            tally.kit_waits += 1;
            continue;
        }
        apply(w, worker, id, Command::Start)?;
        let checked = ids(
            w,
            "SELECT id FROM service_checklist_items WHERE service_id = ?1 AND active = 1",
            order.service_id,
        )?;
        apply(
            w,
            worker,
            id,
            Command::Report {
                note: "Done as agreed.".into(),
                checked,
                files: vec![],
                draft_id: None,
                finished_at: None,
            },
        )?;
        if w.rng.random_bool(0.9) {
            let report_sha256 = {
                let conn = w.state.pool.get()?;
                let report = records::report(&conn, id)?.expect("just reported");
                records::report_digest(id, &report, &records::files(&conn, id)?)
            };
            let signature = Signature {
                signed_name: order.client_name.clone(),
                signature_sha256: signature_sha.clone(),
                report_sha256,
                rating: w.rng.random_range(3..=5),
                comment: String::new(),
                signed_at: w.clock.now_utc(),
                ip: "simulated".into(),
                user_agent: "simulate".into(),
            };
            apply(w, client, id, Command::Sign { signature })?;
            tally.completed += 1;
        } else {
            apply(
                w,
                client,
                id,
                Command::Refuse {
                    reason: "Not what I expected".into(),
                },
            )?;
            // Quality control settles the dispute in its review.
            tally.disputed += 1;
        }
    }
    Ok(())
}
