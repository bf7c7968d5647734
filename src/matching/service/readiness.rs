//! What stops a worker from being offered jobs, or paid for them, before anyone notices: an
//! invited or hired worker starts with no skills, no hours, off duty and no payout card.

use rusqlite::Connection;

use crate::billing::service::cards::{Purpose, current};
use crate::matching::store::availability::availability;

/// One thing a worker lacks.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Gap {
    NoSkills,
    NoHours,
    OffDuty,
    NoPayoutCard,
}

impl Gap {
    pub fn label_key(self) -> &'static str {
        match self {
            Gap::NoSkills => "gap-no-skills",
            Gap::NoHours => "gap-no-hours",
            Gap::OffDuty => "gap-off-duty",
            Gap::NoPayoutCard => "gap-no-payout-card",
        }
    }
}

/// What `worker_id` lacks, in the order someone would set it up; empty when nothing does.
pub fn gaps(conn: &Connection, worker_id: i64) -> rusqlite::Result<Vec<Gap>> {
    let a = availability(conn, worker_id)?;
    let card = current(conn, worker_id, Purpose::Payout)?;
    let missing = [
        (a.skills.is_empty(), Gap::NoSkills),
        (a.hours.is_empty(), Gap::NoHours),
        (!a.on_duty, Gap::OffDuty),
        (card.is_none(), Gap::NoPayoutCard),
    ];
    Ok(missing
        .into_iter()
        .filter_map(|(lacks, gap)| lacks.then_some(gap))
        .collect())
}
