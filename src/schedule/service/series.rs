//! Starting a series from the new-order form, and placing its visits as ordinary orders as
//! they come within `series_lead_days` of their date.

use chrono::{DateTime, Utc};

use crate::auth::model::Role;
use crate::config::Settings;
use crate::db::{Conn, WriteTx, write_tx};
use crate::error::AppError;
use crate::i18n::Arg;
use crate::notify::model::Kind;
use crate::notify::service::{Message, notify, notify_role};
use crate::orders::service::Hooks;
use crate::orders::service::create::{
    self, AddressChoice, CreateError, OrderForm, PlaceOrder, SeriesMark,
};
use crate::orders::store::series as orders_series;
use crate::schedule::model::series::{self as rules, End, Every, Rule};
use crate::schedule::store::series::{self as store, NewSeries, Series};
use crate::validate::FormErrors;

/// How a new order repeats, as the form gave it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Repeat {
    pub every: Every,
    pub end: End,
}

/// Starts a series whose first visit is `order`: that visit is checked and placed exactly
/// like a one-off order (with its promo code, the series' only one), and when it is refused
/// nothing is stored. The later visits within the window are placed at once. Returns the
/// series and its first order.
pub fn start(
    conn: &mut Conn,
    settings: &Settings,
    hooks: &Hooks,
    now: DateTime<Utc>,
    client_id: i64,
    order: &PlaceOrder,
    repeat: Repeat,
) -> Result<(i64, i64), CreateError> {
    let rule = Rule {
        every: repeat.every,
        first_on: order.local.date(),
        local_time: order.local.time(),
        end: repeat.end,
    };
    if let Err(key) = rule.check() {
        let mut errors = FormErrors::default();
        errors.add("repeat", key);
        return Err(CreateError::Form(errors));
    }
    write_tx(conn, |tx| {
        // The series names a saved address: one typed on the form is saved first (and goes
        // with everything else if the first visit is refused).
        let address_id = match &order.address {
            AddressChoice::Saved(id) => *id,
            AddressChoice::New(text) => {
                crate::profile::store::insert_address(tx, client_id, "—", text, "", now)?
            }
        };
        let id = store::insert(
            tx,
            &NewSeries {
                client_id,
                service_id: order.service_id,
                address_id,
                option_ids: &order.option_ids,
                notes: &order.notes,
                rule: &rule,
            },
            now,
        )?;
        let first = PlaceOrder {
            address: AddressChoice::Saved(address_id),
            ..order.clone()
        };
        let mark = SeriesMark {
            series_id: id,
            on: rule.first_on,
        };
        let order_id = create::place(tx, settings, hooks, now, client_id, &first, Some(mark))?;
        let series = store::series(tx, id)?.ok_or(AppError::NotFound)?;
        place_due_in(tx, settings, hooks, now, &series)?;
        Ok((id, order_id))
    })
}

/// Places, in the caller's transaction, every visit of `series` now within the window that
/// has no order yet. A visit that cannot be placed is recorded as skipped by no one, and the
/// client and managers are told why; the series goes on. Returns how many were placed.
pub fn place_due_in(
    tx: &WriteTx,
    settings: &Settings,
    hooks: &Hooks,
    now: DateTime<Utc>,
    series: &Series,
) -> Result<usize, AppError> {
    if series.ended_at.is_some() {
        return Ok(0);
    }
    let tz = settings.time_zone;
    let horizon = now.with_timezone(&tz).date_naive()
        + chrono::Duration::days(settings.orders.series_lead_days());
    let changes = store::changes(tx, series.id)?
        .into_iter()
        .map(|(on, c)| (on, c.change))
        .collect();
    let mut placed = 0;
    for visit in rules::visits(&series.rule, &changes) {
        let Some(at) = visit.at else { continue };
        if at.date() > horizon || orders_series::placed(tx, series.id, visit.on)? {
            continue;
        }
        let order = PlaceOrder {
            service_id: series.service_id,
            address: AddressChoice::Saved(series.address_id),
            local: rules::wall_clock(tz, at),
            notes: series.notes.clone(),
            promo: String::new(),
            option_ids: series.option_ids.clone(),
        };
        let mark = SeriesMark {
            series_id: series.id,
            on: visit.on,
        };
        match create::place(
            tx,
            settings,
            hooks,
            now,
            series.client_id,
            &order,
            Some(mark),
        ) {
            Ok(_) => placed += 1,
            Err(CreateError::App(e)) => return Err(e),
            Err(CreateError::Form(errors)) => {
                let why = reason(&errors);
                store::set_change(tx, series.id, visit.on, rules::Change::Skipped, None, now)?;
                tell_not_placed(tx, settings, now, series, at, why)?;
            }
        }
    }
    Ok(placed)
}

