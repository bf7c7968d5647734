//! Daily rollups: what one business day's raw rows add up to (`compute_day`), the job that
//! keeps `report_days` equal to that for every day whose rows changed (`refresh`), and the
//! reader that sums a period from the rollups, computing the still-changing days live.

use std::collections::{BTreeMap, BTreeSet, HashMap};

use chrono::{Duration, NaiveDate};
use chrono_tz::Tz;
use rusqlite::{Connection, params};

use super::period::{Period, business_day, day_start};
use crate::db::write_tx;

/// `(metric, key)` → value. Metrics: `orders` (key: status), `match_min` and `complete_min`
/// (key: minutes bucket, value: orders), `ledger` (key: `kind:side`, value: sum of
/// entries), `rating` and `qc` (keys `sum` and `count`).
pub type Sums = BTreeMap<(String, String), i64>;

/// Metrics the charts need day by day; the rest are only ever summed over the period.
const DAILY_METRICS: &str = "('orders', 'ledger')";

/// Every UTC date with raw rows a rollup reads (the same list the migration's triggers watch).
const RAW_UTC_DAYS: &str = "SELECT substr(created_at, 1, 10) FROM orders
     UNION SELECT substr(created_at, 1, 10) FROM ledger_transactions
     UNION SELECT substr(signed_at, 1, 10) FROM order_signatures
     UNION SELECT substr(reviewed_at, 1, 10) FROM qc_reviews WHERE reviewed_at IS NOT NULL";

/// Days rolled up per transaction, so a rebuild of years never holds the write lock long.
const BATCH_DAYS: usize = 32;

/// The histogram bucket of a duration: exact below two hours, then to the quarter hour
/// below a day, the hour below a week, and the day beyond. Bounds the rows a day adds while
/// keeping the medians managers look at (minutes to hours) exact.
pub fn minutes_bucket(minutes: i64) -> i64 {
    let m = minutes.max(0);
    match m {
        0..120 => m,
        120..1440 => m - m % 15,
        1440..10080 => m - m % 60,
        _ => m - m % 1440,
    }
}

fn add(sums: &mut Sums, metric: &str, key: impl Into<String>, value: i64) {
    if value != 0 {
        *sums.entry((metric.to_string(), key.into())).or_insert(0) += value;
    }
}

