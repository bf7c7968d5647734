//! A reviewer's decision on one queued order: the score and findings, an optional fine or
//! bonus for the worker, and for a disputed order how it is settled (complete, complete at
//! a lower price, or cancel and refund). All of it in one transaction; a review is decided
//! once.

use chrono::{DateTime, Utc};
use serde_json::json;

use crate::billing::postings::{self, WorkerMove};
use crate::config::Settings;
use crate::db::WriteTx;
use crate::error::AppError;
use crate::orders::model::{Actor, Status};
use crate::orders::service::{self, Command};
use crate::orders::store;
use crate::quality::model::ReviewStatus;
use crate::quality::model::review::{Resolution, ReviewForm, Subject, validate};
use crate::quality::store::reviews::{self, Decided};

/// Decides review `review_id`. A refusal (`AppError::Refused`) changes nothing.
pub fn submit(
    tx: &WriteTx,
    settings: &Settings,
    hooks: &service::Hooks,
    now: DateTime<Utc>,
    reviewer_id: i64,
    review_id: i64,
    form: &ReviewForm,
) -> Result<(), AppError> {
    let review = reviews::review(tx, review_id)?.ok_or(AppError::NotFound)?;
    if review.status != ReviewStatus::Open {
        return Err(AppError::Refused("flash-review-closed"));
    }
    let order = store::order(tx, review.order_id)?.ok_or(AppError::NotFound)?;
    if store::holds_stake(tx, order.id, reviewer_id)? {
        // A manager with money on the order does not score it; another manager can.
        return Err(AppError::Refused("refuse-stake-holder"));
    }
    let subject = Subject {
        disputed: order.status == Status::Disputed,
        has_worker: review.worker_id.is_some(),
        price_minor: order.total_minor,
    };
    let decision = validate(form, &subject).map_err(AppError::Refused)?;
    let actor = Actor::Manager(reviewer_id);
    if let Some(resolution) = decision.resolution {
        let cmd = match resolution {
            Resolution::Cancel => Command::Cancel {
                reason: decision.findings.clone(),
            },
            Resolution::Complete => Command::ResolveComplete {
                final_price_minor: None,
            },
            Resolution::Adjust(price) => Command::ResolveComplete {
                final_price_minor: Some(price),
            },
        };
        service::apply_in(tx, settings, hooks, now, actor, order.id, cmd)?;
        match resolution {
            Resolution::Adjust(price) => {
                let commission_bp = store::commission_bp(tx, order.id)?;
                postings::price_adjustment(
                    tx,
                    &order,
                    price,
                    commission_bp,
                    &decision.findings,
                    Some(reviewer_id),
                    now,
                )?;
            }
            Resolution::Cancel => {
                let reason = decision.findings.as_str();
                crate::billing::service::refunds::refund(
                    tx,
                    settings,
                    (order.id, reason),
                    reviewer_id,
                    now,
                )?;
            }
            Resolution::Complete => {}
        }
    }
    if let Some(worker_id) = review.worker_id {
        for (how, amount) in [
            (WorkerMove::Fine, decision.fine_minor),
            (WorkerMove::Bonus, decision.bonus_minor),
        ] {
            if amount > 0 {
                post_move(
                    tx,
                    settings,
                    now,
                    review_id,
                    reviewer_id,
                    (how, worker_id, amount),
                    &decision.findings,
                )?;
            }
        }
        reviews::add_worker_score(tx, worker_id, decision.score)?;
    }
    let resolution = decision.resolution.map(Resolution::kind);
    let decided = Decided {
        score: decision.score,
        findings: &decision.findings,
        resolution,
        fine_minor: decision.fine_minor,
        bonus_minor: decision.bonus_minor,
        reviewed_by: reviewer_id,
    };
    reviews::decide(tx, review_id, &decided, now)?;
    crate::audit::record(
        tx,
        now,
        Some(reviewer_id),
        "qc.review",
        &format!("order:{}", order.id),
        json!({ "review": review_id, "score": decision.score, "resolution": resolution.map(|r| r.as_str()),
                "fine_minor": decision.fine_minor, "bonus_minor": decision.bonus_minor }),
    )?;
    Ok(())
}

/// The ledger key of a review's fine or bonus: one of each per review.
pub fn move_key(review_id: i64, how: WorkerMove) -> String {
    match how {
        WorkerMove::Fine => format!("qc-{review_id}-fine"),
        WorkerMove::Bonus => format!("qc-{review_id}-bonus"),
    }
}

fn post_move(
    tx: &WriteTx,
    settings: &Settings,
    now: DateTime<Utc>,
    review_id: i64,
    reviewer_id: i64,
    (how, worker_id, amount): (WorkerMove, i64, i64),
    reason: &str,
) -> Result<(), AppError> {
    let key = move_key(review_id, how);
    postings::worker_move(
        tx,
        &key,
        (how, worker_id, amount),
        reason,
        Some(reviewer_id),
        now,
    )?;
    postings::tell_worker(tx, settings, now, (how, worker_id, amount), reason)
}
