//! Replaying the strategy that ran reproduces every decision; a toy case of the other
//! strategy worked by hand; records without facts are counted, not guessed.

use super::super::{Decision, MatchingSettings, decide};
use super::*;
use rand::rngs::StdRng;
use rand::{Rng, SeedableRng};

pub fn settings(strategy: &str, weights: Weights) -> MatchingSettings {
    MatchingSettings {
        version: 1,
        strategy: strategy.into(),
        enabled: true,
        max_attempts: 5,
        daily_limit: 4,
        travel_buffer_minutes: 30,
        weights,
    }
}

pub const WEIGHTS: Weights = Weights {
    rating: 10,
    qc: 10,
    load: 5,
    favourite: 20,
};

pub fn recorded(d: &Decision) -> Recorded {
    Recorded {
        strategy: d.strategy.to_string(),
        seed: d.seed,
        weights: d.weights,
        considered: d.considered.clone(),
        chosen: d.chosen,
    }
}

/// A pool of workers with facts drawn from `rng`: some left out, some favourites, ties likely.
fn pool(rng: &mut StdRng) -> Vec<Candidate> {
    (1..=rng.random_range(1..9))
        .map(|id| Candidate {
            worker_id: id,
            active: true,
            on_duty: rng.random_bool(0.8),
            skilled: true,
            within_hours: true,
            busy: rng.random_bool(0.1),
            jobs_that_day: rng.random_range(0..5),
            blocked: false,
            favourite: rng.random_bool(0.15),
            last_worker: false,
            tried: false,
            rating_centi: rng.random_bool(0.7).then(|| rng.random_range(4..6) * 100),
            qc_centi: rng.random_bool(0.5).then(|| rng.random_range(3..6) * 100),
            not_certified: false,
            cert_centi: rng.random_bool(0.5).then_some(400),
        })
        .collect()
}

#[test]
fn replaying_the_strategy_that_ran_reproduces_every_decision() {
    let mut rng = StdRng::seed_from_u64(29);
    let other_weights = Weights {
        rating: 1,
        qc: 0,
        load: 100,
        favourite: 0,
    };
    for strategy in [Strategy::Random, Strategy::Score] {
        let decisions: Vec<Recorded> = (0..500)
            .map(|seed| {
                let candidates = pool(&mut rng);
                recorded(&decide(
                    &candidates,
                    &settings(strategy.name(), WEIGHTS),
                    seed,
                ))
            })
            .collect();
        // The live weights differ: a score decision is replayed with its own.
        let r = Replay {
            strategy,
            weights: None,
            live: other_weights,
        };
        let report = replay(&decisions, &HashMap::new(), &r);
        assert_eq!(report.replayed, 500, "{strategy:?}");
        assert_eq!(report.changed, 0, "{strategy:?} reproduces every decision");
        assert!(report.nobody_eligible > 0 && report.nobody_eligible < 500);
        let same = report.workers.iter().all(|w| w.before == w.after);
        assert!(same, "{strategy:?}: nobody's work changes");
        assert!(report.rating.is_none(), "no records, no estimate");
    }
}

#[test]
fn records_without_facts_and_volunteers_are_counted_not_guessed() {
    let old = Recorded {
        strategy: "random".into(),
        seed: 1,
        weights: None,
        considered: vec![Considered {
            worker_id: 1,
            excluded: None,
            score: None,
            facts: None,
        }],
        chosen: Some(1),
    };
    let mut volunteer = recorded(&decide(
        &pool(&mut StdRng::seed_from_u64(1)),
        &settings("random", WEIGHTS),
        1,
    ));
    volunteer.strategy = "volunteer".into();
    let r = Replay {
        strategy: Strategy::Score,
        weights: None,
        live: WEIGHTS,
    };
    assert_eq!(redecide(&old, &r), Err(Skip::NoFacts));
    let report = replay(&[old, volunteer], &HashMap::new(), &r);
    assert_eq!(
        (
            report.decisions,
            report.replayed,
            report.not_replayable,
            report.volunteered
        ),
        (2, 0, 1, 1)
    );
}

fn tally(xs: &[f64]) -> Tally {
    let mut t = Tally::default();
    xs.iter().for_each(|&x| t.add(x));
    t
}

fn close(a: f64, b: f64) -> bool {
    (a - b).abs() < 1e-3
}

