//! Typed settings: built-in defaults, then an optional TOML file, then `WHISKERWORKS_*`
//! environment variables, then command-line flags. Invalid values stop start-up with a
//! message naming the setting. Settings are passed in, never global. The keys are one flat
//! list (`raw`); each section validates its own: `server` (general and access), `mail`,
//! `orders`, `matching`, `supply`, `billing`, `quality`, `security`, `operations`.

mod billing;
mod brand;
pub mod business;
mod hiring;
mod live;
mod mail;
mod matching;
mod operations;
mod orders;
mod quality;
mod raw;
mod security;
mod server;
mod supply;
#[cfg(test)]
mod tests;

use std::net::SocketAddr;
use std::path::{Path, PathBuf};

use chrono_tz::Tz;
use figment::Figment;
use figment::providers::{Env, Format, Serialized, Toml};

pub use billing::BillingRules;
pub use brand::Brand;
pub use business::{Business, Retention};
pub use hiring::HiringRules;
pub use live::LiveSettings;
pub use operations::{LogFormat, OperationsRules};
pub use orders::OrderRules;
pub use quality::{InsightThresholds, QualityRules};
use raw::RawSettings;
pub use security::{RequestBudget, SecurityRules, UploadLimits};
pub use supply::SupplyRules;

use crate::i18n::Lang;

/// Validated settings used by the whole application.
#[derive(Debug, Clone)]
pub struct Settings {
    pub data_dir: PathBuf,
    pub bind: SocketAddr,
    pub base_url: String,
    pub time_zone: Tz,
    pub currency: String,
    pub default_language: Lang,
    /// `smtp://user:pass@host:port` or `smtps://…`; when absent, mail is written as files.
    pub smtp_url: Option<String>,
    pub mail_from: lettre::message::Mailbox,
    pub secure_cookies: bool,
    pub session_days: i64,
    pub trust_proxy: bool,
    /// Run background jobs and schedules inside `serve` (tests switch this off and drain).
    pub jobs: bool,
    pub mail_max_attempts: u32,
    pub login_max_failures_per_account: u32,
    pub login_max_failures_per_ip: u32,
    pub login_window_minutes: i64,
    pub log: String,
    /// Rules for when orders may be placed, cancelled and offered.
    pub orders: OrderRules,
    pub supply: SupplyRules,
    pub billing: BillingRules,
    pub quality: QualityRules,
    pub security: SecurityRules,
    /// Shutdown grace, scheduled backups, metrics and the log format.
    pub operations: OperationsRules,
    /// Re-certification of workers.
    pub hiring: HiringRules,
    /// The business's name, languages, bets switch and retention (changeable in the app).
    pub business: Business,
    /// The raw values these settings were validated from, for laying the app's over them.
    raw: RawSettings,
    /// Business keys the file, environment or flags set, with where from: they win.
    locked: std::collections::BTreeMap<String, String>,
}

#[derive(Debug, thiserror::Error)]
#[error("invalid setting `{name}`: {problem}")]
pub struct SettingsError {
    pub name: String,
    pub problem: String,
}

fn invalid(name: &str, problem: impl Into<String>) -> SettingsError {
    SettingsError {
        name: name.into(),
        problem: problem.into(),
    }
}

/// Command-line values that take precedence over file and environment.
#[derive(Debug, Default, Clone)]
pub struct Overrides {
    pub bind: Option<String>,
}

impl Settings {
    /// Loads settings for `data_dir` from defaults, `config_file` (if given), the environment
    /// and `overrides`, and validates them.
    pub fn load(
        data_dir: &Path,
        config_file: Option<&Path>,
        overrides: &Overrides,
    ) -> Result<Settings, SettingsError> {
        Self::load_from(data_dir, config_file, overrides, "WHISKERWORKS_")
    }

    /// `load` reading the environment variables named with `env_prefix` (tests use their own).
    pub fn load_from(
        data_dir: &Path,
        config_file: Option<&Path>,
        overrides: &Overrides,
        env_prefix: &str,
    ) -> Result<Settings, SettingsError> {
        // The layers above the app's stored values; their business keys are locked.
        let mut upper = Figment::new();
        if let Some(file) = config_file {
            if !file.exists() {
                return Err(invalid(
                    "config",
                    format!("file {} not found", file.display()),
                ));
            }
            upper = upper.merge(Toml::file(file));
        }
        upper = upper.merge(Env::prefixed(env_prefix).ignore(&["data_dir", "config"]));
        if let Some(bind) = &overrides.bind {
            upper = upper.merge(Serialized::default("bind", bind));
        }
        let figment =
            Figment::from(Serialized::defaults(RawSettings::default())).merge(upper.clone());
        let raw: RawSettings = figment.extract().map_err(|e| {
            let name = e.path.join(".");
            invalid(
                if name.is_empty() { "config" } else { &name },
                e.kind.to_string(),
            )
        })?;
        let mut settings = Self::validate(data_dir, raw)?;
        settings.locked = business::locks(&upper, env_prefix);
        Ok(settings)
    }

    /// Validates each section in turn; the first invalid value stops with its name.
    fn validate(data_dir: &Path, raw: RawSettings) -> Result<Settings, SettingsError> {
        let supply = supply::supply_rules(&raw)?;
        let billing = billing::billing_rules(&raw)?;
        let quality = quality::quality_rules(&raw)?;
        let server = server::server(&raw)?;
        let mail = mail::mail(&raw)?;
        let access = server::access(&raw)?;
        let orders = orders::order_rules(&raw)?;
        let business = business::business(&raw)?;
        Ok(Settings {
            data_dir: data_dir.to_path_buf(),
            bind: server.bind,
            base_url: server.base_url,
            time_zone: server.time_zone,
            currency: server.currency,
            default_language: server.default_language,
            smtp_url: mail.smtp_url,
            mail_from: mail.mail_from,
            secure_cookies: server.secure_cookies,
            session_days: access.session_days,
            trust_proxy: server.trust_proxy,
            jobs: server.jobs,
            mail_max_attempts: mail.mail_max_attempts,
            login_max_failures_per_account: access.login_max_failures_per_account,
            login_max_failures_per_ip: access.login_max_failures_per_ip,
            login_window_minutes: access.login_window_minutes,
            log: server.log,
            orders,
            supply,
            billing,
            quality,
            security: security::security_rules(&raw)?,
            operations: operations::operations_rules(&raw, data_dir)?,
            hiring: hiring::hiring_rules(&raw)?,
            business,
            raw,
            locked: Default::default(),
        })
    }

    /// Defaults for `data_dir`, ignoring file and environment (tests, tools).
    pub fn defaults(data_dir: &Path) -> Settings {
        Self::validate(data_dir, RawSettings::default()).expect("defaults are valid")
    }

    pub fn mail_dir(&self) -> PathBuf {
        self.data_dir.join("mail")
    }
}
