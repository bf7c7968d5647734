//! What billing's use cases and handlers are given to work with, instead of the whole shared
//! state: the database, settings, clock, the Golden Hat port and the limit on outside calls,
//! and two signals to and from the background work (shutdown has begun; mail is waiting).
//! Whoever assembles the application builds it; billing never reaches for the state.

use std::sync::Arc;

use chrono::{DateTime, Utc};

use crate::billing::service::gateway::SharedGateway;
use crate::clock::SharedClock;
use crate::config::{LiveSettings, Settings};
use crate::db::{Pool, PooledConn};
use crate::error::AppError;
use crate::outside::OutsideCalls;

/// Billing's dependencies; cheap to clone.
#[derive(Clone)]
pub struct Deps {
    pub pool: Pool,
    /// The settings now, read through `settings()`.
    pub live_settings: LiveSettings,
    pub clock: SharedClock,
    pub gateway: SharedGateway,
    /// Shared with the other outside systems, so a slow gateway cannot take every thread.
    pub outside: Arc<OutsideCalls>,
    /// Says whether shutdown has begun; long passes then stop at their next safe point.
    pub stop: Arc<dyn Fn() -> bool + Send + Sync>,
    /// Asks for the outbox to be sent now rather than at the next pass.
    pub wake_mail: Arc<dyn Fn() + Send + Sync>,
}

impl Deps {
    pub fn settings(&self) -> Arc<Settings> {
        self.live_settings.get()
    }

    pub fn now(&self) -> DateTime<Utc> {
        self.clock.now()
    }

    pub fn stopping(&self) -> bool {
        (self.stop)()
    }

    pub fn wake_mail(&self) {
        (self.wake_mail)()
    }

    /// A pooled connection; hold none while the gateway is asked.
    pub fn connection(&self) -> Result<PooledConn, AppError> {
        Ok(self.pool.get().map_err(anyhow::Error::from)?)
    }
}
