//! `simulate --days N --seed S`: drives N days of business through the real domain code on a
//! simulated clock, deterministically for a seed. The clock moves through each day in steps
//! (see `day`): clients order at their own minutes, matching offers as the scheduled jobs
//! would and workers answer when they look, jobs start inside the start window and end with
//! a report, a signature and a rating that follow the worker's hidden ability (`ability`),
//! quality control decides every open review, and the company's planned decisions
//! (`calendar`) run a matching experiment (random against score) and try a second screening
//! policy in a screening experiment before adopting it.

pub mod ability;
mod billing;
mod calendar;
mod day;
mod demand;
mod experiments;
mod hiring;
mod job_changes;
mod moves;
mod orders;
mod quality;
mod screening;
mod work;

use std::collections::BTreeMap;
use std::fmt::Write;
use std::sync::Arc;

use chrono::{Duration, NaiveDate};
use rand::rngs::StdRng;
use rand::{Rng, SeedableRng};

use crate::auth::model::Role;
use crate::auth::service::{NewAccount, create_account};
use crate::billing::cards::{self, CardForm, Purpose};
use crate::clock::ManualClock;
use crate::config::Settings;
use crate::i18n::Lang;
use crate::jobs;
use crate::state::AppState;
use crate::supply::service::bakery::{BakerySim, Faults};
use crate::supply::{service::stock, store};

const FIRST_NAMES: &[&str] = &[
    "Anna", "Boris", "Vera", "Gleb", "Daria", "Egor", "Zoya", "Ivan", "Kira", "Lev",
];
const LAST_NAMES: &[&str] = &[
    "Orlova", "Sokolov", "Volkova", "Lebedev", "Kozlova", "Novikov", "Morozova", "Pavlov",
];
const CAT_NAMES: &[&str] = &[
    "Barsik", "Murzik", "Vaska", "Pushok", "Ryzhik", "Tishka", "Snezhok", "Kuzya",
];

/// What happened, day by day and in total.
#[derive(Debug, Default, PartialEq)]
pub struct Summary {
    pub clients: usize,
    pub orders: orders::Tally,
    pub mails_sent: usize,
    pub log: String,
    /// The hidden truth: every worker's and applicant's ability (0.1–1) by user id, for
    /// comparing what the records estimate with what is so (see `ability` for its effects).
    pub abilities: BTreeMap<i64, f64>,
}

/// The simulated world: the state, its clock, the seeded randomness and what only the
/// simulation knows (abilities, the plans of people's next steps).
pub struct World {
    pub state: AppState,
    /// The jobs' view of the world, with the simulated bakery.
    pub runner: jobs::Runner,
    pub clock: ManualClock,
    pub rng: StdRng,
    pub manager_id: i64,
    pub admin_id: i64,
    /// The bakery the jobs call, kept to script its outages.
    bakery: Arc<BakerySim>,
    abilities: BTreeMap<i64, f64>,
    /// Assigned jobs' plans, by order id.
    plans: BTreeMap<i64, work::Plan>,
    /// How workers will answer their open offers, by offer id.
    replies: BTreeMap<i64, orders::Reply>,
    /// The writer's ability behind each attempt with a written answer, by assignment id.
    written: BTreeMap<i64, f64>,
    written_test: Option<i64>,
    /// The planned decisions' lines for the run's log.
    log: String,
}

/// The first simulated day: a Monday, so every run with the same seed sees the same calendar.
const FIRST_DAY: (i32, u32, u32) = (2026, 1, 5);
/// The first simulated day.
pub fn first_day() -> NaiveDate {
    let (y, m, d) = FIRST_DAY;
    NaiveDate::from_ymd_opt(y, m, d).expect("valid date")
}

/// Clients already with the company when the run starts.
const STARTING_CLIENTS: usize = 20;

