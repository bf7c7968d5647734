//! The manager dashboard's data for a period: its KPIs, the previous period's for
//! comparison, the daily series for the charts, the current snapshot and the hiring funnel.
//! Read-only; the handler renders it.

use std::collections::BTreeMap;

use chrono::NaiveDate;
use chrono_tz::Tz;
use rusqlite::Connection;

use crate::reports::model::kpis::Kpis;
use crate::reports::model::period::Period;
use crate::reports::model::sums::Sums;
use crate::reports::store::rollup;
use crate::reports::store::snapshot::{self, HiringFunnel, Snapshot};

pub struct Dashboard {
    pub period: Period,
    pub previous: Period,
    pub kpis: Kpis,
    pub before: Kpis,
    pub daily: BTreeMap<NaiveDate, Sums>,
    pub snapshot: Snapshot,
    pub funnel: HiringFunnel,
}

/// Everything the dashboard shows for `period`. Read-only.
pub fn build(conn: &Connection, tz: Tz, period: Period) -> rusqlite::Result<Dashboard> {
    let previous = period.previous();
    let now = rollup::read(conn, tz, &period)?;
    let before = rollup::read(conn, tz, &previous)?;
    let (start, end) = period.bounds(tz);
    Ok(Dashboard {
        period,
        previous,
        kpis: Kpis::from_sums(&now.totals),
        before: Kpis::from_sums(&before.totals),
        daily: now.daily,
        snapshot: snapshot::snapshot(conn)?,
        funnel: snapshot::hiring_funnel(conn, start, end)?,
    })
}
