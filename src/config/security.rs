//! Security settings: idle session timeouts, the password re-check before sensitive admin
//! actions, the per-IP limit on sign-ups, the limits on uploaded files and the event streams
//! one session may hold.

use super::raw::RawSettings;
use super::{SettingsError, invalid};

const MB: u64 = 1024 * 1024;

#[derive(Debug, Clone)]
pub struct SecurityRules {
    /// A session unused this long ends (the absolute lifetime is `session_days`).
    pub session_idle_minutes: i64,
    /// The same for admins, whose sessions can change every account.
    pub admin_session_idle_minutes: i64,
    /// Role, permission and activation changes ask for the password again when it was last
    /// typed longer ago than this.
    pub reauth_minutes: i64,
    /// Registrations and job applications accepted from one address per hour.
    pub signup_max_per_ip_per_hour: u32,
    pub uploads: UploadLimits,
    /// Event streams one session may hold open at once (a browser opens one per tab).
    pub max_streams_per_session: usize,
}

/// Limits on files sent with a form: each file, each request, and all requests receiving
/// at once (so parallel uploads cannot fill the disk's temporary space).
#[derive(Debug, Clone, Copy)]
pub struct UploadLimits {
    pub max_file_bytes: u64,
    pub max_request_bytes: u64,
    pub max_in_flight_bytes: u64,
}

pub(super) fn security_rules(raw: &RawSettings) -> Result<SecurityRules, SettingsError> {
    let checks: [(&str, i64, std::ops::RangeInclusive<i64>); 8] = [
        ("session_idle_hours", raw.session_idle_hours, 1..=24 * 30),
        (
            "admin_session_idle_minutes",
            raw.admin_session_idle_minutes,
            15..=24 * 60,
        ),
        ("reauth_minutes", raw.reauth_minutes, 1..=24 * 60),
        (
            "signup_max_per_ip_per_hour",
            i64::from(raw.signup_max_per_ip_per_hour),
            1..=10_000,
        ),
        ("upload_max_file_mb", raw.upload_max_file_mb as i64, 1..=100),
        (
            "upload_max_request_mb",
            raw.upload_max_request_mb as i64,
            1..=1000,
        ),
        (
            "upload_max_in_flight_mb",
            raw.upload_max_in_flight_mb as i64,
            1..=100_000,
        ),
        (
            "max_streams_per_session",
            i64::from(raw.max_streams_per_session),
            1..=1000,
        ),
    ];
    for (name, value, range) in checks {
        if !range.contains(&value) {
            let (lo, hi) = range.into_inner();
            return Err(invalid(name, format!("must be between {lo} and {hi}")));
        }
    }
    if raw.upload_max_request_mb < raw.upload_max_file_mb {
        return Err(invalid(
            "upload_max_request_mb",
            "must be at least upload_max_file_mb",
        ));
    }
    if raw.upload_max_in_flight_mb < raw.upload_max_request_mb {
        return Err(invalid(
            "upload_max_in_flight_mb",
            "must be at least upload_max_request_mb",
        ));
    }
    Ok(SecurityRules {
        session_idle_minutes: raw.session_idle_hours * 60,
        admin_session_idle_minutes: raw.admin_session_idle_minutes,
        reauth_minutes: raw.reauth_minutes,
        signup_max_per_ip_per_hour: raw.signup_max_per_ip_per_hour,
        uploads: UploadLimits {
            max_file_bytes: raw.upload_max_file_mb * MB,
            max_request_bytes: raw.upload_max_request_mb * MB,
            max_in_flight_bytes: raw.upload_max_in_flight_mb * MB,
        },
        max_streams_per_session: raw.max_streams_per_session as usize,
    })
}
