//! The orders' side of the retention policy: marking report attachments and signature images
//! removed once their time is up, and blanking a closed client's details from their orders.

use chrono::{DateTime, Utc};
use rusqlite::{Connection, params};

/// Marks removed the attachments of reports on orders completed before `cutoff` (from the
/// client's sign-off, or the last change of an order completed without one); returns the
/// marked files' hashes.
pub fn mark_report_files_removed(
    tx: &Connection,
    cutoff: DateTime<Utc>,
    now: DateTime<Utc>,
) -> rusqlite::Result<Vec<String>> {
    let mut stmt = tx.prepare_cached(
        "UPDATE order_files SET removed_at = ?2
         WHERE removed_at IS NULL AND EXISTS (
             SELECT 1 FROM orders o LEFT JOIN order_signatures s ON s.order_id = o.id
             WHERE o.id = order_files.order_id AND o.status = 'completed'
               AND COALESCE(s.signed_at, o.updated_at) < ?1)
         RETURNING sha256",
    )?;
    stmt.query_map(params![cutoff, now], |r| r.get(0))?
        .collect()
}

/// Marks removed the images of signatures made before `cutoff`; returns their hashes.
pub fn mark_signature_images_removed(
    tx: &Connection,
    cutoff: DateTime<Utc>,
    now: DateTime<Utc>,
) -> rusqlite::Result<Vec<String>> {
    let mut stmt = tx.prepare_cached(
        "UPDATE order_signatures SET image_removed_at = ?2
         WHERE image_removed_at IS NULL AND signed_at < ?1
         RETURNING signature_sha256",
    )?;
    stmt.query_map(params![cutoff, now], |r| r.get(0))?
        .collect()
}

/// Replaces what a closed client wrote on their orders (address, notes, the name they
/// signed with, where they signed from) with `placeholder`; amounts and history stay.
pub fn anonymise_client(
    tx: &Connection,
    client_id: i64,
    placeholder: &str,
) -> rusqlite::Result<usize> {
    let orders = tx.execute(
        "UPDATE orders SET address_text = ?2, notes = '' WHERE client_id = ?1",
        params![client_id, placeholder],
    )?;
    tx.execute(
        "UPDATE order_signatures SET signed_name = ?2, ip = '', user_agent = '', comment = ''
         WHERE order_id IN (SELECT id FROM orders WHERE client_id = ?1)",
        params![client_id, placeholder],
    )?;
    Ok(orders)
}
