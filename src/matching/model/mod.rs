//! Matching rules: who is eligible for an order, and the two strategies that choose among
//! the eligible. Pure and deterministic for a seed.

use rand::SeedableRng;
use rand::rngs::StdRng;
use rand::seq::IndexedRandom;
use serde::{Deserialize, Serialize};

/// What matching knows about one worker for one order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Candidate {
    pub worker_id: i64,
    pub active: bool,
    pub on_duty: bool,
    pub skilled: bool,
    /// The slot lies inside the worker's hours for that weekday and not on a day off.
    pub within_hours: bool,
    /// Another job or an open offer overlaps the slot (travel buffer included).
    pub busy: bool,
    pub jobs_that_day: i64,
    pub blocked: bool,
    pub favourite: bool,
    /// Did the last visit of the series this order belongs to (schedule): preferred like a
    /// favourite.
    pub last_worker: bool,
    /// Declined or let expire an offer of this very order.
    pub tried: bool,
    /// Average client rating × 100, if rated.
    pub rating_centi: Option<i64>,
    /// Average quality-control score × 100, once quality control has scored the worker.
    pub qc_centi: Option<i64>,
    /// hiring: a failed or overdue re-certification for this service, not overridden.
    pub not_certified: bool,
    /// hiring: the latest screening or re-certification score for this service, on the
    /// rating's scale (0–500); none before the first certification.
    pub cert_centi: Option<i64>,
}

/// Why a worker was left out; checked in this order, the first that applies is recorded.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Exclusion {
    Inactive,
    OffDuty,
    NotSkilled,
    OutsideHours,
    Busy,
    DailyLimit,
    Blocked,
    AlreadyTried,
    // hiring
    NotCertified,
}

impl Exclusion {
    pub const ALL: [Exclusion; 9] = [
        Exclusion::Inactive,
        Exclusion::OffDuty,
        Exclusion::NotSkilled,
        Exclusion::OutsideHours,
        Exclusion::Busy,
        Exclusion::DailyLimit,
        Exclusion::Blocked,
        Exclusion::AlreadyTried,
        Exclusion::NotCertified,
    ];

    pub fn key(self) -> &'static str {
        match self {
            Exclusion::Inactive => "excl-inactive",
            Exclusion::OffDuty => "excl-off-duty",
            Exclusion::NotSkilled => "excl-not-skilled",
            Exclusion::OutsideHours => "excl-outside-hours",
            Exclusion::Busy => "excl-busy",
            Exclusion::DailyLimit => "excl-daily-limit",
            Exclusion::Blocked => "excl-blocked",
            Exclusion::AlreadyTried => "excl-already-tried",
            Exclusion::NotCertified => "excl-not-certified",
        }
    }
}

pub fn exclusion(c: &Candidate, daily_limit: i64) -> Option<Exclusion> {
    use Exclusion as E;
    let rules = [
        (!c.active, E::Inactive),
        (!c.on_duty, E::OffDuty),
        (!c.skilled, E::NotSkilled),
        (!c.within_hours, E::OutsideHours),
        (c.busy, E::Busy),
        (c.jobs_that_day >= daily_limit, E::DailyLimit),
        (c.blocked, E::Blocked),
        (c.tried, E::AlreadyTried),
        (c.not_certified, E::NotCertified),
    ];
    rules.into_iter().find(|(fails, _)| *fails).map(|(_, e)| e)
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Weights {
    pub rating: i64,
    pub qc: i64,
    pub load: i64,
    pub favourite: i64,
}

/// The admin's matching settings (one versioned row).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MatchingSettings {
    pub version: i64,
    pub strategy: String,
    pub enabled: bool,
    pub max_attempts: i64,
    pub daily_limit: i64,
    pub travel_buffer_minutes: i64,
    pub weights: Weights,
}

pub trait Matcher {
    fn name(&self) -> &'static str;
    /// Bumped whenever the code's way of choosing changes.
    fn version(&self) -> &'static str;
    /// Picks one of `eligible` (never empty); returns the choice and any scores computed.
    fn choose(&self, eligible: &[&Candidate], seed: u64) -> (i64, Vec<(i64, i64)>);
}

/// Random among the eligible: the series' last worker first, then the client's favourites.
pub struct RandomMatcher;

impl Matcher for RandomMatcher {
    fn name(&self) -> &'static str {
        "random"
    }
    fn version(&self) -> &'static str {
        "1"
    }
    fn choose(&self, eligible: &[&Candidate], seed: u64) -> (i64, Vec<(i64, i64)>) {
        let last: Vec<&&Candidate> = eligible.iter().filter(|c| c.last_worker).collect();
        let favourites: Vec<&&Candidate> = eligible.iter().filter(|c| c.favourite).collect();
        let pool: Vec<&&Candidate> = if !last.is_empty() {
            last
        } else if !favourites.is_empty() {
            favourites
        } else {
            eligible.iter().collect()
        };
        let mut rng = StdRng::seed_from_u64(seed);
        let chosen = pool.choose(&mut rng).expect("eligible is not empty");
        (chosen.worker_id, Vec::new())
    }
}