/// Recomputes one business day from the raw rows.
pub fn compute_day(conn: &Connection, tz: Tz, day: NaiveDate) -> rusqlite::Result<Sums> {
    let (start, end) = (day_start(tz, day), day_start(tz, day + Duration::days(1)));
    let mut sums = Sums::new();
    let mut stmt = conn.prepare_cached(
        "SELECT status, COUNT(*) FROM orders WHERE created_at >= ?1 AND created_at < ?2
         GROUP BY status",
    )?;
    for row in stmt.query_map(params![start, end], |r| {
        Ok((r.get::<_, String>(0)?, r.get::<_, i64>(1)?))
    })? {
        let (status, n) = row?;
        add(&mut sums, "orders", status, n);
    }
    // Seconds from placing an order to its first assignment and to its completion.
    let mut stmt = conn.prepare_cached(
        "SELECT unixepoch(o.created_at),
                (SELECT unixepoch(MIN(e.at)) FROM order_events e
                  WHERE e.order_id = o.id AND e.to_status = 'assigned'),
                CASE WHEN o.status = 'completed' THEN
                    (SELECT unixepoch(MIN(e.at)) FROM order_events e
                      WHERE e.order_id = o.id AND e.to_status = 'completed') END
         FROM orders o WHERE o.created_at >= ?1 AND o.created_at < ?2",
    )?;
    for row in stmt.query_map(params![start, end], |r| {
        Ok((
            r.get::<_, i64>(0)?,
            r.get::<_, Option<i64>>(1)?,
            r.get::<_, Option<i64>>(2)?,
        ))
    })? {
        let (placed, matched, completed) = row?;
        if let Some(at) = matched {
            add(
                &mut sums,
                "match_min",
                minutes_bucket((at - placed) / 60).to_string(),
                1,
            );
        }
        if let Some(at) = completed {
            add(
                &mut sums,
                "complete_min",
                minutes_bucket((at - placed) / 60).to_string(),
                1,
            );
        }
    }
    let mut stmt = conn.prepare_cached(
        "SELECT t.kind,
                CASE WHEN e.account LIKE 'client:%' THEN 'client'
                     WHEN e.account LIKE 'worker:%' THEN 'worker'
                     ELSE e.account END,
                SUM(e.amount_minor)
         FROM ledger_transactions t JOIN ledger_entries e ON e.transaction_id = t.id
         WHERE t.created_at >= ?1 AND t.created_at < ?2
         GROUP BY 1, 2",
    )?;
    for row in stmt.query_map(params![start, end], |r| {
        Ok((
            r.get::<_, String>(0)?,
            r.get::<_, String>(1)?,
            r.get::<_, i64>(2)?,
        ))
    })? {
        let (kind, side, sum) = row?;
        add(&mut sums, "ledger", format!("{kind}:{side}"), sum);
    }
    let (count, sum): (i64, i64) = conn
        .prepare_cached(
            "SELECT COUNT(*), COALESCE(SUM(rating), 0) FROM order_signatures
         WHERE signed_at >= ?1 AND signed_at < ?2",
        )?
        .query_row(params![start, end], |r| Ok((r.get(0)?, r.get(1)?)))?;
    add(&mut sums, "rating", "count", count);
    add(&mut sums, "rating", "sum", sum);
    let (count, sum): (i64, i64) = conn
        .prepare_cached(
            "SELECT COUNT(*), COALESCE(SUM(score), 0) FROM qc_reviews
         WHERE status = 'done' AND reviewed_at >= ?1 AND reviewed_at < ?2",
        )?
        .query_row(params![start, end], |r| Ok((r.get(0)?, r.get(1)?)))?;
    add(&mut sums, "qc", "count", count);
    add(&mut sums, "qc", "sum", sum);
    Ok(sums)
}

/// The business days a UTC date overlaps (one or two).
fn business_days_of(tz: Tz, utc_day: NaiveDate) -> [NaiveDate; 2] {
    let start = utc_day.and_hms_opt(0, 0, 0).expect("midnight").and_utc();
    [
        business_day(tz, start),
        business_day(tz, start + Duration::days(1) - Duration::seconds(1)),
    ]
}

fn stored_zone(conn: &Connection) -> rusqlite::Result<Option<String>> {
    use rusqlite::OptionalExtension;
    conn.query_row("SELECT time_zone FROM report_meta WHERE id = 1", [], |r| {
        r.get(0)
    })
    .optional()
}

/// Business days whose rollup is stale: every day a dirty UTC date touches. `None` when the
/// rollups were computed in another time zone, so none of them can be used yet.
pub fn stale_days(conn: &Connection, tz: Tz) -> rusqlite::Result<Option<BTreeSet<NaiveDate>>> {
    if stored_zone(conn)?.as_deref() != Some(tz.name()) {
        return Ok(None);
    }
    let mut stmt = conn.prepare_cached("SELECT utc_day FROM report_dirty_days")?;
    let mut days = BTreeSet::new();
    for utc_day in stmt.query_map([], |r| r.get::<_, String>(0))? {
        if let Ok(d) = NaiveDate::parse_from_str(&utc_day?, "%Y-%m-%d") {
            days.extend(business_days_of(tz, d));
        }
    }
    Ok(Some(days))
}

