//! The quality manager's afternoon in a simulation: every open review is decided with a
//! score drawn from the worker's hidden ability; disputes end in each of the three ways; poor work draws a fine now and then,
//! excellent work a bonus.

use rand::Rng;

use super::{World, ability};
use crate::db::write_tx;
use crate::error::AppError;
use crate::quality::model::review::ReviewForm;
use crate::quality::service::review;

/// Decides every open review; returns how many were decided.
pub fn review_day(w: &mut World) -> anyhow::Result<u32> {
    let open: Vec<(i64, String, i64, Option<i64>)> = {
        let conn = w.state.pool.get()?;
        let mut stmt = conn.prepare_cached(
            "SELECT q.id, o.status, o.total_minor, q.worker_id FROM qc_reviews q
             JOIN orders o ON o.id = q.order_id WHERE q.status = 'open' ORDER BY q.id",
        )?;
        stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)))?
            .collect::<rusqlite::Result<_>>()?
    };
    let mut decided = 0;
    for (id, status, total, worker) in open {
        let has_worker = worker.is_some();
        // The work's quality follows the worker's hidden ability; without a worker there is
        // only the order's story to score.
        let score: i64 = match worker {
            Some(worker) => {
                let skill = super::ability_of(w, worker);
                ability::stars(&mut w.rng, ability::qc_mean(skill))
            }
            None => w.rng.random_range(1..=5),
        };
        let amount = |minor: i64| format!("{}.{:02}", minor / 100, minor % 100);
        let mut form = ReviewForm {
            score: score.to_string(),
            findings: format!("Checked the order story; score {score}."),
            ..ReviewForm::default()
        };
        if has_worker && score <= 2 && w.rng.random_bool(0.5) {
            form.fine = amount(50_000);
        }
        if has_worker && score == 5 && w.rng.random_bool(0.3) {
            form.bonus = amount(30_000);
        }
        if status == "disputed" {
            form.resolution = match w.rng.random_range(0..10) {
                0..6 => "complete",
                6..8 => "adjust",
                _ => "cancel",
            }
            .into();
            form.price = amount(total / 2);
        }
        let (settings, now, manager) = (w.state.settings(), w.clock.now_utc(), w.manager_id);
        let mut conn = w.state.pool.get()?;
        let done = write_tx(&mut conn, |tx| {
            review::submit(
                tx,
                &settings,
                &crate::wiring::order_hooks(),
                now,
                manager,
                id,
                &form,
            )
        });
        match done {
            Err(AppError::Refused(key)) => anyhow::bail!("simulated review {id} refused: {key}"),
            other => other?,
        }
        decided += 1;
    }
    Ok(decided)
}
