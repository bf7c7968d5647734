//! What the order lifecycle posts, inside the order's own transaction: a completed order
//! splits its frozen price between the worker and the company; a cancellation fee is the
//! company's. Keys are the order's, so a replay posts nothing twice.

use chrono::{DateTime, Utc};
use rusqlite::Connection;

use crate::billing::model::{Account, OrderCharge, split_commission};
use crate::billing::store::ledger::{self, Kind, Posting, post};
use crate::db::WriteTx;
use crate::error::AppError;

/// `amount` of an order split three ways: the client owes it, the worker earns it less the
/// commission, the company keeps the commission (zero parts left out).
fn split_entries(
    order: &OrderCharge,
    amount: i64,
    commission_bp: i64,
) -> Result<Vec<(Account, i64)>, AppError> {
    let worker_id = order
        .worker_id
        .ok_or_else(|| AppError::Internal(anyhow::anyhow!("order {} has no worker", order.id)))?;
    let (earnings, commission) = split_commission(amount, commission_bp);
    let mut entries = vec![
        (Account::Client(order.client_id), amount),
        (Account::Worker(worker_id), -earnings),
        (Account::Revenue, -commission),
    ];
    entries.retain(|(_, part)| *part != 0);
    Ok(entries)
}

/// The client owes the price; the worker earns it less the commission; the company keeps that.
pub fn order_completed(
    conn: &Connection,
    order: impl Into<OrderCharge>,
    commission_bp: i64,
    actor_id: Option<i64>,
    now: DateTime<Utc>,
) -> Result<(), AppError> {
    let order = order.into();
    let price = order.total_minor;
    if price == 0 {
        return Ok(());
    }
    let entries = split_entries(&order, price, commission_bp)?;
    post(
        conn,
        &Posting {
            kind: Kind::OrderCompleted,
            key: &format!("order-completed-{}", order.id),
            reference: &format!("order:{}", order.id),
            actor_id,
            memo: "",
            entries,
        },
        now,
    )?;
    Ok(())
}

/// The client owes the fee; it is the company's income.
pub fn cancellation_fee(
    conn: &Connection,
    order: impl Into<OrderCharge>,
    fee_minor: i64,
    actor_id: Option<i64>,
    now: DateTime<Utc>,
) -> Result<(), AppError> {
    let order = order.into();
    let key = format!("order-cancellation-fee-{}", order.id);
    fee_posting(conn, order, &key, fee_minor, actor_id, now)
}

/// A client's late move (inside the cancellation window) costs the cancellation fee, posted
/// as one: `move_no` numbers the order's moves, so each move is charged once and a second
/// late move is charged again.
pub fn late_move_fee(
    conn: &Connection,
    order: impl Into<OrderCharge>,
    move_no: i64,
    fee_minor: i64,
    actor_id: Option<i64>,
    now: DateTime<Utc>,
) -> Result<(), AppError> {
    let order = order.into();
    let key = format!("order-move-fee-{}-{move_no}", order.id);
    fee_posting(conn, order, &key, fee_minor, actor_id, now)
}

fn fee_posting(
    conn: &Connection,
    order: OrderCharge,
    key: &str,
    fee_minor: i64,
    actor_id: Option<i64>,
    now: DateTime<Utc>,
) -> Result<(), AppError> {
    if fee_minor <= 0 {
        return Ok(());
    }
    post(
        conn,
        &Posting {
            kind: Kind::CancellationFee,
            key,
            reference: &format!("order:{}", order.id),
            actor_id,
            memo: "",
            entries: vec![
                (Account::Client(order.client_id), fee_minor),
                (Account::Revenue, -fee_minor),
            ],
        },
        now,
    )?;
    Ok(())
}

/// What a manager (or quality control) moves by hand on a worker's account.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum WorkerMove {
    /// Taken from the worker's earnings: the company's income.
    Fine,
    /// Added to the worker's earnings: the company's expense.
    Bonus,
}

impl WorkerMove {
    fn ledger_kind(self) -> Kind {
        match self {
            WorkerMove::Fine => Kind::Fine,
            WorkerMove::Bonus => Kind::Bonus,
        }
    }
}

/// A fine or a bonus for `worker_id`, keyed by the caller (a review, an adjustment form), so
/// a resubmitted form posts once.
pub fn worker_move(
    conn: &Connection,
    key: &str,
    (what, worker_id, amount_minor): (WorkerMove, i64, i64),
    reason: &str,
    actor_id: Option<i64>,
    now: DateTime<Utc>,
) -> Result<i64, AppError> {
    let signed = match what {
        WorkerMove::Fine => amount_minor,
        WorkerMove::Bonus => -amount_minor,
    };
    post(
        conn,
        &Posting {
            kind: what.ledger_kind(),
            key,
            reference: &format!("worker:{worker_id}"),
            actor_id,
            memo: reason,
            entries: vec![
                (Account::Worker(worker_id), signed),
                (Account::Revenue, -signed),
            ],
        },
        now,
    )
}

