//! Series and the changes to their single visits (`order_series`, `order_series_changes`).

use std::collections::BTreeMap;

use chrono::{DateTime, NaiveDate, NaiveDateTime, NaiveTime, Utc};
use rusqlite::{Connection, OptionalExtension, Row, params};

use crate::schedule::model::series::{Change, End, Every, Rule};

/// A series as stored.
#[derive(Debug, Clone)]
pub struct Series {
    pub id: i64,
    pub client_id: i64,
    pub client_name: String,
    pub service_id: i64,
    pub service_en: String,
    pub service_ru: String,
    pub address_id: i64,
    pub option_ids: Vec<i64>,
    pub notes: String,
    pub rule: Rule,
    pub created_at: DateTime<Utc>,
    pub ended_at: Option<DateTime<Utc>>,
}

/// What a new series stores.
pub struct NewSeries<'a> {
    pub client_id: i64,
    pub service_id: i64,
    pub address_id: i64,
    pub option_ids: &'a [i64],
    pub notes: &'a str,
    pub rule: &'a Rule,
}

const SELECT: &str = "SELECT s.id, s.client_id, p.name AS client_name, s.service_id,
        n.name_en AS service_en, n.name_ru AS service_ru, s.address_id, s.option_ids, s.notes,
        s.every, s.first_on, s.local_time, s.until_on, s.visits, s.created_at, s.ended_at
    FROM order_series s JOIN people p ON p.id = s.client_id
    JOIN service_names n ON n.id = s.service_id";

fn from_row(r: &Row) -> rusqlite::Result<Series> {
    let text = |name: &str| -> rusqlite::Result<String> { r.get(name) };
    let bad =
        |i| rusqlite::Error::InvalidColumnType(i, "series".into(), rusqlite::types::Type::Text);
    let every = Every::parse(&text("every")?).ok_or_else(|| bad(9))?;
    let first_on = text("first_on")?
        .parse::<NaiveDate>()
        .map_err(|_| bad(10))?;
    let local_time =
        NaiveTime::parse_from_str(&text("local_time")?, "%H:%M").map_err(|_| bad(11))?;
    let until: Option<String> = r.get("until_on")?;
    let visits: Option<u32> = r.get("visits")?;
    let end = match (until.and_then(|u| u.parse().ok()), visits) {
        (Some(d), _) => End::Until(d),
        (None, Some(k)) => End::Visits(k),
        (None, None) => return Err(bad(12)),
    };
    Ok(Series {
        id: r.get("id")?,
        client_id: r.get("client_id")?,
        client_name: r.get("client_name")?,
        service_id: r.get("service_id")?,
        service_en: r.get("service_en")?,
        service_ru: r.get("service_ru")?,
        address_id: r.get("address_id")?,
        option_ids: serde_json::from_str(&text("option_ids")?).unwrap_or_default(),
        notes: r.get("notes")?,
        rule: Rule {
            every,
            first_on,
            local_time,
            end,
        },
        created_at: r.get("created_at")?,
        ended_at: r.get("ended_at")?,
    })
}

pub fn insert(conn: &Connection, s: &NewSeries, now: DateTime<Utc>) -> rusqlite::Result<i64> {
    let (until, visits) = match s.rule.end {
        End::Until(d) => (Some(d.to_string()), None),
        End::Visits(k) => (None, Some(k)),
    };
    conn.execute(
        "INSERT INTO order_series (client_id, service_id, address_id, option_ids, notes, every,
             first_on, local_time, until_on, visits, created_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)",
        params![
            s.client_id,
            s.service_id,
            s.address_id,
            serde_json::to_string(s.option_ids).expect("ids serialise"),
            s.notes,
            s.rule.every.as_str(),
            s.rule.first_on.to_string(),
            s.rule.local_time.format("%H:%M").to_string(),
            until,
            visits,
            now
        ],
    )?;
    Ok(conn.last_insert_rowid())
}

pub fn series(conn: &Connection, id: i64) -> rusqlite::Result<Option<Series>> {
    conn.query_row(&format!("{SELECT} WHERE s.id = ?1"), [id], from_row)
        .optional()
}

