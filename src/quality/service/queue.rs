//! The review queue's use cases: which orders get a review (every cancelled and disputed
//! one, a sample of completed ones) and assignment to a reviewer with a due date.

use chrono::{DateTime, Duration, Utc};
use rusqlite::Connection;

use crate::config::Settings;
use crate::db::WriteTx;
use crate::error::AppError;
use crate::notify::model::Kind;
use crate::notify::service::{Message, notify};
use crate::orders::model::Status;
use crate::orders::store::Order;
use crate::quality::model::{ReviewReason, ReviewStatus, sampling};
use crate::quality::store::reviews::{self, Draw};

/// Called by the order lifecycle inside its transaction whenever an order changes status.
pub fn on_status(
    tx: &Connection,
    settings: &Settings,
    now: DateTime<Utc>,
    order: &Order,
    to: Status,
) -> Result<(), AppError> {
    let (id, worker) = (order.id, order.worker_id);
    match to {
        Status::Cancelled => open(tx, settings, now, (id, worker), ReviewReason::Cancelled),
        Status::Disputed => open(tx, settings, now, (id, worker), ReviewReason::Disputed),
        Status::Completed => sample(tx, settings, now, (id, worker)),
        _ => Ok(()),
    }
}

/// A worker withdrew from the order close to its slot (the order as it was, naming them).
pub fn on_late_withdrawal(
    tx: &Connection,
    settings: &Settings,
    now: DateTime<Utc>,
    order: &Order,
    _to: Status,
) -> Result<(), AppError> {
    let (id, worker) = (order.id, order.worker_id);
    open(tx, settings, now, (id, worker), ReviewReason::Withdrawn)
}

/// A review for the order, unless it has one (a disputed order that is then cancelled keeps
/// its dispute review).
fn open(
    tx: &Connection,
    settings: &Settings,
    now: DateTime<Utc>,
    (order_id, worker_id): (i64, Option<i64>),
    reason: ReviewReason,
) -> Result<(), AppError> {
    let due = now + Duration::days(settings.quality.review_days);
    reviews::open(tx, order_id, reason, worker_id, due, now)?;
    Ok(())
}

/// Draws once per completed order and records the draw; a picked order gets a review.
fn sample(
    tx: &Connection,
    settings: &Settings,
    now: DateTime<Utc>,
    order: (i64, Option<i64>),
) -> Result<(), AppError> {
    if reviews::has_review(tx, order.0)? {
        return Ok(());
    }
    let rules = &settings.quality;
    let draw = sampling::draw(rules.sample_seed, order.0);
    let picked = sampling::picked(draw, rules.sample_percent);
    let record = Draw {
        order_id: order.0,
        seed: rules.sample_seed,
        draw,
        rate_bp: rules.sample_percent * 100,
        picked,
    };
    reviews::record_draw(tx, &record, now)?;
    if picked {
        open(tx, settings, now, order, ReviewReason::Sample)?;
    }
    Ok(())
}

/// Gives an open review to a manager with a due date and tells them; a refusal names the
/// problem.
pub fn assign(
    tx: &WriteTx,
    settings: &Settings,
    now: DateTime<Utc>,
    review_id: i64,
    reviewer_id: i64,
    due_at: DateTime<Utc>,
) -> Result<(), AppError> {
    let review = reviews::review(tx, review_id)?.ok_or(AppError::NotFound)?;
    if review.status != ReviewStatus::Open {
        return Err(AppError::Refused("flash-review-closed"));
    }
    if !reviews::is_active_manager(tx, reviewer_id)? {
        return Err(AppError::Refused("flash-review-reviewer"));
    }
    if crate::orders::store::holds_stake(tx, review.order_id, reviewer_id)? {
        return Err(AppError::Refused("refuse-stake-holder"));
    }
    if due_at <= now {
        return Err(AppError::Refused("flash-review-due"));
    }
    reviews::assign(tx, review_id, reviewer_id, due_at)?;
    notify(
        tx,
        settings,
        now,
        reviewer_id,
        &Message::new(Kind::ReviewAssigned)
            .arg("id", review.order_id.to_string())
            .link(format!("/manage/qc/{review_id}")),
    )?;
    Ok(())
}
