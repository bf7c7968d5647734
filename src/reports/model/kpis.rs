//! The dashboard's numbers for a period, derived from its rollup sums: orders by status,
//! rates, median times, money by kind, rating and QC averages. Pure functions of the sums.

use std::collections::BTreeMap;

use crate::orders::model::Status;
use crate::reports::model::sums::Sums;

/// Ledger kinds whose client side is what the company billed for work (net of refunds).
const BILLED_KINDS: [&str; 3] = ["order_completed", "cancellation_fee", "refund"];

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Kpis {
    /// Orders placed in the period by their current status.
    pub by_status: BTreeMap<String, i64>,
    pub placed: i64,
    pub completed: i64,
    pub cancelled: i64,
    /// Completed (cancelled) orders per order placed, in basis points.
    pub completion_bp: Option<i64>,
    pub cancellation_bp: Option<i64>,
    /// Minutes from placing to the first assignment, and to completion.
    pub median_match_min: Option<i64>,
    pub median_complete_min: Option<i64>,
    /// Billed for work (completions and cancellation fees, less refunds).
    pub revenue: i64,
    /// The company's part of `revenue`.
    pub commission: i64,
    pub refunds: i64,
    /// Collected from clients' cards.
    pub payments: i64,
    /// Paid out to workers.
    pub payouts: i64,
    pub fines: i64,
    pub bonuses: i64,
    /// Averages times 100 (4.25 is 425), with how many scores they average.
    pub rating_avg_x100: Option<i64>,
    pub rating_count: i64,
    pub qc_avg_x100: Option<i64>,
    pub qc_count: i64,
}

fn get(sums: &Sums, metric: &str, key: &str) -> i64 {
    sums.get(&(metric.to_string(), key.to_string()))
        .copied()
        .unwrap_or(0)
}

/// `part / whole` in basis points, rounded half up; `None` for an empty whole.
pub fn ratio_bp(part: i64, whole: i64) -> Option<i64> {
    (whole > 0).then(|| (part * 20_000 + whole) / (2 * whole))
}

/// `sum / count` times 100, rounded half up.
pub fn average_x100(sum: i64, count: i64) -> Option<i64> {
    (count > 0).then(|| (sum * 200 + count) / (2 * count))
}

/// The lower median of a histogram (bucket → count): the value at rank ⌈n/2⌉.
pub fn median(histogram: &BTreeMap<i64, i64>) -> Option<i64> {
    let n: i64 = histogram.values().sum();
    if n <= 0 {
        return None;
    }
    let rank = (n + 1) / 2;
    let mut seen = 0;
    for (value, count) in histogram {
        seen += count;
        if seen >= rank {
            return Some(*value);
        }
    }
    None
}

fn histogram(sums: &Sums, metric: &str) -> BTreeMap<i64, i64> {
    let mut h = BTreeMap::new();
    for ((m, key), count) in sums {
        if m == metric
            && let Ok(bucket) = key.parse::<i64>()
        {
            *h.entry(bucket).or_insert(0) += count;
        }
    }
    h
}

/// What the company billed for work in these sums (used by the weekly revenue chart too).
pub fn billed(sums: &Sums) -> i64 {
    BILLED_KINDS
        .iter()
        .map(|k| get(sums, "ledger", &format!("{k}:client")))
        .sum()
}

