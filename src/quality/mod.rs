//! Quality control: the review queue (cancellations, disputes, a random sample), reviews
//! with fines, bonuses and dispute resolutions, workers' quality profiles, and insights.

pub mod handlers;
pub mod model;
pub mod routes;
pub mod service;
pub mod store;
pub mod views;
