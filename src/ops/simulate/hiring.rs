//! Hiring in the simulation: the company starts with more cats on staff; applicants with a
//! hidden ability (kept for their work once hired) apply through the real application, take the default tests they are
//! invited to and are decided by the default policy on its daily run; new hires set their
//! hours, and add the payout card hiring never asked for once they are told their pay is
//! held; managers re-certify a worker every few days and override a failure now and then.

use crate::db::{QueryRowCached, write_tx};
use std::fmt::Write;

use anyhow::anyhow;
use rand::Rng;

use super::World;
use crate::auth::model::Role;
use crate::billing::cards::Purpose;
use crate::hiring::model::AttemptStatus;
use crate::hiring::model::grading::{Answer, Question};
use crate::hiring::service::apply::{self, ApplyForm};
use crate::hiring::service::attempts::{self, Customisation};
use crate::hiring::service::recert;
use crate::hiring::store::{recert as recert_store, screening_tests as tests_store};
use crate::i18n::Lang;
use crate::matching::store::availability;

/// Cats hired before the simulation starts, beside the five the business day brings.
const MORE_STARTING_WORKERS: usize = 11;

/// The default screening and the company's starting staff.
pub fn start(world: &mut World) -> anyhow::Result<()> {
    crate::hiring::service::defaults::ensure(&mut *world.state.pool.get()?, world.clock.now_utc())?;
    for n in 0..MORE_STARTING_WORKERS {
        let id = super::register(world, Role::Worker, &format!("staff-{n}"))?;
        set_up_worker(world, id)?;
    }
    Ok(())
}

/// Every simulated worker does every service and works 08:00–21:00 daily, on duty.
pub fn set_up_worker(world: &World, id: i64) -> anyhow::Result<()> {
    write_tx(&mut world.state.pool.get()?, |tx| -> rusqlite::Result<()> {
        availability::set_skills(
            tx,
            id,
            &["cleaning".into(), "windows".into(), "pest".into()],
        )?;
        availability::set_hours(
            tx,
            id,
            &(1..=7).map(|d| (d, 8 * 60, 21 * 60)).collect::<Vec<_>>(),
        )?;
        availability::set_on_duty(tx, id, true)
    })?;
    Ok(())
}

/// One day of hiring: applicants apply and take their tests, newly hired cats set their
/// hours and go on duty, open re-certifications are taken, and every few days a manager re-certifies one
/// worker (or lets a failed one back on with a reason).
pub fn day(world: &mut World, day: u32) -> anyhow::Result<()> {
    let applicants = world.rng.random_range(0..=2);
    for n in 0..applicants {
        applicant(world, &format!("applicant-{day}-{n}"))?;
    }
    new_hires_set_their_hours(world)?;
    held_hires_add_a_card(world)?;
    take_open_recertifications(world)?;
    if day % 5 == 2 {
        manager_recertifies(world)?;
    }
    Ok(())
}

fn applicant(world: &mut World, handle: &str) -> anyhow::Result<()> {
    let services: Vec<i64> = crate::catalogue::store::services(&*world.state.pool.get()?, true)?
        .iter()
        .map(|s| s.id)
        .collect();
    let offered: Vec<String> = services
        .iter()
        .filter(|_| world.rng.random_bool(0.5))
        .map(i64::to_string)
        .collect();
    let skills = if offered.is_empty() {
        vec![services[0].to_string()]
    } else {
        offered
    };
    let form = ApplyForm {
        name: format!("{handle} the Cat"),
        email: format!("{handle}@sim.example.com"),
        password: format!("sim-password-{handle}"),
        phone: "+7 900 555-01-02".into(),
        about: "Simulated applicant.".into(),
        skills,
    };
    let lang = if world.rng.random_bool(0.6) {
        Lang::Ru
    } else {
        Lang::En
    };
    let now = world.clock.now_utc();
    // Each applicant from their own address: the sign-up limit is per address and hour.
    let ip = format!(
        "10.1.{}.{}",
        world.rng.random_range(0..=255),
        world.rng.random_range(1..=254)
    );
    let user = {
        let mut conn = world.state.pool.get()?;
        apply::submit(&mut conn, &world.state.settings(), now, &form, lang, &ip)
            .map_err(|e| anyhow!("simulated application failed: {e:?}"))?
            .map_err(|e| anyhow!("simulated application refused: {e:?}"))?
    };
    // Their hidden ability drives their answers now and their work once hired.
    let a = super::ability::draw(&mut world.rng);
    world.abilities.insert(user, a);
    // Most take their tests the day they are invited; a few never start.
    if world.rng.random_bool(0.9) {
        let conn = world.state.pool.get()?;
        let candidate = crate::hiring::store::by_user(&conn, user)?
            .ok_or_else(|| anyhow!("applicant without a candidate record"))?;
        let given = attempts::for_candidate(&conn, candidate.id)?;
        drop(conn);
        for assignment in given {
            take(world, assignment.id, a)?;
        }
    }
    Ok(())
}

