//! The experiments' rules: what an experiment compares (its decision, arms and metrics), what
//! a new one must satisfy, and each unit's outcome as metric values. Pure.

pub mod outcomes;
pub mod stats;

crate::status_enum! {
    /// Which decision an experiment varies; its units are orders or applicants.
    pub enum DecisionKind {
        Matching = "matching" => "experiment-decision-matching",
        Screening = "screening" => "experiment-decision-screening",
    }
}

crate::status_enum! {
    /// Where an experiment stands: drafts change freely, running ones assign units, stopped
    /// ones are history.
    pub enum ExperimentStatus {
        Draft = "draft" => "experiment-status-draft",
        Running = "running" => "experiment-status-running",
        Stopped = "stopped" => "experiment-status-stopped",
    }
}

crate::status_enum! {
    /// What is measured per unit. Matching's are per order, screening's per applicant (hire
    /// rate) or per hire (the rest).
    pub enum Metric {
        ClientRating = "client_rating" => "metric-client-rating",
        QcScore = "qc_score" => "metric-qc-score",
        MinutesToAssign = "minutes_to_assign" => "metric-minutes-to-assign",
        NeverPlaced = "never_placed" => "metric-never-placed",
        OffersPerOrder = "offers_per_order" => "metric-offers-per-order",
        FirstOfferAccepted = "first_offer_accepted" => "metric-first-offer-accepted",
        CompletedOnTime = "completed_on_time" => "metric-completed-on-time",
        Cancelled = "cancelled" => "metric-cancelled",
        Disputed = "disputed" => "metric-disputed",
        HireRate = "hire_rate" => "metric-hire-rate",
        HireRating = "hire_rating" => "metric-hire-rating",
        HireQc = "hire_qc" => "metric-hire-qc",
        HireDisputes = "hire_disputes" => "metric-hire-disputes",
        HireWithdrawals = "hire_withdrawals" => "metric-hire-withdrawals",
        RecertPassed = "recert_passed" => "metric-recert-passed",
        Active30 = "active_30" => "metric-active-30",
        Active90 = "active_90" => "metric-active-90",
    }
}

/// Which way is better for a metric; the hire rate has none (more hires is neither good nor
/// bad by itself).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Better {
    Higher,
    Lower,
    Neither,
}

/// How a metric's stored integers read: a share of 0/1 values, or a mean divided by `scale`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Shape {
    Share,
    Mean { scale: i64 },
}

impl Metric {
    pub fn decision(self) -> DecisionKind {
        use Metric as M;
        match self {
            M::HireRate
            | M::HireRating
            | M::HireQc
            | M::HireDisputes
            | M::HireWithdrawals
            | M::RecertPassed
            | M::Active30
            | M::Active90 => DecisionKind::Screening,
            _ => DecisionKind::Matching,
        }
    }

    pub fn of(decision: DecisionKind) -> impl Iterator<Item = Metric> {
        Metric::ALL
            .iter()
            .copied()
            .filter(move |m| m.decision() == decision)
    }

    pub fn better(self) -> Better {
        use Metric as M;
        match self {
            M::MinutesToAssign
            | M::NeverPlaced
            | M::OffersPerOrder
            | M::Cancelled
            | M::Disputed
            | M::HireDisputes
            | M::HireWithdrawals => Better::Lower,
            M::HireRate => Better::Neither,
            _ => Better::Higher,
        }
    }

    pub fn shape(self) -> Shape {
        use Metric as M;
        match self {
            M::NeverPlaced
            | M::FirstOfferAccepted
            | M::CompletedOnTime
            | M::Cancelled
            | M::Disputed
            | M::HireRate
            | M::RecertPassed
            | M::Active30
            | M::Active90 => Shape::Share,
            // A hire's own averages are kept in hundredths so they stay integers.
            M::HireRating | M::HireQc => Shape::Mean { scale: 100 },
            _ => Shape::Mean { scale: 1 },
        }
    }

