//! SQL of the reminders: the slots the pass decides, its record of each (`order_reminders`),
//! and the slots `check` finds missed. Orders are read through their published views.

use chrono::{DateTime, Duration, Utc};
use rusqlite::{Connection, OptionalExtension, params};

use crate::config::OrderRules;
use crate::db::RowInstant;
use crate::schedule::model::reminders::missed;

/// The statuses of an order placed and not yet started (`orders::model::reminder`).
const AWAITING: &str = "('new', 'offered', 'assigned', 'unassigned')";

/// Orders not started whose visit is in `(now, until]` and whose present slot has no
/// reminder decided yet, soonest first: one indexed range over `scheduled_at`.
pub fn undecided(
    conn: &Connection,
    now: DateTime<Utc>,
    until: DateTime<Utc>,
) -> rusqlite::Result<Vec<i64>> {
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT f.id FROM order_facts f
         WHERE f.scheduled_at > ?1 AND f.scheduled_at <= ?2 AND f.status IN {AWAITING}
           AND NOT EXISTS (SELECT 1 FROM order_reminders r
                           WHERE r.order_id = f.id AND r.scheduled_at = f.scheduled_at)
         ORDER BY f.scheduled_at, f.id"
    ))?;
    stmt.query_map(params![now, until], |r| r.get(0))?.collect()
}

/// Records the reminder of the order's present slot (copied as stored, so it matches the
/// order's own text); `false` when it was already decided (a retried or concurrent pass).
pub fn record(
    conn: &Connection,
    order_id: i64,
    outcome: &str,
    now: DateTime<Utc>,
) -> rusqlite::Result<bool> {
    let n = conn
        .prepare_cached(
            "INSERT OR IGNORE INTO order_reminders (order_id, scheduled_at, outcome, decided_at)
             SELECT id, scheduled_at, ?2, ?3 FROM order_facts WHERE id = ?1",
        )?
        .execute(params![order_id, outcome, now])?;
    Ok(n == 1)
}

/// How many reminders were sent and skipped, for `simulate`'s log.
pub fn counts(conn: &Connection) -> rusqlite::Result<(i64, i64)> {
    conn.prepare_cached(
        "SELECT COUNT(*) FILTER (WHERE outcome = 'sent'), COUNT(*) FILTER (WHERE outcome = 'skipped')
         FROM order_reminders",
    )?
    .query_row([], |r| Ok((r.get(0)?, r.get(1)?)))
}

/// Every live order not started whose reminder was missed: due more than one pass before the
/// latest pass (the last reminder decided), its visit after the first pass (older visits
/// predate reminders), and no reminder sent for its present slot. Named for an operator.
pub fn problems(conn: &Connection, rules: &OrderRules) -> rusqlite::Result<Vec<String>> {
    let span: Option<(DateTime<Utc>, DateTime<Utc>)> = conn
        .prepare_cached("SELECT MIN(decided_at), MAX(decided_at) FROM order_reminders")?
        .query_row([], |r| Ok((r.instant_opt(0)?, r.instant_opt(1)?)))
        .optional()?
        .and_then(|(first, last)| first.zip(last));
    let Some((first, as_of)) = span else {
        // The pass has never run: nothing can have been missed yet.
        return Ok(Vec::new());
    };
    let hours = Duration::hours(rules.reminder_hours);
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT f.id, f.scheduled_at,
                (SELECT h.at FROM order_history h
                 WHERE h.order_id = f.id AND h.action IN ('create', 'reschedule')
                 ORDER BY h.id DESC LIMIT 1),
                EXISTS (SELECT 1 FROM order_reminders r WHERE r.order_id = f.id
                        AND r.scheduled_at = f.scheduled_at AND r.outcome = 'sent')
         FROM order_facts f
         WHERE f.scheduled_at > ?1 AND f.scheduled_at <= ?2 AND f.status IN {AWAITING}
         ORDER BY f.id"
    ))?;
    let rows = stmt.query_map(params![first, as_of + hours], |r| {
        Ok((
            r.get::<_, i64>(0)?,
            r.instant(1)?,
            r.instant_opt(2)?,
            r.get::<_, bool>(3)?,
        ))
    })?;
    let mut found = Vec::new();
    for row in rows {
        let (id, scheduled_at, set_at, sent) = row?;
        let Some(set_at) = set_at else { continue };
        if missed(rules, (scheduled_at, set_at), sent, as_of) {
            found.push(format!(
                "reminders: order {id} was not reminded of its visit at {scheduled_at}"
            ));
        }
    }
    Ok(found)
}
