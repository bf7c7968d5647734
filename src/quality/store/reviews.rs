//! SQL of the review queue: opening reviews, the sample draws, the filtered list, one review
//! with its reviewer's name, assignment, the decision, the workers' QC totals, and the other
//! orders of the people involved (the `order_facts` view).

use crate::db::QueryRowCached;
use chrono::{DateTime, Utc};
use rusqlite::{Connection, OptionalExtension, params};

use crate::identity::Role;
use crate::orders::model::Status;
use crate::quality::model::{Filter, ResolutionKind, ReviewReason, ReviewStatus};

/// Queues a review of the order unless it has one.
pub fn open(
    conn: &Connection,
    order_id: i64,
    reason: ReviewReason,
    worker_id: Option<i64>,
    due_at: DateTime<Utc>,
    now: DateTime<Utc>,
) -> rusqlite::Result<()> {
    conn.execute(
        "INSERT INTO qc_reviews (order_id, reason, worker_id, due_at, created_at)
         VALUES (?1, ?2, ?3, ?4, ?5) ON CONFLICT (order_id) DO NOTHING",
        params![order_id, reason, worker_id, due_at, now],
    )?;
    Ok(())
}

/// Whether the order is in the queue already.
pub fn has_review(conn: &Connection, order_id: i64) -> rusqlite::Result<bool> {
    conn.query_row_cached(
        "SELECT EXISTS (SELECT 1 FROM qc_reviews WHERE order_id = ?1) AS found",
        [order_id],
        |r| r.get("found"),
    )
}

/// One sample draw, recorded once per order.
pub struct Draw {
    pub order_id: i64,
    pub seed: u64,
    pub draw: u32,
    pub rate_bp: u32,
    pub picked: bool,
}

pub fn record_draw(conn: &Connection, d: &Draw, now: DateTime<Utc>) -> rusqlite::Result<()> {
    conn.execute(
        "INSERT INTO qc_sample_draws (order_id, seed, draw, rate_bp, picked, drawn_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6) ON CONFLICT (order_id) DO NOTHING",
        params![d.order_id, d.seed as i64, d.draw, d.rate_bp, d.picked, now],
    )?;
    Ok(())
}

#[derive(Debug, Clone)]
pub struct Row {
    pub id: i64,
    pub order_id: i64,
    pub reason: ReviewReason,
    pub status: ReviewStatus,
    pub service_en: String,
    pub service_ru: String,
    pub client_name: String,
    pub worker_name: Option<String>,
    /// Who reviewed it, or who is to review it while it is open.
    pub assignee_name: Option<String>,
    pub due_at: DateTime<Utc>,
    pub score: Option<i64>,
}

