//! Daily rollups: what one business day's raw rows add up to (`compute_day`), the job that
//! keeps `report_days` equal to that for every day whose rows changed (`refresh`), and the
//! reader that sums a period from the rollups, computing the still-changing days live. The
//! raw rows are read through the owners' published views (`order_facts`, `order_history`,
//! `order_ratings`, `ledger_postings`, `ledger_lines`, `qc_scores`).

use crate::db::QueryRowCached;
use std::collections::{BTreeSet, HashMap};

use chrono::{Duration, NaiveDate};
use chrono_tz::Tz;
use rusqlite::{Connection, OptionalExtension, params};

use crate::calendar::{business_day, day_start};
use crate::db::{WriteAccess, write_tx};
use crate::reports::model::period::Period;
use crate::reports::model::sums::{DAILY_METRICS, PeriodSums, Sums, add, minutes_bucket};

/// Every UTC date with raw rows a rollup reads (the same list the migration's triggers watch).
const RAW_UTC_DAYS: &str = "SELECT substr(created_at, 1, 10) AS utc_day FROM order_facts
     UNION SELECT substr(created_at, 1, 10) FROM ledger_postings
     UNION SELECT substr(signed_at, 1, 10) FROM order_ratings
     UNION SELECT substr(reviewed_at, 1, 10) FROM qc_scores WHERE reviewed_at IS NOT NULL";

/// Days rolled up per transaction, so a rebuild of years never holds the write lock long.
const BATCH_DAYS: i64 = 32;

/// Recomputes one business day from the raw rows.
pub fn compute_day(conn: &Connection, tz: Tz, day: NaiveDate) -> rusqlite::Result<Sums> {
    let (start, end) = (day_start(tz, day), day_start(tz, day + Duration::days(1)));
    let mut sums = Sums::new();
    let mut stmt = conn.prepare_cached(
        "SELECT status, COUNT(*) AS n FROM order_facts
         WHERE created_at >= ?1 AND created_at < ?2
         GROUP BY status",
    )?;
    let mut rows = stmt.query(params![start, end])?;
    while let Some(r) = rows.next()? {
        add(
            &mut sums,
            "orders",
            r.get::<_, String>("status")?,
            r.get("n")?,
        );
    }
    // Seconds from placing an order to its first assignment and to its completion.
    let mut stmt = conn.prepare_cached(
        "SELECT unixepoch(o.created_at) AS placed,
                (SELECT unixepoch(MIN(e.at)) FROM order_history e
                  WHERE e.order_id = o.id AND e.to_status = 'assigned') AS matched,
                CASE WHEN o.status = 'completed' THEN
                    (SELECT unixepoch(MIN(e.at)) FROM order_history e
                      WHERE e.order_id = o.id AND e.to_status = 'completed') END AS completed
         FROM order_facts o WHERE o.created_at >= ?1 AND o.created_at < ?2",
    )?;
    let mut rows = stmt.query(params![start, end])?;
    while let Some(r) = rows.next()? {
        let placed: i64 = r.get("placed")?;
        if let Some(at) = r.get::<_, Option<i64>>("matched")? {
            let bucket = minutes_bucket((at - placed) / 60);
            add(&mut sums, "match_min", bucket.to_string(), 1);
        }
        if let Some(at) = r.get::<_, Option<i64>>("completed")? {
            let bucket = minutes_bucket((at - placed) / 60);
            add(&mut sums, "complete_min", bucket.to_string(), 1);
        }
    }
    let mut stmt = conn.prepare_cached(
        "SELECT t.kind,
                CASE WHEN e.account LIKE 'client:%' THEN 'client'
                     WHEN e.account LIKE 'worker:%' THEN 'worker'
                     ELSE e.account END AS side,
                SUM(e.amount_minor) AS total
         FROM ledger_postings t JOIN ledger_lines e ON e.transaction_id = t.id
         WHERE t.created_at >= ?1 AND t.created_at < ?2
         GROUP BY 1, 2",
    )?;
    let mut rows = stmt.query(params![start, end])?;
    while let Some(r) = rows.next()? {
        let (kind, side): (String, String) = (r.get("kind")?, r.get("side")?);
        add(
            &mut sums,
            "ledger",
            format!("{kind}:{side}"),
            r.get("total")?,
        );
    }
    let (count, sum) = count_and_sum(
        conn,
        "SELECT COUNT(*) AS n, COALESCE(SUM(rating), 0) AS total FROM order_ratings
         WHERE signed_at >= ?1 AND signed_at < ?2",
        (start, end),
    )?;
    add(&mut sums, "rating", "count", count);
    add(&mut sums, "rating", "sum", sum);
    let (count, sum) = count_and_sum(
        conn,
        "SELECT COUNT(*) AS n, COALESCE(SUM(score), 0) AS total FROM qc_scores
         WHERE reviewed_at >= ?1 AND reviewed_at < ?2",
        (start, end),
    )?;
    add(&mut sums, "qc", "count", count);
    add(&mut sums, "qc", "sum", sum);
    Ok(sums)
}

