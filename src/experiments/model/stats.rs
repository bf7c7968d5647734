//! Placeholder statistics until the always-valid intervals land (same API).

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
    fn var_of_mean(&self) -> f64 {
        let n = self.n as f64;
        let m = self.sum as f64 / n;
        ((self.sum_sq as f64 / n - m * m).max(0.0) * n / (n - 1.0)) / n
    }
}

#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Interval {
    pub estimate: f64,
    pub low: f64,
    pub high: f64,
}

pub const MIN_SAMPLE: i64 = 30;

pub fn arm_interval(s: &Sums) -> Option<Interval> {
    let m = s.mean().filter(|_| s.n >= MIN_SAMPLE)?;
    let r = 3.0 * s.var_of_mean().sqrt();
    Some(Interval {
        estimate: m,
        low: m - r,
        high: m + r,
    })
}

pub fn difference(treatment: &Sums, control: &Sums) -> Option<Interval> {
    if treatment.n < MIN_SAMPLE || control.n < MIN_SAMPLE {
        return None;
    }
    let d = treatment.mean()? - control.mean()?;
    let r = 3.0 * (treatment.var_of_mean() + control.var_of_mean()).sqrt();
    Some(Interval {
        estimate: d,
        low: d - r,
        high: d + r,
    })
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Verdict {
    NotEnoughData,
    NoDifferenceYet,
    Better,
    Worse,
}

pub fn verdict(diff: Option<Interval>, higher_is_better: bool) -> Verdict {
    match diff {
        None => Verdict::NotEnoughData,
        Some(i) if i.low > 0.0 => {
            if higher_is_better {
                Verdict::Better
            } else {
                Verdict::Worse
            }
        }
        Some(i) if i.high < 0.0 => {
            if higher_is_better {
                Verdict::Worse
            } else {
                Verdict::Better
            }
        }
        Some(_) => Verdict::NoDifferenceYet,
    }
}
