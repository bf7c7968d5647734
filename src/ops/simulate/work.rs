//! Assigned jobs as the clock moves: the worker picks up the kit an hour or so before the
//! slot, starts inside the product's start window (never earlier), works about the service's
//! duration, reports (often with a photo), and the client signs with a rating drawn from the
//! worker's hidden ability, or refuses. A few clients cancel before the kit is picked up;
//! clients who loved the work now and then make the worker a favourite.

use chrono::{DateTime, Duration, Utc};
use rand::Rng;

use super::orders::{Tally, apply, ids};
use super::{World, ability};
use crate::db::write_tx;
use crate::orders::model::{Actor, Status};
use crate::orders::service::Command;
use crate::orders::store::records::{self, OrderFile, Signature};
use crate::orders::{service::files, store};
use crate::profile::model::WorkerPreference;

/// A tiny PNG used as every simulated signature.
const SIGNATURE_PNG: &[u8] = b"\x89PNG\r\n\x1a\n simulated signature";

/// A real (2×2, ginger) PNG: the photo a worker attaches to a report.
const PHOTO_PNG: &[u8] = &[
    0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d, 0x49, 0x48, 0x44, 0x52,
    0x00, 0x00, 0x00, 0x02, 0x00, 0x00, 0x00, 0x02, 0x08, 0x02, 0x00, 0x00, 0x00, 0xfd, 0xd4, 0x9a,
    0x73, 0x00, 0x00, 0x00, 0x10, 0x49, 0x44, 0x41, 0x54, 0x78, 0xda, 0x63, 0x38, 0x51, 0xa1, 0x01,
    0x44, 0x0c, 0x10, 0x0a, 0x00, 0x29, 0xee, 0x05, 0xa1, 0x64, 0x08, 0x61, 0x07, 0x00, 0x00, 0x00,
    0x00, 0x49, 0x45, 0x4e, 0x44, 0xae, 0x42, 0x60, 0x82,
];

/// One assigned job's plan, drawn when the simulation first sees it assigned.
#[derive(Debug, Clone, Copy)]
pub struct Plan {
    kit_at: DateTime<Utc>,
    start_at: DateTime<Utc>,
    cancel: bool,
    work_minutes: i64,
    finish_at: Option<DateTime<Utc>>,
    sign_at: Option<DateTime<Utc>>,
    waited: bool,
}

fn plan(w: &mut World, scheduled_at: DateTime<Utc>, duration: i64) -> Plan {
    let window = w.state.settings().orders.start_window_minutes;
    Plan {
        kit_at: scheduled_at - Duration::minutes(w.rng.random_range(45..=120)),
        // Inside the window: from its opening to a quarter of an hour late.
        start_at: scheduled_at - Duration::minutes(window)
            + Duration::minutes(w.rng.random_range(0..=window + 15)),
        cancel: w.rng.random_bool(0.05),
        work_minutes: duration * w.rng.random_range(85..=110) / 100,
        finish_at: None,
        sign_at: None,
        waited: false,
    }
}

