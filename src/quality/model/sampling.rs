//! The random sample of completed orders for review. The draw is a hash (SplitMix64) of the
//! installation's seed and the order id: recorded with the order, and anyone can recompute
//! it to audit why an order was or was not picked.

/// A draw in `[0, 10000)`, the same every time for the same seed and order.
pub fn draw(seed: u64, order_id: i64) -> u32 {
    let mut z = seed ^ (order_id as u64).wrapping_mul(0x9E37_79B9_7F4A_7C15);
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^= z >> 31;
    (z % 10_000) as u32
}

/// Whether a draw falls in a sample of `percent` %: draws below `percent × 100` are picked.
pub fn picked(draw: u32, percent: u32) -> bool {
    draw < percent * 100
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_draw_is_reproducible_and_depends_on_the_seed() {
        assert_eq!(draw(1, 42), draw(1, 42));
        let a: Vec<u32> = (1..50).map(|id| draw(1, id)).collect();
        let b: Vec<u32> = (1..50).map(|id| draw(2, id)).collect();
        assert_ne!(a, b);
        assert!(a.iter().all(|d| *d < 10_000));
    }

    #[test]
    fn ten_percent_of_ten_thousand_orders_is_within_three_standard_deviations() {
        // Binomial(10 000, 0.1): mean 1000, standard deviation 30.
        for seed in [1, 7, 2026] {
            let n = (1..=10_000)
                .filter(|id| picked(draw(seed, *id), 10))
                .count();
            assert!((910..=1090).contains(&n), "seed {seed}: {n}");
        }
    }

    #[test]
    fn the_rate_bounds_pick_none_or_all() {
        assert!((1..1000).all(|id| !picked(draw(3, id), 0)));
        assert!((1..1000).all(|id| picked(draw(3, id), 100)));
        assert!(picked(999, 10) && !picked(1000, 10));
    }
}
