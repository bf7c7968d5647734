//! A reviewer's decision on one queued order: the score and findings, an optional fine or
//! bonus for the worker, and for a disputed order how it is settled (complete, complete at
//! a lower price, or cancel and refund). All of it in one transaction; a review is decided
//! once.

use chrono::{DateTime, Utc};
use rusqlite::{Connection, OptionalExtension, Transaction, params};
use serde::Deserialize;
use serde_json::json;

use crate::billing::postings::{self, WorkerMove};
use crate::config::Settings;
use crate::error::AppError;
use crate::i18n::Arg;
use crate::money::parse_minor;
use crate::notify::model::Kind;
use crate::notify::service::{Message, notify};
use crate::orders::model::{Actor, Status};
use crate::orders::service::{self, Command};
use crate::orders::store;
use crate::validate::text;

/// The largest fine or bonus one review may post: 1,000,000 major units.
pub const MAX_MOVE_MINOR: i64 = 100_000_000;

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default)]
pub struct ReviewForm {
    pub score: String,
    pub findings: String,
    pub fine: String,
    pub bonus: String,
    /// "complete", "adjust" or "cancel"; only for a disputed order.
    pub resolution: String,
    /// The new price when the resolution is "adjust".
    pub price: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Resolution {
    Complete,
    /// Complete at this lower price; the difference is refunded.
    Adjust(i64),
    Cancel,
}

impl Resolution {
    fn as_str(self) -> &'static str {
        match self {
            Resolution::Complete => "complete",
            Resolution::Adjust(_) => "adjust",
            Resolution::Cancel => "cancel",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Decision {
    pub score: i64,
    pub findings: String,
    pub fine_minor: i64,
    pub bonus_minor: i64,
    pub resolution: Option<Resolution>,
}

/// What the order looks like to the rules.
pub struct Subject {
    pub disputed: bool,
    pub has_worker: bool,
    pub price_minor: i64,
}

/// Checks a review form against its order; the error is the message id to show.
pub fn validate(form: &ReviewForm, subject: &Subject) -> Result<Decision, &'static str> {
    let score = form
        .score
        .trim()
        .parse::<i64>()
        .ok()
        .filter(|s| (1..=5).contains(s))
        .ok_or("err-review-score")?;
    let findings = text(&form.findings, 2000, true).ok_or("err-review-findings")?;
    let amount = |s: &str| -> Result<i64, &'static str> {
        if s.trim().is_empty() {
            return Ok(0);
        }
        parse_minor(s)
            .filter(|a| (1..=MAX_MOVE_MINOR).contains(a))
            .ok_or("err-review-amount")
    };
    let (fine_minor, bonus_minor) = (amount(&form.fine)?, amount(&form.bonus)?);
    if (fine_minor > 0 || bonus_minor > 0) && !subject.has_worker {
        return Err("err-review-no-worker");
    }
    let resolution = match (subject.disputed, form.resolution.as_str()) {
        (false, "") => None,
        (false, _) => return Err("err-review-not-disputed"),
        (true, "complete") => Some(Resolution::Complete),
        (true, "cancel") => Some(Resolution::Cancel),
        (true, "adjust") => {
            let price = parse_minor(&form.price)
                .filter(|p| (0..subject.price_minor).contains(p))
                .ok_or("err-review-price")?;
            Some(Resolution::Adjust(price))
        }
        (true, _) => return Err("err-review-resolution"),
    };
    Ok(Decision {
        score,
        findings,
        fine_minor,
        bonus_minor,
        resolution,
    })
}

/// The review's own row, as the decision needs it.
struct Open {
    order_id: i64,
    worker_id: Option<i64>,
    status: String,
}

/// Decides review `review_id`. `Ok(Err(key))` is a refusal to show; nothing was changed.
pub fn submit(
    tx: &Transaction,
    settings: &Settings,
    now: DateTime<Utc>,
    reviewer_id: i64,
    review_id: i64,
    form: &ReviewForm,
) -> Result<Result<(), &'static str>, AppError> {
    let review = tx
        .query_row(
            "SELECT order_id, worker_id, status FROM qc_reviews WHERE id = ?1",
            [review_id],
            |r| {
                Ok(Open {
                    order_id: r.get(0)?,
                    worker_id: r.get(1)?,
                    status: r.get(2)?,
                })
            },
        )
        .optional()?
        .ok_or(AppError::NotFound)?;
    if review.status != "open" {
        return Ok(Err("flash-review-closed"));
    }
    let order = store::order(tx, review.order_id)?.ok_or(AppError::NotFound)?;
    let subject = Subject {
        disputed: order.status == Status::Disputed,
        has_worker: review.worker_id.is_some(),
        price_minor: order.total_minor,
    };
    let decision = match validate(form, &subject) {
        Ok(d) => d,
        Err(key) => return Ok(Err(key)),
    };
    let actor = Actor::Manager(reviewer_id);
    if let Some(resolution) = decision.resolution {
        let cmd = match resolution {
            Resolution::Cancel => Command::Cancel {
                reason: decision.findings.clone(),
            },
            Resolution::Complete | Resolution::Adjust(_) => Command::ResolveComplete,
        };
        match service::apply_in(tx, settings, now, actor, order.id, cmd) {
            Err(AppError::Refused(key)) => return Ok(Err(key)),
            other => other?,
        };
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
                postings::refund_order(tx, order.id, &decision.findings, Some(reviewer_id), now)?;
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
        tx.execute(
            "INSERT INTO worker_qc (worker_id, score_sum, score_count) VALUES (?1, ?2, 1)
             ON CONFLICT (worker_id) DO UPDATE SET score_sum = score_sum + excluded.score_sum, score_count = score_count + 1",
            params![worker_id, decision.score],
        )?;
    }
    tx.execute(
        "UPDATE qc_reviews SET status = 'done', score = ?1, findings = ?2, resolution = ?3,
                fine_minor = ?4, bonus_minor = ?5, reviewed_by = ?6, reviewed_at = ?7
         WHERE id = ?8",
        params![
            decision.score,
            decision.findings,
            decision.resolution.map(Resolution::as_str),
            decision.fine_minor,
            decision.bonus_minor,
            reviewer_id,
            now,
            review_id
        ],
    )?;
    crate::audit::record(
        tx,
        now,
        Some(reviewer_id),
        "qc.review",
        &format!("order:{}", order.id),
        json!({ "review": review_id, "score": decision.score, "resolution": decision.resolution.map(Resolution::as_str),
                "fine_minor": decision.fine_minor, "bonus_minor": decision.bonus_minor }),
    )?;
    Ok(Ok(()))
}

