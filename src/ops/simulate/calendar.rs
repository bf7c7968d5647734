//! The company's planned decisions over a run, on days set by the run's length so that a
//! short run sees them too: a manager builds a test with a written question, a second
//! screening policy is tried in an experiment and adopted (the matching experiment runs from
//! the first day, see `experiments`); every week the bakery has a morning outage (kits packed then get
//! the fallback fortune); every afternoon a manager offers orders matching could not place.

use rand::Rng;
use std::fmt::Write;

use super::{World, screening};
use crate::matching::{service as matching, store as matching_store};
use crate::orders::model::Actor;
use crate::orders::service::Command;
use crate::orders::store as orders;
use crate::supply::service::bakery::Faults;

/// The day a manager builds the written test (policy v2 asks for it).
pub fn written_test_day(days: u32) -> u32 {
    1 + days / 6
}

/// The day the second screening policy is drafted, simulated, activated and applied.
pub fn second_policy_day(days: u32) -> u32 {
    1 + days / 3
}

/// The day the screening experiment stops, adopting the second policy.
pub fn adoption_day(days: u32) -> u32 {
    1 + 2 * days / 3
}

/// The bakery is down on the mornings of these days (the third of every week).
fn outage(day: u32) -> bool {
    day % 7 == 3
}
const OUTAGE_HOURS: std::ops::Range<u32> = 8..14;

/// The morning's planned decisions; what was done goes to the run's log.
pub fn morning(w: &mut World, day: u32, days: u32) -> anyhow::Result<()> {
    if day == written_test_day(days) {
        let test = screening::build_written_test(w)?;
        w.written_test = Some(test);
        writeln!(
            w.log,
            "day {day}: a manager built test {test} with a written question"
        )?;
    }
    if day == second_policy_day(days) {
        let note = screening::second_policy(w)?;
        writeln!(w.log, "day {day}: {note}")?;
    }
    if day == adoption_day(days) && adoption_day(days) > second_policy_day(days) {
        let note = super::experiments::adopt_screening(w)?;
        writeln!(w.log, "day {day}: {note}")?;
    }
    Ok(())
}

/// Things that happen at a given local time of day: the bakery's outage starts and ends.
pub fn at(w: &mut World, day: u32, hour: u32, minute: u32) -> anyhow::Result<()> {
    if !outage(day) || minute != 0 {
        return Ok(());
    }
    if hour == OUTAGE_HOURS.start {
        w.bakery.set_faults(Faults {
            error_rate: 1.0,
            drop_rate: 0.0,
            ..Faults::default()
        });
    } else if hour == OUTAGE_HOURS.end {
        w.bakery.set_faults(super::bakery_faults());
    }
    Ok(())
}

/// A manager looks at the orders matching gave up on and offers half of them by hand to a
/// worker who is free then (as the order page's "offer" does); returns how many.
pub fn manual_offers(w: &mut World) -> anyhow::Result<usize> {
    let now = w.clock.now_utc();
    let waiting = super::orders::ids(
        w,
        "SELECT id FROM orders WHERE status = 'unassigned' AND scheduled_at > ?1 ORDER BY id",
        now,
    )?;
    let mut offered = 0;
    for id in waiting {
        if !w.rng.random_bool(0.5) {
            continue;
        }
        let decision = {
            let conn = w.state.pool.get()?;
            let Some(order) = orders::order(&conn, id)? else {
                continue;
            };
            let ms = matching_store::settings(&conn)?;
            matching::decide_for(&conn, &w.state.settings(), &ms, &order, w.rng.random())
                .map_err(|e| anyhow::anyhow!("simulated look at workers failed: {e:?}"))?
        };
        let Some(worker_id) = decision.chosen else {
            continue;
        };
        let manager = Actor::Manager(w.manager_id);
        if super::orders::apply(w, manager, id, Command::Offer { worker_id })?.is_some() {
            offered += 1;
        }
    }
    Ok(offered)
}
