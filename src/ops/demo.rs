//! Loads the demo fixtures (`fixtures/demo.toml`): the demo accounts SPEC.md fixes, all with
//! the password `whiskers-demo`. Idempotent: a second run adds nothing. Only ever called for
//! `demo` and `serve --demo`.

use serde::Deserialize;

use crate::auth::model::{Permission, Role};
use crate::auth::{password, store};
use crate::db::write_tx;
use crate::startup::AppState;
use crate::web::i18n::Lang;

pub const DEMO_PASSWORD: &str = "whiskers-demo";

#[derive(Deserialize)]
struct Fixtures {
    users: Vec<DemoUser>,
}

#[derive(Deserialize)]
struct DemoUser {
    email: String,
    name: String,
    role: String,
    #[serde(default)]
    language: Option<String>,
    #[serde(default)]
    permissions: Vec<String>,
}

fn fixtures() -> anyhow::Result<Fixtures> {
    Ok(toml::from_str(include_str!("../../fixtures/demo.toml"))?)
}

/// Creates whatever demo data is missing; returns how many accounts were added.
pub fn load(state: &AppState) -> anyhow::Result<usize> {
    let fixtures = fixtures()?;
    let hash = password::hash(DEMO_PASSWORD)?;
    let now = state.clock.now();
    let mut conn = state.pool.get()?;
    write_tx(&mut conn, |tx| -> anyhow::Result<usize> {
        let mut added = 0;
        for u in &fixtures.users {
            let role = Role::parse(&u.role)
                .ok_or_else(|| anyhow::anyhow!("fixture {}: unknown role {}", u.email, u.role))?;
            let language = u
                .language
                .as_deref()
                .and_then(Lang::from_code)
                .unwrap_or_default();
            let new = store::NewUser {
                email: &u.email,
                name: &u.name,
                password_hash: &hash,
                role,
                language,
            };
            let Some(id) = store::insert_user(tx, &new, now)? else {
                continue;
            };
            for p in &u.permissions {
                let p = Permission::parse(p).ok_or_else(|| {
                    anyhow::anyhow!("fixture {}: unknown permission {p}", u.email)
                })?;
                store::set_permission(tx, id, p.as_str(), true)?;
            }
            added += 1;
        }
        Ok(added)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fixtures_hold_the_fixed_demo_accounts() {
        let f = fixtures().unwrap();
        for email in [
            "client@example.com",
            "worker@example.com",
            "manager@example.com",
            "admin@example.com",
            "candidate@example.com",
        ] {
            assert!(f.users.iter().any(|u| u.email == email), "{email} missing");
        }
        let manager = f
            .users
            .iter()
            .find(|u| u.email == "manager@example.com")
            .unwrap();
        assert!(manager.permissions.iter().any(|p| p == "bets"));
    }
}
