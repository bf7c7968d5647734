//! SQL for orders, their events, offers, reports, files and signatures.

pub mod feeds;
pub mod history;
pub mod invariants;
pub mod offers;
pub mod queries;
pub mod records;
pub mod retention;

use crate::db::{QueryRowCached, RowInstant};
use chrono::{DateTime, Utc};
use rusqlite::types::{FromSql, FromSqlError, FromSqlResult, ToSql, ToSqlOutput, ValueRef};
use rusqlite::{Connection, OptionalExtension, Row, params};

use super::model::pricing::Quote;
use super::model::{EventAction, Facts, OfferStatus, Status};
use crate::i18n::Lang;

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

#[derive(Debug, Clone)]
pub struct Order {
    pub id: i64,
    pub client_id: i64,
    pub client_name: String,
    pub service_id: i64,
    pub service_en: String,
    pub service_ru: String,
    pub worker_id: Option<i64>,
    pub worker_name: Option<String>,
    pub address_text: String,
    pub scheduled_at: DateTime<Utc>,
    pub duration_minutes: i64,
    pub status: Status,
    pub notes: String,
    pub currency: String,
    pub quote: Quote,
    pub total_minor: i64,
    /// The price after quality control settled a dispute lower (the quote keeps the original).
    pub final_total_minor: Option<i64>,
    pub kit_received_at: Option<DateTime<Utc>>,
    pub cancellation_fee_minor: Option<i64>,
    /// The cancellation fee frozen when the order was placed; none for older orders.
    pub cancellation_fee_percent: Option<i64>,
    /// The company's commission frozen when the order was placed, in basis points.
    pub commission_bp: i64,
    pub cancel_reason: Option<String>,
    pub dispute_reason: Option<String>,
    pub created_at: DateTime<Utc>,
}

impl Order {
    pub fn service_name(&self, lang: Lang) -> &str {
        crate::i18n::read_pair(lang, &self.service_en, &self.service_ru)
    }
    pub fn ends_at(&self) -> DateTime<Utc> {
        self.scheduled_at + chrono::Duration::minutes(self.duration_minutes)
    }
}

/// An order with its people's and service's names (through the published views). Every
/// column is named, so `order_from_row` reads them by name wherever the select is nested.
pub const ORDER_SELECT: &str = "SELECT o.id AS id, o.client_id AS client_id, c.name AS client_name,
        o.service_id AS service_id, s.name_en AS service_en, s.name_ru AS service_ru,
        o.worker_id AS worker_id, w.name AS worker_name, o.address_text AS address_text,
        o.scheduled_at AS scheduled_at, o.duration_minutes AS duration_minutes, o.status AS status,
        o.notes AS notes, o.currency AS currency, o.quote_json AS quote_json,
        o.total_minor AS total_minor, o.kit_received_at AS kit_received_at,
        o.cancellation_fee_minor AS cancellation_fee_minor, o.cancel_reason AS cancel_reason,
        o.dispute_reason AS dispute_reason, o.created_at AS created_at,
        o.final_total_minor AS final_total_minor,
        o.cancellation_fee_percent AS cancellation_fee_percent, o.commission_bp AS commission_bp
     FROM orders o JOIN people c ON c.id = o.client_id JOIN service_names s ON s.id = o.service_id
     LEFT JOIN people w ON w.id = o.worker_id";

/// The columns `ORDER_SELECT` starts with, in its order (a test holds them to it): order
/// lists read 50 rows of 22 values, and a search by name for each value was a tenth of the
/// page's time.
const ORDER_COLUMNS: &[&str] = &[
    "id",
    "client_id",
    "client_name",
    "service_id",
    "service_en",
    "service_ru",
    "worker_id",
    "worker_name",
    "address_text",
    "scheduled_at",
    "duration_minutes",
    "status",
    "notes",
    "currency",
    "quote_json",
    "total_minor",
    "kit_received_at",
    "cancellation_fee_minor",
    "cancel_reason",
    "dispute_reason",
    "created_at",
    "final_total_minor",
    "cancellation_fee_percent",
    "commission_bp",
];

/// The position of an `ORDER_SELECT` column, found at compile time.
macro_rules! col {
    ($name:literal) => {
        const { crate::db::column(ORDER_COLUMNS, $name) }
    };
}

pub fn order_from_row(r: &Row) -> rusqlite::Result<Order> {
    let quote_json: String = r.get(col!("quote_json"))?;
    let quote = serde_json::from_str(&quote_json).map_err(|e| {
        rusqlite::Error::FromSqlConversionFailure(
            col!("quote_json"),
            rusqlite::types::Type::Text,
            Box::new(e),
        )
    })?;
    Ok(Order {
        id: r.get(col!("id"))?,
        client_id: r.get(col!("client_id"))?,
        client_name: r.get(col!("client_name"))?,
        service_id: r.get(col!("service_id"))?,
        service_en: r.get(col!("service_en"))?,
        service_ru: r.get(col!("service_ru"))?,
        worker_id: r.get(col!("worker_id"))?,
        worker_name: r.get(col!("worker_name"))?,
        address_text: r.get(col!("address_text"))?,
        scheduled_at: r.instant(col!("scheduled_at"))?,
        duration_minutes: r.get(col!("duration_minutes"))?,
        status: r.get(col!("status"))?,
        notes: r.get(col!("notes"))?,
        currency: r.get(col!("currency"))?,
        quote,
        total_minor: r.get(col!("total_minor"))?,
        final_total_minor: r.get(col!("final_total_minor"))?,
        kit_received_at: r.instant_opt(col!("kit_received_at"))?,
        cancellation_fee_minor: r.get(col!("cancellation_fee_minor"))?,
        cancellation_fee_percent: r.get(col!("cancellation_fee_percent"))?,
        commission_bp: r.get(col!("commission_bp"))?,
        cancel_reason: r.get(col!("cancel_reason"))?,
        dispute_reason: r.get(col!("dispute_reason"))?,
        created_at: r.instant(col!("created_at"))?,
    })
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

impl Order {
    /// The share of the total a client's cancellation costs once a worker is assigned: the
    /// order's own, frozen when placed, or for an older order `setting` (as it is now).
    pub fn cancellation_fee_percent_or(&self, setting: i64) -> i64 {
        self.cancellation_fee_percent.unwrap_or(setting)
    }

    /// What the client pays in the end.
    pub fn payable_minor(&self) -> i64 {
        self.final_total_minor.unwrap_or(self.total_minor)
    }

    /// The worker's part of the price, as the ledger will split it, and its share in basis
    /// points.
    pub fn worker_share(&self) -> (i64, i64) {
        let (earnings, _) =
            crate::billing::model::split_commission(self.payable_minor(), self.commission_bp);
        (earnings, 10_000 - self.commission_bp)
    }
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
}

pub fn events(conn: &Connection, order_id: i64) -> rusqlite::Result<Vec<Event>> {
    let mut stmt = conn.prepare_cached(
        "SELECT e.at, u.name AS actor_name, e.actor_role, e.action, e.from_status, e.to_status,
                e.reason
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
        })
    })?
    .collect()
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_order_columns_are_the_statements_own_in_its_order() {
        let dir = tempfile::tempdir().unwrap();
        let pool = crate::db::open(dir.path()).unwrap();
        let conn = pool.get().unwrap();
        let stmt = conn
            .prepare(&format!("{ORDER_SELECT} WHERE o.id = ?1"))
            .unwrap();
        assert_eq!(stmt.column_names(), ORDER_COLUMNS);
    }
}