/// Brings `report_days` up to date: every business day touched by a dirty UTC date is
/// recomputed and its marker cleared, in batches, each one transaction. A change of business
/// time zone rebuilds everything. Returns the business days recomputed.
pub fn refresh(conn: &mut Connection, tz: Tz) -> rusqlite::Result<usize> {
    write_tx(conn, |tx| {
        if stored_zone(tx)?.as_deref() != Some(tz.name()) {
            tx.execute_batch(&format!(
                "DELETE FROM report_days;
                     INSERT OR IGNORE INTO report_dirty_days (utc_day) {RAW_UTC_DAYS};"
            ))?;
            tx.execute(
                "INSERT INTO report_meta (id, time_zone) VALUES (1, ?1)
                 ON CONFLICT (id) DO UPDATE SET time_zone = excluded.time_zone",
                [tz.name()],
            )?;
        }
        Ok::<_, rusqlite::Error>(())
    })?;
    let mut recomputed = 0;
    loop {
        let done = write_tx(conn, |tx| {
            let utc_days: Vec<String> = tx
                .prepare("SELECT utc_day FROM report_dirty_days ORDER BY utc_day LIMIT ?1")?
                .query_map([BATCH_DAYS as i64], |r| r.get(0))?
                .collect::<Result<_, _>>()?;
            let mut days = BTreeSet::new();
            for utc_day in &utc_days {
                if let Ok(d) = NaiveDate::parse_from_str(utc_day, "%Y-%m-%d") {
                    days.extend(business_days_of(tz, d));
                }
                tx.execute(
                    "DELETE FROM report_dirty_days WHERE utc_day = ?1",
                    [utc_day],
                )?;
            }
            for day in &days {
                store_day(tx, *day, &compute_day(tx, tz, *day)?)?;
            }
            Ok::<_, rusqlite::Error>(days.len())
        })?;
        if done == 0 {
            return Ok(recomputed);
        }
        recomputed += done;
    }
}

fn store_day(conn: &Connection, day: NaiveDate, sums: &Sums) -> rusqlite::Result<()> {
    let day = day.to_string();
    conn.execute("DELETE FROM report_days WHERE day = ?1", [&day])?;
    let mut insert = conn.prepare_cached(
        "INSERT INTO report_days (day, metric, key, value) VALUES (?1, ?2, ?3, ?4)",
    )?;
    for ((metric, key), value) in sums {
        insert.execute(params![day, metric, key, value])?;
    }
    Ok(())
}

/// What a period adds up to, and the daily series the charts draw.
#[derive(Debug, Default, Clone, PartialEq)]
pub struct PeriodSums {
    pub totals: Sums,
    pub daily: BTreeMap<NaiveDate, Sums>,
}

/// Sums `period` from the rollups, computing live the days whose rollup is stale (today, and
/// anything changed since the job last ran), so the numbers are always current.
pub fn read(conn: &Connection, tz: Tz, period: &Period) -> rusqlite::Result<PeriodSums> {
    let stale = stale_days(conn, tz)?;
    let is_stale = |d: &NaiveDate| stale.as_ref().is_none_or(|s| s.contains(d));
    let mut out = PeriodSums::default();
    // Runs of fresh days are read from the rollups; stale days are computed one by one.
    let mut run_start: Option<NaiveDate> = None;
    let mut day = period.from;
    while day <= period.to {
        if is_stale(&day) {
            if let Some(from) = run_start.take() {
                read_rollups(conn, from, day - Duration::days(1), &mut out)?;
            }
            let sums = compute_day(conn, tz, day)?;
            merge_day(&mut out, day, &sums);
        } else if run_start.is_none() {
            run_start = Some(day);
        }
        day += Duration::days(1);
    }
    if let Some(from) = run_start {
        read_rollups(conn, from, period.to, &mut out)?;
    }
    Ok(out)
}

fn merge_day(out: &mut PeriodSums, day: NaiveDate, sums: &Sums) {
    for ((metric, key), value) in sums {
        *out.totals.entry((metric.clone(), key.clone())).or_insert(0) += value;
        if metric == "orders" || metric == "ledger" {
            out.daily
                .entry(day)
                .or_default()
                .insert((metric.clone(), key.clone()), *value);
        }
    }
}

