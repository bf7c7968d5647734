//! The admin area's own use case: a worker's skills, chosen from the skills list (checked,
//! saved through matching, audited).

use chrono::{DateTime, Utc};

use crate::auth::store as users;
use crate::db::Conn;
use crate::error::AppError;
use crate::identity::Role;

pub mod settings;

/// The skills ticked on the user page (the field repeats, one per skill).
pub fn skills_from_form(body: &[u8]) -> Result<Vec<String>, AppError> {
    let pairs: Vec<(String, String)> =
        serde_urlencoded::from_bytes(body).map_err(|_| AppError::BadRequest)?;
    let mut skills: Vec<String> = pairs
        .into_iter()
        .filter(|(k, _)| k == "skills")
        .map(|(_, v)| v)
        .collect();
    skills.sort();
    skills.dedup();
    Ok(skills)
}

/// Replaces a worker's skills with `skills`, each from the list: a retired one only if the
/// worker already holds it. Anyone but a worker is a bad request.
pub fn set_skills(
    conn: &mut Conn,
    now: DateTime<Utc>,
    actor: i64,
    id: i64,
    skills: &[String],
) -> Result<(), AppError> {
    crate::db::write_tx(conn, |tx| -> Result<(), AppError> {
        let user = users::user_by_id(tx, id)?.ok_or(AppError::NotFound)?;
        if user.role != Role::Worker {
            return Err(AppError::BadRequest);
        }
        let held = crate::matching::store::availability::availability(tx, id)?.skills;
        let list = crate::catalogue::store::skills::all(tx)?;
        if !skills.iter().all(|s| list.choosable(s, &held)) {
            return Err(AppError::Refused("flash-skills-unknown"));
        }
        crate::matching::store::availability::set_skills(tx, id, skills)?;
        crate::audit::record(
            tx,
            now,
            Some(actor),
            "user.skills",
            &format!("user:{id}"),
            serde_json::json!({ "skills": skills }),
        )?;
        Ok(())
    })
}
