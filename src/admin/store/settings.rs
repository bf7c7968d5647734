//! The business settings the admin saved: the value of each key now, the numbered versions
//! of every save, and what a change would touch (ledger postings, upcoming orders, people
//! and content per language, read through the owners' published views).

use std::collections::BTreeMap;

use chrono::{DateTime, Utc};
use rusqlite::{Connection, OptionalExtension, params};

use crate::db::QueryRowCached;
use crate::i18n::Lang;

/// One save: its number, who saved, what changed (`{key: [old, new]}`) and when.
pub struct Version {
    pub version: i64,
    pub actor: Option<String>,
    pub changes: BTreeMap<String, (String, String)>,
    pub at: DateTime<Utc>,
}

/// Stores the new values of `changes` (key → (old, new)) as one new version, which lists
/// `listed` (the changes and what was saved with them elsewhere); returns its number.
pub fn save(
    tx: &Connection,
    changes: &BTreeMap<String, (String, String)>,
    listed: &BTreeMap<String, (String, String)>,
    actor_id: i64,
    now: DateTime<Utc>,
) -> rusqlite::Result<i64> {
    let json = serde_json::to_string(listed).expect("strings serialise");
    tx.execute(
        "INSERT INTO app_settings_versions (actor_id, changes_json, created_at) VALUES (?1, ?2, ?3)",
        params![actor_id, json, now],
    )?;
    let version = tx.last_insert_rowid();
    for (key, (_, new)) in changes {
        tx.execute(
            "INSERT INTO app_settings (key, value, version, updated_at) VALUES (?1, ?2, ?3, ?4)
             ON CONFLICT (key) DO UPDATE SET value = excluded.value, version = excluded.version,
                                            updated_at = excluded.updated_at",
            params![key, new, version, now],
        )?;
    }
    Ok(version)
}

/// The latest `limit` versions, newest first.
pub fn versions(conn: &Connection, limit: i64) -> rusqlite::Result<Vec<Version>> {
    let mut stmt = conn.prepare_cached(
        "SELECT v.version, p.name AS actor, v.changes_json, v.created_at
         FROM app_settings_versions v LEFT JOIN people p ON p.id = v.actor_id
         ORDER BY v.version DESC LIMIT ?1",
    )?;
    let rows = stmt.query_map([limit], |r| {
        let json: String = r.get("changes_json")?;
        Ok(Version {
            version: r.get("version")?,
            actor: r.get("actor")?,
            changes: serde_json::from_str(&json).unwrap_or_default(),
            at: r.get("created_at")?,
        })
    })?;
    rows.collect()
}

/// Whether anything was ever posted to the ledger (the currency is fixed from then on).
pub fn ledger_posted(conn: &Connection) -> rusqlite::Result<bool> {
    conn.query_row_cached(
        "SELECT EXISTS (SELECT 1 FROM ledger_postings) AS posted",
        [],
        |r| r.get("posted"),
    )
}

/// Orders not yet finished whose slot is still ahead: a time zone change moves their local
/// times (their moment stays).
pub fn upcoming_orders(conn: &Connection, now: DateTime<Utc>) -> rusqlite::Result<i64> {
    conn.query_row_cached(
        "SELECT COUNT(*) AS n FROM order_facts
         WHERE scheduled_at > ?1 AND status NOT IN ('completed', 'cancelled')",
        [now],
        |r| r.get("n"),
    )
}

/// Active people whose language is `code`.
pub fn people_speaking(conn: &Connection, code: &str) -> rusqlite::Result<i64> {
    conn.query_row_cached(
        "SELECT COUNT(*) AS n FROM people WHERE active = 1 AND language = ?1",
        [code],
        |r| r.get("n"),
    )
}

/// The first thing the business wrote only in `lang` (in the catalogue, the stock or the
/// screening tests), which would be left without a text if the language went.
pub fn written_only_in(conn: &Connection, lang: Lang) -> rusqlite::Result<Option<String>> {
    if let Some(found) = crate::catalogue::store::written_only_in(conn, lang)? {
        return Ok(Some(found));
    }
    // Consumables keep their English name in the unsuffixed column.
    let (own, other) = match lang {
        Lang::En => ("name", "name_ru"),
        Lang::Ru => ("name_ru", "name"),
    };
    let consumable = conn
        .query_row(
            &format!("SELECT {own} FROM stock_levels WHERE {own} <> '' AND {other} = '' LIMIT 1"),
            [],
            |r| r.get(0),
        )
        .optional()?;
    if consumable.is_some() {
        return Ok(consumable);
    }
    crate::hiring::store::screening_tests::titled_only_in(conn, lang)
}
