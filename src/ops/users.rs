//! `admin create-user`: creates an account of any role from the command line; and the
//! first-run set-up link `serve` prints while no admin exists.

use crate::auth::model::password;
use crate::auth::model::{self, Role};
use crate::auth::service::{NewAccount, create_account};
use crate::error::AppError;
use crate::state::AppState;

/// Creates the user; returns the id and, when no password was given, the generated one.
pub fn create_user(
    state: &AppState,
    role: &str,
    email: &str,
    name: &str,
    password: Option<String>,
) -> anyhow::Result<(i64, Option<String>)> {
    let role = Role::parse(role).ok_or_else(|| {
        anyhow::anyhow!("unknown role `{role}`: use client, worker, manager, admin or candidate")
    })?;
    let email = model::normalize_email(email)
        .map_err(|_| anyhow::anyhow!("`{email}` is not a valid email address"))?;
    let name = model::normalize_name(name)
        .map_err(|_| anyhow::anyhow!("the name must be 1–100 characters"))?;
    let (password, generated) = match password.filter(|p| !p.is_empty()) {
        Some(p) => {
            model::validate_password(&p)
                .map_err(|e| anyhow::anyhow!("password refused ({})", e.0))?;
            (p, None)
        }
        None => {
            let p = password::generate();
            (p.clone(), Some(p))
        }
    };
    let account = NewAccount {
        name,
        email: email.clone(),
        password,
        role,
        language: state.settings().default_lang(),
    };
    let mut conn = state.pool.get()?;
    match create_account(&mut conn, &state.settings(), state.clock.now(), &account) {
        Ok((id, _)) => Ok((id, generated)),
        Err(AppError::Refused(_)) => anyhow::bail!("a user with email {email} already exists"),
        Err(e) => Err(e.into()),
    }
}

/// While no admin exists, a fresh one-time set-up link (the previous one stops working) and
/// the words around it; `None` once an admin exists.
pub fn setup_link(state: &AppState) -> anyhow::Result<Option<String>> {
    let now = state.clock.now();
    let token = crate::auth::service::setup::renew(&mut *state.pool.get()?, now)?;
    let settings = state.settings();
    let base = settings.base_url.trim_end_matches('/');
    Ok(token.map(|token| {
        format!(
            "No admin yet. Open this link within {} hours to create the first admin (it works \
             once; a restart makes a new one):\n{base}/setup?token={token}",
            crate::auth::service::setup::LINK_HOURS
        )
    }))
}
