//! Replay: recorded matching decisions re-decided with a strategy over the very workers each
//! decision found eligible, and what would have changed: who gets work, how evenly, and the
//! client rating and QC score to expect from the chosen workers' records. Pure: given the
//! decision records and the workers' records, a report.

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::fmt;

use chrono::NaiveDate;

use super::{Candidate, Considered, Matcher, RandomMatcher, ScoreMatcher, Weights};

/// The strategies a decision can be replayed with.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Strategy {
    Random,
    Score,
}

impl Strategy {
    pub fn name(self) -> &'static str {
        match self {
            Strategy::Random => "random",
            Strategy::Score => "score",
        }
    }

    pub fn parse(s: &str) -> Result<Strategy, InputError> {
        match s.trim() {
            "random" => Ok(Strategy::Random),
            "score" => Ok(Strategy::Score),
            _ => Err(InputError::Strategy),
        }
    }
}

/// Why a replay request is refused, for the command line (English) and the page (a key).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum InputError {
    Strategy,
    From,
    To,
    Backwards,
    Weights,
}

impl InputError {
    pub fn key(self) -> &'static str {
        match self {
            InputError::Strategy => "replay-bad-strategy",
            InputError::From => "replay-bad-from",
            InputError::To => "replay-bad-to",
            InputError::Backwards => "replay-backwards",
            InputError::Weights => "replay-bad-weights",
        }
    }
}

impl fmt::Display for InputError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            InputError::Strategy => "--strategy must be `random` or `score`",
            InputError::From => "--from must be a date written YYYY-MM-DD",
            InputError::To => "--to must be a date written YYYY-MM-DD",
            InputError::Backwards => "--from must not be after --to",
            InputError::Weights => {
                "--weights must be four whole numbers from 0 to 1000: rating,qc,load,favourite"
            }
        })
    }
}

impl std::error::Error for InputError {}

/// A day written YYYY-MM-DD; blank means not given.
pub fn parse_day(s: &str, bad: InputError) -> Result<Option<NaiveDate>, InputError> {
    let s = s.trim();
    if s.is_empty() {
        return Ok(None);
    }
    NaiveDate::parse_from_str(s, "%Y-%m-%d")
        .map(Some)
        .map_err(|_| bad)
}

/// Score weights written `rating,qc,load,favourite`; blank means not given.
pub fn parse_weights(s: &str) -> Result<Option<Weights>, InputError> {
    if s.trim().is_empty() {
        return Ok(None);
    }
    let n: Vec<i64> = s
        .split(',')
        .map(|p| {
            p.trim()
                .parse::<i64>()
                .ok()
                .filter(|n| (0..=1000).contains(n))
        })
        .collect::<Option<_>>()
        .ok_or(InputError::Weights)?;
    match n[..] {
        [rating, qc, load, favourite] => Ok(Some(Weights {
            rating,
            qc,
            load,
            favourite,
        })),
        _ => Err(InputError::Weights),
    }
}

/// A recorded decision as replay reads it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Recorded {
    pub strategy: String,
    pub seed: u64,
    pub weights: Option<Weights>,
    pub considered: Vec<Considered>,
    pub chosen: Option<i64>,
}

/// What to replay with: the strategy, weights given for the occasion (else a score decision
/// keeps its own and any other decision takes the live ones).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Replay {
    pub strategy: Strategy,
    pub weights: Option<Weights>,
    pub live: Weights,
}

/// The eligible workers of a decision rebuilt from its record, in the order it saw them;
/// none when a fact a strategy reads was not recorded.
fn eligible(d: &Recorded) -> Option<Vec<Candidate>> {
    d.considered
        .iter()
        .filter(|c| c.excluded.is_none())
        .map(|c| c.facts.map(|f| f.candidate(c.worker_id)))
        .collect()
}

/// Why a recorded decision cannot be re-decided.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Skip {
    /// A volunteer took the order from the board: no strategy chose.
    Volunteer,
    /// Recorded before the facts (or the score weights) were kept.
    NoFacts,
}

/// The worker `r` would choose for the decision (none when nobody was eligible).
pub fn redecide(d: &Recorded, r: &Replay) -> Result<Option<i64>, Skip> {
    if !matches!(d.strategy.as_str(), "random" | "score") {
        return Err(Skip::Volunteer);
    }
    let candidates = eligible(d).ok_or(Skip::NoFacts)?;
    // Facts and weights are recorded together, so a record with facts has its weights.
    let weights = match (r.weights, d.strategy == r.strategy.name()) {
        (Some(w), _) => w,
        (None, true) => d.weights.unwrap_or(r.live),
        (None, false) => r.live,
    };
    if candidates.is_empty() {
        return Ok(None);
    }
    let eligible: Vec<&Candidate> = candidates.iter().collect();
    let matcher: Box<dyn Matcher> = match r.strategy {
        Strategy::Random => Box::new(RandomMatcher),
        Strategy::Score => Box::new(ScoreMatcher { weights }),
    };
    Ok(Some(matcher.choose(&eligible, d.seed).0))
}

