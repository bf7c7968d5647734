//! SQL of the bets module: books, stakes, results and the access log. Only this module
//! touches `bets_` tables.

use chrono::{DateTime, Utc};
use rusqlite::{Connection, OptionalExtension, params};

use super::model::{BookStatus, Payout, Proposition, Stake};

#[derive(Debug, Clone)]
pub struct Book {
    pub id: i64,
    pub order_id: i64,
    pub proposition: String,
    pub status: BookStatus,
    pub outcome: Option<bool>,
    pub settled_at: Option<DateTime<Utc>>,
    pub void_reason: Option<String>,
}

const BOOK_SELECT: &str =
    "SELECT id, order_id, proposition, status, outcome, settled_at, void_reason FROM bets_books";

fn book_from_row(r: &rusqlite::Row) -> rusqlite::Result<Book> {
    Ok(Book {
        id: r.get("id")?,
        order_id: r.get("order_id")?,
        proposition: r.get("proposition")?,
        status: r.get("status")?,
        outcome: r.get("outcome")?,
        settled_at: r.get("settled_at")?,
        void_reason: r.get("void_reason")?,
    })
}

pub fn book(conn: &Connection, id: i64) -> rusqlite::Result<Option<Book>> {
    conn.query_row(&format!("{BOOK_SELECT} WHERE id = ?1"), [id], book_from_row)
        .optional()
}

pub fn books_for_order(conn: &Connection, order_id: i64) -> rusqlite::Result<Vec<Book>> {
    let mut stmt =
        conn.prepare_cached(&format!("{BOOK_SELECT} WHERE order_id = ?1 ORDER BY id"))?;
    stmt.query_map([order_id], book_from_row)?.collect()
}

pub fn books_with_status(
    conn: &Connection,
    statuses: &[BookStatus],
    limit: i64,
) -> rusqlite::Result<Vec<Book>> {
    let mut books = Vec::new();
    for status in statuses {
        let mut stmt = conn.prepare_cached(&format!(
            "{BOOK_SELECT} WHERE status = ?1 ORDER BY id DESC LIMIT ?2"
        ))?;
        books.extend(
            stmt.query_map(params![status, limit], book_from_row)?
                .collect::<rusqlite::Result<Vec<_>>>()?,
        );
    }
    Ok(books)
}

/// The open book for (order, proposition), created on the first bet.
pub fn open_book(
    conn: &Connection,
    order_id: i64,
    p: Proposition,
    now: DateTime<Utc>,
) -> rusqlite::Result<Book> {
    conn.execute(
        "INSERT INTO bets_books (order_id, proposition, status, created_at) VALUES (?1, ?2, ?4, ?3)
         ON CONFLICT (order_id, proposition) DO NOTHING",
        params![order_id, p.as_str(), now, BookStatus::Open],
    )?;
    conn.query_row(
        &format!("{BOOK_SELECT} WHERE order_id = ?1 AND proposition = ?2"),
        params![order_id, p.as_str()],
        book_from_row,
    )
}

pub fn insert_stake(
    conn: &Connection,
    book_id: i64,
    s: &Stake,
    now: DateTime<Utc>,
) -> rusqlite::Result<()> {
    conn.execute(
        "INSERT INTO bets_stakes (book_id, manager_id, side, amount_minor, placed_at) VALUES (?1, ?2, ?3, ?4, ?5)",
        params![book_id, s.manager_id, s.yes, s.amount_minor, now],
    )?;
    Ok(())
}

pub fn stakes(conn: &Connection, book_id: i64) -> rusqlite::Result<Vec<Stake>> {
    let mut stmt = conn.prepare_cached(
        "SELECT manager_id, side, amount_minor FROM bets_stakes WHERE book_id = ?1 ORDER BY id",
    )?;
    stmt.query_map([book_id], |r| {
        Ok(Stake {
            manager_id: r.get("manager_id")?,
            yes: r.get("side")?,
            amount_minor: r.get("amount_minor")?,
        })
    })?
    .collect()
}

pub fn set_status(conn: &Connection, book_id: i64, status: BookStatus) -> rusqlite::Result<()> {
    conn.execute(
        "UPDATE bets_books SET status = ?2 WHERE id = ?1",
        params![book_id, status],
    )?;
    Ok(())
}

/// Records the settlement; only a book still open or closed is settled (idempotent).
/// How a book ended: settled or void, the outcome if known, and why it is void.
pub struct Ending {
    pub status: BookStatus,
    pub outcome: Option<bool>,
    pub void_reason: Option<&'static str>,
}

pub fn record_settlement(
    conn: &Connection,
    book_id: i64,
    ended: &Ending,
    payouts: &[Payout],
    now: DateTime<Utc>,
) -> rusqlite::Result<bool> {
    let n = conn.execute(
        "UPDATE bets_books SET status = ?2, outcome = ?3, settled_at = ?4, void_reason = ?7
         WHERE id = ?1 AND status IN (?5, ?6)",
        params![
            book_id,
            ended.status,
            ended.outcome,
            now,
            BookStatus::Open,
            BookStatus::Closed,
            ended.void_reason
        ],
    )?;
    if n == 0 {
        return Ok(false);
    }
    for p in payouts {
        conn.execute(
            "INSERT INTO bets_results (book_id, manager_id, staked_minor, payout_minor) VALUES (?1, ?2, ?3, ?4)",
            params![book_id, p.manager_id, p.staked_minor, p.payout_minor],
        )?;
    }
    Ok(true)
}

