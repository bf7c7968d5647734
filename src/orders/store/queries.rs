//! List queries: a client's orders, a worker's jobs and offers, and the managers' table
//! with filters, search, sorting and server-side pagination.

use crate::db::QueryRowCached;
use chrono::{DateTime, Utc};
use rusqlite::{Connection, ToSql};

use crate::orders::model::Status;
use crate::orders::store::{ORDER_SELECT, Order, order_from_row};

/// The client's orders in the given statuses, latest first, and how many there are.
pub fn client_orders(
    conn: &Connection,
    client_id: i64,
    statuses: &[Status],
    limit: i64,
    offset: i64,
) -> rusqlite::Result<(Vec<Order>, i64)> {
    let codes = serde_json::to_string(&statuses.iter().map(|s| s.as_str()).collect::<Vec<_>>())
        .expect("status codes serialize");
    let filter = "o.client_id = ?1 AND o.status IN (SELECT value FROM json_each(?2))";
    let total = conn.query_row_cached(
        &format!("SELECT COUNT(*) AS n FROM orders o WHERE {filter}"),
        rusqlite::params![client_id, codes],
        |r| r.get("n"),
    )?;
    let mut stmt = conn.prepare_cached(&format!(
        "{ORDER_SELECT} WHERE {filter} ORDER BY o.scheduled_at DESC LIMIT ?3 OFFSET ?4"
    ))?;
    let rows = stmt
        .query_map(
            rusqlite::params![client_id, codes, limit, offset],
            order_from_row,
        )?
        .collect::<rusqlite::Result<_>>()?;
    Ok((rows, total))
}

/// The worker's jobs still to finish, soonest first: assigned (one whose time passed without
/// a start shows too, under today), running, or awaiting the client's signature.
pub fn worker_jobs(conn: &Connection, worker_id: i64) -> rusqlite::Result<Vec<Order>> {
    let mut stmt = conn.prepare_cached(&format!(
        "{ORDER_SELECT} WHERE o.worker_id = ?1 AND o.status IN ('assigned', 'in_progress', 'reported')
         ORDER BY o.scheduled_at LIMIT 100"
    ))?;
    stmt.query_map(rusqlite::params![worker_id], order_from_row)?
        .collect()
}

/// Orders offered to the worker and still open, with when each offer expires.
pub fn worker_offers(
    conn: &Connection,
    worker_id: i64,
) -> rusqlite::Result<Vec<(Order, DateTime<Utc>)>> {
    // The order's columns come first (as `order_from_row` reads them), the expiry last.
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT q.*, f.expires_at FROM ({ORDER_SELECT}) q
         JOIN order_offers f ON f.order_id = q.id AND f.status = 'open'
         WHERE f.worker_id = ?1 ORDER BY q.scheduled_at"
    ))?;
    stmt.query_map([worker_id], |r| {
        Ok((order_from_row(r)?, r.get("expires_at")?))
    })?
    .collect()
}

/// Orders whose work has not started yet, soonest first (what managers may still bet on).
pub fn not_started(conn: &Connection, limit: i64) -> rusqlite::Result<Vec<Order>> {
    // The ids first, from the status index alone; only those rows are read whole (sorting
    // every unplaced order's full row to keep 50 cost most of the bets page).
    let mut stmt = conn.prepare_cached(&format!(
        "{ORDER_SELECT} WHERE o.id IN (SELECT id FROM orders
                                      WHERE status IN ('new', 'offered', 'assigned', 'unassigned')
                                      ORDER BY scheduled_at, id LIMIT ?1)
         ORDER BY o.scheduled_at, o.id"
    ))?;
    stmt.query_map([limit], order_from_row)?.collect()
}

/// The managers' unplaced queue: orders matching gave up on (`unassigned`) and orders still
/// without a worker (`new`, `offered`) whose slot is less than `hours` away, soonest first,
/// with how many there are in all. Slots more than a week past are left out: they are
/// history, not work. Any page that plans the schedule reads this same query.
pub fn unplaced(
    conn: &Connection,
    now: DateTime<Utc>,
    hours: i64,
    limit: i64,
) -> rusqlite::Result<(Vec<Order>, i64)> {
    const WHERE: &str = "(status = 'unassigned' AND scheduled_at >= ?1)
        OR (status IN ('new', 'offered') AND scheduled_at >= ?1 AND scheduled_at < ?2)";
    let since = now - chrono::Duration::days(7);
    let horizon = now + chrono::Duration::hours(hours);
    let mut stmt = conn.prepare_cached(&format!(
        "{ORDER_SELECT} WHERE o.id IN (SELECT id FROM orders WHERE {WHERE}
                                      ORDER BY scheduled_at, id LIMIT ?3)
         ORDER BY o.scheduled_at, o.id"
    ))?;
    let rows = stmt
        .query_map(rusqlite::params![since, horizon, limit], order_from_row)?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    let total = conn
        .prepare_cached(&format!("SELECT COUNT(*) FROM orders WHERE {WHERE}"))?
        .query_row(rusqlite::params![since, horizon], |r| r.get(0))?;
    Ok((rows, total))
}

