//! The settings as they are now: those given at start with the business values the admin
//! stored laid over them, swapped whole when the admin saves, so every request and job reads
//! one consistent set.

use std::collections::BTreeMap;
use std::sync::{Arc, RwLock};

use super::{Settings, SettingsError};

/// A handle on the current settings; cheap to clone, shared by everything of one app.
#[derive(Debug, Clone)]
pub struct LiveSettings {
    /// As given at start (defaults, file, environment, flags); the app's values go over these.
    base: Arc<Settings>,
    now: Arc<RwLock<Arc<Settings>>>,
}

impl LiveSettings {
    pub fn new(base: Settings) -> LiveSettings {
        let base = Arc::new(base);
        LiveSettings {
            now: Arc::new(RwLock::new(base.clone())),
            base,
        }
    }

    /// The settings now; hold the `Arc` for one request or one job, not longer.
    pub fn get(&self) -> Arc<Settings> {
        self.now.read().unwrap_or_else(|p| p.into_inner()).clone()
    }

    /// The start-up settings with `stored` over them, as `apply` would make them.
    pub fn preview(&self, stored: &BTreeMap<String, String>) -> Result<Settings, SettingsError> {
        self.base.with_stored(stored)
    }

    /// Makes `stored` (every stored business value) the app's values from now on.
    pub fn apply(&self, stored: &BTreeMap<String, String>) -> Result<(), SettingsError> {
        let mut next = self.preview(stored)?;
        let mut now = self.now.write().unwrap_or_else(|p| p.into_inner());
        next.logo = now.logo.clone();
        *now = Arc::new(next);
        Ok(())
    }

    /// Makes `logo` the company's logo from now on (`None`: the shipped one).
    pub fn set_logo(&self, logo: Option<super::LogoInfo>) {
        let mut now = self.now.write().unwrap_or_else(|p| p.into_inner());
        let mut next = Settings::clone(&now);
        next.logo = logo;
        *now = Arc::new(next);
    }

    /// `apply` at start: a stored value this version no longer accepts is left out (and
    /// logged) rather than stopping the app, so the admin can still reach the page to fix it.
    pub fn apply_leniently(&self, mut stored: BTreeMap<String, String>) {
        while let Err(e) = self.apply(&stored) {
            tracing::warn!(setting = %e.name, problem = %e.problem, "stored setting left out");
            if stored.remove(&e.name).is_none() {
                // The problem is not one stored key's (e.g. hours only wrong together).
                stored.clear();
            }
        }
    }
}
