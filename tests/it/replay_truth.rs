//! Replay against a simulated history's hidden truth, small enough for every run: each arm
//! of the simulation's matching experiment replayed with its own strategy reproduces every
//! decision, and with the other arm's states an interval for what its choices are worth.
//! The 40-seed, 60-day coverage count is the `replay_truth` benchmark.

use whiskerworks::matching::model::replay::Strategy;
use whiskerworks::ops::replay_truth::{Coverage, measure};

/// On tmpfs where there is one: a simulated day commits hundreds of times, each synced.
fn scratch() -> tempfile::TempDir {
    match std::path::Path::new("/dev/shm") {
        shm if shm.is_dir() => tempfile::tempdir_in(shm).unwrap(),
        _ => tempfile::tempdir().unwrap(),
    }
}

#[test]
fn a_simulated_experiment_replays_exactly_and_states_an_interval_for_the_other_strategy() {
    let mut coverage = Coverage::default();
    for seed in [1, 2] {
        let dir = scratch();
        let m = measure(dir.path(), 10, seed).unwrap();
        println!("{m}");
        assert_eq!(m.not_reproduced(), 0, "every decision reproduced: {m}");
        for s in &m.same {
            assert!(s.replayed > 0, "{} decided nothing: {m}", s.strategy.name());
        }
        let directions: Vec<(Strategy, Strategy)> = m
            .crossed
            .iter()
            .map(|c| (c.made_by, c.replayed_with))
            .collect();
        assert_eq!(
            directions,
            [
                (Strategy::Random, Strategy::Score),
                (Strategy::Score, Strategy::Random)
            ]
        );
        for c in &m.crossed {
            assert!(c.decisions > 0, "{m}");
            let r = c.rating.expect("the chosen workers have ratings");
            let e = r.estimate;
            assert!(1.0 <= e.low && e.low <= e.value && e.value <= e.high && e.high <= 5.0);
            assert!(e.high - e.low > 0.0, "an interval, not a point: {m}");
            assert!((1.0..=5.0).contains(&r.truth), "{m}");
        }
        coverage.add(&m);
    }
    print!("{coverage}");
    assert_eq!(coverage.seeds, 2);
    assert_eq!(coverage.not_reproduced, 0);
}