/// Starts and submits an attempt, each question right with probability `ability`.
fn take(world: &mut World, assignment: i64, ability: f64) -> anyhow::Result<()> {
    let now = world.clock.now_utc();
    let mut conn = world.state.pool.get()?;
    let Some(a) = attempts::get(&conn, assignment)? else {
        return Ok(());
    };
    if a.status != AttemptStatus::Invited
        || !write_tx(&mut conn, |tx| attempts::start(tx, now, &a))?
    {
        return Ok(());
    }
    let a = attempts::get(&conn, assignment)?.ok_or_else(|| anyhow!("attempt vanished"))?;
    let mut answers = Vec::new();
    for q in tests_store::questions_by_ids(&conn, &a.question_ids)? {
        let right = world.rng.random_bool(ability);
        let answer = match q.question {
            Question::SingleChoice { options, correct } => Answer::Choice {
                picked: vec![if right {
                    correct
                } else {
                    (correct + 1) % options.len()
                }],
            },
            Question::MultipleChoice { options, correct } => Answer::Choice {
                picked: (0..options.len())
                    .filter(|i| correct.contains(i) == right)
                    .collect(),
            },
            Question::Numeric { answer, .. } => Answer::Number {
                value: if right { answer } else { answer + 7.0 },
            },
            Question::FreeText => {
                world.written.insert(assignment, ability);
                Answer::Text {
                    text: super::screening::written_answer(ability),
                }
            }
        };
        answers.push((q.id, answer));
    }
    attempts::submit(&mut conn, &world.state.settings(), now, &a, &answers)
        .map_err(|e| anyhow!("simulated attempt refused: {e:?}"))?;
    Ok(())
}

fn new_hires_set_their_hours(world: &World) -> anyhow::Result<()> {
    let workers = recert_store::active_workers(&*world.state.pool.get()?)?;
    for id in workers {
        let hours = availability::availability(&*world.state.pool.get()?, id)?.hours;
        if hours.is_empty() {
            let week: Vec<(u32, i64, i64)> = (1..=7).map(|d| (d, 8 * 60, 21 * 60)).collect();
            write_tx(&mut world.state.pool.get()?, |tx| {
                availability::set_hours(tx, id, &week)?;
                availability::set_on_duty(tx, id, true)
            })?;
        }
    }
    Ok(())
}

/// A hire is told at the month's end that their pay waits for a card; half of them add one
/// on any given day after that, and the next billing pass pays what was held.
fn held_hires_add_a_card(world: &mut World) -> anyhow::Result<()> {
    let held: Vec<i64> = {
        let conn = world.state.pool.get()?;
        let mut stmt = conn.prepare_cached(
            "SELECT DISTINCT worker_id FROM payouts WHERE status = 'held' ORDER BY worker_id",
        )?;
        stmt.query_map([], |r| r.get(0))?
            .collect::<rusqlite::Result<_>>()?
    };
    for worker in held {
        if world.rng.random_bool(0.5) {
            super::add_card(world, worker, Purpose::Payout, "4242424242424242")?;
        }
    }
    Ok(())
}

