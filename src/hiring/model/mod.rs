//! Hiring's typed statuses: where a candidate, a test assignment and a screening policy stand.

pub mod builder;
pub mod followup;
pub mod grading;
pub mod policy;

crate::status_enum! {
    /// Where an application stands.
    pub enum CandidateStatus {
        Applied = "applied" => "candidate-status-applied",
        Testing = "testing" => "candidate-status-testing",
        Hired = "hired" => "candidate-status-hired",
        Rejected = "rejected" => "candidate-status-rejected",
    }
}

crate::status_enum! {
    /// Where a test assigned to a candidate stands.
    pub enum AttemptStatus {
        Invited = "invited" => "attempt-status-invited",
        Started = "started" => "attempt-status-started",
        Submitted = "submitted" => "attempt-status-submitted",
        Graded = "graded" => "attempt-status-graded",
        Expired = "expired" => "attempt-status-expired",
    }
}

crate::status_enum! {
    /// A screening policy's life: drafted, then the one active, then retired.
    pub enum PolicyStatus {
        Draft = "draft" => "policy-status-draft",
        Active = "active" => "policy-status-active",
        Retired = "retired" => "policy-status-retired",
    }
}
