//! SQL for services, their options and checklist items.

pub mod skills;

use crate::db::QueryRowCached;
use chrono::{DateTime, Utc};
use rusqlite::{Connection, OptionalExtension, Row, params};

use super::model::{ChecklistItem, Service, ServiceInput, ServiceOption};

pub(crate) const SERVICE_COLUMNS: &str = "id, code, name_en, name_ru, description_en, description_ru, duration_minutes, base_price_minor, skill, active";

pub(crate) fn service_from_row(r: &Row) -> rusqlite::Result<Service> {
    Ok(Service {
        id: r.get("id")?,
        code: r.get("code")?,
        name_en: r.get("name_en")?,
        name_ru: r.get("name_ru")?,
        description_en: r.get("description_en")?,
        description_ru: r.get("description_ru")?,
        duration_minutes: r.get("duration_minutes")?,
        base_price_minor: r.get("base_price_minor")?,
        skill: r.get("skill")?,
        active: r.get("active")?,
    })
}

pub fn services(conn: &Connection, active_only: bool) -> rusqlite::Result<Vec<Service>> {
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT {SERVICE_COLUMNS} FROM services WHERE active = 1 OR ?1 = 0 ORDER BY active DESC, name_en"
    ))?;
    stmt.query_map([active_only], service_from_row)?.collect()
}

pub fn service(conn: &Connection, id: i64) -> rusqlite::Result<Option<Service>> {
    conn.query_row_cached(
        &format!("SELECT {SERVICE_COLUMNS} FROM services WHERE id = ?1"),
        [id],
        service_from_row,
    )
    .optional()
}

/// Inserts a service; `None` when the code is taken.
pub fn insert_service(
    conn: &Connection,
    s: &ServiceInput,
    now: DateTime<Utc>,
) -> rusqlite::Result<Option<i64>> {
    let n = conn.execute(
        "INSERT INTO services (code, name_en, name_ru, description_en, description_ru, duration_minutes,
             base_price_minor, skill, created_at, updated_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?9) ON CONFLICT (code) DO NOTHING",
        params![s.code, s.name_en, s.name_ru, s.description_en, s.description_ru, s.duration_minutes, s.base_price_minor, s.skill, now],
    )?;
    Ok((n == 1).then(|| conn.last_insert_rowid()))
}

/// Updates a service; false when the new code belongs to another service.
pub fn update_service(
    conn: &Connection,
    id: i64,
    s: &ServiceInput,
    now: DateTime<Utc>,
) -> rusqlite::Result<bool> {
    let taken: bool = conn.query_row_cached(
        "SELECT EXISTS (SELECT 1 FROM services WHERE code = ?1 AND id <> ?2)",
        params![s.code, id],
        |r| r.get(0),
    )?;
    if taken {
        return Ok(false);
    }
    conn.execute(
        "UPDATE services SET code = ?2, name_en = ?3, name_ru = ?4, description_en = ?5, description_ru = ?6,
             duration_minutes = ?7, base_price_minor = ?8, skill = ?9, updated_at = ?10 WHERE id = ?1",
        params![id, s.code, s.name_en, s.name_ru, s.description_en, s.description_ru, s.duration_minutes, s.base_price_minor, s.skill, now],
    )?;
    Ok(true)
}

pub fn set_service_active(conn: &Connection, id: i64, active: bool) -> rusqlite::Result<usize> {
    conn.execute(
        "UPDATE services SET active = ?2 WHERE id = ?1",
        params![id, active],
    )
}

pub fn options(
    conn: &Connection,
    service_id: i64,
    active_only: bool,
) -> rusqlite::Result<Vec<ServiceOption>> {
    let mut stmt = conn.prepare_cached(
        "SELECT id, service_id, name_en, name_ru, price_minor, active FROM service_options
         WHERE service_id = ?1 AND (active = 1 OR ?2 = 0) ORDER BY id",
    )?;
    stmt.query_map(params![service_id, active_only], |r| {
        Ok(ServiceOption {
            id: r.get("id")?,
            service_id: r.get("service_id")?,
            name_en: r.get("name_en")?,
            name_ru: r.get("name_ru")?,
            price_minor: r.get("price_minor")?,
            active: r.get("active")?,
        })
    })?
    .collect()
}

pub fn insert_option(
    conn: &Connection,
    service_id: i64,
    name_en: &str,
    name_ru: &str,
    price_minor: i64,
) -> rusqlite::Result<i64> {
    conn.execute(
        "INSERT INTO service_options (service_id, name_en, name_ru, price_minor) VALUES (?1, ?2, ?3, ?4)",
        params![service_id, name_en, name_ru, price_minor],
    )?;
    Ok(conn.last_insert_rowid())
}

pub fn set_option_active(
    conn: &Connection,
    service_id: i64,
    option_id: i64,
    active: bool,
) -> rusqlite::Result<usize> {
    conn.execute(
        "UPDATE service_options SET active = ?3 WHERE id = ?2 AND service_id = ?1",
        params![service_id, option_id, active],
    )
}

pub fn checklist(conn: &Connection, service_id: i64) -> rusqlite::Result<Vec<ChecklistItem>> {
    let mut stmt = conn.prepare_cached(
        "SELECT id, service_id, position, text_en, text_ru FROM service_checklist_items
         WHERE service_id = ?1 AND active = 1 ORDER BY position, id",
    )?;
    stmt.query_map([service_id], |r| {
        Ok(ChecklistItem {
            id: r.get("id")?,
            service_id: r.get("service_id")?,
            position: r.get("position")?,
            text_en: r.get("text_en")?,
            text_ru: r.get("text_ru")?,
        })
    })?
    .collect()
}

pub fn insert_checklist_item(
    conn: &Connection,
    service_id: i64,
    text_en: &str,
    text_ru: &str,
) -> rusqlite::Result<i64> {
    conn.execute(
        "INSERT INTO service_checklist_items (service_id, position, text_en, text_ru)
         VALUES (?1, (SELECT COALESCE(MAX(position), 0) + 1 FROM service_checklist_items WHERE service_id = ?1), ?2, ?3)",
        params![service_id, text_en, text_ru],
    )?;
    Ok(conn.last_insert_rowid())
}

pub fn remove_checklist_item(
    conn: &Connection,
    service_id: i64,
    item_id: i64,
) -> rusqlite::Result<usize> {
    conn.execute(
        "UPDATE service_checklist_items SET active = 0 WHERE id = ?2 AND service_id = ?1",
        params![service_id, item_id],
    )
}

/// The first name or text the catalogue holds only in `lang` (a service, option, checklist
/// item or skill), which would be left without a text if the business dropped the language.
pub fn written_only_in(
    conn: &Connection,
    lang: crate::i18n::Lang,
) -> rusqlite::Result<Option<String>> {
    let (own, other) = match lang {
        crate::i18n::Lang::En => ("en", "ru"),
        crate::i18n::Lang::Ru => ("ru", "en"),
    };
    for (table, column) in [
        ("services", "name"),
        ("service_options", "name"),
        ("service_checklist_items", "text"),
        ("skills", "name"),
    ] {
        let found = conn
            .query_row(
                &format!(
                    "SELECT {column}_{own} FROM {table}
                     WHERE {column}_{own} <> '' AND {column}_{other} = '' LIMIT 1"
                ),
                [],
                |r| r.get(0),
            )
            .optional()?;
        if found.is_some() {
            return Ok(found);
        }
    }
    Ok(None)
}