/// Why a visit could not be placed, in words for the client and managers (the form's own
/// messages speak to someone choosing a time, and some need arguments).
fn reason(errors: &FormErrors) -> &'static str {
    if errors.get("payment").is_some() {
        "series-why-payment"
    } else if errors.get("service").is_some() || errors.get("options").is_some() {
        "series-why-service"
    } else if errors.get("address").is_some() {
        "series-why-address"
    } else {
        "series-why-time"
    }
}

fn tell_not_placed(
    tx: &WriteTx,
    settings: &Settings,
    now: DateTime<Utc>,
    series: &Series,
    at: chrono::NaiveDateTime,
    why: &str,
) -> Result<(), AppError> {
    let msg = |link: String| {
        Message::new(Kind::SeriesVisitNotPlaced)
            .arg("series", series.id.to_string())
            .arg(
                "service",
                Arg::Localized {
                    en: series.service_en.clone(),
                    ru: series.service_ru.clone(),
                },
            )
            .arg("day", Arg::Day(at.date()))
            .arg("reason", Arg::message(why))
            .link(link)
    };
    notify(
        tx,
        settings,
        now,
        series.client_id,
        &msg(format!("/client/series/{}", series.id)),
    )?;
    notify_role(
        tx,
        settings,
        now,
        Role::Manager,
        &msg(format!("/manage/series/{}", series.id)),
    )?;
    Ok(())
}

/// The periodic pass: places the visits of every running series that have come within the
/// window, each series in its own transaction. Safe to run twice: a placed visit is found by
/// its series and date (and the unique index refuses a second order for it).
pub fn run_due(
    conn: &mut Conn,
    settings: &Settings,
    hooks: &Hooks,
    now: DateTime<Utc>,
) -> Result<usize, AppError> {
    let running = store::running(conn)?;
    let mut placed = 0;
    for series in running {
        placed += write_tx(conn, |tx| place_due_in(tx, settings, hooks, now, &series))?;
    }
    Ok(placed)
}

/// The repeat the new-order form asked for, or the Fluent id of its problem.
pub fn repeat_of(form: &OrderForm) -> Result<Repeat, &'static str> {
    let every = Every::parse(&form.repeat).ok_or("series-err-repeat")?;
    let end = if form.repeat_end == "until" {
        let until = form
            .repeat_until
            .trim()
            .parse()
            .map_err(|_| "series-err-until")?;
        End::Until(until)
    } else {
        End::Visits(
            form.repeat_visits
                .trim()
                .parse()
                .map_err(|_| "series-err-visits")?,
        )
    };
    Ok(Repeat { every, end })
}

/// Orders' hook for a new-order form with a repeat: starts the series, answers its id.
pub fn start_from_form(
    conn: &mut Conn,
    settings: &Settings,
    hooks: &Hooks,
    now: DateTime<Utc>,
    client_id: i64,
    order: &PlaceOrder,
    form: &OrderForm,
) -> Result<i64, CreateError> {
    let repeat = repeat_of(form).map_err(|key| {
        let mut errors = FormErrors::default();
        errors.add("repeat", key);
        CreateError::Form(errors)
    })?;
    start(conn, settings, hooks, now, client_id, order, repeat).map(|(id, _)| id)
}
