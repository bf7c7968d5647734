//! CSV exports of a period's orders, ledger entries, invoices and payouts, for managers:
//! RFC 4180 (quoted where needed, CRLF), a header row, times in the business time zone, money
//! in integer minor units. Streamed page by page, so a year of rows never sits in memory.
//! Bets have no ledger postings and no column here: exports never show them.

use actix_web::web::Bytes;
use actix_web::{HttpRequest, HttpResponse, web};
use chrono::{DateTime, SecondsFormat, Utc};
use chrono_tz::Tz;
use rusqlite::types::Value;

use super::period::{Period, PeriodQuery, business_day};
use crate::db::Pool;
use crate::error::AppError;
use crate::state::AppState;
use crate::web::ctx::{Ctx, redirect};

pub const KINDS: [&str; 4] = ["orders", "ledger", "invoices", "payouts"];

/// Rows fetched (and sent) per page.
const PAGE: i64 = 2_000;

/// One export: its header and a keyset-paged query. The query takes `?1` start, `?2` end,
/// `?3`/`?4` the cursor (sort time and id of the last row sent) and `?5` the page size; its
/// last two columns are that cursor, the others are the CSV's columns in header order.
struct Export {
    header: &'static [&'static str],
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
    ],
    sql: "SELECT o.id, o.created_at, o.scheduled_at, o.status, s.code, o.client_id, c.name,
                 o.worker_id, w.name, o.total_minor, o.currency, o.commission_bp,
                 o.cancellation_fee_minor, o.created_at, o.id
          FROM orders o JOIN services s ON s.id = o.service_id
          JOIN users c ON c.id = o.client_id LEFT JOIN users w ON w.id = o.worker_id
          WHERE o.created_at >= ?1 AND o.created_at < ?2 AND (o.created_at, o.id) > (?3, ?4)
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
              FROM ledger_transactions
              WHERE created_at >= ?1 AND created_at < ?2 AND (created_at, id) > (?3, ?4)
              ORDER BY created_at, id LIMIT ?5)
          SELECT e.id, p.id, p.created_at, p.kind, p.idempotency_key, p.reference, e.account,
                 e.amount_minor, p.memo, p.created_at, p.id
          FROM page p JOIN ledger_entries e ON e.transaction_id = p.id
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
          FROM invoices i JOIN users c ON c.id = i.client_id
          WHERE i.issued_at >= ?1 AND i.issued_at < ?2 AND (i.issued_at, i.id) > (?3, ?4)
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
          FROM payouts p JOIN users w ON w.id = p.worker_id
          WHERE p.created_at >= ?1 AND p.created_at < ?2 AND (p.created_at, p.id) > (?3, ?4)
          ORDER BY p.created_at, p.id LIMIT ?5",
    times: &[12, 13],
};

fn export_of(kind: &str) -> Option<&'static Export> {
    match kind {
        "orders" => Some(&ORDERS),
        "ledger" => Some(&LEDGER),
        "invoices" => Some(&INVOICES),
        "payouts" => Some(&PAYOUTS),
        _ => None,
    }
}

/// RFC 4180: a field with a comma, quote or line break is quoted, quotes doubled.
pub fn field(s: &str) -> String {
    if s.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s.to_string()
    }
}

pub fn row(fields: &[String], out: &mut String) {
    for (i, f) in fields.iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        out.push_str(&field(f));
    }
    out.push_str("\r\n");
}

/// A stored UTC time as RFC 3339 in the business time zone; other text as it is.
fn local_time(tz: Tz, stored: &str) -> String {
    match stored.parse::<DateTime<Utc>>() {
        Ok(at) => at
            .with_timezone(&tz)
            .to_rfc3339_opts(SecondsFormat::Secs, false),
        Err(_) => stored.to_string(),
    }
}

fn text(v: &Value) -> String {
    match v {
        Value::Null => String::new(),
        Value::Integer(n) => n.to_string(),
        Value::Real(r) => r.to_string(),
        Value::Text(s) => s.clone(),
        Value::Blob(_) => String::new(),
    }
}

