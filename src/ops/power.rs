//! The experiments' power check: a light simulation of matching outcomes, seeded and without a
//! database, that assigns orders with the experiments' own hash, matches them with matching's
//! own rules and judges them with the experiments' own statistics, a manager looking daily.
//! An A/A experiment (random against random) must rarely declare a difference; random against
//! score, where score truly gives better-rated work, must usually find it within 60 days.

use std::fmt;
use std::ops::RangeInclusive;

use rand::rngs::StdRng;
use rand::{Rng, SeedableRng};

use crate::experiments::model::stats::{Interval, Sums, Verdict, difference, verdict};
use crate::matching::model::{Candidate, MatchingSettings, Weights, decide};
use crate::split;

/// The workforce: big enough that a record takes weeks to build, small enough to be a team.
const WORKERS: i64 = 16;
/// Chance that a worker is free, skilled and within hours for a given order.
const AVAILABLE: f64 = 0.35;
/// Orders a day, drawn uniformly: about 20, the simulation's default volume.
const ORDERS_PER_DAY: RangeInclusive<u32> = 15..=25;
/// Share of completed orders the client rates.
const RATED: f64 = 0.8;
/// The average worker's rating before noise, and the noise: about one star.
const BASE: f64 = 3.8;
const NOISE_SD: f64 = 1.0;
/// Spread of the hidden abilities in stars, calibrated so that the score arm's true gain over
/// random is about a quarter of a star (printed with every report).
const ABILITY_SD: f64 = 0.33;
/// Orders come in between 08:00 and 20:00; ratings arrive two hours to two days later.
const DAY_MINUTES: i64 = 24 * 60;
const OPEN: RangeInclusive<i64> = 8 * 60..=20 * 60;
const RATING_DELAY: RangeInclusive<i64> = 120..=2 * DAY_MINUTES;

/// What the treatment arm runs; the control arm always runs random.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Design {
    /// Random against random: any difference declared is a false alarm.
    AA,
    /// Random (control) against score (treatment).
    ScoreVsRandom,
}

/// One simulated experiment.
#[derive(Debug, Clone, PartialEq)]
pub struct History {
    /// The first day the verdict was Better or Worse, with that verdict.
    pub declared: Option<(u32, Verdict)>,
    /// The interval on the last day.
    pub last: Option<Interval>,
    /// Treatment − control in expected rating, by the hidden abilities of the workers each arm
    /// actually chose.
    pub true_gain: f64,
}

/// Runs one experiment of `days` days for `seed`; the same seed gives the same history.
pub fn history(seed: u64, design: Design, days: u32) -> History {
    let mut rng = StdRng::seed_from_u64(seed);
    let ability: Vec<f64> = (0..WORKERS)
        .map(|_| ABILITY_SD * normal(&mut rng))
        .collect();
    let expected: Vec<f64> = ability.iter().map(|a| expected_rating(*a)).collect();
    let experiment_id = seed as i64;
    let arms = [settings("random"), settings(treatment(design))];
    // Each worker's record: ratings received so far (count, sum).
    let mut record = vec![(0i64, 0i64); WORKERS as usize];
    let mut sums = [Sums::default(); 2];
    let mut truth = [(0.0f64, 0i64); 2];
    // Ratings on their way: (arrival minute, worker index, arm, stars).
    let mut pending: Vec<(i64, usize, usize, i64)> = Vec::new();
    let mut order_id = 0i64;
    let mut declared = None;
    let mut last = None;
    for day in 0..days as i64 {
        let mut times: Vec<i64> = (0..rng.random_range(ORDERS_PER_DAY))
            .map(|_| day * DAY_MINUTES + rng.random_range(OPEN))
            .collect();
        times.sort_unstable();
        let mut jobs_today = vec![0i64; WORKERS as usize];
        for at in times {
            receive(&mut pending, at, &mut record, &mut sums);
            order_id += 1;
            let arm = split::arm_for(experiment_id, order_id, &[50, 50]).expect("two arms");
            let candidates: Vec<Candidate> = (0..WORKERS as usize)
                .map(|w| candidate(w, &record, &jobs_today, rng.random_bool(AVAILABLE)))
                .collect();
            let Some(chosen) = decide(&candidates, &arms[arm], rng.random()).chosen else {
                continue;
            };
            let w = (chosen - 1) as usize;
            jobs_today[w] += 1;
            truth[arm].0 += expected[w];
            truth[arm].1 += 1;
            if rng.random_bool(RATED) {
                let stars = (BASE + ability[w] + NOISE_SD * normal(&mut rng)).round();
                let arrives = at + rng.random_range(RATING_DELAY);
                pending.push((arrives, w, arm, (stars as i64).clamp(1, 5)));
            }
        }
        receive(
            &mut pending,
            (day + 1) * DAY_MINUTES,
            &mut record,
            &mut sums,
        );
        last = difference(&sums[1], &sums[0]);
        let v = verdict(last, true);
        if declared.is_none() && matches!(v, Verdict::Better | Verdict::Worse) {
            declared = Some((day as u32 + 1, v));
        }
    }
    let mean = |(total, n): (f64, i64)| if n > 0 { total / n as f64 } else { 0.0 };
    History {
        declared,
        last,
        true_gain: mean(truth[1]) - mean(truth[0]),
    }
}

fn treatment(design: Design) -> &'static str {
    match design {
        Design::AA => "random",
        Design::ScoreVsRandom => "score",
    }
}

