//! The archives managers look back at: each day's closing balances (billing's
//! `daily_balances`) and what the jobs used from stock (supply's `consumption_lines`),
//! grouped by consumable, service or worker.

use chrono::{DateTime, NaiveDate, Utc};
use rusqlite::{Connection, params};

use crate::i18n::Lang;

/// One day's closing balances, each a positive amount in minor units.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DayBalances {
    pub day: NaiveDate,
    pub clients_owe: i64,
    pub clients_credit: i64,
    pub workers_owed: i64,
    pub income: i64,
    pub gateway: i64,
}

/// The snapshots of the days `from..=to` that have one, oldest first.
pub fn balances(
    conn: &Connection,
    from: NaiveDate,
    to: NaiveDate,
) -> rusqlite::Result<Vec<DayBalances>> {
    let mut stmt = conn.prepare_cached(
        "SELECT day, clients_owe_minor, clients_credit_minor, workers_owed_minor, income_minor,
                gateway_minor
         FROM daily_balances WHERE day >= ?1 AND day <= ?2 ORDER BY day",
    )?;
    stmt.query_map(params![from.to_string(), to.to_string()], |r| {
        let day: String = r.get("day")?;
        Ok(DayBalances {
            day: NaiveDate::parse_from_str(&day, "%Y-%m-%d").map_err(|e| {
                rusqlite::Error::FromSqlConversionFailure(
                    0,
                    rusqlite::types::Type::Text,
                    Box::new(e),
                )
            })?,
            clients_owe: r.get("clients_owe_minor")?,
            clients_credit: r.get("clients_credit_minor")?,
            workers_owed: r.get("workers_owed_minor")?,
            income: r.get("income_minor")?,
            gateway: r.get("gateway_minor")?,
        })
    })?
    .collect()
}

/// How the consumption archive groups what was used.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum UsageBy {
    #[default]
    Consumable,
    Service,
    Worker,
}

impl UsageBy {
    pub const ALL: [UsageBy; 3] = [UsageBy::Consumable, UsageBy::Service, UsageBy::Worker];

    pub fn code(self) -> &'static str {
        match self {
            UsageBy::Consumable => "consumable",
            UsageBy::Service => "service",
            UsageBy::Worker => "worker",
        }
    }

    pub fn parse(s: &str) -> Option<UsageBy> {
        UsageBy::ALL.into_iter().find(|b| b.code() == s)
    }
}

/// One line of the archive: the group (a service or a worker; empty when grouping by
/// consumable), the consumable, its unit, how much was used and by how many jobs.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Usage {
    pub group: String,
    pub consumable: String,
    pub unit: String,
    pub used: i64,
    pub jobs: i64,
}

/// What the jobs used in `[start, end)`, grouped as asked, largest first within a group.
pub fn usage(
    conn: &Connection,
    by: UsageBy,
    lang: Lang,
    (start, end): (DateTime<Utc>, DateTime<Utc>),
) -> rusqlite::Result<Vec<Usage>> {
    let group = match (by, lang) {
        (UsageBy::Consumable, _) => "''",
        (UsageBy::Service, Lang::En) => "s.name_en",
        (UsageBy::Service, Lang::Ru) => "s.name_ru",
        (UsageBy::Worker, _) => "COALESCE(p.name, '—')",
    };
    let sql = format!(
        "SELECT {group} AS grp, l.consumable, l.unit, SUM(l.used) AS used,
                COUNT(DISTINCT l.order_id) AS jobs
         FROM consumption_lines l
         JOIN order_facts o ON o.id = l.order_id
         JOIN service_names s ON s.id = o.service_id
         LEFT JOIN people p ON p.id = o.worker_id
         WHERE l.created_at >= ?1 AND l.created_at < ?2
         GROUP BY grp, l.consumable_id
         HAVING SUM(l.used) <> 0
         ORDER BY grp, used DESC, l.consumable"
    );
    let mut stmt = conn.prepare_cached(&sql)?;
    stmt.query_map(params![start, end], |r| {
        Ok(Usage {
            group: r.get("grp")?,
            consumable: r.get("consumable")?,
            unit: r.get("unit")?,
            used: r.get("used")?,
            jobs: r.get("jobs")?,
        })
    })?
    .collect()
}
