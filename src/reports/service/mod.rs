//! Reports' use cases: the dashboard's data for a period, gathered from the rollups.

pub mod dashboard;
