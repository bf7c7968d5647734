//! The dispatch board's data: a page of workers with their jobs laid out day by day over the
//! business's working hours, and the period's orders still waiting for a worker. Reads only
//! the page's workers and the period's orders.

use chrono::{Datelike, NaiveDate, NaiveTime};
use rusqlite::Connection;

use crate::calendar::day_start;
use crate::catalogue::model::skills::Skill;
use crate::catalogue::store::skills;
use crate::config::Settings;
use crate::matching::store::roster::{self, RosterWorker};
use crate::orders::store::board::{self as orders_board, BoardFilter, BoardOrder};
use crate::schedule::model::board::{Asked, OPEN_LIMIT, Span, WORKERS_PER_PAGE, lanes, place};

/// A job drawn on a worker's day.
#[derive(Debug, Clone)]
pub struct Placed {
    pub job: BoardOrder,
    pub span: Span,
    pub lane: usize,
    pub overlaps: bool,
}

/// One worker's day: whether it is a day off (asked for, or no hours that weekday), the
/// worker's hours that day, and the jobs.
#[derive(Debug, Clone)]
pub struct Cell {
    pub day: NaiveDate,
    pub off: bool,
    pub hours: Option<(i64, i64)>,
    pub jobs: Vec<Placed>,
}

#[derive(Debug, Clone)]
pub struct Row {
    pub worker: RosterWorker,
    pub cells: Vec<Cell>,
}

/// Everything the board page shows.
#[derive(Debug, Clone)]
pub struct Board {
    pub asked: Asked,
    /// Today in the business time zone (the "today" link).
    pub today: NaiveDate,
    pub days: Vec<NaiveDate>,
    pub opens: NaiveTime,
    pub closes: NaiveTime,
    pub rows: Vec<Row>,
    pub total_workers: i64,
    pub open: Vec<BoardOrder>,
    pub open_total: i64,
    pub skills: Vec<Skill>,
}

/// The skills a filter may name (all of them, so a retired skill still filters).
pub fn skills(conn: &Connection) -> rusqlite::Result<Vec<Skill>> {
    Ok(skills::all(conn)?.0)
}

pub fn load(
    conn: &Connection,
    settings: &Settings,
    (asked, today): (Asked, NaiveDate),
    skills: Vec<Skill>,
) -> rusqlite::Result<Board> {
    let tz = settings.time_zone;
    let days = asked.days();
    let (first, last) = (days[0], days[days.len() - 1]);
    let period = (
        day_start(tz, first),
        day_start(tz, last + chrono::Duration::days(1)),
    );
    let (mut workers, total_workers) = roster::page(
        conn,
        asked.skill.as_deref(),
        WORKERS_PER_PAGE,
        (asked.page - 1) * WORKERS_PER_PAGE,
    )?;
    roster::fill_availability(conn, &mut workers, first, last)?;
    let filter = BoardFilter {
        status: asked.status,
        skill: asked.skill.clone(),
        area: asked.area.clone(),
    };
    let ids: Vec<i64> = workers.iter().map(|w| w.id).collect();
    let jobs = orders_board::on_workers(conn, &ids, period, &filter)?;
    let (open, open_total) = orders_board::open_between(conn, period, &filter, OPEN_LIMIT)?;
    let hours = (settings.orders.opens_at, settings.orders.closes_at);
    let rows = workers
        .into_iter()
        .map(|w| {
            let cells = days
                .iter()
                .map(|d| cell(&w, *d, &jobs, tz, hours))
                .collect();
            Row { worker: w, cells }
        })
        .collect();
    Ok(Board {
        asked,
        today,
        opens: hours.0,
        closes: hours.1,
        days,
        rows,
        total_workers,
        open,
        open_total,
        skills,
    })
}

/// Whose row a job is drawn on: the worker holding it, or the one it is offered to.
fn holder(job: &BoardOrder) -> Option<i64> {
    job.order.worker_id.or(job.offered_to)
}

fn cell(
    w: &RosterWorker,
    day: NaiveDate,
    jobs: &[BoardOrder],
    tz: chrono_tz::Tz,
    hours: (NaiveTime, NaiveTime),
) -> Cell {
    let weekday = day.weekday().number_from_monday();
    let worker_hours = w
        .hours
        .iter()
        .find(|(d, _, _)| *d == weekday)
        .map(|(_, s, e)| (*s, *e));
    let local = |at: chrono::DateTime<chrono::Utc>| at.with_timezone(&tz).naive_local();
    let mine: Vec<&BoardOrder> = jobs
        .iter()
        .filter(|j| holder(j) == Some(w.id) && local(j.order.scheduled_at).date() == day)
        .collect();
    let minutes: Vec<(i64, i64)> = mine
        .iter()
        .map(|j| {
            let s = j.order.scheduled_at.timestamp() / 60;
            (s, s + j.order.duration_minutes)
        })
        .collect();
    let placed = mine
        .into_iter()
        .zip(lanes(&minutes))
        .map(|(j, (lane, overlaps))| Placed {
            span: place(
                day,
                hours,
                local(j.order.scheduled_at),
                local(j.order.ends_at()),
            ),
            job: j.clone(),
            lane,
            overlaps,
        })
        .collect();
    Cell {
        day,
        off: worker_hours.is_none() || w.days_off.contains(&day),
        hours: worker_hours,
        jobs: placed,
    }
}
