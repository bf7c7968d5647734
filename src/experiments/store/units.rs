//! The units of an experiment with the facts their outcomes are computed from, read through
//! the published views of matching, orders, quality and hiring.

use chrono::{DateTime, Utc};
use rusqlite::Connection;

use crate::experiments::model::outcomes::OrderFacts;

/// An order of a matching experiment: its arm, when it was first decided, who took it, and
/// its facts.
pub struct OrderUnit {
    pub arm: i64,
    pub first_decision_at: DateTime<Utc>,
    pub worker_id: Option<i64>,
    pub facts: OrderFacts,
}

pub fn orders(conn: &Connection, experiment_id: i64) -> rusqlite::Result<Vec<OrderUnit>> {
    let mut stmt = conn.prepare_cached(
        "SELECT a.arm, a.assigned_at AS first_decision_at, o.worker_id, o.created_at,
                o.scheduled_at, o.ends_at, o.status,
                (SELECT MIN(h.at) FROM order_history h
                  WHERE h.order_id = o.id AND h.to_status = 'assigned') AS assigned_at,
                (SELECT MIN(h.at) FROM order_history h
                  WHERE h.order_id = o.id AND h.action = 'start') AS started_at,
                (SELECT COUNT(*) FROM matching_decision_facts d
                  WHERE d.order_id = o.id AND d.chosen_worker_id IS NOT NULL) AS offers,
                (SELECT r.rating FROM order_ratings r WHERE r.order_id = o.id) AS rating,
                (SELECT q.score FROM qc_scores q WHERE q.order_id = o.id) AS qc,
                EXISTS (SELECT 1 FROM order_history h
                  WHERE h.order_id = o.id AND h.to_status = 'disputed') AS disputed
         FROM matching_assignment_facts a JOIN order_facts o ON o.id = a.order_id
         WHERE a.experiment_id = ?1",
    )?;
    stmt.query_map([experiment_id], |r| {
        Ok(OrderUnit {
            arm: r.get("arm")?,
            first_decision_at: r.get("first_decision_at")?,
            worker_id: r.get("worker_id")?,
            facts: OrderFacts {
                created_at: r.get("created_at")?,
                scheduled_at: r.get("scheduled_at")?,
                ends_at: r.get("ends_at")?,
                status: r.get("status")?,
                assigned_at: r.get("assigned_at")?,
                started_at: r.get("started_at")?,
                offers: r.get("offers")?,
                rating: r.get("rating")?,
                qc: r.get("qc")?,
                disputed: r.get("disputed")?,
            },
        })
    })?
    .collect()
}

/// An applicant of a screening experiment: their arm, when first decided, and whether their
/// latest decision hired them.
pub struct ApplicantUnit {
    pub arm: i64,
    pub first_decision_at: DateTime<Utc>,
    pub candidate_id: i64,
    pub hired: bool,
}

pub fn applicants(conn: &Connection, experiment_id: i64) -> rusqlite::Result<Vec<ApplicantUnit>> {
    let mut stmt = conn.prepare_cached(
        "SELECT a.arm, a.assigned_at, a.candidate_id,
                COALESCE((SELECT h.hired FROM hiring_outcomes h WHERE h.candidate_id = a.candidate_id
                          ORDER BY h.id DESC LIMIT 1), 0) AS hired
         FROM screening_assignment_facts a WHERE a.experiment_id = ?1",
    )?;
    stmt.query_map([experiment_id], |r| {
        Ok(ApplicantUnit {
            arm: r.get("arm")?,
            first_decision_at: r.get("assigned_at")?,
            candidate_id: r.get("candidate_id")?,
            hired: r.get("hired")?,
        })
    })?
    .collect()
}
