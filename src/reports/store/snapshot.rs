//! The dashboard's numbers that describe now rather than a period (receivables, overdue
//! invoices, stock at or below its reorder level, kits waiting short), and the hiring funnel
//! of the candidates who applied in a period, per screening-policy version. Read through
//! billing's, supply's and hiring's published views.

use crate::db::QueryRowCached;
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
    /// Consumables at or below their reorder level.
    pub low_stock: Vec<LowStock>,
    /// Kits waiting for stock.
    pub short_kits: i64,
}

/// A consumable at or below its reorder level.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LowStock {
    pub name: crate::i18n::Texts,
    pub unit: crate::i18n::Texts,
    pub on_hand: i64,
    pub reorder_level: i64,
}

pub fn snapshot(conn: &Connection) -> rusqlite::Result<Snapshot> {
    let mut s = Snapshot::default();
    (
        s.receivable_count,
        s.receivable_minor,
        s.overdue_count,
        s.overdue_minor,
    ) = conn
        .prepare_cached(
            "SELECT COUNT(*) AS n, COALESCE(SUM(total_minor), 0) AS total,
                COALESCE(SUM(status = 'past_due'), 0) AS overdue_n,
                COALESCE(SUM(CASE WHEN status = 'past_due' THEN total_minor END), 0)
                    AS overdue_total
         FROM invoice_facts WHERE status IN ('due', 'past_due')",
        )?
        .query_row([], |r| {
            Ok((
                r.get("n")?,
                r.get("total")?,
                r.get("overdue_n")?,
                r.get("overdue_total")?,
            ))
        })?;
    s.low_stock = conn
        .prepare_cached(
            "SELECT name, name_ru, unit, unit_ru, on_hand, reorder_level FROM stock_levels
             WHERE on_hand <= reorder_level ORDER BY on_hand - reorder_level, name",
        )?
        .query_map([], |r| {
            Ok(LowStock {
                name: crate::i18n::Texts::new(
                    r.get::<_, String>("name")?,
                    r.get::<_, String>("name_ru")?,
                ),
                unit: crate::i18n::Texts::new(
                    r.get::<_, String>("unit")?,
                    r.get::<_, String>("unit_ru")?,
                ),
                on_hand: r.get("on_hand")?,
                reorder_level: r.get("reorder_level")?,
            })
        })?
        .collect::<Result<_, _>>()?;
    s.short_kits = conn.query_row_cached(
        "SELECT COUNT(*) AS n FROM kit_facts WHERE status = 'short'",
        [],
        |r| r.get("n"),
    )?;
    Ok(s)
}

/// One policy version's funnel: the candidates who applied in the period and whom that
/// version decided (or, while undecided, whom the active version will judge).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct FunnelRow {
    /// `None`: no policy has judged them and none is active.
    pub version: Option<i64>,
    pub applied: i64,
    pub tested: i64,
    pub decided: i64,
    pub hired: i64,
}

/// The funnel per version, and all versions together with each candidate counted once.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct HiringFunnel {
    pub rows: Vec<FunnelRow>,
    pub total: FunnelRow,
}

/// Candidates who applied in `[start, end)`. A candidate counts once under every version that
/// decided on them (a re-decision under a newer policy adds them to its row and leaves them
/// in the older one), or under the active version while undecided. Tested means a test was
/// handed in; decided means the version ranked them; hired means it hired them.
pub fn hiring_funnel(
    conn: &Connection,
    start: DateTime<Utc>,
    end: DateTime<Utc>,
) -> rusqlite::Result<HiringFunnel> {
    let active: Option<i64> = conn
        .query_row(
            "SELECT version FROM screening_policy_versions WHERE status = 'active'",
            [],
            |r| r.get("version"),
        )
        .optional()?;
    // Two halves rather than a LEFT JOIN: SQLite cannot flatten the view on the right of a
    // LEFT JOIN and would read every decision ever made; this reads the period's candidates.
    let mut stmt = conn.prepare_cached(
        "SELECT c.id, c.handed_in_test, d.policy_version, MAX(d.hired) AS hired
         FROM candidate_facts c JOIN hiring_outcomes d ON d.candidate_id = c.id
         WHERE c.applied_at >= ?1 AND c.applied_at < ?2
         GROUP BY c.id, d.policy_version
         UNION ALL
         SELECT c.id, c.handed_in_test, NULL, NULL
         FROM candidate_facts c
         WHERE c.applied_at >= ?1 AND c.applied_at < ?2
           AND NOT EXISTS (SELECT 1 FROM hiring_outcomes d WHERE d.candidate_id = c.id)",
    )?;
    let mut rows: BTreeMap<Option<i64>, FunnelRow> = BTreeMap::new();
    // Per candidate for the total: (tested, decided by some version, hired by some version).
    let mut people: BTreeMap<i64, (bool, bool, bool)> = BTreeMap::new();
    let mut candidates = stmt.query(params![start, end])?;
    while let Some(r) = candidates.next()? {
        let id: i64 = r.get("id")?;
        let tested: bool = r.get("handed_in_test")?;
        let decided_by: Option<i64> = r.get("policy_version")?;
        let hired = r.get::<_, Option<bool>>("hired")? == Some(true);
        let version = decided_by.or(active);
        let entry = rows.entry(version).or_insert_with(|| FunnelRow {
            version,
            ..FunnelRow::default()
        });
        entry.applied += 1;
        entry.tested += i64::from(tested);
        entry.decided += i64::from(decided_by.is_some());
        entry.hired += i64::from(hired);
        let person = people.entry(id).or_default();
        *person = (tested, person.1 || decided_by.is_some(), person.2 || hired);
    }
    let total = people.values().fold(FunnelRow::default(), |mut t, p| {
        t.applied += 1;
        t.tested += i64::from(p.0);
        t.decided += i64::from(p.1);
        t.hired += i64::from(p.2);
        t
    });
    Ok(HiringFunnel {
        rows: rows.into_values().collect(),
        total,
    })
}