/// The ledger key of a review's fine or bonus: one of each per review.
pub fn move_key(review_id: i64, how: WorkerMove) -> String {
    match how {
        WorkerMove::Fine => format!("qc-{review_id}-fine"),
        WorkerMove::Bonus => format!("qc-{review_id}-bonus"),
    }
}

fn post_move(
    tx: &Connection,
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
    let what = match how {
        WorkerMove::Fine => "Fine / Штраф",
        WorkerMove::Bonus => "Bonus / Премия",
    };
    notify(
        tx,
        settings,
        now,
        worker_id,
        &Message::new(Kind::FineOrBonus)
            .arg("what", what)
            .arg("total", Arg::Money(amount, settings.currency.clone()))
            .arg("reason", reason.to_string())
            .link("/worker/earnings"),
    )?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn form(score: &str, fine: &str, resolution: &str, price: &str) -> ReviewForm {
        ReviewForm {
            score: score.into(),
            findings: "Late and left a mess".into(),
            fine: fine.into(),
            bonus: String::new(),
            resolution: resolution.into(),
            price: price.into(),
        }
    }

    const PLAIN: Subject = Subject {
        disputed: false,
        has_worker: true,
        price_minor: 500_000,
    };
    const DISPUTED: Subject = Subject {
        disputed: true,
        has_worker: true,
        price_minor: 500_000,
    };

    #[test]
    fn a_score_from_one_to_five_and_findings_are_required() {
        assert_eq!(
            validate(&form("0", "", "", ""), &PLAIN),
            Err("err-review-score")
        );
        assert_eq!(
            validate(&form("6", "", "", ""), &PLAIN),
            Err("err-review-score")
        );
        assert_eq!(
            validate(&form("x", "", "", ""), &PLAIN),
            Err("err-review-score")
        );
        let mut blank = form("3", "", "", "");
        blank.findings = "   ".into();
        assert_eq!(validate(&blank, &PLAIN), Err("err-review-findings"));
        assert_eq!(validate(&form("3", "", "", ""), &PLAIN).unwrap().score, 3);
    }

    #[test]
    fn fines_must_be_positive_and_bounded_and_need_a_worker() {
        for bad in ["0", "-5", "0.00", "abc", "1000000.01", "99999999999"] {
            assert_eq!(
                validate(&form("2", bad, "", ""), &PLAIN),
                Err("err-review-amount"),
                "{bad}"
            );
        }
        assert_eq!(
            validate(&form("2", "500", "", ""), &PLAIN)
                .unwrap()
                .fine_minor,
            50_000
        );
        let nobody = Subject {
            has_worker: false,
            ..PLAIN
        };
        assert_eq!(
            validate(&form("2", "500", "", ""), &nobody),
            Err("err-review-no-worker")
        );
    }

    #[test]
    fn only_a_disputed_order_is_resolved_and_it_must_be() {
        assert_eq!(
            validate(&form("3", "", "cancel", ""), &PLAIN),
            Err("err-review-not-disputed")
        );
        assert_eq!(
            validate(&form("3", "", "", ""), &DISPUTED),
            Err("err-review-resolution")
        );
        assert_eq!(
            validate(&form("3", "", "maybe", ""), &DISPUTED),
            Err("err-review-resolution")
        );
        assert_eq!(
            validate(&form("3", "", "cancel", ""), &DISPUTED)
                .unwrap()
                .resolution,
            Some(Resolution::Cancel)
        );
    }

    #[test]
    fn an_adjusted_price_is_below_the_original_and_not_negative() {
        for bad in ["5000", "6000", "-1", "", "x"] {
            assert_eq!(
                validate(&form("3", "", "adjust", bad), &DISPUTED),
                Err("err-review-price"),
                "{bad}"
            );
        }
        assert_eq!(
            validate(&form("3", "", "adjust", "3500.50"), &DISPUTED)
                .unwrap()
                .resolution,
            Some(Resolution::Adjust(350_050))
        );
    }
}
