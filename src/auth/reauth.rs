//! The password asked again before a sensitive admin action (role, permission or activation
//! change) when it was last typed longer ago than `reauth_minutes`. Blocking functions:
//! callers run them on the blocking pool.

use chrono::{DateTime, Duration, Utc};
use rusqlite::Connection;

use super::{password, store};
use crate::config::Settings;
use crate::db::write_tx;
use crate::error::AppError;
use crate::identity::CurrentUser;

/// Whether a sensitive action must first ask for the password again: the session's owner
/// last typed it longer ago than the `reauth_minutes` setting.
pub fn needs_reauth(settings: &Settings, user: &CurrentUser, now: DateTime<Utc>) -> bool {
    now - user.authenticated_at > Duration::minutes(settings.security.reauth_minutes)
}

/// The password typed again before a sensitive action; `false` when it is wrong, which
/// counts as a failed login for the account, and `TooManyRequests` once those reach the
/// limit (a stolen session cannot guess at leisure).
pub fn reauthenticate(
    conn: &mut Connection,
    settings: &Settings,
    user: &CurrentUser,
    password_typed: &str,
    now: DateTime<Utc>,
) -> Result<bool, AppError> {
    let since = now - Duration::minutes(settings.login_window_minutes);
    let attempt_id = write_tx(conn, |tx| -> Result<_, AppError> {
        if store::untrusted_failures(tx, &user.email, since)?
            >= settings.login_max_failures_per_account
        {
            return Err(AppError::TooManyRequests);
        }
        Ok(store::insert_login_attempt(
            tx,
            &user.email,
            "reauth",
            None,
            now,
        )?)
    })?;
    let stored = store::password_hash(conn, user.id)?.ok_or(AppError::NotFound)?;
    if !password::verify(password_typed, &stored) {
        return Ok(false);
    }
    write_tx(conn, |tx| -> Result<_, AppError> {
        store::mark_login_succeeded(tx, attempt_id)?;
        store::reauthenticate_session(tx, &user.session_hash, now)?;
        Ok(true)
    })
}