/// Matching's settings for one arm: the simulation knows no quality control, favourites or
/// certification, so score ranks by the rating record alone.
fn settings(strategy: &str) -> MatchingSettings {
    MatchingSettings {
        version: 1,
        strategy: strategy.to_string(),
        enabled: true,
        max_attempts: 5,
        daily_limit: 4,
        travel_buffer_minutes: 30,
        weights: Weights {
            rating: 1,
            qc: 0,
            load: 0,
            favourite: 0,
        },
    }
}

fn candidate(w: usize, record: &[(i64, i64)], jobs_today: &[i64], free: bool) -> Candidate {
    let (n, sum) = record[w];
    Candidate {
        worker_id: w as i64 + 1,
        active: true,
        on_duty: true,
        skilled: true,
        within_hours: true,
        busy: !free,
        jobs_that_day: jobs_today[w],
        blocked: false,
        favourite: false,
        last_worker: false,
        tried: false,
        rating_centi: (n > 0).then(|| sum * 100 / n),
        qc_centi: None,
        not_certified: false,
        cert_centi: None,
    }
}

/// Delivers every rating that has arrived by `now` to the worker's record and the arm's sums.
fn receive(
    pending: &mut Vec<(i64, usize, usize, i64)>,
    now: i64,
    record: &mut [(i64, i64)],
    sums: &mut [Sums; 2],
) {
    pending.retain(|&(at, w, arm, stars)| {
        if at > now {
            return true;
        }
        record[w].0 += 1;
        record[w].1 += stars;
        sums[arm].add(stars);
        false
    });
}

/// A standard normal draw (Box–Muller).
fn normal(rng: &mut StdRng) -> f64 {
    let u: f64 = 1.0 - rng.random::<f64>();
    let v: f64 = rng.random();
    (-2.0 * u.ln()).sqrt() * (std::f64::consts::TAU * v).cos()
}

/// The mean of clamp(round(BASE + ability + noise), 1, 5): 5 − Σ_{k=1..4} P(rating ≤ k).
fn expected_rating(ability: f64) -> f64 {
    5.0 - (1..=4)
        .map(|k| crate::ops::simulate::ability::phi((k as f64 + 0.5 - BASE - ability) / NOISE_SD))
        .sum::<f64>()
}

/// `whiskerworks experiment-power`: both checks, printed (no database is touched).
#[derive(Debug, clap::Args)]
pub struct Args {
    /// Seeds to simulate, as FIRST-LAST.
    #[arg(long, default_value = "1-40", value_parser = parse_seeds)]
    pub seeds: RangeInclusive<u64>,
    /// Days each experiment runs, the manager looking after every one.
    #[arg(long, default_value_t = 60)]
    pub days: u32,
}

/// `FIRST-LAST`, or a single seed.
pub fn parse_seeds(s: &str) -> Result<RangeInclusive<u64>, String> {
    let (first, last) = s.split_once('-').unwrap_or((s, s));
    let parse = |x: &str| {
        x.trim()
            .parse::<u64>()
            .map_err(|_| format!("`{s}` is not FIRST-LAST"))
    };
    let (first, last) = (parse(first)?, parse(last)?);
    if first > last {
        return Err(format!("`{s}` runs backwards"));
    }
    Ok(first..=last)
}

/// Both checks over a range of seeds.
#[derive(Debug, Clone, PartialEq)]
pub struct Report {
    pub seeds: usize,
    pub days: u32,
    /// A/A seeds that declared any difference.
    pub aa_declared: usize,
    /// Score-against-random seeds whose first declaration was "score better".
    pub power_detected: usize,
    /// Median first day of those detections.
    pub median_day: Option<u32>,
    /// Mean over seeds of the realised true gain of score over random, in stars.
    pub true_gain: f64,
    /// The same for the A/A experiments (zero but for chance).
    pub aa_true_gain: f64,
}

pub fn report(seeds: RangeInclusive<u64>, days: u32) -> Report {
    let aa: Vec<History> = seeds
        .clone()
        .map(|s| history(s, Design::AA, days))
        .collect();
    let power: Vec<History> = seeds
        .map(|s| history(s, Design::ScoreVsRandom, days))
        .collect();
    let mut detected: Vec<u32> = power
        .iter()
        .filter_map(|h| match h.declared {
            Some((day, Verdict::Better)) => Some(day),
            _ => None,
        })
        .collect();
    detected.sort_unstable();
    let mean_gain =
        |hs: &[History]| hs.iter().map(|h| h.true_gain).sum::<f64>() / hs.len().max(1) as f64;
    Report {
        seeds: power.len(),
        days,
        aa_declared: aa.iter().filter(|h| h.declared.is_some()).count(),
        power_detected: detected.len(),
        median_day: detected.get(detected.len() / 2).copied(),
        true_gain: mean_gain(&power),
        aa_true_gain: mean_gain(&aa),
    }
}

impl fmt::Display for Report {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let day = self
            .median_day
            .map_or_else(|| "none".to_string(), |d| d.to_string());
        writeln!(
            f,
            "A/A (random against random): {} of {} seeds declared a difference within {} days",
            self.aa_declared, self.seeds, self.days
        )?;
        writeln!(
            f,
            "score against random: {} of {} seeds found score better within {} days (median day {day})",
            self.power_detected, self.seeds, self.days
        )?;
        writeln!(
            f,
            "true gain of score over random by the hidden abilities: {:+.3} stars (A/A: {:+.3})",
            self.true_gain, self.aa_true_gain
        )
    }
}
