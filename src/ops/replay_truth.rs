//! Replay measured against the simulation's hidden truth: a simulated history with its
//! matching experiment (random against score), each arm's decisions replayed with its own
//! strategy (every decision must come out the same) and with the other arm's (its stated
//! interval for the chosen workers' expected rating and QC score is compared with what their
//! hidden abilities make them worth).

use std::collections::BTreeMap;
use std::fmt;
use std::path::Path;

use anyhow::{Context, anyhow};
use chrono::Duration;

use crate::calendar::day_start;
use crate::config::Settings;
use crate::matching::model::replay::{Estimate, Outcome, Report, Request, Strategy};
use crate::matching::service::replay::run;
use crate::ops::simulate::{self, ability};

const STRATEGIES: [Strategy; 2] = [Strategy::Random, Strategy::Score];

/// One arm's decisions replayed with the strategy that made them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Reproduced {
    pub strategy: Strategy,
    pub replayed: usize,
    pub changed: usize,
    pub not_replayable: usize,
}

/// A stated interval and the truth it is meant to hold.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Check {
    pub estimate: Estimate,
    pub truth: f64,
}

impl Check {
    pub fn covers(&self) -> bool {
        self.estimate.low <= self.truth && self.truth <= self.estimate.high
    }
}

/// One arm's decisions replayed with the other arm's strategy.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Crossed {
    pub made_by: Strategy,
    pub replayed_with: Strategy,
    /// Decisions the estimates are over (someone chosen then and now).
    pub decisions: usize,
    pub rating: Option<Check>,
    pub qc: Option<Check>,
}

/// Everything measured on one simulated history.
#[derive(Debug, Clone, PartialEq)]
pub struct Measured {
    pub seed: u64,
    pub days: u32,
    pub same: Vec<Reproduced>,
    pub crossed: Vec<Crossed>,
}

impl Measured {
    /// Decisions the strategy that made them would now make differently, or cannot re-decide.
    pub fn not_reproduced(&self) -> usize {
        self.same.iter().map(|s| s.changed + s.not_replayable).sum()
    }
}

/// The mean over the replay's choices of what the chosen worker is truly worth.
fn truth(
    report: &Report,
    abilities: &BTreeMap<i64, f64>,
    worth: fn(f64) -> f64,
) -> anyhow::Result<f64> {
    let mut sum = 0.0;
    for c in &report.choices {
        let a = abilities
            .get(&c.after)
            .ok_or_else(|| anyhow!("worker {} has no hidden ability", c.after))?;
        sum += worth(*a);
    }
    Ok(sum / report.choices.len() as f64)
}

fn check(
    o: Option<&Outcome>,
    report: &Report,
    abilities: &BTreeMap<i64, f64>,
    worth: fn(f64) -> f64,
) -> anyhow::Result<Option<Check>> {
    let Some(o) = o else { return Ok(None) };
    Ok(Some(Check {
        estimate: o.after,
        truth: truth(report, abilities, worth)?,
    }))
}

