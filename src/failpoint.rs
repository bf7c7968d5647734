//! Crash points for the crash-safety tests: when `WHISKERWORKS_FAILPOINT` names a point, the
//! process aborts there (no destructors, no flushing), as a power cut or a kill would. Unset
//! in production, where `hit` is one cached comparison.

use std::sync::OnceLock;

static ARMED: OnceLock<Option<String>> = OnceLock::new();

/// Aborts the process when `name` is the armed failpoint.
pub fn hit(name: &str) {
    let armed = ARMED.get_or_init(|| std::env::var("WHISKERWORKS_FAILPOINT").ok());
    if armed.as_deref() == Some(name) {
        eprintln!("failpoint {name}: aborting");
        std::process::abort();
    }
}
