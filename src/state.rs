//! The shared state every request, job and command works with: the database, the settings,
//! the clock, the live-update hub, the limits on outside calls and the handle for asking the
//! jobs for work. A foundation: it imports no context, so every context may take it, while
//! the outside systems' adapters are wired above the contexts (`wiring`).

use std::sync::Arc;

use crate::clock::SharedClock;
use crate::config::{LiveSettings, Settings};
use crate::db::{self, Pool};
use crate::outside::OutsideCalls;
use crate::web::uploads::InFlight;
use crate::work::JobsHandle;

/// Everything a request, a job or a command needs; cheap to clone.
#[derive(Clone)]
pub struct AppState {
    pub pool: Pool,
    /// The settings now (see `settings()`); the admin's saves swap them.
    pub live_settings: LiveSettings,
    pub clock: SharedClock,
    pub jobs: JobsHandle,
    /// The limit on bakery, gateway and SMTP calls in flight at once.
    pub outside: Arc<OutsideCalls>,
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
    /// The settings now: one consistent set for a request or a job.
    pub fn settings(&self) -> Arc<Settings> {
        self.live_settings.get()
    }

    /// Opens the database for `settings`, migrating it.
    pub fn open(settings: Settings, clock: SharedClock) -> anyhow::Result<AppState> {
        let checkpoints = db::Checkpoints::owner(settings.operations.litestream);
        let (pool, db_checkouts) = db::open_counting(&settings.data_dir, checkpoints)?;
        // The hub belongs to the database's writer, which publishes what its writes noted.
        let live = pool.get()?.writer().live().clone();
        let live_settings = LiveSettings::new(settings);
        let conn = pool.get()?;
        live_settings.apply_leniently(stored_settings(&conn)?);
        drop(conn);
        Ok(AppState {
            pool,
            live_settings,
            clock,
            jobs: JobsHandle::default(),
            outside: Arc::new(OutsideCalls::default()),
            uploads_in_flight: InFlight::default(),
            live,
            budgets: Arc::default(),
            db_checkouts,
        })
    }
}

/// The business values the admin saved (the `stored_settings` view), by key.
pub fn stored_settings(
    conn: &rusqlite::Connection,
) -> rusqlite::Result<std::collections::BTreeMap<String, String>> {
    let mut stmt = conn.prepare("SELECT key, value FROM stored_settings")?;
    let rows = stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?;
    rows.collect()
}
