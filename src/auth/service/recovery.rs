//! Password recovery: "Forgot password?" mails a single-use link (its token stored hashed,
//! an hour long) that sets a new password and ends every session of the account. A newer
//! link, a used link and a password change retire every other live link of the account. The answer
//! to a request is the same whether the email is known or not; requests are limited per
//! email and per address. Blocking functions: callers run them on the blocking pool.

use chrono::{DateTime, Duration, Utc};
use rusqlite::Connection;

use crate::auth::model::password;
use crate::auth::model::tokens::{hash_token, random_token};
use crate::auth::model::{self, FieldError};
use crate::auth::store::{self, NewReset};
use crate::db::{Conn, write_tx};
use crate::error::AppError;
use crate::notify::model::Kind;
use crate::notify::service::{Message, mail_only};

/// How long a link works.
const LINK_MINUTES: i64 = 60;
/// Requests per email per hour that get a mail (more are accepted silently).
const PER_EMAIL_PER_HOUR: u32 = 3;
/// Requests per address per hour, known emails or not.
const PER_IP_PER_HOUR: u32 = 10;

/// Records a reset request; `TooManyRequests` when the address asked too often. The request
/// does the same work whether the email is an account's or not (a lookup, a retirement of
/// the email's older links, one insert) and queues no mail: `mail_owed` does that from the
/// mail job, so neither the answer nor its timing tells which emails have accounts. Past
/// the email's hourly limit the request is recorded (for the address limit) but carries no
/// link and leaves the earlier links alone.
pub fn request(conn: &mut Conn, now: DateTime<Utc>, email: &str, ip: &str) -> Result<(), AppError> {
    let email = email.trim().to_lowercase();
    let token = random_token();
    write_tx(conn, |tx| -> Result<_, AppError> {
        let (by_email, by_ip) = store::resets_since(tx, &email, ip, now - Duration::hours(1))?;
        if by_ip >= PER_IP_PER_HOUR {
            tracing::warn!(ip, "password reset requests throttled");
            return Err(AppError::TooManyRequests);
        }
        let user_id = store::user_with_hash_by_email(tx, &email)?
            .map(|(u, _)| u)
            .filter(|u| u.active)
            .map(|u| u.id);
        let mailed = by_email < PER_EMAIL_PER_HOUR;
        if mailed {
            store::retire_email_resets(tx, &email, now)?;
        }
        store::insert_reset(
            tx,
            &NewReset {
                token_hash: &hash_token(&token),
                user_id: user_id.filter(|_| mailed),
                email: &email,
                ip,
                expires_at: now + Duration::minutes(LINK_MINUTES),
                mail_token: mailed.then_some(token.as_str()),
            },
            now,
        )?;
        Ok(())
    })
}

/// Queues the mails owed to reset requests of active accounts (the mail job runs it before
/// sending); a request for an unknown email is marked done without a mail. Returns how many
/// mails were queued.
pub fn mail_owed(conn: &mut Conn, now: DateTime<Utc>) -> Result<usize, AppError> {
    // The mail job runs this before every dispatch: an idle pass reads one index entry and
    // takes no write turn.
    if store::owed_mails(conn, 1)?.is_empty() {
        return Ok(0);
    }
    write_tx(conn, |tx| -> Result<_, AppError> {
        let mut queued = 0;
        for owed in store::owed_mails(tx, 100)? {
            store::mail_queued(tx, &owed.token_hash)?;
            let Some(user_id) = owed.user_id else {
                continue;
            };
            let link = format!("/reset-password?token={}", owed.token);
            let msg = Message::new(Kind::PasswordReset).link(&link);
            queued += usize::from(mail_only(tx, now, user_id, &msg)?.is_some());
        }
        Ok(queued)
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
    conn: &mut Conn,
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
        // The new password ends what the old one opened: every session, every other live
        // link, and every trusted device (a planted one must not keep its guessing budget).
        store::delete_user_sessions(tx, user_id, None)?;
        store::retire_user_resets(tx, user_id, now)?;
        store::forget_devices(tx, user_id, None)?;
        tracing::info!(user_id, "password reset through an emailed link");
        Ok(ResetOutcome::Done)
    })
}