    /// The range a unit's value can take (in stored units), so an arm's interval never
    /// claims a share under 0 % or a rating over 5 stars.
    pub fn bounds(self) -> (f64, f64) {
        use Metric as M;
        match (self, self.shape()) {
            (_, Shape::Share) => (0.0, 1.0),
            (M::ClientRating | M::QcScore, _) => (1.0, 5.0),
            (M::HireRating | M::HireQc, _) => (100.0, 500.0),
            _ => (0.0, f64::INFINITY),
        }
    }

    /// Guardrails: an arm worse on one of these is flagged whatever the primary metric says.
    pub fn guardrail(self) -> bool {
        matches!(
            self,
            Metric::NeverPlaced
                | Metric::Cancelled
                | Metric::Disputed
                | Metric::HireDisputes
                | Metric::HireWithdrawals
        )
    }
}

/// One arm as a manager sets it up.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ArmSpec {
    pub label: String,
    pub share: i64,
    /// Matching: the strategy and the settings version it runs over.
    pub strategy: Option<String>,
    pub settings_version: Option<i64>,
    /// Screening: the policy version.
    pub policy_version: Option<i64>,
}

/// A new experiment before it is saved.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewExperiment {
    pub name: String,
    pub hypothesis: String,
    pub decision: DecisionKind,
    pub primary_metric: Metric,
    pub target_per_arm: i64,
    pub arms: Vec<ArmSpec>,
}

/// What is wrong with a new experiment, each with the Fluent id of its message.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Problem {
    Name,
    Arms,
    Shares,
    SameArms,
    ArmDecision,
    Metric,
    Target,
}

impl Problem {
    pub fn key(self) -> &'static str {
        match self {
            Problem::Name => "experiment-problem-name",
            Problem::Arms => "experiment-problem-arms",
            Problem::Shares => "experiment-problem-shares",
            Problem::SameArms => "experiment-problem-same-arms",
            Problem::ArmDecision => "experiment-problem-arm-decision",
            Problem::Metric => "experiment-problem-metric",
            Problem::Target => "experiment-problem-target",
        }
    }
}

pub const MAX_ARMS: usize = 4;

impl NewExperiment {
    pub fn validate(&self) -> Result<(), Problem> {
        let name = self.name.trim();
        if name.is_empty() || name.chars().count() > 120 || self.hypothesis.chars().count() > 2000 {
            return Err(Problem::Name);
        }
        if !(2..=MAX_ARMS).contains(&self.arms.len())
            || self
                .arms
                .iter()
                .any(|a| a.label.trim().is_empty() || a.label.chars().count() > 60)
        {
            return Err(Problem::Arms);
        }
        if self.arms.iter().any(|a| !(1..=99).contains(&a.share))
            || self.arms.iter().map(|a| a.share).sum::<i64>() != 100
        {
            return Err(Problem::Shares);
        }
        let fits = |a: &ArmSpec| match self.decision {
            DecisionKind::Matching => {
                matches!(a.strategy.as_deref(), Some("random" | "score"))
                    && a.settings_version.is_some()
                    && a.policy_version.is_none()
            }
            DecisionKind::Screening => {
                a.strategy.is_none() && a.settings_version.is_none() && a.policy_version.is_some()
            }
        };
        if !self.arms.iter().all(fits) {
            return Err(Problem::ArmDecision);
        }
        let key = |a: &ArmSpec| (a.strategy.clone(), a.settings_version, a.policy_version);
        let mut keys: Vec<_> = self.arms.iter().map(key).collect();
        keys.sort();
        keys.dedup();
        // Two identical arms are an A/A test: allowed only as exactly that, two of the same.
        if keys.len() != self.arms.len() && !(keys.len() == 1 && self.arms.len() == 2) {
            return Err(Problem::SameArms);
        }
        if self.primary_metric.decision() != self.decision {
            return Err(Problem::Metric);
        }
        if !(10..=1_000_000).contains(&self.target_per_arm) {
            return Err(Problem::Target);
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests;
