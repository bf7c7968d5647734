//! One simulated day on a clock that moves in quarter-hour steps from 07:00 to 23:00 local.
//! The morning brings sign-ups, restocking, applicants and the company's planned decisions;
//! orders are placed at their own minutes; after each step runs what the post-commit jobs
//! would (matching with its offer expiry, packing, mail) and on the hour the whole cron pass;
//! workers answer offers when they look, and jobs move on when their time comes. The betting
//! managers bet at noon, plans change at three, quality control and refunds come at five.

use std::fmt;

use chrono::{DateTime, Duration, NaiveDate, NaiveTime, TimeZone, Timelike, Utc};
use rand::Rng;

use super::job_changes::{self, Changes};
use super::orders::{self, Tally};
use super::{World, billing, calendar, demand, hiring, moves, quality, screening, work};
use crate::db::QueryRowCached;
use crate::jobs::{self, Job};

/// How far the clock moves between two looks at the world.
pub const STEP_MINUTES: i64 = 15;
const DAY_STARTS: u32 = 7;
const DAY_ENDS: u32 = 23;

/// What one day did, for the run's log.
#[derive(Debug, Default)]
pub struct Day {
    pub new_clients: usize,
    pub tally: Tally,
    pub changes: Changes,
    /// Visits moved to another time.
    pub moves: usize,
    pub reviews: u32,
    pub refunds: u32,
    pub mails_sent: usize,
}

impl fmt::Display for Day {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{} new clients, {}, {}, {} moves, {} reviews, {} refunds, {} mails sent",
            self.new_clients,
            self.tally,
            self.changes,
            self.moves,
            self.reviews,
            self.refunds,
            self.mails_sent
        )
    }
}

/// The UTC instant of a local hour on `date` (the first, should a clock change repeat it).
pub fn local_in(tz: chrono_tz::Tz, date: NaiveDate, hour: u32) -> DateTime<Utc> {
    let time = NaiveTime::from_hms_opt(hour, 0, 0).expect("a valid hour");
    let at = date.and_time(time);
    tz.from_local_datetime(&at)
        .earliest()
        .map(|t| t.with_timezone(&Utc))
        .unwrap_or_else(|| Utc.from_utc_datetime(&at))
}

fn local(w: &World, date: NaiveDate, hour: u32) -> DateTime<Utc> {
    local_in(w.state.settings().time_zone, date, hour)
}

fn mails_sent(w: &World) -> anyhow::Result<usize> {
    let n: i64 = w.state.pool.get()?.query_row_cached(
        "SELECT COUNT(*) FROM outbox WHERE status = 'sent'",
        [],
        |r| r.get(0),
    )?;
    Ok(n as usize)
}

/// Runs day `day` of `days` (its date `date`), from its morning to the night's cron pass.
pub fn run(w: &mut World, day: u32, days: u32, date: NaiveDate) -> anyhow::Result<Day> {
    let mut d = Day::default();
    let mails_before = mails_sent(w)?;
    let (mut t, end) = (local(w, date, DAY_STARTS), local(w, date, DAY_ENDS));
    w.clock.set(t);
    d.new_clients = w.rng.random_range(1..=3);
    for n in 0..d.new_clients {
        super::register(
            w,
            crate::auth::model::Role::Client,
            &format!("client-{day}-{n}"),
        )?;
    }
    super::restock(w)?;
    calendar::morning(w, day, days)?;
    hiring::day(w, day)?;
    let placements = demand::placements(w, date);
    let mut next = 0;
    while t < end {
        let step_end = t + Duration::minutes(STEP_MINUTES);
        while let Some(at) = placements.get(next).filter(|at| **at < step_end) {
            w.clock.set((*at).max(w.clock.now_utc()));
            d.tally.placed += usize::from(demand::place_one(w)?);
            next += 1;
        }
        w.clock.set(step_end);
        let local = step_end.with_timezone(&w.state.settings().time_zone);
        if local.minute() == 0 {
            jobs::drain(&w.runner)?;
        } else {
            jobs::run_job(&w.runner, Job::Matching)?;
        }
        orders::answer_offers(w, &mut d.tally)?;
        work::progress(w, &mut d.tally)?;
        calendar::at(w, day, local.hour(), local.minute())?;
        match (local.hour(), local.minute()) {
            (12, 0) => orders::place_bets(w, &mut d.tally)?,
            (15, 0) => {
                d.tally.manual_offers += calendar::manual_offers(w)?;
                d.changes = job_changes::day(w)?;
                d.moves = moves::day(w)?;
            }
            (17, 0) => {
                d.reviews = quality::review_day(w)?;
                d.refunds = billing::goodwill_refunds(w)?;
                screening::grade_written(w)?;
            }
            _ => {}
        }
        t = step_end;
    }
    jobs::drain(&w.runner)?;
    d.mails_sent = mails_sent(w)? - mails_before;
    Ok(d)
}