/// One page of CSV after `cursor`; `None` when the export is finished.
fn page(
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

/// Streams the export on a blocking thread, one page per chunk; stops early when the
/// client goes away.
fn stream(
    pool: Pool,
    export: &'static Export,
    tz: Tz,
    bounds: (DateTime<Utc>, DateTime<Utc>),
) -> tokio::sync::mpsc::Receiver<Result<Bytes, std::io::Error>> {
    let (tx, rx) = tokio::sync::mpsc::channel(4);
    actix_web::rt::task::spawn_blocking(move || {
        let mut header = String::new();
        row(
            &export
                .header
                .iter()
                .map(|h| h.to_string())
                .collect::<Vec<_>>(),
            &mut header,
        );
        if tx.blocking_send(Ok(Bytes::from(header))).is_err() {
            return;
        }
        let mut cursor = (String::new(), 0);
        loop {
            let next = pool
                .get()
                .map_err(|e| std::io::Error::other(e.to_string()))
                .and_then(|conn| {
                    page(&conn, export, tz, bounds, &cursor)
                        .map_err(|e| std::io::Error::other(e.to_string()))
                });
            match next {
                Ok(Some((chunk, last))) => {
                    cursor = last;
                    if tx.blocking_send(Ok(Bytes::from(chunk))).is_err() {
                        return;
                    }
                }
                Ok(None) => return,
                Err(error) => {
                    tracing::error!(%error, "export failed part way");
                    let _ = tx.blocking_send(Err(error));
                    return;
                }
            }
        }
    });
    rx
}

/// `GET /manage/reports/{kind}.csv?period=…`: a bad period goes back to the dashboard, which
/// says what was wrong.
pub async fn download(
    ctx: Ctx,
    req: HttpRequest,
    state: web::Data<AppState>,
    file: web::Path<String>,
    q: web::Query<PeriodQuery>,
) -> Result<HttpResponse, AppError> {
    let kind = file.strip_suffix(".csv").unwrap_or("");
    let export = export_of(kind).ok_or(AppError::NotFound)?;
    let tz = state.settings.time_zone;
    let Ok(period) = Period::from_query(&q, business_day(tz, state.clock.now())) else {
        return Ok(redirect(&format!("/manage?{}", req.query_string())));
    };
    tracing::info!(manager = ctx.user()?.id, kind, from = %period.from, to = %period.to, "csv export");
    let rx = stream(state.pool.clone(), export, tz, period.bounds(tz));
    let body = futures_util::stream::unfold(rx, |mut rx| async move {
        rx.recv().await.map(|chunk| (chunk, rx))
    });
    Ok(HttpResponse::Ok()
        .content_type("text/csv; charset=utf-8")
        .insert_header((
            "Content-Disposition",
            format!(
                "attachment; filename=\"{kind}-{}-{}.csv\"",
                period.from, period.to
            ),
        ))
        .streaming(body))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fields_are_quoted_only_when_needed() {
        assert_eq!(field("plain"), "plain");
        assert_eq!(field("a,b"), "\"a,b\"");
        assert_eq!(field("say \"hi\""), "\"say \"\"hi\"\"\"");
        assert_eq!(field("two\nlines"), "\"two\nlines\"");
        let mut out = String::new();
        row(&["1".into(), "x,y".into(), String::new()], &mut out);
        assert_eq!(out, "1,\"x,y\",\r\n");
    }

    #[test]
    fn stored_times_are_written_in_the_business_zone() {
        assert_eq!(
            local_time(chrono_tz::Europe::Moscow, "2026-11-23 21:30:00+00:00"),
            "2026-11-24T00:30:00+03:00"
        );
        assert_eq!(
            local_time(chrono_tz::Europe::Moscow, "2026-W47"),
            "2026-W47"
        );
    }

    #[test]
    fn every_query_has_its_header_and_cursor() {
        let conn = rusqlite::Connection::open_in_memory().unwrap();
        let mut conn = conn;
        crate::db::migrate(&mut conn).unwrap();
        for kind in KINDS {
            let export = export_of(kind).unwrap();
            let stmt = conn.prepare(export.sql).unwrap();
            assert_eq!(stmt.column_count(), export.header.len() + 2, "{kind}");
        }
    }
}