/// Where an order stands with quality control, as far as a bet on its score cares.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum QcState {
    /// Not drawn yet, or picked and still under review.
    Waiting,
    /// The sample draw passed it over: it will never be scored.
    NotPicked,
    Scored(i64),
}

/// Reads quality control's published `qc_order_states`.
pub fn qc_state(conn: &Connection, order_id: i64) -> rusqlite::Result<QcState> {
    use rusqlite::OptionalExtension;
    let row: Option<(Option<bool>, Option<String>, Option<i64>)> = conn
        .prepare_cached(
            "SELECT picked, review_status, score FROM qc_order_states WHERE order_id = ?1",
        )?
        .query_row([order_id], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
        .optional()?;
    Ok(match row {
        Some((_, Some(status), Some(score))) if status == "done" => QcState::Scored(score),
        Some((Some(false), None, _)) => QcState::NotPicked,
        _ => QcState::Waiting,
    })
}

/// Whether the manager took a step on the order (offered, assigned, cancelled, settled…):
/// such a manager may not bet on it.
pub fn acted_on(conn: &Connection, order_id: i64, manager_id: i64) -> rusqlite::Result<bool> {
    conn.prepare_cached(
        "SELECT EXISTS (SELECT 1 FROM order_history WHERE order_id = ?1 AND actor_id = ?2)",
    )?
    .query_row([order_id, manager_id], |r| r.get(0))
}

pub fn results(conn: &Connection, book_id: i64) -> rusqlite::Result<Vec<Payout>> {
    let mut stmt = conn.prepare_cached("SELECT manager_id, staked_minor, payout_minor FROM bets_results WHERE book_id = ?1 ORDER BY manager_id")?;
    stmt.query_map([book_id], |r| {
        Ok(Payout {
            manager_id: r.get("manager_id")?,
            staked_minor: r.get("staked_minor")?,
            payout_minor: r.get("payout_minor")?,
        })
    })?
    .collect()
}

/// Net per manager over every settled book.
pub fn standings(conn: &Connection) -> rusqlite::Result<Vec<(i64, i64)>> {
    let mut stmt = conn.prepare_cached("SELECT manager_id, SUM(payout_minor - staked_minor) AS net FROM bets_results GROUP BY manager_id ORDER BY manager_id")?;
    stmt.query_map([], |r| Ok((r.get("manager_id")?, r.get("net")?)))?
        .collect()
}

pub fn log_access(
    conn: &Connection,
    now: DateTime<Utc>,
    manager_id: i64,
    action: &str,
    target: &str,
) -> rusqlite::Result<()> {
    conn.execute(
        "INSERT INTO bets_access_log (at, manager_id, action, target) VALUES (?1, ?2, ?3, ?4)",
        params![now, manager_id, action, target],
    )?;
    Ok(())
}

/// One line of the bets access log.
pub struct Access {
    pub at: DateTime<Utc>,
    pub manager_id: i64,
    pub action: String,
    pub target: String,
}

/// The access log, newest first, and how many lines it has.
pub fn access_page(
    conn: &Connection,
    limit: i64,
    offset: i64,
) -> rusqlite::Result<(Vec<Access>, i64)> {
    let total = conn.query_row("SELECT COUNT(*) FROM bets_access_log", [], |r| r.get(0))?;
    let mut stmt = conn.prepare_cached(
        "SELECT at, manager_id, action, target FROM bets_access_log ORDER BY id DESC LIMIT ?1 OFFSET ?2",
    )?;
    let rows = stmt
        .query_map([limit, offset], |r| {
            Ok(Access {
                at: r.get("at")?,
                manager_id: r.get("manager_id")?,
                action: r.get("action")?,
                target: r.get("target")?,
            })
        })?
        .collect::<rusqlite::Result<_>>()?;
    Ok((rows, total))
}

/// For `check`: every settled or void book paid out exactly what was staked on it.
pub fn problems(conn: &Connection) -> rusqlite::Result<Vec<String>> {
    let mut stmt = conn.prepare_cached(
        "SELECT b.id, (SELECT COALESCE(SUM(amount_minor), 0) FROM bets_stakes WHERE book_id = b.id) AS pool,
                (SELECT COALESCE(SUM(payout_minor), 0) FROM bets_results WHERE book_id = b.id) AS paid,
                (SELECT COALESCE(SUM(staked_minor), 0) FROM bets_results WHERE book_id = b.id) AS staked
         FROM bets_books b WHERE b.status IN ('settled', 'void')",
    )?;
    let rows = stmt.query_map([], |r| {
        Ok((
            r.get::<_, i64>("id")?,
            r.get::<_, i64>("pool")?,
            r.get::<_, i64>("paid")?,
            r.get::<_, i64>("staked")?,
        ))
    })?;
    let mut found = Vec::new();
    for row in rows {
        let (id, pool, paid, staked) = row?;
        if pool != paid || pool != staked {
            found.push(format!(
                "bets: book {id} took {pool} but paid out {paid} (results count {staked} staked)"
            ));
        }
    }
    // Every ending says what it was: a settled book its outcome, a void one its reason.
    let mut stmt = conn.prepare_cached(
        "SELECT id, status FROM bets_books
         WHERE (status = 'settled' AND outcome IS NULL) OR (status = 'void' AND void_reason IS NULL)",
    )?;
    for row in stmt.query_map([], |r| Ok((r.get::<_, i64>(0)?, r.get::<_, String>(1)?)))? {
        let (id, status) = row?;
        found.push(format!("bets: book {id} is {status} without saying why"));
    }
    Ok(found)
}
