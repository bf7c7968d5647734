//! The experiments' rules: metrics, arms and the statistics of their outcomes. Pure.

pub mod stats;
