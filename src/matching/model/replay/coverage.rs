//! Does the stated interval cover the truth? A small world where each worker has a hidden
//! true mean rating: sixty days of twenty orders decided by one strategy, the ratings the
//! chosen workers earn, then a replay with the other strategy. Its interval for the expected
//! rating of the replayed choices should hold the true value (known here, from the hidden
//! means) in at least 34 of 40 seeds.

use super::super::decide;
use super::tests::{WEIGHTS, recorded, settings};
use super::*;
use rand::rngs::StdRng;
use rand::{Rng, SeedableRng};

const WORKERS: i64 = 12;
const DAYS: usize = 60;
const ORDERS_PER_DAY: usize = 20;

/// 1 + Binomial(4, p): a 1–5 score whose mean is 1 + 4p and whose spread is about a star.
fn score(rng: &mut StdRng, p: f64) -> f64 {
    1.0 + (0..4).filter(|_| rng.random_bool(p)).count() as f64
}

fn centi(t: &Tally) -> Option<i64> {
    (t.n > 0).then(|| (t.sum as i64) * 100 / t.n)
}

/// Whether the replay's rating interval holds the true expected rating, for one seed.
fn covered(seed: u64, ran: Strategy, other: Strategy) -> bool {
    let mut rng = StdRng::seed_from_u64(seed);
    let ability: Vec<f64> = (0..WORKERS).map(|_| rng.random_range(0.35..0.95)).collect();
    let care: Vec<f64> = (0..WORKERS).map(|_| rng.random_range(0.35..0.95)).collect();
    let cert: Vec<Option<i64>> = (0..WORKERS)
        .map(|_| rng.random_bool(0.5).then(|| rng.random_range(300..=500)))
        .collect();
    let mut records: HashMap<i64, WorkerRecord> = HashMap::new();
    let mut decisions = Vec::new();
    for _ in 0..DAYS {
        let mut today = vec![0i64; WORKERS as usize];
        for _ in 0..ORDERS_PER_DAY {
            let candidates: Vec<Candidate> = (0..WORKERS)
                .map(|i| {
                    let r = records.get(&(i + 1)).copied().unwrap_or_default();
                    Candidate {
                        worker_id: i + 1,
                        active: true,
                        on_duty: rng.random_bool(0.6),
                        skilled: true,
                        within_hours: true,
                        busy: false,
                        jobs_that_day: today[i as usize],
                        blocked: false,
                        favourite: rng.random_bool(0.05),
                        last_worker: false,
                        tried: false,
                        rating_centi: centi(&r.rating),
                        qc_centi: centi(&r.qc),
                        not_certified: false,
                        cert_centi: cert[i as usize],
                    }
                })
                .collect();
            let d = decide(&candidates, &settings(ran.name(), WEIGHTS), rng.random());
            if let Some(w) = d.chosen {
                let i = (w - 1) as usize;
                today[i] += 1;
                let record = records.entry(w).or_default();
                if rng.random_bool(0.8) {
                    record.rating.add(score(&mut rng, ability[i]));
                }
                if rng.random_bool(0.25) {
                    record.qc.add(score(&mut rng, care[i]));
                }
            }
            decisions.push(recorded(&d));
        }
    }
    let r = Replay {
        strategy: other,
        weights: None,
        live: WEIGHTS,
    };
    let chosen: Vec<i64> = decisions
        .iter()
        .filter_map(|d| redecide(d, &r).expect("facts recorded"))
        .collect();
    let truth = chosen
        .iter()
        .map(|w| 1.0 + 4.0 * ability[(w - 1) as usize])
        .sum::<f64>()
        / chosen.len() as f64;
    let after = replay(&decisions, &records, &r)
        .rating
        .expect("rated")
        .after;
    after.low <= truth && truth <= after.high
}

#[test]
fn the_other_strategys_rating_interval_covers_the_hidden_truth_in_34_of_40_seeds() {
    for (ran, other) in [
        (Strategy::Random, Strategy::Score),
        (Strategy::Score, Strategy::Random),
    ] {
        let hits = (1..=40).filter(|&seed| covered(seed, ran, other)).count();
        println!(
            "replaying {} over {} decisions: the interval covered the truth in {hits} of 40 seeds",
            other.name(),
            ran.name()
        );
        assert!(hits >= 34, "{ran:?} → {other:?}: {hits} of 40");
    }
}
