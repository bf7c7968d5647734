//! The settings as read from defaults, the TOML file and `WHISKERWORKS_*` variables: one
//! flat list of keys, the contract of the README's configuration table. Each section's
//! module validates its keys into typed rules.

use serde::{Deserialize, Serialize};

/// Raw values as read from file and environment, before validation.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(default)]
pub(super) struct RawSettings {
    pub(super) bind: String,
    pub(super) base_url: Option<String>,
    pub(super) time_zone: String,
    pub(super) currency: String,
    pub(super) default_language: String,
    pub(super) smtp_url: Option<String>,
    pub(super) mail_from: String,
    pub(super) secure_cookies: Option<bool>,
    pub(super) session_days: i64,
    pub(super) trust_proxy: bool,
    pub(super) jobs: bool,
    pub(super) mail_max_attempts: u32,
    pub(super) login_max_failures_per_account: u32,
    pub(super) login_max_failures_per_ip: u32,
    pub(super) login_window_minutes: i64,
    pub(super) log: String,
    pub(super) working_hours_start: String,
    pub(super) working_hours_end: String,
    pub(super) min_lead_minutes: i64,
    pub(super) max_days_ahead: i64,
    pub(super) cancellation_fee_percent: i64,
    pub(super) offer_expiry_minutes: i64,
    pub(super) bakery_url: Option<String>,
    pub(super) bakery_timeout_ms: u64,
    pub(super) bakery_max_attempts: u32,
    pub(super) pickup_point: String,
    pub(super) golden_hat_url: Option<String>,
    pub(super) golden_hat_timeout_ms: u64,
    pub(super) qc_sample_percent: u32,
    pub(super) qc_sample_seed: u64,
    pub(super) qc_review_days: i64,
    pub(super) insight_window_days: i64,
    pub(super) insight_min_orders: i64,
    pub(super) insight_cancel_rate_percent: i64,
    pub(super) insight_score_drop_tenths: i64,
    pub(super) insight_shortages: i64,
    pub(super) insight_match_minutes: i64,
    pub(super) insight_disputes: i64,
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
