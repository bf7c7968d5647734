//! Quality control's types and pure rules: the review's statuses, the sample draw, the
//! review form's checks, and what insights and profiles say.

pub mod insights;
pub mod review;
pub mod sampling;

crate::status_enum! {
    /// Where a review stands: waiting for a reviewer, or decided (with a score).
    pub enum ReviewStatus {
        Open = "open" => "qc-status-open",
        Done = "done" => "qc-status-done",
    }
}

crate::status_enum! {
    /// Why an order is in the queue.
    pub enum ReviewReason {
        Cancelled = "cancelled" => "qc-reason-cancelled",
        Disputed = "disputed" => "qc-reason-disputed",
        Sample = "sample" => "qc-reason-sample",
        Withdrawn = "withdrawn" => "qc-reason-withdrawn",
    }
}

crate::status_enum! {
    /// How a dispute was settled, as stored on the review.
    pub enum ResolutionKind {
        Complete = "complete" => "qc-resolve-complete",
        Adjust = "adjust" => "qc-resolve-adjust",
        Cancel = "cancel" => "qc-resolve-cancel",
    }
}

/// The queue's filters, from the query string (unknown values are ignored).
#[derive(Debug, Clone, Default, serde::Deserialize)]
#[serde(default)]
pub struct Filter {
    pub status: String,
    pub reason: String,
    /// "me", "none", or empty for everyone.
    pub assignee: String,
    pub page: Option<i64>,
}
