//! Matching use cases: decide and offer (one transaction with the decision record), expire
//! offers that ran out, re-run for an unassigned order, and the reconcile pass the jobs run.

pub mod board;
pub mod experiments;
pub mod readiness;
pub mod replay;

use chrono::{DateTime, Datelike, Duration, Timelike, Utc};
use rusqlite::Connection;
use sha2::{Digest, Sha256};

use serde_json::json;

use super::model::{Decision, Exclusion, MatchingSettings, decide};
use super::store::{self, DecisionRecord, Slot};
use crate::calendar::day_start;
use crate::config::Settings;
use crate::db::{Conn, WriteTx, write_tx};
use crate::error::AppError;
use crate::orders::model::{Actor, Status};
use crate::orders::service::{Command, Hooks, apply, apply_in};
use crate::orders::store as orders;
use crate::orders::store::offers;
use crate::orders::views::manage::MatchingSummary;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    Offered(i64),
    Unassigned,
    /// The order is not waiting for matching (taken meanwhile, or matching is off).
    Skipped,
}

/// A decision's seed: derived from the order, round, attempt and time, so it differs per
/// decision, is recorded, and a simulation on a fixed clock repeats itself.
fn seed(order_id: i64, round: i64, attempt: i64, now: DateTime<Utc>) -> u64 {
    let digest = Sha256::digest(format!(
        "{order_id}/{round}/{attempt}/{}",
        now.timestamp_micros()
    ));
    u64::from_le_bytes(digest[..8].try_into().expect("eight bytes"))
}

/// The order's slot as matching reads it: skill, times, the local weekday and day.
pub fn slot(tx: &Connection, settings: &Settings, order: &orders::Order) -> Result<Slot, AppError> {
    let skill = store::service_skill(tx, order.service_id)?;
    let tz = settings.time_zone;
    let local_start = order.scheduled_at.with_timezone(&tz);
    let local_end = order.ends_at().with_timezone(&tz);
    let day = local_start.date_naive();
    let minutes = |t: chrono::DateTime<chrono_tz::Tz>| i64::from(t.hour() * 60 + t.minute());
    let end_minute = if local_end.date_naive() == day {
        minutes(local_end)
    } else {
        24 * 60
    };
    Ok(Slot {
        order_id: order.id,
        client_id: order.client_id,
        skill,
        service_id: order.service_id,
        start: order.scheduled_at,
        end: order.ends_at(),
        weekday: local_start.weekday().number_from_monday(),
        start_minute: minutes(local_start),
        end_minute,
        day,
        day_start: day_start(tz, day),
        day_end: day_start(tz, day + Duration::days(1)),
    })
}

/// What keeps a manager from offering or assigning the order to `worker_id` by hand:
/// matching's qualifications — the service's skill, a failed or overdue re-certification, the
/// client's block. A worker's hours, duty and daily limit stay the manager's to overrule (they
/// may have agreed another time with the worker); overlaps and withdrawals orders check.
pub fn manual_refusal(
    tx: &Connection,
    settings: &Settings,
    order: &orders::Order,
    worker_id: i64,
) -> Result<Option<&'static str>, AppError> {
    let ms = store::settings(tx)?;
    let slot = slot(tx, settings, order)?;
    let found = store::candidates(tx, &slot, ms.travel_buffer_minutes)?
        .into_iter()
        .find(|c| c.worker_id == worker_id);
    // Not a worker at all: orders refuse that in words of their own.
    let Some(c) = found else { return Ok(None) };
    Ok(if !c.skilled {
        Some("refuse-worker-not-skilled")
    } else if c.not_certified {
        Some("refuse-worker-not-certified")
    } else if c.blocked {
        Some("refuse-worker-blocked")
    } else {
        None
    })
}

/// Reads the candidates' facts and lets the configured strategy choose: the decision alone,
/// nothing written (benchmarks time exactly this).
pub fn decide_for(
    conn: &Connection,
    settings: &Settings,
    ms: &MatchingSettings,
    order: &orders::Order,
    seed: u64,
) -> Result<Decision, AppError> {
    let slot = slot(conn, settings, order)?;
    let candidates = store::candidates(conn, &slot, ms.travel_buffer_minutes)?;
    Ok(decide(&candidates, ms, seed))
}

