//! Password recovery: "Forgot password?" mails a single-use link (its token stored hashed,
//! an hour long) that sets a new password and ends every session of the account. The answer
//! to a request is the same whether the email is known or not; requests are limited per
//! email and per address. Blocking functions: callers run them on the blocking pool.

use chrono::{DateTime, Duration, Utc};
use rusqlite::Connection;

use super::model::{self, FieldError};
use super::password;
use super::session::{hash_token, random_token};
use super::store::{self, NewReset};
use crate::config::Settings;
use crate::db::write_tx;
use crate::error::AppError;
use crate::notify::model::Kind;
use crate::notify::service::{Message, mail_only};

/// How long a link works.
const LINK_MINUTES: i64 = 60;
/// Requests per email per hour that get a mail (more are accepted silently).
const PER_EMAIL_PER_HOUR: u32 = 3;
/// Requests per address per hour, known emails or not.
const PER_IP_PER_HOUR: u32 = 10;

/// Records a reset request and, when the email is an active account's and its hourly limit
/// allows, queues the mail with the link. Returns the mail's id; `TooManyRequests` when the
/// address asked too often.
pub fn request(
    conn: &mut Connection,
    settings: &Settings,
    now: DateTime<Utc>,
    email: &str,
    ip: &str,
) -> Result<Option<i64>, AppError> {
    let email = email.trim().to_lowercase();
    let token = random_token();
    write_tx(conn, |tx| -> Result<_, AppError> {
        let (by_email, by_ip) = store::resets_since(tx, &email, ip, now - Duration::hours(1))?;
        if by_ip >= PER_IP_PER_HOUR {
            tracing::warn!(ip, "password reset requests throttled");
            return Err(AppError::TooManyRequests);
        }
        let user = store::user_with_hash_by_email(tx, &email)?
            .map(|(u, _)| u)
            .filter(|u| u.active);
        store::insert_reset(
            tx,
            &NewReset {
                token_hash: &hash_token(&token),
                user_id: user.as_ref().map(|u| u.id),
                email: &email,
                ip,
                expires_at: now + Duration::minutes(LINK_MINUTES),
            },
            now,
        )?;
        let Some(user) = user.filter(|_| by_email < PER_EMAIL_PER_HOUR) else {
            return Ok(None);
        };
        let link = format!("/reset-password?token={token}");
        let msg = Message::new(Kind::PasswordReset).link(&link);
        Ok(mail_only(tx, settings, now, user.id, &msg)?)
    })
}

/// Whether a link's token is live (unused, not expired).
pub fn link_is_live(conn: &Connection, token: &str, now: DateTime<Utc>) -> Result<bool, AppError> {
    Ok(store::reset_user(conn, &hash_token(token), now)?.is_some())
}

#[derive(Debug, PartialEq, Eq)]
pub enum ResetOutcome {
    Done,
    /// Used, expired or never issued.
    DeadLink,
    Invalid(FieldError),
}

/// Sets the new password through a live link, uses the link up and ends every session.
pub fn reset(
    conn: &mut Connection,
    now: DateTime<Utc>,
    token: &str,
    new_password: &str,
) -> Result<ResetOutcome, AppError> {
    let token_hash = hash_token(token);
    if store::reset_user(conn, &token_hash, now)?.is_none() {
        return Ok(ResetOutcome::DeadLink);
    }
    if let Err(e) = model::validate_password(new_password) {
        return Ok(ResetOutcome::Invalid(e));
    }
    let hash = password::hash(new_password)?;
    write_tx(conn, |tx| -> Result<_, AppError> {
        let Some(user_id) = store::reset_user(tx, &token_hash, now)? else {
            return Ok(ResetOutcome::DeadLink);
        };
        if !store::use_reset(tx, &token_hash, now)? {
            return Ok(ResetOutcome::DeadLink);
        }
        store::set_password_hash(tx, user_id, &hash)?;
        store::delete_user_sessions(tx, user_id, None)?;
        tracing::info!(user_id, "password reset through an emailed link");
        Ok(ResetOutcome::Done)
    })
}
