//! What the client and managers do with a series: see its visits, skip or move one, move
//! all future ones, end it. A visit whose order exists is changed through the order.

use chrono::{DateTime, NaiveDate, NaiveDateTime, NaiveTime, Utc};
use serde_json::json;

use crate::config::Settings;
use crate::db::{Conn, WriteTx, write_tx};
use crate::error::AppError;
use crate::i18n::Arg;
use crate::notify::model::Kind;
use crate::notify::service::{Message, notify};
use crate::orders::model::{Actor, Status};
use crate::orders::service::{self as orders, Command, Hooks};
use crate::orders::store::series::{self as orders_series, SeriesOrder};
use crate::schedule::model::series::{self as rules, Change};
use crate::schedule::service::reschedule::{MoveError, reschedule_in};
use crate::schedule::store::series::{self as store, Series};

/// One visit as the series page shows it.
#[derive(Debug, Clone)]
pub struct VisitRow {
    pub on: NaiveDate,
    /// When it happens (local), unless skipped or not placed.
    pub at: Option<NaiveDateTime>,
    pub order: Option<SeriesOrder>,
    /// Skipped by the system: it could not be placed.
    pub not_placed: bool,
}

/// A series with all its visits.
pub struct SeriesView {
    pub series: Series,
    pub visits: Vec<VisitRow>,
}

/// The series if `actor` may see it: its client or a manager; anyone else is told it does
/// not exist.
fn visible(conn: &rusqlite::Connection, actor: Actor, id: i64) -> Result<Series, AppError> {
    let series = store::series(conn, id)?.ok_or(AppError::NotFound)?;
    match actor {
        Actor::Client(c) if c == series.client_id => Ok(series),
        Actor::Manager(_) | Actor::System => Ok(series),
        _ => Err(AppError::NotFound),
    }
}

pub fn view(conn: &rusqlite::Connection, actor: Actor, id: i64) -> Result<SeriesView, AppError> {
    let series = visible(conn, actor, id)?;
    let changes = store::changes(conn, id)?;
    let mut orders = orders_series::visits(conn, id)?;
    let plain = changes.iter().map(|(on, c)| (*on, c.change)).collect();
    let visits = rules::visits(&series.rule, &plain)
        .into_iter()
        .map(|v| {
            let order = orders
                .iter()
                .position(|o| o.on == v.on)
                .map(|i| orders.swap_remove(i));
            VisitRow {
                on: v.on,
                at: v.at,
                not_placed: changes.get(&v.on).is_some_and(|c| c.by.is_none()),
                order,
            }
        })
        .collect();
    Ok(SeriesView { series, visits })
}

/// A planned visit of a running series: on its rule's dates and without an order yet.
fn planned(tx: &WriteTx, series: &Series, on: NaiveDate) -> Result<(), AppError> {
    if series.ended_at.is_some() {
        return Err(AppError::Refused("series-err-ended"));
    }
    if !series.rule.dates().contains(&on) {
        return Err(AppError::NotFound);
    }
    if orders_series::placed(tx, series.id, on)? {
        return Err(AppError::Refused("series-err-placed"));
    }
    Ok(())
}

/// A booked visit that has not begun: it may still be moved or cancelled.
fn open(status: Status) -> bool {
    matches!(
        status,
        Status::New | Status::Offered | Status::Assigned | Status::Unassigned
    )
}

/// Who made a change, for the audit log and to tell the client when it was not them.
fn changed(
    tx: &WriteTx,
    settings: &Settings,
    now: DateTime<Utc>,
    actor: Actor,
    series: &Series,
    action: &str,
    details: serde_json::Value,
) -> Result<(), AppError> {
    if let Actor::Manager(manager_id) = actor {
        crate::audit::record(
            tx,
            now,
            Some(manager_id),
            action,
            &format!("series:{}", series.id),
            details,
        )?;
        let msg = Message::new(Kind::SeriesChanged)
            .arg("series", series.id.to_string())
            .arg(
                "service",
                Arg::Localized {
                    en: series.service_en.clone(),
                    ru: series.service_ru.clone(),
                },
            )
            .link(format!("/client/series/{}", series.id));
        notify(tx, settings, now, series.client_id, &msg)?;
    }
    tx.note(crate::live::Audience::User(series.client_id), "orders");
    Ok(())
}

/// Skips one planned visit.
pub fn skip(
    conn: &mut Conn,
    settings: &Settings,
    now: DateTime<Utc>,
    actor: Actor,
    id: i64,
    on: NaiveDate,
) -> Result<(), AppError> {
    write_tx(conn, |tx| {
        let series = visible(tx, actor, id)?;
        planned(tx, &series, on)?;
        store::set_change(tx, id, on, Change::Skipped, actor.user_id(), now)?;
        changed(
            tx,
            settings,
            now,
            actor,
            &series,
            "series.skip",
            json!({ "on": on }),
        )
    })
}

/// Whether a visit may be at local `to`: a slot a new order could take (on the 15-minute
/// step, inside working hours, not in the past; how far ahead is checked when it is placed)
/// and not on the day of another visit of the series.
fn check_slot(
    settings: &Settings,
    now: DateTime<Utc>,
    view: &SeriesView,
    on: NaiveDate,
    to: NaiveDateTime,
    duration_minutes: i64,
) -> Result<(), AppError> {
    let local = rules::wall_clock(settings.time_zone, to);
    match crate::orders::model::slot::check(
        &settings.orders,
        settings.time_zone,
        now,
        local,
        duration_minutes,
    ) {
        Ok(_) | Err("err-slot-too-far") => {}
        Err(key) => return Err(AppError::Refused(key)),
    }
    let clash = view.visits.iter().any(|v| {
        v.on != on
            && (v.at.is_some_and(|a| a.date() == to.date())
                || v.order.as_ref().is_some_and(|o| {
                    o.status != Status::Cancelled
                        && o.scheduled_at
                            .with_timezone(&settings.time_zone)
                            .date_naive()
                            == to.date()
                }))
    });
    if clash {
        return Err(AppError::Refused("series-err-same-day"));
    }
    Ok(())
}

