//! Invitations: an admin invites a person by email with a role; the mailed link (a week,
//! its token stored hashed) lets them choose their name and password and logs them in.
//! Resending makes a new link (the old one stops working); revoking closes it. Every step
//! is audited. Blocking functions: callers run them on the blocking pool.

use chrono::{DateTime, Duration, Utc};
use rusqlite::Connection;
use serde_json::json;

use crate::audit;
use crate::auth::model::password;
use crate::auth::model::tokens::{hash_token, random_token};
use crate::auth::model::{self, Role};
use crate::auth::service::open_session;
use crate::auth::service::reauth::{FreshPassword, may_grant};
use crate::auth::store::{self, Invitation, NewUser};
use crate::config::Settings;
use crate::db::{Conn, write_tx};
use crate::error::AppError;
use crate::i18n::Arg;
use crate::notify::model::Kind;
use crate::notify::service::{Message, mail_only};
use crate::validate::FormErrors;

/// How long an invitation's link works.
const LINK_DAYS: i64 = 7;
/// Not an argon2 hash: no password opens an account that has not accepted its invitation.
const NO_PASSWORD: &str = "!invited";

/// Refused: the email belongs to an account that is already in use.
pub const EMAIL_IN_USE: &str = "flash-invite-email-in-use";

/// Invites `email` as `role`; returns the queued mail. Invalid fields are refused by key;
/// a manager's or admin's invitation needs the inviter's fresh password (`reauth`).
pub fn invite(
    conn: &mut Conn,
    settings: &Settings,
    now: DateTime<Utc>,
    (actor_id, fresh): (i64, Option<FreshPassword>),
    (email, name, role): (&str, &str, Role),
) -> Result<Option<i64>, AppError> {
    may_grant(role, fresh)?;
    let email = model::normalize_email(email).map_err(|e| AppError::Refused(e.0))?;
    let name = model::normalize_name(name).map_err(|e| AppError::Refused(e.0))?;
    let token = random_token();
    write_tx(conn, |tx| -> Result<_, AppError> {
        let user_id = match store::user_with_hash_by_email(tx, &email)? {
            Some((user, _)) if !user.active && store::only_invited(tx, user.id)? => {
                store::set_role(tx, user.id, role)?;
                user.id
            }
            Some(_) => return Err(AppError::Refused(EMAIL_IN_USE)),
            None => {
                let new = NewUser {
                    email: &email,
                    name: &name,
                    password_hash: NO_PASSWORD,
                    role,
                    language: settings.default_lang(),
                };
                let id =
                    store::insert_user(tx, &new, now)?.ok_or(AppError::Refused(EMAIL_IN_USE))?;
                store::set_active(tx, id, false)?;
                id
            }
        };
        let expires = now + Duration::days(LINK_DAYS);
        store::insert_invitation(tx, user_id, &hash_token(&token), actor_id, now, expires)?;
        let subject = format!("user:{user_id}");
        audit::record(
            tx,
            now,
            Some(actor_id),
            "user.invite",
            &subject,
            json!({"role": role.as_str()}),
        )?;
        Ok(send(tx, now, user_id, role, &token)?)
    })
}

fn send(
    conn: &Connection,
    now: DateTime<Utc>,
    user_id: i64,
    role: Role,
    token: &str,
) -> rusqlite::Result<Option<i64>> {
    let msg = Message::new(Kind::Invitation)
        .arg(
            "role",
            Arg::Localized {
                en: role_word(role, "en").into(),
                ru: role_word(role, "ru").into(),
            },
        )
        .link(format!("/invite?token={token}"));
    mail_only(conn, now, user_id, &msg)
}

fn role_word(role: Role, lang: &str) -> &'static str {
    match (role, lang) {
        (Role::Client, "ru") => "клиент",
        (Role::Worker, "ru") => "исполнитель",
        (Role::Manager, "ru") => "менеджер",
        (Role::Admin, "ru") => "администратор",
        (Role::Candidate, "ru") => "кандидат",
        (Role::Client, _) => "client",
        (Role::Worker, _) => "worker",
        (Role::Manager, _) => "manager",
        (Role::Admin, _) => "admin",
        (Role::Candidate, _) => "candidate",
    }
}