/// How an order turned out, for anyone judging it afterwards (bets, reports).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Outcome {
    pub status: Status,
    pub scheduled_at: DateTime<Utc>,
    pub started_at: Option<DateTime<Utc>>,
    pub rating: Option<i64>,
}

pub fn outcome(conn: &Connection, order_id: i64) -> rusqlite::Result<Option<Outcome>> {
    use rusqlite::OptionalExtension;
    conn.query_row_cached(
        "SELECT o.status, o.scheduled_at,
                (SELECT MIN(at) FROM order_events WHERE order_id = o.id AND action = 'start')
                    AS started_at,
                (SELECT rating FROM order_signatures WHERE order_id = o.id) AS rating
         FROM orders o WHERE o.id = ?1",
        [order_id],
        |r| {
            Ok(Outcome {
                status: r.get("status")?,
                scheduled_at: r.get("scheduled_at")?,
                started_at: r.get("started_at")?,
                rating: r.get("rating")?,
            })
        },
    )
    .optional()
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

    /// The Fluent id of the sort's label.
    pub fn label_key(self) -> &'static str {
        match self {
            Sort::ScheduledDesc => "sort-scheduled-desc",
            Sort::ScheduledAsc => "sort-scheduled-asc",
            Sort::CreatedDesc => "sort-created-desc",
            Sort::TotalDesc => "sort-total-desc",
        }
    }

    /// The ORDER BY clause, or its exact reverse (every sort ends on the unique id).
    fn sql(self, reversed: bool) -> &'static str {
        match (self, reversed) {
            (Sort::ScheduledDesc, false) | (Sort::ScheduledAsc, true) => {
                "o.scheduled_at DESC, o.id DESC"
            }
            (Sort::ScheduledAsc, false) | (Sort::ScheduledDesc, true) => {
                "o.scheduled_at ASC, o.id ASC"
            }
            (Sort::CreatedDesc, false) => "o.id DESC",
            (Sort::CreatedDesc, true) => "o.id ASC",
            (Sort::TotalDesc, false) => "o.total_minor DESC, o.id DESC",
            (Sort::TotalDesc, true) => "o.total_minor ASC, o.id ASC",
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

/// `s` as one FTS5 phrase: the trigram tokenizer then matches it as a substring.
fn phrase(s: &str) -> String {
    format!("\"{}\"", s.replace('"', "\"\""))
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
            "o.client_id IN (SELECT id FROM people WHERE role = 'client' AND (name LIKE ? ESCAPE '\\' OR email LIKE ? ESCAPE '\\'))",
            vec![Box::new(like(&f.client)), Box::new(like(&f.client))],
        );
    }
    if !f.search.is_empty() {
        match f.search.trim_start_matches('#').parse::<i64>() {
            Ok(id) => add("o.id = ?", vec![Box::new(id)]),
            // Three characters or more: the trigram index narrows the rows first (a
            // superset, case folded), and the LIKE keeps exactly what it always matched.
            Err(_) if f.search.chars().count() >= 3 => add(
                "o.id IN (SELECT rowid FROM orders_search WHERE orders_search MATCH ?)
                 AND o.address_text LIKE ? ESCAPE '\\'",
                vec![Box::new(phrase(&f.search)), Box::new(like(&f.search))],
            ),
            Err(_) => add(
                "o.address_text LIKE ? ESCAPE '\\'",
                vec![Box::new(like(&f.search))],
            ),
        }
    }
    let params: Vec<&dyn ToSql> = values.iter().map(|v| v.as_ref()).collect();
    // No filter, or a status alone: the counts the triggers keep per status, not a count of
    // (up to) every order.
    let status_only = f.service_id.is_none()
        && f.worker_id.is_none()
        && f.from.is_none()
        && f.to.is_none()
        && f.client.is_empty()
        && f.search.is_empty();
    let total: i64 = if status_only {
        conn.query_row_cached(
            "SELECT COALESCE(SUM(orders), 0) AS n FROM order_status_counts
             WHERE ?1 IS NULL OR status = ?1",
            [f.status],
            |r| r.get("n"),
        )?
    } else {
        conn.query_row_cached(
            &format!("SELECT COUNT(*) AS n FROM orders o WHERE {where_sql}"),
            params.as_slice(),
            |r| r.get("n"),
        )?
    };
    let (limit, offset) = (limit.clamp(1, 500), offset.max(0));
    // Deep pages are read from the other end: the last page of 100,000 rows skips a handful
    // of rows instead of 99,975, and the rows are turned back round.
    let from_end = offset > total / 2;
    let (limit, offset) = if from_end {
        (
            (total - offset).clamp(0, limit),
            (total - offset - limit).max(0),
        )
    } else {
        (limit, offset)
    };
    // The page's ids first, sorted and skipped over the narrow index entries; only its rows
    // are then read whole and joined (sorting many wide rows to keep 25 cost seconds).
    let order_by = f.sort.sql(from_end);
    let sql = format!(
        "{ORDER_SELECT} WHERE o.id IN (SELECT o.id FROM orders o WHERE {where_sql}
                                      ORDER BY {order_by} LIMIT ? OFFSET ?)
         ORDER BY {order_by}"
    );
    let mut stmt = conn.prepare_cached(&sql)?;
    let mut page_params = params;
    page_params.extend([&limit as &dyn ToSql, &offset]);
    let mut rows: Vec<Order> = stmt
        .query_map(page_params.as_slice(), order_from_row)?
        .collect::<rusqlite::Result<_>>()?;
    if from_end {
        rows.reverse();
    }
    Ok((rows, total))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn database_with_orders(n: i64) -> (tempfile::TempDir, crate::db::Pool) {
        let dir = tempfile::tempdir().unwrap();
        let pool = crate::db::open(dir.path()).unwrap();
        crate::db::write_tx(&mut pool.get().unwrap(), |conn| {
        conn.execute_batch(
            "INSERT INTO users (email, name, password_hash, role, created_at) VALUES ('c@x.io', 'C', 'x', 'client', '2026-01-01 00:00:00+00:00');
             INSERT INTO services (code, name_en, name_ru, duration_minutes, base_price_minor, skill, created_at, updated_at)
                 VALUES ('s', 'S', 'S', 60, 100, 'k', '2026-01-01 00:00:00+00:00', '2026-01-01 00:00:00+00:00');
             INSERT INTO client_addresses (client_id, label, address, created_at) VALUES (1, 'H', 'A', '2026-01-01 00:00:00+00:00');",
        )?;
        for i in 0..n {
            // Equal times for some rows, so the id tiebreaker matters.
            conn.execute(
                "INSERT INTO orders (client_id, service_id, address_id, address_text, scheduled_at, duration_minutes, ends_at,
                     status, currency, quote_json, total_minor, created_at, updated_at)
                 VALUES (1, 1, 1, 'A', ?1, 60, ?1, 'new', 'RUB', '{\"lines\":[],\"total_minor\":100}', ?2, '2026-01-01 00:00:00+00:00', '2026-01-01 00:00:00+00:00')",
                rusqlite::params![format!("2026-01-{:02} 10:00:00+00:00", 1 + i / 3), 100 + i % 4],
            )?;
        }
        Ok::<_, rusqlite::Error>(())
        })
        .unwrap();
        (dir, pool)
    }

    #[test]
    fn deep_pages_read_from_the_end_match_reading_from_the_start() {
        let (_dir, pool) = database_with_orders(11);
        let conn = pool.get().unwrap();
        for sort in Sort::ALL {
            let f = Filter {
                sort,
                ..Filter::default()
            };
            let all: Vec<i64> = manager_orders(&conn, &f, 100, 0)
                .unwrap()
                .0
                .iter()
                .map(|o| o.id)
                .collect();
            let paged: Vec<i64> = (0..6)
                .flat_map(|page| manager_orders(&conn, &f, 2, page * 2).unwrap().0)
                .map(|o| o.id)
                .collect();
            assert_eq!(paged, all, "{sort:?}");
        }
        assert!(
            manager_orders(&conn, &Filter::default(), 2, 40)
                .unwrap()
                .0
                .is_empty(),
            "past the end"
        );
    }
}
