//! Re-certification of hired workers: a manager (or the schedule, when a certification falls
//! due) assigns a screening test for one service; the graded attempt passes or fails it; a
//! failed or overdue certification keeps the worker off matching for that service until a
//! pass, unless a manager overrides with a reason (audited). The worker hears of each step.
//! Matching reads the outcome through the `worker_certification_facts` view.

use chrono::{DateTime, Duration, Utc};
use rusqlite::Connection;
use serde_json::json;

use crate::config::Settings;
use crate::db::{Conn, WriteTx, write_tx};
use crate::error::AppError;
use crate::hiring::service::attempts::{self, Customisation};
use crate::hiring::store::attempts::{Assignment, Taker};
use crate::hiring::store::recert::{self as store, CertStatus, Certification};
use crate::i18n::Arg;
use crate::notify::model::Kind;
use crate::notify::service::{Message, notify};

pub use crate::hiring::store::recert::{for_worker, worker_assignments};

/// Assigns `test_id` to a worker to re-certify them for `service_id`; due within the notice
/// period (or sooner, if the certification ran out earlier). `actor` is the manager, or
/// `None` for the schedule. Refused while another re-certification of that service is open,
/// and for a test that is not the service's own (or another's needing the same skill): a
/// failed test blocks the worker from the service it re-certifies.
#[allow(clippy::too_many_arguments)]
pub fn assign(
    tx: &WriteTx,
    settings: &Settings,
    now: DateTime<Utc>,
    actor: Option<i64>,
    worker_id: i64,
    service_id: i64,
    test_id: i64,
    c: Customisation,
) -> Result<i64, AppError> {
    let fits = crate::hiring::store::screening_tests::tests_for_service(tx, service_id)?;
    if !fits.iter().any(|t| t.id == test_id) {
        return Err(AppError::Refused("flash-recert-wrong-test"));
    }
    let current = store::get(tx, worker_id, service_id)?;
    if current
        .as_ref()
        .is_some_and(|c| c.status == CertStatus::Testing)
    {
        return Err(AppError::Refused("flash-recert-open"));
    }
    let seed = now.timestamp_micros() as u64 ^ (worker_id as u64) << 20 ^ service_id as u64;
    let taker = Taker::Worker {
        worker_id,
        service_id,
    };
    let (id, title) = attempts::create(tx, now, taker, test_id, c, seed)?;
    let due = now + Duration::days(settings.hiring.notice_days);
    store::set_testing(tx, worker_id, service_id, id, due, now)?;
    let cert = store::get(tx, worker_id, service_id)?.expect("just written");
    if let Some(actor) = actor {
        crate::audit::record(
            tx,
            now,
            Some(actor),
            "recert.assign",
            &format!("user:{worker_id}"),
            json!({ "service": service_id, "test": test_id, "assignment": id }),
        )?;
    }
    let msg = Message::new(Kind::RecertAssigned)
        .arg("test", title.arg())
        .arg("service", service_name(&cert))
        .arg("until", Arg::Time(cert.valid_until))
        .link(format!("/worker/tests/{id}"));
    notify(tx, settings, now, worker_id, &msg)?;
    tracing::info!(
        worker_id,
        service_id,
        assignment = id,
        "re-certification assigned"
    );
    Ok(id)
}

/// A worker's attempt is graded: at or above the pass mark re-certifies them for the full
/// period; below it the certification fails. An attempt that is no longer the open one of
/// its certification (a newer one was assigned) decides nothing.
pub fn decide(
    tx: &WriteTx,
    settings: &Settings,
    now: DateTime<Utc>,
    a: &Assignment,
    score_bp: i64,
) -> Result<(), AppError> {
    let (Some(worker_id), Some(service_id)) = (a.worker_id, a.service_id) else {
        return Ok(());
    };
    let Some(cert) = store::get(tx, worker_id, service_id)?
        .filter(|c| c.assignment_id == Some(a.id) && c.status != CertStatus::Certified)
    else {
        return Ok(());
    };
    let passed = score_bp >= a.pass_mark_bp.unwrap_or(settings.hiring.pass_bp);
    let (status, valid_until, outcome) = if passed {
        let until = now + Duration::days(settings.hiring.recertification_days);
        (CertStatus::Certified, until, "passed")
    } else {
        (CertStatus::Failed, cert.valid_until, "failed")
    };
    store::set_decided(tx, &cert, status, valid_until, Some(score_bp), now)?;
    crate::hiring::store::followup::record_recert_outcome(tx, a.id, passed)?;
    let msg = Message::new(Kind::RecertDecided)
        .arg("outcome", outcome)
        .arg("service", service_name(&cert))
        .arg("score", (score_bp / 100).to_string())
        .arg("until", Arg::Time(valid_until))
        .link("/worker/profile");
    notify(tx, settings, now, worker_id, &msg)?;
    tracing::info!(
        worker_id,
        service_id,
        score_bp,
        outcome,
        "re-certification decided"
    );
    Ok(())
}

/// A manager lets a worker back on matching for a service despite a failed or overdue
/// re-certification, with a reason (audited). The override ends with the next decision.
pub fn override_block(
    conn: &mut Conn,
    now: DateTime<Utc>,
    actor: i64,
    worker_id: i64,
    service_id: i64,
    reason: &str,
) -> Result<(), AppError> {
    let reason = reason.trim();
    if reason.chars().count() < 3 || reason.chars().count() > 500 {
        return Err(AppError::Refused("flash-recert-reason"));
    }
    write_tx(conn, |tx| -> Result<(), AppError> {
        let Some(cert) = store::get(tx, worker_id, service_id)?.filter(|c| c.blocked(now)) else {
            return Err(AppError::Refused("flash-recert-not-blocked"));
        };
        store::set_override(tx, &cert, reason, actor, now)?;
        crate::audit::record(
            tx,
            now,
            Some(actor),
            "recert.override",
            &format!("user:{worker_id}"),
            json!({ "service": service_id, "status": cert.status.as_str(), "reason": reason }),
        )?;
        Ok(())
    })
}