/// Moves every job that is due a step on, as of the clock's now.
pub fn progress(w: &mut World, tally: &mut Tally) -> anyhow::Result<()> {
    let now = w.clock.now_utc();
    let due = ids(
        w,
        "SELECT id FROM orders WHERE status IN ('assigned', 'in_progress', 'reported')
           AND scheduled_at < ?1 ORDER BY id",
        now + Duration::hours(3),
    )?;
    w.plans.retain(|id, _| due.binary_search(id).is_ok());
    for id in due {
        let Some(order) = store::order(&*w.state.pool.get()?, id)? else {
            continue;
        };
        let Some(worker_id) = order.worker_id else {
            continue;
        };
        let mut p = match w.plans.get(&id) {
            Some(p) => *p,
            None => plan(w, order.scheduled_at, order.duration_minutes),
        };
        let (client, worker) = (Actor::Client(order.client_id), Actor::Worker(worker_id));
        match order.status {
            Status::Assigned if order.kit_received_at.is_none() && now >= p.kit_at => {
                if p.cancel {
                    let reason = "Plans changed".to_string();
                    apply(w, client, id, Command::Cancel { reason })?;
                    tally.cancelled += 1;
                } else if apply(w, worker, id, Command::ConfirmKit)?.is_none() && !p.waited {
                    p.waited = true;
                    tally.kit_waits += 1;
                }
            }
            Status::Assigned if order.kit_received_at.is_some() && now >= p.start_at => {
                let started = apply(w, worker, id, Command::Start)?.is_some();
                if started {
                    p.finish_at = Some(now + Duration::minutes(p.work_minutes));
                }
            }
            Status::InProgress if p.finish_at.is_none_or(|f| now >= f) => {
                report(w, worker, order.service_id, id)?;
                p.sign_at = Some(now + Duration::minutes(w.rng.random_range(5..=90)));
            }
            Status::Reported if p.sign_at.is_none_or(|s| now >= s) => {
                sign_or_refuse(w, &order, worker_id, tally)?;
            }
            _ => {}
        }
        w.plans.insert(id, p);
    }
    Ok(())
}

fn report(w: &mut World, worker: Actor, service_id: i64, id: i64) -> anyhow::Result<()> {
    let checked = ids(
        w,
        "SELECT id FROM service_checklist_items WHERE service_id = ?1 AND active = 1",
        service_id,
    )?;
    // Most reports carry a photo of the finished work.
    let files = if w.rng.random_bool(0.6) {
        let sha256 = files::store(&w.state.settings().data_dir, PHOTO_PNG)?;
        vec![OrderFile {
            id: 0,
            sha256,
            file_name: format!("job-{id}.png"),
            content_type: "image/png".into(),
            size_bytes: PHOTO_PNG.len() as i64,
            removed: false,
        }]
    } else {
        Vec::new()
    };
    apply(
        w,
        worker,
        id,
        Command::Report {
            note: "Done as agreed.".into(),
            checked,
            files,
            draft_id: None,
            finished_at: None,
        },
    )?;
    Ok(())
}

/// The client reads the report: signs with a rating drawn from the worker's hidden ability,
/// or refuses (more often for weaker workers), and now and then marks a worker they rated
/// five stars as a favourite.
fn sign_or_refuse(
    w: &mut World,
    order: &store::Order,
    worker_id: i64,
    tally: &mut Tally,
) -> anyhow::Result<()> {
    let id = order.id;
    let client = Actor::Client(order.client_id);
    let skill = super::ability_of(w, worker_id);
    if w.rng.random_bool(ability::refusal_chance(skill)) {
        let reason = "Not what I expected".to_string();
        apply(w, client, id, Command::Refuse { reason })?;
        // Quality control settles the dispute in its review.
        tally.disputed += 1;
        return Ok(());
    }
    let signature_sha = files::store(&w.state.settings().data_dir, SIGNATURE_PNG)?;
    let report_sha256 = {
        let conn = w.state.pool.get()?;
        let report = records::report(&conn, id)?.expect("just reported");
        records::report_digest(id, &report, &records::files(&conn, id)?)
    };
    let rating = ability::stars(&mut w.rng, ability::rating_mean(skill));
    let signature = Signature {
        signed_name: order.client_name.clone(),
        signature_sha256: signature_sha,
        report_sha256,
        rating,
        comment: String::new(),
        signed_at: w.clock.now_utc(),
        ip: "simulated".into(),
        user_agent: "simulate".into(),
        image_removed: false,
    };
    apply(w, client, id, Command::Sign { signature })?;
    tally.completed += 1;
    if rating == 5 && w.rng.random_bool(0.3) {
        let client_id = order.client_id;
        write_tx(&mut w.state.pool.get()?, |tx| {
            crate::profile::store::set_worker_preference(
                tx,
                client_id,
                worker_id,
                Some(WorkerPreference::Favourite),
            )
        })?;
    }
    Ok(())
}