/// A new link for an open invitation, mailed; the old link stops working. A new link to a
/// privileged role is a grant like the first: it needs the fresh password too.
pub fn resend(
    conn: &mut Conn,
    now: DateTime<Utc>,
    (actor_id, fresh): (i64, Option<FreshPassword>),
    id: i64,
) -> Result<Option<i64>, AppError> {
    let token = random_token();
    write_tx(conn, |tx| -> Result<_, AppError> {
        let inv = store::invitation(tx, id)?.ok_or(AppError::NotFound)?;
        may_grant(inv.role, fresh)?;
        let expires = now + Duration::days(LINK_DAYS);
        if !store::renew_invitation(tx, id, &hash_token(&token), expires)? {
            return Err(AppError::Refused("flash-invite-closed"));
        }
        let subject = format!("user:{}", inv.user_id);
        audit::record(
            tx,
            now,
            Some(actor_id),
            "user.invite.resend",
            &subject,
            json!({}),
        )?;
        Ok(send(tx, now, inv.user_id, inv.role, &token)?)
    })
}

pub fn revoke(conn: &mut Conn, now: DateTime<Utc>, actor_id: i64, id: i64) -> Result<(), AppError> {
    write_tx(conn, |tx| -> Result<_, AppError> {
        let inv = store::invitation(tx, id)?.ok_or(AppError::NotFound)?;
        if !store::revoke_invitation(tx, id, now)? {
            return Err(AppError::Refused("flash-invite-closed"));
        }
        let subject = format!("user:{}", inv.user_id);
        audit::record(
            tx,
            now,
            Some(actor_id),
            "user.invite.revoke",
            &subject,
            json!({}),
        )?;
        Ok(())
    })
}

/// The open invitation a link belongs to.
pub fn by_link(
    conn: &Connection,
    token: &str,
    now: DateTime<Utc>,
) -> Result<Option<Invitation>, AppError> {
    Ok(store::open_invitation_by_token(
        conn,
        &hash_token(token),
        now,
    )?)
}

pub enum Accepted {
    /// Logged in: the session's token and the role's home.
    Done {
        session: String,
        home: &'static str,
    },
    DeadLink,
    Invalid(FormErrors),
}

/// The invited person chooses their name and password: the account becomes active, the
/// invitation accepted, and a session opens.
pub fn accept(
    conn: &mut Conn,
    settings: &Settings,
    now: DateTime<Utc>,
    token: &str,
    (name, password_typed): (&str, &str),
    (ip, user_agent): (&str, &str),
) -> Result<Accepted, AppError> {
    let mut errors = FormErrors::default();
    let name = model::normalize_name(name)
        .map_err(|e| errors.add("name", e.0))
        .ok();
    if let Err(e) = model::validate_password(password_typed) {
        errors.add("password", e.0);
    }
    let Some(name) = name.filter(|_| errors.is_empty()) else {
        return Ok(Accepted::Invalid(errors));
    };
    let hash = password::hash(password_typed)?;
    write_tx(conn, |tx| -> Result<_, AppError> {
        let Some(inv) = store::open_invitation_by_token(tx, &hash_token(token), now)? else {
            return Ok(Accepted::DeadLink);
        };
        if !store::accept_invitation(tx, inv.id, now)? {
            return Ok(Accepted::DeadLink);
        }
        store::activate_invited(tx, inv.user_id, &name, &hash)?;
        let subject = format!("user:{}", inv.user_id);
        audit::record(
            tx,
            now,
            Some(inv.user_id),
            "user.invite.accept",
            &subject,
            json!({}),
        )?;
        let session = open_session(tx, settings, now, inv.user_id, ip, user_agent)?;
        Ok(Accepted::Done {
            session,
            home: inv.role.home(),
        })
    })
}
