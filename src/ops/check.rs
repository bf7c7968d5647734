//! `check`: verifies the database's invariants and names each broken one. Later contexts add
//! theirs (ledger balance, stock, one invoice per client-week, …).

use crate::db::QueryRowCached;
use std::path::Path;

use rusqlite::{Connection, OpenFlags};

use crate::db::{db_path, missing_migrations};

/// Every broken invariant, described for an operator; empty when all is well.
pub fn check(data_dir: &Path) -> anyhow::Result<Vec<String>> {
    check_under(
        data_dir,
        &crate::config::Settings::defaults(data_dir).orders,
    )
}

/// `check` with the order rules the business runs under (when reminders are due).
pub fn check_under(
    data_dir: &Path,
    rules: &crate::config::OrderRules,
) -> anyhow::Result<Vec<String>> {
    let path = db_path(data_dir);
    if !path.exists() {
        return Ok(vec![format!("database: no file at {}", path.display())]);
    }
    let conn = Connection::open_with_flags(&path, OpenFlags::SQLITE_OPEN_READ_ONLY)?;
    let mut problems = Vec::new();
    problems.extend(integrity(&conn)?);
    problems.extend(foreign_keys(&conn)?);
    problems.extend(migrations(&conn)?);
    if problems.iter().any(|p| p.starts_with("migrations:")) {
        // The contexts' checks read tables that may not exist yet.
        return Ok(problems);
    }
    problems.extend(sessions_of_inactive_users(&conn)?);
    problems.extend(dangling_references(&conn)?);
    problems.extend(anonymised_accounts(&conn)?);
    problems.extend(crate::orders::store::invariants::problems(&conn)?);
    problems.extend(crate::orders::store::invariants::withdrawals(&conn)?);
    problems.extend(crate::bets::store::problems(&conn)?);
    problems.extend(crate::supply::store::invariants::problems(&conn)?);
    problems.extend(crate::billing::ledger::problems(&conn)?);
    problems.extend(crate::billing::postings::problems(&conn)?);
    problems.extend(crate::billing::invariants::problems(&conn)?);
    problems.extend(crate::quality::store::invariants::problems(&conn)?);
    problems.extend(crate::reports::store::rollup::mismatches(&conn)?);
    problems.extend(crate::hiring::store::invariants::problems(&conn)?);
    problems.extend(crate::experiments::store::invariants::problems(&conn)?);
    problems.extend(crate::schedule::store::reminders::problems(&conn, rules)?);
    problems.extend(series_visits(&conn)?);
    Ok(problems)
}

/// `check` plus asking the configured gateway whether every paid invoice was charged
/// exactly once there.
pub fn check_with_gateway(settings: &crate::config::Settings) -> anyhow::Result<Vec<String>> {
    let mut problems = check_under(&settings.data_dir, &settings.orders)?;
    if problems
        .iter()
        .any(|p| p.starts_with("migrations:") || p.starts_with("database:"))
    {
        return Ok(problems);
    }
    // Lookups only, and the simulator's journal is read, never created: check changes
    // nothing in the folder it checks.
    let gateway = crate::billing::service::gateway::for_lookups(
        settings.billing.golden_hat_url.as_deref(),
        settings.billing.golden_hat_timeout,
        &settings.data_dir.join("golden-hat-sim.jsonl"),
    );
    let conn = Connection::open_with_flags(
        db_path(&settings.data_dir),
        OpenFlags::SQLITE_OPEN_READ_ONLY,
    )?;
    problems.extend(crate::billing::invariants::gateway_problems(
        &conn, &gateway,
    )?);
    Ok(problems)
}

fn integrity(conn: &Connection) -> rusqlite::Result<Vec<String>> {
    let mut stmt = conn.prepare_cached("PRAGMA integrity_check")?;
    let rows: Vec<String> = stmt
        .query_map([], |r| r.get(0))?
        .collect::<Result<_, _>>()?;
    Ok(rows
        .into_iter()
        .filter(|r| r != "ok")
        .map(|r| format!("integrity_check: {r}"))
        .collect())
}

fn foreign_keys(conn: &Connection) -> rusqlite::Result<Vec<String>> {
    let mut stmt = conn.prepare_cached("PRAGMA foreign_key_check")?;
    let rows = stmt.query_map([], |r| {
        let table: String = r.get("table")?;
        let rowid: Option<i64> = r.get("rowid")?;
        let parent: String = r.get("parent")?;
        Ok(format!(
            "foreign_key_check: {table} row {} points to a missing {parent} row",
            rowid.map(|id| id.to_string()).unwrap_or_else(|| "?".into())
        ))
    })?;
    rows.collect()
}

fn migrations(conn: &Connection) -> rusqlite::Result<Vec<String>> {
    let has_table: bool = conn.query_row_cached(
        "SELECT EXISTS (SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'schema_migrations')",
        [],
        |r| r.get(0),
    )?;
    if !has_table {
        return Ok(vec![
            "migrations: none applied (run `whiskerworks migrate`)".into(),
        ]);
    }
    Ok(missing_migrations(conn)?
        .into_iter()
        .map(|m| format!("migrations: {m} not applied"))
        .collect())
}

/// Deactivation must end every session of the user.
fn sessions_of_inactive_users(conn: &Connection) -> rusqlite::Result<Vec<String>> {
    let mut stmt = conn.prepare_cached(
        "SELECT DISTINCT u.email FROM sessions s JOIN users u ON u.id = s.user_id WHERE u.active = 0",
    )?;
    let rows = stmt.query_map([], |r| {
        let email: String = r.get(0)?;
        Ok(format!(
            "sessions: deactivated user {email} still has a session"
        ))
    })?;
    rows.collect()
}

