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
    MadeBy,
    From,
    To,
    Backwards,
    Weights,
}

impl InputError {
    pub fn key(self) -> &'static str {
        match self {
            // The page offers no such filter; a bad one reads as a bad strategy there.
            InputError::Strategy | InputError::MadeBy => "replay-bad-strategy",
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
            InputError::MadeBy => "--made-by must be `random` or `score`",
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

/// A replay asked for: the strategy, the days (inclusive, in the business time zone; blank
/// for the defaults), weights given for the occasion, and optionally only the decisions one
/// strategy made (an experiment's arm: what the other arm's strategy would have done there).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Request {
    pub strategy: Strategy,
    pub from: Option<NaiveDate>,
    pub to: Option<NaiveDate>,
    pub weights: Option<Weights>,
    pub made_by: Option<Strategy>,
}

impl Request {
    pub fn parse(
        strategy: &str,
        from: &str,
        to: &str,
        weights: &str,
    ) -> Result<Request, InputError> {
        let r = Request {
            strategy: Strategy::parse(strategy)?,
            from: parse_day(from, InputError::From)?,
            to: parse_day(to, InputError::To)?,
            weights: parse_weights(weights)?,
            made_by: None,
        };
        match (r.from, r.to) {
            (Some(f), Some(t)) if f > t => Err(InputError::Backwards),
            _ => Ok(r),
        }
    }

    /// Replays only the decisions `strategy` made.
    pub fn made_by(self, strategy: Strategy) -> Request {
        Request {
            made_by: Some(strategy),
            ..self
        }
    }

    /// Replays only the decisions of the strategy named in `text` (blank: every decision).
    pub fn made_by_named(self, text: &str) -> Result<Request, InputError> {
        match text.trim() {
            "" => Ok(self),
            s => Strategy::parse(s)
                .map(|s| self.made_by(s))
                .map_err(|_| InputError::MadeBy),
        }
    }

    /// Whether a recorded decision is among those asked for.
    pub fn includes(&self, d: &Recorded) -> bool {
        self.made_by.is_none_or(|s| d.strategy == s.name())
    }

    /// The days replayed: as asked, else the 30 days up to `today`.
    pub fn days(&self, today: NaiveDate) -> (NaiveDate, NaiveDate) {
        let to = self.to.unwrap_or(today);
        let from = self
            .from
            .unwrap_or(to - chrono::Duration::days(DEFAULT_DAYS - 1));
        (from.min(to), to)
    }
}

/// Days replayed when none are given.
pub const DEFAULT_DAYS: i64 = 30;

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

#[derive(Debug, Clone, PartialEq)]
pub struct WorkerLoad {
    pub worker_id: i64,
    pub before: usize,
    pub after: usize,
}

/// One replayed decision where someone was chosen both then and now: the pairs the
/// estimates are over, kept so an estimate can be checked against a known truth.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Choice {
    pub before: i64,
    pub after: i64,
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
    /// In the order of the decisions.
    pub choices: Vec<Choice>,
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
        choices: Vec::new(),
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
    report.choices = pairs
        .into_iter()
        .map(|(before, after)| Choice { before, after })
        .collect();
    report
}

mod measures;

pub use measures::{Estimate, Outcome, Spread, Tally, WorkerRecord};
use measures::{outcome, spread};

#[cfg(test)]
mod coverage;
#[cfg(test)]
mod tests;
