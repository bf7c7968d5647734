//! SQL for orders, their events, offers, reports, files and signatures.

pub mod board;
pub mod feeds;
pub mod history;
pub mod invariants;
pub mod offers;
pub mod queries;
pub mod records;
pub mod reminders;
pub mod retention;
mod row;
pub mod series;

use crate::db::QueryRowCached;
use chrono::{DateTime, Utc};
use rusqlite::types::{FromSql, FromSqlError, FromSqlResult, ToSql, ToSqlOutput, ValueRef};
use rusqlite::{Connection, OptionalExtension, params};

use super::model::pricing::Quote;
use super::model::{EventAction, Facts, OfferStatus, Status};
pub use row::{ORDER_SELECT, Order, order_from_row};

impl FromSql for Status {
    fn column_result(value: ValueRef<'_>) -> FromSqlResult<Self> {
        Status::parse(value.as_str()?).ok_or(FromSqlError::InvalidType)
    }
}
impl ToSql for Status {
    fn to_sql(&self) -> rusqlite::Result<ToSqlOutput<'_>> {
        Ok(self.as_str().into())
    }
}

pub fn order(conn: &Connection, id: i64) -> rusqlite::Result<Option<Order>> {
    conn.query_row_cached(
        &format!("{ORDER_SELECT} WHERE o.id = ?1"),
        [id],
        order_from_row,
    )
    .optional()
}

/// Records the lower price quality control settled a dispute at.
pub fn set_final_price(conn: &Connection, id: i64, price_minor: i64) -> rusqlite::Result<()> {
    conn.execute(
        "UPDATE orders SET final_total_minor = ?2 WHERE id = ?1",
        rusqlite::params![id, price_minor],
    )?;
    Ok(())
}

/// What the state machine needs, read inside the deciding transaction.
/// Whether the manager holds a stake in any of the order's bets books (the bets context
/// publishes `order_stakeholders`).
pub fn holds_stake(conn: &Connection, order_id: i64, manager_id: i64) -> rusqlite::Result<bool> {
    conn.prepare_cached(
        "SELECT EXISTS (SELECT 1 FROM order_stakeholders WHERE order_id = ?1 AND manager_id = ?2)",
    )?
    .query_row([order_id, manager_id], |r| r.get(0))
}

pub fn facts(conn: &Connection, id: i64) -> rusqlite::Result<Option<Facts>> {
    conn.query_row_cached(
        "SELECT o.status, o.client_id, o.worker_id,
                (SELECT worker_id FROM order_offers WHERE order_id = o.id AND status = ?2)
                    AS offered_to,
                o.kit_received_at IS NOT NULL AS kit_received
         FROM orders o WHERE o.id = ?1",
        params![id, OfferStatus::Open],
        |r| {
            Ok(Facts {
                status: r.get("status")?,
                client_id: r.get("client_id")?,
                worker_id: r.get("worker_id")?,
                offered_to: r.get("offered_to")?,
                kit_received: r.get("kit_received")?,
            })
        },
    )
    .optional()
}

pub struct NewOrder<'a> {
    pub client_id: i64,
    pub service_id: i64,
    pub address_id: i64,
    pub address_text: &'a str,
    pub scheduled_at: DateTime<Utc>,
    pub duration_minutes: i64,
    pub notes: &'a str,
    pub currency: &'a str,
    pub quote: &'a Quote,
    pub commission_bp: i64,
    pub cancellation_fee_percent: i64,
}

/// The commission frozen on the order when it was placed, in basis points.
pub fn commission_bp(conn: &Connection, id: i64) -> rusqlite::Result<i64> {
    conn.query_row_cached(
        "SELECT commission_bp FROM orders WHERE id = ?1",
        [id],
        |r| r.get("commission_bp"),
    )
}

