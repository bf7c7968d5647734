//! Keeping the skills list: adding, renaming, retiring and restoring a skill, each audited. A
//! skill a service still needs is not retired: its orders would then match nobody.

use chrono::{DateTime, Utc};
use rusqlite::Connection;
use serde_json::json;

use crate::catalogue::model::skills::SkillNames;
use crate::catalogue::store::skills as store;
use crate::db::{Conn, write_tx};
use crate::error::AppError;

pub fn add(
    conn: &mut Conn,
    now: DateTime<Utc>,
    actor: i64,
    code: &str,
    names: &SkillNames,
) -> Result<i64, AppError> {
    write_tx(conn, |tx| -> Result<i64, AppError> {
        let id = store::insert(tx, code, names)?.ok_or(AppError::Refused("flash-skill-taken"))?;
        let details = json!({ "name_en": names.name_en, "name_ru": names.name_ru });
        crate::audit::record(
            tx,
            now,
            Some(actor),
            "skill.add",
            &format!("skill:{code}"),
            details,
        )?;
        Ok(id)
    })
}

pub fn rename(
    conn: &mut Conn,
    now: DateTime<Utc>,
    actor: i64,
    id: i64,
    names: &SkillNames,
) -> Result<(), AppError> {
    write_tx(conn, |tx| -> Result<(), AppError> {
        let skill = store::get(tx, id)?.ok_or(AppError::NotFound)?;
        let names = &names.clone().keeping_unused(&skill);
        store::rename(tx, id, names)?;
        let details = json!({
            "from_en": skill.name_en, "name_en": names.name_en,
            "from_ru": skill.name_ru, "name_ru": names.name_ru,
        });
        crate::audit::record(
            tx,
            now,
            Some(actor),
            "skill.rename",
            &format!("skill:{}", skill.code),
            details,
        )?;
        Ok(())
    })
}

/// Retires (`active` false) or restores a skill. Retiring one that a service needs is refused:
/// that service's skill is changed first.
pub fn set_active(
    conn: &mut Conn,
    now: DateTime<Utc>,
    actor: i64,
    id: i64,
    active: bool,
) -> Result<(), AppError> {
    write_tx(conn, |tx| -> Result<(), AppError> {
        let skill = store::get(tx, id)?.ok_or(AppError::NotFound)?;
        if !active && store::services_by_skill(tx)?.contains_key(&skill.code) {
            return Err(AppError::Refused("flash-skill-in-use"));
        }
        store::set_active(tx, id, active)?;
        let action = if active {
            "skill.restore"
        } else {
            "skill.retire"
        };
        crate::audit::record(
            tx,
            now,
            Some(actor),
            action,
            &format!("skill:{}", skill.code),
            json!({}),
        )?;
        Ok(())
    })
}

/// Whether a service may need `skill`: a listed skill that is not retired, or the one it
/// already needs (`current`).
pub fn service_may_need(
    conn: &Connection,
    skill: &str,
    current: Option<&str>,
) -> rusqlite::Result<bool> {
    let kept: Vec<String> = current.into_iter().map(str::to_string).collect();
    Ok(store::all(conn)?.choosable(skill, &kept))
}
