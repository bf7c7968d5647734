//! Money rules, pure: ledger accounts, the commission split, and what makes a transaction
//! postable.

pub mod discounts;
pub mod dunning;
pub mod periods;

use std::fmt;

/// A ledger account. The text form (`client:42`, `worker:7`, `revenue`, `gateway`) is what
/// the `ledger_entries.account` column holds (fixed interface).
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Account {
    /// What a client owes us (debit balance) or has prepaid (credit).
    Client(i64),
    /// What we owe a worker (credit balance).
    Worker(i64),
    /// The company's income: commission and fees.
    Revenue,
    /// Money held at the payment gateway.
    Gateway,
}

impl fmt::Display for Account {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Account::Client(id) => write!(f, "client:{id}"),
            Account::Worker(id) => write!(f, "worker:{id}"),
            Account::Revenue => f.write_str("revenue"),
            Account::Gateway => f.write_str("gateway"),
        }
    }
}

impl Account {
    pub fn parse(s: &str) -> Option<Account> {
        match s {
            "revenue" => Some(Account::Revenue),
            "gateway" => Some(Account::Gateway),
            _ => {
                let (kind, id) = s.split_once(':')?;
                let id: i64 = id.parse().ok().filter(|id| *id > 0)?;
                match kind {
                    "client" => Some(Account::Client(id)),
                    "worker" => Some(Account::Worker(id)),
                    _ => None,
                }
            }
        }
    }
}

/// Splits a completed order's price between the company (commission, rounded half up to the
/// minor unit) and the worker (the rest), so the parts always sum to the whole.
pub fn split_commission(price_minor: i64, commission_bp: i64) -> (i64, i64) {
    let company = (price_minor * commission_bp + 5_000).div_euclid(10_000);
    (price_minor - company, company)
}

/// Why a set of entries cannot be posted.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Unbalanced {
    TooFewEntries,
    ZeroEntry,
    DoesNotSumToZero,
}

/// A transaction needs two or more non-zero entries summing to zero.
pub fn check_balanced(amounts: &[i64]) -> Result<(), Unbalanced> {
    if amounts.len() < 2 {
        return Err(Unbalanced::TooFewEntries);
    }
    if amounts.contains(&0) {
        return Err(Unbalanced::ZeroEntry);
    }
    let sum = amounts
        .iter()
        .try_fold(0i64, |acc, a| acc.checked_add(*a))
        .ok_or(Unbalanced::DoesNotSumToZero)?;
    if sum != 0 {
        return Err(Unbalanced::DoesNotSumToZero);
    }
    Ok(())
}

crate::status_enum! {
    /// What a ledger transaction records (`ledger_transactions.kind`; its CHECK lists the
    /// same names).
    pub enum Kind {
        OrderCompleted = "order_completed" => "ledger-kind-order-completed",
        CancellationFee = "cancellation_fee" => "ledger-kind-cancellation-fee",
        Fine = "fine" => "ledger-kind-fine",
        Bonus = "bonus" => "ledger-kind-bonus",
        Adjustment = "adjustment" => "ledger-kind-adjustment",
        Payment = "payment" => "ledger-kind-payment",
        Payout = "payout" => "ledger-kind-payout",
        Refund = "refund" => "ledger-kind-refund",
        Reversal = "reversal" => "ledger-kind-reversal",
    }
}

impl Kind {
    /// Posted to a client's account, so it lands on the next invoice.
    pub fn invoiced(self) -> bool {
        !matches!(self, Kind::Payment)
    }

    /// Money settled by the monthly statement: everything on a worker's account but payouts.
    pub fn paid_out(self) -> bool {
        !matches!(self, Kind::Payout)
    }
}

crate::status_enum! {
    /// What a stored card is for (`payment_cards.purpose`): charging a client or paying a
    /// worker. The label is the card box's help text for that purpose.
    pub enum Purpose {
        Charge = "charge" => "billing-card-charge-help",
        Payout = "payout" => "billing-card-payout-help",
    }
}