pub fn insert_order(conn: &Connection, o: &NewOrder, now: DateTime<Utc>) -> rusqlite::Result<i64> {
    let quote_json = serde_json::to_string(o.quote).expect("a quote serialises");
    conn.execute(
        "INSERT INTO orders (client_id, service_id, address_id, address_text, scheduled_at, duration_minutes, ends_at,
             status, notes, currency, quote_json, total_minor, created_at, updated_at, commission_bp,
             cancellation_fee_percent)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, 'new', ?8, ?9, ?10, ?11, ?12, ?12, ?13, ?14)",
        params![o.client_id, o.service_id, o.address_id, o.address_text, o.scheduled_at, o.duration_minutes,
            o.scheduled_at + chrono::Duration::minutes(o.duration_minutes), o.notes, o.currency, quote_json,
            o.quote.total_minor, now, o.commission_bp, o.cancellation_fee_percent],
    )?;
    Ok(conn.last_insert_rowid())
}

pub fn insert_order_option(
    conn: &Connection,
    order_id: i64,
    option_id: i64,
    name_en: &str,
    name_ru: &str,
    price_minor: i64,
) -> rusqlite::Result<()> {
    conn.execute(
        "INSERT INTO order_options (order_id, option_id, name_en, name_ru, price_minor) VALUES (?1, ?2, ?3, ?4, ?5)",
        params![order_id, option_id, name_en, name_ru, price_minor],
    )?;
    Ok(())
}

pub fn set_status(
    conn: &Connection,
    id: i64,
    status: Status,
    now: DateTime<Utc>,
) -> rusqlite::Result<()> {
    conn.execute(
        "UPDATE orders SET status = ?2, updated_at = ?3 WHERE id = ?1",
        params![id, status, now],
    )?;
    Ok(())
}

pub fn set_worker(conn: &Connection, id: i64, worker_id: Option<i64>) -> rusqlite::Result<()> {
    // A new worker needs their own kit handed over.
    conn.execute(
        "UPDATE orders SET worker_id = ?2, kit_received_at = NULL WHERE id = ?1",
        params![id, worker_id],
    )?;
    Ok(())
}

pub fn set_kit_received(conn: &Connection, id: i64, now: DateTime<Utc>) -> rusqlite::Result<()> {
    conn.execute(
        "UPDATE orders SET kit_received_at = ?2 WHERE id = ?1",
        params![id, now],
    )?;
    Ok(())
}

/// Moves the order to a new slot of the same length (a reschedule).
pub fn set_slot(
    conn: &Connection,
    id: i64,
    start: DateTime<Utc>,
    end: DateTime<Utc>,
    now: DateTime<Utc>,
) -> rusqlite::Result<()> {
    conn.execute(
        "UPDATE orders SET scheduled_at = ?2, ends_at = ?3, updated_at = ?4 WHERE id = ?1",
        params![id, start, end, now],
    )?;
    Ok(())
}

/// How many times the order was moved, numbering each move (its fee's idempotency key).
pub fn moves_so_far(conn: &Connection, id: i64) -> rusqlite::Result<i64> {
    conn.query_row_cached(
        "SELECT COUNT(*) AS n FROM order_events WHERE order_id = ?1 AND action = 'reschedule'",
        [id],
        |r| r.get("n"),
    )
}

pub fn set_cancelled(
    conn: &Connection,
    id: i64,
    fee_minor: i64,
    reason: &str,
) -> rusqlite::Result<()> {
    conn.execute(
        "UPDATE orders SET cancellation_fee_minor = ?2, cancel_reason = ?3 WHERE id = ?1",
        params![id, fee_minor, reason],
    )?;
    Ok(())
}

pub fn set_dispute_reason(conn: &Connection, id: i64, reason: &str) -> rusqlite::Result<()> {
    conn.execute(
        "UPDATE orders SET dispute_reason = ?2 WHERE id = ?1",
        params![id, reason],
    )?;
    Ok(())
}

