//! The experiments' statistics: running sums per arm, each arm's mean and the difference
//! between arms with 95 % intervals that stay valid however often they are looked at, and the
//! verdict in words. Pure.
//!
//! # Method
//!
//! Every interval is the two-sided normal-mixture confidence sequence: the always-valid
//! interval of the mixture sequential probability ratio test (mSPRT) of Johari, Koomen,
//! Pekelis and Walsh, "Peeking at A/B Tests: Why it matters, and what to do about it"
//! (KDD 2017), which is the normal-mixture uniform boundary of Howard, Ramdas, McAuliffe and
//! Sekhon, "Time-uniform, nonparametric, nonasymptotic confidence sequences" (Annals of
//! Statistics 49(2), 2021) and the Gaussian-mixture asymptotic confidence sequence of
//! Waudby-Smith, Arbour, Sinha, Kennedy and Ramdas, "Time-uniform central limit theory and
//! asymptotic confidence sequences" (Annals of Statistics, 2024). For an estimate `θ̂` whose
//! variance is `V`, with mixing variance `τ²` and `α = 0.05`:
//!
//! ```text
//! θ̂ ± sqrt( V (V + τ²) / τ² · ( ln((V + τ²) / V) + 2 ln(1/α) ) )
//! ```
//!
//! - one arm: `θ̂` its mean, `V = s² / n`;
//! - the difference: `θ̂ = mean_T − mean_C`, `V = s²_T / n_T + s²_C / n_C`;
//!
//! where `s²` is the arm's sample variance (see [`Sums::variance`] for its floor). The chance
//! that any interval of the whole sequence, looked at after every unit, misses the truth is at
//! most 5 % (asymptotically, as the variance is estimated).
//!
//! # τ
//!
//! The mixture is tuned to be tightest when each arm holds [`PLANNED_UNITS`] units: `τ² =
//! k · V_plan`, with `V_plan` the variance the estimate would have at that size (`s² /
//! PLANNED_UNITS`, or the sum of both arms' for a difference) and `k = 2 ln(1/α) + ln(1 + 2
//! ln(1/α)) ≈ 7.94`, Howard et al.'s choice (their package `confseq`, `best_rho`). For two arms
//! of equal spread σ that is `τ ≈ 0.23 σ`: the mixture puts its weight on differences of about
//! a quarter of a standard deviation, the size of effect a matching or screening change is
//! expected to have (a quarter of a star when ratings spread by about one star). Because `τ`
//! follows the spread, the same rule serves stars, QC points, minutes and shares.
//!
//! # Correlated units
//!
//! Units (orders, applicants) are treated as independent. Each unit draws its arm on its own,
//! so the orders of one client or one worker fall into both arms alike: they cannot bias the
//! difference, and within an arm their spread is part of the sample variance. The intervals
//! are about this workforce and clientele as they are; a client or worker who stands for a
//! large share of an arm's units makes them somewhat too narrow.

/// Running sums of one metric in one arm; observations are integers (stars 1–5, QC points
/// 0–100, minutes, 0/1 for shares).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Sums {
    pub n: i64,
    pub sum: i64,
    pub sum_sq: i64,
}

impl Sums {
    pub fn add(&mut self, x: i64) {
        self.n += 1;
        self.sum += x;
        self.sum_sq += x * x;
    }

    pub fn merge(&mut self, other: &Sums) {
        self.n += other.n;
        self.sum += other.sum;
        self.sum_sq += other.sum_sq;
    }

    pub fn mean(&self) -> Option<f64> {
        (self.n > 0).then(|| self.sum as f64 / self.n as f64)
    }

    /// The sample variance, never below what integer observations can tell apart: a sample
    /// that happens to be all alike must not give an interval of zero width. Shares (every
    /// observation 0 or 1, which is exactly when `sum_sq == sum`) use `p̃ (1 − p̃)` with `p̃ =
    /// (sum + 1) / (n + 2)`, as Agresti and Coull's interval does; other metrics at least 1/12,
    /// the variance of rounding to whole units.
    pub fn variance(&self) -> Option<f64> {
        if self.n < 2 {
            return None;
        }
        let n = self.n as f64;
        if self.sum_sq == self.sum {
            let p = (self.sum as f64 + 1.0) / (n + 2.0);
            return Some(p * (1.0 - p));
        }
        let mean = self.sum as f64 / n;
        let sample = (self.sum_sq as f64 - n * mean * mean) / (n - 1.0);
        Some(sample.max(1.0 / 12.0))
    }
}