fn read_rollups(
    conn: &Connection,
    from: NaiveDate,
    to: NaiveDate,
    out: &mut PeriodSums,
) -> rusqlite::Result<()> {
    let (from, to) = (from.to_string(), to.to_string());
    // Summed here rather than with GROUP BY: a plain range scan of the primary key is several
    // times faster than SQLite sorting a year of rows (measured on five years of history).
    let mut sums: HashMap<String, HashMap<String, i64>> = HashMap::new();
    let mut stmt = conn
        .prepare_cached("SELECT metric, key, value FROM report_days WHERE day BETWEEN ?1 AND ?2")?;
    let mut rows = stmt.query([&from, &to])?;
    while let Some(r) = rows.next()? {
        let (metric, key) = (r.get_ref(0)?.as_str()?, r.get_ref(1)?.as_str()?);
        let value: i64 = r.get(2)?;
        let by_key = match sums.get_mut(metric) {
            Some(m) => m,
            None => sums.entry(metric.to_string()).or_default(),
        };
        match by_key.get_mut(key) {
            Some(v) => *v += value,
            None => {
                by_key.insert(key.to_string(), value);
            }
        }
    }
    for (metric, by_key) in sums {
        for (key, value) in by_key {
            *out.totals.entry((metric.clone(), key)).or_insert(0) += value;
        }
    }
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT day, metric, key, value FROM report_days
         WHERE day BETWEEN ?1 AND ?2 AND metric IN {DAILY_METRICS}"
    ))?;
    for row in stmt.query_map([&from, &to], |r| {
        Ok((
            r.get::<_, String>(0)?,
            r.get::<_, String>(1)?,
            r.get::<_, String>(2)?,
            r.get::<_, i64>(3)?,
        ))
    })? {
        let (day, metric, key, value) = row?;
        if let Ok(day) = NaiveDate::parse_from_str(&day, "%Y-%m-%d") {
            out.daily
                .entry(day)
                .or_default()
                .insert((metric, key), value);
        }
    }
    Ok(())
}

/// Fresh rollup days that no longer equal a recomputation from the raw rows (for `check`).
pub fn mismatches(conn: &Connection) -> rusqlite::Result<Vec<String>> {
    let Some(zone) = stored_zone(conn)? else {
        return Ok(Vec::new());
    };
    let Ok(tz) = zone.parse::<Tz>() else {
        return Ok(vec![format!(
            "report_meta names an unknown time zone `{zone}`"
        )]);
    };
    let stale = stale_days(conn, tz)?.unwrap_or_default();
    // Every day with a rollup, and every day with raw rows (a missing rollup is a mismatch).
    let mut days = BTreeSet::new();
    let mut problems = Vec::new();
    let mut stmt = conn.prepare("SELECT DISTINCT day FROM report_days")?;
    for day in stmt.query_map([], |r| r.get::<_, String>(0))? {
        let day = day?;
        match NaiveDate::parse_from_str(&day, "%Y-%m-%d") {
            Ok(d) => {
                days.insert(d);
            }
            Err(_) => problems.push(format!("report_days has a malformed day `{day}`")),
        }
    }
    let mut stmt = conn.prepare(RAW_UTC_DAYS)?;
    for utc_day in stmt.query_map([], |r| r.get::<_, String>(0))? {
        if let Ok(d) = NaiveDate::parse_from_str(&utc_day?, "%Y-%m-%d") {
            days.extend(business_days_of(tz, d));
        }
    }
    for d in days.into_iter().filter(|d| !stale.contains(d)) {
        let day = d.to_string();
        let mut stored = Sums::new();
        let mut stmt =
            conn.prepare_cached("SELECT metric, key, value FROM report_days WHERE day = ?1")?;
        for row in stmt.query_map([&day], |r| {
            Ok((
                r.get::<_, String>(0)?,
                r.get::<_, String>(1)?,
                r.get::<_, i64>(2)?,
            ))
        })? {
            let (metric, key, value) = row?;
            stored.insert((metric, key), value);
        }
        if stored != compute_day(conn, tz, d)? {
            problems.push(format!(
                "report_days for {day} differ from a recomputation from the raw rows"
            ));
        }
    }
    Ok(problems)
}