/// A query's `n` and `total` over `[start, end)`.
fn count_and_sum(
    conn: &Connection,
    sql: &str,
    (start, end): (chrono::DateTime<chrono::Utc>, chrono::DateTime<chrono::Utc>),
) -> rusqlite::Result<(i64, i64)> {
    conn.prepare_cached(sql)?
        .query_row(params![start, end], |r| Ok((r.get("n")?, r.get("total")?)))
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
    conn.query_row_cached("SELECT time_zone FROM report_meta WHERE id = 1", [], |r| {
        r.get("time_zone")
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
    for utc_day in stmt.query_map([], |r| r.get::<_, String>("utc_day"))? {
        if let Ok(d) = NaiveDate::parse_from_str(&utc_day?, "%Y-%m-%d") {
            days.extend(business_days_of(tz, d));
        }
    }
    Ok(Some(days))
}

/// Brings `report_days` up to date: every business day touched by a dirty UTC date is
/// recomputed and its marker cleared, in batches, each one transaction. A change of business
/// time zone rebuilds everything. Returns the business days recomputed.
pub fn refresh<W: WriteAccess + ?Sized>(conn: &mut W, tz: Tz) -> rusqlite::Result<usize> {
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
                .prepare_cached("SELECT utc_day FROM report_dirty_days ORDER BY utc_day LIMIT ?1")?
                .query_map([BATCH_DAYS], |r| r.get("utc_day"))?
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
            out.merge_day(day, &sums);
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

fn read_rollups(
    conn: &Connection,
    from: NaiveDate,
    to: NaiveDate,
    out: &mut PeriodSums,
) -> rusqlite::Result<()> {
    let (from, to) = (from.to_string(), to.to_string());
    // Summed here rather than with GROUP BY: a plain range scan of the primary key is several
    // times faster than SQLite sorting a year of rows (measured on five years of history).
    // Columns by position in this loop over up to a year of rows: (metric, key, value).
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
    let mut stmt = conn.prepare_cached(
        "SELECT day, metric, key, value FROM report_days
         WHERE day BETWEEN ?1 AND ?2 AND metric IN (?3, ?4)",
    )?;
    let [first, second] = DAILY_METRICS;
    let mut rows = stmt.query(params![from, to, first, second])?;
    while let Some(r) = rows.next()? {
        let day: String = r.get("day")?;
        if let Ok(day) = NaiveDate::parse_from_str(&day, "%Y-%m-%d") {
            out.daily
                .entry(day)
                .or_default()
                .insert((r.get("metric")?, r.get("key")?), r.get("value")?);
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
    let mut stmt = conn.prepare_cached("SELECT DISTINCT day FROM report_days")?;
    for day in stmt.query_map([], |r| r.get::<_, String>("day"))? {
        let day = day?;
        match NaiveDate::parse_from_str(&day, "%Y-%m-%d") {
            Ok(d) => {
                days.insert(d);
            }
            Err(_) => problems.push(format!("report_days has a malformed day `{day}`")),
        }
    }
    let mut stmt = conn.prepare_cached(RAW_UTC_DAYS)?;
    for utc_day in stmt.query_map([], |r| r.get::<_, String>("utc_day"))? {
        if let Ok(d) = NaiveDate::parse_from_str(&utc_day?, "%Y-%m-%d") {
            days.extend(business_days_of(tz, d));
        }
    }
    for d in days.into_iter().filter(|d| !stale.contains(d)) {
        if stored_day(conn, d)? != compute_day(conn, tz, d)? {
            problems.push(format!(
                "report_days for {d} differ from a recomputation from the raw rows"
            ));
        }
    }
    Ok(problems)
}

/// One day's rollup as stored.
fn stored_day(conn: &Connection, day: NaiveDate) -> rusqlite::Result<Sums> {
    let mut stored = Sums::new();
    let mut stmt =
        conn.prepare_cached("SELECT metric, key, value FROM report_days WHERE day = ?1")?;
    let mut rows = stmt.query([day.to_string()])?;
    while let Some(r) = rows.next()? {
        stored.insert((r.get("metric")?, r.get("key")?), r.get("value")?);
    }
    Ok(stored)
}
