//! Hiring settings: how often hired workers are re-certified per service, and when.

use super::raw::RawSettings;
use super::{SettingsError, invalid};

/// Re-certification: every `days` a worker retakes the test of each service they do; the test
/// is assigned `notice_days` before it is due, a reminder goes out `reminder_days` before, and
/// a score at or above `pass_bp` passes unless the manager set the assignment's own pass mark.
#[derive(Debug, Clone)]
pub struct HiringRules {
    pub recertification_days: i64,
    pub notice_days: i64,
    pub reminder_days: i64,
    pub pass_bp: i64,
    /// Load the default screening tests and policy (`fixtures/screening.toml`) at start.
    pub default_screening: bool,
}

pub(super) fn hiring_rules(raw: &RawSettings) -> Result<HiringRules, SettingsError> {
    let checks: [(&str, i64, std::ops::RangeInclusive<i64>); 4] = [
        ("recertification_days", raw.recertification_days, 7..=3650),
        (
            "recertification_notice_days",
            raw.recertification_notice_days,
            1..=90,
        ),
        (
            "recertification_reminder_days",
            raw.recertification_reminder_days,
            0..=30,
        ),
        (
            "recertification_pass_percent",
            raw.recertification_pass_percent,
            0..=100,
        ),
    ];
    for (name, value, range) in checks {
        if !range.contains(&value) {
            let why = format!("must be between {} and {}", range.start(), range.end());
            return Err(invalid(name, why));
        }
    }
    if raw.recertification_notice_days >= raw.recertification_days {
        return Err(invalid(
            "recertification_notice_days",
            "must be shorter than recertification_days",
        ));
    }
    Ok(HiringRules {
        recertification_days: raw.recertification_days,
        notice_days: raw.recertification_notice_days,
        reminder_days: raw.recertification_reminder_days,
        pass_bp: raw.recertification_pass_percent * 100,
        default_screening: raw.screening_defaults,
    })
}
