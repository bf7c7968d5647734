//! Screening policies as use cases: drafts, the what-if simulation (reads only), activation
//! (audited) and decisions with enrolment. The SQL is in `store::policies`.

use chrono::{DateTime, Duration, Utc};
use rusqlite::Connection;
use serde_json::json;

use crate::audit;
use crate::db::{Conn, WriteTx, write_tx};
use crate::error::AppError;
use crate::hiring::model::policy::{Policy, Ranked, decide};
use crate::hiring::model::{CandidateStatus, PolicyStatus};
use crate::hiring::store::policies as store;
pub use crate::hiring::store::policies::{
    Funnel, StoredPolicy, active, current_decisions, funnel, policies, policy,
};

/// Notes that the screening policies have been looked at (the admin's getting-started
/// checklist asks for it, since the default policy rejects from day one); the first look is
/// enough, so later views write nothing.
pub fn note_review(conn: &mut Conn, user_id: i64, now: DateTime<Utc>) -> Result<(), AppError> {
    if store::reviewed(conn)? {
        return Ok(());
    }
    write_tx(conn, |tx| store::record_review(tx, user_id, now))?;
    Ok(())
}

/// Saves a validated policy as a new draft version.
pub fn create_draft(
    conn: &mut Conn,
    now: DateTime<Utc>,
    p: &Policy,
    window_days: i64,
) -> Result<i64, AppError> {
    write_tx(conn, |tx| -> Result<i64, AppError> {
        Ok(store::insert_draft(tx, now, p, window_days)?)
    })
}

/// The cohort's decisions under `p`: who would be hired, with ranks. Reads only.
pub fn evaluate(
    conn: &Connection,
    p: &StoredPolicy,
    now: DateTime<Utc>,
) -> rusqlite::Result<Vec<Ranked>> {
    let all = store::scores(conn, now - Duration::days(p.window_days))?;
    let cohort: Vec<(i64, i64)> = all
        .iter()
        .filter_map(|(c, s)| p.policy.weighted(s).map(|w| (*c, w)))
        .collect();
    Ok(decide(&p.policy, &cohort))
}

/// Makes a draft the active policy (the previous one retires); audited.
pub fn activate(
    conn: &mut Conn,
    now: DateTime<Utc>,
    actor: i64,
    id: i64,
) -> Result<bool, AppError> {
    write_tx(conn, |tx| activate_in(tx, now, actor, id, None))
}

/// `activate` inside the caller's write; `adopted_from` names the experiment arm adopted.
pub fn activate_in(
    tx: &WriteTx,
    now: DateTime<Utc>,
    actor: i64,
    id: i64,
    adopted_from: Option<&str>,
) -> Result<bool, AppError> {
    let Some(p) = policy(tx, id)?.filter(|p| p.status == PolicyStatus::Draft) else {
        return Ok(false);
    };
    let previous = active(tx)?.map(|a| a.version);
    store::activate(tx, id, now)?;
    audit::record(
        tx,
        now,
        Some(actor),
        "screening.activate",
        &format!("policy:v{}", p.version),
        crate::audit::with_adoption(json!({ "previous": previous }), adopted_from),
    )?;
    Ok(true)
}

#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct DecideReport {
    pub hired: usize,
    pub rejected: usize,
}

/// Decides (or re-evaluates) every scored candidate not yet hired under the active policy;
/// hiring enrols the candidate as a worker with the skills of the services they offered.
pub fn decide_all(
    conn: &mut Conn,
    settings: &crate::config::Settings,
    now: DateTime<Utc>,
) -> Result<DecideReport, AppError> {
    decide_for(conn, settings, now, None)
}

/// The scheduled run: once per local day, decides the candidates whose tests are all graded
/// and who have no decision yet (rejected candidates are re-evaluated only on demand, so
/// nobody hears "no" twice). Returns `None` when today's run already happened.
pub fn decide_daily(
    conn: &mut Conn,
    settings: &crate::config::Settings,
    now: DateTime<Utc>,
) -> Result<Option<DecideReport>, AppError> {
    let day = now.with_timezone(&settings.time_zone).date_naive();
    if store::ran_on(conn, day)? {
        return Ok(None);
    }
    let report = decide_scoped(conn, settings, now, None, true)?;
    write_tx(conn, |tx| -> Result<(), AppError> {
        store::record_run(tx, day, report.hired, report.rejected, now)?;
        Ok(())
    })?;
    tracing::info!(%day, hired = report.hired, rejected = report.rejected, "daily screening decisions");
    Ok(Some(report))
}

