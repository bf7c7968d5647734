//! Replay as a use case: reads the window's decisions and the workers' records at its end,
//! re-decides with the strategy asked for, and names the workers for the report.

use std::collections::HashMap;

use chrono::{DateTime, Duration, NaiveDate, Utc};
use chrono_tz::Tz;
use rusqlite::Connection;

use crate::calendar::{business_day, day_start};
use crate::error::AppError;
use crate::matching::model::Weights;
use crate::matching::model::replay::{Recorded, Replay, Report, Request, replay};
use crate::matching::store::{self, DecisionRecord, replay as sql};

/// A replay's report with what it was run over.
#[derive(Debug, Clone)]
pub struct Replayed {
    pub from: NaiveDate,
    pub to: NaiveDate,
    /// Workers' records are read up to here: the window's end, or now if sooner.
    pub records_until: DateTime<Utc>,
    /// The weights a decision of another strategy is replayed with.
    pub weights: Weights,
    pub report: Report,
    pub names: HashMap<i64, String>,
}

impl Replayed {
    pub fn name(&self, worker_id: i64) -> String {
        self.names
            .get(&worker_id)
            .cloned()
            .unwrap_or_else(|| format!("#{worker_id}"))
    }
}

fn recorded(d: DecisionRecord) -> Recorded {
    Recorded {
        strategy: d.strategy,
        // Stored as SQLite's signed integer; the bits are the seed.
        seed: d.seed as u64,
        weights: d.weights,
        considered: d.considered,
        chosen: d.chosen_worker_id,
    }
}

pub fn run(
    conn: &Connection,
    tz: Tz,
    now: DateTime<Utc>,
    request: &Request,
) -> Result<Replayed, AppError> {
    let (from, to) = request.days(business_day(tz, now));
    let start = day_start(tz, from);
    let end = day_start(tz, to + Duration::days(1));
    let records_until = end.min(now);
    let live = store::settings(conn)?.weights;
    let weights = request.weights.unwrap_or(live);
    let decisions: Vec<Recorded> = sql::decisions_between(conn, start, end)?
        .into_iter()
        .map(recorded)
        .collect();
    let records = sql::worker_records(conn, records_until)?;
    let report = replay(
        &decisions,
        &records,
        &Replay {
            strategy: request.strategy,
            weights: request.weights,
            live,
        },
    );
    Ok(Replayed {
        from,
        to,
        records_until,
        weights,
        report,
        names: sql::worker_names(conn)?,
    })
}
