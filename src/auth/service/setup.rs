//! First-run set-up: while no admin exists, each start makes a one-time link (a day, its
//! token stored hashed) that creates the first admin and signs them in. Once any admin
//! exists, by this link or by `admin create-user`, the link is refused. Blocking functions:
//! callers run them on the blocking pool.

use chrono::{DateTime, Duration, Utc};
use rusqlite::Connection;
use serde_json::json;

use crate::audit;
use crate::auth::model::tokens::{hash_token, random_token};
use crate::auth::model::{self, Role, password};
use crate::auth::service::{EMAIL_TAKEN, NewAccount, insert_account, open_session};
use crate::auth::store;
use crate::config::Settings;
use crate::db::{Conn, write_tx};
use crate::error::AppError;
use crate::i18n::Lang;
use crate::validate::FormErrors;

/// How long a set-up link works.
pub const LINK_HOURS: i64 = 24;

/// A new link's token when no active admin exists (the previous link stops working), or
/// `None` when one does (and any link left is removed).
pub fn renew(conn: &mut Conn, now: DateTime<Utc>) -> Result<Option<String>, AppError> {
    write_tx(conn, |tx| -> Result<_, AppError> {
        if store::active_admin_exists(tx)? {
            store::delete_setup_link(tx)?;
            return Ok(None);
        }
        let token = random_token();
        let expires = now + Duration::hours(LINK_HOURS);
        store::replace_setup_link(tx, &hash_token(&token), now, expires)?;
        Ok(Some(token))
    })
}

/// Whether `token` opens the set-up form: its link is unused and unexpired, and no admin
/// exists yet.
pub fn link_open(conn: &Connection, token: &str, now: DateTime<Utc>) -> Result<bool, AppError> {
    Ok(
        !store::active_admin_exists(conn)?
            && store::setup_link_open(conn, &hash_token(token), now)?,
    )
}

/// What the form typed.
pub struct FirstAdmin<'a> {
    pub name: &'a str,
    pub email: &'a str,
    pub password: &'a str,
    pub language: Lang,
}

pub enum SetUp {
    /// Signed in: the session's token.
    Done {
        session: String,
    },
    DeadLink,
    Invalid(FormErrors),
}

/// Creates the first admin (audited), uses the link up and opens the admin's session, in
/// one transaction: two tabs posting the same link make one admin.
pub fn complete(
    conn: &mut Conn,
    settings: &Settings,
    now: DateTime<Utc>,
    token: &str,
    typed: &FirstAdmin,
    (ip, user_agent): (&str, &str),
) -> Result<SetUp, AppError> {
    let mut errors = FormErrors::default();
    let name = model::normalize_name(typed.name)
        .map_err(|e| errors.add("name", e.0))
        .ok();
    let email = model::normalize_email(typed.email)
        .map_err(|e| errors.add("email", e.0))
        .ok();
    if let Err(e) = model::validate_password(typed.password) {
        errors.add("password", e.0);
    }
    let (Some(name), Some(email)) = (name, email) else {
        return Ok(SetUp::Invalid(errors));
    };
    if !errors.is_empty() {
        return Ok(SetUp::Invalid(errors));
    }
    let hash = password::hash(typed.password)?;
    let account = NewAccount {
        name,
        email,
        password: String::new(),
        role: Role::Admin,
        language: typed.language,
    };
    write_tx(conn, |tx| -> Result<_, AppError> {
        if store::active_admin_exists(tx)? {
            return Ok(SetUp::DeadLink);
        }
        // Checked before the link is used: an invalid form leaves the link working.
        if store::user_with_hash_by_email(tx, &account.email)?.is_some() {
            let mut errors = FormErrors::default();
            errors.add("email", EMAIL_TAKEN);
            return Ok(SetUp::Invalid(errors));
        }
        if !store::use_setup_link(tx, &hash_token(token), now)? {
            return Ok(SetUp::DeadLink);
        }
        let (id, _) = insert_account(tx, settings, now, &account, &hash)?;
        let subject = format!("user:{id}");
        audit::record(
            tx,
            now,
            Some(id),
            "user.setup",
            &subject,
            json!({"role": "admin"}),
        )?;
        let session = open_session(tx, settings, now, id, ip, user_agent)?;
        Ok(SetUp::Done { session })
    })
}
