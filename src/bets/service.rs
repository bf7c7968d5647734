//! Bets use cases: place a bet (only before the work starts), settle books once the order's
//! outcome is known, and read pages (every access logged).

use chrono::{DateTime, Duration, Utc};
use rusqlite::Connection;

use super::model::{BookStatus, Proposition, Settlement, Stake, settle};
use super::store;
use crate::db::{Conn, write_tx};
use crate::error::AppError;
use crate::orders::model::Status;
use crate::orders::store::queries::{self, Outcome};

/// A job counts as on time if it started within this grace period of the slot.
const ON_TIME_GRACE_MINUTES: i64 = 15;

/// How a book ends: with a known outcome, or void for a reason a manager can read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Resolution {
    Known(bool),
    Void(&'static str),
}

/// The proposition's outcome once the order is final and, for the QC score, once quality
/// control has drawn the order (and scored it if picked); `None` while it is not known yet.
pub fn resolve(p: Proposition, o: &Outcome, qc: &store::QcState) -> Option<Resolution> {
    if !o.status.is_final() {
        return None;
    }
    let completed = o.status == Status::Completed;
    Some(match p {
        Proposition::Cancelled => Resolution::Known(o.status == Status::Cancelled),
        Proposition::CompletedOnTime => Resolution::Known(
            completed
                && o.started_at.is_some_and(|at| {
                    at <= o.scheduled_at + Duration::minutes(ON_TIME_GRACE_MINUTES)
                }),
        ),
        // Without a signature (a cancelled order, a dispute settled by QC) there is no rating.
        Proposition::ClientRating5 => match o.rating {
            Some(r) => Resolution::Known(r == 5),
            None => Resolution::Void("no_rating"),
        },
        // Scored work only: a cancelled job was never done, an unpicked one never reviewed.
        Proposition::QcScoreAtLeast4 => match (completed, qc) {
            (false, _) => Resolution::Void("cancelled"),
            (true, store::QcState::Scored(score)) => Resolution::Known(*score >= 4),
            (true, store::QcState::NotPicked) => Resolution::Void("not_reviewed"),
            (true, store::QcState::Waiting) => return None,
        },
    })
}

pub const MIN_STAKE_MINOR: i64 = 100;
pub const MAX_STAKE_MINOR: i64 = 10_000_000;

pub fn place(
    conn: &mut Conn,
    now: DateTime<Utc>,
    manager_id: i64,
    order_id: i64,
    p: Proposition,
    yes: bool,
    amount_minor: i64,
) -> Result<i64, AppError> {
    // The attempt is logged even when refused: the log commits, the refusal is returned after.
    write_tx(conn, |tx| -> Result<_, AppError> {
        store::log_access(
            tx,
            now,
            manager_id,
            "bet",
            &format!("order:{order_id}:{}", p.as_str()),
        )?;
        Ok(stake(tx, now, manager_id, order_id, p, yes, amount_minor))
    })?
}

/// Puts the stake in the book; refuses a bad amount or a book closed (`flash-bet-amount`,
/// `flash-bet-closed`), and an unknown order is not found. Writes nothing when refused.
fn stake(
    tx: &Connection,
    now: DateTime<Utc>,
    manager_id: i64,
    order_id: i64,
    p: Proposition,
    yes: bool,
    amount_minor: i64,
) -> Result<i64, AppError> {
    if !(MIN_STAKE_MINOR..=MAX_STAKE_MINOR).contains(&amount_minor) {
        return Err(AppError::Refused("flash-bet-amount"));
    }
    let Some(outcome) = queries::outcome(tx, order_id)? else {
        return Err(AppError::NotFound);
    };
    if store::acted_on(tx, order_id, manager_id)? {
        return Err(AppError::Refused("flash-bet-acted"));
    }
    // Betting closes when the work starts.
    if !matches!(
        outcome.status,
        Status::New | Status::Offered | Status::Assigned | Status::Unassigned
    ) {
        return Err(AppError::Refused("flash-bet-closed"));
    }
    let book = store::open_book(tx, order_id, p, now)?;
    if book.status != BookStatus::Open {
        return Err(AppError::Refused("flash-bet-closed"));
    }
    store::insert_stake(
        tx,
        book.id,
        &Stake {
            manager_id,
            yes,
            amount_minor,
        },
        now,
    )?;
    Ok(book.id)
}

#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct SettleReport {
    pub closed: usize,
    pub settled: usize,
    pub void: usize,
}

