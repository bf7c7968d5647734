//! The password asked again before a sensitive admin action (role, permission or activation
//! change, and any grant of a privileged role, an invitation included) when it was last typed
//! longer ago than `reauth_minutes`. The proof is a value only this module makes, and the
//! services that grant take it, so no path to a privileged role can skip the check.
//! Blocking functions: callers run them on the blocking pool.

use chrono::{DateTime, Duration, Utc};

use crate::auth::model::password;
use crate::auth::store;
use crate::config::Settings;
use crate::db::{Conn, write_tx};
use crate::error::AppError;
use crate::identity::{CurrentUser, Role};

/// Refused until the password is typed again; nothing changed.
pub const REAUTH_NEEDED: &str = "flash-reauth-needed";

/// Proof that the acting user typed their password within `reauth_minutes`: made only by
/// `fresh_password`, required by every service that grants privileges.
#[derive(Debug, Clone, Copy)]
pub struct FreshPassword(());

/// The proof, when the session's owner typed the password recently enough.
pub fn fresh_password(
    settings: &Settings,
    user: &CurrentUser,
    now: DateTime<Utc>,
) -> Option<FreshPassword> {
    (!needs_reauth(settings, user, now)).then_some(FreshPassword(()))
}

/// The one guard on granting a role: managers and admins reach every client's data and the
/// money, so granting either, by any path, needs a fresh password.
pub fn may_grant(role: Role, fresh: Option<FreshPassword>) -> Result<(), AppError> {
    match (role, fresh) {
        (Role::Manager | Role::Admin, None) => Err(AppError::Refused(REAUTH_NEEDED)),
        _ => Ok(()),
    }
}

/// Whether a sensitive action must first ask for the password again: the session's owner
/// last typed it longer ago than the `reauth_minutes` setting.
pub fn needs_reauth(settings: &Settings, user: &CurrentUser, now: DateTime<Utc>) -> bool {
    now - user.authenticated_at > Duration::minutes(settings.security.reauth_minutes)
}

/// The password typed again before a sensitive action; `false` when it is wrong, which
/// counts as a failed login for the account, and `TooManyRequests` once those reach the
/// limit (a stolen session cannot guess at leisure).
pub fn reauthenticate(
    conn: &mut Conn,
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_privileged_role_is_granted_only_with_a_fresh_password() {
        let fresh = Some(FreshPassword(()));
        for role in [Role::Manager, Role::Admin] {
            assert!(matches!(
                may_grant(role, None),
                Err(AppError::Refused(REAUTH_NEEDED))
            ));
            assert!(may_grant(role, fresh).is_ok());
        }
        for role in [Role::Client, Role::Worker, Role::Candidate] {
            assert!(may_grant(role, None).is_ok());
        }
    }
}