/// Ledger rows and audit entries name people and orders by id in text (`client:42`,
/// `order:7`, `user:3`), which no foreign key guards: after the retention policy anonymised
/// accounts, every one must still name a row that exists.
fn dangling_references(conn: &Connection) -> rusqlite::Result<Vec<String>> {
    let mut problems = Vec::new();
    let named = |prefix: &str, table: &str| {
        format!(
            "CAST(substr({{col}}, {len}) AS INTEGER) NOT IN (SELECT id FROM {table}) AND {{col}} LIKE '{prefix}:%'",
            len = prefix.len() + 2
        )
    };
    let queries = [
        (
            "ledger entry account",
            "SELECT DISTINCT account FROM ledger_entries WHERE {c}",
            "account",
            [("client", "users"), ("worker", "users")].as_slice(),
        ),
        (
            "ledger transaction reference",
            "SELECT DISTINCT reference FROM ledger_transactions WHERE {c}",
            "reference",
            [
                ("client", "users"),
                ("worker", "users"),
                ("order", "orders"),
            ]
            .as_slice(),
        ),
        (
            "audit entry subject",
            "SELECT DISTINCT subject FROM audit_log WHERE {c}",
            "subject",
            [("user", "users"), ("order", "orders")].as_slice(),
        ),
    ];
    for (what, sql, col, kinds) in queries {
        let condition = kinds
            .iter()
            .map(|(prefix, table)| format!("({})", named(prefix, table).replace("{col}", col)))
            .collect::<Vec<_>>()
            .join(" OR ");
        let mut stmt = conn.prepare(&sql.replace("{c}", &condition))?;
        let rows = stmt.query_map([], |r| r.get::<_, String>(0))?;
        for name in rows {
            problems.push(format!("references: {what} `{}` names nothing", name?));
        }
    }
    Ok(problems)
}

/// An anonymised account keeps no way in and no contact details.
fn anonymised_accounts(conn: &Connection) -> rusqlite::Result<Vec<String>> {
    let mut stmt = conn.prepare_cached(
        "SELECT u.id FROM users u WHERE u.anonymised_at IS NOT NULL AND (
             u.email NOT LIKE '%.invalid' OR u.password_hash != '!'
             OR EXISTS (SELECT 1 FROM sessions s WHERE s.user_id = u.id)
             OR EXISTS (SELECT 1 FROM trusted_devices d WHERE d.user_id = u.id)
             OR EXISTS (SELECT 1 FROM calendar_feeds f WHERE f.user_id = u.id)
             OR EXISTS (SELECT 1 FROM payment_cards c WHERE c.user_id = u.id AND c.token != '')
             OR EXISTS (SELECT 1 FROM client_addresses a WHERE a.client_id = u.id AND a.address != u.name))",
    )?;
    let rows = stmt.query_map([], |r| {
        let id: i64 = r.get(0)?;
        Ok(format!(
            "retention: anonymised user {id} still has personal data or a way in"
        ))
    })?;
    rows.collect()
}

/// Each visit of a series is one order: none on a skipped date, one per series date (the
/// index holds that; this says so if it was ever dropped), and no two live visits of a
/// series on one local day.
fn series_visits(conn: &Connection) -> rusqlite::Result<Vec<String>> {
    let mut problems = Vec::new();
    let mut stmt = conn.prepare(
        "SELECT o.id, o.series_id, o.series_on FROM orders o JOIN order_series_changes c
           ON c.series_id = o.series_id AND c.on_date = o.series_on AND c.moved_to IS NULL",
    )?;
    for row in stmt.query_map([], |r| {
        Ok((
            r.get::<_, i64>(0)?,
            r.get::<_, i64>(1)?,
            r.get::<_, String>(2)?,
        ))
    })? {
        let (id, series, on) = row?;
        problems.push(format!(
            "series: order {id} is a visit of series {series} on {on}, which was skipped"
        ));
    }
    let mut stmt = conn.prepare(
        "SELECT series_id, series_on, COUNT(*) FROM orders WHERE series_id IS NOT NULL
         GROUP BY series_id, series_on HAVING COUNT(*) > 1",
    )?;
    for row in stmt.query_map([], |r| {
        Ok((
            r.get::<_, i64>(0)?,
            r.get::<_, String>(1)?,
            r.get::<_, i64>(2)?,
        ))
    })? {
        let (series, on, n) = row?;
        problems.push(format!(
            "series: series {series} has {n} orders for its visit on {on}"
        ));
    }
    // The business day is the rollups' time zone (the one the app runs in), else the stored one.
    let tz: chrono_tz::Tz = conn
        .query_row(
            "SELECT time_zone FROM report_meta UNION ALL
             SELECT value FROM app_settings WHERE key = 'time_zone' LIMIT 1",
            [],
            |r| r.get::<_, String>(0),
        )
        .ok()
        .and_then(|z| z.parse().ok())
        .unwrap_or(chrono_tz::UTC);
    let mut stmt = conn.prepare(
        "SELECT series_id, scheduled_at FROM orders
         WHERE series_id IS NOT NULL AND status <> 'cancelled' ORDER BY series_id, scheduled_at",
    )?;
    let mut seen = std::collections::BTreeSet::new();
    for row in stmt.query_map([], |r| {
        Ok((
            r.get::<_, i64>(0)?,
            r.get::<_, chrono::DateTime<chrono::Utc>>(1)?,
        ))
    })? {
        let (series, at) = row?;
        let day = at.with_timezone(&tz).date_naive();
        if !seen.insert((series, day)) {
            problems.push(format!("series: series {series} has two visits on {day}"));
        }
    }
    Ok(problems)
}