/// Closes books whose order has started and settles those whose outcome is known. Safe to
/// run twice: a book is settled once.
pub fn settle_due(conn: &mut Conn, now: DateTime<Utc>) -> Result<SettleReport, AppError> {
    let mut report = SettleReport::default();
    for book in store::books_with_status(conn, &[BookStatus::Open, BookStatus::Closed], 1000)? {
        let Some(outcome) = queries::outcome(conn, book.order_id)? else {
            continue;
        };
        let Some(p) = Proposition::parse(&book.proposition) else {
            continue;
        };
        let qc = store::qc_state(conn, book.order_id)?;
        match resolve(p, &outcome, &qc) {
            None if book.status == BookStatus::Open
                && !matches!(
                    outcome.status,
                    Status::New | Status::Offered | Status::Assigned | Status::Unassigned
                ) =>
            {
                write_tx(conn, |tx| {
                    store::set_status(tx, book.id, BookStatus::Closed)
                })?;
                report.closed += 1;
            }
            None => {}
            Some(resolution) => {
                let stakes = store::stakes(conn, book.id)?;
                let (result, void_reason) = match resolution {
                    Resolution::Known(yes) => (Some(yes), None),
                    Resolution::Void(reason) => (None, Some(reason)),
                };
                let settlement = settle(&stakes, result);
                let (status, void_reason) = match &settlement {
                    Settlement::Settled(_) => (BookStatus::Settled, None),
                    // Nobody took the other side of a known outcome.
                    Settlement::Void(_) => (BookStatus::Void, void_reason.or(Some("one_sided"))),
                };
                let ended = store::Ending {
                    status,
                    outcome: result,
                    void_reason,
                };
                let done = write_tx(conn, |tx| {
                    store::record_settlement(tx, book.id, &ended, settlement.payouts(), now)
                })?;
                if done {
                    if status == BookStatus::Settled {
                        report.settled += 1
                    } else {
                        report.void += 1
                    }
                }
            }
        }
    }
    Ok(report)
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    fn outcome(status: Status, started_late_by: Option<i64>, rating: Option<i64>) -> Outcome {
        let at = Utc.with_ymd_and_hms(2026, 3, 3, 7, 0, 0).unwrap();
        Outcome {
            status,
            scheduled_at: at,
            started_at: started_late_by.map(|m| at + Duration::minutes(m)),
            rating,
        }
    }

    use Resolution::{Known, Void};
    use store::QcState;

    #[test]
    fn outcomes_are_read_from_the_final_order() {
        let none = QcState::Waiting;
        let done = outcome(Status::Completed, Some(10), Some(5));
        assert_eq!(
            resolve(Proposition::CompletedOnTime, &done, &none),
            Some(Known(true))
        );
        assert_eq!(
            resolve(Proposition::Cancelled, &done, &none),
            Some(Known(false))
        );
        assert_eq!(
            resolve(Proposition::ClientRating5, &done, &none),
            Some(Known(true))
        );
        let late = outcome(Status::Completed, Some(40), Some(4));
        assert_eq!(
            resolve(Proposition::CompletedOnTime, &late, &none),
            Some(Known(false))
        );
        assert_eq!(
            resolve(Proposition::ClientRating5, &late, &none),
            Some(Known(false))
        );
        let cancelled = outcome(Status::Cancelled, None, None);
        assert_eq!(
            resolve(Proposition::Cancelled, &cancelled, &none),
            Some(Known(true))
        );
        assert_eq!(
            resolve(Proposition::ClientRating5, &cancelled, &none),
            Some(Void("no_rating"))
        );
        let running = outcome(Status::InProgress, Some(0), None);
        assert_eq!(
            resolve(Proposition::Cancelled, &running, &none),
            None,
            "not known yet"
        );
    }

    #[test]
    fn a_qc_bet_waits_for_quality_control_and_settles_on_its_score() {
        let qc = Proposition::QcScoreAtLeast4;
        let done = outcome(Status::Completed, Some(0), Some(5));
        assert_eq!(
            resolve(qc, &done, &QcState::Waiting),
            None,
            "not drawn or scored yet"
        );
        assert_eq!(resolve(qc, &done, &QcState::Scored(4)), Some(Known(true)));
        assert_eq!(resolve(qc, &done, &QcState::Scored(3)), Some(Known(false)));
        assert_eq!(
            resolve(qc, &done, &QcState::NotPicked),
            Some(Void("not_reviewed"))
        );
        let cancelled = outcome(Status::Cancelled, None, None);
        assert_eq!(
            resolve(qc, &cancelled, &QcState::Scored(5)),
            Some(Void("cancelled"))
        );
    }
}
