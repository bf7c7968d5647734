//! SQL for client addresses and preferences.

use crate::db::QueryRowCached;
use chrono::{DateTime, Utc};
use rusqlite::{Connection, OptionalExtension, params};

use super::model::WorkerPreference;

#[derive(Debug, Clone)]
pub struct Address {
    pub id: i64,
    pub label: String,
    pub address: String,
    pub access_notes: String,
    pub is_default: bool,
}

pub fn addresses(conn: &Connection, client_id: i64) -> rusqlite::Result<Vec<Address>> {
    let mut stmt = conn.prepare_cached(
        "SELECT id, label, address, access_notes, is_default FROM client_addresses
         WHERE client_id = ?1 AND active = 1 ORDER BY is_default DESC, id",
    )?;
    stmt.query_map([client_id], |r| {
        Ok(Address {
            id: r.get("id")?,
            label: r.get("label")?,
            address: r.get("address")?,
            access_notes: r.get("access_notes")?,
            is_default: r.get("is_default")?,
        })
    })?
    .collect()
}

/// An active address of this client (addresses of others do not exist for them).
pub fn address(conn: &Connection, client_id: i64, id: i64) -> rusqlite::Result<Option<Address>> {
    conn.query_row_cached(
        "SELECT id, label, address, access_notes, is_default FROM client_addresses
         WHERE id = ?1 AND client_id = ?2 AND active = 1",
        params![id, client_id],
        |r| {
            Ok(Address {
                id: r.get("id")?,
                label: r.get("label")?,
                address: r.get("address")?,
                access_notes: r.get("access_notes")?,
                is_default: r.get("is_default")?,
            })
        },
    )
    .optional()
}

/// Adds an address; the first one becomes the default.
pub fn insert_address(
    conn: &Connection,
    client_id: i64,
    label: &str,
    address: &str,
    access_notes: &str,
    now: DateTime<Utc>,
) -> rusqlite::Result<i64> {
    conn.execute(
        "INSERT INTO client_addresses (client_id, label, address, access_notes, is_default, created_at)
         VALUES (?1, ?2, ?3, ?4, NOT EXISTS (SELECT 1 FROM client_addresses WHERE client_id = ?1 AND active = 1), ?5)",
        params![client_id, label, address, access_notes, now],
    )?;
    Ok(conn.last_insert_rowid())
}

pub fn set_default(conn: &Connection, client_id: i64, id: i64) -> rusqlite::Result<bool> {
    if address(conn, client_id, id)?.is_none() {
        return Ok(false);
    }
    conn.execute(
        "UPDATE client_addresses SET is_default = 0 WHERE client_id = ?1 AND is_default = 1",
        [client_id],
    )?;
    conn.execute(
        "UPDATE client_addresses SET is_default = 1 WHERE id = ?1",
        [id],
    )?;
    Ok(true)
}

/// Hides an address (orders keep pointing at it); another one becomes the default.
pub fn remove_address(conn: &Connection, client_id: i64, id: i64) -> rusqlite::Result<bool> {
    let n = conn.execute(
        "UPDATE client_addresses SET active = 0, is_default = 0 WHERE id = ?1 AND client_id = ?2 AND active = 1",
        params![id, client_id],
    )?;
    conn.execute(
        "UPDATE client_addresses SET is_default = 1 WHERE id = (
             SELECT id FROM client_addresses WHERE client_id = ?1 AND active = 1 ORDER BY id LIMIT 1)
           AND NOT EXISTS (SELECT 1 FROM client_addresses WHERE client_id = ?1 AND active = 1 AND is_default = 1)",
        [client_id],
    )?;
    Ok(n == 1)
}

pub fn notes_for_workers(conn: &Connection, client_id: i64) -> rusqlite::Result<String> {
    Ok(conn
        .query_row(
            "SELECT notes_for_workers FROM client_preferences WHERE client_id = ?1",
            [client_id],
            |r| r.get("notes_for_workers"),
        )
        .optional()?
        .unwrap_or_default())
}