/// Workers with an open re-certification test take it, half of them on any given day.
fn take_open_recertifications(world: &mut World) -> anyhow::Result<()> {
    let open: Vec<(i64, i64)> = {
        let conn = world.state.pool.get()?;
        let mut stmt = conn.prepare_cached(
            "SELECT id, worker_id FROM test_assignments
             WHERE worker_id IS NOT NULL AND status = 'invited' ORDER BY id",
        )?;
        stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?
            .collect::<rusqlite::Result<_>>()?
    };
    for (assignment, worker) in open {
        if world.rng.random_bool(0.5) {
            let skill = super::ability_of(world, worker);
            take(world, assignment, skill)?;
        }
    }
    Ok(())
}

/// A manager's look at certifications: a blocked worker is let back on with a reason half
/// the time, or given a retake; otherwise a random certified worker is re-tested.
fn manager_recertifies(world: &mut World) -> anyhow::Result<()> {
    let now = world.clock.now_utc();
    let workers = recert_store::active_workers(&*world.state.pool.get()?)?;
    let mut certs = Vec::new();
    for w in workers {
        certs.extend(recert::for_worker(&*world.state.pool.get()?, w)?);
    }
    let blocked: Vec<_> = certs.iter().filter(|c| c.blocked(now)).cloned().collect();
    let chosen = if let Some(c) = blocked.first() {
        if world.rng.random_bool(0.5) {
            let mut conn = world.state.pool.get()?;
            recert::override_block(
                &mut conn,
                now,
                world.manager_id,
                c.worker_id,
                c.service_id,
                "Fully booked week; retest next week",
            )
            .map_err(|e| anyhow!("simulated override refused: {e:?}"))?;
            return Ok(());
        }
        c.clone()
    } else {
        let certified: Vec<_> = certs
            .iter()
            .filter(|c| c.status == recert_store::CertStatus::Certified)
            .collect();
        if certified.is_empty() {
            return Ok(());
        }
        certified[world.rng.random_range(0..certified.len())].clone()
    };
    let mut conn = world.state.pool.get()?;
    let Some(test) = recert_store::test_for_service(&conn, chosen.service_id)? else {
        return Ok(());
    };
    let settings = world.state.settings();
    let manager = world.manager_id;
    crate::db::write_tx(&mut conn, |tx| {
        recert::assign(
            tx,
            &settings,
            now,
            Some(manager),
            chosen.worker_id,
            chosen.service_id,
            test,
            // The simulated company holds its staff to a higher bar than the applicants' floor.
            Customisation {
                pass_mark_bp: Some(7_000),
                ..Customisation::default()
            },
        )
    })
    .map(|_| ())
    .or_else(|e| match e {
        crate::error::AppError::Refused(_) => Ok(()),
        e => Err(anyhow!("simulated re-certification failed: {e:?}")),
    })
}

/// The hiring line of the run's summary.
pub fn summary(world: &World, log: &mut String) -> anyhow::Result<()> {
    let conn = world.state.pool.get()?;
    let (candidates, hired, rejected): (i64, i64, i64) = conn.query_row_cached(
        "SELECT COUNT(*), COUNT(*) FILTER (WHERE status = 'hired'),
                COUNT(*) FILTER (WHERE status = 'rejected') FROM candidates",
        [],
        |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
    )?;
    let workers: i64 = conn.query_row_cached(
        "SELECT COUNT(*) FROM users WHERE role = 'worker'",
        [],
        |r| r.get(0),
    )?;
    let (recerts, failed): (i64, i64) = conn.query_row_cached(
        "SELECT COUNT(*), COUNT(*) FILTER (WHERE status = 'graded'
                AND score_bp < COALESCE(pass_mark_bp, 5000))
         FROM test_assignments WHERE worker_id IS NOT NULL",
        [],
        |r| Ok((r.get(0)?, r.get(1)?)),
    )?;
    writeln!(
        log,
        "hiring: {candidates} candidates, {hired} hired, {rejected} rejected; {workers} workers; \
         {recerts} re-certifications ({failed} failed)"
    )?;
    Ok(())
}