/// A worker's observations of one measure (client ratings or QC scores, 1–5).
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct Tally {
    pub n: i64,
    pub sum: f64,
    pub sum_sq: f64,
}

impl Tally {
    pub fn add(&mut self, x: f64) {
        self.n += 1;
        self.sum += x;
        self.sum_sq += x * x;
    }

    fn mean(&self) -> f64 {
        self.sum / self.n as f64
    }

    /// The sample variance (n − 1 in the denominator); zero below two observations.
    fn variance(&self) -> f64 {
        if self.n < 2 {
            return 0.0;
        }
        let n = self.n as f64;
        ((self.sum_sq - self.sum * self.sum / n) / (n - 1.0)).max(0.0)
    }
}

/// A worker's record at the end of the window.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct WorkerRecord {
    pub rating: Tally,
    pub qc: Tally,
}

/// An estimate with its 95 % interval.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Estimate {
    pub value: f64,
    pub low: f64,
    pub high: f64,
}

/// A measure before (as recorded) and after (as replayed), and the change.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Outcome {
    pub before: Estimate,
    pub after: Estimate,
    pub change: Estimate,
    /// Decisions whose chosen worker had no observation of the measure, before and after.
    pub unknown_before: usize,
    pub unknown_after: usize,
}

/// How evenly the work is shared among the workers eligible at least once.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Spread {
    /// Share of the jobs taken by the busiest fifth of the workers (rounded up).
    pub top_fifth_share: f64,
    pub gini: f64,
    /// Standard deviation over mean of the jobs per worker.
    pub cv: f64,
}

