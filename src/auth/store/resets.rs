//! Password reset links: single-use, an hour each, their tokens stored only hashed.

use crate::db::QueryRowCached;
use chrono::{DateTime, Utc};
use rusqlite::{Connection, OptionalExtension, params};

pub struct NewReset<'a> {
    pub token_hash: &'a str,
    pub user_id: Option<i64>,
    pub email: &'a str,
    pub ip: &'a str,
    pub expires_at: DateTime<Utc>,
    /// The raw token, kept until the mail job queues the link (`None`: no mail is owed).
    pub mail_token: Option<&'a str>,
}

pub fn insert_reset(conn: &Connection, r: &NewReset, now: DateTime<Utc>) -> rusqlite::Result<()> {
    conn.execute(
        "INSERT INTO password_resets
             (token_hash, user_id, email, ip, created_at, expires_at, mail_token)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
        params![
            r.token_hash,
            r.user_id,
            r.email,
            r.ip,
            now,
            r.expires_at,
            r.mail_token
        ],
    )?;
    Ok(())
}

/// Reset requests since `since` for this email and from this address.
pub fn resets_since(
    conn: &Connection,
    email: &str,
    ip: &str,
    since: DateTime<Utc>,
) -> rusqlite::Result<(u32, u32)> {
    conn.query_row_cached(
        "SELECT (SELECT COUNT(*) FROM password_resets WHERE email = ?1 AND created_at > ?3) AS by_email,
                (SELECT COUNT(*) FROM password_resets WHERE ip = ?2 AND created_at > ?3) AS by_ip",
        params![email, ip, since],
        |r| Ok((r.get("by_email")?, r.get("by_ip")?)),
    )
}

/// The user a live, unused reset token belongs to.
pub fn reset_user(
    conn: &Connection,
    token_hash: &str,
    now: DateTime<Utc>,
) -> rusqlite::Result<Option<i64>> {
    conn.query_row_cached(
        "SELECT user_id FROM password_resets
         WHERE token_hash = ?1 AND user_id IS NOT NULL AND used_at IS NULL AND expires_at > ?2",
        params![token_hash, now],
        |r| r.get("user_id"),
    )
    .optional()
}

/// Uses the token up; `false` if it was used meanwhile (a double submit).
pub fn use_reset(
    conn: &Connection,
    token_hash: &str,
    now: DateTime<Utc>,
) -> rusqlite::Result<bool> {
    Ok(conn.execute(
        "UPDATE password_resets SET used_at = ?2 WHERE token_hash = ?1 AND used_at IS NULL",
        params![token_hash, now],
    )? == 1)
}

pub fn delete_resets_before(conn: &Connection, before: DateTime<Utc>) -> rusqlite::Result<usize> {
    conn.execute(
        "DELETE FROM password_resets WHERE created_at < ?1",
        [before],
    )
}

/// Retires every live link of the user (a link was used, or the password changed).
pub fn retire_user_resets(
    conn: &Connection,
    user_id: i64,
    now: DateTime<Utc>,
) -> rusqlite::Result<usize> {
    conn.execute(
        "UPDATE password_resets SET used_at = ?2, mail_token = NULL
         WHERE user_id = ?1 AND used_at IS NULL",
        params![user_id, now],
    )
}

/// Retires every live link asked for this email (a newer one replaces them).
pub fn retire_email_resets(
    conn: &Connection,
    email: &str,
    now: DateTime<Utc>,
) -> rusqlite::Result<usize> {
    conn.execute(
        "UPDATE password_resets SET used_at = ?2, mail_token = NULL
         WHERE email = ?1 AND used_at IS NULL",
        params![email, now],
    )
}

/// A requested link whose mail is still owed.
pub struct OwedMail {
    pub token_hash: String,
    pub user_id: Option<i64>,
    pub token: String,
}

/// Requests whose mail is owed, oldest first.
pub fn owed_mails(conn: &Connection, limit: i64) -> rusqlite::Result<Vec<OwedMail>> {
    let mut stmt = conn.prepare_cached(
        "SELECT token_hash, user_id, mail_token FROM password_resets
         WHERE mail_token IS NOT NULL ORDER BY created_at LIMIT ?1",
    )?;
    stmt.query_map([limit], |r| {
        Ok(OwedMail {
            token_hash: r.get("token_hash")?,
            user_id: r.get("user_id")?,
            token: r.get("mail_token")?,
        })
    })?
    .collect()
}

/// The mail was queued (or is owed to nobody): forget the raw token.
pub fn mail_queued(conn: &Connection, token_hash: &str) -> rusqlite::Result<()> {
    conn.execute(
        "UPDATE password_resets SET mail_token = NULL WHERE token_hash = ?1",
        [token_hash],
    )?;
    Ok(())
}
