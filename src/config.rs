//! Typed settings: built-in defaults, then an optional TOML file, then `WHISKERWORKS_*`
//! environment variables, then command-line flags. Invalid values stop start-up with a
//! message naming the setting. Settings are passed in, never global.

use std::net::SocketAddr;
use std::path::{Path, PathBuf};

use chrono::NaiveTime;
use chrono_tz::Tz;
use figment::Figment;
use figment::providers::{Env, Format, Serialized, Toml};
use serde::{Deserialize, Serialize};

use crate::i18n::Lang;

/// Raw values as read from file and environment, before validation.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(default)]
struct RawSettings {
    bind: String,
    base_url: Option<String>,
    time_zone: String,
    currency: String,
    default_language: String,
    smtp_url: Option<String>,
    mail_from: String,
    secure_cookies: Option<bool>,
    session_days: i64,
    trust_proxy: bool,
    jobs: bool,
    mail_max_attempts: u32,
    login_max_failures_per_account: u32,
    login_max_failures_per_ip: u32,
    login_window_minutes: i64,
    log: String,
    working_hours_start: String,
    working_hours_end: String,
    min_lead_minutes: i64,
    max_days_ahead: i64,
    cancellation_fee_percent: i64,
    offer_expiry_minutes: i64,
    bakery_url: Option<String>,
    bakery_timeout_ms: u64,
    bakery_max_attempts: u32,
    pickup_point: String,
    golden_hat_url: Option<String>,
    golden_hat_timeout_ms: u64,
    qc_sample_percent: u32,
    qc_sample_seed: u64,
    qc_review_days: i64,
    insight_window_days: i64,
    insight_min_orders: i64,
    insight_cancel_rate_percent: i64,
    insight_score_drop_tenths: i64,
    insight_shortages: i64,
    insight_match_minutes: i64,
    insight_disputes: i64,
}

impl Default for RawSettings {
    fn default() -> Self {
        Self {
            bind: "127.0.0.1:8080".into(),
            base_url: None,
            time_zone: "Europe/Moscow".into(),
            currency: "RUB".into(),
            default_language: "en".into(),
            smtp_url: None,
            mail_from: "Whiskerworks <no-reply@whiskerworks.local>".into(),
            secure_cookies: None,
            session_days: 14,
            trust_proxy: false,
            jobs: true,
            mail_max_attempts: 6,
            login_max_failures_per_account: 5,
            login_max_failures_per_ip: 20,
            login_window_minutes: 15,
            log: "info".into(),
            working_hours_start: "08:00".into(),
            working_hours_end: "21:00".into(),
            min_lead_minutes: 120,
            max_days_ahead: 60,
            cancellation_fee_percent: 10,
            offer_expiry_minutes: 30,
            bakery_url: None,
            bakery_timeout_ms: 3000,
            bakery_max_attempts: 6,
            pickup_point: "Supply room, ground floor, 1 Depot Lane".into(),
            golden_hat_url: None,
            golden_hat_timeout_ms: 5000,
            qc_sample_percent: 10,
            qc_sample_seed: 1,
            qc_review_days: 3,
            insight_window_days: 30,
            insight_min_orders: 5,
            insight_cancel_rate_percent: 30,
            insight_score_drop_tenths: 5,
            insight_shortages: 3,
            insight_match_minutes: 30,
            insight_disputes: 2,
        }
    }
}

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
}

/// Quality control: how many completed orders are sampled for review, and when the insights
/// page raises a recommendation.
#[derive(Debug, Clone)]
pub struct QualityRules {
    pub sample_percent: u32,
    /// The sample draw is a hash of this seed and the order id: auditable and reproducible.
    pub sample_seed: u64,
    pub review_days: i64,
    pub insights: InsightThresholds,
}

#[derive(Debug, Clone)]
pub struct InsightThresholds {
    pub window_days: i64,
    /// Fewer orders than this in the window say nothing about a rate.
    pub min_orders: i64,
    pub cancel_rate_percent: i64,
    /// A fall of the average rating or QC score, in tenths of a point, window on window.
    pub score_drop_tenths: i64,
    pub shortages: i64,
    pub match_minutes: i64,
    pub disputes: i64,
}