/// A client's series, running ones first, newest first.
pub fn of_client(conn: &Connection, client_id: i64) -> rusqlite::Result<Vec<Series>> {
    let mut stmt = conn.prepare_cached(&format!(
        "{SELECT} WHERE s.client_id = ?1 ORDER BY s.ended_at IS NOT NULL, s.id DESC"
    ))?;
    stmt.query_map([client_id], from_row)?.collect()
}

/// Series still placing visits.
pub fn running(conn: &Connection) -> rusqlite::Result<Vec<Series>> {
    let mut stmt =
        conn.prepare_cached(&format!("{SELECT} WHERE s.ended_at IS NULL ORDER BY s.id"))?;
    stmt.query_map([], from_row)?.collect()
}

/// One page of all series (`ended`: only ended, only running, or both), newest first, and
/// how many there are.
pub fn page(
    conn: &Connection,
    ended: Option<bool>,
    limit: i64,
    offset: i64,
) -> rusqlite::Result<(Vec<Series>, i64)> {
    let filter = match ended {
        Some(true) => "s.ended_at IS NOT NULL",
        Some(false) => "s.ended_at IS NULL",
        None => "1",
    };
    let mut stmt = conn.prepare(&format!(
        "{SELECT} WHERE {filter} ORDER BY s.id DESC LIMIT ?1 OFFSET ?2"
    ))?;
    let rows = stmt
        .query_map([limit, offset], from_row)?
        .collect::<Result<_, _>>()?;
    let total = conn.query_row(
        &format!("SELECT COUNT(*) FROM order_series s WHERE {filter}"),
        [],
        |r| r.get(0),
    )?;
    Ok((rows, total))
}

/// A change to one visit, and whether a person made it (`None`: the visit could not be
/// placed and the series went on without it).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Changed {
    pub change: Change,
    pub by: Option<i64>,
}

pub fn changes(
    conn: &Connection,
    series_id: i64,
) -> rusqlite::Result<BTreeMap<NaiveDate, Changed>> {
    let mut stmt = conn.prepare_cached(
        "SELECT on_date, moved_to, changed_by FROM order_series_changes WHERE series_id = ?1",
    )?;
    let rows = stmt.query_map([series_id], |r| {
        let on: String = r.get("on_date")?;
        let to: Option<String> = r.get("moved_to")?;
        Ok((on, to, r.get::<_, Option<i64>>("changed_by")?))
    })?;
    let mut out = BTreeMap::new();
    for row in rows {
        let (on, to, by) = row?;
        let Ok(on) = on.parse() else { continue };
        let change = match to.and_then(|t| NaiveDateTime::parse_from_str(&t, "%Y-%m-%dT%H:%M").ok())
        {
            Some(t) => Change::Moved(t),
            None => Change::Skipped,
        };
        out.insert(on, Changed { change, by });
    }
    Ok(out)
}

/// Records (or replaces) the change to the visit of `on`.
pub fn set_change(
    conn: &Connection,
    series_id: i64,
    on: NaiveDate,
    change: Change,
    by: Option<i64>,
    now: DateTime<Utc>,
) -> rusqlite::Result<()> {
    let moved_to = match change {
        Change::Skipped => None,
        Change::Moved(t) => Some(t.format("%Y-%m-%dT%H:%M").to_string()),
    };
    conn.execute(
        "INSERT INTO order_series_changes (series_id, on_date, moved_to, changed_by, changed_at)
         VALUES (?1, ?2, ?3, ?4, ?5)
         ON CONFLICT (series_id, on_date) DO UPDATE SET moved_to = excluded.moved_to,
             changed_by = excluded.changed_by, changed_at = excluded.changed_at",
        params![series_id, on.to_string(), moved_to, by, now],
    )?;
    Ok(())
}

pub fn end(conn: &Connection, series_id: i64, by: i64, now: DateTime<Utc>) -> rusqlite::Result<()> {
    conn.execute(
        "UPDATE order_series SET ended_at = ?2, ended_by = ?3 WHERE id = ?1 AND ended_at IS NULL",
        params![series_id, now, by],
    )?;
    Ok(())
}
