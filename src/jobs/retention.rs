//! The daily retention pass: report attachments and signature images past the business's
//! limits are marked removed, accounts closed longer than theirs are anonymised, and the
//! counts go to the audit log — all in one transaction with the day's row, so a pass cut
//! short left nothing and simply runs again. The stored bytes are removed after the commit;
//! bytes a crash left behind are unreferenced, so the file janitor takes them.

use std::collections::BTreeSet;

use chrono::{DateTime, Duration, Utc};
use rusqlite::{Connection, params};
use serde_json::json;

use crate::config::business::Retention;
use crate::state::AppState;

/// What one pass removed.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct RetentionReport {
    pub photos: usize,
    pub signatures: usize,
    pub accounts: usize,
    /// Stored files deleted after the commit.
    pub files_deleted: usize,
}

/// Runs today's pass unless it ran already or the business keeps everything. Blocking.
pub fn run_due(state: &AppState) -> anyhow::Result<RetentionReport> {
    let retention = state.settings().business.retention;
    let keeps_all = Retention {
        report_photos_days: None,
        signatures_days: None,
        closed_accounts_days: None,
    };
    if retention == keeps_all {
        return Ok(RetentionReport::default());
    }
    let now = state.clock.now();
    let day = now.date_naive().to_string();
    let mut conn = state.pool.get()?;
    if ran_on(&conn, &day)? {
        return Ok(RetentionReport::default());
    }
    let (mut report, hashes) = crate::db::write_tx(&mut conn, |tx| pass(tx, retention, &day, now))?;
    report.files_deleted = crate::orders::service::janitor::remove_released(
        &conn,
        &state.settings().data_dir,
        &hashes,
    )?;
    if report != RetentionReport::default() {
        tracing::info!(?report, "retention pass removed personal data");
    }
    Ok(report)
}

fn ran_on(conn: &Connection, day: &str) -> rusqlite::Result<bool> {
    conn.query_row(
        "SELECT EXISTS (SELECT 1 FROM retention_passes WHERE day = ?1)",
        [day],
        |r| r.get(0),
    )
}

fn cutoff(now: DateTime<Utc>, days: i64) -> DateTime<Utc> {
    now - Duration::days(days)
}

/// The pass itself, inside one transaction; returns the counts and the hashes released.
fn pass(
    tx: &Connection,
    retention: Retention,
    day: &str,
    now: DateTime<Utc>,
) -> rusqlite::Result<(RetentionReport, Vec<String>)> {
    use crate::orders::store::retention as orders;
    let mut report = RetentionReport::default();
    let mut hashes = BTreeSet::new();
    if let Some(days) = retention.report_photos_days {
        let marked = orders::mark_report_files_removed(tx, cutoff(now, days), now)?;
        report.photos = marked.len();
        hashes.extend(marked);
    }
    if let Some(days) = retention.signatures_days {
        let marked = orders::mark_signature_images_removed(tx, cutoff(now, days), now)?;
        report.signatures = marked.len();
        hashes.extend(marked);
    }
    if let Some(days) = retention.closed_accounts_days {
        for id in crate::auth::store::closed_accounts_due(tx, cutoff(now, days))? {
            if anonymise(tx, id, days, now)? {
                report.accounts += 1;
            }
        }
    }
    if report.photos + report.signatures + report.accounts > 0 {
        crate::audit::record(
            tx,
            now,
            None,
            "retention.pass",
            "retention",
            json!({
                "report_photos": report.photos,
                "signatures": report.signatures,
                "accounts": report.accounts,
            }),
        )?;
    }
    tx.execute(
        "INSERT INTO retention_passes (day, photos, signatures, accounts, ran_at)
         VALUES (?1, ?2, ?3, ?4, ?5)",
        params![
            day,
            report.photos as i64,
            report.signatures as i64,
            report.accounts as i64,
            now
        ],
    )?;
    Ok((report, hashes.into_iter().collect()))
}

/// One closed account, across the contexts that hold its personal data. Ledger rows,
/// invoices, payouts, orders' amounts and history stay as they are.
fn anonymise(tx: &Connection, id: i64, days: i64, now: DateTime<Utc>) -> rusqlite::Result<bool> {
    if !crate::auth::store::anonymise(tx, id, now)? {
        return Ok(false);
    }
    let placeholder = crate::auth::store::former_user_name(id);
    crate::profile::store::anonymise(tx, id, &placeholder)?;
    crate::orders::store::retention::anonymise_client(tx, id, &placeholder)?;
    crate::billing::store::cards::forget(tx, id, now)?;
    crate::hiring::store::anonymise_candidate(tx, id)?;
    crate::audit::record(
        tx,
        now,
        None,
        "user.anonymise",
        &format!("user:{id}"),
        json!({ "closed_for_days": days }),
    )?;
    Ok(true)
}
