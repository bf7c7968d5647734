//! Account use cases: register, log in (throttled), log out, change password or language,
//! create users from the CLI, and the admin's role/permission/activation changes (audited).
//! Blocking functions: callers run them on the blocking pool.

pub mod feeds;
pub mod invitations;
pub mod reauth;
pub mod recovery;
pub mod setup;

use chrono::{DateTime, Duration, Utc};
use rusqlite::Connection;
use serde_json::json;

use super::model::password;
use super::model::tokens::{hash_token, random_token};
use super::model::{self, FieldError, Permission, Role};
use super::store::{self, NewSession, NewUser};
use crate::audit;
use crate::config::Settings;
use crate::db::{Conn, WriteTx, write_tx};
use crate::error::AppError;
use crate::i18n::Lang;
use crate::notify::model::Kind;
use crate::notify::service::{Message, notify};

pub struct NewAccount {
    pub name: String,
    pub email: String,
    pub password: String,
    pub role: Role,
    pub language: Lang,
}

/// A field of a new account that is not acceptable (see `validate_account`).
#[derive(Debug, PartialEq, Eq)]
pub enum AccountError {
    Field(&'static str, FieldError),
    EmailTaken,
}

/// Why an account was not created when its email is already someone's: the refusal's key is
/// the email field's message.
pub const EMAIL_TAKEN: &str = "err-email-taken";

/// Creates an account with a welcome notification, in one transaction. Returns the user id
/// and the queued welcome mail, if any; a taken email is `AppError::Refused(EMAIL_TAKEN)`.
pub fn create_account(
    conn: &mut Conn,
    settings: &Settings,
    now: DateTime<Utc>,
    account: &NewAccount,
) -> Result<(i64, Option<i64>), AppError> {
    let hash = password::hash(&account.password)?;
    write_tx(conn, |tx| insert_account(tx, settings, now, account, &hash))
}

/// The account's row and welcome inside the caller's transaction (an application creates
/// the candidate with it). `hash` is the password's argon2 hash, computed beforehand.
pub fn insert_account(
    tx: &WriteTx,
    settings: &Settings,
    now: DateTime<Utc>,
    account: &NewAccount,
    hash: &str,
) -> Result<(i64, Option<i64>), AppError> {
    let new = NewUser {
        email: &account.email,
        name: &account.name,
        password_hash: hash,
        role: account.role,
        language: account.language,
    };
    let Some(id) = store::insert_user(tx, &new, now)? else {
        return Err(AppError::Refused(EMAIL_TAKEN));
    };
    let mail = notify(
        tx,
        settings,
        now,
        id,
        &Message::new(Kind::Welcome).link(account.role.home()),
    )?;
    Ok((id, mail))
}

/// Checks the form fields of a new account; every problem is reported, not just the first.
pub fn validate_account(
    name: &str,
    email: &str,
    password: &str,
) -> Result<(String, String), Vec<AccountError>> {
    let name = model::normalize_name(name).map_err(|e| AccountError::Field("name", e));
    let email = model::normalize_email(email).map_err(|e| AccountError::Field("email", e));
    let pw = model::validate_password(password).map_err(|e| AccountError::Field("password", e));
    match (name, email, pw) {
        (Ok(n), Ok(e), Ok(())) => Ok((n, e)),
        (n, e, p) => Err([n.err(), e.err(), p.err()].into_iter().flatten().collect()),
    }
}

pub enum LoginOutcome {
    /// `device` is the browser's new device cookie (made afresh at every login).
    LoggedIn {
        token: String,
        home: &'static str,
        device: String,
    },
    Invalid,
    Throttled,
}

pub struct LoginAttempt<'a> {
    pub email: &'a str,
    pub password: &'a str,
    pub ip: &'a str,
    pub user_agent: &'a str,
    /// The browser's device cookie, if it sent one.
    pub device: Option<&'a str>,
}