/// A worker's hidden ability; one the simulation has not met yet (created outside it) gets
/// a fresh draw, remembered from then on.
fn ability_of(w: &mut World, user_id: i64) -> f64 {
    if let Some(a) = w.abilities.get(&user_id) {
        return *a;
    }
    let a = ability::draw(&mut w.rng);
    w.abilities.insert(user_id, a);
    a
}

/// The bakery's everyday misbehaviour: seeded 500s and lost replies exercise the retries.
fn bakery_faults() -> Faults {
    Faults {
        error_rate: 0.15,
        drop_rate: 0.05,
        ..Faults::default()
    }
}

/// Runs the simulation on the (empty) database in `settings.data_dir`.
pub fn run(settings: Settings, days: u32, seed: u64) -> anyhow::Result<Summary> {
    let first = first_day();
    // Simulated days would take a backup each: a simulation is not worth keeping copies of.
    let mut settings = settings;
    settings.operations.backup_every = None;
    let tz = settings.time_zone;
    let start = day::local_in(tz, first, 7);
    let clock = ManualClock::new(start);
    let state = AppState::open(settings, Arc::new(clock.clone()))?;
    let bakery = Arc::new(BakerySim::new(bakery_faults(), seed));
    let mut ports = crate::wiring::Ports::from_settings(&state.settings())?;
    ports.bakery = bakery.clone();
    // Golden Hat too: seeded 500s and lost replies exercise charge and payout recovery.
    let gateway_faults = crate::billing::service::gateway::Faults {
        error_rate: 0.1,
        drop_rate: 0.05,
        ..Default::default()
    };
    // Journaled in the data folder like the embedded default, so `check` can ask it later.
    let journal = state.settings().data_dir.join("golden-hat-sim.jsonl");
    ports.gateway = Arc::new(
        crate::billing::service::gateway::GoldenHatSim::with_journal(
            gateway_faults,
            seed,
            journal,
        )?,
    );
    let users: i64 = state
        .pool
        .get()?
        .query_row("SELECT COUNT(*) FROM users", [], |r| r.get(0))?;
    if users > 0 {
        anyhow::bail!("simulate needs an empty database; point --data-dir at a new folder");
    }
    crate::ops::demo::load_services(&mut *state.pool.get()?, clock.now_utc())?;
    let mut world = World {
        manager_id: 0,
        admin_id: 0,
        runner: jobs::Runner::new(state.clone(), ports),
        state,
        clock,
        rng: StdRng::seed_from_u64(seed),
        bakery,
        abilities: BTreeMap::new(),
        plans: BTreeMap::new(),
        replies: BTreeMap::new(),
        written: BTreeMap::new(),
        written_test: None,
        log: String::new(),
    };
    world.manager_id = register(&mut world, Role::Manager, "manager-0")?;
    world.admin_id = register(&mut world, Role::Admin, "admin-0")?;
    // Two other managers hold the bets permission and bet on each other's hunches; the one
    // who runs the orders and reviews them does not bet (a stake would bar her from them).
    for handle in ["manager-1", "manager-2"] {
        let id = register(&mut world, Role::Manager, handle)?;
        crate::db::write_tx(&mut world.state.pool.get()?, |tx| {
            crate::auth::store::set_permission(tx, id, "bets", true)
        })?;
    }
    for n in 0..5 {
        let id = register(&mut world, Role::Worker, &format!("worker-{n}"))?;
        hiring::set_up_worker(&world, id)?;
    }
    for n in 0..STARTING_CLIENTS {
        register(&mut world, Role::Client, &format!("client-0-{n}"))?;
    }
    billing::open_promo(&world)?;
    hiring::start(&mut world)?;
    experiments::start_matching(&mut world)?;
    let mut summary = Summary::default();
    for n in 1..=days {
        let date = first + Duration::days(i64::from(n - 1));
        let done = day::run(&mut world, n, days, date)?;
        summary.clients += done.new_clients;
        summary.orders.add(&done.tally);
        summary.mails_sent += done.mails_sent;
        summary.log.push_str(&std::mem::take(&mut world.log));
        writeln!(summary.log, "day {n}: {done}")?;
    }
    let (packed, fallback) = world.state.pool.get()?.query_row(
        "SELECT COUNT(*) FILTER (WHERE status IN ('packed', 'issued')), COUNT(*) FILTER (WHERE fallback_cookie = 1) FROM packs",
        [],
        |r| Ok((r.get::<_, i64>(0)?, r.get::<_, i64>(1)?)),
    )?;
    hiring::summary(&world, &mut summary.log)?;
    experiments::summary(&world, &mut summary.log)?;
    writeln!(
        summary.log,
        "total: {} clients, {}, {} mails sent, {packed} kits packed ({fallback} with a local fortune)",
        summary.clients, summary.orders, summary.mails_sent
    )?;
    summary.abilities = world.abilities;
    Ok(summary)
}