/// Simulates `days` days for `seed` into the empty folder `dir` and measures its replays.
pub fn measure(dir: &Path, days: u32, seed: u64) -> anyhow::Result<Measured> {
    let settings = Settings::defaults(dir);
    let tz = settings.time_zone;
    let summary = simulate::run(settings, days, seed).context("simulation")?;
    let conn = rusqlite::Connection::open(crate::db::db_path(dir))?;
    // The whole run, with every record it left (a job done on the last day is rated after it).
    let from = simulate::first_day();
    let to = from + Duration::days(i64::from(days) + 1);
    let now = day_start(tz, to + Duration::days(1));
    let replay = |made_by: Strategy, with: Strategy| {
        let request = Request {
            strategy: with,
            from: Some(from),
            to: Some(to),
            weights: None,
            made_by: None,
        }
        .made_by(made_by);
        run(&conn, tz, now, &request).map(|r| r.report)
    };
    let mut measured = Measured {
        seed,
        days,
        same: Vec::new(),
        crossed: Vec::new(),
    };
    for made_by in STRATEGIES {
        let r = replay(made_by, made_by)?;
        measured.same.push(Reproduced {
            strategy: made_by,
            replayed: r.replayed,
            changed: r.changed,
            not_replayable: r.not_replayable,
        });
    }
    for [made_by, with] in [STRATEGIES, [STRATEGIES[1], STRATEGIES[0]]] {
        let r = replay(made_by, with)?;
        measured.crossed.push(Crossed {
            made_by,
            replayed_with: with,
            decisions: r.choices.len(),
            rating: check(
                r.rating.as_ref(),
                &r,
                &summary.abilities,
                ability::expected_rating,
            )?,
            qc: check(r.qc.as_ref(), &r, &summary.abilities, ability::expected_qc)?,
        });
    }
    Ok(measured)
}

fn check_text(c: Option<&Check>) -> String {
    match c {
        None => "no estimate".into(),
        Some(c) => format!(
            "{:.2} ({:.2}-{:.2}) truth {:.2} {}",
            c.estimate.value,
            c.estimate.low,
            c.estimate.high,
            c.truth,
            if c.covers() { "covered" } else { "MISSED" }
        ),
    }
}

impl fmt::Display for Measured {
    /// One line for the seed.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "seed {:>2}:", self.seed)?;
        for s in &self.same {
            write!(
                f,
                " {} replayed {} changed {} unreplayable {};",
                s.strategy.name(),
                s.replayed,
                s.changed,
                s.not_replayable
            )?;
        }
        for c in &self.crossed {
            write!(
                f,
                " {}->{} n={} rating {} qc {};",
                c.made_by.name(),
                c.replayed_with.name(),
                c.decisions,
                check_text(c.rating.as_ref()),
                check_text(c.qc.as_ref())
            )?;
        }
        Ok(())
    }
}

/// Seeds over which the stated intervals held the truth, per direction and measure.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Coverage {
    pub seeds: usize,
    pub not_reproduced: usize,
    pub reproduced: usize,
    /// (made by, replayed with, seeds covered for rating, for QC, seeds with a QC estimate).
    pub crossed: Vec<(Strategy, Strategy, usize, usize, usize)>,
}

impl Coverage {
    pub fn add(&mut self, m: &Measured) {
        self.seeds += 1;
        self.not_reproduced += m.not_reproduced();
        self.reproduced += m.same.iter().map(|s| s.replayed - s.changed).sum::<usize>();
        for c in &m.crossed {
            let i = match self
                .crossed
                .iter()
                .position(|x| (x.0, x.1) == (c.made_by, c.replayed_with))
            {
                Some(i) => i,
                None => {
                    self.crossed.push((c.made_by, c.replayed_with, 0, 0, 0));
                    self.crossed.len() - 1
                }
            };
            let x = &mut self.crossed[i];
            x.2 += usize::from(c.rating.is_some_and(|r| r.covers()));
            x.3 += usize::from(c.qc.is_some_and(|r| r.covers()));
            x.4 += usize::from(c.qc.is_some());
        }
    }

    /// The fewest seeds covered for the rating in either direction.
    pub fn rating_covered(&self) -> usize {
        self.crossed.iter().map(|x| x.2).min().unwrap_or(0)
    }
}

impl fmt::Display for Coverage {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(
            f,
            "same strategy: {} decisions reproduced, {} changed or not replayable",
            self.reproduced, self.not_reproduced
        )?;
        for (made_by, with, rating, qc, qc_seeds) in &self.crossed {
            writeln!(
                f,
                "{} decisions replayed with {}: rating interval covered the truth in {rating}/{}, QC in {qc}/{qc_seeds}",
                made_by.name(),
                with.name(),
                self.seeds
            )?;
        }
        Ok(())
    }
}
