//! Quality settings: the review sample and the thresholds of the insights page.

use super::raw::RawSettings;
use super::{SettingsError, invalid};

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

pub(super) fn quality_rules(raw: &RawSettings) -> Result<QualityRules, SettingsError> {
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