/// The supply manager's morning: everything at or below its reorder level is restocked.
fn restock(world: &World) -> anyhow::Result<()> {
    let mut conn = world.state.pool.get()?;
    for item in store::consumables(&conn)? {
        if item.is_low() {
            let quantity = (item.reorder_level * 5).max(10);
            stock::receive(
                &mut conn,
                &world.state.settings(),
                world.clock.now_utc(),
                world.manager_id,
                item.id,
                quantity,
                "simulated delivery",
            )
            .map_err(|e| match e.refusal() {
                Some(key) => anyhow::anyhow!("simulated receipt refused: {key}"),
                None => e.into(),
            })?;
        }
    }
    Ok(())
}

fn register(world: &mut World, role: Role, handle: &str) -> anyhow::Result<i64> {
    let rng = &mut world.rng;
    let name = match role {
        Role::Worker => format!(
            "{} the Cat",
            CAT_NAMES[rng.random_range(0..CAT_NAMES.len())]
        ),
        _ => format!(
            "{} {}",
            FIRST_NAMES[rng.random_range(0..FIRST_NAMES.len())],
            LAST_NAMES[rng.random_range(0..LAST_NAMES.len())]
        ),
    };
    let language = if rng.random_bool(0.6) {
        Lang::Ru
    } else {
        Lang::En
    };
    let account = NewAccount {
        name,
        email: format!("{handle}@sim.example.com"),
        password: format!("sim-password-{handle}"),
        role,
        language,
    };
    let mut conn = world.state.pool.get()?;
    let (id, _) = create_account(
        &mut conn,
        &world.state.settings(),
        world.clock.now_utc(),
        &account,
    )
    .map_err(|e| anyhow::anyhow!("simulated registration refused: {e:?}"))?;
    drop(conn);
    if role == Role::Worker {
        let a = ability::draw(&mut world.rng);
        world.abilities.insert(id, a);
    }
    // Clients pay by card (a seeded few with cards that decline); workers are paid by card.
    let (purpose, number) = match role {
        Role::Client => (
            Purpose::Charge,
            match world.rng.random_range(0..20) {
                0 => "4000000000000002",
                1 => "4000000000009995",
                _ => "4242424242424242",
            },
        ),
        Role::Worker => (Purpose::Payout, "4242424242424242"),
        _ => return Ok(id),
    };
    add_card(world, id, purpose, number)?;
    Ok(id)
}

/// The person types a card on their billing page (through the gateway simulator).
fn add_card(world: &World, user_id: i64, purpose: Purpose, number: &str) -> anyhow::Result<()> {
    let form = CardForm {
        card_number: number.into(),
        exp_month: "12".into(),
        exp_year: "2035".into(),
        cvc: "123".into(),
    };
    cards::add(&world.runner.billing(), user_id, purpose, &form)
        .map_err(|e| anyhow::anyhow!("simulated card: {e:?}"))?
        .map_err(|_| anyhow::anyhow!("simulated card refused"))?;
    Ok(())
}
