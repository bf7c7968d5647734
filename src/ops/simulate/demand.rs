//! When simulated clients order and for when: about twenty orders a day, fewer on Sundays,
//! placed through the day with morning and evening peaks, for a slot from later today to a
//! week ahead, at the hours people want (after work on weekdays, late morning at weekends).

use chrono::{DateTime, Datelike, Duration, NaiveDate, NaiveTime, TimeZone, Utc, Weekday};
use rand::Rng;
use rand::rngs::StdRng;

use super::World;
use crate::auth::model::Role;
use crate::auth::store as users;
use crate::catalogue::store as catalogue;
use crate::orders::service::create::{self, OrderForm, PlaceOrder};
use crate::profile::store as profile;

/// The mean number of orders on an ordinary weekday.
pub const ORDERS_PER_DAY: f64 = 20.0;

/// How busy each weekday is, Monday first, against an ordinary weekday.
const WEEKDAY_DEMAND: [f64; 7] = [1.0, 1.0, 1.0, 1.05, 1.1, 0.95, 0.65];
/// Orders placed in each local hour from 07:00 to 22:00 (relative weights).
const PLACED_AT: [u32; 16] = [2, 4, 6, 7, 6, 5, 6, 6, 5, 5, 6, 8, 9, 8, 5, 3];
const FIRST_PLACING_HOUR: u32 = 7;
/// Days between ordering and the slot: 0 (later today) to 6.
const LEAD_DAYS: [u32; 7] = [1, 5, 4, 3, 2, 1, 1];
/// Slots wanted at each hour from 08:00 to 20:00, on weekdays and at weekends.
const WEEKDAY_SLOTS: [u32; 13] = [3, 6, 7, 6, 4, 4, 5, 5, 4, 4, 6, 5, 2];
const WEEKEND_SLOTS: [u32; 13] = [1, 3, 6, 7, 7, 6, 5, 4, 3, 2, 2, 1, 1];
const FIRST_SLOT_HOUR: u32 = 8;

fn weighted(rng: &mut StdRng, weights: &[u32]) -> usize {
    let total: u32 = weights.iter().sum();
    let mut pick = rng.random_range(0..total);
    for (i, w) in weights.iter().enumerate() {
        if pick < *w {
            return i;
        }
        pick -= w;
    }
    weights.len() - 1
}

/// A Poisson draw (Knuth's method; fine for means of a few dozen).
fn poisson(rng: &mut StdRng, mean: f64) -> u32 {
    let limit = (-mean).exp();
    let (mut k, mut p) = (0, 1.0);
    loop {
        p *= rng.random_range(0.0..1.0);
        if p <= limit {
            return k;
        }
        k += 1;
    }
}

/// The moments today's orders are placed, in order.
pub fn placements(w: &mut World, day: NaiveDate) -> Vec<DateTime<Utc>> {
    let tz = w.state.settings().time_zone;
    let weekday = day.weekday().num_days_from_monday() as usize;
    let n = poisson(&mut w.rng, ORDERS_PER_DAY * WEEKDAY_DEMAND[weekday]);
    let mut at: Vec<DateTime<Utc>> = (0..n)
        .filter_map(|_| {
            let hour = FIRST_PLACING_HOUR + weighted(&mut w.rng, &PLACED_AT) as u32;
            let minute = w.rng.random_range(0..60);
            let local = day.and_time(NaiveTime::from_hms_opt(hour, minute, 0)?);
            Some(
                tz.from_local_datetime(&local)
                    .earliest()?
                    .with_timezone(&Utc),
            )
        })
        .collect();
    at.sort();
    at
}

/// A client orders now: a service, some options, a slot they want. Returns whether the
/// order was placed (a slot the rules refuse, or a promo used before, ends the attempt).
pub fn place_one(w: &mut World) -> anyhow::Result<bool> {
    let (clients, services) = {
        let conn = w.state.pool.get()?;
        (
            users::ids_with_role(&conn, Role::Client)?,
            catalogue::services(&conn, true)?,
        )
    };
    if clients.is_empty() || services.is_empty() {
        return Ok(false);
    }
    let client = clients[w.rng.random_range(0..clients.len())];
    let service = &services[w.rng.random_range(0..services.len())];
    let Some(slot) = slot(w, service.duration_minutes) else {
        return Ok(false);
    };
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
    let mut form = OrderForm {
        service: service.id.to_string(),
        address: address.to_string(),
        date: slot.date().to_string(),
        time: slot.time().format("%H:%M").to_string(),
        notes: String::new(),
        new_address: String::new(),
        promo: super::billing::promo_for(w),
        ..OrderForm::default()
    };
    super::series::maybe_repeat(w, client, &mut form)?;
    let Ok(order) = PlaceOrder::try_from((&form, options.as_slice())) else {
        return Ok(false);
    };
    let (settings, hooks, now) = (
        w.state.settings(),
        crate::wiring::order_hooks(),
        w.clock.now_utc(),
    );
    let placed = if form.repeats() {
        (hooks.start_series)(&mut conn, &settings, &hooks, now, client, &order, &form)
    } else {
        create::create(&mut conn, &settings, &hooks, now, client, &order)
    };
    match placed {
        Ok(_) => Ok(true),
        Err(e) => {
            e.into_form()?;
            Ok(false)
        }
    }
}

/// The local start a client asks for: far enough ahead for the rules, inside working hours
/// with room for the job (and an option or two) before closing.
fn slot(w: &mut World, duration_minutes: i64) -> Option<chrono::NaiveDateTime> {
    let rules = &w.state.settings().orders;
    let tz = w.state.settings().time_zone;
    let now = w.clock.now_utc();
    let earliest = (now + Duration::minutes(rules.min_lead_minutes + 15)).with_timezone(&tz);
    let latest_end = rules.closes_at - Duration::minutes(60);
    for _ in 0..5 {
        let lead = weighted(&mut w.rng, &LEAD_DAYS) as i64;
        let day = now.with_timezone(&tz).date_naive() + Duration::days(lead);
        let weekend = matches!(day.weekday(), Weekday::Sat | Weekday::Sun);
        let hours = if weekend {
            &WEEKEND_SLOTS
        } else {
            &WEEKDAY_SLOTS
        };
        let hour = FIRST_SLOT_HOUR + weighted(&mut w.rng, hours) as u32;
        let minute = 15 * w.rng.random_range(0..4);
        let start = NaiveTime::from_hms_opt(hour, minute, 0)?;
        let (end, wrapped) = start.overflowing_add_signed(Duration::minutes(duration_minutes));
        let fits = start >= rules.opens_at && wrapped == 0 && end <= latest_end;
        let local = day.and_time(start);
        if fits && local > earliest.naive_local() {
            return Some(local);
        }
    }
    None
}
