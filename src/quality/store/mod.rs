//! SQL of quality control: its own tables (`qc_reviews`, `qc_sample_draws`, `worker_qc`)
//! and what it reads of orders, people and services through the published views.

pub mod insights;
pub mod invariants;
pub mod reviews;
