//! What each context is given to work with, built from the shared state in one place, so
//! the contexts never hold the whole state and a change to it is an edit here.

use std::sync::Arc;

use crate::state::AppState;

/// Billing's dependencies: the state's foundations, the gateway, and the jobs' shutdown
/// flag and outbox nudge.
pub fn billing_deps(state: &AppState) -> crate::billing::Deps {
    let (stopping, waking) = (state.jobs.clone(), state.jobs.clone());
    crate::billing::Deps {
        pool: state.pool.clone(),
        settings: state.settings.clone(),
        clock: state.clock.clone(),
        gateway: state.gateway.clone(),
        outside: state.outside.clone(),
        stop: Arc::new(move || stopping.stopping()),
        wake_mail: Arc::new(move || waking.kick_outbox()),
    }
}
