//! Repeating bookings in the simulation: about a third of clients book their first order as
//! a series, and in the afternoons some clients skip or move a coming visit or end a series.

use std::fmt::Write as _;

use chrono::Duration;
use rand::Rng;

use super::World;
use crate::error::AppError;
use crate::orders::model::Actor;
use crate::orders::service::create::OrderForm;
use crate::schedule::service::series_changes as changes;
use crate::schedule::store::series as store;

/// Makes the form repeat when this client is one of the third who book series and has none
/// yet: weekly, every two weeks or monthly, for 3 to 10 visits.
pub fn maybe_repeat(w: &mut World, client: i64, form: &mut OrderForm) -> anyhow::Result<()> {
    if client % 3 != 0 || !store::of_client(&*w.state.pool.get()?, client)?.is_empty() {
        return Ok(());
    }
    let every = ["weekly", "weekly", "biweekly", "monthly"][w.rng.random_range(0..4)];
    form.repeat = every.into();
    form.repeat_end = "visits".into();
    form.repeat_visits = w.rng.random_range(3..=10).to_string();
    Ok(())
}

/// The afternoon's changes of plan: each running series may have its next planned visit
/// skipped or moved a day later, or be ended (half the time cancelling what was booked).
pub fn changes_of_plan(w: &mut World, day: u32) -> anyhow::Result<()> {
    let running = store::running(&*w.state.pool.get()?)?;
    let settings = w.state.settings();
    let hooks = crate::wiring::order_hooks();
    let (mut skipped, mut moved, mut ended) = (0, 0, 0);
    for s in running {
        let roll: f64 = w.rng.random();
        let actor = Actor::Client(s.client_id);
        let now = w.clock.now_utc();
        let mut conn = w.state.pool.get()?;
        let view = changes::view(&conn, actor, s.id)?;
        let today = now.with_timezone(&settings.time_zone).date_naive();
        let next = view
            .visits
            .iter()
            .find(|v| v.order.is_none() && v.at.is_some_and(|a| a.date() > today));
        let done = match (roll, next) {
            (r, Some(v)) if r < 0.08 => {
                skipped += 1;
                changes::skip(&mut conn, &settings, now, actor, s.id, v.on)
            }
            (r, Some(v)) if r < 0.14 => {
                moved += 1;
                let to = v.at.expect("planned") + Duration::days(1);
                changes::move_one(&mut conn, &settings, &hooks, now, actor, s.id, v.on, to)
            }
            (r, _) if r < 0.17 => {
                ended += 1;
                let cancel = w.rng.random_bool(0.5);
                changes::end(&mut conn, &settings, &hooks, now, actor, s.id, cancel).map(|_| ())
            }
            _ => Ok(()),
        };
        match done {
            // A move onto a day the rules refuse (a weekend's hours, another visit) is not made.
            Ok(()) | Err(AppError::Refused(_)) => {}
            Err(e) => return Err(anyhow::anyhow!("series change: {e:?}")),
        }
    }
    if skipped + moved + ended > 0 {
        writeln!(
            w.log,
            "day {day}: series: {skipped} visits skipped, {moved} moved, {ended} series ended"
        )?;
    }
    Ok(())
}