impl Kpis {
    pub fn from_sums(sums: &Sums) -> Kpis {
        let by_status: BTreeMap<String, i64> = Status::ALL
            .iter()
            .map(|s| (s.as_str().to_string(), get(sums, "orders", s.as_str())))
            .filter(|(_, n)| *n > 0)
            .collect();
        let placed = by_status.values().sum();
        let completed = get(sums, "orders", Status::Completed.as_str());
        let cancelled = get(sums, "orders", Status::Cancelled.as_str());
        let ledger = |key: &str| get(sums, "ledger", key);
        let commission = -BILLED_KINDS
            .iter()
            .map(|k| ledger(&format!("{k}:revenue")))
            .sum::<i64>();
        let (rating_sum, rating_count) = (get(sums, "rating", "sum"), get(sums, "rating", "count"));
        let (qc_sum, qc_count) = (get(sums, "qc", "sum"), get(sums, "qc", "count"));
        Kpis {
            placed,
            completed,
            cancelled,
            completion_bp: ratio_bp(completed, placed),
            cancellation_bp: ratio_bp(cancelled, placed),
            median_match_min: median(&histogram(sums, "match_min")),
            median_complete_min: median(&histogram(sums, "complete_min")),
            revenue: billed(sums),
            commission,
            refunds: -ledger("refund:client"),
            payments: -ledger("payment:client"),
            payouts: ledger("payout:worker"),
            fines: -ledger("fine:revenue"),
            bonuses: ledger("bonus:revenue"),
            rating_avg_x100: average_x100(rating_sum, rating_count),
            rating_count,
            qc_avg_x100: average_x100(qc_sum, qc_count),
            qc_count,
            by_status,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sums(rows: &[(&str, &str, i64)]) -> Sums {
        rows.iter()
            .map(|(m, k, v)| ((m.to_string(), k.to_string()), *v))
            .collect()
    }

    #[test]
    fn rates_round_half_up_and_need_orders() {
        assert_eq!(ratio_bp(1, 3), Some(3333));
        assert_eq!(ratio_bp(2, 3), Some(6667));
        assert_eq!(ratio_bp(1, 8), Some(1250));
        assert_eq!(ratio_bp(0, 0), None);
        assert_eq!(average_x100(9, 2), Some(450));
        assert_eq!(average_x100(13, 3), Some(433));
        assert_eq!(average_x100(0, 0), None);
    }

    #[test]
    fn median_is_the_lower_middle() {
        let h = |pairs: &[(i64, i64)]| pairs.iter().copied().collect::<BTreeMap<_, _>>();
        assert_eq!(median(&h(&[])), None);
        assert_eq!(median(&h(&[(7, 1)])), Some(7));
        // 3, 5, 5, 9: the lower middle is the 2nd value.
        assert_eq!(median(&h(&[(3, 1), (5, 2), (9, 1)])), Some(5));
        // 1, 2, 10, 20: 2nd value.
        assert_eq!(median(&h(&[(1, 1), (2, 1), (10, 1), (20, 1)])), Some(2));
    }

    #[test]
    fn kpis_from_crafted_sums() {
        let k = Kpis::from_sums(&sums(&[
            ("orders", "completed", 6),
            ("orders", "cancelled", 2),
            ("orders", "assigned", 2),
            ("match_min", "4", 3),
            ("match_min", "30", 5),
            ("complete_min", "1500", 6),
            ("ledger", "order_completed:client", 60_000),
            ("ledger", "order_completed:worker", -48_000),
            ("ledger", "order_completed:revenue", -12_000),
            ("ledger", "cancellation_fee:client", 1_000),
            ("ledger", "cancellation_fee:revenue", -1_000),
            ("ledger", "refund:client", -10_000),
            ("ledger", "refund:worker", 8_000),
            ("ledger", "refund:revenue", 2_000),
            ("ledger", "payment:client", -41_000),
            ("ledger", "payment:gateway", 41_000),
            ("ledger", "payout:worker", 30_000),
            ("ledger", "fine:worker", 500),
            ("ledger", "fine:revenue", -500),
            ("ledger", "bonus:worker", -700),
            ("ledger", "bonus:revenue", 700),
            ("rating", "sum", 27),
            ("rating", "count", 6),
            ("qc", "sum", 7),
            ("qc", "count", 2),
        ]));
        assert_eq!((k.placed, k.completed, k.cancelled), (10, 6, 2));
        assert_eq!(k.completion_bp, Some(6000));
        assert_eq!(k.cancellation_bp, Some(2000));
        assert_eq!(k.median_match_min, Some(30));
        assert_eq!(k.median_complete_min, Some(1500));
        assert_eq!(k.revenue, 51_000);
        assert_eq!(k.commission, 11_000);
        assert_eq!(k.refunds, 10_000);
        assert_eq!(k.payments, 41_000);
        assert_eq!(k.payouts, 30_000);
        assert_eq!((k.fines, k.bonuses), (500, 700));
        assert_eq!(k.rating_avg_x100, Some(450));
        assert_eq!(k.qc_avg_x100, Some(350));
        assert_eq!(k.by_status.get("assigned"), Some(&2));
        assert!(!k.by_status.contains_key("new"));
    }

    #[test]
    fn empty_period_has_no_rates_or_medians() {
        let k = Kpis::from_sums(&Sums::new());
        assert_eq!(k.placed, 0);
        assert_eq!(k.completion_bp, None);
        assert_eq!(k.median_match_min, None);
        assert_eq!(k.rating_avg_x100, None);
    }
}