/// Decides, or re-evaluates, `only` one candidate (or everyone) under the active policy;
/// the rank is still taken within the whole cohort.
pub fn decide_for(
    conn: &mut Conn,
    settings: &crate::config::Settings,
    now: DateTime<Utc>,
    only: Option<i64>,
) -> Result<DecideReport, AppError> {
    decide_scoped(conn, settings, now, only, false)
}

fn decide_scoped(
    conn: &mut Conn,
    settings: &crate::config::Settings,
    now: DateTime<Utc>,
    only: Option<i64>,
    undecided_only: bool,
) -> Result<DecideReport, AppError> {
    write_tx(conn, |tx| -> Result<DecideReport, AppError> {
        let Some(p) = active(tx)? else {
            return Ok(DecideReport::default());
        };
        let ranked = evaluate(tx, &p, now)?;
        let live_cohort = ranked.len() as i64;
        let arms = super::experiments::ArmPolicies::load(tx, now)?;
        let mut report = DecideReport::default();
        for live in ranked
            .iter()
            .filter(|r| only.is_none_or(|c| c == r.candidate_id))
        {
            let (status, user_id) = store::candidate_status(tx, live.candidate_id)?;
            let decided_before = status == CandidateStatus::Rejected;
            if status == CandidateStatus::Hired || (undecided_only && decided_before) {
                continue;
            }
            let (policy_id, r, cohort) = match arms.place(tx, live.candidate_id, now)? {
                None => (p.id, live, live_cohort),
                Some(Some(at)) => (at.policy_id, at.ranked, at.cohort),
                // Their arm's policy cannot score them yet: they wait for its tests.
                Some(None) => continue,
            };
            store::insert_decision(tx, policy_id, r, cohort, now)?;
            if r.hired() {
                enrol(tx, settings, now, r, user_id)?;
                report.hired += 1;
            } else {
                store::decide_candidate(tx, r.candidate_id, CandidateStatus::Rejected, now)?;
                if !decided_before {
                    // Told once, kindly, in their own language (the notice is rendered per user),
                    // and truly: a score under the floor is not beaten by better ones.
                    let msg = crate::notify::service::Message::new(
                        crate::notify::model::Kind::CandidateRejected,
                    )
                    .arg("why", r.outcome.code())
                    .link("/candidate");
                    crate::notify::service::notify(tx, settings, now, user_id, &msg)?;
                }
                report.rejected += 1;
            }
        }
        Ok(report)
    })
}

fn enrol(
    tx: &WriteTx,
    settings: &crate::config::Settings,
    now: DateTime<Utc>,
    r: &Ranked,
    user_id: i64,
) -> Result<(), AppError> {
    let candidate_id = r.candidate_id;
    store::decide_candidate(tx, candidate_id, CandidateStatus::Hired, now)?;
    crate::auth::store::set_role(tx, user_id, crate::auth::model::Role::Worker)?;
    crate::auth::store::delete_user_sessions(tx, user_id, None)?;
    let skills = store::candidate_skills(tx, candidate_id)?;
    crate::matching::store::availability::set_skills(tx, user_id, &skills)?;
    crate::matching::store::availability::set_on_duty(tx, user_id, false)?;
    // The screening score counts as the first certification of each service hired for.
    let services = store::candidate_services(tx, candidate_id)?;
    crate::hiring::service::recert::start_at_hiring(
        tx, settings, now, user_id, &services, r.score_bp,
    )?;
    let msg = crate::notify::service::Message::new(crate::notify::model::Kind::Hired)
        .link("/worker/availability");
    crate::notify::service::notify(tx, settings, now, user_id, &msg)?;
    Ok(())
}
