//! SQL of throttling: login attempts (per account, per address, per trusted device), the
//! devices trusted for an account, and sign-ups per address.

use crate::db::QueryRowCached;
use chrono::{DateTime, Utc};
use rusqlite::{Connection, params};

// ---- login attempts ----

/// Records an attempt as failed before its password is checked, so parallel guesses each
/// count against the limit; a correct password turns it into a success. `device_hash` is
/// set when the attempt came from a device trusted for the account.
pub fn insert_login_attempt(
    conn: &Connection,
    email: &str,
    ip: &str,
    device_hash: Option<&str>,
    now: DateTime<Utc>,
) -> rusqlite::Result<i64> {
    conn.execute(
        "INSERT INTO login_attempts (email, ip, succeeded, at, device_hash) VALUES (?1, ?2, 0, ?3, ?4)",
        params![email, ip, now, device_hash],
    )?;
    Ok(conn.last_insert_rowid())
}

pub fn mark_login_succeeded(conn: &Connection, attempt_id: i64) -> rusqlite::Result<()> {
    conn.execute(
        "UPDATE login_attempts SET succeeded = 1 WHERE id = ?1",
        [attempt_id],
    )?;
    Ok(())
}

/// Failures since `since` from untrusted devices for this email, after its last success.
pub fn untrusted_failures(
    conn: &Connection,
    email: &str,
    since: DateTime<Utc>,
) -> rusqlite::Result<u32> {
    conn.query_row_cached(
        "SELECT COUNT(*) AS n FROM login_attempts
         WHERE email = ?1 AND succeeded = 0 AND device_hash IS NULL AND at > ?2
           AND id > COALESCE((SELECT MAX(id) FROM login_attempts WHERE email = ?1 AND succeeded = 1), 0)",
        params![email, since],
        |r| r.get("n"),
    )
}

/// How many distinct accounts had an untrusted failure from this IP since `since`: one
/// person mistyping does not lock out everyone behind the same address, a spray does.
pub fn ip_failed_accounts(
    conn: &Connection,
    ip: &str,
    since: DateTime<Utc>,
) -> rusqlite::Result<u32> {
    conn.query_row_cached(
        "SELECT COUNT(DISTINCT email) AS n FROM login_attempts
         WHERE ip = ?1 AND succeeded = 0 AND device_hash IS NULL AND at > ?2",
        params![ip, since],
        |r| r.get("n"),
    )
}

/// Failures since `since` from one trusted device for this email, after that device's last
/// success: a stolen device cookie can guess no more than a stranger.
pub fn device_failures(
    conn: &Connection,
    email: &str,
    device_hash: &str,
    since: DateTime<Utc>,
) -> rusqlite::Result<u32> {
    conn.query_row_cached(
        "SELECT COUNT(*) AS n FROM login_attempts
         WHERE email = ?1 AND device_hash = ?2 AND succeeded = 0 AND at > ?3
           AND id > COALESCE((SELECT MAX(id) FROM login_attempts
                              WHERE email = ?1 AND device_hash = ?2 AND succeeded = 1), 0)",
        params![email, device_hash, since],
        |r| r.get("n"),
    )
}

// ---- trusted devices ----

pub fn is_trusted_device(
    conn: &Connection,
    device_hash: &str,
    user_id: i64,
) -> rusqlite::Result<bool> {
    conn.query_row_cached(
        "SELECT EXISTS (SELECT 1 FROM trusted_devices WHERE token_hash = ?1 AND user_id = ?2) AS t",
        params![device_hash, user_id],
        |r| r.get("t"),
    )
}

pub fn trust_device(
    conn: &Connection,
    device_hash: &str,
    user_id: i64,
    now: DateTime<Utc>,
) -> rusqlite::Result<()> {
    conn.execute(
        "INSERT INTO trusted_devices (token_hash, user_id, created_at, last_used_at)
         VALUES (?1, ?2, ?3, ?3)
         ON CONFLICT (token_hash, user_id) DO UPDATE SET last_used_at = excluded.last_used_at",
        params![device_hash, user_id, now],
    )?;
    Ok(())
}

/// Forgets one trusted device of the user (replaced at login).
pub fn forget_device(conn: &Connection, device_hash: &str, user_id: i64) -> rusqlite::Result<()> {
    conn.execute(
        "DELETE FROM trusted_devices WHERE token_hash = ?1 AND user_id = ?2",
        params![device_hash, user_id],
    )?;
    Ok(())
}

/// Forgets the user's trusted devices, but `keep` (the device of the session changing the
/// password); returns how many.
pub fn forget_devices(
    conn: &Connection,
    user_id: i64,
    keep: Option<&str>,
) -> rusqlite::Result<usize> {
    conn.execute(
        "DELETE FROM trusted_devices WHERE user_id = ?1 AND token_hash IS NOT ?2",
        params![user_id, keep],
    )
}

pub fn delete_devices_unused_since(
    conn: &Connection,
    before: DateTime<Utc>,
) -> rusqlite::Result<usize> {
    conn.execute(
        "DELETE FROM trusted_devices WHERE last_used_at < ?1",
        [before],
    )
}

// ---- sign-ups ----

pub fn signups_from(conn: &Connection, ip: &str, since: DateTime<Utc>) -> rusqlite::Result<u32> {
    conn.query_row_cached(
        "SELECT COUNT(*) AS n FROM signup_attempts WHERE ip = ?1 AND at > ?2",
        params![ip, since],
        |r| r.get("n"),
    )
}

pub fn insert_signup(conn: &Connection, ip: &str, now: DateTime<Utc>) -> rusqlite::Result<()> {
    conn.execute(
        "INSERT INTO signup_attempts (ip, at) VALUES (?1, ?2)",
        params![ip, now],
    )?;
    Ok(())
}

pub fn delete_signups_before(conn: &Connection, before: DateTime<Utc>) -> rusqlite::Result<usize> {
    conn.execute("DELETE FROM signup_attempts WHERE at < ?1", [before])
}

pub fn delete_login_attempts_before(
    conn: &Connection,
    before: DateTime<Utc>,
) -> rusqlite::Result<usize> {
    conn.execute("DELETE FROM login_attempts WHERE at < ?1", [before])
}
