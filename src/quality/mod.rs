//! Quality control: the review queue (cancellations, disputes, a random sample), reviews
//! with fines, bonuses and dispute resolutions, workers' quality profiles, and insights.

pub mod insights;
pub mod insights_view;
pub mod invariants;
pub mod pages;
pub mod profile;
pub mod queue;
pub mod review;
pub mod routes;
pub mod sampling;
pub mod views;
