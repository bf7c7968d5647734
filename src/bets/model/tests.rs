//! Settlement and netting, including the rounding rule and minimality against brute force.

use super::*;

fn stake(manager_id: i64, yes: bool, amount_minor: i64) -> Stake {
    Stake {
        manager_id,
        yes,
        amount_minor,
    }
}

fn total_paid(s: &Settlement) -> i64 {
    s.payouts().iter().map(|p| p.payout_minor).sum()
}

#[test]
fn a_book_with_one_side_empty_is_void_and_refunds_everyone() {
    let stakes = [stake(1, true, 500), stake(2, true, 300)];
    let s = settle(&stakes, Some(true));
    assert!(matches!(s, Settlement::Void(_)));
    assert!(s.payouts().iter().all(|p| p.net() == 0));
    assert!(
        matches!(
            settle(&[stake(1, true, 5), stake(2, false, 5)], None),
            Settlement::Void(_)
        ),
        "no outcome: void"
    );
}

#[test]
fn winners_share_the_losers_pool_in_proportion_and_the_odd_unit_goes_by_remainder() {
    let stakes = [
        stake(1, true, 100),
        stake(2, true, 300),
        stake(3, false, 50),
    ];
    let s = settle(&stakes, Some(true));
    let by = |m: i64| {
        s.payouts()
            .iter()
            .find(|p| p.manager_id == m)
            .copied()
            .unwrap()
    };
    // 50 split 12.5 / 37.5: floors 12 + 37, the last unit to the larger stake.
    assert_eq!(
        (by(1).payout_minor, by(2).payout_minor, by(3).payout_minor),
        (112, 338, 0)
    );
    assert_eq!(total_paid(&s), 450);
    assert_eq!(s.payouts().iter().map(Payout::net).sum::<i64>(), 0);
}

#[test]
fn a_manager_on_both_sides_gets_one_combined_result() {
    let stakes = [
        stake(1, true, 100),
        stake(1, false, 40),
        stake(2, false, 60),
    ];
    let s = settle(&stakes, Some(true));
    let one = s.payouts().iter().find(|p| p.manager_id == 1).unwrap();
    assert_eq!((one.staked_minor, one.payout_minor), (140, 200));
}

#[test]
fn the_pool_is_always_paid_out_to_the_unit() {
    let mut seed = 12345u64;
    let mut next = || {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        seed
    };
    for _ in 0..500 {
        let n = 2 + next() % 8;
        let stakes: Vec<Stake> = (0..n)
            .map(|i| {
                stake(
                    (next() % 5) as i64,
                    i % 2 == 0 || next() % 3 == 0,
                    1 + (next() % 10_000) as i64,
                )
            })
            .collect();
        let pool: i64 = stakes.iter().map(|s| s.amount_minor).sum();
        for outcome in [Some(true), Some(false), None] {
            let s = settle(&stakes, outcome);
            assert_eq!(total_paid(&s), pool);
            assert!(s.payouts().iter().all(|p| p.payout_minor >= 0));
        }
    }
}

/// Applies transfers to nets; every balance must come out at zero.
fn settles(nets: &[(i64, i64)], transfers: &[Transfer]) -> bool {
    let mut left: BTreeMap<i64, i64> = nets.iter().copied().collect();
    for t in transfers {
        *left.entry(t.from).or_insert(0) += t.amount_minor;
        *left.entry(t.to).or_insert(0) -= t.amount_minor;
        if t.amount_minor <= 0 {
            return false;
        }
    }
    left.values().all(|v| *v == 0)
}

/// The fewest transfers by exhaustive search over every partition into groups.
fn brute_force_minimum(values: &[i64]) -> usize {
    fn best_groups(rest: &[i64]) -> usize {
        if rest.is_empty() {
            return 0;
        }
        let (first, others) = (rest[0], &rest[1..]);
        let mut best = 0;
        // Choose which of the others join the first person's group.
        for mask in 0..(1usize << others.len()) {
            let group_sum = first
                + (0..others.len())
                    .filter(|i| mask & (1 << i) != 0)
                    .map(|i| others[i])
                    .sum::<i64>();
            if group_sum == 0 {
                let remaining: Vec<i64> = (0..others.len())
                    .filter(|i| mask & (1 << i) == 0)
                    .map(|i| others[i])
                    .collect();
                best = best.max(1 + best_groups(&remaining));
            }
        }
        best
    }
    let nonzero: Vec<i64> = values.iter().copied().filter(|v| *v != 0).collect();
    nonzero.len() - best_groups(&nonzero)
}

#[test]
fn netting_uses_the_fewest_transfers_on_small_cases() {
    let mut seed = 99u64;
    let mut next = || {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        seed
    };
    for case in 0..300 {
        let n = 2 + (next() % 6) as usize;
        let mut values: Vec<i64> = (0..n - 1).map(|_| (next() % 9) as i64 - 4).collect();
        values.push(-values.iter().sum::<i64>());
        let nets: Vec<(i64, i64)> = values
            .iter()
            .enumerate()
            .map(|(i, v)| (i as i64 + 1, *v))
            .collect();
        let transfers = net_transfers(&nets);
        assert!(
            settles(&nets, &transfers),
            "case {case}: {nets:?} → {transfers:?}"
        );
        assert_eq!(
            transfers.len(),
            brute_force_minimum(&values),
            "case {case}: {nets:?}"
        );
    }
}

#[test]
fn a_classic_case_where_plain_greedy_would_need_more_transfers() {
    // Greedy largest-to-largest makes 4 transfers here; two zero-sum pairs need only 3.
    let nets = [(1, 6), (2, 4), (3, -5), (4, -3), (5, -2)];
    let t = net_transfers(&nets);
    assert!(settles(&nets, &t));
    assert_eq!(t.len(), brute_force_minimum(&[6, 4, -5, -3, -2]));
}
