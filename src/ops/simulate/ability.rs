//! The simulation's hidden truth: each worker's and applicant's ability, known only to the
//! simulation, and how it turns into what the product records (client ratings, QC scores,
//! withdrawals, disputes, test answers). Estimates made from the records (replay, experiments)
//! can be compared with the expectations computed here.

use rand::Rng;
use rand::rngs::StdRng;

/// A client's rating is the worker's mean (this at the typical ability of 0.6) plus noise.
pub const RATING_AT_TYPICAL: f64 = 4.0;
/// Stars a whole unit of ability adds to the mean rating (and to the mean QC score).
pub const STARS_PER_ABILITY: f64 = 2.5;
/// The rating's and the QC score's noise around the mean (standard deviation, in stars).
pub const NOISE_STARS: f64 = 1.0;
/// Quality control is stricter than clients: its mean at the typical ability.
pub const QC_AT_TYPICAL: f64 = 3.6;
const TYPICAL: f64 = 0.6;

/// An ability between 0.1 and 1, bunched around 0.6 (the mean of four uniform draws).
pub fn draw(rng: &mut StdRng) -> f64 {
    let sum: f64 = (0..4).map(|_| rng.random_range(0.0..1.0)).sum();
    (sum / 4.0 + 0.1).min(1.0)
}

/// A standard normal draw (Box–Muller), from the simulation's own seeded randomness.
pub fn normal(rng: &mut StdRng) -> f64 {
    let u: f64 = 1.0 - rng.random_range(0.0..1.0); // (0, 1], so the logarithm is finite
    let v: f64 = rng.random_range(0.0..1.0);
    (-2.0 * u.ln()).sqrt() * (2.0 * std::f64::consts::PI * v).cos()
}

/// The mean a worker of `ability` would be rated at before rounding and clamping.
pub fn rating_mean(ability: f64) -> f64 {
    RATING_AT_TYPICAL + STARS_PER_ABILITY * (ability - TYPICAL)
}

pub fn qc_mean(ability: f64) -> f64 {
    QC_AT_TYPICAL + STARS_PER_ABILITY * (ability - TYPICAL)
}

/// One whole-star draw around `mean`, clamped to 1–5 as the forms allow.
pub fn stars(rng: &mut StdRng, mean: f64) -> i64 {
    (mean + NOISE_STARS * normal(rng)).round().clamp(1.0, 5.0) as i64
}

/// What a worker of `ability` is rated on average once ratings are whole stars from 1 to 5:
/// the truth an estimate of their expected rating is measured against.
pub fn expected_rating(ability: f64) -> f64 {
    expected_stars(rating_mean(ability))
}

/// The expected QC score of a worker of `ability`, in the same sense.
pub fn expected_qc(ability: f64) -> f64 {
    expected_stars(qc_mean(ability))
}

fn expected_stars(mean: f64) -> f64 {
    // P(round(mean + noise) clamped = k), summed over the five possible stars.
    let below = |edge: f64| phi((edge - mean) / NOISE_STARS);
    (1..=5)
        .map(|k| {
            let k = f64::from(k);
            let upper = if k == 5.0 { 1.0 } else { below(k + 0.5) };
            let lower = if k == 1.0 { 0.0 } else { below(k - 0.5) };
            k * (upper - lower)
        })
        .sum()
}

/// The standard normal distribution function (Abramowitz and Stegun 7.1.26, error < 1.5e-7);
/// the power check's light simulation reads its ratings through it too.
pub fn phi(x: f64) -> f64 {
    let z = x.abs() / std::f64::consts::SQRT_2;
    let t = 1.0 / (1.0 + 0.327_591_1 * z);
    let poly = t
        * (0.254_829_592
            + t * (-0.284_496_736
                + t * (1.421_413_741 + t * (-1.453_152_027 + t * 1.061_405_429))));
    let erf = 1.0 - poly * (-z * z).exp();
    if x >= 0.0 {
        0.5 * (1.0 + erf)
    } else {
        0.5 * (1.0 - erf)
    }
}

/// The chance a worker of `ability` backs out of a job the day before.
pub fn withdraw_chance(ability: f64) -> f64 {
    0.02 + 0.1 * (1.0 - ability)
}

/// The chance the client refuses to sign (a dispute) rather than rates the work.
pub fn refusal_chance(ability: f64) -> f64 {
    0.02 + 0.2 * (1.0 - ability)
}

/// A written answer's points out of `max`, as a fair manager would grade it.
pub fn written_points(rng: &mut StdRng, ability: f64, max: i64) -> i64 {
    let quality = (ability + 0.15 * normal(rng)).clamp(0.0, 1.0);
    (quality * max as f64).round() as i64
}

#[cfg(test)]
mod tests {
    use super::*;
    use rand::SeedableRng;

    #[test]
    fn the_normal_distribution_function_matches_its_table() {
        assert!((phi(0.0) - 0.5).abs() < 1e-7);
        assert!((phi(1.96) - 0.975).abs() < 1e-4);
        assert!((phi(-1.0) - 0.158_655).abs() < 1e-5);
    }

    #[test]
    fn the_expected_rating_is_what_many_draws_average_to() {
        let mut rng = StdRng::seed_from_u64(1);
        for ability in [0.2, 0.6, 0.95] {
            let n = 40_000;
            let sum: i64 = (0..n).map(|_| stars(&mut rng, rating_mean(ability))).sum();
            let mean = sum as f64 / f64::from(n);
            assert!(
                (mean - expected_rating(ability)).abs() < 0.02,
                "{ability}: {mean} vs {}",
                expected_rating(ability)
            );
        }
        assert!(expected_rating(0.9) > expected_rating(0.5));
    }

    #[test]
    fn abilities_stay_between_a_tenth_and_one() {
        let mut rng = StdRng::seed_from_u64(2);
        for _ in 0..1000 {
            let a = draw(&mut rng);
            assert!((0.1..=1.0).contains(&a));
        }
    }
}
