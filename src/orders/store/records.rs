//! SQL for what the work leaves behind: the worker's report, its files, and the client's
//! signature.

use crate::db::QueryRowCached;
use chrono::{DateTime, Utc};
use rusqlite::{Connection, OptionalExtension, params};
use serde::{Deserialize, Serialize};

/// One checklist line as reported: the text at the time and whether it was done.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CheckedItem {
    pub text_en: String,
    pub text_ru: String,
    pub done: bool,
}

#[derive(Debug, Clone)]
pub struct Report {
    pub note: String,
    pub checklist: Vec<CheckedItem>,
    /// When it arrived (the server's clock).
    pub submitted_at: DateTime<Utc>,
    /// When the worker finished it on the device (see `drafts::finished_at`).
    pub finished_at: DateTime<Utc>,
}

/// A report as the worker sent it: who, what, the device's draft id and finishing time.
pub struct NewReport<'a> {
    pub order_id: i64,
    pub worker_id: i64,
    pub note: &'a str,
    pub checklist: &'a [CheckedItem],
    pub draft_id: Option<&'a str>,
    pub finished_at: DateTime<Utc>,
}

pub fn insert_report(conn: &Connection, r: &NewReport, now: DateTime<Utc>) -> rusqlite::Result<()> {
    let json = serde_json::to_string(r.checklist).expect("checklist serialises");
    conn.execute(
        "INSERT INTO order_reports (order_id, worker_id, note, checklist_json, submitted_at, draft_id, finished_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
        params![r.order_id, r.worker_id, r.note, json, now, r.draft_id, r.finished_at],
    )?;
    Ok(())
}

/// The order whose report was made from this draft, if any.
pub fn draft_order(conn: &Connection, draft_id: &str) -> rusqlite::Result<Option<i64>> {
    conn.query_row_cached(
        "SELECT order_id FROM order_reports WHERE draft_id = ?1",
        [draft_id],
        |r| r.get("order_id"),
    )
    .optional()
}