pub fn set_notes_for_workers(
    conn: &Connection,
    client_id: i64,
    notes: &str,
) -> rusqlite::Result<()> {
    conn.execute(
        "INSERT INTO client_preferences (client_id, notes_for_workers) VALUES (?1, ?2)
         ON CONFLICT (client_id) DO UPDATE SET notes_for_workers = excluded.notes_for_workers",
        params![client_id, notes],
    )?;
    Ok(())
}

/// The client's phone (`""` when none was given).
pub fn phone(conn: &Connection, client_id: i64) -> rusqlite::Result<String> {
    Ok(conn
        .query_row(
            "SELECT phone FROM client_preferences WHERE client_id = ?1",
            [client_id],
            |r| r.get("phone"),
        )
        .optional()?
        .unwrap_or_default())
}

pub fn set_phone(conn: &Connection, client_id: i64, phone: &str) -> rusqlite::Result<()> {
    conn.execute(
        "INSERT INTO client_preferences (client_id, phone) VALUES (?1, ?2)
         ON CONFLICT (client_id) DO UPDATE SET phone = excluded.phone",
        params![client_id, phone],
    )?;
    Ok(())
}

/// Workers who have served this client, with the client's preference for each.
pub fn known_workers(
    conn: &Connection,
    client_id: i64,
) -> rusqlite::Result<Vec<(i64, String, Option<WorkerPreference>)>> {
    let mut stmt = conn.prepare_cached(
        "SELECT u.id, u.name, p.kind FROM people u
         LEFT JOIN client_worker_preferences p ON p.worker_id = u.id AND p.client_id = ?1
         WHERE u.role = 'worker' AND (p.kind IS NOT NULL OR u.id IN (
             SELECT worker_id FROM order_facts WHERE client_id = ?1 AND worker_id IS NOT NULL))
         ORDER BY u.name",
    )?;
    stmt.query_map([client_id], |r| {
        Ok((r.get("id")?, r.get("name")?, r.get("kind")?))
    })?
    .collect()
}

/// Sets or clears (`None`) the client's preference for a worker who has served them.
pub fn set_worker_preference(
    conn: &Connection,
    client_id: i64,
    worker_id: i64,
    kind: Option<WorkerPreference>,
) -> rusqlite::Result<bool> {
    let known = known_workers(conn, client_id)?
        .iter()
        .any(|(id, _, _)| *id == worker_id);
    if !known {
        return Ok(false);
    }
    match kind {
        Some(kind) => conn.execute(
            "INSERT INTO client_worker_preferences (client_id, worker_id, kind) VALUES (?1, ?2, ?3)
             ON CONFLICT (client_id, worker_id) DO UPDATE SET kind = excluded.kind",
            params![client_id, worker_id, kind],
        )?,
        None => conn.execute(
            "DELETE FROM client_worker_preferences WHERE client_id = ?1 AND worker_id = ?2",
            params![client_id, worker_id],
        )?,
    };
    Ok(true)
}

// Read by matching.

/// The client's preferences per worker: `favourite` or `blocked`.
pub fn worker_preferences(
    conn: &Connection,
    client_id: i64,
) -> rusqlite::Result<std::collections::HashMap<i64, String>> {
    let mut stmt = conn.prepare_cached(
        "SELECT worker_id, kind FROM client_worker_preferences WHERE client_id = ?1",
    )?;
    stmt.query_map([client_id], |r| Ok((r.get("worker_id")?, r.get("kind")?)))?
        .collect()
}

/// Replaces a closed client's addresses, access notes, phone and notes for workers with
/// `placeholder` (the address rows stay: orders point at them).
pub fn anonymise(tx: &Connection, client_id: i64, placeholder: &str) -> rusqlite::Result<()> {
    tx.execute(
        "UPDATE client_addresses SET label = ?2, address = ?2, access_notes = '' WHERE client_id = ?1",
        params![client_id, placeholder],
    )?;
    tx.execute(
        "UPDATE client_preferences SET phone = '', notes_for_workers = '' WHERE client_id = ?1",
        [client_id],
    )?;
    Ok(())
}
