//! SQL for the skills list, which services use each skill, and which services no worker on
//! duty can do (read through matching's `skill_coverage`).

use std::collections::HashMap;

use rusqlite::{Connection, OptionalExtension, Row, params};

use super::{SERVICE_COLUMNS, service_from_row};
use crate::catalogue::model::Service;
use crate::catalogue::model::skills::{Skill, SkillNames, Skills};
use crate::db::QueryRowCached;

fn skill_from_row(r: &Row) -> rusqlite::Result<Skill> {
    Ok(Skill {
        id: r.get("id")?,
        code: r.get("code")?,
        name_en: r.get("name_en")?,
        name_ru: r.get("name_ru")?,
        active: r.get("active")?,
    })
}

/// The whole list, active ones first, by English name.
pub fn all(conn: &Connection) -> rusqlite::Result<Skills> {
    let mut stmt = conn.prepare_cached(
        "SELECT id, code, name_en, name_ru, active FROM skills ORDER BY active DESC, name_en, code",
    )?;
    let list = stmt
        .query_map([], skill_from_row)?
        .collect::<Result<_, _>>()?;
    Ok(Skills(list))
}

pub fn get(conn: &Connection, id: i64) -> rusqlite::Result<Option<Skill>> {
    conn.query_row_cached(
        "SELECT id, code, name_en, name_ru, active FROM skills WHERE id = ?1",
        [id],
        skill_from_row,
    )
    .optional()
}

/// Lists a skill; `None` when the code is taken.
pub fn insert(conn: &Connection, code: &str, n: &SkillNames) -> rusqlite::Result<Option<i64>> {
    let added = conn.execute(
        "INSERT INTO skills (code, name_en, name_ru) VALUES (?1, ?2, ?3) ON CONFLICT (code) DO NOTHING",
        params![code, n.name_en, n.name_ru],
    )?;
    Ok((added == 1).then(|| conn.last_insert_rowid()))
}

pub fn rename(conn: &Connection, id: i64, n: &SkillNames) -> rusqlite::Result<usize> {
    conn.execute(
        "UPDATE skills SET name_en = ?2, name_ru = ?3 WHERE id = ?1",
        params![id, n.name_en, n.name_ru],
    )
}

pub fn set_active(conn: &Connection, id: i64, active: bool) -> rusqlite::Result<usize> {
    conn.execute(
        "UPDATE skills SET active = ?2 WHERE id = ?1",
        params![id, active],
    )
}

/// The services (active or not) that need each skill, by code.
pub fn services_by_skill(conn: &Connection) -> rusqlite::Result<HashMap<String, Vec<Service>>> {
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT {SERVICE_COLUMNS} FROM services ORDER BY active DESC, name_en"
    ))?;
    let mut by_skill: HashMap<String, Vec<Service>> = HashMap::new();
    for s in stmt.query_map([], service_from_row)? {
        let s = s?;
        by_skill.entry(s.skill.clone()).or_default().push(s);
    }
    Ok(by_skill)
}

/// How many active workers on duty hold each skill (skills nobody on duty holds are missing).
pub fn on_duty_counts(conn: &Connection) -> rusqlite::Result<HashMap<String, i64>> {
    let mut stmt = conn.prepare_cached("SELECT skill, on_duty_workers FROM skill_coverage")?;
    stmt.query_map([], |r| Ok((r.get("skill")?, r.get("on_duty_workers")?)))?
        .collect()
}

/// Active services whose skill no active worker on duty holds: orders for them wait for
/// nobody until someone with the skill comes on duty.
pub fn uncovered(conn: &Connection) -> rusqlite::Result<Vec<Service>> {
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT {SERVICE_COLUMNS} FROM services WHERE active = 1
           AND skill NOT IN (SELECT skill FROM skill_coverage)
         ORDER BY name_en"
    ))?;
    stmt.query_map([], service_from_row)?.collect()
}
