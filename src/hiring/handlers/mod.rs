//! Hiring's web layer: thin handlers that parse, call the use case and render a view.

pub mod apply;
pub mod attempts;
pub mod candidates;
pub mod followup;
pub mod grading;
pub mod policies;
pub mod recert;
pub mod screening_tests;