/// Verifies the password and opens a new session (a fresh id every login).
///
/// Throttling (OWASP "device cookies"): a browser that once logged in to the account is
/// trusted for it and limited only by its own recent failures, so a stranger's guesses
/// cannot lock the owner out. Untrusted attempts are limited per account and by how many
/// distinct accounts failed from the IP. The decision and the attempt's record are one
/// transaction, and the attempt counts as failed until its password proves right, so
/// parallel guesses cannot slip past the limit.
pub fn login(
    conn: &mut Conn,
    settings: &Settings,
    now: DateTime<Utc>,
    attempt: &LoginAttempt,
) -> Result<LoginOutcome, AppError> {
    let email = attempt.email.trim().to_lowercase();
    let device_hash = attempt.device.map(hash_token);
    let since = now - Duration::minutes(settings.login_window_minutes);
    let reserved = write_tx(conn, |tx| -> Result<_, AppError> {
        let found = store::user_with_hash_by_email(tx, &email)?;
        let trusted_device = match (&found, &device_hash) {
            (Some((user, _)), Some(device)) => {
                store::is_trusted_device(tx, device, user.id)?.then_some(device.as_str())
            }
            _ => None,
        };
        let throttled = match trusted_device {
            Some(device) => {
                store::device_failures(tx, &email, device, since)?
                    >= settings.login_max_failures_per_account
            }
            None => {
                store::untrusted_failures(tx, &email, since)?
                    >= settings.login_max_failures_per_account
                    || store::ip_failed_accounts(tx, attempt.ip, since)?
                        >= settings.login_max_failures_per_ip
            }
        };
        if throttled {
            return Ok(None);
        }
        let id = store::insert_login_attempt(tx, &email, attempt.ip, trusted_device, now)?;
        Ok(Some((id, found)))
    })?;
    let Some((attempt_id, found)) = reserved else {
        tracing::warn!(ip = attempt.ip, "login throttled");
        return Ok(LoginOutcome::Throttled);
    };
    let stored_hash = found
        .as_ref()
        .map(|(_, h)| h.as_str())
        .unwrap_or(password::dummy_hash());
    let password_ok = password::verify(attempt.password, stored_hash);
    let Some(user) = found.map(|(u, _)| u).filter(|u| password_ok && u.active) else {
        return Ok(LoginOutcome::Invalid);
    };
    write_tx(conn, |tx| -> Result<_, AppError> {
        store::mark_login_succeeded(tx, attempt_id)?;
        let token = open_session(tx, settings, now, user.id, attempt.ip, attempt.user_agent)?;
        // Device tokens are made here only and rotated at each login: a value the browser
        // brought is never trusted for the first time, and a trusted one is replaced.
        if let Some(old) = &device_hash {
            store::forget_device(tx, old, user.id)?;
        }
        let device = random_token();
        store::trust_device(tx, &hash_token(&device), user.id, now)?;
        tracing::info!(user_id = user.id, "logged in");
        Ok(LoginOutcome::LoggedIn {
            token,
            home: user.role.home(),
            device,
        })
    })
}

/// Starts a session for `user_id` and returns the secret token for the cookie.
pub fn open_session(
    conn: &Connection,
    settings: &Settings,
    now: DateTime<Utc>,
    user_id: i64,
    ip: &str,
    user_agent: &str,
) -> rusqlite::Result<String> {
    let token = random_token();
    store::insert_session(
        conn,
        &NewSession {
            token_hash: &hash_token(&token),
            user_id,
            csrf_token: &random_token(),
            expires_at: now + Duration::days(settings.session_days),
            ip,
            user_agent,
        },
        now,
    )?;
    Ok(token)
}

/// Removes expired sessions, login and sign-up attempts older than a day (throttling looks
/// back minutes or an hour, not days) and devices unused for a year. Returns how many
/// sessions were removed.
pub fn housekeeping(conn: &mut Conn, now: DateTime<Utc>) -> rusqlite::Result<usize> {
    write_tx(conn, |tx| {
        store::delete_login_attempts_before(tx, now - Duration::days(1))?;
        store::delete_signups_before(tx, now - Duration::days(1))?;
        store::delete_resets_before(tx, now - Duration::days(1))?;
        store::delete_devices_unused_since(tx, now - Duration::days(DEVICE_DAYS))?;
        store::delete_expired_sessions(tx, now)
    })
}

/// How long a device cookie lives, and how long an unused trusted device is remembered.
pub const DEVICE_DAYS: i64 = 365;

/// Counts a registration or job application from `ip` inside the caller's transaction, or
/// refuses with `TooManyRequests` when the address reached the hourly limit.
pub fn count_signup(
    tx: &Connection,
    settings: &Settings,
    ip: &str,
    now: DateTime<Utc>,
) -> Result<(), AppError> {
    let recent = store::signups_from(tx, ip, now - Duration::hours(1))?;
    if recent >= settings.security.signup_max_per_ip_per_hour {
        tracing::warn!(ip, "sign-ups throttled");
        return Err(AppError::TooManyRequests);
    }
    store::insert_signup(tx, ip, now)?;
    Ok(())
}

/// A self-service registration: counted against the address's hourly limit, then created
/// like any account (a taken email is `AppError::Refused(EMAIL_TAKEN)`).
pub fn register(
    conn: &mut Conn,
    settings: &Settings,
    now: DateTime<Utc>,
    account: &NewAccount,
    ip: &str,
) -> Result<(i64, Option<i64>), AppError> {
    let hash = password::hash(&account.password)?;
    // The count survives a taken email (an enumeration probe), so it is its own transaction.
    write_tx(conn, |tx| count_signup(tx, settings, ip, now))?;
    write_tx(conn, |tx| insert_account(tx, settings, now, account, &hash))
}