#[derive(Debug, Clone, PartialEq)]
pub struct WorkerLoad {
    pub worker_id: i64,
    pub before: usize,
    pub after: usize,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Report {
    pub strategy: Strategy,
    pub decisions: usize,
    pub replayed: usize,
    pub volunteered: usize,
    pub not_replayable: usize,
    /// Replayed decisions where nobody was eligible (nobody then, nobody now).
    pub nobody_eligible: usize,
    pub changed: usize,
    /// Busiest first (after the replay), then by id.
    pub workers: Vec<WorkerLoad>,
    pub spread_before: Spread,
    pub spread_after: Spread,
    /// None when no worker in the pool has a single observation of the measure.
    pub rating: Option<Outcome>,
    pub qc: Option<Outcome>,
}

/// Re-decides every decision and sums up what changes.
pub fn replay(decisions: &[Recorded], records: &HashMap<i64, WorkerRecord>, r: &Replay) -> Report {
    let mut report = Report {
        strategy: r.strategy,
        decisions: decisions.len(),
        replayed: 0,
        volunteered: 0,
        not_replayable: 0,
        nobody_eligible: 0,
        changed: 0,
        workers: Vec::new(),
        spread_before: Spread::default(),
        spread_after: Spread::default(),
        rating: None,
        qc: None,
    };
    let mut pairs: Vec<(i64, i64)> = Vec::new();
    let mut pool: BTreeSet<i64> = BTreeSet::new();
    for d in decisions {
        match redecide(d, r) {
            Err(Skip::Volunteer) => report.volunteered += 1,
            Err(Skip::NoFacts) => report.not_replayable += 1,
            Ok(after) => {
                report.replayed += 1;
                pool.extend(
                    d.considered
                        .iter()
                        .filter(|c| c.excluded.is_none())
                        .map(|c| c.worker_id),
                );
                if after != d.chosen {
                    report.changed += 1;
                }
                match (d.chosen, after) {
                    (Some(b), Some(a)) => pairs.push((b, a)),
                    _ => report.nobody_eligible += 1,
                }
            }
        }
    }
    let mut loads: BTreeMap<i64, (usize, usize)> = pool.iter().map(|&w| (w, (0, 0))).collect();
    for &(b, a) in &pairs {
        loads.entry(b).or_default().0 += 1;
        loads.entry(a).or_default().1 += 1;
    }
    let before: Vec<usize> = loads.values().map(|l| l.0).collect();
    let after: Vec<usize> = loads.values().map(|l| l.1).collect();
    report.spread_before = spread(&before);
    report.spread_after = spread(&after);
    report.workers = loads
        .into_iter()
        .map(|(worker_id, (before, after))| WorkerLoad {
            worker_id,
            before,
            after,
        })
        .collect();
    report
        .workers
        .sort_by(|x, y| y.after.cmp(&x.after).then(x.worker_id.cmp(&y.worker_id)));
    report.rating = outcome(&pairs, records, |w| w.rating);
    report.qc = outcome(&pairs, records, |w| w.qc);
    report
}

impl Default for Spread {
    fn default() -> Self {
        Spread {
            top_fifth_share: 0.0,
            gini: 0.0,
            cv: 0.0,
        }
    }
}

fn spread(jobs: &[usize]) -> Spread {
    let total: usize = jobs.iter().sum();
    if total == 0 {
        return Spread::default();
    }
    let mut sorted: Vec<f64> = jobs.iter().map(|&j| j as f64).collect();
    sorted.sort_by(|a, b| b.total_cmp(a));
    let n = sorted.len() as f64;
    let sum = total as f64;
    let top: f64 = sorted.iter().take(sorted.len().div_ceil(5)).sum();
    // Gini from the ranks: with x ascending, G = 2 Σ i·x_i / (n Σx) − (n + 1) / n.
    let ranked: f64 = sorted
        .iter()
        .rev()
        .enumerate()
        .map(|(i, x)| (i as f64 + 1.0) * x)
        .sum();
    let mean = sum / n;
    let var = sorted.iter().map(|x| (x - mean).powi(2)).sum::<f64>() / n;
    Spread {
        top_fifth_share: top / sum,
        gini: 2.0 * ranked / (n * sum) - (n + 1.0) / n,
        cv: var.sqrt() / mean,
    }
}

/// z for a two-sided 95 % interval.
const Z95: f64 = 1.959_964;
/// Pseudo-observations of the pooled spread added to each worker's own: two equal ratings
/// must not make a worker's mean look exactly known.
const PRIOR_WEIGHT: f64 = 2.0;
/// The widest a 1–5 measure can vary ((5 − 1)² / 4), used while nothing better is known.
const WORST_VARIANCE: f64 = 4.0;

/// Each worker's estimated mean and the variance of that estimate, for one measure.
struct Known {
    by_worker: HashMap<i64, (f64, f64)>,
    /// A worker with no observation: the mean of the workers' means, and their spread.
    unknown: (f64, f64),
}

fn known(records: &HashMap<i64, WorkerRecord>, pick: fn(&WorkerRecord) -> Tally) -> Option<Known> {
    let tallies: Vec<(i64, Tally)> = records
        .iter()
        .map(|(&w, r)| (w, pick(r)))
        .filter(|(_, t)| t.n > 0)
        .collect();
    if tallies.is_empty() {
        return None;
    }
    let dof: f64 = tallies.iter().map(|(_, t)| (t.n - 1) as f64).sum();
    let pooled = if dof > 0.0 {
        tallies
            .iter()
            .map(|(_, t)| t.variance() * (t.n - 1) as f64)
            .sum::<f64>()
            / dof
    } else {
        WORST_VARIANCE
    };
    let by_worker: HashMap<i64, (f64, f64)> = tallies
        .iter()
        .map(|&(w, t)| {
            let n = t.n as f64;
            let var = ((n - 1.0) * t.variance() + PRIOR_WEIGHT * pooled) / (n - 1.0 + PRIOR_WEIGHT);
            (w, (t.mean(), var / n))
        })
        .collect();
    let means: Vec<f64> = by_worker.values().map(|m| m.0).collect();
    let grand = means.iter().sum::<f64>() / means.len() as f64;
    let between = if means.len() > 1 {
        means.iter().map(|m| (m - grand).powi(2)).sum::<f64>() / (means.len() - 1) as f64
    } else {
        WORST_VARIANCE
    };
    Some(Known {
        by_worker,
        unknown: (grand, between),
    })
}

/// The mean over decisions of the chosen workers' estimated means, as a sum over workers
/// weighted by their share of the decisions; workers' estimates are independent, so the
/// variance is the sum of squared shares times each estimate's variance.
fn combine(shares: &HashMap<i64, f64>, k: &Known) -> (f64, f64) {
    let mut value = 0.0;
    let mut var = 0.0;
    for (w, &share) in shares {
        let (m, v) = k.by_worker.get(w).copied().unwrap_or(k.unknown);
        value += share * m;
        var += share * share * v;
    }
    (value, var)
}

fn interval(value: f64, var: f64, lo: f64, hi: f64) -> Estimate {
    let half = Z95 * var.sqrt();
    Estimate {
        value,
        low: (value - half).max(lo),
        high: (value + half).min(hi),
    }
}

fn outcome(
    pairs: &[(i64, i64)],
    records: &HashMap<i64, WorkerRecord>,
    pick: fn(&WorkerRecord) -> Tally,
) -> Option<Outcome> {
    let k = known(records, pick)?;
    if pairs.is_empty() {
        return None;
    }
    let n = pairs.len() as f64;
    let mut before: HashMap<i64, f64> = HashMap::new();
    let mut after: HashMap<i64, f64> = HashMap::new();
    let mut change: HashMap<i64, f64> = HashMap::new();
    for &(b, a) in pairs {
        *before.entry(b).or_default() += 1.0 / n;
        *after.entry(a).or_default() += 1.0 / n;
        *change.entry(a).or_default() += 1.0 / n;
        *change.entry(b).or_default() -= 1.0 / n;
    }
    let (bv, bvar) = combine(&before, &k);
    let (av, avar) = combine(&after, &k);
    let (cv, cvar) = combine(&change, &k);
    let unknown = |side: fn(&(i64, i64)) -> i64| {
        pairs
            .iter()
            .filter(|p| !k.by_worker.contains_key(&side(p)))
            .count()
    };
    Some(Outcome {
        before: interval(bv, bvar, 1.0, 5.0),
        after: interval(av, avar, 1.0, 5.0),
        change: interval(cv, cvar, -4.0, 4.0),
        unknown_before: unknown(|p| p.0),
        unknown_after: unknown(|p| p.1),
    })
}

#[cfg(test)]
mod tests;
