//! Loads the demo fixtures (`fixtures/demo.toml`): the demo accounts SPEC.md fixes, all with
//! the password `whiskers-demo`. Idempotent: a second run adds nothing. Only ever called for
//! `demo` and `serve --demo`.

use serde::Deserialize;

use crate::auth::model::password;
use crate::auth::model::{Permission, Role};
use crate::auth::store;
use crate::billing::service::gateway::SharedGateway;
use crate::catalogue::model::ServiceInput;
use crate::catalogue::store as catalogue;
use crate::db::write_tx;
use crate::i18n::Lang;
use crate::matching::store::availability;
use crate::profile::store as profile;
use crate::state::AppState;
use crate::supply::store as supply;

pub const DEMO_PASSWORD: &str = "whiskers-demo";

#[derive(Deserialize)]
struct Fixtures {
    users: Vec<DemoUser>,
    services: Vec<DemoService>,
    addresses: Vec<DemoAddress>,
    workers: Vec<DemoWorker>,
    #[serde(default)]
    consumables: Vec<DemoConsumable>,
    #[serde(default)]
    skills: Vec<DemoSkill>,
}

#[derive(Deserialize)]
struct DemoSkill {
    code: String,
    name_en: String,
    name_ru: String,
}

#[derive(Deserialize)]
struct DemoConsumable {
    sku: String,
    name: String,
    name_ru: String,
    unit: String,
    unit_ru: String,
    on_hand: i64,
    reorder_level: i64,
}

#[derive(Deserialize)]
struct DemoMaterial {
    sku: String,
    quantity: i64,
}

#[derive(Deserialize)]
struct DemoWorker {
    email: String,
    skills: Vec<String>,
    /// "HH:MM-HH:MM", every day of the week.
    hours: String,
}

#[derive(Deserialize)]
struct DemoService {
    code: String,
    skill: String,
    name_en: String,
    name_ru: String,
    description_en: String,
    description_ru: String,
    duration_minutes: i64,
    base_price_minor: i64,
    #[serde(default)]
    options: Vec<DemoOption>,
    #[serde(default)]
    checklist: Vec<DemoChecklistItem>,
    #[serde(default)]
    materials: Vec<DemoMaterial>,
}

#[derive(Deserialize)]
struct DemoOption {
    name_en: String,
    name_ru: String,
    price_minor: i64,
}

#[derive(Deserialize)]
struct DemoChecklistItem {
    en: String,
    ru: String,
}