/// An estimate with its always-valid 95 % interval.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Interval {
    pub estimate: f64,
    pub low: f64,
    pub high: f64,
}

impl Interval {
    pub fn contains(&self, x: f64) -> bool {
        self.low <= x && x <= self.high
    }
}

/// Fewest units per arm before any interval is shown ("not enough data yet" below). The
/// interval rests on the mean being close to normal and on the variance being estimated
/// well; with 1–5 star ratings, skewed towards 5, thirty observations get the sample variance
/// within about a quarter of the truth and the mean's distribution close to normal. Below
/// that the mixture boundary is anyway wider than any difference a manager acts on.
pub const MIN_SAMPLE: i64 = 30;

/// Units per arm at which the intervals are tightest (see the module's note on τ): about
/// five weeks of matching at twenty orders a day, most of them rated, half in each arm.
pub const PLANNED_UNITS: f64 = 300.0;

/// The intervals' error: 5 % over the whole sequence of looks.
pub const ALPHA: f64 = 0.05;

/// `k` in `τ² = k · V_plan`: Howard et al.'s tuning for the two-sided normal mixture.
fn tuning() -> f64 {
    let l = 2.0 * (1.0 / ALPHA).ln();
    l + (1.0 + l).ln()
}

/// Half the width of the always-valid interval for an estimate of variance `v`, with the
/// mixture tuned to the variance `v_plan` the estimate would have at the planned size.
pub fn radius(v: f64, v_plan: f64, alpha: f64) -> f64 {
    let tau_sq = tuning() * v_plan;
    (v * (v + tau_sq) / tau_sq * (((v + tau_sq) / v).ln() + 2.0 * (1.0 / alpha).ln())).sqrt()
}

/// The arm's mean with its interval; `None` below [`MIN_SAMPLE`].
pub fn arm_interval(s: &Sums) -> Option<Interval> {
    if s.n < MIN_SAMPLE {
        return None;
    }
    let mean = s.mean()?;
    let var = s.variance()?;
    let r = radius(var / s.n as f64, var / PLANNED_UNITS, ALPHA);
    Some(Interval {
        estimate: mean,
        low: mean - r,
        high: mean + r,
    })
}

/// Treatment − control with its interval; `None` below [`MIN_SAMPLE`] in either arm.
pub fn difference(treatment: &Sums, control: &Sums) -> Option<Interval> {
    if treatment.n < MIN_SAMPLE || control.n < MIN_SAMPLE {
        return None;
    }
    let (vt, vc) = (treatment.variance()?, control.variance()?);
    let estimate = treatment.mean()? - control.mean()?;
    let v = vt / treatment.n as f64 + vc / control.n as f64;
    let r = radius(v, (vt + vc) / PLANNED_UNITS, ALPHA);
    Some(Interval {
        estimate,
        low: estimate - r,
        high: estimate + r,
    })
}

/// What the difference says, in the manager's terms.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Verdict {
    NotEnoughData,
    NoDifferenceYet,
    Better,
    Worse,
}

/// Better or Worse only when the interval excludes 0; which is which follows the metric's
/// direction (fewer minutes to assignment is better).
pub fn verdict(diff: Option<Interval>, higher_is_better: bool) -> Verdict {
    let Some(d) = diff else {
        return Verdict::NotEnoughData;
    };
    let up = if d.low > 0.0 {
        true
    } else if d.high < 0.0 {
        false
    } else {
        return Verdict::NoDifferenceYet;
    };
    if up == higher_is_better {
        Verdict::Better
    } else {
        Verdict::Worse
    }
}

#[cfg(test)]
mod tests;
