//! Experiment assignment: which arm a unit (an order, an applicant) falls in, drawn by a
//! deterministic hash of the experiment and the unit, so the same unit always lands in the
//! same arm and the arms fill close to their shares.

use sha2::{Digest, Sha256};

/// Buckets the hash is cut into; shares are whole percent, so 10,000 keeps rounding far below
/// anything a manager could notice.
const BUCKETS: u64 = 10_000;

/// The unit's bucket in `0..BUCKETS`, the same for the same experiment and unit forever.
pub fn bucket(experiment_id: i64, unit_id: i64) -> u64 {
    let digest = Sha256::digest(format!("experiment:{experiment_id}/unit:{unit_id}"));
    u64::from_le_bytes(digest[..8].try_into().expect("eight bytes")) % BUCKETS
}

/// The index of the arm the unit falls in, given each arm's share (any positive weights,
/// usually percent summing to 100). `None` when no arm has a share.
pub fn arm_for(experiment_id: i64, unit_id: i64, shares: &[i64]) -> Option<usize> {
    let total: i64 = shares.iter().map(|s| s.max(&0)).sum();
    if total <= 0 {
        return None;
    }
    // The bucket scaled onto the total weight, then the first arm whose running total passes it.
    let point = (bucket(experiment_id, unit_id) as i128 * total as i128 / BUCKETS as i128) as i64;
    let mut running = 0;
    for (i, share) in shares.iter().enumerate() {
        running += share.max(&0);
        if point < running {
            return Some(i);
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_same_unit_always_lands_in_the_same_arm() {
        for unit in 0..200 {
            assert_eq!(arm_for(7, unit, &[50, 50]), arm_for(7, unit, &[50, 50]));
        }
    }

    #[test]
    fn arms_fill_close_to_their_shares() {
        let n = 20_000;
        let mut counts = [0usize; 3];
        for unit in 0..n {
            counts[arm_for(3, unit, &[20, 30, 50]).unwrap()] += 1;
        }
        // Three binomial standard deviations at most (about 0.85 points of 20,000 here).
        for (count, share) in counts.iter().zip([0.2, 0.3, 0.5]) {
            let expected = n as f64 * share;
            let sd = (n as f64 * share * (1.0 - share)).sqrt();
            assert!((*count as f64 - expected).abs() < 3.0 * sd, "{counts:?}");
        }
    }

    #[test]
    fn experiments_draw_independently() {
        let same = (0..1000)
            .filter(|u| arm_for(1, *u, &[50, 50]) == arm_for(2, *u, &[50, 50]))
            .count();
        assert!((400..600).contains(&same), "{same}");
    }

    #[test]
    fn an_arm_without_a_share_gets_nobody() {
        assert!((0..500).all(|u| arm_for(1, u, &[0, 100]) == Some(1)));
        assert_eq!(arm_for(1, 1, &[0, 0]), None);
    }
}
