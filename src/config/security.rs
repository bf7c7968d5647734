//! Security settings: idle session timeouts, the password re-check before sensitive admin
//! actions, the per-IP limit on sign-ups, the limits on uploaded files, the request budget
//! of the expensive endpoints and the event streams one session may hold.

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
    pub budget: RequestBudget,
    /// Event streams one session may hold open at once (a browser opens one per tab).
    pub max_streams_per_session: usize,
}

/// What the expensive endpoints (price quote, order search, CSV exports, uploads, event
/// streams) accept from one client: so many requests a minute per address and per signed-in
/// account, all at once or spread out; past that, 429 with `Retry-After`.
#[derive(Debug, Clone, Copy)]
pub struct RequestBudget {
    /// 300 by default: several people in an office share one address.
    pub per_ip_per_minute: u32,
    /// 120 by default: a manager's order table asks for itself again on every change to the
    /// queue, and a busy hour must not turn that into "too many requests".
    pub per_account_per_minute: u32,
    /// Count loopback clients too. Off by default so tools on the host and the test suite are
    /// never held back; an app behind a proxy on the same host needs `trust_proxy`, or every
    /// client would look like loopback and go uncounted.
    pub limit_loopback: bool,
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
    let checks: [(&str, i64, std::ops::RangeInclusive<i64>); 10] = [
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
            "expensive_per_minute_per_ip",
            i64::from(raw.expensive_per_minute_per_ip),
            1..=100_000,
        ),
        (
            "expensive_per_minute_per_account",
            i64::from(raw.expensive_per_minute_per_account),
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
        budget: RequestBudget {
            per_ip_per_minute: raw.expensive_per_minute_per_ip,
            per_account_per_minute: raw.expensive_per_minute_per_account,
            limit_loopback: raw.expensive_limit_loopback,
        },
        max_streams_per_session: raw.max_streams_per_session as usize,
    })
}