/// Decides for one order waiting in `new` (or `unassigned` when re-run) and offers it, or
/// marks it unassigned when the attempts are used up or nobody is eligible.
fn decide_and_offer(
    tx: &WriteTx,
    settings: &Settings,
    hooks: &Hooks,
    now: DateTime<Utc>,
    order_id: i64,
    new_round: bool,
) -> Result<Outcome, AppError> {
    let live = store::settings(tx)?;
    let Some(order) = orders::order(tx, order_id)? else {
        return Ok(Outcome::Skipped);
    };
    let open = offers::open_offer_expiry(tx, order_id)?.is_some();
    let waiting = match order.status {
        Status::New => !open,
        Status::Unassigned => new_round,
        _ => false,
    };
    if !waiting || (!live.enabled && !new_round) {
        return Ok(Outcome::Skipped);
    }
    // An order opened to volunteers waits for one; a manager's re-run takes it back.
    if super::store::board::is_opened(tx, order_id)? {
        if !new_round {
            return Ok(Outcome::Skipped);
        }
        super::store::board::close(tx, order_id)?;
    }
    let ms = experiments::settings_for_order(tx, live, order_id, now)?;
    let (mut round, mut attempts) = store::round_and_attempts(tx, order_id)?;
    if new_round {
        round += 1;
        attempts = 0;
    }
    if attempts >= ms.max_attempts {
        refused_is_fine(apply_in(
            tx,
            settings,
            hooks,
            now,
            Actor::System,
            order_id,
            Command::MarkUnassigned,
        ))?;
        return Ok(Outcome::Unassigned);
    }
    let decision = decide_for(
        tx,
        settings,
        &ms,
        &order,
        seed(order_id, round, attempts + 1, now),
    )?;
    store::insert_decision(tx, order_id, round, attempts + 1, &decision, now)?;
    let outcome = match decision.chosen {
        Some(worker_id) => match apply_in(
            tx,
            settings,
            hooks,
            now,
            Actor::System,
            order_id,
            Command::Offer { worker_id },
        ) {
            Ok(_) => Outcome::Offered(worker_id),
            Err(AppError::Refused(_)) => Outcome::Skipped,
            Err(e) => return Err(e),
        },
        None => {
            // Already unassigned (a re-run that found nobody) stays so; the machine refuses
            // to mark it twice.
            refused_is_fine(apply_in(
                tx,
                settings,
                hooks,
                now,
                Actor::System,
                order_id,
                Command::MarkUnassigned,
            ))?;
            Outcome::Unassigned
        }
    };
    tracing::info!(order_id, strategy = decision.strategy, chosen = ?decision.chosen, "matching decision");
    Ok(outcome)
}

/// A step the state machine refuses (already unassigned, say) is skipped, not an error.
fn refused_is_fine<T>(result: Result<T, AppError>) -> Result<(), AppError> {
    match result {
        Ok(_) | Err(AppError::Refused(_)) => Ok(()),
        Err(e) => Err(e),
    }
}

pub fn match_order(
    conn: &mut Conn,
    settings: &Settings,
    hooks: &Hooks,
    now: DateTime<Utc>,
    order_id: i64,
) -> Result<Outcome, AppError> {
    write_tx(conn, |tx| {
        decide_and_offer(tx, settings, hooks, now, order_id, false)
    })
}

/// A manager's "try again": a fresh round of attempts for an unassigned (or waiting) order.
/// The manager's step is an order event of its own, so it is refused to a manager holding a
/// stake in the order and keeps the manager from betting on it afterwards.
pub fn rerun(
    conn: &mut Conn,
    settings: &Settings,
    hooks: &Hooks,
    now: DateTime<Utc>,
    manager_id: i64,
    order_id: i64,
) -> Result<Outcome, AppError> {
    write_tx(conn, |tx| {
        let actor = Actor::Manager(manager_id);
        apply_in(tx, settings, hooks, now, actor, order_id, Command::Rematch)?;
        decide_and_offer(tx, settings, hooks, now, order_id, true)
    })
}

/// An order moved to another time and waiting for a worker: a fresh round for the new slot
/// in the mover's transaction, as a manager's re-run starts one (under the order's recorded
/// experiment arm), unless matching is off. Skipped for an order that is not waiting.
pub fn rematch_moved(
    tx: &WriteTx,
    settings: &Settings,
    hooks: &Hooks,
    now: DateTime<Utc>,
    order_id: i64,
) -> Result<Outcome, AppError> {
    if !store::settings(tx)?.enabled {
        return Ok(Outcome::Skipped);
    }
    decide_and_offer(tx, settings, hooks, now, order_id, true)
}

