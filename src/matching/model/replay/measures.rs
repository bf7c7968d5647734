//! What a replay's choices are worth: how evenly they share the work, and the client
//! rating and QC score to expect of the chosen workers from each worker's record, each with
//! a 95 % interval.

use std::collections::HashMap;

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

impl Default for Spread {
    fn default() -> Self {
        Spread {
            top_fifth_share: 0.0,
            gini: 0.0,
            cv: 0.0,
        }
    }
}

pub(super) fn spread(jobs: &[usize]) -> Spread {
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
/// The widest a 1–5 measure can vary ((5 − 1)² / 4), used while nothing better is known.
const WORST_VARIANCE: f64 = 4.0;
/// The least spread of true means assumed between workers (a tenth of a star, squared):
/// with none, a long record could not tell a worker from the crowd.
const LEAST_BETWEEN: f64 = 0.01;

/// What the records say about one measure, as a normal–normal empirical Bayes model: each
/// worker's true mean is drawn around the crowd's, and their observations around it.
///
/// Shrinking matters because the records are not a fair sample: a strategy that prefers
/// well-rated workers stops choosing one after an unlucky first rating, so the short records
/// are the unlucky ones. Taken at face value they would make the workers a replay moves work
/// to look worse than they are.
struct Known {
    records: HashMap<i64, Tally>,
    /// The crowd's mean (of the workers' means) and that mean's variance.
    crowd: f64,
    crowd_var: f64,
    /// The spread of one observation around its worker's mean, pooled over workers.
    within: f64,
    /// How many observations the crowd's mean weighs as (within / between).
    prior_n: f64,
}

impl Known {
    /// The worker's shrunk mean, the variance of it, and the weight of the crowd in it.
    fn worker(&self, w: i64) -> (f64, f64, f64) {
        let t = self.records.get(&w).copied().unwrap_or_default();
        let n = t.n as f64;
        let crowd_weight = self.prior_n / (n + self.prior_n);
        let mean = if t.n > 0 { t.mean() } else { self.crowd };
        (
            (1.0 - crowd_weight) * mean + crowd_weight * self.crowd,
            self.within / (n + self.prior_n),
            crowd_weight,
        )
    }
}

fn known(records: &HashMap<i64, WorkerRecord>, pick: fn(&WorkerRecord) -> Tally) -> Option<Known> {
    let tallies: HashMap<i64, Tally> = records
        .iter()
        .map(|(&w, r)| (w, pick(r)))
        .filter(|(_, t)| t.n > 0)
        .collect();
    if tallies.is_empty() {
        return None;
    }
    let dof: f64 = tallies.values().map(|t| (t.n - 1) as f64).sum();
    let within = if dof > 0.0 {
        tallies
            .values()
            .map(|t| t.variance() * (t.n - 1) as f64)
            .sum::<f64>()
            / dof
    } else {
        WORST_VARIANCE
    };
    let k = tallies.len() as f64;
    let crowd = tallies.values().map(Tally::mean).sum::<f64>() / k;
    let (spread_of_means, between) = if tallies.len() > 1 {
        let spread = tallies
            .values()
            .map(|t| (t.mean() - crowd).powi(2))
            .sum::<f64>()
            / (k - 1.0);
        // The means spread by their noise too; what is left is the workers' own spread.
        let noise = tallies.values().map(|t| within / t.n as f64).sum::<f64>() / k;
        (spread, (spread - noise).max(LEAST_BETWEEN))
    } else {
        (WORST_VARIANCE, WORST_VARIANCE)
    };
    Some(Known {
        records: tallies,
        crowd,
        crowd_var: spread_of_means / k,
        within,
        prior_n: within / between,
    })
}

/// The mean over decisions of the chosen workers' estimated means, as a sum over workers
/// weighted by their share of the decisions. Workers' own deviations are independent, so
/// their variances add with squared shares; the crowd's mean is shared by all, so its
/// variance counts once with the summed crowd weight.
fn combine(shares: &HashMap<i64, f64>, k: &Known) -> (f64, f64) {
    let (mut value, mut own, mut crowd) = (0.0, 0.0, 0.0);
    for (&w, &share) in shares {
        let (m, v, crowd_weight) = k.worker(w);
        value += share * m;
        own += share * share * v;
        crowd += share * crowd_weight;
    }
    (value, own + crowd * crowd * k.crowd_var)
}

fn interval(value: f64, var: f64, lo: f64, hi: f64) -> Estimate {
    let half = Z95 * var.sqrt();
    Estimate {
        value,
        low: (value - half).max(lo),
        high: (value + half).min(hi),
    }
}

pub(super) fn outcome(
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
            .filter(|p| !k.records.contains_key(&side(p)))
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
