//! `simulate --days N --seed S`: drives N days of business through the real domain code on a
//! simulated clock, deterministically for a seed. Today it registers clients and delivers
//! their mail; each context adds its part of the business day here.

use std::fmt::Write;
use std::sync::Arc;

use chrono::{Duration, TimeZone, Utc};
use rand::rngs::StdRng;
use rand::{Rng, SeedableRng};

use crate::auth::model::Role;
use crate::auth::service::{NewAccount, create_account};
use crate::clock::ManualClock;
use crate::config::Settings;
use crate::jobs;
use crate::startup::AppState;
use crate::web::i18n::Lang;

const FIRST_NAMES: &[&str] = &[
    "Anna", "Boris", "Vera", "Gleb", "Daria", "Egor", "Zoya", "Ivan", "Kira", "Lev",
];
const LAST_NAMES: &[&str] = &[
    "Orlova", "Sokolov", "Volkova", "Lebedev", "Kozlova", "Novikov", "Morozova", "Pavlov",
];

#[derive(Debug, Default, PartialEq, Eq)]
pub struct Summary {
    pub clients: usize,
    pub mails_sent: usize,
    pub log: String,
}

/// Runs the simulation on the (empty) database in `settings.data_dir`.
pub fn run(settings: Settings, days: u32, seed: u64) -> anyhow::Result<Summary> {
    // A fixed Monday morning, so every run with the same seed sees the same calendar.
    let start = Utc
        .with_ymd_and_hms(2026, 1, 5, 6, 0, 0)
        .single()
        .expect("valid date");
    let clock = ManualClock::new(start);
    let state = AppState::open(settings, Arc::new(clock.clone()))?;
    let users: i64 = state
        .pool
        .get()?
        .query_row("SELECT COUNT(*) FROM users", [], |r| r.get(0))?;
    if users > 0 {
        anyhow::bail!("simulate needs an empty database; point --data-dir at a new folder");
    }
    let mut rng = StdRng::seed_from_u64(seed);
    let mut summary = Summary::default();
    for day in 1..=days {
        let new_clients = register_clients(&state, &mut rng, day)?;
        clock.advance(Duration::hours(1));
        let drained = jobs::drain(&state)?;
        summary.clients += new_clients;
        summary.mails_sent += drained.mail.sent;
        writeln!(
            summary.log,
            "day {day}: {new_clients} new clients, {} mails sent",
            drained.mail.sent
        )?;
        clock.advance(Duration::hours(23));
    }
    writeln!(
        summary.log,
        "total: {} clients, {} mails sent",
        summary.clients, summary.mails_sent
    )?;
    Ok(summary)
}

fn register_clients(state: &AppState, rng: &mut StdRng, day: u32) -> anyhow::Result<usize> {
    let count = rng.random_range(0..=3);
    let mut conn = state.pool.get()?;
    for n in 0..count {
        let first = FIRST_NAMES[rng.random_range(0..FIRST_NAMES.len())];
        let last = LAST_NAMES[rng.random_range(0..LAST_NAMES.len())];
        let language = if rng.random_bool(0.6) {
            Lang::Ru
        } else {
            Lang::En
        };
        let account = NewAccount {
            name: format!("{first} {last}"),
            email: format!("client-{day}-{n}@sim.example.com"),
            password: format!("sim-password-{day}-{n}"),
            role: Role::Client,
            language,
        };
        create_account(&mut conn, &state.settings, state.clock.now(), &account)?
            .map_err(|e| anyhow::anyhow!("simulated registration refused: {e:?}"))?;
    }
    Ok(count)
}
