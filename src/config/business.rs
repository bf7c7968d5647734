//! The business settings an admin may change in the app (`/admin/settings`): which keys they
//! are, how a stored value is laid over the settings, and which keys the environment or the
//! TOML file hold (those win and are shown locked). The app's values sit between the
//! defaults and the file: default < app < TOML < environment < flags.

use std::collections::BTreeMap;

use super::raw::RawSettings;
use super::{Settings, SettingsError, invalid};
use crate::i18n::Lang;

/// The keys the app may store, in the order the settings page shows them. Commission lives
/// with the prices (`billing` controls) and the logo in its own table; both are edited on the
/// same page but are not file settings.
pub const KEYS: &[&str] = &[
    "company_name",
    "languages",
    "time_zone",
    "currency",
    "working_hours_start",
    "working_hours_end",
    "min_lead_minutes",
    "max_days_ahead",
    "cancellation_fee_percent",
    "pickup_points",
    "bets",
    "retain_report_photos_days",
    "retain_signatures_days",
    "retain_closed_accounts_days",
];

/// The pickup point the app ships with (the demo company's): the first-run settings ask for
/// the business's own rather than show workers this one.
pub const SHIPPED_PICKUP_POINT: &str = "Supply room, ground floor, 1 Depot Lane";

/// The business itself: its name, the languages it works in, whether bets run, and how long
/// personal data is kept.
#[derive(Debug, Clone)]
pub struct Business {
    pub company_name: String,
    /// Never empty; the first is the business's own language (shown where a text is missing).
    pub languages: Vec<Lang>,
    /// Off hides every bets page and stops their jobs.
    pub bets: bool,
    pub retention: Retention,
}

/// Days personal data is kept before it is removed or anonymised; `None` keeps it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Retention {
    pub report_photos_days: Option<i64>,
    pub signatures_days: Option<i64>,
    pub closed_accounts_days: Option<i64>,
}

impl Business {
    /// The business's first language, used where a text in the reader's is missing.
    pub fn first_language(&self) -> Lang {
        self.languages[0]
    }

    /// `lang` when the business uses it, else its first language.
    pub fn language_or_first(&self, lang: Lang) -> Lang {
        if self.languages.contains(&lang) {
            lang
        } else {
            self.first_language()
        }
    }
}

pub(super) fn business(raw: &RawSettings) -> Result<Business, SettingsError> {
    let name = raw.company_name.trim().to_string();
    if name.is_empty() || name.chars().count() > 80 {
        return Err(invalid("company_name", "must be 1 to 80 characters"));
    }
    let mut languages = Vec::new();
    for code in raw
        .languages
        .split(',')
        .map(str::trim)
        .filter(|c| !c.is_empty())
    {
        let lang = Lang::from_code(code)
            .ok_or_else(|| invalid("languages", format!("`{code}` is not `en` or `ru`")))?;
        if !languages.contains(&lang) {
            languages.push(lang);
        }
    }
    if languages.is_empty() {
        return Err(invalid("languages", "must name at least one of en, ru"));
    }
    let days = |name: &str, v: i64| match v {
        0 => Ok(None),
        1..=36_500 => Ok(Some(v)),
        _ => Err(invalid(name, "must be 0 (keep) or 1 to 36500 days")),
    };
    Ok(Business {
        company_name: name,
        languages,
        bets: raw.bets,
        retention: Retention {
            report_photos_days: days("retain_report_photos_days", raw.retain_report_photos_days)?,
            signatures_days: days("retain_signatures_days", raw.retain_signatures_days)?,
            closed_accounts_days: days(
                "retain_closed_accounts_days",
                raw.retain_closed_accounts_days,
            )?,
        },
    })
}

impl RawSettings {
    /// Sets one business key from its form text. Lists are comma- (languages) or
    /// line-separated (pickup points); switches are `on`/`off`.
    pub(super) fn set(&mut self, key: &str, value: &str) -> Result<(), SettingsError> {
        let number = |v: &str| {
            v.trim()
                .parse::<i64>()
                .map_err(|_| invalid(key, "must be a whole number"))
        };
        match key {
            "company_name" => self.company_name = value.to_string(),
            "languages" => self.languages = value.to_string(),
            "time_zone" => self.time_zone = value.trim().to_string(),
            "currency" => self.currency = value.trim().to_ascii_uppercase(),
            "working_hours_start" => self.working_hours_start = value.trim().to_string(),
            "working_hours_end" => self.working_hours_end = value.trim().to_string(),
            "min_lead_minutes" => self.min_lead_minutes = number(value)?,
            "max_days_ahead" => self.max_days_ahead = number(value)?,
            "cancellation_fee_percent" => self.cancellation_fee_percent = number(value)?,
            "pickup_points" => {
                self.pickup_point = None;
                self.pickup_points = value
                    .lines()
                    .map(str::trim)
                    .filter(|l| !l.is_empty())
                    .map(str::to_string)
                    .collect();
            }
            "bets" => self.bets = value == "on",
            "retain_report_photos_days" => self.retain_report_photos_days = number(value)?,
            "retain_signatures_days" => self.retain_signatures_days = number(value)?,
            "retain_closed_accounts_days" => self.retain_closed_accounts_days = number(value)?,
            _ => return Err(invalid(key, "is not a business setting")),
        }
        Ok(())
    }
}

