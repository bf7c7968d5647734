//! Calendar feed links: who may have one (workers for their jobs, managers and admins for
//! all jobs), making, renewing and revoking it, and finding whose a presented token is. The
//! token is a bearer secret in a URL a calendar app polls, so it is stored only hashed and
//! never logged.

use chrono::{DateTime, Utc};
use rusqlite::Connection;

use crate::auth::model::Role;
use crate::auth::model::tokens::{hash_token, random_token};
use crate::auth::store;
use crate::db::{Conn, write_tx};
use crate::error::AppError;

/// Whether people of this role get a feed (clients get one `.ics` per order instead).
pub fn may_have_feed(role: Role) -> bool {
    matches!(role, Role::Worker | Role::Manager | Role::Admin)
}

/// Makes a new feed link for the person, replacing any earlier one. Returns the token,
/// which exists nowhere else afterwards: the page shows it once.
pub fn renew(
    conn: &mut Conn,
    user_id: i64,
    role: Role,
    now: DateTime<Utc>,
) -> Result<String, AppError> {
    if !may_have_feed(role) {
        return Err(AppError::NotFound);
    }
    let token = random_token();
    let hash = hash_token(&token);
    write_tx(conn, |tx| store::replace_feed(tx, user_id, &hash, now))?;
    tracing::info!(user_id, "calendar feed link made");
    Ok(token)
}

/// Ends the person's feed link: its URL answers 404 from now on.
pub fn revoke(conn: &mut Conn, user_id: i64) -> Result<bool, AppError> {
    let removed = write_tx(conn, |tx| store::delete_feed(tx, user_id))?;
    tracing::info!(user_id, removed, "calendar feed link revoked");
    Ok(removed)
}

/// When the person's current link was made, if there is one.
pub fn created(conn: &Connection, user_id: i64) -> Result<Option<DateTime<Utc>>, AppError> {
    Ok(store::feed_created(conn, user_id)?)
}

/// The active person (and their role) a presented token belongs to. Anything that is not
/// a token of ours is simply nobody's.
pub fn owner(conn: &Connection, token: &str) -> Result<Option<(i64, Role)>, AppError> {
    if token.len() != 64 || !token.bytes().all(|b| b.is_ascii_hexdigit()) {
        return Ok(None);
    }
    let found = store::feed_owner(conn, &hash_token(token))?;
    Ok(found.filter(|(_, role)| may_have_feed(*role)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn workers_and_staff_get_feeds_clients_and_candidates_do_not() {
        assert!(may_have_feed(Role::Worker));
        assert!(may_have_feed(Role::Manager));
        assert!(may_have_feed(Role::Admin));
        assert!(!may_have_feed(Role::Client));
        assert!(!may_have_feed(Role::Candidate));
    }
}