#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct MatchingReport {
    pub expired: usize,
    pub offered: usize,
    pub unassigned: usize,
}

/// Expires offers that ran out, then matches every order waiting for a worker. Safe to run
/// twice or concurrently: each step re-reads the order in its own transaction.
pub fn reconcile(
    conn: &mut Conn,
    settings: &Settings,
    hooks: &Hooks,
    now: DateTime<Utc>,
) -> Result<MatchingReport, AppError> {
    let mut report = MatchingReport::default();
    for order_id in offers::expired_offers(conn, now, 500)? {
        match apply(
            conn,
            settings,
            hooks,
            now,
            Actor::System,
            order_id,
            Command::ExpireOffer,
        ) {
            Ok(_) => report.expired += 1,
            Err(AppError::Refused(_)) => {}
            Err(e) => return Err(e),
        }
    }
    if !store::settings(conn)?.enabled {
        return Ok(report);
    }
    for order_id in offers::orders_to_match(conn, 500)? {
        match match_order(conn, settings, hooks, now, order_id)? {
            Outcome::Offered(_) => report.offered += 1,
            Outcome::Unassigned => report.unassigned += 1,
            Outcome::Skipped => {}
        }
    }
    Ok(report)
}

/// Saves new settings as the next version, audited with what changed.
pub fn save_settings(
    conn: &mut Conn,
    now: DateTime<Utc>,
    actor: i64,
    current: &MatchingSettings,
    new: &MatchingSettings,
) -> Result<(), AppError> {
    write_tx(conn, |tx| {
        save_settings_in(tx, now, actor, current, new, None).map(|_| ())
    })
}

/// Saves new settings as the next version inside the caller's write, audited with what changed
/// and, when an experiment's arm is adopted, which one. Returns the new version.
pub fn save_settings_in(
    tx: &WriteTx,
    now: DateTime<Utc>,
    actor: i64,
    current: &MatchingSettings,
    new: &MatchingSettings,
    adopted_from: Option<&str>,
) -> Result<i64, AppError> {
    let version = store::save_settings(tx, new, now)?;
    let describe = |s: &MatchingSettings| {
        json!({
            "strategy": s.strategy, "enabled": s.enabled, "max_attempts": s.max_attempts, "daily_limit": s.daily_limit,
            "travel_buffer_minutes": s.travel_buffer_minutes, "weights": s.weights,
        })
    };
    crate::audit::record(
        tx,
        now,
        Some(actor),
        "matching.settings",
        &format!("matching:v{version}"),
        crate::audit::with_adoption(
            json!({ "from": describe(current), "to": describe(new) }),
            adopted_from,
        ),
    )?;
    Ok(version)
}

/// Counts of why workers were left out in the order's latest decision, for the manager's
/// "why is it unassigned" (no strategy details, which stay with admins).
pub fn exclusion_summary(d: &DecisionRecord) -> Vec<(Exclusion, usize)> {
    Exclusion::ALL
        .into_iter()
        .map(|e| {
            (
                e,
                d.considered
                    .iter()
                    .filter(|c| c.excluded == Some(e))
                    .count(),
            )
        })
        .filter(|(_, n)| *n > 0)
        .collect()
}

/// How matching went for the order: attempts, and who was eligible or left out last time.
pub fn order_summary(conn: &Connection, id: i64) -> Result<Option<MatchingSummary>, AppError> {
    let (_, attempts) = store::round_and_attempts(conn, id)?;
    let latest = store::decisions_for_order(conn, id)?.into_iter().next();
    Ok(latest.map(|d| MatchingSummary {
        attempts,
        eligible: d.considered.iter().filter(|c| c.excluded.is_none()).count(),
        left_out: exclusion_summary(&d)
            .into_iter()
            .map(|(e, n)| (e.key(), n))
            .collect(),
    }))
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    #[test]
    fn seeds_differ_per_attempt_and_repeat_for_the_same_inputs() {
        let now = Utc.with_ymd_and_hms(2026, 3, 2, 9, 0, 0).unwrap();
        assert_eq!(seed(1, 1, 1, now), seed(1, 1, 1, now));
        assert_ne!(seed(1, 1, 1, now), seed(1, 1, 2, now));
        assert_ne!(seed(1, 1, 1, now), seed(2, 1, 1, now));
    }
}
