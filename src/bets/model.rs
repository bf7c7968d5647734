//! Pari-mutuel settlement and who-pays-whom netting, in integer minor units.
//!
//! Rounding rule: each winner gets back their stake plus their share of the losing side's
//! pool, `floor(losers × stake / winners)`; the units left over by the floors go one each to
//! the winners with the largest remainders (ties: larger stake, then lower manager id). So
//! the whole pool is always paid out, to the unit.

use std::collections::BTreeMap;

crate::status_enum! {
    /// A book's life: open for bets, closed once the work starts, then settled or void.
    pub enum BookStatus {
        Open = "open" => "bets-status-open",
        Closed = "closed" => "bets-status-closed",
        Settled = "settled" => "bets-status-settled",
        Void = "void" => "bets-status-void",
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Proposition {
    CompletedOnTime,
    Cancelled,
    QcScoreAtLeast4,
    ClientRating5,
}

impl Proposition {
    pub const ALL: [Proposition; 4] = [
        Proposition::CompletedOnTime,
        Proposition::Cancelled,
        Proposition::QcScoreAtLeast4,
        Proposition::ClientRating5,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Proposition::CompletedOnTime => "completed_on_time",
            Proposition::Cancelled => "cancelled",
            Proposition::QcScoreAtLeast4 => "qc_score_at_least_4",
            Proposition::ClientRating5 => "client_rating_5",
        }
    }

    pub fn parse(s: &str) -> Option<Proposition> {
        Proposition::ALL.into_iter().find(|p| p.as_str() == s)
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Stake {
    pub manager_id: i64,
    pub yes: bool,
    pub amount_minor: i64,
}

/// What one manager staked on a book and gets back.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Payout {
    pub manager_id: i64,
    pub staked_minor: i64,
    pub payout_minor: i64,
}

impl Payout {
    pub fn net(&self) -> i64 {
        self.payout_minor - self.staked_minor
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Settlement {
    /// Winners share the losers' pool.
    Settled(Vec<Payout>),
    /// Nobody on one side, or no outcome: every stake comes back.
    Void(Vec<Payout>),
}

impl Settlement {
    pub fn payouts(&self) -> &[Payout] {
        match self {
            Settlement::Settled(p) | Settlement::Void(p) => p,
        }
    }
}

fn staked_by_manager(stakes: &[Stake]) -> BTreeMap<i64, i64> {
    let mut staked = BTreeMap::new();
    for s in stakes {
        *staked.entry(s.manager_id).or_insert(0) += s.amount_minor;
    }
    staked
}

/// Settles a book for `outcome` (`None`: the proposition can never be resolved).
pub fn settle(stakes: &[Stake], outcome: Option<bool>) -> Settlement {
    let staked = staked_by_manager(stakes);
    let refund = || {
        Settlement::Void(
            staked
                .iter()
                .map(|(&m, &s)| Payout {
                    manager_id: m,
                    staked_minor: s,
                    payout_minor: s,
                })
                .collect(),
        )
    };
    let Some(outcome) = outcome else {
        return refund();
    };
    let (winners, losers): (Vec<&Stake>, Vec<&Stake>) =
        stakes.iter().partition(|s| s.yes == outcome);
    if winners.is_empty() || losers.is_empty() {
        return refund();
    }
    let win_total: i64 = winners.iter().map(|s| s.amount_minor).sum();
    let lose_total: i64 = losers.iter().map(|s| s.amount_minor).sum();
    // Each winning manager's combined winning stake.
    let mut winning: BTreeMap<i64, i64> = BTreeMap::new();
    for s in &winners {
        *winning.entry(s.manager_id).or_insert(0) += s.amount_minor;
    }
    let mut shares: Vec<(i64, i64, i128, i64)> = winning
        .iter()
        .map(|(&m, &stake)| {
            let exact = i128::from(lose_total) * i128::from(stake);
            let share = (exact / i128::from(win_total)) as i64;
            (m, share, exact % i128::from(win_total), stake)
        })
        .collect();
    let mut left = lose_total - shares.iter().map(|s| s.1).sum::<i64>();
    let mut order: Vec<usize> = (0..shares.len()).collect();
    order.sort_by(|&a, &b| {
        shares[b]
            .2
            .cmp(&shares[a].2)
            .then(shares[b].3.cmp(&shares[a].3))
            .then(shares[a].0.cmp(&shares[b].0))
    });
    for i in order {
        if left == 0 {
            break;
        }
        shares[i].1 += 1;
        left -= 1;
    }
    let payouts = staked
        .iter()
        .map(|(&m, &s)| {
            let back = winning.get(&m).copied().unwrap_or(0)
                + shares.iter().find(|x| x.0 == m).map(|x| x.1).unwrap_or(0);
            Payout {
                manager_id: m,
                staked_minor: s,
                payout_minor: back,
            }
        })
        .collect();
    Settlement::Settled(payouts)
}

/// One transfer: `from` pays `to`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Transfer {
    pub from: i64,
    pub to: i64,
    pub amount_minor: i64,
}

/// Turns nets (summing to zero) into the fewest transfers: split the people into as many
/// zero-sum groups as possible (exact for up to 16 people with non-zero nets), then settle
/// each group greedily, largest debtor to largest creditor (group size − 1 transfers).
pub fn net_transfers(nets: &[(i64, i64)]) -> Vec<Transfer> {
    let people: Vec<(i64, i64)> = nets.iter().copied().filter(|(_, n)| *n != 0).collect();
    let groups = if people.len() <= 16 {
        zero_sum_groups(&people)
    } else {
        vec![people.clone()]
    };
    groups.iter().flat_map(|g| greedy(g)).collect()
}

fn greedy(group: &[(i64, i64)]) -> Vec<Transfer> {
    let mut debtors: Vec<(i64, i64)> = group
        .iter()
        .filter(|(_, n)| *n < 0)
        .map(|&(m, n)| (m, -n))
        .collect();
    let mut creditors: Vec<(i64, i64)> = group.iter().filter(|(_, n)| *n > 0).copied().collect();
    let mut transfers = Vec::new();
    loop {
        debtors.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
        creditors.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
        let (Some(d), Some(c)) = (debtors.first_mut(), creditors.first_mut()) else {
            break;
        };
        let amount = d.1.min(c.1);
        transfers.push(Transfer {
            from: d.0,
            to: c.0,
            amount_minor: amount,
        });
        d.1 -= amount;
        c.1 -= amount;
        debtors.retain(|x| x.1 > 0);
        creditors.retain(|x| x.1 > 0);
    }
    transfers
}

/// The largest partition of `people` into groups whose nets sum to zero (bitmask DP).
fn zero_sum_groups(people: &[(i64, i64)]) -> Vec<Vec<(i64, i64)>> {
    let n = people.len();
    let full = (1usize << n) - 1;
    let sum = |mask: usize| {
        (0..n)
            .filter(|i| mask & (1 << i) != 0)
            .map(|i| people[i].1)
            .sum::<i64>()
    };
    // best[mask]: most zero-sum groups the people in `mask` can be split into, when sum is 0.
    let mut best = vec![0usize; full + 1];
    for mask in 1..=full {
        let m = (0..n)
            .filter(|i| mask & (1 << i) != 0)
            .map(|i| best[mask & !(1 << i)])
            .max()
            .unwrap_or(0);
        best[mask] = m + usize::from(sum(mask) == 0);
    }
    // Peel off minimal zero-sum groups consistent with the optimum.
    let mut groups = Vec::new();
    let mut rest = full;
    while rest != 0 {
        let mut sub = rest;
        let mut chosen = rest;
        while sub != 0 {
            if sum(sub) == 0
                && best[rest & !sub] + 1 == best[rest]
                && sub.count_ones() < chosen.count_ones()
            {
                chosen = sub;
            }
            sub = (sub - 1) & rest;
        }
        groups.push(
            (0..n)
                .filter(|i| chosen & (1 << i) != 0)
                .map(|i| people[i])
                .collect(),
        );
        rest &= !chosen;
    }
    groups
}

#[cfg(test)]
mod tests;