/// What billing needs to know of an order to post its money; the caller (orders, quality)
/// passes it in, so billing never reads the order itself.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct OrderCharge {
    pub id: i64,
    pub client_id: i64,
    pub worker_id: Option<i64>,
    /// The order's frozen price.
    pub total_minor: i64,
}

crate::status_enum! {
    /// Where an invoice stands (`invoices.status`).
    pub enum InvoiceStatus {
        Due = "due" => "invoice-status-due",
        Paid = "paid" => "invoice-status-paid",
        PastDue = "past_due" => "invoice-status-past-due",
        NothingDue = "nothing_due" => "invoice-status-nothing-due",
    }
}

impl InvoiceStatus {
    /// Something is owed and not yet collected: a charge may be tried.
    pub fn is_payable(self) -> bool {
        matches!(self, InvoiceStatus::Due | InvoiceStatus::PastDue)
    }
}

crate::status_enum! {
    /// Where one charge try stands (`charges.status`); labelled like the invoice it pays.
    pub enum ChargeState {
        Pending = "pending" => "invoice-status-pending",
        Succeeded = "succeeded" => "invoice-status-paid",
        Declined = "declined" => "invoice-status-failed",
    }
}

crate::status_enum! {
    /// Why a charge try was made (`charges.reason`; notices differ).
    pub enum Reason {
        Weekly = "weekly" => "billing-run-weekly",
        Dunning = "dunning" => "billing-past-due",
        Client = "client" => "billing-pay-now",
        Manager = "manager" => "billing-retry",
    }
}

crate::status_enum! {
    /// Where a worker's monthly statement stands (`payouts.status`). The worker's page shows
    /// these with the invoice labels, as it always has.
    pub enum PayoutStatus {
        Pending = "pending" => "invoice-status-pending",
        Paid = "paid" => "invoice-status-paid",
        CarriedForward = "carried_forward" => "invoice-status-carried-forward",
        Failed = "failed" => "invoice-status-failed",
        /// Owed but not payable now (no payout card, or the card was declined): waits for
        /// a card or a manager's retry.
        Held = "held" => "invoice-status-held",
    }
}

crate::status_enum! {
    /// Where a billing run stands (`billing_runs.status`).
    pub enum RunStatus {
        Running = "running" => "billing-running",
        Done = "done" => "billing-run-done",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accounts_round_trip_through_their_text() {
        for a in [
            Account::Client(42),
            Account::Worker(7),
            Account::Revenue,
            Account::Gateway,
        ] {
            assert_eq!(Account::parse(&a.to_string()), Some(a));
        }
        for bad in ["client:", "client:-1", "boss:1", "", "worker:x"] {
            assert_eq!(Account::parse(bad), None, "{bad}");
        }
    }

    #[test]
    fn the_commission_split_never_loses_a_kopeck() {
        assert_eq!(split_commission(530_000, 2_000), (424_000, 106_000));
        // 20 % of 1.01 ₽ is 20.2 kopecks → 20; of 1.03 ₽ is 20.6 → 21 (half up).
        assert_eq!(split_commission(101, 2_000), (81, 20));
        assert_eq!(split_commission(103, 2_000), (82, 21));
        assert_eq!(split_commission(25, 2_000), (20, 5));
        assert_eq!(split_commission(5, 1_000), (4, 1), "0.5 rounds up");
        for price in 0..2_000 {
            for bp in [0, 1, 1_250, 2_000, 3_333, 10_000] {
                let (worker, company) = split_commission(price, bp);
                assert_eq!(worker + company, price);
                assert!(worker >= 0 && company >= 0);
            }
        }
    }

    #[test]
    fn only_balanced_transactions_of_two_or_more_entries_post() {
        assert_eq!(check_balanced(&[100, -80, -20]), Ok(()));
        assert_eq!(check_balanced(&[100]), Err(Unbalanced::TooFewEntries));
        assert_eq!(
            check_balanced(&[100, -99]),
            Err(Unbalanced::DoesNotSumToZero)
        );
        assert_eq!(check_balanced(&[0, 0]), Err(Unbalanced::ZeroEntry));
        assert_eq!(
            check_balanced(&[i64::MAX, i64::MAX, 2]),
            Err(Unbalanced::DoesNotSumToZero)
        );
    }
}