impl Settings {
    /// These settings with the app's stored business values laid over them, except where the
    /// environment or the file holds the key. Only the stored keys' fields change, so anything
    /// else set at start (flags, tests) stays. Fails naming the first invalid key.
    pub fn with_stored(
        &self,
        stored: &BTreeMap<String, String>,
    ) -> Result<Settings, SettingsError> {
        let mut raw = self.raw.clone();
        let mut taken = Vec::new();
        for (key, value) in stored {
            if KEYS.contains(&key.as_str()) && !self.locked.contains_key(key) {
                raw.set(key, value)?;
                taken.push(key.as_str());
            }
        }
        let fresh = Settings::validate(&self.data_dir, raw.clone())?;
        let mut out = self.clone();
        out.raw = raw;
        for key in taken {
            out.take(key, &fresh);
        }
        Ok(out)
    }

    /// Copies the field(s) behind one business key from `fresh`.
    fn take(&mut self, key: &str, fresh: &Settings) {
        match key {
            "company_name" => self.business.company_name = fresh.business.company_name.clone(),
            "languages" => self.business.languages = fresh.business.languages.clone(),
            "bets" => self.business.bets = fresh.business.bets,
            "retain_report_photos_days"
            | "retain_signatures_days"
            | "retain_closed_accounts_days" => {
                self.business.retention = fresh.business.retention;
            }
            "time_zone" => self.time_zone = fresh.time_zone,
            "currency" => self.currency = fresh.currency.clone(),
            "working_hours_start" | "working_hours_end" => {
                self.orders.opens_at = fresh.orders.opens_at;
                self.orders.closes_at = fresh.orders.closes_at;
            }
            "min_lead_minutes" => self.orders.min_lead_minutes = fresh.orders.min_lead_minutes,
            "max_days_ahead" => self.orders.max_days_ahead = fresh.orders.max_days_ahead,
            "cancellation_fee_percent" => {
                self.orders.cancellation_fee_percent = fresh.orders.cancellation_fee_percent;
            }
            "pickup_points" => self.supply.pickup_points = fresh.supply.pickup_points.clone(),
            _ => {}
        }
    }

    /// Where a locked key's value comes from ("environment variable …", "file …"), or none
    /// when the app may change it.
    pub fn lock_of(&self, key: &str) -> Option<&str> {
        self.locked.get(key).map(String::as_str)
    }

    /// A business key's value as the settings form shows it.
    pub fn form_value(&self, key: &str) -> String {
        let days = |d: Option<i64>| d.unwrap_or(0).to_string();
        let retention = self.business.retention;
        match key {
            "company_name" => self.business.company_name.clone(),
            "languages" => {
                let codes: Vec<&str> = self.business.languages.iter().map(|l| l.code()).collect();
                codes.join(",")
            }
            "time_zone" => self.time_zone.name().to_string(),
            "currency" => self.currency.clone(),
            "working_hours_start" => self.orders.opens_at.format("%H:%M").to_string(),
            "working_hours_end" => self.orders.closes_at.format("%H:%M").to_string(),
            "min_lead_minutes" => self.orders.min_lead_minutes.to_string(),
            "max_days_ahead" => self.orders.max_days_ahead.to_string(),
            "cancellation_fee_percent" => self.orders.cancellation_fee_percent.to_string(),
            "pickup_points" => self.supply.pickup_points.join("\n"),
            "bets" => if self.business.bets { "on" } else { "off" }.to_string(),
            "retain_report_photos_days" => days(retention.report_photos_days),
            "retain_signatures_days" => days(retention.signatures_days),
            "retain_closed_accounts_days" => days(retention.closed_accounts_days),
            _ => String::new(),
        }
    }
}

/// The business keys the upper layers (file, environment, flags) set, with where from.
pub(super) fn locks(upper: &figment::Figment, env_prefix: &str) -> BTreeMap<String, String> {
    let mut locked = BTreeMap::new();
    for key in KEYS.iter().chain(["pickup_point"].iter()) {
        let Some(meta) = upper.find_metadata(key) else {
            continue;
        };
        let source = match &meta.source {
            Some(figment::Source::File(file)) => format!("file {}", file.display()),
            _ if meta.name.contains("environment") => {
                format!(
                    "environment variable {env_prefix}{}",
                    key.to_ascii_uppercase()
                )
            }
            _ => "command line".to_string(),
        };
        let key = if *key == "pickup_point" {
            "pickup_points"
        } else {
            key
        };
        locked.insert(key.to_string(), source);
    }
    locked
}