/// In a write transaction like every other end of a session, so the session's event streams
/// hear of it when it commits.
pub fn logout(conn: &mut Conn, session_hash: &str) -> Result<(), AppError> {
    write_tx(conn, |tx| store::delete_session(tx, session_hash))?;
    Ok(())
}

#[derive(Debug, PartialEq, Eq)]
pub enum PasswordChange {
    Changed,
    WrongCurrent,
    Invalid(FieldError),
}

/// Changes the password after checking the current one; every other session of the user
/// ends, every reset link is retired and every trusted device but this browser's is forgotten.
pub fn change_password(
    conn: &mut Conn,
    now: DateTime<Utc>,
    (user_id, session_hash, device): (i64, &str, Option<&str>),
    current: &str,
    new: &str,
) -> Result<PasswordChange, AppError> {
    let stored = store::password_hash(conn, user_id)?.ok_or(AppError::NotFound)?;
    if !password::verify(current, &stored) {
        return Ok(PasswordChange::WrongCurrent);
    }
    if let Err(e) = model::validate_password(new) {
        return Ok(PasswordChange::Invalid(e));
    }
    let hash = password::hash(new)?;
    write_tx(conn, |tx| -> Result<_, AppError> {
        store::set_password_hash(tx, user_id, &hash)?;
        store::delete_user_sessions(tx, user_id, Some(session_hash))?;
        store::retire_user_resets(tx, user_id, now)?;
        store::forget_devices(tx, user_id, device.map(hash_token).as_deref())?;
        Ok(PasswordChange::Changed)
    })
}

/// Admin changes to another user. Admins cannot demote or deactivate themselves, so the
/// installation always keeps at least the admin who is acting.
pub enum AdminChange {
    Role(Role),
    Permission(Permission, bool),
    Active(bool),
}

/// Refused: an admin's own role or activation.
pub const OWN_ACCOUNT: &str = "flash-own-account";
/// Refused: a permission the user's role cannot hold.
pub const PERMISSION_NOT_FOR_ROLE: &str = "flash-permission-role";

/// Applies an admin's change, audited; refusals are `OWN_ACCOUNT` and
/// `PERMISSION_NOT_FOR_ROLE`.
/// Every change needs the actor's fresh password (`reauth`): even a lesser role or a lost
/// permission can lock a person out.
pub fn admin_change(
    conn: &mut Conn,
    now: DateTime<Utc>,
    (actor_id, _fresh): (i64, reauth::FreshPassword),
    user_id: i64,
    change: AdminChange,
) -> Result<(), AppError> {
    write_tx(conn, |tx| -> Result<_, AppError> {
        let user = store::user_by_id(tx, user_id)?.ok_or(AppError::NotFound)?;
        let subject = format!("user:{user_id}");
        match change {
            AdminChange::Role(_) | AdminChange::Active(false) if user_id == actor_id => {
                return Err(AppError::Refused(OWN_ACCOUNT));
            }
            AdminChange::Role(role) if role != user.role => {
                store::set_role(tx, user_id, role)?;
                // Permissions belong to a role; drop the ones the new role cannot hold.
                for p in Permission::ALL.into_iter().filter(|p| !p.allowed_for(role)) {
                    store::set_permission(tx, user_id, p.as_str(), false)?;
                }
                store::delete_user_sessions(tx, user_id, None)?;
                audit::record(
                    tx,
                    now,
                    Some(actor_id),
                    "user.role",
                    &subject,
                    json!({"from": user.role.as_str(), "to": role.as_str()}),
                )?;
            }
            AdminChange::Permission(p, granted) => {
                if granted && !p.allowed_for(user.role) {
                    return Err(AppError::Refused(PERMISSION_NOT_FOR_ROLE));
                }
                if store::set_permission(tx, user_id, p.as_str(), granted)? {
                    audit::record(
                        tx,
                        now,
                        Some(actor_id),
                        "user.permission",
                        &subject,
                        json!({"permission": p.as_str(), "granted": granted}),
                    )?;
                }
            }
            AdminChange::Active(active) if active != user.active => {
                store::set_active(tx, user_id, active)?;
                if !active {
                    store::delete_user_sessions(tx, user_id, None)?;
                }
                let action = if active {
                    "user.reactivate"
                } else {
                    "user.deactivate"
                };
                audit::record(tx, now, Some(actor_id), action, &subject, json!({}))?;
            }
            AdminChange::Role(_) | AdminChange::Active(_) => {}
        }
        Ok(())
    })
}
