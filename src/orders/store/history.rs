//! A worker's history: every job that was theirs in any status, and the ones they withdrew
//! from, newest first, filtered by what became of them.

use crate::db::QueryRowCached;
use rusqlite::{Connection, params};

use crate::orders::store::{ORDER_SELECT, Order, order_from_row};

/// What the history shows; `All` by default.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum HistoryFilter {
    All,
    Upcoming,
    Completed,
    Cancelled,
    Disputed,
    Withdrawn,
}

impl HistoryFilter {
    pub const ALL: [HistoryFilter; 6] = [
        HistoryFilter::All,
        HistoryFilter::Upcoming,
        HistoryFilter::Completed,
        HistoryFilter::Cancelled,
        HistoryFilter::Disputed,
        HistoryFilter::Withdrawn,
    ];

    pub fn code(self) -> &'static str {
        match self {
            HistoryFilter::All => "all",
            HistoryFilter::Upcoming => "upcoming",
            HistoryFilter::Completed => "completed",
            HistoryFilter::Cancelled => "cancelled",
            HistoryFilter::Disputed => "disputed",
            HistoryFilter::Withdrawn => "withdrawn",
        }
    }

    pub fn parse(s: &str) -> Option<HistoryFilter> {
        HistoryFilter::ALL.into_iter().find(|f| f.code() == s)
    }

    pub fn label_key(self) -> &'static str {
        match self {
            HistoryFilter::All => "history-all",
            HistoryFilter::Upcoming => "history-upcoming",
            HistoryFilter::Completed => "history-completed",
            HistoryFilter::Cancelled => "history-cancelled",
            HistoryFilter::Disputed => "history-disputed",
            HistoryFilter::Withdrawn => "history-withdrawn",
        }
    }

    /// The SQL condition on `o` (the worker is `?1`).
    fn condition(self) -> &'static str {
        match self {
            HistoryFilter::All => "1",
            HistoryFilter::Upcoming => {
                "o.worker_id = ?1 AND o.status IN ('assigned', 'in_progress', 'reported')"
            }
            HistoryFilter::Completed => "o.worker_id = ?1 AND o.status = 'completed'",
            HistoryFilter::Cancelled => "o.worker_id = ?1 AND o.status = 'cancelled'",
            HistoryFilter::Disputed => "o.worker_id = ?1 AND o.status = 'disputed'",
            HistoryFilter::Withdrawn => "o.worker_id IS NOT ?1",
        }
    }
}

/// One line of the history: the order, and whether the worker withdrew from it (it is no
/// longer theirs, whatever became of it).
pub struct HistoryLine {
    pub order: Order,
    pub withdrawn: bool,
}

const MINE: &str = "(o.worker_id = ?1 OR o.id IN (SELECT e.order_id FROM order_events e
     WHERE e.action = 'withdraw' AND e.actor_id = ?1))";

/// A page of the worker's history (`limit` lines from `offset`) and how many there are.
pub fn worker_history(
    conn: &Connection,
    worker_id: i64,
    filter: HistoryFilter,
    (limit, offset): (i64, i64),
) -> rusqlite::Result<(Vec<HistoryLine>, i64)> {
    let condition = filter.condition();
    let total = conn.query_row_cached(
        &format!("SELECT COUNT(*) FROM orders o WHERE {MINE} AND {condition}"),
        [worker_id],
        |r| r.get(0),
    )?;
    let mut stmt = conn.prepare_cached(&format!(
        "{ORDER_SELECT} WHERE {MINE} AND {condition}
         ORDER BY o.scheduled_at DESC, o.id DESC LIMIT ?2 OFFSET ?3"
    ))?;
    let lines = stmt
        .query_map(params![worker_id, limit, offset], |r| {
            let order = order_from_row(r)?;
            Ok(HistoryLine {
                withdrawn: order.worker_id != Some(worker_id),
                order,
            })
        })?
        .collect::<rusqlite::Result<_>>()?;
    Ok((lines, total))
}
