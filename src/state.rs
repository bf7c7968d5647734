//! The shared state every request, job and command works with: the pool, the settings, the
//! clock and the outside systems. Below the contexts and above the foundations, so both the
//! web assembly (`startup`) and the jobs runtime can hold it without importing each other.

use std::sync::Arc;

use crate::billing::gateway::{self, SharedGateway};
use crate::clock::SharedClock;
use crate::config::Settings;
use crate::db::{self, Pool};
use crate::notify::mailer::{self, SharedMailer};
use crate::outside::OutsideCalls;
use crate::supply::bakery::{self, SharedBakery};
use crate::web::uploads::InFlight;
use crate::work::JobsHandle;

/// Everything a request, a job or a command needs; cheap to clone.
#[derive(Clone)]
pub struct AppState {
    pub pool: Pool,
    pub settings: Arc<Settings>,
    pub clock: SharedClock,
    pub mailer: SharedMailer,
    pub jobs: JobsHandle,
    pub bakery: SharedBakery,
    pub gateway: SharedGateway,
    /// The limit on bakery, gateway and SMTP calls in flight at once.
    pub outside: Arc<OutsideCalls>,
    /// When the last scheduled backup failed (so admins hear of it once, not every tick).
    backup_failed_at: Arc<std::sync::Mutex<Option<chrono::DateTime<chrono::Utc>>>>,
    /// Upload bytes being received by all requests at once (see `web::uploads`).
    pub uploads_in_flight: InFlight,
    /// This database's live-update hub (see `live`).
    pub live: Arc<crate::live::Hub>,
    /// What the expensive endpoints still allow each address and account (see `budget`).
    pub budgets: Arc<crate::budget::Budgets>,
    /// Connections checked out of the pool so far.
    pub db_checkouts: Arc<std::sync::atomic::AtomicU64>,
}

impl AppState {
    /// Opens the database (migrating it) and the mail transport for `settings`.
    pub fn open(settings: Settings, clock: SharedClock) -> anyhow::Result<AppState> {
        let (pool, db_checkouts) = db::open_counting(&settings.data_dir)?;
        let live = crate::live::hub(&db::db_path(&settings.data_dir));
        let mailer = mailer::from_settings(&settings)?;
        let bakery = bakery::from_settings(
            settings.supply.bakery_url.as_deref(),
            settings.supply.bakery_timeout,
        );
        let gateway = gateway::from_settings(
            settings.billing.golden_hat_url.as_deref(),
            settings.billing.golden_hat_timeout,
            Some(settings.data_dir.join("golden-hat-sim.jsonl")),
        );
        Ok(AppState {
            bakery,
            gateway,
            pool,
            settings: Arc::new(settings),
            clock,
            mailer,
            jobs: JobsHandle::default(),
            outside: Arc::new(OutsideCalls::default()),
            backup_failed_at: Arc::default(),
            uploads_in_flight: InFlight::default(),
            live,
            budgets: Arc::default(),
            db_checkouts,
        })
    }
}

impl AppState {
    pub fn backup_failed_at(&self) -> Option<chrono::DateTime<chrono::Utc>> {
        *self
            .backup_failed_at
            .lock()
            .unwrap_or_else(|e| e.into_inner())
    }

    pub fn set_backup_failed_at(&self, at: Option<chrono::DateTime<chrono::Utc>>) {
        *self
            .backup_failed_at
            .lock()
            .unwrap_or_else(|e| e.into_inner()) = at;
    }
}
