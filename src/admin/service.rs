//! The admin area's own use case: a worker's skills (checked, saved through matching, audited).

use chrono::{DateTime, Utc};

use crate::auth::store as users;
use crate::db::Conn;
use crate::error::AppError;
use crate::identity::Role;

/// Skills from a comma-separated list: lower-cased, at most 30 of at most 40 characters of
/// letters, digits and dashes; `None` when the list breaks those rules.
pub fn parse_skills(list: &str) -> Option<Vec<String>> {
    let skills: Vec<String> = list
        .split(',')
        .map(|s| s.trim().to_lowercase())
        .filter(|s| !s.is_empty())
        .collect();
    let valid = skills.len() <= 30
        && skills.iter().all(|s| {
            s.len() <= 40
                && s.chars()
                    .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
        });
    valid.then_some(skills)
}

/// Replaces a worker's skills; anyone else is a bad request.
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
