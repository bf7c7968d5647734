//! Invitations: an admin's invite of a person by email with a role, its link's token stored
//! only hashed, until it is accepted, revoked or expires.

use crate::db::QueryRowCached;
use chrono::{DateTime, Utc};
use rusqlite::{Connection, OptionalExtension, params};

use crate::identity::Role;

pub struct Invitation {
    pub id: i64,
    pub user_id: i64,
    pub email: String,
    pub name: String,
    pub role: Role,
    pub invited_by_name: String,
    pub created_at: DateTime<Utc>,
    pub expires_at: DateTime<Utc>,
    pub sent_count: i64,
    pub accepted_at: Option<DateTime<Utc>>,
    pub revoked_at: Option<DateTime<Utc>>,
}

const SELECT: &str = "SELECT i.id, i.user_id, u.email, u.name, u.role, b.name AS invited_by_name,
        i.created_at, i.expires_at, i.sent_count, i.accepted_at, i.revoked_at
     FROM invitations i JOIN users u ON u.id = i.user_id JOIN users b ON b.id = i.invited_by";

fn from_row(r: &rusqlite::Row) -> rusqlite::Result<Invitation> {
    Ok(Invitation {
        id: r.get("id")?,
        user_id: r.get("user_id")?,
        email: r.get("email")?,
        name: r.get("name")?,
        role: r.get("role")?,
        invited_by_name: r.get("invited_by_name")?,
        created_at: r.get("created_at")?,
        expires_at: r.get("expires_at")?,
        sent_count: r.get("sent_count")?,
        accepted_at: r.get("accepted_at")?,
        revoked_at: r.get("revoked_at")?,
    })
}

pub fn insert_invitation(
    conn: &Connection,
    user_id: i64,
    token_hash: &str,
    invited_by: i64,
    now: DateTime<Utc>,
    expires_at: DateTime<Utc>,
) -> rusqlite::Result<i64> {
    conn.execute(
        "INSERT INTO invitations (user_id, token_hash, invited_by, created_at, expires_at)
         VALUES (?1, ?2, ?3, ?4, ?5)",
        params![user_id, token_hash, invited_by, now, expires_at],
    )?;
    Ok(conn.last_insert_rowid())
}

/// The latest invitations, newest first.
pub fn invitations(conn: &Connection, limit: i64) -> rusqlite::Result<Vec<Invitation>> {
    conn.prepare_cached(&format!("{SELECT} ORDER BY i.id DESC LIMIT ?1"))?
        .query_map([limit], from_row)?
        .collect()
}

pub fn invitation(conn: &Connection, id: i64) -> rusqlite::Result<Option<Invitation>> {
    conn.query_row_cached(&format!("{SELECT} WHERE i.id = ?1"), [id], from_row)
        .optional()
}

/// The open invitation (not accepted, not revoked, not expired) a link's token belongs to.
pub fn open_invitation_by_token(
    conn: &Connection,
    token_hash: &str,
    now: DateTime<Utc>,
) -> rusqlite::Result<Option<Invitation>> {
    conn.query_row_cached(
        &format!(
            "{SELECT} WHERE i.token_hash = ?1 AND i.accepted_at IS NULL
               AND i.revoked_at IS NULL AND i.expires_at > ?2"
        ),
        params![token_hash, now],
        from_row,
    )
    .optional()
}

/// A new link for an open invitation (the old one stops working), with a new expiry.
pub fn renew_invitation(
    conn: &Connection,
    id: i64,
    token_hash: &str,
    expires_at: DateTime<Utc>,
) -> rusqlite::Result<bool> {
    Ok(conn.execute(
        "UPDATE invitations SET token_hash = ?2, expires_at = ?3, sent_count = sent_count + 1
         WHERE id = ?1 AND accepted_at IS NULL AND revoked_at IS NULL",
        params![id, token_hash, expires_at],
    )? == 1)
}

pub fn revoke_invitation(conn: &Connection, id: i64, now: DateTime<Utc>) -> rusqlite::Result<bool> {
    Ok(conn.execute(
        "UPDATE invitations SET revoked_at = ?2 WHERE id = ?1 AND accepted_at IS NULL AND revoked_at IS NULL",
        params![id, now],
    )? == 1)
}

pub fn accept_invitation(conn: &Connection, id: i64, now: DateTime<Utc>) -> rusqlite::Result<bool> {
    Ok(conn.execute(
        "UPDATE invitations SET accepted_at = ?2 WHERE id = ?1 AND accepted_at IS NULL AND revoked_at IS NULL",
        params![id, now],
    )? == 1)
}

/// Whether the user is an invited account that has not accepted yet (so it may be invited
/// again instead of counting as a taken email).
pub fn only_invited(conn: &Connection, user_id: i64) -> rusqlite::Result<bool> {
    conn.query_row_cached(
        "SELECT EXISTS (SELECT 1 FROM invitations WHERE user_id = ?1)
            AND NOT EXISTS (SELECT 1 FROM invitations WHERE user_id = ?1 AND accepted_at IS NOT NULL)
            AS invited",
        [user_id],
        |r| r.get("invited"),
    )
}

/// Sets the invited person's name and password and lets them in.
pub fn activate_invited(
    conn: &Connection,
    user_id: i64,
    name: &str,
    password_hash: &str,
) -> rusqlite::Result<()> {
    conn.execute(
        "UPDATE users SET name = ?2, password_hash = ?3, active = 1 WHERE id = ?1",
        params![user_id, name, password_hash],
    )?;
    Ok(())
}
