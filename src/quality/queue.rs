//! The review queue: which orders get a review (every cancelled and disputed one, a sample
//! of completed ones), the list managers filter, assignment to a reviewer with a due date.

use chrono::{DateTime, Duration, Utc};
use rusqlite::{Connection, OptionalExtension, params};

use super::sampling;
use crate::auth::model::Role;
use crate::auth::store as users;
use crate::config::Settings;
use crate::error::AppError;
use crate::notify::model::Kind;
use crate::notify::service::{Message, notify};
use crate::orders::model::Status;
use crate::orders::store::Order;

/// Called by the order lifecycle inside its transaction whenever an order changes status.
pub fn on_status(
    tx: &Connection,
    settings: &Settings,
    now: DateTime<Utc>,
    order: &Order,
    to: Status,
) -> Result<(), AppError> {
    match to {
        Status::Cancelled => open(tx, settings, now, order, "cancelled"),
        Status::Disputed => open(tx, settings, now, order, "disputed"),
        Status::Completed => sample(tx, settings, now, order),
        _ => Ok(()),
    }
}

/// A review for the order, unless it has one (a disputed order that is then cancelled keeps
/// its dispute review).
fn open(
    tx: &Connection,
    settings: &Settings,
    now: DateTime<Utc>,
    order: &Order,
    reason: &str,
) -> Result<(), AppError> {
    let due = now + Duration::days(settings.quality.review_days);
    tx.execute(
        "INSERT INTO qc_reviews (order_id, reason, worker_id, due_at, created_at)
         VALUES (?1, ?2, ?3, ?4, ?5) ON CONFLICT (order_id) DO NOTHING",
        params![order.id, reason, order.worker_id, due, now],
    )?;
    Ok(())
}

/// Draws once per completed order and records the draw; a picked order gets a review.
fn sample(
    tx: &Connection,
    settings: &Settings,
    now: DateTime<Utc>,
    order: &Order,
) -> Result<(), AppError> {
    let already_reviewed: bool = tx.query_row(
        "SELECT EXISTS (SELECT 1 FROM qc_reviews WHERE order_id = ?1)",
        [order.id],
        |r| r.get(0),
    )?;
    if already_reviewed {
        return Ok(());
    }
    let rules = &settings.quality;
    let draw = sampling::draw(rules.sample_seed, order.id);
    let picked = sampling::picked(draw, rules.sample_percent);
    tx.execute(
        "INSERT INTO qc_sample_draws (order_id, seed, draw, rate_bp, picked, drawn_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6) ON CONFLICT (order_id) DO NOTHING",
        params![
            order.id,
            rules.sample_seed as i64,
            draw,
            rules.sample_percent * 100,
            picked,
            now
        ],
    )?;
    if picked {
        open(tx, settings, now, order, "sample")?;
    }
    Ok(())
}

/// The queue's filters, from the query string (unknown values are ignored).
#[derive(Debug, Clone, Default, serde::Deserialize)]
#[serde(default)]
pub struct Filter {
    pub status: String,
    pub reason: String,
    /// "me", "none", or empty for everyone.
    pub assignee: String,
}

#[derive(Debug, Clone)]
pub struct Row {
    pub id: i64,
    pub order_id: i64,
    pub reason: String,
    pub status: String,
    pub service_en: String,
    pub service_ru: String,
    pub client_name: String,
    pub worker_name: Option<String>,
    pub assignee_name: Option<String>,
    pub due_at: DateTime<Utc>,
    pub score: Option<i64>,
}

pub fn list(conn: &Connection, filter: &Filter, me: i64) -> rusqlite::Result<Vec<Row>> {
    let status = ["open", "done"]
        .contains(&filter.status.as_str())
        .then_some(filter.status.as_str());
    let reason = ["cancelled", "disputed", "sample"]
        .contains(&filter.reason.as_str())
        .then_some(filter.reason.as_str());
    let (mine, unassigned) = (filter.assignee == "me", filter.assignee == "none");
    let mut stmt = conn.prepare(
        "SELECT q.id, q.order_id, q.reason, q.status, s.name_en, s.name_ru, c.name, w.name, a.name,
                q.due_at, q.score
         FROM qc_reviews q JOIN orders o ON o.id = q.order_id JOIN services s ON s.id = o.service_id
         JOIN users c ON c.id = o.client_id LEFT JOIN users w ON w.id = q.worker_id
         LEFT JOIN users a ON a.id = q.assignee_id
         WHERE (?1 IS NULL OR q.status = ?1) AND (?2 IS NULL OR q.reason = ?2)
           AND (NOT ?3 OR q.assignee_id = ?5) AND (NOT ?4 OR q.assignee_id IS NULL)
         ORDER BY q.status = 'done', q.due_at, q.id LIMIT 500",
    )?;
    stmt.query_map(params![status, reason, mine, unassigned, me], |r| {
        Ok(Row {
            id: r.get(0)?,
            order_id: r.get(1)?,
            reason: r.get(2)?,
            status: r.get(3)?,
            service_en: r.get(4)?,
            service_ru: r.get(5)?,
            client_name: r.get(6)?,
            worker_name: r.get(7)?,
            assignee_name: r.get(8)?,
            due_at: r.get(9)?,
            score: r.get(10)?,
        })
    })?
    .collect()
}

/// The review of an order, if it is in the queue.
pub fn review_of_order(conn: &Connection, order_id: i64) -> rusqlite::Result<Option<i64>> {
    conn.query_row(
        "SELECT id FROM qc_reviews WHERE order_id = ?1",
        [order_id],
        |r| r.get(0),
    )
    .optional()
}

/// Open reviews, for the navigation badge.
pub fn open_count(conn: &Connection) -> rusqlite::Result<i64> {
    conn.query_row(
        "SELECT COUNT(*) FROM qc_reviews WHERE status = 'open'",
        [],
        |r| r.get(0),
    )
}

/// Gives an open review to a manager with a due date and tells them. `Err` names the problem.
pub fn assign(
    tx: &Connection,
    settings: &Settings,
    now: DateTime<Utc>,
    review_id: i64,
    reviewer_id: i64,
    due_at: DateTime<Utc>,
) -> Result<Result<(), &'static str>, AppError> {
    let status: Option<(String, i64)> = tx
        .query_row(
            "SELECT status, order_id FROM qc_reviews WHERE id = ?1",
            [review_id],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .optional()?;
    let Some((status, order_id)) = status else {
        return Err(AppError::NotFound);
    };
    if status != "open" {
        return Ok(Err("flash-review-closed"));
    }
    let reviewer = users::user_by_id(tx, reviewer_id)?;
    if !reviewer.is_some_and(|u| u.role == Role::Manager && u.active) {
        return Ok(Err("flash-review-reviewer"));
    }
    if due_at <= now {
        return Ok(Err("flash-review-due"));
    }
    tx.execute(
        "UPDATE qc_reviews SET assignee_id = ?1, due_at = ?2 WHERE id = ?3",
        params![reviewer_id, due_at, review_id],
    )?;
    notify(
        tx,
        settings,
        now,
        reviewer_id,
        &Message::new(Kind::ReviewAssigned)
            .arg("id", order_id)
            .link(format!("/manage/qc/{review_id}")),
    )?;
    Ok(Ok(()))
}