/// One page of the queue as filtered, open reviews first, the most urgent first, and how
/// many reviews the filter matches.
pub fn list(
    conn: &Connection,
    filter: &Filter,
    me: i64,
    limit: i64,
    offset: i64,
) -> rusqlite::Result<(Vec<Row>, i64)> {
    // Only the filters in use become clauses, so the queue's index serves the order (a
    // clause like `?1 IS NULL OR q.status = ?1` would hide it from the planner).
    let mut where_sql = String::from("1 = 1");
    let mut values: Vec<Box<dyn rusqlite::ToSql>> = Vec::new();
    if let Some(status) = ReviewStatus::parse(&filter.status) {
        where_sql.push_str(" AND q.status = ?");
        values.push(Box::new(status));
    }
    if let Some(reason) = ReviewReason::parse(&filter.reason) {
        where_sql.push_str(" AND q.reason = ?");
        values.push(Box::new(reason));
    }
    match filter.assignee.as_str() {
        "me" => {
            where_sql.push_str(" AND q.assignee_id = ?");
            values.push(Box::new(me));
        }
        "none" => where_sql.push_str(" AND q.assignee_id IS NULL"),
        _ => {}
    }
    let params: Vec<&dyn rusqlite::ToSql> = values.iter().map(|v| v.as_ref()).collect();
    let total = conn.query_row_cached(
        &format!("SELECT COUNT(*) AS n FROM qc_reviews q WHERE {where_sql}"),
        params.as_slice(),
        |r| r.get("n"),
    )?;
    // The page's reviews first, over the queue's index (`qc_reviews_queue`: the literal
    // 'done' matches it); then only their orders and names are joined.
    let order_by = "q.status = 'done', q.due_at, q.id";
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT q.id, q.order_id, q.reason, q.status, s.name_en, s.name_ru, c.name AS client_name,
                w.name AS worker_name, COALESCE(r.name, a.name) AS assignee_name, q.due_at, q.score
         FROM qc_reviews q JOIN order_facts o ON o.id = q.order_id
         JOIN service_names s ON s.id = o.service_id
         JOIN people c ON c.id = o.client_id LEFT JOIN people w ON w.id = q.worker_id
         LEFT JOIN people a ON a.id = q.assignee_id LEFT JOIN people r ON r.id = q.reviewed_by
         WHERE q.id IN (SELECT q.id FROM qc_reviews q WHERE {where_sql}
                        ORDER BY {order_by} LIMIT ? OFFSET ?)
         ORDER BY {order_by}"
    ))?;
    let mut page_params = params;
    page_params.extend([&limit as &dyn rusqlite::ToSql, &offset]);
    let rows = stmt
        .query_map(page_params.as_slice(), |r| {
            Ok(Row {
                id: r.get("id")?,
                order_id: r.get("order_id")?,
                reason: r.get("reason")?,
                status: r.get("status")?,
                service_en: r.get("name_en")?,
                service_ru: r.get("name_ru")?,
                client_name: r.get("client_name")?,
                worker_name: r.get("worker_name")?,
                assignee_name: r.get("assignee_name")?,
                due_at: r.get("due_at")?,
                score: r.get("score")?,
            })
        })?
        .collect::<rusqlite::Result<_>>()?;
    Ok((rows, total))
}

/// The review of an order, if it is in the queue.
pub fn review_of_order(conn: &Connection, order_id: i64) -> rusqlite::Result<Option<i64>> {
    conn.query_row_cached(
        "SELECT id FROM qc_reviews WHERE order_id = ?1",
        [order_id],
        |r| r.get("id"),
    )
    .optional()
}

/// Open reviews, for the navigation badge.
pub fn open_count(conn: &Connection) -> rusqlite::Result<i64> {
    conn.query_row_cached(
        "SELECT COUNT(*) AS n FROM qc_reviews WHERE status = ?1",
        [ReviewStatus::Open],
        |r| r.get("n"),
    )
}

/// The review's own row.
pub struct Review {
    pub id: i64,
    pub order_id: i64,
    pub reason: ReviewReason,
    pub status: ReviewStatus,
    pub worker_id: Option<i64>,
    pub assignee_id: Option<i64>,
    pub due_at: DateTime<Utc>,
    pub score: Option<i64>,
    pub findings: String,
    pub resolution: Option<ResolutionKind>,
    pub fine_minor: i64,
    pub bonus_minor: i64,
    pub reviewer_name: Option<String>,
    pub reviewed_at: Option<DateTime<Utc>>,
}

pub fn review(conn: &Connection, id: i64) -> rusqlite::Result<Option<Review>> {
    conn.query_row_cached(
        "SELECT q.id, q.order_id, q.reason, q.status, q.worker_id, q.assignee_id, q.due_at, q.score,
                q.findings, q.resolution, q.fine_minor, q.bonus_minor, u.name AS reviewer_name,
                q.reviewed_at
         FROM qc_reviews q LEFT JOIN people u ON u.id = q.reviewed_by WHERE q.id = ?1",
        [id],
        |r| {
            Ok(Review {
                id: r.get("id")?,
                order_id: r.get("order_id")?,
                reason: r.get("reason")?,
                status: r.get("status")?,
                worker_id: r.get("worker_id")?,
                assignee_id: r.get("assignee_id")?,
                due_at: r.get("due_at")?,
                score: r.get("score")?,
                findings: r.get("findings")?,
                resolution: r.get("resolution")?,
                fine_minor: r.get("fine_minor")?,
                bonus_minor: r.get("bonus_minor")?,
                reviewer_name: r.get("reviewer_name")?,
                reviewed_at: r.get("reviewed_at")?,
            })
        },
    )
    .optional()
}