#[derive(Debug, Clone)]
pub struct BillingRules {
    /// The Golden Hat gateway's base URL; none means the built-in simulator, which keeps
    /// its memory in a journal file in the data folder.
    pub golden_hat_url: Option<String>,
    pub golden_hat_timeout: std::time::Duration,
}

#[derive(Debug, Clone)]
pub struct OrderRules {
    /// Working hours in the business time zone: a job must start and end inside them.
    pub opens_at: NaiveTime,
    pub closes_at: NaiveTime,
    pub min_lead_minutes: i64,
    pub max_days_ahead: i64,
    pub cancellation_fee_percent: i64,
    pub offer_expiry_minutes: i64,
}

#[derive(Debug, Clone)]
pub struct SupplyRules {
    /// The fortune bakery's base URL; none means the built-in simulator.
    pub bakery_url: Option<String>,
    pub bakery_timeout: std::time::Duration,
    /// Tries before a kit gets a cookie from the local fortune list instead.
    pub bakery_max_attempts: u32,
    /// Where workers collect their kits (shown in the "kit ready" notice).
    pub pickup_point: String,
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
        let mut figment = Figment::from(Serialized::defaults(RawSettings::default()));
        if let Some(file) = config_file {
            if !file.exists() {
                return Err(invalid(
                    "config",
                    format!("file {} not found", file.display()),
                ));
            }
            figment = figment.merge(Toml::file(file));
        }
        figment = figment.merge(Env::prefixed("WHISKERWORKS_").ignore(&["data_dir", "config"]));
        if let Some(bind) = &overrides.bind {
            figment = figment.merge(Serialized::default("bind", bind));
        }
        let raw: RawSettings = figment.extract().map_err(|e| {
            let name = e.path.join(".");
            invalid(
                if name.is_empty() { "config" } else { &name },
                e.kind.to_string(),
            )
        })?;
        Self::validate(data_dir, raw)
    }

    fn validate(data_dir: &Path, raw: RawSettings) -> Result<Settings, SettingsError> {
        let supply = supply_rules(&raw)?;
        let billing = billing_rules(&raw)?;
        let quality = quality_rules(&raw)?;
        let bind: SocketAddr = raw.bind.parse().map_err(|_| {
            invalid(
                "bind",
                format!("`{}` is not an address like 127.0.0.1:8080", raw.bind),
            )
        })?;
        let base_url = raw
            .base_url
            .unwrap_or_else(|| format!("http://{bind}"))
            .trim_end_matches('/')
            .to_string();
        if !(base_url.starts_with("http://") || base_url.starts_with("https://")) {
            return Err(invalid("base_url", "must start with http:// or https://"));
        }
        let time_zone: Tz = raw.time_zone.parse().map_err(|_| {
            invalid(
                "time_zone",
                format!("`{}` is not an IANA time zone", raw.time_zone),
            )
        })?;
        let currency = raw.currency.trim().to_string();
        if currency.len() != 3 || !currency.chars().all(|c| c.is_ascii_uppercase()) {
            return Err(invalid(
                "currency",
                "must be a three-letter ISO 4217 code such as RUB",
            ));
        }
        let default_language = Lang::from_code(&raw.default_language)
            .ok_or_else(|| invalid("default_language", "must be `en` or `ru`"))?;
        if let Some(url) = &raw.smtp_url {
            lettre::SmtpTransport::from_url(url)
                .map_err(|_| invalid("smtp_url", "must look like smtp://user:password@host:587"))?;
        }
        let mail_from = raw.mail_from.parse().map_err(|_| {
            invalid(
                "mail_from",
                "must be an address like Name <mail@example.com>",
            )
        })?;
        if !(1..=365).contains(&raw.session_days) {
            return Err(invalid("session_days", "must be between 1 and 365"));
        }
        if !(1..=20).contains(&raw.mail_max_attempts) {
            return Err(invalid("mail_max_attempts", "must be between 1 and 20"));
        }
        if raw.login_max_failures_per_account == 0 || raw.login_max_failures_per_ip == 0 {
            return Err(invalid(
                "login_max_failures_per_account",
                "limits must be at least 1",
            ));
        }
        if !(1..=1440).contains(&raw.login_window_minutes) {
            return Err(invalid(
                "login_window_minutes",
                "must be between 1 and 1440",
            ));
        }
        let time = |name: &str, v: &str| {
            NaiveTime::parse_from_str(v, "%H:%M")
                .map_err(|_| invalid(name, "must be a time like 08:00"))
        };
        let orders = OrderRules {
            opens_at: time("working_hours_start", &raw.working_hours_start)?,
            closes_at: time("working_hours_end", &raw.working_hours_end)?,
            min_lead_minutes: raw.min_lead_minutes,
            max_days_ahead: raw.max_days_ahead,
            cancellation_fee_percent: raw.cancellation_fee_percent,
            offer_expiry_minutes: raw.offer_expiry_minutes,
        };
        if orders.opens_at >= orders.closes_at {
            return Err(invalid(
                "working_hours_end",
                "must be later than working_hours_start",
            ));
        }
        if !(0..=7 * 24 * 60).contains(&orders.min_lead_minutes) {
            return Err(invalid(
                "min_lead_minutes",
                "must be between 0 and one week",
            ));
        }
        if !(1..=366).contains(&orders.max_days_ahead) {
            return Err(invalid("max_days_ahead", "must be between 1 and 366"));
        }
        if !(0..=100).contains(&orders.cancellation_fee_percent) {
            return Err(invalid(
                "cancellation_fee_percent",
                "must be between 0 and 100",
            ));
        }
        if !(1..=24 * 60).contains(&orders.offer_expiry_minutes) {
            return Err(invalid(
                "offer_expiry_minutes",
                "must be between 1 and 1440",
            ));
        }
        tracing_subscriber::EnvFilter::try_new(&raw.log)
            .map_err(|_| invalid("log", "must be a level such as info or a tracing filter"))?;
        Ok(Settings {
            data_dir: data_dir.to_path_buf(),
            bind,
            secure_cookies: raw
                .secure_cookies
                .unwrap_or(base_url.starts_with("https://")),
            base_url,
            time_zone,
            currency,
            default_language,
            smtp_url: raw.smtp_url,
            mail_from,
            session_days: raw.session_days,
            trust_proxy: raw.trust_proxy,
            jobs: raw.jobs,
            mail_max_attempts: raw.mail_max_attempts,
            login_max_failures_per_account: raw.login_max_failures_per_account,
            login_max_failures_per_ip: raw.login_max_failures_per_ip,
            login_window_minutes: raw.login_window_minutes,
            log: raw.log,
            orders,
            supply,
            billing,
            quality,
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

fn supply_rules(raw: &RawSettings) -> Result<SupplyRules, SettingsError> {
    let bakery_url = raw
        .bakery_url
        .as_deref()
        .map(str::trim)
        .filter(|u| !u.is_empty());
    if let Some(url) = bakery_url
        && !(url.starts_with("http://") || url.starts_with("https://"))
    {
        return Err(invalid("bakery_url", "must start with http:// or https://"));
    }
    if !(100..=60_000).contains(&raw.bakery_timeout_ms) {
        return Err(invalid(
            "bakery_timeout_ms",
            "must be between 100 and 60000",
        ));
    }
    if !(1..=20).contains(&raw.bakery_max_attempts) {
        return Err(invalid("bakery_max_attempts", "must be between 1 and 20"));
    }
    let pickup_point = raw.pickup_point.trim().to_string();
    if pickup_point.is_empty() || pickup_point.chars().count() > 200 {
        return Err(invalid("pickup_point", "must be 1 to 200 characters"));
    }
    Ok(SupplyRules {
        bakery_url: bakery_url.map(str::to_string),
        bakery_timeout: std::time::Duration::from_millis(raw.bakery_timeout_ms),
        bakery_max_attempts: raw.bakery_max_attempts,
        pickup_point,
    })
}

fn quality_rules(raw: &RawSettings) -> Result<QualityRules, SettingsError> {
    let checks: [(&str, i64, std::ops::RangeInclusive<i64>); 9] = [
        (
            "qc_sample_percent",
            i64::from(raw.qc_sample_percent),
            0..=100,
        ),
        ("qc_review_days", raw.qc_review_days, 1..=60),
        ("insight_window_days", raw.insight_window_days, 1..=366),
        ("insight_min_orders", raw.insight_min_orders, 1..=10_000),
        (
            "insight_cancel_rate_percent",
            raw.insight_cancel_rate_percent,
            1..=100,
        ),
        (
            "insight_score_drop_tenths",
            raw.insight_score_drop_tenths,
            1..=40,
        ),
        ("insight_shortages", raw.insight_shortages, 1..=10_000),
        (
            "insight_match_minutes",
            raw.insight_match_minutes,
            1..=10_000,
        ),
        ("insight_disputes", raw.insight_disputes, 1..=10_000),
    ];
    for (name, value, range) in checks {
        if !range.contains(&value) {
            let why = format!("must be between {} and {}", range.start(), range.end());
            return Err(invalid(name, why));
        }
    }
    Ok(QualityRules {
        sample_percent: raw.qc_sample_percent,
        sample_seed: raw.qc_sample_seed,
        review_days: raw.qc_review_days,
        insights: InsightThresholds {
            window_days: raw.insight_window_days,
            min_orders: raw.insight_min_orders,
            cancel_rate_percent: raw.insight_cancel_rate_percent,
            score_drop_tenths: raw.insight_score_drop_tenths,
            shortages: raw.insight_shortages,
            match_minutes: raw.insight_match_minutes,
            disputes: raw.insight_disputes,
        },
    })
}

fn billing_rules(raw: &RawSettings) -> Result<BillingRules, SettingsError> {
    let url = raw
        .golden_hat_url
        .as_deref()
        .map(str::trim)
        .filter(|u| !u.is_empty());
    if let Some(url) = url
        && !(url.starts_with("http://") || url.starts_with("https://"))
    {
        return Err(invalid(
            "golden_hat_url",
            "must start with http:// or https://",
        ));
    }
    if !(100..=60_000).contains(&raw.golden_hat_timeout_ms) {
        return Err(invalid(
            "golden_hat_timeout_ms",
            "must be between 100 and 60000",
        ));
    }
    Ok(BillingRules {
        golden_hat_url: url.map(str::to_string),
        golden_hat_timeout: std::time::Duration::from_millis(raw.golden_hat_timeout_ms),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn raw() -> RawSettings {
        RawSettings::default()
    }

    #[test]
    fn defaults_are_valid_and_match_the_spec() {
        let s = Settings::defaults(Path::new("data"));
        assert_eq!(s.bind.to_string(), "127.0.0.1:8080");
        assert_eq!(s.time_zone, chrono_tz::Europe::Moscow);
        assert_eq!(s.currency, "RUB");
        assert!(!s.secure_cookies);
    }

    #[test]
    fn each_invalid_value_names_its_setting() {
        let cases: Vec<(&str, RawSettings)> = vec![
            (
                "bind",
                RawSettings {
                    bind: "nowhere".into(),
                    ..raw()
                },
            ),
            (
                "time_zone",
                RawSettings {
                    time_zone: "Mars/Olympus".into(),
                    ..raw()
                },
            ),
            (
                "currency",
                RawSettings {
                    currency: "rubles".into(),
                    ..raw()
                },
            ),
            (
                "default_language",
                RawSettings {
                    default_language: "de".into(),
                    ..raw()
                },
            ),
            (
                "base_url",
                RawSettings {
                    base_url: Some("ftp://x".into()),
                    ..raw()
                },
            ),
            (
                "smtp_url",
                RawSettings {
                    smtp_url: Some("mail me".into()),
                    ..raw()
                },
            ),
            (
                "session_days",
                RawSettings {
                    session_days: 0,
                    ..raw()
                },
            ),
        ];
        for (name, bad) in cases {
            let err = Settings::validate(Path::new("data"), bad).unwrap_err();
            assert_eq!(err.name, name);
        }
    }

    #[test]
    fn https_base_url_turns_on_secure_cookies() {
        let s = Settings::validate(
            Path::new("data"),
            RawSettings {
                base_url: Some("https://ww.example.com/".into()),
                ..raw()
            },
        )
        .unwrap();
        assert!(s.secure_cookies);
        assert_eq!(s.base_url, "https://ww.example.com");
    }
}