#[derive(Deserialize)]
struct DemoAddress {
    email: String,
    label: String,
    address: String,
    access_notes: String,
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
pub fn load(state: &AppState, gateway: &SharedGateway) -> anyhow::Result<usize> {
    let fixtures = fixtures()?;
    let hash = password::hash(DEMO_PASSWORD)?;
    let now = state.clock.now();
    let mut conn = state.pool.get()?;
    let added = write_tx(&mut conn, |tx| -> anyhow::Result<usize> {
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
        load_catalogue(tx, &fixtures, now)?;
        Ok(added)
    })?;
    // The default screening, now that the catalogue names its services.
    crate::hiring::service::defaults::ensure(&mut conn, now)?;
    invite_demo_candidate(state, &mut conn, &fixtures)?;
    drop(conn);
    demo_cards(state, gateway)?;
    Ok(added)
}

/// The demo candidate is invited to the default tests, as if they had applied today.
fn invite_demo_candidate(
    state: &AppState,
    conn: &mut crate::db::Conn,
    fixtures: &Fixtures,
) -> anyhow::Result<()> {
    let now = state.clock.now();
    for u in fixtures.users.iter().filter(|u| u.role == "candidate") {
        write_tx(conn, |tx| -> anyhow::Result<()> {
            let Some((user, _)) = store::user_with_hash_by_email(tx, &u.email)? else {
                return Ok(());
            };
            let Some(c) = crate::hiring::store::by_user(tx, user.id)? else {
                return Ok(());
            };
            if crate::hiring::service::attempts::for_candidate(tx, c.id)?.is_empty() {
                let services: Vec<i64> = catalogue::services(tx, true)?
                    .iter()
                    .map(|s| s.id)
                    .collect();
                crate::hiring::service::apply::invite(tx, &state.settings(), now, c.id, &services)
                    .map_err(|e| anyhow::anyhow!("demo invitations: {e:?}"))?;
            }
            Ok(())
        })?;
    }
    Ok(())
}

/// The demo client pays and the demo worker is paid with the gateway's test card.
fn demo_cards(state: &AppState, gateway: &SharedGateway) -> anyhow::Result<()> {
    use crate::billing::cards::{self, CardForm, Purpose};
    for (email, purpose) in [
        ("client@example.com", Purpose::Charge),
        ("worker@example.com", Purpose::Payout),
    ] {
        let conn = state.pool.get()?;
        let Some((user, _)) = store::user_with_hash_by_email(&conn, email)? else {
            continue;
        };
        if cards::current(&conn, user.id, purpose)?.is_some() {
            continue;
        }
        drop(conn);
        let form = CardForm {
            card_number: "4242 4242 4242 4242".into(),
            exp_month: "12".into(),
            exp_year: "2035".into(),
            cvc: "123".into(),
        };
        cards::add(
            &crate::wiring::billing_deps(state, gateway),
            user.id,
            purpose,
            &form,
        )
        .map_err(|e| anyhow::anyhow!("demo card: {e:?}"))?
        .map_err(|_| anyhow::anyhow!("demo card refused"))?;
    }
    Ok(())
}

/// Loads only the demo catalogue (for `simulate`, which brings its own people).
pub fn load_services(
    conn: &mut crate::db::Conn,
    now: chrono::DateTime<chrono::Utc>,
) -> anyhow::Result<()> {
    let catalogue_only = Fixtures {
        users: vec![],
        addresses: vec![],
        ..fixtures()?
    };
    write_tx(conn, |tx| load_catalogue(tx, &catalogue_only, now))
}

/// Consumables with their opening stock as a receipt, once each.
fn load_stock(
    tx: &crate::db::WriteTx,
    fixtures: &Fixtures,
    now: chrono::DateTime<chrono::Utc>,
) -> anyhow::Result<()> {
    for c in &fixtures.consumables {
        let name = crate::i18n::Texts::new(&c.name, &c.name_ru);
        let unit = crate::i18n::Texts::new(&c.unit, &c.unit_ru);
        let Some(id) = supply::insert_consumable(tx, &c.sku, &name, &unit, c.reorder_level, now)?
        else {
            continue;
        };
        let opening = supply::NewMovement {
            consumable_id: id,
            kind: crate::supply::model::MovementKind::Receipt,
            quantity: c.on_hand,
            reason: "opening stock",
            order_id: None,
            actor_id: None,
        };
        supply::insert_movement(tx, &opening, now)?;
    }
    Ok(())
}

/// Services (with options and checklist) and the demo client's address, once each.
fn load_catalogue(
    tx: &crate::db::WriteTx,
    fixtures: &Fixtures,
    now: chrono::DateTime<chrono::Utc>,
) -> anyhow::Result<()> {
    load_stock(tx, fixtures, now)?;
    // Listed first, so the services and workers naming them do not list them by their codes.
    for s in &fixtures.skills {
        let names = crate::catalogue::model::skills::SkillNames {
            name_en: s.name_en.clone(),
            name_ru: s.name_ru.clone(),
        };
        catalogue::skills::insert(tx, &s.code, &names)?;
    }
    for s in &fixtures.services {
        let input = ServiceInput {
            code: s.code.clone(),
            name_en: s.name_en.clone(),
            name_ru: s.name_ru.clone(),
            description_en: s.description_en.clone(),
            description_ru: s.description_ru.clone(),
            duration_minutes: s.duration_minutes,
            base_price_minor: s.base_price_minor,
            skill: s.skill.clone(),
        };
        let Some(id) = catalogue::insert_service(tx, &input, now)? else {
            continue;
        };
        for o in &s.options {
            catalogue::insert_option(tx, id, &o.name_en, &o.name_ru, o.price_minor)?;
        }
        for item in &s.checklist {
            catalogue::insert_checklist_item(tx, id, &item.en, &item.ru)?;
        }
        for m in &s.materials {
            let item = supply::consumable_by_sku(tx, &m.sku)?
                .ok_or_else(|| anyhow::anyhow!("fixture {}: unknown SKU {}", s.code, m.sku))?;
            supply::set_material(tx, id, item.id, m.quantity)?;
        }
    }
    for w in &fixtures.workers {
        let Some((user, _)) = store::user_with_hash_by_email(tx, &w.email)? else {
            continue;
        };
        if availability::availability(tx, user.id)?.hours.is_empty() {
            let (start, end) = w
                .hours
                .split_once('-')
                .ok_or_else(|| anyhow::anyhow!("fixture {}: hours", w.email))?;
            let (start, end) = availability::parse_minutes(start)
                .zip(availability::parse_minutes(end))
                .ok_or_else(|| anyhow::anyhow!("fixture {}: hours", w.email))?;
            availability::set_hours(
                tx,
                user.id,
                &(1..=7).map(|d| (d, start, end)).collect::<Vec<_>>(),
            )?;
            availability::set_skills(tx, user.id, &w.skills)?;
            availability::set_on_duty(tx, user.id, true)?;
        }
    }
    // The demo candidate has applied for every service.
    for u in fixtures.users.iter().filter(|u| u.role == "candidate") {
        let Some((user, _)) = store::user_with_hash_by_email(tx, &u.email)? else {
            continue;
        };
        if crate::hiring::store::by_user(tx, user.id)?.is_none() {
            let services: Vec<i64> = catalogue::services(tx, true)?
                .iter()
                .map(|s| s.id)
                .collect();
            crate::hiring::store::insert(
                tx,
                user.id,
                "+7 900 000-00-00",
                "Applied through the demo.",
                &services,
                now,
            )?;
        }
    }
    for a in &fixtures.addresses {
        let Some((user, _)) = store::user_with_hash_by_email(tx, &a.email)? else {
            continue;
        };
        if profile::addresses(tx, user.id)?.is_empty() {
            profile::insert_address(tx, user.id, &a.label, &a.address, &a.access_notes, now)?;
        }
    }
    Ok(())
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
