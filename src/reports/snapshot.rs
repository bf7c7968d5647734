//! The dashboard's numbers that describe now rather than a period (receivables, overdue
//! invoices, stock at or below its reorder level, kits waiting short), and the hiring funnel
//! of the candidates who applied in a period, per screening-policy version.

use std::collections::BTreeMap;

use chrono::{DateTime, Utc};
use rusqlite::{Connection, OptionalExtension, params};

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Snapshot {
    /// Invoices issued and not yet paid (due or past due): count and total.
    pub receivable_count: i64,
    pub receivable_minor: i64,
    /// The past-due part of it.
    pub overdue_count: i64,
    pub overdue_minor: i64,
    /// Consumables at or below their reorder level: (name, unit, on hand, reorder level).
    pub low_stock: Vec<(String, String, i64, i64)>,
    /// Kits waiting for stock.
    pub short_kits: i64,
}

pub fn snapshot(conn: &Connection) -> rusqlite::Result<Snapshot> {
    let mut s = Snapshot::default();
    let mut stmt = conn.prepare_cached(
        "SELECT status, COUNT(*), SUM(total_minor) FROM invoices
         WHERE status IN ('due', 'past_due') GROUP BY status",
    )?;
    for row in stmt.query_map([], |r| {
        Ok((
            r.get::<_, String>(0)?,
            r.get::<_, i64>(1)?,
            r.get::<_, i64>(2)?,
        ))
    })? {
        let (status, count, total) = row?;
        s.receivable_count += count;
        s.receivable_minor += total;
        if status == "past_due" {
            (s.overdue_count, s.overdue_minor) = (count, total);
        }
    }
    s.low_stock = conn
        .prepare_cached(
            "SELECT name, unit, on_hand, reorder_level FROM consumables
             WHERE on_hand <= reorder_level ORDER BY on_hand - reorder_level, name",
        )?
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)))?
        .collect::<Result<_, _>>()?;
    s.short_kits = conn.query_row(
        "SELECT COUNT(*) FROM packs WHERE status = 'short'",
        [],
        |r| r.get(0),
    )?;
    Ok(s)
}

/// One policy version's funnel: candidates who applied in the period, judged (or to be
/// judged) by that version.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct FunnelRow {
    /// `None`: no policy has judged them and none is active.
    pub version: Option<i64>,
    pub applied: i64,
    pub tested: i64,
    pub decided: i64,
    pub hired: i64,
}

/// Candidates who applied in `[start, end)`: each counts under the version of the policy
/// that last decided on them, or the active one while undecided. Tested means a test was
/// handed in; decided means a policy ranked them; hired is the decision's outcome.
pub fn hiring_funnel(
    conn: &Connection,
    start: DateTime<Utc>,
    end: DateTime<Utc>,
) -> rusqlite::Result<Vec<FunnelRow>> {
    let active: Option<i64> = conn
        .query_row(
            "SELECT version FROM screening_policies WHERE status = 'active'",
            [],
            |r| r.get(0),
        )
        .optional()?;
    let mut stmt = conn.prepare_cached(
        "SELECT EXISTS (SELECT 1 FROM test_assignments a WHERE a.candidate_id = c.id
                         AND a.status IN ('submitted', 'graded')),
                d.version, d.hired
         FROM candidates c
         LEFT JOIN (SELECT hd.candidate_id, p.version, hd.hired,
                           ROW_NUMBER() OVER (PARTITION BY hd.candidate_id ORDER BY hd.id DESC) AS n
                    FROM hiring_decisions hd JOIN screening_policies p ON p.id = hd.policy_id) d
               ON d.candidate_id = c.id AND d.n = 1
         WHERE c.applied_at >= ?1 AND c.applied_at < ?2",
    )?;
    let mut rows: BTreeMap<Option<i64>, FunnelRow> = BTreeMap::new();
    for row in stmt.query_map(params![start, end], |r| {
        Ok((
            r.get::<_, bool>(0)?,
            r.get::<_, Option<i64>>(1)?,
            r.get::<_, Option<bool>>(2)?,
        ))
    })? {
        let (tested, decided_by, hired) = row?;
        let version = decided_by.or(active);
        let entry = rows.entry(version).or_insert_with(|| FunnelRow {
            version,
            ..FunnelRow::default()
        });
        entry.applied += 1;
        entry.tested += i64::from(tested);
        entry.decided += i64::from(decided_by.is_some());
        entry.hired += i64::from(hired == Some(true));
    }
    Ok(rows.into_values().collect())
}

/// All versions together: the funnel chart's four bars.
pub fn funnel_total(rows: &[FunnelRow]) -> FunnelRow {
    rows.iter().fold(FunnelRow::default(), |mut t, r| {
        t.applied += r.applied;
        t.tested += r.tested;
        t.decided += r.decided;
        t.hired += r.hired;
        t
    })
}