pub fn report(conn: &Connection, order_id: i64) -> rusqlite::Result<Option<Report>> {
    conn.query_row_cached(
        "SELECT note, checklist_json, submitted_at, COALESCE(finished_at, submitted_at) AS finished_at
         FROM order_reports WHERE order_id = ?1",
        [order_id],
        |r| {
            let json: String = r.get("checklist_json")?;
            Ok(Report {
                note: r.get("note")?,
                checklist: serde_json::from_str(&json).unwrap_or_default(),
                submitted_at: r.get("submitted_at")?,
                finished_at: r.get("finished_at")?,
            })
        },
    )
    .optional()
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OrderFile {
    pub id: i64,
    pub sha256: String,
    pub file_name: String,
    pub content_type: String,
    pub size_bytes: i64,
    /// Removed under the retention policy: the row stays, the bytes are gone.
    pub removed: bool,
}

pub fn insert_file(
    conn: &Connection,
    order_id: i64,
    f: &OrderFile,
    uploaded_by: i64,
    now: DateTime<Utc>,
) -> rusqlite::Result<i64> {
    conn.execute(
        "INSERT INTO order_files (order_id, sha256, file_name, content_type, size_bytes, uploaded_by, uploaded_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
        params![order_id, f.sha256, f.file_name, f.content_type, f.size_bytes, uploaded_by, now],
    )?;
    Ok(conn.last_insert_rowid())
}

/// Whether a report file or a signature refers to the stored content with this hash.
pub fn file_referenced(conn: &Connection, sha256: &str) -> rusqlite::Result<bool> {
    conn.prepare_cached(
        "SELECT EXISTS (SELECT 1 FROM order_files WHERE sha256 = ?1 AND removed_at IS NULL)
             OR EXISTS (SELECT 1 FROM order_signatures
                        WHERE signature_sha256 = ?1 AND image_removed_at IS NULL) AS used",
    )?
    .query_row([sha256], |r| r.get("used"))
}

pub fn files(conn: &Connection, order_id: i64) -> rusqlite::Result<Vec<OrderFile>> {
    let mut stmt = conn.prepare_cached(
        "SELECT id, sha256, file_name, content_type, size_bytes, removed_at IS NOT NULL AS removed
         FROM order_files WHERE order_id = ?1 ORDER BY id",
    )?;
    stmt.query_map([order_id], |r| {
        Ok(OrderFile {
            id: r.get("id")?,
            sha256: r.get("sha256")?,
            file_name: r.get("file_name")?,
            content_type: r.get("content_type")?,
            size_bytes: r.get("size_bytes")?,
            removed: r.get("removed")?,
        })
    })?
    .collect()
}

#[derive(Debug, Clone)]
pub struct Signature {
    pub signed_name: String,
    pub signature_sha256: String,
    pub report_sha256: String,
    pub rating: i64,
    pub comment: String,
    pub signed_at: DateTime<Utc>,
    pub ip: String,
    pub user_agent: String,
    /// The image was removed under the retention policy; the record of the sign-off stays.
    pub image_removed: bool,
}

pub fn insert_signature(conn: &Connection, order_id: i64, s: &Signature) -> rusqlite::Result<()> {
    conn.execute(
        "INSERT INTO order_signatures (order_id, signed_name, signature_sha256, report_sha256, rating, comment, signed_at, ip, user_agent)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
        params![order_id, s.signed_name, s.signature_sha256, s.report_sha256, s.rating, s.comment, s.signed_at, s.ip, s.user_agent],
    )?;
    Ok(())
}

pub fn signature(conn: &Connection, order_id: i64) -> rusqlite::Result<Option<Signature>> {
    conn.query_row_cached(
        "SELECT signed_name, signature_sha256, report_sha256, rating, comment, signed_at, ip, user_agent,
                image_removed_at IS NOT NULL AS image_removed
         FROM order_signatures WHERE order_id = ?1",
        [order_id],
        |r| {
            Ok(Signature {
                signed_name: r.get("signed_name")?,
                signature_sha256: r.get("signature_sha256")?,
                report_sha256: r.get("report_sha256")?,
                rating: r.get("rating")?,
                comment: r.get("comment")?,
                signed_at: r.get("signed_at")?,
                ip: r.get("ip")?,
                user_agent: r.get("user_agent")?,
                image_removed: r.get("image_removed")?,
            })
        },
    )
    .optional()
}

/// SHA-256 of the report exactly as the client saw it: note, checklist and file hashes, in a
/// canonical JSON form. Stored with the signature so later changes would be detectable.
pub fn report_digest(order_id: i64, report: &Report, files: &[OrderFile]) -> String {
    use sha2::{Digest, Sha256};
    let canonical = serde_json::json!({
        "order": order_id,
        "note": report.note,
        "checklist": report.checklist,
        "files": files.iter().map(|f| &f.sha256).collect::<Vec<_>>(),
        "submitted_at": report.submitted_at.to_rfc3339(),
    });
    hex::encode(Sha256::digest(canonical.to_string().as_bytes()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_report_digest_changes_with_any_part_of_the_report() {
        let report = Report {
            note: "Done".into(),
            checklist: vec![CheckedItem {
                text_en: "Floors".into(),
                text_ru: "Полы".into(),
                done: true,
            }],
            submitted_at: Utc::now(),
            finished_at: Utc::now(),
        };
        let file = OrderFile {
            id: 1,
            sha256: "ab".into(),
            file_name: "a.png".into(),
            content_type: "image/png".into(),
            size_bytes: 3,
            removed: false,
        };
        let base = report_digest(7, &report, std::slice::from_ref(&file));
        assert_eq!(
            base,
            report_digest(7, &report, std::slice::from_ref(&file)),
            "stable"
        );
        let mut other = report.clone();
        other.checklist[0].done = false;
        assert_ne!(base, report_digest(7, &other, std::slice::from_ref(&file)));
        assert_ne!(base, report_digest(7, &report, &[]));
        assert_eq!(base.len(), 64);
    }
}