/// Whether the worker already holds a job (assigned, started or reported) overlapping the slot.
pub fn worker_busy(
    conn: &Connection,
    worker_id: i64,
    start: DateTime<Utc>,
    end: DateTime<Utc>,
    except_order: i64,
) -> rusqlite::Result<bool> {
    conn.query_row_cached(
        "SELECT EXISTS (SELECT 1 FROM orders WHERE worker_id = ?1 AND id <> ?4
             AND status IN ('assigned', 'in_progress', 'reported')
             AND scheduled_at < ?3 AND ends_at > ?2) AS busy",
        params![worker_id, start, end, except_order],
        |r| r.get("busy"),
    )
}

// ---- events ----

pub struct NewEvent<'a> {
    pub order_id: i64,
    pub actor_id: Option<i64>,
    pub actor_role: &'a str,
    pub action: EventAction,
    pub from: Option<Status>,
    pub to: Status,
    pub reason: Option<&'a str>,
    pub payload: serde_json::Value,
}

pub fn insert_event(conn: &Connection, e: &NewEvent, now: DateTime<Utc>) -> rusqlite::Result<()> {
    conn.execute(
        "INSERT INTO order_events (order_id, at, actor_id, actor_role, action, from_status, to_status, reason, payload)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
        params![e.order_id, now, e.actor_id, e.actor_role, e.action, e.from, e.to, e.reason, e.payload.to_string()],
    )?;
    Ok(())
}

#[derive(Debug, Clone)]
pub struct Event {
    pub at: DateTime<Utc>,
    pub actor_name: Option<String>,
    pub actor_role: String,
    /// `None` for an action this version does not know (old generated histories wrote
    /// their own words): the history still shows where the order went.
    pub action: Option<EventAction>,
    pub from: Option<Status>,
    pub to: Status,
    pub reason: Option<String>,
    /// A move's old and new time (the `reschedule` event's payload).
    pub moved: Option<(DateTime<Utc>, DateTime<Utc>)>,
}

pub fn events(conn: &Connection, order_id: i64) -> rusqlite::Result<Vec<Event>> {
    let mut stmt = conn.prepare_cached(
        "SELECT e.at, u.name AS actor_name, e.actor_role, e.action, e.from_status, e.to_status,
                e.reason,
                CASE WHEN e.action = 'reschedule' THEN json_extract(e.payload, '$.from') END AS moved_from,
                CASE WHEN e.action = 'reschedule' THEN json_extract(e.payload, '$.to') END AS moved_to
         FROM order_events e LEFT JOIN people u ON u.id = e.actor_id
         WHERE e.order_id = ?1 ORDER BY e.id",
    )?;
    stmt.query_map([order_id], |r| {
        Ok(Event {
            at: r.get("at")?,
            actor_name: r.get("actor_name")?,
            actor_role: r.get("actor_role")?,
            action: EventAction::parse(&r.get::<_, String>("action")?),
            from: r.get("from_status")?,
            to: r.get("to_status")?,
            reason: r.get("reason")?,
            moved: moved_times(r.get("moved_from")?, r.get("moved_to")?),
        })
    })?
    .collect()
}

/// A move's times as its payload records them (RFC 3339); none for other events.
fn moved_times(from: Option<String>, to: Option<String>) -> Option<(DateTime<Utc>, DateTime<Utc>)> {
    let parse = |s: Option<String>| {
        DateTime::parse_from_rfc3339(&s?)
            .ok()
            .map(|t| t.with_timezone(&Utc))
    };
    Some((parse(from)?, parse(to)?))
}

// Read by billing.

/// What billing posts for an order: its id, client, worker and frozen price.
impl From<&Order> for crate::billing::model::OrderCharge {
    fn from(o: &Order) -> Self {
        crate::billing::model::OrderCharge {
            id: o.id,
            client_id: o.client_id,
            worker_id: o.worker_id,
            total_minor: o.total_minor,
        }
    }
}
