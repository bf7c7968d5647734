//! An order as the pages and services read it: its facts with its people's and service's
//! names (through the published views), the one select that reads them, and what follows
//! from them (what the client pays, the cancellation fee, the worker's share).

use chrono::{DateTime, Utc};
use rusqlite::Row;

use crate::db::RowInstant;
use crate::i18n::Lang;
use crate::orders::model::Status;
use crate::orders::model::pricing::Quote;

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
