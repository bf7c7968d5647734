//! Quality control's use cases: the queue (opening reviews as orders change, assignment),
//! deciding a review, a worker's quality profile, and the insights.

pub mod insights;
pub mod profile;
pub mod queue;
pub mod review;
