//! How the contexts are tied together, built once for the web app, the jobs and the
//! command-line tools: the order lifecycle's calls into the contexts built on it, the files
//! notify's mails carry, and the adapters of the outside systems each context declares as a
//! port. An entry layer: it may import every context, and nothing below it imports it.

use std::sync::Arc;

use chrono::{DateTime, Utc};
use rusqlite::Connection;

use crate::billing::service::gateway::SharedGateway;
use crate::config::Settings;
use crate::i18n::Tr;
use crate::notify::model::Attachment;
use crate::notify::service::mailer::{self, AttachmentRenderer, SharedMailer};
use crate::orders::service::Hooks;
use crate::state::AppState;
use crate::supply::service::bakery::{self, SharedBakery};

/// The outside systems the app calls: notify's mailer, supply's bakery and billing's gateway.
#[derive(Clone)]
pub struct Ports {
    pub mailer: SharedMailer,
    pub bakery: SharedBakery,
    pub gateway: SharedGateway,
}

impl Ports {
    /// The adapters the settings choose: SMTP or mail files, the bakery and Golden Hat over
    /// HTTP or their embedded simulators.
    pub fn from_settings(settings: &Settings) -> anyhow::Result<Ports> {
        Ok(Ports {
            mailer: mailer::from_settings(settings)?,
            bakery: bakery::from_settings(
                settings.supply.bakery_url.as_deref(),
                settings.supply.bakery_timeout,
            ),
            gateway: gateway(settings),
        })
    }
}

/// Golden Hat as the settings choose: over HTTP, or the embedded simulator journaled in the
/// data folder (so it remembers its cards across restarts, and `check` can ask it).
pub fn gateway(settings: &Settings) -> SharedGateway {
    crate::billing::service::gateway::from_settings(
        settings.billing.golden_hat_url.as_deref(),
        settings.billing.golden_hat_timeout,
        Some(settings.data_dir.join("golden-hat-sim.jsonl")),
    )
}

/// Wires the order lifecycle to the contexts built on it: quality queues the orders it
/// reviews, matching keeps the running ratings and says whether it finds workers itself.
pub fn order_hooks() -> Hooks {
    Hooks {
        status_changed: crate::quality::service::queue::on_status,
        rated: crate::matching::store::add_rating,
        auto_matching: |conn| Ok(crate::matching::store::settings(conn)?.enabled),
        withdrew_late: crate::quality::service::queue::on_late_withdrawal,
        start_series: crate::schedule::service::series::start_from_form,
        manual_fit: crate::matching::service::manual_refusal,
    }
}

/// What billing works with, built here only: the state's foundations, the gateway, and the
/// jobs' shutdown flag and outbox nudge.
pub fn billing_deps(state: &AppState, gateway: &SharedGateway) -> crate::billing::Deps {
    let (stopping, waking) = (state.jobs.clone(), state.jobs.clone());
    crate::billing::Deps {
        pool: state.pool.clone(),
        live_settings: state.live_settings.clone(),
        clock: state.clock.clone(),
        gateway: gateway.clone(),
        outside: state.outside.clone(),
        stop: Arc::new(move || stopping.stopping()),
        wake_mail: Arc::new(move || waking.kick_outbox()),
    }
}

/// The files notify's mails carry, written by the contexts that own what they show: orders
/// write a booked visit as its client's appointment, and a job as its worker's.
pub struct MailAttachments<'a> {
    pub base_url: &'a str,
    /// The company's name, naming the appointment's calendar.
    pub company: &'a str,
    /// Where workers collect kits unless a kit has its own point (the worker's job file).
    pub pickup_point: &'a str,
}

impl AttachmentRenderer for MailAttachments<'_> {
    fn render(
        &self,
        conn: &Connection,
        (attachment, to): (Attachment, i64),
        tr: Tr,
        now: DateTime<Utc>,
    ) -> rusqlite::Result<Option<String>> {
        match attachment {
            Attachment::JobCalendar(order_id) => {
                crate::orders::service::notices::job_appointment_of(
                    conn,
                    (order_id, to),
                    tr,
                    (self.base_url, self.company),
                    self.pickup_point,
                    now,
                )
            }
            Attachment::OrderCalendar(order_id) => crate::orders::service::notices::appointment_of(
                conn,
                order_id,
                tr,
                (self.base_url, self.company),
                now,
            ),
        }
    }
}