pub fn assign(
    conn: &Connection,
    review_id: i64,
    reviewer_id: i64,
    due_at: DateTime<Utc>,
) -> rusqlite::Result<()> {
    conn.execute(
        "UPDATE qc_reviews SET assignee_id = ?1, due_at = ?2 WHERE id = ?3",
        params![reviewer_id, due_at, review_id],
    )?;
    Ok(())
}

/// What a review's decision records.
pub struct Decided<'a> {
    pub score: i64,
    pub findings: &'a str,
    pub resolution: Option<ResolutionKind>,
    pub fine_minor: i64,
    pub bonus_minor: i64,
    pub reviewed_by: i64,
}

pub fn decide(
    conn: &Connection,
    review_id: i64,
    d: &Decided,
    now: DateTime<Utc>,
) -> rusqlite::Result<()> {
    conn.execute(
        "UPDATE qc_reviews SET status = ?9, score = ?1, findings = ?2, resolution = ?3,
                fine_minor = ?4, bonus_minor = ?5, reviewed_by = ?6, reviewed_at = ?7
         WHERE id = ?8",
        params![
            d.score,
            d.findings,
            d.resolution,
            d.fine_minor,
            d.bonus_minor,
            d.reviewed_by,
            now,
            review_id,
            ReviewStatus::Done
        ],
    )?;
    Ok(())
}

/// Adds a QC score to the worker's running totals.
pub fn add_worker_score(conn: &Connection, worker_id: i64, score: i64) -> rusqlite::Result<()> {
    conn.execute(
        "INSERT INTO worker_qc (worker_id, score_sum, score_count) VALUES (?1, ?2, 1)
         ON CONFLICT (worker_id) DO UPDATE SET score_sum = score_sum + excluded.score_sum, score_count = score_count + 1",
        params![worker_id, score],
    )?;
    Ok(())
}

/// Someone who may review: a manager's id and name.
pub struct Person {
    pub id: i64,
    pub name: String,
}

/// Active managers, newest first, among the 200 newest managers.
pub fn active_managers(conn: &Connection) -> rusqlite::Result<Vec<Person>> {
    let mut stmt = conn.prepare_cached(
        "SELECT id, name FROM (SELECT id, name, active FROM people WHERE role = ?1
                               ORDER BY id DESC LIMIT ?2)
         WHERE active = 1 ORDER BY id DESC",
    )?;
    stmt.query_map(params![Role::Manager, 200], |r| {
        Ok(Person {
            id: r.get("id")?,
            name: r.get("name")?,
        })
    })?
    .collect()
}

/// Whether this person is an active manager.
pub fn is_active_manager(conn: &Connection, id: i64) -> rusqlite::Result<bool> {
    conn.query_row_cached(
        "SELECT EXISTS (SELECT 1 FROM people WHERE id = ?1 AND role = ?2 AND active = 1) AS yes",
        params![id, Role::Manager],
        |r| r.get("yes"),
    )
}

/// A person's other recent orders: (id, service in English, in Russian, status, when).
pub struct History(pub Vec<(i64, String, String, Status, DateTime<Utc>)>);

impl History {
    fn load(
        conn: &Connection,
        column: &'static str,
        person: i64,
        except: i64,
    ) -> rusqlite::Result<History> {
        let mut stmt = conn.prepare_cached(&format!(
            "SELECT o.id, s.name_en, s.name_ru, o.status, o.scheduled_at
             FROM order_facts o JOIN service_names s ON s.id = o.service_id
             WHERE o.{column} = ?1 AND o.id <> ?2 ORDER BY o.scheduled_at DESC LIMIT ?3"
        ))?;
        let rows = stmt.query_map(params![person, except, 8], |r| {
            Ok((
                r.get("id")?,
                r.get("name_en")?,
                r.get("name_ru")?,
                r.get("status")?,
                r.get("scheduled_at")?,
            ))
        })?;
        Ok(History(rows.collect::<rusqlite::Result<_>>()?))
    }
    pub fn of_client(conn: &Connection, client: i64, except: i64) -> rusqlite::Result<History> {
        Self::load(conn, "client_id", client, except)
    }
    pub fn of_worker(conn: &Connection, worker: i64, except: i64) -> rusqlite::Result<History> {
        Self::load(conn, "worker_id", worker, except)
    }
}
