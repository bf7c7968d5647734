//! What matching leaves behind in a generated history: a running matching experiment (random
//! against score over the first settings version, half and half) over the history's last
//! days, each decided order's arm and its one decision with that arm's strategy, and the
//! workers' running rating and QC totals the score strategy and the hiring follow-up read.

use chrono::{DateTime, Utc};
use rusqlite::{Connection, params};

use crate::experiments::model::{ArmSpec, DecisionKind, Metric, NewExperiment};

/// The experiment runs over this many last days of the history (all of a shorter one).
pub const DAYS: i64 = 90;

const SHARES: [i64; 2] = [50, 50];
const STRATEGIES: [&str; 2] = ["random", "score"];

/// A client's rating of a completed order, drawn uniformly from its arm's table: the score
/// arm's work is rated a little better (4.5 against 4.33 stars), so its page has a verdict.
const RATINGS: [[i64; 6]; 2] = [[3, 4, 4, 5, 5, 5], [3, 4, 5, 5, 5, 5]];

/// The generated experiment, for the day writer to put each order of its run in an arm.
pub struct Experiment {
    pub id: i64,
    pub started_at: DateTime<Utc>,
}

fn arm(label: &str, strategy: &str) -> ArmSpec {
    ArmSpec {
        label: label.to_string(),
        share: 50,
        strategy: Some(strategy.to_string()),
        settings_version: Some(1),
        policy_version: None,
    }
}

/// Saves the experiment, running since `started_at`, created by an administrator of its own.
pub fn create(
    conn: &Connection,
    started_at: DateTime<Utc>,
    orders_per_day: i64,
    now: DateTime<Utc>,
) -> rusqlite::Result<Experiment> {
    conn.execute(
        "INSERT INTO users (email, name, password_hash, role, created_at)
         VALUES ('admin@generated.invalid', 'Generated admin', '!generated', 'admin', ?1)",
        [now],
    )?;
    let admin = conn.last_insert_rowid();
    let new = NewExperiment {
        name: "Score matching against random".to_string(),
        hypothesis: "Workers chosen by score get better client ratings than randomly chosen ones."
            .to_string(),
        decision: DecisionKind::Matching,
        primary_metric: Metric::ClientRating,
        // Two months of orders, half in each arm.
        target_per_arm: (orders_per_day * 30).clamp(10, 1_000_000),
        arms: vec![arm("Random", STRATEGIES[0]), arm("Score", STRATEGIES[1])],
    };
    debug_assert!(new.validate().is_ok());
    let id = crate::experiments::store::insert(conn, &new, admin, started_at)?;
    crate::experiments::store::start(conn, id, started_at)?;
    Ok(Experiment { id, started_at })
}

impl Experiment {
    /// Records the order's arm, drawn as matching draws it, at its first decision `at`, and
    /// that decision with the arm's strategy (`chosen` is the worker offered the order).
    /// Returns the arm.
    pub fn decide(
        &self,
        conn: &Connection,
        order_id: i64,
        at: DateTime<Utc>,
        chosen: Option<i64>,
    ) -> rusqlite::Result<usize> {
        let arm = crate::split::arm_for(self.id, order_id, &SHARES).unwrap_or(0);
        conn.prepare_cached(
            "INSERT INTO matching_assignments (experiment_id, order_id, arm, assigned_at)
             VALUES (?1, ?2, ?3, ?4)",
        )?
        .execute(params![self.id, order_id, arm as i64, at])?;
        conn.prepare_cached(
            "INSERT INTO matching_decisions (order_id, round, attempt, at, strategy,
                                             strategy_version, seed, candidates_json, chosen_worker_id)
             VALUES (?1, 1, 1, ?2, ?3, '1/settings-1', ?1, '[]', ?4)",
        )?
        .execute(params![order_id, at, STRATEGIES[arm], chosen])?;
        Ok(arm)
    }
}

/// The ratings a completed order's client may give, by the order's arm (none: the control's).
pub fn ratings(arm: Option<usize>) -> [i64; 6] {
    RATINGS[arm.unwrap_or(0)]
}

/// The workers' running totals of client ratings and QC scores, summed once from the
/// generated rows (the app adds to them one signature or review at a time).
pub fn worker_totals(conn: &Connection) -> rusqlite::Result<()> {
    conn.execute_batch(
        "INSERT INTO worker_ratings (worker_id, rating_sum, rating_count)
         SELECT o.worker_id, SUM(s.rating), COUNT(*)
         FROM order_signatures s JOIN orders o ON o.id = s.order_id
         WHERE o.worker_id IS NOT NULL GROUP BY o.worker_id;
         INSERT INTO worker_qc (worker_id, score_sum, score_count)
         SELECT worker_id, SUM(score), COUNT(*) FROM qc_reviews
         WHERE status = 'done' AND worker_id IS NOT NULL AND score IS NOT NULL
         GROUP BY worker_id;",
    )
}