/// Two workers, two random decisions (B, then A); the score strategy picks A, whose rating
/// is better, both times.
///
/// A's ratings 5, 4, 4, 3: mean 4, sample variance 2/3; B's 3, 3, 4, 2: mean 3, variance 2/3.
/// Within a worker: pooled variance 2/3. The crowd: mean 3.5; its means vary by 1/2, of
/// which 2/3 / 4 = 1/6 is noise, leaving 1/3 between workers; the crowd weighs as
/// (2/3) / (1/3) = 2 ratings. A shrinks to (4·4 + 2·3.5) / 6 = 23/6 with variance
/// (2/3) / 6 = 1/9, B to 19/6 likewise; the crowd weight is 2/6 = 1/3 each, and the crowd's
/// mean has variance 1/2 / 2 = 1/4.
/// After (A twice): 23/6, variance 1/9 + (1/3)²·1/4 = 5/36.
/// Before (half each): 3.5, variance 2·¼·1/9 + (1/3)²·1/4 = 1/12.
/// Change (+½ A − ½ B): 1/3, variance 2·¼·1/9 + 0 = 1/18.
#[test]
fn a_toy_case_of_the_other_strategy_matches_the_hand_computation() {
    let worker = |id, rating| Candidate {
        rating_centi: Some(rating),
        ..pool_one(id)
    };
    let cands = [worker(1, 400), worker(2, 300)];
    let s = settings("random", WEIGHTS);
    let first = (0..)
        .map(|seed| decide(&cands, &s, seed))
        .find(|d| d.chosen == Some(2))
        .unwrap();
    let second = (0..)
        .map(|seed| decide(&cands, &s, seed))
        .find(|d| d.chosen == Some(1))
        .unwrap();
    let records = HashMap::from([
        (
            1,
            WorkerRecord {
                rating: tally(&[5.0, 4.0, 4.0, 3.0]),
                qc: Tally::default(),
            },
        ),
        (
            2,
            WorkerRecord {
                rating: tally(&[3.0, 3.0, 4.0, 2.0]),
                qc: Tally::default(),
            },
        ),
    ]);
    let r = Replay {
        strategy: Strategy::Score,
        weights: None,
        live: WEIGHTS,
    };
    let report = replay(&[recorded(&first), recorded(&second)], &records, &r);

    assert_eq!((report.replayed, report.changed), (2, 1));
    assert_eq!(
        report.workers,
        vec![
            WorkerLoad {
                worker_id: 1,
                before: 1,
                after: 2
            },
            WorkerLoad {
                worker_id: 2,
                before: 1,
                after: 0
            },
        ]
    );
    let rating = report.rating.unwrap();
    let half = |var: f64| 1.959_964 * var.sqrt();
    let after = 23.0 / 6.0;
    assert!(close(rating.after.value, after));
    assert!(close(rating.after.low, after - half(5.0 / 36.0)));
    assert!(close(rating.after.high, after + half(5.0 / 36.0)));
    assert!(close(rating.before.value, 3.5));
    assert!(close(rating.before.high, 3.5 + half(1.0 / 12.0)));
    assert!(close(rating.change.value, 1.0 / 3.0));
    assert!(close(rating.change.low, 1.0 / 3.0 - half(1.0 / 18.0)));
    assert!(report.qc.is_none(), "no QC score yet, no estimate");
    // Before: one job each, even. After: both to one of two workers.
    assert!(
        close(report.spread_before.gini, 0.0) && close(report.spread_before.top_fifth_share, 0.5)
    );
    assert!(
        close(report.spread_after.gini, 0.5) && close(report.spread_after.top_fifth_share, 1.0)
    );
    assert!(close(report.spread_after.cv, 1.0));
}

fn pool_one(id: i64) -> Candidate {
    let mut c = pool(&mut StdRng::seed_from_u64(0))[0].clone();
    c.worker_id = id;
    c.on_duty = true;
    c.busy = false;
    c.favourite = false;
    c.jobs_that_day = 0;
    c.qc_centi = None;
    c.cert_centi = None;
    c
}

#[test]
fn a_worker_without_a_record_counts_as_an_unknown_worker_of_the_pool() {
    let cands = [pool_one(1), pool_one(7)];
    let d = recorded(&decide(&cands, &settings("random", WEIGHTS), 3));
    let records = HashMap::from([(
        1,
        WorkerRecord {
            rating: tally(&[4.0, 5.0]),
            qc: Tally::default(),
        },
    )]);
    let r = Replay {
        strategy: Strategy::Random,
        weights: None,
        live: WEIGHTS,
    };
    let out = replay(std::slice::from_ref(&d), &records, &r)
        .rating
        .unwrap();
    let unknown = usize::from(d.chosen == Some(7));
    assert_eq!(out.unknown_after, unknown);
    assert!(out.after.low >= 1.0 && out.after.high <= 5.0);
    assert!(
        close(out.change.value, 0.0),
        "the same choice changes nothing"
    );
}

#[test]
fn requests_are_checked_with_clear_errors() {
    assert_eq!(Strategy::parse("score"), Ok(Strategy::Score));
    assert_eq!(Strategy::parse("best"), Err(InputError::Strategy));
    assert_eq!(parse_day("", InputError::From), Ok(None));
    assert_eq!(
        parse_day("2026-02-30", InputError::From),
        Err(InputError::From)
    );
    assert_eq!(
        parse_day("2026-03-01", InputError::To),
        Ok(NaiveDate::from_ymd_opt(2026, 3, 1))
    );
    assert_eq!(parse_weights("10, 10,5,20"), Ok(Some(WEIGHTS)));
    assert_eq!(parse_weights("10,10,5"), Err(InputError::Weights));
    assert_eq!(parse_weights("10,10,5,2000"), Err(InputError::Weights));
    assert!(InputError::Strategy.to_string().contains("random"));
}

#[test]
fn a_request_is_read_whole_and_defaults_to_the_last_30_days() {
    let day = |d| NaiveDate::from_ymd_opt(2026, 3, d).unwrap();
    let r = Request::parse("random", "", "2026-03-31", "").unwrap();
    assert_eq!(r.days(day(5)), (day(2), day(31)));
    let r = Request::parse("score", "2026-03-04", "", "1,2,3,4").unwrap();
    assert_eq!(r.days(day(9)), (day(4), day(9)));
    assert_eq!(r.weights.map(|w| w.favourite), Some(4));
    assert_eq!(
        Request::parse("score", "2026-03-04", "2026-03-03", ""),
        Err(InputError::Backwards)
    );
    assert_eq!(
        Request::parse("score", "yesterday", "", ""),
        Err(InputError::From)
    );
}