/// Moves one planned visit to local `to`; it is placed like any visit when its new date
/// comes within the window (at once when it already is).
#[allow(clippy::too_many_arguments)]
pub fn move_one(
    conn: &mut Conn,
    settings: &Settings,
    hooks: &Hooks,
    now: DateTime<Utc>,
    actor: Actor,
    id: i64,
    on: NaiveDate,
    to: NaiveDateTime,
) -> Result<(), AppError> {
    write_tx(conn, |tx| {
        let view = view(tx, actor, id)?;
        planned(tx, &view.series, on)?;
        let duration = service_minutes(tx, view.series.service_id)?;
        check_slot(settings, now, &view, on, to, duration)?;
        store::set_change(tx, id, on, Change::Moved(to), actor.user_id(), now)?;
        let details = json!({ "on": on, "to": to.format("%Y-%m-%dT%H:%M").to_string() });
        changed(
            tx,
            settings,
            now,
            actor,
            &view.series,
            "series.move",
            details,
        )?;
        super::series::place_due_in(tx, settings, hooks, now, &view.series)?;
        Ok(())
    })
}

fn service_minutes(tx: &WriteTx, service_id: i64) -> Result<i64, AppError> {
    Ok(crate::catalogue::store::service(tx, service_id)?
        .map(|s| s.duration_minutes)
        .unwrap_or(60))
}

/// How many visits a move of all future visits moved, and how many booked ones it left
/// where they were (a late move's fee to agree to, or a rule of the new time).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct MovedAll {
    pub moved: usize,
    pub left: usize,
}

/// Moves every visit from `from` on to local time `time` and, for weekly series, to
/// `weekday` (0 = Monday) of the same week: planned visits by a change, booked ones through
/// the order's own move (the worker kept when free, matched again otherwise). A booked
/// visit whose move would cost the client a fee, or that its rules refuse, stays and is
/// counted in `left`: it can still be moved from its own page.
#[allow(clippy::too_many_arguments)]
pub fn move_all(
    conn: &mut Conn,
    settings: &Settings,
    hooks: &Hooks,
    now: DateTime<Utc>,
    actor: Actor,
    id: i64,
    from: NaiveDate,
    (time, weekday): (NaiveTime, Option<u32>),
) -> Result<MovedAll, AppError> {
    write_tx(conn, |tx| {
        let view = view(tx, actor, id)?;
        if view.series.ended_at.is_some() {
            return Err(AppError::Refused("series-err-ended"));
        }
        let duration = service_minutes(tx, view.series.service_id)?;
        let mut done = MovedAll::default();
        for v in view.visits.iter().filter(|v| v.on >= from) {
            let to = rules::on_weekday(view.series.rule.every, v.on, weekday).and_time(time);
            match &v.order {
                Some(o) if open(o.status) && o.scheduled_at > now => {
                    let local = rules::wall_clock(settings.time_zone, to);
                    match reschedule_in(tx, settings, hooks, now, (actor, o.order_id), local, false)
                    {
                        Ok(_) => done.moved += 1,
                        Err(MoveError::Refused(_)) => done.left += 1,
                        Err(MoveError::App(e)) => return Err(e),
                    }
                }
                Some(_) => {}
                None if v.at.is_some() => {
                    check_slot(settings, now, &view, v.on, to, duration)?;
                    store::set_change(tx, id, v.on, Change::Moved(to), actor.user_id(), now)?;
                    done.moved += 1;
                }
                None => {}
            }
        }
        if done.moved == 0 {
            return Err(AppError::Refused("series-err-nothing-to-move"));
        }
        let details =
            json!({ "from": from, "time": time.format("%H:%M").to_string(), "weekday": weekday });
        changed(
            tx,
            settings,
            now,
            actor,
            &view.series,
            "series.move_all",
            details,
        )?;
        super::series::place_due_in(tx, settings, hooks, now, &view.series)?;
        Ok(done)
    })
}

/// Ends the series: no visit is placed after this. With `cancel_placed`, each future visit
/// already placed is cancelled through the ordinary cancel (its fee rule included); a visit
/// already under way is left alone. Returns how many were cancelled.
pub fn end(
    conn: &mut Conn,
    settings: &Settings,
    hooks: &Hooks,
    now: DateTime<Utc>,
    actor: Actor,
    id: i64,
    cancel_placed: bool,
) -> Result<usize, AppError> {
    write_tx(conn, |tx| {
        let series = visible(tx, actor, id)?;
        if series.ended_at.is_some() {
            return Err(AppError::Refused("series-err-ended"));
        }
        let by = actor.user_id().ok_or(AppError::Forbidden)?;
        store::end(tx, id, by, now)?;
        let mut cancelled = 0;
        if cancel_placed {
            for o in orders_series::visits(tx, id)? {
                if open(o.status) && o.scheduled_at > now {
                    let reason = "series ended".to_string();
                    orders::apply_in(
                        tx,
                        settings,
                        hooks,
                        now,
                        actor,
                        o.order_id,
                        Command::Cancel { reason },
                    )?;
                    cancelled += 1;
                }
            }
        }
        let details = json!({ "cancelled": cancelled });
        changed(tx, settings, now, actor, &series, "series.end", details)?;
        Ok(cancelled)
    })
}
