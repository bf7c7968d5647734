//! Saving the business settings: what changed, whether each value is valid (checked exactly
//! as a file value is), the rules on changing them (the currency is fixed after the first
//! ledger posting; a language goes only when no content is written in it alone; a time zone
//! change or moving people to another language is confirmed first), then one audited,
//! numbered version. The caller makes the result live after the commit.

use std::collections::BTreeMap;

use chrono::{DateTime, Utc};
use serde_json::json;

use crate::admin::store::settings as store;
use crate::billing::model::discounts::{format_percent, parse_percent_bp};
use crate::billing::service::{controls, pricing};
use crate::config::LiveSettings;
use crate::config::business::KEYS;
use crate::error::AppError;
use crate::i18n::Lang;

/// What the settings form sent: the business keys it showed (locked ones are ignored), the
/// commission in percent, and which warnings the admin confirmed (`Warning::key`s).
#[derive(Debug, Default, Clone)]
pub struct Submitted {
    pub values: BTreeMap<String, String>,
    pub commission: String,
    pub confirmed: String,
}

/// A refused value: the field and the message id (with one argument where it names a thing).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    pub key: String,
    /// A Fluent id; `settings-invalid-<key>` for a value the checks refuse.
    pub message: String,
    pub arg: String,
}

/// What a change moves, said before it is saved.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Warning {
    /// Upcoming orders keep their moment; their local times and the working hours move.
    TimeZone {
        from: String,
        to: String,
        upcoming: i64,
    },
    /// People reading a language the business stops using are moved to its first language.
    PeopleMoved { from: Lang, to: Lang, people: i64 },
}

impl Warning {
    /// What was warned of, without the counts (they may move between the two requests): a
    /// confirmation holds only for the changes it was shown.
    fn key(&self) -> String {
        match self {
            Warning::TimeZone { from, to, .. } => format!("time_zone:{from}>{to}"),
            Warning::PeopleMoved { from, to, .. } => {
                format!("language:{}>{}", from.code(), to.code())
            }
        }
    }

    /// The confirmation the page carries for `warnings`.
    pub fn confirmation(warnings: &[Warning]) -> String {
        let keys: Vec<String> = warnings.iter().map(Warning::key).collect();
        keys.join(";")
    }
}

#[derive(Debug)]
pub enum Outcome {
    /// Saved as this version; `None` when nothing had changed.
    Saved(Option<i64>),
    Invalid(Vec<Problem>),
    Confirm(Vec<Warning>),
}

fn problem(key: &str, message: &str, arg: impl Into<String>) -> Problem {
    Problem {
        key: key.to_string(),
        message: message.to_string(),
        arg: arg.into(),
    }
}

/// Checks and saves `form` inside `tx`.
pub fn save(
    tx: &rusqlite::Connection,
    live: &LiveSettings,
    form: &Submitted,
    actor: i64,
    now: DateTime<Utc>,
) -> Result<Outcome, AppError> {
    let current = live.get();
    let mut candidate = crate::state::stored_settings(tx)?;
    for key in KEYS {
        if let Some(value) = form.values.get(*key)
            && current.lock_of(key).is_none()
        {
            candidate.insert(key.to_string(), value.clone());
        }
    }
    let next = match live.preview(&candidate) {
        Ok(next) => next,
        Err(e) => {
            // The old single pickup point is the list's field on the page.
            let key = if e.name == "pickup_point" {
                "pickup_points"
            } else {
                &e.name
            };
            let message = format!("settings-invalid-{key}");
            return Ok(Outcome::Invalid(vec![problem(key, &message, "")]));
        }
    };
    let changes: BTreeMap<String, (String, String)> = KEYS
        .iter()
        .map(|k| (k.to_string(), (current.form_value(k), next.form_value(k))))
        .filter(|(_, (old, new))| old != new)
        .collect();
    let pricing_now = pricing::settings(tx)?;
    let Some(commission_bp) = parse_percent_bp(form.commission.trim()).filter(|bp| *bp <= 10_000)
    else {
        return Ok(Outcome::Invalid(vec![problem(
            "commission",
            "settings-commission-invalid",
            "",
        )]));
    };

    let mut problems = Vec::new();
    if changes.contains_key("currency") && store::ledger_posted(tx)? {
        problems.push(problem(
            "currency",
            "settings-currency-locked",
            current.currency.clone(),
        ));
    }
    let removed: Vec<Lang> = current
        .business
        .languages
        .iter()
        .copied()
        .filter(|l| !next.business.languages.contains(l))
        .collect();
    for lang in &removed {
        if let Some(name) = store::written_only_in(tx, *lang)? {
            problems.push(problem("languages", "settings-language-content", name));
        }
    }
    if !problems.is_empty() {
        return Ok(Outcome::Invalid(problems));
    }

    let first = next.business.first_language();
    let mut warnings = Vec::new();
    if let Some((from, to)) = changes.get("time_zone") {
        let upcoming = store::upcoming_orders(tx, now)?;
        warnings.push(Warning::TimeZone {
            from: from.clone(),
            to: to.clone(),
            upcoming,
        });
    }
    for lang in &removed {
        let people = store::people_speaking(tx, lang.code())?;
        if people > 0 {
            warnings.push(Warning::PeopleMoved {
                from: *lang,
                to: first,
                people,
            });
        }
    }
    if !warnings.is_empty() && form.confirmed != Warning::confirmation(&warnings) {
        return Ok(Outcome::Confirm(warnings));
    }

    let commission_changed = commission_bp != pricing_now.commission_bp;
    if changes.is_empty() && !commission_changed {
        return Ok(Outcome::Saved(None));
    }
    for lang in &removed {
        crate::auth::store::move_language(tx, *lang, first)?;
    }
    if commission_changed {
        let new = pricing::PricingSettings {
            commission_bp,
            ..pricing_now.clone()
        };
        controls::save_settings(tx, &new, actor, now)?;
    }
    let mut all = changes.clone();
    if commission_changed {
        all.insert(
            "commission_percent".into(),
            (
                format_percent(pricing_now.commission_bp),
                format_percent(commission_bp),
            ),
        );
    }
    let version = store::save(tx, &changes, &all, actor, now)?;
    crate::audit::record(
        tx,
        now,
        Some(actor),
        "settings.business",
        &format!("settings:{version}"),
        json!({ "version": version, "changes": all }),
    )?;
    Ok(Outcome::Saved(Some(version)))
}
