//! Bets use cases: place a bet (only before the work starts), settle books once the order's
//! outcome is known, and read pages (every access logged).

use chrono::{DateTime, Duration, Utc};
use rusqlite::Connection;

use super::model::{BookStatus, Proposition, Settlement, Stake, settle};
use super::store;
use crate::db::write_tx;
use crate::error::AppError;
use crate::orders::model::Status;
use crate::orders::queries::{self, Outcome};

/// A job counts as on time if it started within this grace period of the slot.
const ON_TIME_GRACE_MINUTES: i64 = 15;

/// The proposition's outcome once the order is final: `Some(Some(b))` known, `Some(None)`
/// never resolvable (void), `None` not known yet.
pub fn resolve(p: Proposition, o: &Outcome) -> Option<Option<bool>> {
    if !o.status.is_final() {
        return None;
    }
    let completed = o.status == Status::Completed;
    Some(match p {
        Proposition::Cancelled => Some(o.status == Status::Cancelled),
        Proposition::CompletedOnTime => Some(
            completed
                && o.started_at.is_some_and(|at| {
                    at <= o.scheduled_at + Duration::minutes(ON_TIME_GRACE_MINUTES)
                }),
        ),
        // Without a signature (a cancelled order, a dispute settled by QC) there is no rating.
        Proposition::ClientRating5 => o.rating.map(|r| r == 5),
        // Quality control's scores are not recorded by this installation yet: never resolvable.
        Proposition::QcScoreAtLeast4 => None,
    })
}

pub const MIN_STAKE_MINOR: i64 = 100;
pub const MAX_STAKE_MINOR: i64 = 10_000_000;

pub fn place(
    conn: &mut Connection,
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
pub fn settle_due(conn: &mut Connection, now: DateTime<Utc>) -> Result<SettleReport, AppError> {
    let mut report = SettleReport::default();
    for book in store::books_with_status(conn, &[BookStatus::Open, BookStatus::Closed], 1000)? {
        let Some(outcome) = queries::outcome(conn, book.order_id)? else {
            continue;
        };
        let Some(p) = Proposition::parse(&book.proposition) else {
            continue;
        };
        match resolve(p, &outcome) {
            None if book.status == BookStatus::Open
                && !matches!(
                    outcome.status,
                    Status::New | Status::Offered | Status::Assigned | Status::Unassigned
                ) =>
            {
                store::set_status(conn, book.id, BookStatus::Closed)?;
                report.closed += 1;
            }
            None => {}
            Some(result) => {
                let stakes = store::stakes(conn, book.id)?;
                let settlement = settle(&stakes, result);
                let (status, outcome) = match &settlement {
                    Settlement::Settled(_) => (BookStatus::Settled, result),
                    Settlement::Void(_) => (BookStatus::Void, result),
                };
                let done = write_tx(conn, |tx| {
                    store::record_settlement(
                        tx,
                        book.id,
                        status,
                        outcome,
                        settlement.payouts(),
                        now,
                    )
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

    #[test]
    fn outcomes_are_read_from_the_final_order() {
        let done = outcome(Status::Completed, Some(10), Some(5));
        assert_eq!(
            resolve(Proposition::CompletedOnTime, &done),
            Some(Some(true))
        );
        assert_eq!(resolve(Proposition::Cancelled, &done), Some(Some(false)));
        assert_eq!(resolve(Proposition::ClientRating5, &done), Some(Some(true)));
        assert_eq!(
            resolve(Proposition::QcScoreAtLeast4, &done),
            Some(None),
            "void"
        );
        let late = outcome(Status::Completed, Some(40), Some(4));
        assert_eq!(
            resolve(Proposition::CompletedOnTime, &late),
            Some(Some(false))
        );
        assert_eq!(
            resolve(Proposition::ClientRating5, &late),
            Some(Some(false))
        );
        let cancelled = outcome(Status::Cancelled, None, None);
        assert_eq!(
            resolve(Proposition::Cancelled, &cancelled),
            Some(Some(true))
        );
        assert_eq!(resolve(Proposition::ClientRating5, &cancelled), Some(None));
        assert_eq!(
            resolve(
                Proposition::Cancelled,
                &outcome(Status::InProgress, Some(0), None)
            ),
            None,
            "not known yet"
        );
    }
}
