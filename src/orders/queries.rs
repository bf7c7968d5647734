//! List queries: a client's orders, a worker's jobs and offers, and the managers' table
//! with filters, search, sorting and server-side pagination.

use chrono::{DateTime, Utc};
use rusqlite::{Connection, ToSql};

use super::model::Status;
use super::store::{ORDER_SELECT, Order, order_from_row};

pub fn client_orders(
    conn: &Connection,
    client_id: i64,
    status: Option<Status>,
    limit: i64,
    offset: i64,
) -> rusqlite::Result<(Vec<Order>, i64)> {
    let filter = "o.client_id = ?1 AND (?2 IS NULL OR o.status = ?2)";
    let total = conn.query_row(
        &format!("SELECT COUNT(*) FROM orders o WHERE {filter}"),
        rusqlite::params![client_id, status],
        |r| r.get(0),
    )?;
    let mut stmt = conn.prepare(&format!(
        "{ORDER_SELECT} WHERE {filter} ORDER BY o.scheduled_at DESC LIMIT ?3 OFFSET ?4"
    ))?;
    let rows = stmt
        .query_map(
            rusqlite::params![client_id, status, limit, offset],
            order_from_row,
        )?
        .collect::<rusqlite::Result<_>>()?;
    Ok((rows, total))
}

/// The worker's current and upcoming jobs (from `since`), soonest first.
pub fn worker_jobs(
    conn: &Connection,
    worker_id: i64,
    since: DateTime<Utc>,
) -> rusqlite::Result<Vec<Order>> {
    let mut stmt = conn.prepare_cached(&format!(
        "{ORDER_SELECT} WHERE o.worker_id = ?1 AND (o.status IN ('in_progress', 'reported')
             OR (o.status = 'assigned' AND o.ends_at >= ?2)) ORDER BY o.scheduled_at LIMIT 100"
    ))?;
    stmt.query_map(rusqlite::params![worker_id, since], order_from_row)?
        .collect()
}

/// Orders offered to the worker and still open, with when each offer expires.
pub fn worker_offers(
    conn: &Connection,
    worker_id: i64,
) -> rusqlite::Result<Vec<(Order, DateTime<Utc>)>> {
    let mut stmt = conn.prepare_cached(&format!(
        "{ORDER_SELECT} JOIN order_offers f ON f.order_id = o.id AND f.status = 'open'
         WHERE f.worker_id = ?1 ORDER BY o.scheduled_at"
    ))?;
    let orders: Vec<Order> = stmt
        .query_map([worker_id], order_from_row)?
        .collect::<rusqlite::Result<_>>()?;
    orders
        .into_iter()
        .map(|o| {
            let at = conn.query_row(
                "SELECT expires_at FROM order_offers WHERE order_id = ?1 AND status = 'open'",
                [o.id],
                |r| r.get(0),
            )?;
            Ok((o, at))
        })
        .collect()
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Sort {
    #[default]
    ScheduledDesc,
    ScheduledAsc,
    CreatedDesc,
    TotalDesc,
}

impl Sort {
    pub const ALL: [Sort; 4] = [
        Sort::ScheduledDesc,
        Sort::ScheduledAsc,
        Sort::CreatedDesc,
        Sort::TotalDesc,
    ];

    pub fn code(self) -> &'static str {
        match self {
            Sort::ScheduledDesc => "scheduled_desc",
            Sort::ScheduledAsc => "scheduled_asc",
            Sort::CreatedDesc => "created_desc",
            Sort::TotalDesc => "total_desc",
        }
    }

    pub fn parse(s: &str) -> Option<Sort> {
        Sort::ALL.into_iter().find(|x| x.code() == s)
    }

    fn sql(self) -> &'static str {
        match self {
            Sort::ScheduledDesc => "o.scheduled_at DESC, o.id DESC",
            Sort::ScheduledAsc => "o.scheduled_at ASC, o.id ASC",
            Sort::CreatedDesc => "o.id DESC",
            Sort::TotalDesc => "o.total_minor DESC, o.id DESC",
        }
    }
}

/// The managers' filters; every part is optional.
#[derive(Debug, Clone, Default)]
pub struct Filter {
    pub status: Option<Status>,
    pub service_id: Option<i64>,
    pub worker_id: Option<i64>,
    pub client: String,
    pub from: Option<DateTime<Utc>>,
    pub to: Option<DateTime<Utc>>,
    pub search: String,
    pub sort: Sort,
}

fn like(s: &str) -> String {
    format!(
        "%{}%",
        s.replace('\\', "\\\\")
            .replace('%', "\\%")
            .replace('_', "\\_")
    )
}

pub fn manager_orders(
    conn: &Connection,
    f: &Filter,
    limit: i64,
    offset: i64,
) -> rusqlite::Result<(Vec<Order>, i64)> {
    // Plain `?` placeholders are numbered in order, so clauses and values are pushed together.
    let mut where_sql = String::from("1 = 1");
    let mut values: Vec<Box<dyn ToSql>> = Vec::new();
    let mut add = |clause: &str, clause_values: Vec<Box<dyn ToSql>>| {
        where_sql.push_str(" AND ");
        where_sql.push_str(clause);
        values.extend(clause_values);
    };
    if let Some(s) = f.status {
        add("o.status = ?", vec![Box::new(s)]);
    }
    if let Some(id) = f.service_id {
        add("o.service_id = ?", vec![Box::new(id)]);
    }
    if let Some(id) = f.worker_id {
        add("o.worker_id = ?", vec![Box::new(id)]);
    }
    if let Some(at) = f.from {
        add("o.scheduled_at >= ?", vec![Box::new(at)]);
    }
    if let Some(at) = f.to {
        add("o.scheduled_at < ?", vec![Box::new(at)]);
    }
    if !f.client.is_empty() {
        add(
            "o.client_id IN (SELECT id FROM users WHERE role = 'client' AND (name LIKE ? ESCAPE '\\' OR email LIKE ? ESCAPE '\\'))",
            vec![Box::new(like(&f.client)), Box::new(like(&f.client))],
        );
    }
    if !f.search.is_empty() {
        match f.search.trim_start_matches('#').parse::<i64>() {
            Ok(id) => add("o.id = ?", vec![Box::new(id)]),
            Err(_) => add(
                "o.address_text LIKE ? ESCAPE '\\'",
                vec![Box::new(like(&f.search))],
            ),
        }
    }
    let params: Vec<&dyn ToSql> = values.iter().map(|v| v.as_ref()).collect();
    let total = conn.query_row(
        &format!("SELECT COUNT(*) FROM orders o WHERE {where_sql}"),
        params.as_slice(),
        |r| r.get(0),
    )?;
    let sql = format!(
        "{ORDER_SELECT} WHERE {where_sql} ORDER BY {} LIMIT {} OFFSET {}",
        f.sort.sql(),
        limit.clamp(1, 500),
        offset.max(0)
    );
    let mut stmt = conn.prepare(&sql)?;
    let rows = stmt
        .query_map(params.as_slice(), order_from_row)?
        .collect::<rusqlite::Result<_>>()?;
    Ok((rows, total))
}