/// A manual correction of a client's or a worker's account against the company's income:
/// positive `amount_minor` debits the account (the client owes more, the worker is owed
/// less), negative credits it.
pub fn adjustment(
    conn: &Connection,
    key: &str,
    account: &Account,
    amount_minor: i64,
    reason: &str,
    actor_id: Option<i64>,
    now: DateTime<Utc>,
) -> Result<i64, AppError> {
    post(
        conn,
        &Posting {
            kind: Kind::Adjustment,
            key,
            reference: &account.to_string(),
            actor_id,
            memo: reason,
            entries: vec![
                (account.clone(), amount_minor),
                (Account::Revenue, -amount_minor),
            ],
        },
        now,
    )
}

/// Takes back everything an order posted (its completion, any cancellation fee): the client
/// is credited and the worker and the company give back their parts, so the credit nets
/// against the client's next invoice. Once per order: `None` when there was nothing to take
/// back or it was refunded before.
pub fn refund_order(
    conn: &Connection,
    order_id: i64,
    reason: &str,
    actor_id: Option<i64>,
    now: DateTime<Utc>,
) -> Result<Option<i64>, AppError> {
    let key = format!("refund-order-{order_id}");
    if ledger::transaction_by_key(conn, &key)?.is_some() {
        return Ok(None);
    }
    let reference = format!("order:{order_id}");
    let mut entries = Vec::new();
    for (account, amount) in ledger::order_sums(conn, order_id)? {
        let account = Account::parse(&account)
            .ok_or_else(|| AppError::Internal(anyhow::anyhow!("unknown account {account}")))?;
        if amount != 0 {
            entries.push((account, -amount));
        }
    }
    if entries.is_empty() {
        return Ok(None);
    }
    let id = post(
        conn,
        &Posting {
            kind: Kind::Refund,
            key: &key,
            reference: &reference,
            actor_id,
            memo: reason,
            entries,
        },
        now,
    )?;
    Ok(Some(id))
}

/// A completed order settled at a lower price (a dispute's outcome): the difference is
/// refunded to the client and taken back from the worker and the company in the order's
/// commission split, so the parts still sum to what the client pays.
pub fn price_adjustment(
    conn: &Connection,
    order: impl Into<OrderCharge>,
    new_price_minor: i64,
    commission_bp: i64,
    reason: &str,
    actor_id: Option<i64>,
    now: DateTime<Utc>,
) -> Result<(), AppError> {
    let order = order.into();
    let difference = order.total_minor - new_price_minor;
    if difference <= 0 {
        return Ok(());
    }
    // The order's split, taken back: every entry of the difference with its sign turned.
    let entries = split_entries(&order, difference, commission_bp)?
        .into_iter()
        .map(|(account, amount)| (account, -amount))
        .collect();
    post(
        conn,
        &Posting {
            kind: Kind::Refund,
            key: &format!("price-adjustment-order-{}", order.id),
            reference: &format!("order:{}", order.id),
            actor_id,
            memo: reason,
            entries,
        },
        now,
    )?;
    Ok(())
}

/// A charge that succeeded at the gateway: the client's debt is paid, the money sits at the
/// gateway. Keyed by the charge's own idempotency key.
pub fn payment(
    conn: &Connection,
    charge_key: &str,
    client_id: i64,
    amount_minor: i64,
    invoice_number: &str,
    now: DateTime<Utc>,
) -> Result<i64, AppError> {
    post(
        conn,
        &Posting {
            kind: Kind::Payment,
            key: &format!("payment-{charge_key}"),
            reference: &format!("invoice:{invoice_number}"),
            actor_id: None,
            memo: "",
            entries: vec![
                (Account::Client(client_id), -amount_minor),
                (Account::Gateway, amount_minor),
            ],
        },
        now,
    )
}

/// A payout that succeeded at the gateway: the worker is paid from the gateway's balance.
pub fn payout(
    conn: &Connection,
    payout_key: &str,
    worker_id: i64,
    amount_minor: i64,
    period: &str,
    now: DateTime<Utc>,
) -> Result<i64, AppError> {
    post(
        conn,
        &Posting {
            kind: Kind::Payout,
            key: &format!("paid-{payout_key}"),
            reference: &format!("payout:{worker_id}:{period}"),
            actor_id: None,
            memo: "",
            entries: vec![
                (Account::Worker(worker_id), amount_minor),
                (Account::Gateway, -amount_minor),
            ],
        },
        now,
    )
}

/// Every completed order is posted exactly once, and nothing else is posted as completed.
pub fn problems(conn: &Connection) -> rusqlite::Result<Vec<String>> {
    ledger::completion_problems(conn)
}

/// Tells the worker of a fine or a bonus (with its amount and reason), in the posting's
/// transaction: the same notice whether a manager or quality control gave it.
pub fn tell_worker(
    tx: &WriteTx,
    settings: &crate::config::Settings,
    now: DateTime<Utc>,
    (how, worker_id, amount): (WorkerMove, i64, i64),
    reason: &str,
) -> Result<(), AppError> {
    use crate::notify::service::{Message, notify};
    // The ledger's own word for it, in both languages: the worker reads theirs, and so does
    // anyone reading the stored notice later in another language.
    let what = crate::i18n::Arg::message(how.ledger_kind().label_key());
    notify(
        tx,
        settings,
        now,
        worker_id,
        &Message::new(crate::notify::model::Kind::FineOrBonus)
            .arg("what", what)
            .arg(
                "total",
                crate::i18n::Arg::Money(amount, settings.currency.clone()),
            )
            .arg("reason", reason.to_string())
            .link("/worker/earnings"),
    )?;
    Ok(())
}