/// What one pass of the schedule did.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct SweepReport {
    pub started: usize,
    pub assigned: usize,
    pub reminded: usize,
    pub overdue: usize,
}

/// The schedule's pass, safe to run any number of times: every active worker holds a
/// certification for each service of their skills (the first one counts from now); those
/// falling due within the notice period get their service's test; open ones close to the due
/// date remind the worker once; those past due are marked overdue.
pub fn sweep(
    conn: &mut Conn,
    settings: &Settings,
    now: DateTime<Utc>,
) -> Result<SweepReport, AppError> {
    let rules = &settings.hiring;
    write_tx(conn, |tx| -> Result<SweepReport, AppError> {
        let mut report = SweepReport::default();
        let services = crate::catalogue::store::services(tx, true)?;
        for worker in store::active_workers(tx)? {
            let skills = crate::matching::store::availability::availability(tx, worker)?.skills;
            for s in services.iter().filter(|s| skills.contains(&s.skill)) {
                let until = now + Duration::days(rules.recertification_days);
                if store::ensure(tx, worker, s.id, until, None, now)? {
                    report.started += 1;
                }
            }
        }
        for cert in store::falling_due(tx, now + Duration::days(rules.notice_days))? {
            let Some(test) = store::test_for_service(tx, cert.service_id)? else {
                continue;
            };
            let c = Customisation::default();
            match assign(
                tx,
                settings,
                now,
                None,
                cert.worker_id,
                cert.service_id,
                test,
                c,
            ) {
                Ok(_) => report.assigned += 1,
                Err(AppError::Refused(_)) => {}
                Err(e) => return Err(e),
            }
        }
        for cert in store::to_remind(tx, now + Duration::days(rules.reminder_days))? {
            store::set_reminded(tx, &cert, now)?;
            let msg = Message::new(Kind::RecertDueSoon)
                .arg("service", service_name(&cert))
                .arg("until", Arg::Time(cert.valid_until))
                .link(match cert.assignment_id {
                    Some(id) => format!("/worker/tests/{id}"),
                    None => "/worker/profile".into(),
                });
            notify(tx, settings, now, cert.worker_id, &msg)?;
            report.reminded += 1;
        }
        for cert in store::past_due(tx, now)? {
            store::set_decided(tx, &cert, CertStatus::Overdue, cert.valid_until, None, now)?;
            let msg = Message::new(Kind::RecertDecided)
                .arg("outcome", "overdue")
                .arg("service", service_name(&cert))
                .arg("score", "0")
                .arg("until", Arg::Time(cert.valid_until))
                .link("/worker/profile");
            notify(tx, settings, now, cert.worker_id, &msg)?;
            report.overdue += 1;
        }
        Ok(report)
    })
}

/// A worker's hiring score starts their certification for each service they were hired for.
pub fn start_at_hiring(
    tx: &Connection,
    settings: &Settings,
    now: DateTime<Utc>,
    worker_id: i64,
    service_ids: &[i64],
    score_bp: i64,
) -> rusqlite::Result<()> {
    let until = now + Duration::days(settings.hiring.recertification_days);
    for service in service_ids {
        store::ensure(tx, worker_id, *service, until, Some(score_bp), now)?;
    }
    Ok(())
}

/// Everything hiring's schedule does on a reconcile pass: re-certifications, then the day's
/// screening decisions once per local day.
pub fn run_due(conn: &mut Conn, settings: &Settings, now: DateTime<Utc>) -> Result<(), AppError> {
    sweep(conn, settings, now)?;
    crate::hiring::service::screening::decide_daily(conn, settings, now)?;
    Ok(())
}

fn service_name(c: &Certification) -> Arg {
    Arg::Localized {
        en: c.service_en.clone(),
        ru: c.service_ru.clone(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cert(status: CertStatus, days_left: i64, overridden: bool) -> Certification {
        let now = DateTime::<Utc>::UNIX_EPOCH;
        Certification {
            worker_id: 1,
            service_id: 1,
            service_en: String::new(),
            service_ru: String::new(),
            status,
            valid_until: now + Duration::days(days_left),
            assignment_id: None,
            score_bp: None,
            tested_at: None,
            reminded_at: None,
            override_reason: overridden.then(|| "short-staffed".into()),
        }
    }

    #[test]
    fn failed_or_past_due_blocks_unless_overridden() {
        let now = DateTime::<Utc>::UNIX_EPOCH;
        assert!(!cert(CertStatus::Certified, 10, false).blocked(now));
        assert!(!cert(CertStatus::Testing, 1, false).blocked(now));
        assert!(
            cert(CertStatus::Testing, -1, false).blocked(now),
            "past due"
        );
        assert!(cert(CertStatus::Failed, 10, false).blocked(now));
        assert!(cert(CertStatus::Overdue, -3, false).blocked(now));
        assert!(!cert(CertStatus::Failed, 10, true).blocked(now));
        assert!(!cert(CertStatus::Overdue, -3, true).blocked(now));
    }
}