/// Highest score wins: rating and quality-control score up, the day's load down, favourites
/// up, the series' last worker up by the favourite weight again. A worker without ratings counts as average (3.00). The latest certification score for
/// the service counts with the quality-control weight (both measure professionalism). Ties go
/// to a seeded draw.
pub struct ScoreMatcher {
    pub weights: Weights,
}

/// Neutral rating or QC score (3.00 × 100) for workers not yet rated.
const NEUTRAL_CENTI: i64 = 300;

impl ScoreMatcher {
    pub fn score(&self, c: &Candidate) -> i64 {
        let w = &self.weights;
        w.rating * c.rating_centi.unwrap_or(NEUTRAL_CENTI)
            + w.qc * c.qc_centi.unwrap_or(NEUTRAL_CENTI)
            + w.qc * c.cert_centi.unwrap_or(NEUTRAL_CENTI)
            - w.load * c.jobs_that_day * 100
            + if c.favourite { w.favourite * 100 } else { 0 }
            + if c.last_worker { w.favourite * 100 } else { 0 }
    }
}

impl Matcher for ScoreMatcher {
    fn name(&self) -> &'static str {
        "score"
    }
    fn version(&self) -> &'static str {
        "1"
    }
    fn choose(&self, eligible: &[&Candidate], seed: u64) -> (i64, Vec<(i64, i64)>) {
        let scores: Vec<(i64, i64)> = eligible
            .iter()
            .map(|c| (c.worker_id, self.score(c)))
            .collect();
        let best = scores
            .iter()
            .map(|(_, s)| *s)
            .max()
            .expect("eligible is not empty");
        let top: Vec<i64> = scores
            .iter()
            .filter(|(_, s)| *s == best)
            .map(|(id, _)| *id)
            .collect();
        let mut rng = StdRng::seed_from_u64(seed);
        (
            *top.choose(&mut rng)
                .expect("at least one has the best score"),
            scores,
        )
    }
}

pub fn matcher(settings: &MatchingSettings) -> Box<dyn Matcher> {
    match settings.strategy.as_str() {
        "score" => Box::new(ScoreMatcher {
            weights: settings.weights,
        }),
        _ => Box::new(RandomMatcher),
    }
}

/// One worker as the decision saw them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Considered {
    pub worker_id: i64,
    pub excluded: Option<Exclusion>,
    pub score: Option<i64>,
    /// What the strategies read about an eligible worker, so the decision can be replayed;
    /// none for the left out and in records made before facts were kept.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub facts: Option<Facts>,
}

/// The facts of a candidate that a strategy weighs (eligibility aside).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Facts {
    pub favourite: bool,
    /// Absent from decisions recorded before series existed.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub last_worker: bool,
    pub jobs_that_day: i64,
    pub rating_centi: Option<i64>,
    pub qc_centi: Option<i64>,
    pub cert_centi: Option<i64>,
}

impl Facts {
    pub fn of(c: &Candidate) -> Facts {
        Facts {
            favourite: c.favourite,
            last_worker: c.last_worker,
            jobs_that_day: c.jobs_that_day,
            rating_centi: c.rating_centi,
            qc_centi: c.qc_centi,
            cert_centi: c.cert_centi,
        }
    }

    /// An eligible candidate with these facts, as a strategy sees them again.
    pub fn candidate(&self, worker_id: i64) -> Candidate {
        Candidate {
            worker_id,
            active: true,
            on_duty: true,
            skilled: true,
            within_hours: true,
            busy: false,
            jobs_that_day: self.jobs_that_day,
            blocked: false,
            favourite: self.favourite,
            last_worker: self.last_worker,
            tried: false,
            rating_centi: self.rating_centi,
            qc_centi: self.qc_centi,
            not_certified: false,
            cert_centi: self.cert_centi,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Decision {
    pub strategy: &'static str,
    pub version: String,
    pub seed: u64,
    pub considered: Vec<Considered>,
    pub chosen: Option<i64>,
    /// The score weights in force, recorded so a score decision can be replayed; none for
    /// volunteers.
    pub weights: Option<Weights>,
}

/// Applies the eligibility rules, then the configured strategy.
pub fn decide(candidates: &[Candidate], settings: &MatchingSettings, seed: u64) -> Decision {
    let m = matcher(settings);
    let mut considered: Vec<Considered> = candidates
        .iter()
        .map(|c| {
            let excluded = exclusion(c, settings.daily_limit);
            Considered {
                worker_id: c.worker_id,
                excluded,
                score: None,
                facts: excluded.is_none().then(|| Facts::of(c)),
            }
        })
        .collect();
    let eligible: Vec<&Candidate> = candidates
        .iter()
        .zip(&considered)
        .filter(|(_, k)| k.excluded.is_none())
        .map(|(c, _)| c)
        .collect();
    let chosen = if eligible.is_empty() {
        None
    } else {
        let (chosen, scores) = m.choose(&eligible, seed);
        for (id, score) in scores {
            if let Some(k) = considered.iter_mut().find(|k| k.worker_id == id) {
                k.score = Some(score);
            }
        }
        Some(chosen)
    };
    Decision {
        strategy: m.name(),
        version: format!("{}/settings-{}", m.version(), settings.version),
        seed,
        considered,
        chosen,
        weights: Some(settings.weights),
    }
}

pub mod replay;

#[cfg(test)]
mod tests;
