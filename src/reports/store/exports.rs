//! The exports' queries: one keyset-paged query per CSV file over the owners' published
//! views, and the page reader that turns a page of rows into CSV text.

use chrono::{DateTime, Utc};
use chrono_tz::Tz;
use rusqlite::types::Value;

use crate::reports::model::exports::{local_time, row};

/// Rows fetched (and sent) per page.
pub const PAGE: i64 = 2_000;

/// One export: its header and a keyset-paged query. The query takes `?1` start, `?2` end,
/// `?3`/`?4` the cursor (sort time and id of the last row sent) and `?5` the page size; its
/// last two columns are that cursor, the others are the CSV's columns in header order.
/// Each query starts its time range at `MAX(?1, ?3)`, so a page seeks straight to its cursor
/// in the time index instead of walking from the period's start (a year of orders read that
/// way took seconds: every page stepped over all the pages before it).
pub struct Export {
    pub header: &'static [&'static str],
    sql: &'static str,
    /// Columns holding stored UTC times, written in the business time zone.
    times: &'static [usize],
}

const ORDERS: Export = Export {
    header: &[
        "order_id",
        "placed_at",
        "scheduled_at",
        "status",
        "service",
        "client_id",
        "client",
        "worker_id",
        "worker",
        "total_minor",
        "currency",
        "commission_bp",
        "cancellation_fee_minor",
        "final_total_minor",
    ],
    sql: "SELECT o.id, o.created_at, o.scheduled_at, o.status, s.code, o.client_id, c.name,
                 o.worker_id, w.name, o.total_minor, o.currency, o.commission_bp,
                 o.cancellation_fee_minor, o.final_total_minor, o.created_at, o.id
          FROM order_facts o JOIN service_names s ON s.id = o.service_id
          JOIN people c ON c.id = o.client_id LEFT JOIN people w ON w.id = o.worker_id
          WHERE o.created_at >= MAX(?1, ?3) AND o.created_at < ?2 AND (o.created_at, o.id) > (?3, ?4)
          ORDER BY o.created_at, o.id LIMIT ?5",
    times: &[1, 2],
};

/// Paged by transaction, so a transaction's entries always travel together.
const LEDGER: Export = Export {
    header: &[
        "entry_id",
        "transaction_id",
        "created_at",
        "kind",
        "idempotency_key",
        "reference",
        "account",
        "amount_minor",
        "memo",
    ],
    sql: "WITH page AS (
              SELECT id, kind, idempotency_key, reference, memo, created_at
              FROM ledger_postings
              WHERE created_at >= MAX(?1, ?3) AND created_at < ?2 AND (created_at, id) > (?3, ?4)
              ORDER BY created_at, id LIMIT ?5)
          SELECT e.id, p.id, p.created_at, p.kind, p.idempotency_key, p.reference, e.account,
                 e.amount_minor, p.memo, p.created_at, p.id
          FROM page p JOIN ledger_lines e ON e.transaction_id = p.id
          ORDER BY p.created_at, p.id, e.id",
    times: &[2],
};

const INVOICES: Export = Export {
    header: &[
        "invoice_id",
        "number",
        "client_id",
        "client",
        "period",
        "status",
        "total_minor",
        "carried_in_minor",
        "currency",
        "issued_at",
        "paid_at",
    ],
    sql: "SELECT i.id, i.number, i.client_id, c.name, i.period, i.status, i.total_minor,
                 i.carried_in_minor, i.currency, i.issued_at, i.paid_at, i.issued_at, i.id
          FROM invoice_facts i JOIN people c ON c.id = i.client_id
          WHERE i.issued_at >= MAX(?1, ?3) AND i.issued_at < ?2 AND (i.issued_at, i.id) > (?3, ?4)
          ORDER BY i.issued_at, i.id LIMIT ?5",
    times: &[9, 10],
};

const PAYOUTS: Export = Export {
    header: &[
        "payout_id",
        "worker_id",
        "worker",
        "period",
        "status",
        "amount_minor",
        "earnings_minor",
        "fines_minor",
        "bonuses_minor",
        "other_minor",
        "carried_in_minor",
        "currency",
        "created_at",
        "paid_at",
    ],
    sql: "SELECT p.id, p.worker_id, w.name, p.period, p.status, p.amount_minor,
                 p.earnings_minor, p.fines_minor, p.bonuses_minor, p.other_minor,
                 p.carried_in_minor, p.currency, p.created_at, p.paid_at, p.created_at, p.id
          FROM payout_facts p JOIN people w ON w.id = p.worker_id
          WHERE p.created_at >= MAX(?1, ?3) AND p.created_at < ?2 AND (p.created_at, p.id) > (?3, ?4)
          ORDER BY p.created_at, p.id LIMIT ?5",
    times: &[12, 13],
};

/// The export behind `/manage/reports/{kind}.csv`.
pub fn export_of(kind: &str) -> Option<&'static Export> {
    match kind {
        "orders" => Some(&ORDERS),
        "ledger" => Some(&LEDGER),
        "invoices" => Some(&INVOICES),
        "payouts" => Some(&PAYOUTS),
        _ => None,
    }
}

/// A cell as CSV text: NULL (and blobs, which no export has) are empty.
fn text(v: &Value) -> String {
    match v {
        Value::Null => String::new(),
        Value::Integer(n) => n.to_string(),
        Value::Real(r) => r.to_string(),
        Value::Text(s) => s.clone(),
        Value::Blob(_) => String::new(),
    }
}

/// One page of CSV after `cursor`; `None` when the export is finished. Columns are read by
/// position on purpose: a CSV row is the query's columns in header order, whatever they are.
pub fn page(
    conn: &rusqlite::Connection,
    export: &Export,
    tz: Tz,
    (start, end): (DateTime<Utc>, DateTime<Utc>),
    cursor: &(String, i64),
) -> rusqlite::Result<Option<(String, (String, i64))>> {
    let mut stmt = conn.prepare_cached(export.sql)?;
    let columns = stmt.column_count();
    let width = export.header.len();
    let mut rows = stmt.query(rusqlite::params![start, end, cursor.0, cursor.1, PAGE])?;
    let mut out = String::new();
    let mut last = None;
    while let Some(r) = rows.next()? {
        let mut fields = Vec::with_capacity(width);
        for i in 0..width {
            let v = text(&r.get::<_, Value>(i)?);
            fields.push(if export.times.contains(&i) && !v.is_empty() {
                local_time(tz, &v)
            } else {
                v
            });
        }
        row(&fields, &mut out);
        last = Some((
            r.get::<_, String>(columns - 2)?,
            r.get::<_, i64>(columns - 1)?,
        ));
    }
    Ok(last.map(|cursor| (out, cursor)))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::reports::model::exports::KINDS;

    #[test]
    fn every_query_has_its_header_and_cursor() {
        let mut conn = rusqlite::Connection::open_in_memory().unwrap();
        crate::db::migrate(&mut conn).unwrap();
        for kind in KINDS {
            let export = export_of(kind).unwrap();
            let stmt = conn.prepare_cached(export.sql).unwrap();
            assert_eq!(stmt.column_count(), export.header.len() + 2, "{kind}");
        }
    }
}
