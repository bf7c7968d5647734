//! Closed accounts under the retention policy: which are due for anonymising, and replacing
//! a person's name, address and credentials with placeholders while the row (and so every
//! ledger account, order and audit entry naming it) stays.

use chrono::{DateTime, Utc};
use rusqlite::{Connection, params};

/// Accounts closed before `cutoff` and not yet anonymised. "Closed" is deactivated by an
/// admin: still inactive, and the latest change to the account's standing in the audit log
/// is a deactivation (an invited account is inactive too, but was never deactivated).
pub fn closed_accounts_due(conn: &Connection, cutoff: DateTime<Utc>) -> rusqlite::Result<Vec<i64>> {
    let mut stmt = conn.prepare_cached(
        "SELECT u.id FROM users u
         JOIN account_changes c ON c.user_id = u.id
         WHERE u.active = 0 AND u.anonymised_at IS NULL
           AND c.at = (SELECT MAX(l.at) FROM account_changes l WHERE l.user_id = u.id)
           AND c.action = 'user.deactivate' AND c.at < ?1
         ORDER BY u.id",
    )?;
    stmt.query_map([cutoff], |r| r.get(0))?.collect()
}

/// The neutral name a former user is shown by.
pub fn former_user_name(id: i64) -> String {
    format!("Former user #{id}")
}

/// A unique address that can never receive mail (`.invalid` is reserved for that).
pub fn former_user_email(id: i64) -> String {
    format!("former-user-{id}@anonymised.invalid")
}

/// Replaces the account's name, email and password with placeholders and ends everything
/// that could sign in as it (sessions, trusted devices, calendar feeds, reset links, pending
/// invitations). Returns false when it was already anonymised.
pub fn anonymise(tx: &Connection, id: i64, now: DateTime<Utc>) -> rusqlite::Result<bool> {
    let old_email: Option<String> = tx
        .prepare_cached("SELECT email FROM users WHERE id = ?1 AND anonymised_at IS NULL")?
        .query_map([id], |r| r.get(0))?
        .next()
        .transpose()?;
    let Some(old_email) = old_email else {
        return Ok(false);
    };
    tx.execute(
        "UPDATE users SET name = ?2, email = ?3, password_hash = '!', anonymised_at = ?4
         WHERE id = ?1",
        params![id, former_user_name(id), former_user_email(id), now],
    )?;
    for sql in [
        "DELETE FROM sessions WHERE user_id = ?1",
        "DELETE FROM trusted_devices WHERE user_id = ?1",
        "DELETE FROM calendar_feeds WHERE user_id = ?1",
        "DELETE FROM password_resets WHERE user_id = ?1",
    ] {
        tx.execute(sql, [id])?;
    }
    tx.execute(
        "UPDATE invitations SET revoked_at = ?2 WHERE user_id = ?1 AND accepted_at IS NULL AND revoked_at IS NULL",
        params![id, now],
    )?;
    // Throttling keeps attempts by address; the old address is personal data too.
    tx.execute("DELETE FROM login_attempts WHERE email = ?1", [old_email])?;
    Ok(true)
}
